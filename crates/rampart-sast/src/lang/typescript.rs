//! TypeScript and TSX (tree-sitter-typescript): JavaScript's shapes plus types.

use super::LangSpec;
use super::javascript::{
    ASSIGNMENTS, BRANCHES, CALLS, FUNCTION_FORMS, FUNCTIONS, IDENTIFIERS, WRAPPERS, imports,
};

pub static SPEC: LangSpec = LangSpec {
    name: "typescript",
    language: || tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
    ..TSX_BASE
};

pub static TSX_SPEC: LangSpec = LangSpec {
    name: "typescript",
    language: || tree_sitter_typescript::LANGUAGE_TSX.into(),
    ..TSX_BASE
};

const TSX_BASE: LangSpec = LangSpec {
    name: "typescript",
    language: || tree_sitter_typescript::LANGUAGE_TSX.into(),
    wrappers: WRAPPERS,
    comment_kinds: &["comment", "html_comment"],
    unwrap_kinds: &["parenthesized_expression"],
    identifier_kinds: IDENTIFIERS,
    dotted_kinds: &[
        "member_expression",
        "nested_identifier",
        "nested_type_identifier",
    ],
    string_kinds: &["string", "template_string"],
    interpolation_kinds: &["template_substitution"],
    block_kinds: &[
        "program",
        "statement_block",
        "switch_case",
        "switch_default",
    ],
    optional_kinds: &[
        "decorator",
        "type_annotation",
        "accessibility_modifier",
        "type_arguments",
    ],
    argument_list_kinds: &[],
    keyword_argument_kind: None,
    expression_statement_kinds: &["expression_statement"],
    assignments: ASSIGNMENTS,
    plain_assignment: Some(("assignment_expression", "left", "right")),
    declarators: &[("variable_declarator", "name", "value")],
    declaration_statements: &["lexical_declaration", "variable_declaration"],
    function_forms: FUNCTION_FORMS,
    record_kinds: &["object"],
    class_kinds: &["class_declaration", "class", "abstract_class_declaration"],
    subscript_kinds: &["subscript_expression"],
    parameter_kinds: &[
        ("required_parameter", "pattern"),
        ("optional_parameter", "pattern"),
    ],
    augmented_kinds: &["augmented_assignment_expression"],
    list_kinds: &["array_pattern", "sequence_expression"],
    function_kinds: FUNCTIONS,
    calls: CALLS,
    return_kinds: &["return_statement"],
    branch_kinds: BRANCHES,
    comment_prefixes: &["//", "/*", "{/*"],
    imports,
};
