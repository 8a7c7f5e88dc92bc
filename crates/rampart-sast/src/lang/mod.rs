//! Language adapters: everything the engine knows about one grammar lives in one module, so
//! adding a language is a new file here and one line in [`Grammar::ALL`].
//!
//! An adapter is data (node kinds with a role) plus a few functions for what differs in
//! shape between grammars (imports, string values). The matcher and the taint engine only
//! ask an adapter questions; they never name a grammar's node kind themselves.

mod go;
mod java;
mod javascript;
mod python;
mod typescript;

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::tree::{NodeId, Tree};

/// One tree-sitter grammar. TypeScript and TSX are two grammars of one rule language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grammar {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Java,
    Go,
}

impl Grammar {
    pub const ALL: [Grammar; 6] = [
        Grammar::Python,
        Grammar::JavaScript,
        Grammar::TypeScript,
        Grammar::Tsx,
        Grammar::Java,
        Grammar::Go,
    ];

    pub fn spec(self) -> &'static LangSpec {
        match self {
            Grammar::Python => &python::SPEC,
            Grammar::JavaScript => &javascript::SPEC,
            Grammar::TypeScript => &typescript::SPEC,
            Grammar::Tsx => &typescript::TSX_SPEC,
            Grammar::Java => &java::SPEC,
            Grammar::Go => &go::SPEC,
        }
    }

    /// The grammar for a file, by extension.
    pub fn for_path(path: &str) -> Option<Grammar> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "py" | "pyi" | "pyw" => Grammar::Python,
            "js" | "mjs" | "cjs" | "jsx" => Grammar::JavaScript,
            "ts" | "mts" | "cts" => Grammar::TypeScript,
            "tsx" => Grammar::Tsx,
            "java" => Grammar::Java,
            "go" => Grammar::Go,
            _ => return None,
        })
    }

    /// Grammars for a Semgrep `languages:` entry; `None` when rampart has no grammar for it.
    pub fn for_rule_language(name: &str) -> Option<&'static [Grammar]> {
        Some(match name.to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" | "python2" => &[Grammar::Python],
            "javascript" | "js" | "jsx" => &[Grammar::JavaScript],
            "typescript" | "ts" | "tsx" => &[Grammar::TypeScript, Grammar::Tsx],
            "java" => &[Grammar::Java],
            "go" | "golang" => &[Grammar::Go],
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The tree-sitter language with node-kind and field-name tables whose strings live for
    /// the whole process (trees store `&'static str` kinds so patterns and code compare them).
    pub fn tables(self) -> &'static GrammarTables {
        static TABLES: LazyLock<HashMap<Grammar, GrammarTables>> = LazyLock::new(|| {
            Grammar::ALL
                .iter()
                .map(|g| (*g, GrammarTables::new((g.spec().language)())))
                .collect()
        });
        &TABLES[&self]
    }
}

pub struct GrammarTables {
    pub language: tree_sitter::Language,
    pub kinds: Vec<&'static str>,
    pub fields: Vec<&'static str>,
}

impl GrammarTables {
    fn new(language: tree_sitter::Language) -> GrammarTables {
        let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        let kinds = (0..language.node_kind_count() as u16)
            .map(|i| leak(language.node_kind_for_id(i).unwrap_or("")))
            .collect();
        let fields = (0..=language.field_count() as u16)
            .map(|i| leak(language.field_name_for_id(i).unwrap_or("")))
            .collect();
        GrammarTables {
            language,
            kinds,
            fields,
        }
    }
}

/// What the engine needs to know about one grammar.
pub struct LangSpec {
    pub name: &'static str,
    pub language: fn() -> tree_sitter::Language,
    /// Ways to embed a pattern so that it parses: `(prefix, suffix)`, tried in order.
    pub wrappers: &'static [(&'static str, &'static str)],
    /// Kinds dropped from trees (comments).
    pub comment_kinds: &'static [&'static str],
    /// Kinds replaced by their only named child (parentheses are not significant).
    pub unwrap_kinds: &'static [&'static str],
    /// Identifier-like leaves (names, properties, types).
    pub identifier_kinds: &'static [&'static str],
    /// `a.b` shapes whose named children are the dotted parts.
    pub dotted_kinds: &'static [&'static str],
    /// String literals.
    pub string_kinds: &'static [&'static str],
    /// Children of a string node that are interpolations (`f"{x}"`, `` `${x}` ``).
    pub interpolation_kinds: &'static [&'static str],
    /// Nodes holding a sequence of statements.
    pub block_kinds: &'static [&'static str],
    /// Children a pattern may leave out (decorators, annotations, modifiers), by kind or by
    /// field name.
    pub optional_kinds: &'static [&'static str],
    /// An argument list whose `keyword_kind` children match in any order.
    pub argument_list_kinds: &'static [&'static str],
    pub keyword_argument_kind: Option<&'static str>,
    /// Expression statements: a pattern that is one of these stands for its expression.
    pub expression_statement_kinds: &'static [&'static str],
    /// Assignment shapes for taint: `(kind, left field, right field)`.
    pub assignments: &'static [(&'static str, &'static str, &'static str)],
    /// The plain `a = b` assignment: `(kind, left field, right field)`. A pattern of this
    /// shape also matches a declaration with a value (Semgrep's `vardef_assign`).
    pub plain_assignment: Option<(&'static str, &'static str, &'static str)>,
    /// Declarators with a value: `(kind, name field, value field)`.
    pub declarators: &'static [(&'static str, &'static str, &'static str)],
    /// Statements that hold declarators (`const x = 1;`, `int x = 1;`, `var x = 1`).
    pub declaration_statements: &'static [&'static str],
    /// Function forms a pattern function may match across (declaration, expression, arrow,
    /// method); empty when the grammar has one form.
    pub function_forms: &'static [&'static str],
    /// Object literals: a pattern's entries match a subset of the code's, in any order.
    pub record_kinds: &'static [&'static str],
    /// Class definitions. A class body that is a statement block (Python) matches as a
    /// set of members (a pattern's members match a subset of the code's, in any order), and
    /// constants are not propagated through class attributes, as in Semgrep.
    pub class_kinds: &'static [&'static str],
    /// Kinds whose first named child is the object of an access (`a[i]`), so a
    /// `$X. ... .$Y` chain passes through them.
    pub subscript_kinds: &'static [&'static str],
    /// Parameters with a name and more (a type): `(kind, name field)`, `""` for the first
    /// named child. A metavariable matching one binds its name, as in Semgrep.
    pub parameter_kinds: &'static [(&'static str, &'static str)],
    /// Kinds whose left side is updated in place (`x += y`).
    pub augmented_kinds: &'static [&'static str],
    /// Lists on either side of an assignment (`a, b = …`).
    pub list_kinds: &'static [&'static str],
    /// Functions (declarations, methods, lambdas): they have `parameters`/`body` fields.
    pub function_kinds: &'static [&'static str],
    /// Calls: `(kind, callee field, arguments field)`.
    pub calls: &'static [(&'static str, &'static str, &'static str)],
    pub return_kinds: &'static [&'static str],
    /// Statements that run conditionally or repeatedly: assignments inside them do not kill
    /// taint (may-analysis).
    pub branch_kinds: &'static [&'static str],
    /// Comment markers for test annotations.
    pub comment_prefixes: &'static [&'static str],
    /// Local name → qualified name from the file's imports.
    pub imports: fn(&Tree) -> HashMap<String, String>,
}

impl LangSpec {
    pub fn is(&self, list: &[&str], kind: &str) -> bool {
        list.contains(&kind)
    }
}

/// The value of a string literal without quotes, prefixes or escapes resolved, when it has
/// no interpolation; `None` for anything else. An implicit concatenation (`"ab" "cd"`) is
/// the concatenation of its parts' values.
pub fn string_value(spec: &LangSpec, tree: &Tree, n: NodeId) -> Option<String> {
    let node = tree.node(n);
    if !spec.is(spec.string_kinds, node.kind) {
        return None;
    }
    if is_concatenation(spec, tree, n) {
        let mut out = String::new();
        for c in tree.named_children(n) {
            out.push_str(&string_value(spec, tree, c)?);
        }
        return Some(out);
    }
    if tree
        .children(n)
        .iter()
        .any(|c| spec.is(spec.interpolation_kinds, tree.node(*c).kind))
    {
        return None;
    }
    Some(strip_quotes(tree.text(n)).to_string())
}

/// A string node made of string nodes (Python's implicit concatenation).
pub fn is_concatenation(spec: &LangSpec, tree: &Tree, n: NodeId) -> bool {
    tree.named_children(n)
        .next()
        .is_some_and(|c| spec.is(spec.string_kinds, tree.node(c).kind))
}

/// `'x'`, `"x"`, `"""x"""`, `` `x` ``, `f"x"`, `r'x'`, `b"x"` → `x`.
pub fn strip_quotes(text: &str) -> &str {
    let t = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    for q in ["\"\"\"", "'''", "\"", "'", "`"] {
        if t.len() >= 2 * q.len() && t.starts_with(q) && t.ends_with(q) {
            return &t[q.len()..t.len() - q.len()];
        }
    }
    text
}

/// Registers `local → qualified` unless the local name is already mapped.
pub(crate) fn alias(map: &mut HashMap<String, String>, local: &str, qualified: &str) {
    if !local.is_empty() && !qualified.is_empty() {
        map.entry(local.to_string())
            .or_insert_with(|| qualified.to_string());
    }
}
