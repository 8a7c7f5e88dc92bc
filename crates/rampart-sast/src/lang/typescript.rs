//! TypeScript and TSX (tree-sitter-typescript): JavaScript's shapes plus types.

use super::LangSpec;
use super::javascript::BASE;

pub static SPEC: LangSpec = LangSpec {
    language: || tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
    ..TSX_BASE
};

pub static TSX_SPEC: LangSpec = LangSpec {
    language: || tree_sitter_typescript::LANGUAGE_TSX.into(),
    ..TSX_BASE
};

const TSX_BASE: LangSpec = LangSpec {
    name: "typescript",
    language: || tree_sitter_typescript::LANGUAGE_TSX.into(),
    dotted_kinds: &[
        "member_expression",
        "nested_identifier",
        "nested_type_identifier",
    ],
    optional_kinds: &[
        "decorator",
        "type_annotation",
        "accessibility_modifier",
        "type_arguments",
    ],
    parameter_kinds: &[
        ("required_parameter", "pattern"),
        ("optional_parameter", "pattern"),
    ],
    ..BASE
};
