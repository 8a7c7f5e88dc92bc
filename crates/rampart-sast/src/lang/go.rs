//! Go (tree-sitter-go).

use std::collections::HashMap;

use super::{LangSpec, alias, strip_quotes};
use crate::tree::Tree;

pub static SPEC: LangSpec = LangSpec {
    name: "go",
    language: || tree_sitter_go::LANGUAGE.into(),
    wrappers: &[
        ("package __rampart\nfunc __rampart_f() {\n", "\n}\n"),
        ("package __rampart\n", "\n"),
        ("package __rampart\nvar __rampart_x = ", "\n"),
        ("package __rampart\ntype __RampartT struct {\n", "\n}\n"),
    ],
    comment_kinds: &["comment"],
    unwrap_kinds: &["parenthesized_expression"],
    identifier_kinds: &[
        "identifier",
        "field_identifier",
        "package_identifier",
        "type_identifier",
    ],
    dotted_kinds: &["selector_expression", "qualified_type"],
    string_kinds: &["interpreted_string_literal", "raw_string_literal"],
    interpolation_kinds: &[],
    block_kinds: &[
        "block",
        "statement_list",
        "source_file",
        "expression_case",
        "default_case",
    ],
    optional_kinds: &[],
    argument_list_kinds: &[],
    keyword_argument_kind: None,
    expression_statement_kinds: &["expression_statement"],
    assignments: &[
        ("assignment_statement", "left", "right"),
        ("short_var_declaration", "left", "right"),
        ("var_spec", "name", "value"),
        ("const_spec", "name", "value"),
        ("range_clause", "left", "right"),
    ],
    plain_assignment: Some(("assignment_statement", "left", "right")),
    declarators: &[
        ("short_var_declaration", "left", "right"),
        ("var_spec", "name", "value"),
    ],
    declaration_statements: &["var_declaration"],
    function_forms: &[],
    record_kinds: &[],
    class_kinds: &[],
    subscript_kinds: &["index_expression"],
    parameter_kinds: &[("parameter_declaration", "name")],
    augmented_kinds: &[],
    list_kinds: &["expression_list"],
    function_kinds: &["function_declaration", "method_declaration", "func_literal"],
    calls: &[("call_expression", "function", "arguments")],
    return_kinds: &["return_statement"],
    branch_kinds: &[
        "if_statement",
        "for_statement",
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
    ],
    comment_prefixes: &["//", "/*"],
    imports,
};

/// `import x "a/b"` maps `x` to `b`; a plain import maps the last path segment to itself.
fn imports(t: &Tree) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for id in 0..t.len() as u32 {
        if t.node(id).kind != "import_spec" {
            continue;
        }
        let Some(path) = t.field(id, "path") else {
            continue;
        };
        let path = strip_quotes(t.text(path));
        let last = path.rsplit('/').next().unwrap_or(path);
        match t.field(id, "name") {
            Some(n) if t.node(n).kind == "package_identifier" => alias(&mut map, t.text(n), last),
            _ => alias(&mut map, last, last),
        }
    }
    map
}
