//! Java (tree-sitter-java).

use std::collections::HashMap;

use super::{LangSpec, alias};
use crate::tree::Tree;

pub static SPEC: LangSpec = LangSpec {
    name: "java",
    language: || tree_sitter_java::LANGUAGE.into(),
    wrappers: &[
        ("class __RampartC {\nvoid __rampart_m() {\n", ";\n}\n}"),
        ("class __RampartC {\nvoid __rampart_m() {\n", "\n}\n}"),
        ("class __RampartC {\n", "\n}"),
        ("", ""),
        ("class __RampartC {\nObject __rampart_x = ", ";\n}"),
    ],
    comment_kinds: &["line_comment", "block_comment"],
    unwrap_kinds: &["parenthesized_expression"],
    identifier_kinds: &["identifier", "type_identifier", "this"],
    dotted_kinds: &[
        "field_access",
        "scoped_identifier",
        "scoped_type_identifier",
    ],
    string_kinds: &["string_literal", "text_block"],
    interpolation_kinds: &["string_interpolation"],
    block_kinds: &[
        "block",
        "program",
        "constructor_body",
        "switch_block_statement_group",
    ],
    optional_kinds: &[
        "modifiers",
        "marker_annotation",
        "annotation",
        "type_arguments",
        "throws",
    ],
    argument_list_kinds: &[],
    keyword_argument_kind: None,
    expression_statement_kinds: &["expression_statement"],
    assignments: &[
        ("assignment_expression", "left", "right"),
        ("variable_declarator", "name", "value"),
        ("enhanced_for_statement", "name", "value"),
    ],
    plain_assignment: Some(("assignment_expression", "left", "right")),
    declarators: &[("variable_declarator", "name", "value")],
    declaration_statements: &["local_variable_declaration", "field_declaration"],
    function_forms: &[],
    record_kinds: &[],
    class_kinds: &[
        "class_declaration",
        "interface_declaration",
        "enum_declaration",
        "record_declaration",
    ],
    subscript_kinds: &["array_access"],
    parameter_kinds: &[("formal_parameter", "name")],
    augmented_kinds: &[],
    list_kinds: &[],
    function_kinds: &[
        "method_declaration",
        "constructor_declaration",
        "lambda_expression",
    ],
    calls: &[
        ("method_invocation", "name", "arguments"),
        ("object_creation_expression", "type", "arguments"),
    ],
    return_kinds: &["return_statement"],
    branch_kinds: &[
        "if_statement",
        "for_statement",
        "enhanced_for_statement",
        "while_statement",
        "do_statement",
        "try_statement",
        "catch_clause",
        "switch_expression",
        "ternary_expression",
    ],
    comment_prefixes: &["//", "/*"],
    imports,
};

/// `import a.b.C;` maps `C` to `a.b.C`.
fn imports(t: &Tree) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for id in 0..t.len() as u32 {
        if t.node(id).kind != "import_declaration" {
            continue;
        }
        let Some(name) = t
            .named_children(id)
            .find(|c| t.node(*c).kind == "scoped_identifier")
        else {
            continue;
        };
        let full = t.text(name);
        if t.named_children(id).any(|c| t.node(c).kind == "asterisk") {
            // Remembered as `*a.b` for [`crate::matcher::FileCtx::wildcard_imported`].
            alias(&mut map, &format!("*{full}"), full);
            continue;
        }
        if let Some((_, last)) = full.rsplit_once('.') {
            alias(&mut map, last, full);
        }
    }
    map
}
