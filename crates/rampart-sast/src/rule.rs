//! Semgrep YAML rules → [`Rule`]s with compiled patterns.
//!
//! Every key is either understood or an error naming the rule and the key: a rule that
//! silently ignored a `pattern-not` would report what its author excluded. One bad rule is
//! reported and skipped; the others in the file still load.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rampart_core::{Confidence, RuleMeta, Severity};

use crate::lang::Grammar;
use crate::pattern::{Interner, Pattern};
use crate::yaml::{V, Y};

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {}{msg}", rule.as_ref().map(|r| format!("rule `{r}`: ")).unwrap_or_default())]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub rule: Option<String>,
    pub msg: String,
}

/// A regex: the fast engine when it can, `fancy-regex` for look-around and back-references.
#[derive(Debug)]
pub enum Re {
    Fast(regex::Regex),
    Fancy(Box<fancy_regex::Regex>),
}

impl Re {
    pub fn new(pattern: &str) -> Result<Re, String> {
        match regex::Regex::new(pattern) {
            Ok(r) => Ok(Re::Fast(r)),
            Err(_) => fancy_regex::Regex::new(pattern)
                .map(|r| Re::Fancy(Box::new(r)))
                .map_err(|e| format!("invalid regex {pattern:?}: {e}")),
        }
    }

    /// Byte ranges of every match.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        match self {
            Re::Fast(r) => r.find_iter(text).map(|m| (m.start(), m.end())).collect(),
            Re::Fancy(r) => r
                .find_iter(text)
                .filter_map(Result::ok)
                .map(|m| (m.start(), m.end()))
                .take(100_000)
                .collect(),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Re::Fast(r) => r.is_match(text),
            Re::Fancy(r) => r.is_match(text).unwrap_or(false),
        }
    }
}

/// A pattern compiled for each grammar of its rule.
#[derive(Debug)]
pub struct PatSet(pub Vec<(Grammar, Pattern)>);

impl PatSet {
    pub fn get(&self, g: Grammar) -> Option<&Pattern> {
        self.0.iter().find(|(x, _)| *x == g).map(|(_, p)| p)
    }
}

#[derive(Debug)]
pub enum Formula {
    Pattern(PatSet),
    Regex(Re),
    Either(Vec<Formula>),
    And(Vec<Clause>),
}

#[derive(Debug)]
pub enum Clause {
    Pos(Formula),
    Inside(Formula),
    Not(Formula),
    NotInside(Formula),
    NotRegex(Re),
    MvRegex { mv: u16, re: Re },
    MvPattern { mv: u16, f: Formula },
    MvCompare { expr: crate::compare::Expr },
    Focus(Vec<u16>),
}

#[derive(Debug)]
pub struct TaintPat {
    pub f: Formula,
    pub exact: bool,
    pub by_side_effect: bool,
}

#[derive(Debug)]
pub struct Propagator {
    pub f: Formula,
    pub from: u16,
    pub to: u16,
}

#[derive(Debug)]
pub struct TaintSpec {
    pub sources: Vec<TaintPat>,
    pub sinks: Vec<TaintPat>,
    pub sanitizers: Vec<TaintPat>,
    pub propagators: Vec<Propagator>,
}

#[derive(Debug)]
pub enum Body {
    Search(Formula),
    Taint(TaintSpec),
}

/// `rules explain` text from the optional `metadata.rampart` block.
#[derive(Debug, Clone, Default)]
pub struct Explain {
    pub title: Option<String>,
    pub why: Option<String>,
    pub fix: Option<String>,
    pub example: Option<String>,
}

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    /// The file the rule came from (`python/sqli.yaml`, or the path given to `--config`).
    pub file: String,
    pub line: usize,
    pub grammars: Vec<Grammar>,
    pub message: String,
    pub meta: RuleMeta,
    pub owasp: Vec<String>,
    pub explain: Explain,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub body: Body,
}

impl Rule {
    /// Whether the rule's `paths:` let it run on `rel_path`.
    pub fn applies_to(&self, rel_path: &str) -> bool {
        let candidates = path_suffixes(rel_path);
        if let Some(inc) = &self.include
            && !candidates.iter().any(|p| inc.is_match(p))
        {
            return false;
        }
        if let Some(exc) = &self.exclude
            && candidates.iter().any(|p| exc.is_match(p))
        {
            return false;
        }
        true
    }
}

/// `a/b/c.py`, `b/c.py`, `c.py`: Semgrep path globs match anywhere in the path.
fn path_suffixes(p: &str) -> Vec<&str> {
    let mut v = vec![p];
    let mut rest = p;
    while let Some((_, r)) = rest.split_once('/') {
        v.push(r);
        rest = r;
    }
    v
}

/// Top-level rule keys and what rampart does with them.
const RULE_KEYS: &[&str] = &[
    "id",
    "languages",
    "severity",
    "message",
    "metadata",
    "paths",
    "pattern",
    "patterns",
    "pattern-either",
    "pattern-regex",
    "mode",
    "pattern-sources",
    "pattern-sinks",
    "pattern-sanitizers",
    "pattern-propagators",
    "options",
    // Autofix and version gates do not change what matches.
    "fix",
    "fix-regex",
    "min-version",
    "max-version",
];

/// `options:` that only tune precision or performance in Semgrep; rampart's behaviour is
/// documented in ARCHITECTURE.md for each.
const ACCEPTED_OPTIONS: &[&str] = &[
    "symbolic_propagation",
    "constant_propagation",
    "interfile",
    "taint_assume_safe_numbers",
    "taint_assume_safe_booleans",
    "taint_assume_safe_indexes",
    "taint_assume_safe_functions",
    "taint_unify_mvars",
    "generic_ellipsis_max_span",
    "generic_engine",
    "commutative_boolop",
    "ac_matching",
    "vardef_assign",
    "attr_expr",
    "arrow_is_function",
    "let_is_var",
    "go_deeper_expr",
    "go_deeper_stmt",
    "implicit_return",
    "decorators_order_matters",
    "max_match_per_file",
    "taint_focus_on",
    "taint_only_propagate_through_assignments",
    "unify_ids_strictly",
    "xml_attrs_implicit_ellipsis",
];

struct Ctx<'a> {
    file: &'a str,
    rule: String,
    grammars: Vec<Grammar>,
    /// `options.symbolic_propagation: true`.
    symbolic: bool,
    interner: &'a mut Interner,
}

impl Ctx<'_> {
    fn err(&self, line: usize, msg: impl Into<String>) -> RuleError {
        RuleError {
            file: self.file.to_string(),
            line,
            rule: Some(self.rule.clone()),
            msg: msg.into(),
        }
    }

    fn pattern(&mut self, y: &Y) -> Result<Formula, RuleError> {
        let text = y
            .scalar_text()
            .ok_or_else(|| self.err(y.line, "a pattern must be a string"))?;
        let mut set = Vec::new();
        for g in self.grammars.clone() {
            let mut p = Pattern::compile(&text, g, self.interner)
                .map_err(|e| self.err(y.line, e.to_string()))?;
            p.symbolic = self.symbolic;
            set.push((g, p));
        }
        Ok(Formula::Pattern(PatSet(set)))
    }

    fn regex(&self, y: &Y) -> Result<Re, RuleError> {
        let text = y
            .scalar_text()
            .ok_or_else(|| self.err(y.line, "a regex must be a string"))?;
        // Semgrep's regexes are PCRE with `^`/`$` at line boundaries.
        Re::new(&format!("(?m){text}")).map_err(|e| self.err(y.line, e))
    }

    fn mv(&mut self, y: Option<&Y>, line: usize) -> Result<u16, RuleError> {
        let name = y
            .and_then(Y::as_str)
            .ok_or_else(|| self.err(line, "`metavariable` must name a metavariable"))?;
        Ok(self.interner.id(name.trim()))
    }

    /// A formula given as a map with one operator (`pattern`, `patterns`, …), ignoring the
    /// keys in `extra` (handled by the caller).
    fn formula_map(&mut self, y: &Y, extra: &[&str]) -> Result<Formula, RuleError> {
        let map = y
            .as_map()
            .ok_or_else(|| self.err(y.line, "expected a map with `pattern`, `patterns`, …"))?;
        let mut found = None;
        for (k, v) in map {
            if extra.contains(&k.as_str()) {
                continue;
            }
            let f = match k.as_str() {
                "pattern" => self.pattern(v)?,
                "patterns" => self.patterns(v)?,
                "pattern-either" => self.either(v)?,
                "pattern-regex" => Formula::Regex(self.regex(v)?),
                "pattern-inside" => Formula::And(vec![Clause::Inside(self.operand(v)?)]),
                other => return Err(self.err(v.line, format!("unsupported key `{other}`"))),
            };
            if found.is_some() {
                return Err(self.err(v.line, format!("`{k}` beside another pattern operator")));
            }
            found = Some(f);
        }
        found.ok_or_else(|| self.err(y.line, "no pattern operator"))
    }

    /// The value of `pattern-inside` / `pattern-not` …: a pattern string or a formula map.
    fn operand(&mut self, y: &Y) -> Result<Formula, RuleError> {
        if y.as_map().is_some() {
            self.formula_map(y, &[])
        } else {
            self.pattern(y)
        }
    }

    fn either(&mut self, y: &Y) -> Result<Formula, RuleError> {
        let items = y
            .as_seq()
            .ok_or_else(|| self.err(y.line, "`pattern-either` must be a list"))?;
        let mut out = Vec::new();
        for i in items {
            out.push(self.operand(i)?);
        }
        Ok(Formula::Either(out))
    }

    fn patterns(&mut self, y: &Y) -> Result<Formula, RuleError> {
        let items = y
            .as_seq()
            .ok_or_else(|| self.err(y.line, "`patterns` must be a list"))?;
        let mut clauses = Vec::new();
        for item in items {
            let map = item
                .as_map()
                .ok_or_else(|| self.err(item.line, "each `patterns` item is a map"))?;
            for (k, v) in map {
                clauses.push(self.clause(k, v)?);
            }
        }
        Ok(Formula::And(clauses))
    }

    fn clause(&mut self, k: &str, v: &Y) -> Result<Clause, RuleError> {
        Ok(match k {
            "pattern" => Clause::Pos(self.pattern(v)?),
            "patterns" => inside_or_pos(self.patterns(v)?),
            "pattern-either" => inside_or_pos(self.either(v)?),
            "pattern-regex" => Clause::Pos(Formula::Regex(self.regex(v)?)),
            "pattern-inside" => Clause::Inside(self.operand(v)?),
            "pattern-not-inside" => Clause::NotInside(self.operand(v)?),
            "pattern-not" => Clause::Not(self.operand(v)?),
            "pattern-not-regex" => Clause::NotRegex(self.regex(v)?),
            "focus-metavariable" => {
                let names = v.strings();
                if names.is_empty() {
                    return Err(self.err(v.line, "`focus-metavariable` names no metavariable"));
                }
                Clause::Focus(names.iter().map(|n| self.interner.id(n.trim())).collect())
            }
            "metavariable-regex" => {
                self.only_keys(v, &["metavariable", "regex", "constant-propagation"])?;
                let mv = self.mv(v.get("metavariable"), v.line)?;
                let r = v
                    .get("regex")
                    .ok_or_else(|| self.err(v.line, "`metavariable-regex` needs `regex`"))?;
                let text = r.scalar_text().unwrap_or_default();
                // Semgrep anchors metavariable regexes at the start of the value.
                let re = Re::new(&format!("^(?:{text})")).map_err(|e| self.err(r.line, e))?;
                Clause::MvRegex { mv, re }
            }
            "metavariable-pattern" => {
                let mv = self.mv(v.get("metavariable"), v.line)?;
                if let Some(lang) = v.get("language").and_then(Y::as_str) {
                    let same = Grammar::for_rule_language(lang)
                        .is_some_and(|gs| gs.iter().any(|g| self.grammars.contains(g)));
                    let regex_only = v.get("pattern-regex").is_some();
                    if !same && !regex_only {
                        return Err(self.err(
                            v.line,
                            format!("unsupported `metavariable-pattern` language `{lang}`"),
                        ));
                    }
                }
                let f = self.formula_map(v, &["metavariable", "language"])?;
                Clause::MvPattern { mv, f }
            }
            "metavariable-comparison" => {
                self.only_keys(v, &["metavariable", "comparison", "strip", "base"])?;
                let text = v
                    .get("comparison")
                    .and_then(Y::scalar_text)
                    .ok_or_else(|| {
                        self.err(v.line, "`metavariable-comparison` needs `comparison`")
                    })?;
                let expr = crate::compare::parse(&text, self.interner)
                    .map_err(|e| self.err(v.line, format!("comparison {text:?}: {e}")))?;
                Clause::MvCompare { expr }
            }
            other => return Err(self.err(v.line, format!("unsupported key `{other}`"))),
        })
    }

    fn only_keys(&self, y: &Y, allowed: &[&str]) -> Result<(), RuleError> {
        for (k, v) in y.as_map().unwrap_or(&[]) {
            if !allowed.contains(&k.as_str()) {
                return Err(self.err(v.line, format!("unsupported key `{k}`")));
            }
        }
        Ok(())
    }

    fn taint_pats(&mut self, y: &Y, what: &str) -> Result<Vec<TaintPat>, RuleError> {
        let items = y
            .as_seq()
            .ok_or_else(|| self.err(y.line, format!("`{what}` must be a list")))?;
        let mut out = Vec::new();
        for i in items {
            let f = self.formula_map(
                i,
                &["exact", "by-side-effect", "label", "requires", "control"],
            )?;
            for key in ["label", "requires", "control"] {
                if let Some(v) = i.get(key) {
                    return Err(self.err(v.line, format!("unsupported key `{key}` (taint labels)")));
                }
            }
            let flag = |k: &str| {
                i.get(k)
                    .is_some_and(|v| matches!(v.v, V::Bool(true)) || v.as_str() == Some("only"))
            };
            out.push(TaintPat {
                f,
                exact: flag("exact"),
                by_side_effect: flag("by-side-effect"),
            });
        }
        Ok(out)
    }

    fn propagators(&mut self, y: &Y) -> Result<Vec<Propagator>, RuleError> {
        let items = y
            .as_seq()
            .ok_or_else(|| self.err(y.line, "`pattern-propagators` must be a list"))?;
        let mut out = Vec::new();
        for i in items {
            let f = self.formula_map(i, &["from", "to", "by-side-effect"])?;
            let from = self.mv(i.get("from"), i.line)?;
            let to = self.mv(i.get("to"), i.line)?;
            out.push(Propagator { f, from, to });
        }
        Ok(out)
    }
}

/// A `pattern-either` or `patterns` term made only of `pattern-inside`s (and filters)
/// constrains where matches lie, as Semgrep does, rather than being a match itself.
fn inside_or_pos(f: Formula) -> Clause {
    if inside_like(&f) {
        Clause::Inside(f)
    } else {
        Clause::Pos(f)
    }
}

fn inside_like(f: &Formula) -> bool {
    match f {
        Formula::Either(fs) => !fs.is_empty() && fs.iter().all(inside_like),
        Formula::And(cs) => {
            !cs.iter().any(|c| matches!(c, Clause::Pos(_)))
                && cs.iter().any(|c| matches!(c, Clause::Inside(_)))
        }
        _ => false,
    }
}

fn severity(s: &str) -> Option<Severity> {
    Some(match s.to_ascii_uppercase().as_str() {
        "CRITICAL" => Severity::Critical,
        "ERROR" | "HIGH" => Severity::High,
        "WARNING" | "MEDIUM" => Severity::Medium,
        "INFO" | "LOW" => Severity::Low,
        "INVENTORY" | "EXPERIMENT" => Severity::Info,
        _ => return None,
    })
}

/// `"CWE-89: Improper Neutralization …"` or a list of them → `[89]`.
pub fn parse_cwes(y: Option<&Y>) -> Vec<u32> {
    let mut out = Vec::new();
    for s in y.map(Y::strings).unwrap_or_default() {
        let up = s.to_ascii_uppercase();
        if let Some(rest) = up.trim().strip_prefix("CWE-") {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse() {
                out.push(n);
            }
        }
    }
    out.dedup();
    out
}

fn globs(y: Option<&Y>) -> Result<Option<GlobSet>, String> {
    let Some(y) = y else { return Ok(None) };
    let list = y.strings();
    if list.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in list {
        let g = g.trim_start_matches("./").trim_start_matches('/');
        for form in [g.to_string(), format!("{}/**", g.trim_end_matches('/'))] {
            b.add(
                GlobBuilder::new(&form)
                    .literal_separator(false)
                    .build()
                    .map_err(|e| format!("bad path glob {g:?}: {e}"))?,
            );
        }
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// Parses a Semgrep rule file. Returns the rules that loaded and one error per rule (or per
/// file, when the YAML itself is broken) that did not.
pub fn parse_rules(src: &str, file: &str, interner: &mut Interner) -> (Vec<Rule>, Vec<RuleError>) {
    let doc = match crate::yaml::parse(src) {
        Ok(d) => d,
        Err((line, msg)) => {
            return (
                Vec::new(),
                vec![RuleError {
                    file: file.to_string(),
                    line,
                    rule: None,
                    msg: format!("invalid YAML: {msg}"),
                }],
            );
        }
    };
    let Some(list) = doc.get("rules").and_then(Y::as_seq) else {
        return (
            Vec::new(),
            vec![RuleError {
                file: file.to_string(),
                line: doc.line,
                rule: None,
                msg: "no `rules:` list".into(),
            }],
        );
    };
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for item in list {
        match parse_rule(item, file, interner) {
            Ok(r) => rules.push(r),
            Err(e) => errors.push(e),
        }
    }
    (rules, errors)
}

fn parse_rule(y: &Y, file: &str, interner: &mut Interner) -> Result<Rule, RuleError> {
    let id = y
        .get("id")
        .and_then(Y::scalar_text)
        .ok_or_else(|| RuleError {
            file: file.to_string(),
            line: y.line,
            rule: None,
            msg: "a rule without `id`".into(),
        })?;
    let mut cx = Ctx {
        file,
        rule: id.clone(),
        grammars: Vec::new(),
        symbolic: false,
        interner,
    };
    let map = y
        .as_map()
        .ok_or_else(|| cx.err(y.line, "a rule must be a map"))?;
    for (k, v) in map {
        if !RULE_KEYS.contains(&k.as_str()) {
            return Err(cx.err(v.line, format!("unsupported key `{k}`")));
        }
    }
    if let Some(opts) = y.get("options").and_then(Y::as_map) {
        for (k, v) in opts {
            if !ACCEPTED_OPTIONS.contains(&k.as_str()) {
                return Err(cx.err(v.line, format!("unsupported key `options.{k}`")));
            }
            if k == "symbolic_propagation" {
                cx.symbolic = matches!(v.v, V::Bool(true));
            }
        }
    }
    let langs = y.get("languages").map(Y::strings).unwrap_or_default();
    if langs.is_empty() {
        return Err(cx.err(y.line, "`languages` is missing"));
    }
    for l in &langs {
        match Grammar::for_rule_language(l) {
            Some(gs) => {
                for g in gs {
                    if !cx.grammars.contains(g) {
                        cx.grammars.push(*g);
                    }
                }
            }
            None => {
                return Err(cx.err(
                    y.get("languages").map_or(y.line, |l| l.line),
                    format!("unsupported language `{l}`"),
                ));
            }
        }
    }
    let sev_text = y
        .get("severity")
        .and_then(Y::scalar_text)
        .unwrap_or_default();
    let sev = severity(&sev_text)
        .ok_or_else(|| cx.err(y.line, format!("unknown severity `{sev_text}`")))?;
    let message = y
        .get("message")
        .and_then(Y::scalar_text)
        .unwrap_or_default()
        .trim()
        .to_string();
    let meta = y.get("metadata");
    let confidence = match meta
        .and_then(|m| m.get("confidence"))
        .and_then(Y::scalar_text)
        .map(|s| s.to_ascii_uppercase())
        .as_deref()
    {
        Some("HIGH") => Confidence::High,
        Some("LOW") => Confidence::Low,
        _ => Confidence::Medium,
    };
    let explain = meta
        .and_then(|m| m.get("rampart"))
        .map(|r| Explain {
            title: r.get("title").and_then(Y::scalar_text),
            why: r.get("why").and_then(Y::scalar_text),
            fix: r.get("fix").and_then(Y::scalar_text),
            example: r.get("example").and_then(Y::scalar_text),
        })
        .unwrap_or_default();
    let first_line = message.lines().next().unwrap_or("").trim().to_string();
    let title = explain.title.clone().unwrap_or_else(|| {
        let t: String = first_line.chars().take(100).collect();
        if t.is_empty() { id.clone() } else { t }
    });
    let references = meta
        .and_then(|m| m.get("references"))
        .map(Y::strings)
        .unwrap_or_default();
    let rule_meta = RuleMeta {
        id: id.clone(),
        analyzer: "sast".into(),
        title,
        description: explain.why.clone().unwrap_or_else(|| message.clone()),
        severity: sev,
        confidence,
        cwe: parse_cwes(meta.and_then(|m| m.get("cwe"))),
        remediation: explain.fix.clone().unwrap_or_default(),
        references,
    };
    let owasp = meta
        .and_then(|m| m.get("owasp"))
        .map(Y::strings)
        .unwrap_or_default();
    let paths = y.get("paths");
    if let Some(p) = paths.and_then(Y::as_map) {
        for (k, v) in p {
            if k != "include" && k != "exclude" {
                return Err(cx.err(v.line, format!("unsupported key `paths.{k}`")));
            }
        }
    }
    let include = globs(paths.and_then(|p| p.get("include"))).map_err(|e| cx.err(y.line, e))?;
    let exclude = globs(paths.and_then(|p| p.get("exclude"))).map_err(|e| cx.err(y.line, e))?;
    let mode = y.get("mode").and_then(Y::as_str).unwrap_or("search");
    let body = match mode {
        "taint" => {
            let get = |k: &str| y.get(k);
            let sources = match get("pattern-sources") {
                Some(v) => cx.taint_pats(v, "pattern-sources")?,
                None => return Err(cx.err(y.line, "taint rule without `pattern-sources`")),
            };
            let sinks = match get("pattern-sinks") {
                Some(v) => cx.taint_pats(v, "pattern-sinks")?,
                None => return Err(cx.err(y.line, "taint rule without `pattern-sinks`")),
            };
            let sanitizers = match get("pattern-sanitizers") {
                Some(v) => cx.taint_pats(v, "pattern-sanitizers")?,
                None => Vec::new(),
            };
            let propagators = match get("pattern-propagators") {
                Some(v) => cx.propagators(v)?,
                None => Vec::new(),
            };
            Body::Taint(TaintSpec {
                sources,
                sinks,
                sanitizers,
                propagators,
            })
        }
        "search" => {
            let ops: Vec<&(String, Y)> = map
                .iter()
                .filter(|(k, _)| {
                    matches!(
                        k.as_str(),
                        "pattern" | "patterns" | "pattern-either" | "pattern-regex"
                    )
                })
                .collect();
            if ops.len() != 1 {
                return Err(cx.err(
                    y.line,
                    "a search rule needs exactly one of `pattern`, `patterns`, `pattern-either`, `pattern-regex`",
                ));
            }
            let (k, v) = ops[0];
            Body::Search(match k.as_str() {
                "pattern" => cx.pattern(v)?,
                "patterns" => cx.patterns(v)?,
                "pattern-either" => cx.either(v)?,
                _ => Formula::Regex(cx.regex(v)?),
            })
        }
        other => return Err(cx.err(y.line, format!("unsupported mode `{other}`"))),
    };
    Ok(Rule {
        id,
        file: file.to_string(),
        line: y.line,
        grammars: cx.grammars,
        message,
        meta: rule_meta,
        owasp,
        explain,
        include,
        exclude,
        body,
    })
}
