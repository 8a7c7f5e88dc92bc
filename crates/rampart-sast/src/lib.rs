//! rampart's SAST analyzer: Semgrep-syntax YAML rules run on tree-sitter trees.
//!
//! * [`lang`]: one adapter per grammar (Python, JavaScript, TypeScript/TSX, Java, Go).
//! * [`rule`]: the rule loader; [`pattern`]: pattern compilation; [`matcher`]: structural
//!   matching; [`eval`]: the formula semantics; [`taint`]: dataflow with function summaries.
//! * [`RuleSet`]: the rules of one scan with their prefilter; [`SastAnalyzer`]: the engine's
//!   [`Analyzer`].
//! * [`testing`]: `rampart rules test`, the `semgrep --test` contract.

pub mod compare;
pub mod constant;
pub mod eval;
pub mod lang;
pub mod matcher;
pub mod pattern;
mod prefilter;
pub mod rule;
pub mod taint;
pub mod testing;
pub mod tree;
mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rampart_core::{Finding, FlowStep, Location, RuleMeta};
use rampart_engine::{AnalyzeError, Analyzer, Budget, Language, SourceFile};

pub use lang::Grammar;
pub use rule::{Rule, RuleError};

use crate::matcher::{FileCtx, Match};
use crate::pattern::Interner;
use crate::rule::Body;
use crate::tree::Tree;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The built-in rule files: `(path under rules/, YAML text)`.
pub fn builtin_rule_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULE_FILES
}

/// Version string of the built-in SAST pack: its rule count.
pub fn rule_pack_version() -> String {
    format!("sast-builtin-{}-files", BUILTIN_RULE_FILES.len())
}

/// Collects rules from YAML text, files and folders, keeping going past bad rules.
#[derive(Default)]
pub struct RuleSetBuilder {
    rules: Vec<Rule>,
    interner: Interner,
    errors: Vec<RuleError>,
}

impl RuleSetBuilder {
    pub fn new() -> RuleSetBuilder {
        RuleSetBuilder::default()
    }

    pub fn with_builtin(mut self) -> RuleSetBuilder {
        for (name, src) in BUILTIN_RULE_FILES {
            self.add_str(src, &format!("builtin:{name}"));
        }
        self
    }

    pub fn add_str(&mut self, src: &str, file: &str) {
        let (rules, errors) = rule::parse_rules(src, file, &mut self.interner);
        self.rules.extend(rules);
        self.errors.extend(errors);
    }

    /// A rule file, or every `*.yaml` / `*.yml` under a folder.
    pub fn add_path(&mut self, path: &Path) -> Result<(), std::io::Error> {
        for f in rule_files(path)? {
            match std::fs::read_to_string(&f) {
                Ok(src) => self.add_str(&src, &f.display().to_string()),
                Err(e) => self.errors.push(RuleError {
                    file: f.display().to_string(),
                    line: 0,
                    rule: None,
                    msg: format!("cannot read: {e}"),
                }),
            }
        }
        Ok(())
    }

    pub fn build(self) -> RuleSet {
        let prefilter = prefilter::Prefilter::new(&self.rules);
        RuleSet {
            rules: self.rules,
            interner: self.interner,
            errors: self.errors,
            prefilter,
        }
    }
}

/// Rule files under `path` (or `path` itself), sorted.
pub fn rule_files(path: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir)? {
            let p = e?.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if (name.ends_with(".yaml") || name.ends_with(".yml"))
                && !name.ends_with(".test.yaml")
                && !name.ends_with(".test.yml")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The rules of one scan.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub interner: Interner,
    /// Rules that did not load, each with its file, line, rule id and reason.
    pub errors: Vec<RuleError>,
    prefilter: prefilter::Prefilter,
}

/// A finding before it becomes a [`Finding`]: which rule, where, and the taint trace.
pub struct RawFinding {
    pub rule: usize,
    pub m: Match,
    pub flow: Vec<(u32, u32, String)>,
}

/// What scanning one file produced.
pub struct FileOutcome {
    pub findings: Vec<Finding>,
    /// ERROR / MISSING nodes: the file did not parse completely and was analysed on what did.
    pub syntax_errors: usize,
    pub out_of_time: bool,
}

impl RuleSet {
    pub fn builtin() -> RuleSet {
        RuleSetBuilder::new().with_builtin().build()
    }

    pub fn grammars(&self) -> Vec<Grammar> {
        let mut g: Vec<Grammar> = self.rules.iter().flat_map(|r| r.grammars.clone()).collect();
        g.sort();
        g.dedup();
        g
    }

    pub fn metas(&self) -> Vec<RuleMeta> {
        self.rules.iter().map(|r| r.meta.clone()).collect()
    }

    /// Runs every applicable rule on one file (parsed once).
    pub fn scan_source(
        &self,
        rel_path: &str,
        grammar: Grammar,
        src: String,
        budget: &Budget,
    ) -> Result<FileOutcome, AnalyzeError> {
        self.scan(rel_path, grammar, src, budget, true)
    }

    /// As [`RuleSet::scan_source`], ignoring the rules' `paths:` (test files have names of
    /// their own).
    pub fn scan_source_for_test(
        &self,
        rel_path: &str,
        grammar: Grammar,
        src: String,
        budget: &Budget,
    ) -> Result<FileOutcome, AnalyzeError> {
        self.scan(rel_path, grammar, src, budget, false)
    }

    fn scan(
        &self,
        rel_path: &str,
        grammar: Grammar,
        src: String,
        budget: &Budget,
        respect_paths: bool,
    ) -> Result<FileOutcome, AnalyzeError> {
        let candidates: Vec<usize> = (0..self.rules.len())
            .filter(|i| {
                let r = &self.rules[*i];
                r.grammars.contains(&grammar) && (!respect_paths || r.applies_to(rel_path))
            })
            .collect();
        if candidates.is_empty() {
            return Ok(FileOutcome {
                findings: Vec::new(),
                syntax_errors: 0,
                out_of_time: false,
            });
        }
        let present = self.prefilter.present(src.as_bytes());
        let candidates: Vec<usize> = candidates
            .into_iter()
            .filter(|i| self.prefilter.may_match(*i, &present))
            .collect();
        if candidates.is_empty() {
            return Ok(FileOutcome {
                findings: Vec::new(),
                syntax_errors: 0,
                out_of_time: false,
            });
        }
        let tree = Tree::parse(grammar, src, budget).map_err(|e| match e {
            tree::ParseError::Budget => AnalyzeError::BudgetExceeded,
            e => AnalyzeError::Failed(e.to_string()),
        })?;
        let ctx = FileCtx::new(&tree, budget);
        let mut raw = Vec::new();
        for i in candidates {
            let rule = &self.rules[i];
            match &rule.body {
                Body::Search(f) => {
                    for m in eval::eval(&ctx, f, None) {
                        raw.push(RawFinding {
                            rule: i,
                            m,
                            flow: Vec::new(),
                        });
                    }
                }
                Body::Taint(spec) => {
                    for (m, flow) in taint::run(&ctx, spec) {
                        raw.push(RawFinding { rule: i, m, flow });
                    }
                }
            }
            if ctx.out_of_time.get() {
                break;
            }
        }
        raw.sort_by_key(|r| (r.rule, r.m.start, r.m.end));
        raw.dedup_by_key(|r| (r.rule, r.m.start, r.m.end));
        let findings = raw
            .into_iter()
            .map(|r| self.finding(&ctx, rel_path, r))
            .collect();
        Ok(FileOutcome {
            findings,
            syntax_errors: tree.errors,
            out_of_time: ctx.out_of_time.get(),
        })
    }

    fn finding(&self, ctx: &FileCtx, rel_path: &str, r: RawFinding) -> Finding {
        let rule = &self.rules[r.rule];
        let tree = ctx.tree;
        let loc = |s: u32, e: u32| {
            let (sl, sc) = tree.line_col(s);
            let (el, ec) = tree.line_col(e);
            Location {
                path: rel_path.to_string(),
                start_line: sl,
                start_column: sc,
                end_line: el,
                end_column: ec,
            }
        };
        let location = loc(r.m.start, r.m.end);
        let message = self.interpolate(ctx, &rule.message, &r.m);
        let mut snippet = snippet(&tree.src, r.m.start);
        let mut message = message;
        // A hard-coded credential finding would otherwise print the credential itself.
        if rule.meta.cwe.iter().any(|c| CREDENTIAL_CWES.contains(c)) {
            snippet = redact_literals(&snippet);
            message = redact_literals(&message);
        }
        let mut f = rule.meta.finding(message, location, snippet);
        f.flow = r
            .flow
            .iter()
            .map(|(s, e, msg)| FlowStep {
                location: loc(*s, *e),
                message: msg.clone(),
            })
            .collect();
        f
    }

    /// `$X` in a message → the text bound to `$X` (first line, shortened).
    fn interpolate(&self, ctx: &FileCtx, msg: &str, m: &Match) -> String {
        let mut out = String::with_capacity(msg.len());
        let b = msg.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'$' {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                let name = &msg[i..j];
                if let Some(v) = self.interner.get(name)
                    && let Some((_, bound)) = m.b.iter().find(|(k, _)| *k == v)
                {
                    let t = eval::text(ctx, bound);
                    let line = t.lines().next().unwrap_or("");
                    let short: String = line.chars().take(80).collect();
                    out.push_str(&short);
                    i = j;
                    continue;
                }
            }
            let ch = msg[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
        out
    }
}

/// CWEs of rules that find credentials in code: their snippets and messages never show a
/// string literal in full (hard-coded password, credentials, key).
const CREDENTIAL_CWES: &[u32] = &[259, 321, 798];

/// Every quoted string's content replaced by its redacted form (`"hunter2…"` → `"hunt…(12)"`).
fn redact_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        let quote = rest[open..].chars().next().expect("found");
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(quote) {
            Some(close) => {
                let content = &after[..close];
                if !content.is_empty() {
                    out.push_str(&rampart_core::redact(content));
                }
                out.push(quote);
                rest = &after[close + 1..];
            }
            None => {
                // An unterminated literal (the snippet was cut): hide the remainder.
                if !after.is_empty() {
                    out.push_str(&rampart_core::redact(after));
                }
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The line a match starts on, trimmed and shortened.
fn snippet(src: &str, start: u32) -> String {
    let s = start as usize;
    let line_start = src[..s].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[s..].find('\n').map_or(src.len(), |i| s + i);
    let line = src[line_start..line_end].trim();
    line.chars().take(200).collect()
}

/// The engine's view of the SAST rules.
pub struct SastAnalyzer {
    set: RuleSet,
    grammars: Vec<Grammar>,
    syntax_error_files: Arc<AtomicUsize>,
}

impl SastAnalyzer {
    pub fn new(set: RuleSet) -> SastAnalyzer {
        let grammars = set.grammars();
        SastAnalyzer {
            set,
            grammars,
            syntax_error_files: Arc::new(AtomicUsize::new(0)),
        }
    }

    pub fn rule_set(&self) -> &RuleSet {
        &self.set
    }

    /// Files that did not parse completely (analysed on what parsed).
    pub fn syntax_error_files(&self) -> usize {
        self.syntax_error_files.load(Ordering::Relaxed)
    }

    /// The counter behind [`SastAnalyzer::syntax_error_files`], readable after the analyzer
    /// has been handed to the engine.
    pub fn syntax_error_counter(&self) -> Arc<AtomicUsize> {
        Arc::clone(&self.syntax_error_files)
    }
}

impl Analyzer for SastAnalyzer {
    fn name(&self) -> &'static str {
        "sast"
    }

    fn rules(&self) -> Vec<RuleMeta> {
        self.set.metas()
    }

    fn wants(&self, language: Language, rel_path: &str) -> bool {
        matches!(
            language,
            Language::Python
                | Language::JavaScript
                | Language::TypeScript
                | Language::Java
                | Language::Go
        ) && Grammar::for_path(rel_path).is_some_and(|g| self.grammars.contains(&g))
    }

    fn analyze(
        &self,
        file: &SourceFile,
        budget: &Budget,
        out: &mut Vec<Finding>,
    ) -> Result<(), AnalyzeError> {
        let Some(grammar) = Grammar::for_path(file.rel_path) else {
            return Ok(());
        };
        let src = String::from_utf8_lossy(file.bytes).into_owned();
        let outcome = self.set.scan_source(file.rel_path, grammar, src, budget)?;
        if outcome.syntax_errors > 0 {
            self.syntax_error_files.fetch_add(1, Ordering::Relaxed);
        }
        out.extend(outcome.findings);
        if outcome.out_of_time {
            return Err(AnalyzeError::BudgetExceeded);
        }
        Ok(())
    }
}

#[cfg(test)]
mod redaction_tests {
    use super::redact_literals;

    #[test]
    fn string_literals_are_redacted() {
        assert_eq!(
            redact_literals(r#"TOKEN = "xoxb-1234567890-secret""#),
            r#"TOKEN = "xoxb…(22)""#
        );
        assert_eq!(redact_literals("pw = 'ab' + x"), "pw = '…(2)' + x");
        assert_eq!(redact_literals("no literals"), "no literals");
        assert_eq!(redact_literals("cut = \"abcdefghijkl"), "cut = \"abcd…(12)");
    }
}
