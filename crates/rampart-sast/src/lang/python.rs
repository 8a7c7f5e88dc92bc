//! Python (tree-sitter-python).

use std::collections::HashMap;

use super::{LangSpec, alias};
use crate::tree::Tree;

pub static SPEC: LangSpec = LangSpec {
    name: "python",
    language: || tree_sitter_python::LANGUAGE.into(),
    wrappers: &[
        ("", ""),
        ("def __rampart_f():\n    ", "\n"),
        ("class __RampartC:\n    ", "\n"),
    ],
    comment_kinds: &["comment"],
    unwrap_kinds: &["parenthesized_expression"],
    identifier_kinds: &["identifier"],
    dotted_kinds: &["attribute", "dotted_name"],
    string_kinds: &["string", "concatenated_string"],
    interpolation_kinds: &["interpolation"],
    block_kinds: &["module", "block"],
    // A pattern may leave out decorators, annotations (`-> T`) and `async`.
    optional_kinds: &["decorator", "type", "->", "async"],
    argument_list_kinds: &["argument_list"],
    keyword_argument_kind: Some("keyword_argument"),
    expression_statement_kinds: &["expression_statement"],
    assignments: &[
        ("assignment", "left", "right"),
        ("augmented_assignment", "left", "right"),
        ("named_expression", "name", "value"),
        ("for_statement", "left", "right"),
        ("for_in_clause", "left", "right"),
        ("with_item", "alias", "value"),
        ("as_pattern", "alias", "value"),
    ],
    plain_assignment: None,
    declarators: &[],
    declaration_statements: &[],
    function_forms: &[],
    record_kinds: &["dictionary"],
    subscript_kinds: &["subscript"],
    parameter_kinds: &[("typed_parameter", "")],
    augmented_kinds: &["augmented_assignment"],
    list_kinds: &[
        "pattern_list",
        "expression_list",
        "tuple_pattern",
        "list_pattern",
        "tuple",
    ],
    function_kinds: &["function_definition", "lambda"],
    calls: &[("call", "function", "arguments")],
    return_kinds: &["return_statement"],
    branch_kinds: &[
        "if_statement",
        "elif_clause",
        "else_clause",
        "for_statement",
        "while_statement",
        "try_statement",
        "except_clause",
        "with_statement",
        "match_statement",
        "conditional_expression",
    ],
    comment_prefixes: &["#"],
    imports,
};

/// `import a.b as c`, `from a import b as c`, `from a import b`.
fn imports(t: &Tree) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for id in 0..t.len() as u32 {
        match t.node(id).kind {
            "import_statement" => {
                for c in t.named_children(id) {
                    match t.node(c).kind {
                        "aliased_import" => {
                            if let (Some(n), Some(a)) = (t.field(c, "name"), t.field(c, "alias")) {
                                alias(&mut map, t.text(a), t.text(n));
                            }
                        }
                        "dotted_name" => {
                            let full = t.text(c);
                            let first = full.split('.').next().unwrap_or(full);
                            alias(&mut map, first, first);
                        }
                        _ => {}
                    }
                }
            }
            "import_from_statement" => {
                let Some(m) = t.field(id, "module_name") else {
                    continue;
                };
                let module = t.text(m).to_string();
                for c in t.children(id).iter().copied() {
                    if t.node(c).field != "name" {
                        continue;
                    }
                    match t.node(c).kind {
                        "aliased_import" => {
                            if let (Some(n), Some(a)) = (t.field(c, "name"), t.field(c, "alias")) {
                                alias(&mut map, t.text(a), &format!("{module}.{}", t.text(n)));
                            }
                        }
                        _ => {
                            let n = t.text(c);
                            alias(&mut map, n, &format!("{module}.{n}"));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    map
}
