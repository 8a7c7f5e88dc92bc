//! Pattern compilation: a Semgrep pattern is code of the target language with holes.
//!
//! The holes are rewritten into identifiers every grammar accepts (`$X` → `__MV_X`,
//! `$...A` → `__MVE_A`, `...` → `__ELL`, `<... e ...>` → `__DEEP(e)`), the text is parsed with
//! the target grammar (embedded in a function or class body when it does not parse on its
//! own), and the pattern's own span is cut out of the tree. Each pattern node is then
//! classified once, so matching never looks at placeholder text again.

use std::collections::HashMap;

use rampart_engine::Budget;

use crate::lang::{Grammar, LangSpec, strip_quotes};
use crate::tree::{NodeId, Tree};

/// Metavariable names → small ids, shared by all rules of a rule set.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    names: Vec<String>,
    ids: HashMap<String, u16>,
}

impl Interner {
    pub fn id(&mut self, name: &str) -> u16 {
        if let Some(i) = self.ids.get(name) {
            return *i;
        }
        let i = self.names.len() as u16;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), i);
        i
    }

    pub fn get(&self, name: &str) -> Option<u16> {
        self.ids.get(name).copied()
    }

    pub fn name(&self, id: u16) -> &str {
        &self.names[id as usize]
    }

    pub fn all(&self) -> impl Iterator<Item = (u16, &str)> {
        self.names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as u16, n.as_str()))
    }
}

/// A regex compared by its text (patterns compare by value).
#[derive(Debug, Clone)]
pub struct StrRegex(pub regex::Regex);

impl PartialEq for StrRegex {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

/// What a pattern node means for matching.
#[derive(Debug, Clone, PartialEq)]
pub enum PClass {
    Normal,
    /// `...`: any sequence (in lists) or anything.
    Ellipsis,
    /// `$X`: any one node; the same name must bind the same text.
    Mv(u16),
    /// `$...X`: a sequence, bound like `...`.
    EllipsisMv(u16),
    /// `(Type $X)`: `$X` whose declared type is `Type`.
    TypedMv(u16, String),
    /// `<... e ...>`: any node containing a match of `e`.
    Deep(NodeId),
    /// `"..."`: any string literal.
    AnyString,
    /// `"$X"`: any string literal, bound.
    StringMv(u16),
    /// `"=~/re/"`: a string literal whose content matches the regex.
    StringRegex(StrRegex),
    /// `a.b.c` with no holes: compared after resolving imports.
    Dotted(String),
    /// `$X. ...` as the object of a member access: `$X` matches the code's object or any
    /// object further down its chain of accesses and calls (`$X. ... .$Y`).
    Chain(NodeId),
    /// A string with interpolations (`f"...{$X}..."`, `` `${$X}...` ``): its parts in order.
    Template(Vec<Part>),
}

/// One part of an interpolated string pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Literal text, compared character by character.
    Text(String),
    /// `...` inside the text: any run of text and interpolations.
    Ellipsis,
    /// `$X` inside the text: a non-empty run of literal text, bound.
    Mv(u16),
    /// An interpolation: its expression must match the code's interpolated expression.
    Interp(NodeId),
}

#[derive(Debug, Clone)]
pub enum Root {
    Node(NodeId),
    /// Several statements: matched as a sequence inside a block.
    Seq(Vec<NodeId>),
}

#[derive(Debug)]
pub struct Pattern {
    pub tree: Tree,
    pub root: Root,
    pub class: Vec<PClass>,
    /// Identifiers the code must contain for this pattern to match (for the prefilter).
    pub words: Vec<String>,
    /// The rule's `options.symbolic_propagation`: a variable assigned once stands for its
    /// value.
    pub symbolic: bool,
    /// Metavariables standing between two `...` in a list (`f(..., $X, ...)`): the matcher
    /// keeps one solution per place, so these are re-tried on every other element of the
    /// list (Semgrep reports each).
    pub floating: Vec<u16>,
}

#[derive(Debug, thiserror::Error)]
#[error("pattern does not parse as {lang}: {pattern:?}")]
pub struct PatternError {
    pub lang: &'static str,
    pub pattern: String,
}

/// Rewrites Semgrep holes into identifiers.
pub fn substitute(pattern: &str, grammar: Grammar) -> String {
    // `<... e ...>` is a deep expression; a `...>` with no `<...` before it is an ellipsis
    // closing a JSX tag (`<Tag ... attr={x} ...>...</Tag>`).
    let mut s = if pattern.contains("<...") {
        pattern.replace("<...", " __DEEP(").replace("...>", ") ")
    } else {
        pattern.to_string()
    };
    if matches!(grammar, Grammar::Java | Grammar::TypeScript | Grammar::Tsx) {
        s = typed_metavariables(&s);
    }
    if grammar == Grammar::Go {
        s = go_typed_metavariables(&s);
    }
    if grammar == Grammar::Python {
        s = python_dict_ellipses(&s);
    }
    // `$...NAME` and `$NAME` (upper-case names, `_` allowed; `$1` and `${` are not holes).
    let mut out = String::with_capacity(s.len() + 16);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let (ell, start) = if s[i + 1..].starts_with("...") {
                (true, i + 4)
            } else {
                (false, i + 1)
            };
            let mut j = start;
            while j < b.len()
                && (b[j].is_ascii_uppercase()
                    || b[j] == b'_'
                    || (j > start && b[j].is_ascii_digit()))
            {
                j += 1;
            }
            if j > start {
                out.push_str(if ell { "__MVE_" } else { "__MV_" });
                out.push_str(&s[start..j]);
                i = j;
                continue;
            }
        }
        let ch = s[i..].chars().next().expect("in bounds");
        out.push(ch);
        i += ch.len_utf8();
    }
    s = out;
    if grammar == Grammar::Java {
        // A statement-level `...` needs a `;` to be a Java statement.
        s = s
            .lines()
            .map(|l| {
                if l.trim() == "..." {
                    l.replace("...", "__ELL;")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    s.replace("...", "__ELL")
}

/// `(Type $X)` → `((Type) $X)`: a typed metavariable becomes a cast, which the grammar
/// parses and [`classify`] recognises. Only where `(` opens an expression, not a call or a
/// parameter list (`$M(String $X)`).
fn typed_metavariables(s: &str) -> String {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\(\s*([A-Za-z_][\w.]*(?:<[\w.<>, ?]*>)?(?:\[\])*)\s+\$([A-Z_][A-Z0-9_]*)\s*\)",
        )
        .expect("valid regex")
    });
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for c in RE.captures_iter(s) {
        let m = c.get(0).expect("match");
        let before = s[..m.start()].trim_end();
        let opens_expression = before
            .chars()
            .last()
            .is_none_or(|ch| !(ch.is_alphanumeric() || "_$)>]".contains(ch)));
        if !opens_expression {
            continue;
        }
        out.push_str(&s[last..m.start()]);
        out.push_str(&format!("(({}) ${})", &c[1], &c[2]));
        last = m.end();
    }
    out.push_str(&s[last..]);
    out
}

/// Go's `($X : Type)` → `__MVT_X.(Type)`: a type assertion on a reserved name, which the
/// grammar parses and [`classify`] turns into a typed metavariable.
fn go_typed_metavariables(s: &str) -> String {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\(\s*\$([A-Z_][A-Z0-9_]*)\s*:\s*([^()\s][^()]*?)\s*\)")
            .expect("valid regex")
    });
    RE.replace_all(s, format!("{TYPED_PREFIX}${{1}}.(${{2}})").as_str())
        .into_owned()
}

/// Python `{..., "k": v, ...}`: an ellipsis among dictionary entries is not Python, so it
/// becomes a `**` entry (`{**..., "k": v, **...}`), which the grammar accepts in a dictionary
/// and [`is_ellipsis`] still reads as `...`. Only braces that hold a `key: value` entry.
fn python_dict_ellipses(s: &str) -> String {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}").expect("valid regex")
    });
    static ELL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(^\{\s*|,\s*)\.\.\.(\s*(?:,|\}$))").expect("valid regex")
    });
    RE.replace_all(s, |c: &regex::Captures| {
        let braces = &c[0];
        if !braces.contains(':') || !braces.contains("...") {
            return braces.to_string();
        }
        // Twice: adjacent ellipses share a comma.
        let once = ELL.replace_all(braces, "${1}**...${2}");
        ELL.replace_all(&once, "${1}**...${2}").into_owned()
    })
    .into_owned()
}

/// The identifier a Go typed metavariable `($X : T)` is rewritten to, before its name.
const TYPED_PREFIX: &str = "__MVT_";

impl Pattern {
    pub fn compile(
        text: &str,
        grammar: Grammar,
        interner: &mut Interner,
    ) -> Result<Pattern, PatternError> {
        let spec = grammar.spec();
        let body = substitute(text.trim(), grammar);
        let mut best: Option<(usize, Tree, Root)> = None;
        for (prefix, suffix) in spec.wrappers {
            let inner = if prefix.ends_with("\n    ") {
                body.replace('\n', "\n    ")
            } else {
                body.clone()
            };
            let src = format!("{prefix}{inner}{suffix}");
            let (s, e) = (prefix.len() as u32, (prefix.len() + inner.len()) as u32);
            let Ok(tree) = Tree::parse(grammar, src, &Budget::unlimited()) else {
                continue;
            };
            let Some(root) = find_root(&tree, spec, s, e) else {
                continue;
            };
            // An ERROR node that is only an ellipsis is where the grammar refused `...`
            // (a Java parameter list, a bare block); that is expected.
            let expected = (0..tree.len() as NodeId)
                .filter(|n| tree.node(*n).kind == "ERROR" && is_ellipsis(tree.text(*n)))
                .count();
            let errors = tree.errors.saturating_sub(expected);
            if best.as_ref().is_none_or(|b| errors < b.0) {
                best = Some((errors, tree, root));
            }
            if errors == 0 {
                break;
            }
        }
        let Some((_, tree, root)) = best else {
            return Err(PatternError {
                lang: spec.name,
                pattern: text.to_string(),
            });
        };
        let class = classify(&tree, spec, interner);
        let mut words = Vec::new();
        let nodes: Vec<NodeId> = match &root {
            Root::Node(n) => vec![*n],
            Root::Seq(v) => v.clone(),
        };
        for n in nodes {
            collect_words(&tree, spec, &class, n, &mut words);
        }
        words.sort();
        words.dedup();
        let floating = floating_metavariables(&tree, &class);
        Ok(Pattern {
            tree,
            root,
            class,
            words,
            symbolic: false,
            floating,
        })
    }
}

/// A plain identifier that is the object of a member access whose other part has a hole
/// (`child_process` in `child_process.$F`).
fn is_access_root(tree: &Tree, spec: &LangSpec, id: NodeId) -> bool {
    let node = tree.node(id);
    let text = tree.text(id);
    node.kind == "identifier"
        && matches!(node.field, "object" | "operand")
        && node.parent != NodeId::MAX
        && spec.is(spec.dotted_kinds, tree.node(node.parent).kind)
        && !text.starts_with("__")
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Metavariables with a `...` both before and after them among their siblings.
fn floating_metavariables(tree: &Tree, class: &[PClass]) -> Vec<u16> {
    let mut out = Vec::new();
    for id in 1..tree.len() as NodeId {
        let PClass::Mv(v) = class[id as usize] else {
            continue;
        };
        let parent = tree.node(id).parent;
        if parent == NodeId::MAX || out.contains(&v) {
            continue;
        }
        let sibs = tree.children(parent);
        let Some(at) = sibs.iter().position(|c| *c == id) else {
            continue;
        };
        let ellipsis = |c: &NodeId| class[*c as usize] == PClass::Ellipsis;
        if sibs[..at].iter().any(ellipsis) && sibs[at + 1..].iter().any(ellipsis) {
            out.push(v);
        }
    }
    out
}

/// The node (or statement sequence) spanning exactly `s..e`.
fn find_root(tree: &Tree, spec: &LangSpec, s: u32, e: u32) -> Option<Root> {
    // Trim whitespace off the span.
    let src = tree.src.as_bytes();
    let (mut s, mut e) = (s as usize, e as usize);
    while s < e && src[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && (src[e - 1].is_ascii_whitespace()) {
        e -= 1;
    }
    let (s, e) = (s as u32, e as u32);
    if let Some(mut n) = tree.node_at(0, s, e) {
        if spec.is(spec.block_kinds, tree.node(n).kind) {
            let kids = tree.children(n).to_vec();
            if kids.len() == 1 {
                n = kids[0];
            } else {
                return Some(Root::Seq(kids));
            }
        }
        return Some(Root::Node(unwrap_statement(tree, spec, n)));
    }
    // A sequence of children of the deepest node containing the span.
    let mut cur = 0;
    loop {
        let next = tree.children(cur).iter().copied().find(|c| {
            let c = tree.node(*c);
            c.start <= s && c.end >= e
        });
        match next {
            Some(c) => cur = c,
            None => break,
        }
    }
    let kids: Vec<NodeId> = tree
        .children(cur)
        .iter()
        .copied()
        .filter(|c| tree.node(*c).start >= s && tree.node(*c).end <= e)
        .collect();
    let (first, last) = (kids.first()?, kids.last()?);
    if tree.node(*first).start == s && tree.node(*last).end <= e && tree.node(*last).end + 1 >= e {
        if kids.len() == 1 {
            return Some(Root::Node(unwrap_statement(tree, spec, *first)));
        }
        return Some(Root::Seq(kids));
    }
    None
}

/// A pattern that is one expression statement stands for the expression, wherever it is.
fn unwrap_statement(tree: &Tree, spec: &LangSpec, n: NodeId) -> NodeId {
    if spec.is(spec.expression_statement_kinds, tree.node(n).kind) {
        let named: Vec<NodeId> = tree.named_children(n).collect();
        if named.len() == 1 {
            return named[0];
        }
    }
    n
}

fn placeholder(text: &str) -> Option<(bool, &str)> {
    let t = text.trim().trim_end_matches(';').trim();
    if let Some(n) = t.strip_prefix("__MVE_") {
        return is_name(n).then_some((true, n));
    }
    if let Some(n) = t.strip_prefix("__MV_") {
        return is_name(n).then_some((false, n));
    }
    None
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn is_ellipsis(text: &str) -> bool {
    let t = text.trim().trim_end_matches(';').trim();
    t == "__ELL" || t == "__ELL()" || t == "**__ELL"
}

fn classify(tree: &Tree, spec: &LangSpec, interner: &mut Interner) -> Vec<PClass> {
    let mut out = Vec::with_capacity(tree.len());
    for id in 0..tree.len() as NodeId {
        let node = tree.node(id);
        let text = tree.text(id);
        let c = if is_ellipsis(text) {
            PClass::Ellipsis
        } else if let Some((ell, name)) = placeholder(text) {
            let v = interner.id(&format!("${name}"));
            if ell {
                PClass::EllipsisMv(v)
            } else {
                PClass::Mv(v)
            }
        } else if spec.is(spec.string_kinds, node.kind) {
            let inner = strip_quotes(text);
            let re = string_regex(inner);
            if let Some(parts) = template_parts(tree, spec, id, interner) {
                PClass::Template(parts)
            } else if inner == "__ELL" {
                PClass::AnyString
            } else if let Some(re) = re {
                PClass::StringRegex(StrRegex(re))
            } else if let Some((false, name)) = placeholder(inner) {
                PClass::StringMv(interner.id(&format!("${name}")))
            } else {
                PClass::Normal
            }
        } else if text.starts_with("__DEEP(") && spec.calls.iter().any(|c| c.0 == node.kind) {
            let arg = spec
                .calls
                .iter()
                .find(|c| c.0 == node.kind)
                .and_then(|c| tree.field(id, c.2))
                .and_then(|a| tree.named_children(a).next());
            match arg {
                Some(a) => PClass::Deep(a),
                None => PClass::Normal,
            }
        } else if let Some(obj) = chain_object(tree, spec, id) {
            PClass::Chain(obj)
        } else if let Some(typed) = go_typed(tree, id, interner) {
            typed
        } else if node.kind == "cast_expression" {
            match (tree.field(id, "type"), tree.field(id, "value")) {
                (Some(ty), Some(v)) => match placeholder(tree.text(v)) {
                    Some((false, name)) => {
                        PClass::TypedMv(interner.id(&format!("${name}")), tree.text(ty).to_string())
                    }
                    _ => PClass::Normal,
                },
                _ => PClass::Normal,
            }
        } else if spec.is(spec.dotted_kinds, node.kind)
            && text.contains('.')
            && !text.contains("__")
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'$')
        {
            PClass::Dotted(text.to_string())
        } else if is_access_root(tree, spec, id) {
            // `cp` in `cp.$F(...)`: an import alias of the pattern's module matches too.
            PClass::Dotted(text.to_string())
        } else {
            PClass::Normal
        };
        out.push(c);
    }
    out
}

/// `__MVT_X.(T)` (a rewritten `($X : T)`): `$X` of type `T`.
fn go_typed(tree: &Tree, id: NodeId, interner: &mut Interner) -> Option<PClass> {
    if tree.node(id).kind != "type_assertion_expression" {
        return None;
    }
    let operand = tree.field(id, "operand")?;
    let name = tree.text(operand).strip_prefix(TYPED_PREFIX)?;
    let ty = tree.field(id, "type")?;
    is_name(name)
        .then(|| PClass::TypedMv(interner.id(&format!("${name}")), tree.text(ty).to_string()))
}

/// `"=~/re/flags"`: the regex, with the flags `i`, `m`, `s`, `x` applied.
fn string_regex(inner: &str) -> Option<regex::Regex> {
    let body = inner.strip_prefix("=~/")?;
    let (re, flags) = body.rsplit_once('/')?;
    if !flags.chars().all(|c| "imsx".contains(c)) {
        return None;
    }
    let prefix = if flags.is_empty() {
        String::new()
    } else {
        format!("(?{flags})")
    };
    regex::Regex::new(&format!("{prefix}{re}")).ok()
}

/// `A. ...` (a member access whose member is `...`): `A`.
fn chain_object(tree: &Tree, spec: &LangSpec, id: NodeId) -> Option<NodeId> {
    if !spec.is(spec.dotted_kinds, tree.node(id).kind) {
        return None;
    }
    let named: Vec<NodeId> = tree.named_children(id).collect();
    match named.as_slice() {
        [obj, last] if is_ellipsis(tree.text(*last)) => Some(*obj),
        _ => None,
    }
}

/// The byte range between a string's delimiters and its interpolation children.
pub fn string_parts(tree: &Tree, spec: &LangSpec, id: NodeId) -> Option<(u32, u32, Vec<NodeId>)> {
    let kids = tree.children(id);
    let (first, last) = (kids.first()?, kids.last()?);
    if kids.len() < 2 {
        return None;
    }
    let interps: Vec<NodeId> = kids
        .iter()
        .copied()
        .filter(|c| spec.is(spec.interpolation_kinds, tree.node(*c).kind))
        .collect();
    Some((tree.node(*first).end, tree.node(*last).start, interps))
}

/// A string that may interpolate: a template literal or a Python f-string.
pub fn is_formatted(tree: &Tree, id: NodeId) -> bool {
    let n = tree.node(id);
    if n.kind == "template_string" {
        return true;
    }
    let text = tree.text(id);
    let prefix = &text[..text.find(['"', '\'']).unwrap_or(0)];
    n.kind == "string" && prefix.contains(['f', 'F'])
}

/// The expression inside an interpolation (`{x}`, `${x}`).
pub fn interpolated(tree: &Tree, id: NodeId) -> Option<NodeId> {
    tree.named_children(id).next()
}

/// Parts of a string pattern with at least one interpolation.
fn template_parts(
    tree: &Tree,
    spec: &LangSpec,
    id: NodeId,
    interner: &mut Interner,
) -> Option<Vec<Part>> {
    if !spec.is(spec.string_kinds, tree.node(id).kind) {
        return None;
    }
    let (start, end, interps) = string_parts(tree, spec, id)?;
    if interps.is_empty() && !is_formatted(tree, id) {
        return None;
    }
    let mut parts = Vec::new();
    let mut at = start;
    for i in interps.iter().copied().map(Some).chain([None]) {
        let upto = i.map_or(end, |i| tree.node(i).start);
        text_parts(
            &tree.src[at as usize..upto.max(at) as usize],
            interner,
            &mut parts,
        );
        if let Some(i) = i {
            parts.push(Part::Interp(interpolated(tree, i)?));
            at = tree.node(i).end;
        }
    }
    Some(parts)
}

/// One text fragment of an interpolated string pattern: `...` or `$X` when it is the whole
/// fragment (as in Semgrep), literal text otherwise.
fn text_parts(s: &str, interner: &mut Interner, out: &mut Vec<Part>) {
    if s.is_empty() {
        return;
    }
    if s == "__ELL" {
        out.push(Part::Ellipsis);
    } else if let Some((false, name)) = placeholder(s).filter(|_| s.trim() == s) {
        out.push(Part::Mv(interner.id(&format!("${name}"))));
    } else {
        let text = s
            .replace("__MVE_", "$...")
            .replace("__MV_", "$")
            .replace("__ELL", "...");
        out.push(Part::Text(text));
    }
}

/// Identifier texts under `n` that any match must contain.
fn collect_words(tree: &Tree, spec: &LangSpec, class: &[PClass], n: NodeId, out: &mut Vec<String>) {
    let mut stack = vec![n];
    while let Some(id) = stack.pop() {
        match &class[id as usize] {
            PClass::Normal => {}
            PClass::Dotted(d) => {
                // With import aliases only the last part is sure to appear.
                if let Some(last) = d.rsplit('.').next() {
                    out.push(last.to_string());
                }
                continue;
            }
            PClass::Deep(inner) | PClass::Chain(inner) => {
                stack.push(*inner);
                continue;
            }
            PClass::Template(parts) => {
                for p in parts {
                    if let Part::Interp(n) = p {
                        stack.push(*n);
                    }
                }
                continue;
            }
            _ => continue,
        }
        let node = tree.node(id);
        if node.named && spec.is(spec.identifier_kinds, node.kind) && tree.children(id).is_empty() {
            let t = tree.text(id);
            if t.len() >= 3 && !t.starts_with("__") && t != "this" {
                out.push(t.to_string());
            }
        }
        stack.extend(tree.children(id).iter().copied());
    }
}
