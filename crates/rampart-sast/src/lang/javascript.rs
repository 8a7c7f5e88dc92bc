//! JavaScript and JSX (tree-sitter-javascript). TypeScript is this adapter plus type kinds.

use std::collections::HashMap;

use super::{LangSpec, alias, strip_quotes};
use crate::tree::Tree;

pub static SPEC: LangSpec = BASE;

/// JavaScript's adapter; TypeScript's is this with its extra kinds (types, modifiers, typed
/// parameters).
pub(super) const BASE: LangSpec = LangSpec {
    name: "javascript",
    language: || tree_sitter_javascript::LANGUAGE.into(),
    wrappers: WRAPPERS,
    comment_kinds: &["comment", "html_comment"],
    unwrap_kinds: &["parenthesized_expression"],
    identifier_kinds: IDENTIFIERS,
    dotted_kinds: &["member_expression", "nested_identifier"],
    string_kinds: &["string", "template_string"],
    interpolation_kinds: &["template_substitution"],
    block_kinds: &[
        "program",
        "statement_block",
        "switch_case",
        "switch_default",
    ],
    optional_kinds: &["decorator", "async", "static", "export"],
    argument_list_kinds: &[],
    keyword_argument_kind: None,
    expression_statement_kinds: &["expression_statement"],
    assignments: ASSIGNMENTS,
    plain_assignment: Some(("assignment_expression", "left", "right")),
    declarators: &[("variable_declarator", "name", "value")],
    declaration_statements: &["lexical_declaration", "variable_declaration"],
    function_forms: FUNCTION_FORMS,
    record_kinds: &["object"],
    class_kinds: &["class_declaration", "class"],
    subscript_kinds: &["subscript_expression"],
    parameter_kinds: &[],
    augmented_kinds: &["augmented_assignment_expression"],
    list_kinds: &["array_pattern", "sequence_expression"],
    function_kinds: FUNCTIONS,
    calls: CALLS,
    return_kinds: &["return_statement"],
    branch_kinds: BRANCHES,
    comment_prefixes: &["//", "/*", "{/*"],
    imports,
};

const WRAPPERS: &[(&str, &str)] = &[
    ("", ""),
    ("(", ")"),
    ("class __RampartC {\n", "\n}"),
    ("function __rampart_f() {\n", "\n}"),
    ("x = {", "}"),
];
const IDENTIFIERS: &[&str] = &[
    "identifier",
    "property_identifier",
    "shorthand_property_identifier",
    "shorthand_property_identifier_pattern",
    "private_property_identifier",
    "type_identifier",
    "this",
    "statement_identifier",
];
const ASSIGNMENTS: &[(&str, &str, &str)] = &[
    ("assignment_expression", "left", "right"),
    ("augmented_assignment_expression", "left", "right"),
    ("variable_declarator", "name", "value"),
    ("for_in_statement", "left", "right"),
    ("assignment_pattern", "left", "right"),
];
const FUNCTIONS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "function",
    "generator_function_declaration",
    "generator_function",
    "arrow_function",
    "method_definition",
];
/// Semgrep treats these as one function construct (`arrow_is_function`): every function kind.
const FUNCTION_FORMS: &[&str] = FUNCTIONS;
const CALLS: &[(&str, &str, &str)] = &[
    ("call_expression", "function", "arguments"),
    ("new_expression", "constructor", "arguments"),
];
const BRANCHES: &[&str] = &[
    "if_statement",
    "else_clause",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
    "try_statement",
    "catch_clause",
    "switch_statement",
    "ternary_expression",
];

/// ES imports and `require`: `import x from 'm'`, `import * as x from 'm'`,
/// `import {a as b} from 'm'`, `const x = require('m')`, `const {a} = require('m')`.
fn imports(t: &Tree) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for id in 0..t.len() as u32 {
        match t.node(id).kind {
            "import_statement" => {
                let Some(src) = t.field(id, "source") else {
                    continue;
                };
                let module = strip_quotes(t.text(src)).to_string();
                for clause in t.named_children(id) {
                    if t.node(clause).kind != "import_clause" {
                        continue;
                    }
                    for c in t.named_children(clause) {
                        match t.node(c).kind {
                            "identifier" => alias(&mut map, t.text(c), &module),
                            "namespace_import" => {
                                if let Some(n) = t.named_children(c).next() {
                                    alias(&mut map, t.text(n), &module);
                                }
                            }
                            "named_imports" => {
                                for s in t.named_children(c) {
                                    let Some(n) = t.field(s, "name") else {
                                        continue;
                                    };
                                    let local = t.field(s, "alias").unwrap_or(n);
                                    alias(
                                        &mut map,
                                        t.text(local),
                                        &format!("{module}.{}", t.text(n)),
                                    );
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            "variable_declarator" => {
                let (Some(name), Some(value)) = (t.field(id, "name"), t.field(id, "value")) else {
                    continue;
                };
                let Some(module) = required_module(t, value) else {
                    continue;
                };
                match t.node(name).kind {
                    "identifier" => alias(&mut map, t.text(name), &module),
                    "object_pattern" => {
                        for p in t.named_children(name) {
                            match t.node(p).kind {
                                "shorthand_property_identifier_pattern" => {
                                    let n = t.text(p);
                                    alias(&mut map, n, &format!("{module}.{n}"));
                                }
                                "pair_pattern" => {
                                    if let (Some(k), Some(v)) =
                                        (t.field(p, "key"), t.field(p, "value"))
                                    {
                                        alias(
                                            &mut map,
                                            t.text(v),
                                            &format!("{module}.{}", t.text(k)),
                                        );
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    map
}

/// `require('m')` → `m`.
fn required_module(t: &Tree, value: u32) -> Option<String> {
    if t.node(value).kind != "call_expression" {
        return None;
    }
    let f = t.field(value, "function")?;
    if t.text(f) != "require" {
        return None;
    }
    let args = t.field(value, "arguments")?;
    let first = t.named_children(args).next()?;
    (t.node(first).kind == "string").then(|| strip_quotes(t.text(first)).to_string())
}
