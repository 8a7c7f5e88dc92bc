//! Constant folding for the taint walk: the value of an expression built only from literals
//! and local variables whose value is known (`int num = 86; (7 * 42) - num > 200`).
//!
//! Taint uses it to decide which side of an `if`, a `?:` or a `switch` runs when the
//! condition cannot depend on input, and to read constant keys and indexes of containers.
//! Anything not understood folds to `None`, which keeps the ordinary may-analysis.

use std::collections::HashMap;

use crate::lang::{LangSpec, string_value};
use crate::tree::{NodeId, Tree};

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Int(i64),
    Bool(bool),
    Str(String),
    Char(char),
}

impl Const {
    /// Truth of a condition; only booleans have one.
    pub fn truth(&self) -> Option<bool> {
        match self {
            Const::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Text of a map key or an index, for containers keyed by constants.
    pub fn key(&self) -> String {
        match self {
            Const::Int(i) => i.to_string(),
            Const::Bool(b) => b.to_string(),
            Const::Str(s) => s.clone(),
            Const::Char(c) => c.to_string(),
        }
    }
}

/// Known values of local variables, by name.
pub type Env = HashMap<String, Const>;

const MAX_DEPTH: u32 = 64;

/// The value of `n`, if it is a constant under `env`.
pub fn fold(spec: &LangSpec, t: &Tree, n: NodeId, env: &Env) -> Option<Const> {
    fold_at(spec, t, n, env, 0)
}

fn fold_at(spec: &LangSpec, t: &Tree, n: NodeId, env: &Env, depth: u32) -> Option<Const> {
    if depth > MAX_DEPTH {
        return None;
    }
    let node = t.node(n);
    let kind = node.kind;
    let sub = |c: NodeId| fold_at(spec, t, c, env, depth + 1);
    match kind {
        "true" | "True" => return Some(Const::Bool(true)),
        "false" | "False" => return Some(Const::Bool(false)),
        "decimal_integer_literal" | "integer" | "int_literal" | "number" => {
            return t.text(n).replace('_', "").parse().ok().map(Const::Int);
        }
        "character_literal" => {
            let inner = crate::lang::strip_quotes(t.text(n));
            let mut cs = inner.chars();
            return match (cs.next(), cs.next()) {
                (Some(c), None) => Some(Const::Char(c)),
                _ => None,
            };
        }
        _ => {}
    }
    if spec.is(spec.string_kinds, kind) || kind == "interpreted_string_literal" {
        let v = string_value(spec, t, n)?;
        // Escapes are not resolved: only plain text is a known value.
        return (!v.contains('\\')).then_some(Const::Str(v));
    }
    if spec.is(spec.identifier_kinds, kind) && t.children(n).is_empty() {
        return env.get(t.text(n)).cloned();
    }
    match kind {
        "binary_expression" | "binary_operator" | "boolean_operator" => {
            let l = t.field(n, "left")?;
            let r = t.field(n, "right")?;
            let op = operator(t, n)?;
            // `a && b` with a false `a` is false whatever `b` is (and the same for `||`).
            let lv = sub(l);
            match (op, lv.as_ref().and_then(Const::truth)) {
                ("&&" | "and", Some(false)) => return Some(Const::Bool(false)),
                ("||" | "or", Some(true)) => return Some(Const::Bool(true)),
                _ => {}
            }
            binary(op, lv?, sub(r)?)
        }
        "unary_expression" | "not_operator" | "unary_operator" => {
            let v = sub(t.named_children(n).last()?)?;
            match (operator(t, n)?, v) {
                ("!" | "not", Const::Bool(b)) => Some(Const::Bool(!b)),
                ("-", Const::Int(i)) => i.checked_neg().map(Const::Int),
                ("+", Const::Int(i)) => Some(Const::Int(i)),
                _ => None,
            }
        }
        "ternary_expression" | "conditional_expression" => {
            let c = sub(t.field(n, "condition")?)?.truth()?;
            sub(t.field(n, if c { "consequence" } else { "alternative" })?)
        }
        "cast_expression" => sub(t.field(n, "value")?),
        "method_invocation" => {
            // `"ABC".charAt(2)`: the one string method whose result picks a `switch` case.
            let name = t.text(t.field(n, "name")?);
            let args: Vec<NodeId> = t
                .field(n, "arguments")
                .map(|a| t.named_children(a).collect())
                .unwrap_or_default();
            let Const::Str(s) = sub(t.field(n, "object")?)? else {
                return None;
            };
            match (name, args.as_slice()) {
                ("charAt", [i]) => {
                    let Const::Int(i) = sub(*i)? else { return None };
                    s.chars().nth(usize::try_from(i).ok()?).map(Const::Char)
                }
                ("length", []) => Some(Const::Int(s.chars().count() as i64)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The operator token of a binary or unary expression.
fn operator(t: &Tree, n: NodeId) -> Option<&str> {
    t.children(n)
        .iter()
        .copied()
        .find(|c| {
            let c = t.node(*c);
            c.field == "operator" || (!c.named && c.kind != "(" && c.kind != ")")
        })
        .map(|c| t.text(c))
}

fn binary(op: &str, l: Const, r: Const) -> Option<Const> {
    use Const::*;
    let b = |x: bool| Some(Bool(x));
    match (l, r) {
        (Int(a), Int(c)) => match op {
            "+" => a.checked_add(c).map(Int),
            "-" => a.checked_sub(c).map(Int),
            "*" => a.checked_mul(c).map(Int),
            "/" => a.checked_div(c).map(Int),
            "//" => (c != 0).then(|| a.div_euclid(c)).map(Int),
            "%" => a.checked_rem(c).map(Int),
            "<" => b(a < c),
            "<=" => b(a <= c),
            ">" => b(a > c),
            ">=" => b(a >= c),
            "==" | "===" => b(a == c),
            "!=" | "!==" => b(a != c),
            _ => None,
        },
        (Bool(a), Bool(c)) => match op {
            "&&" | "and" => b(a && c),
            "||" | "or" => b(a || c),
            "==" | "===" => b(a == c),
            "!=" | "!==" => b(a != c),
            _ => None,
        },
        (Char(a), Char(c)) => match op {
            "==" => b(a == c),
            "!=" => b(a != c),
            _ => None,
        },
        (Str(a), Str(c)) => match op {
            "+" => Some(Str(a + &c)),
            "==" | "===" => b(a == c),
            "!=" | "!==" => b(a != c),
            _ => None,
        },
        (Str(a), Int(c)) if op == "+" => Some(Str(format!("{a}{c}"))),
        (Int(a), Str(c)) if op == "+" => Some(Str(format!("{a}{c}"))),
        _ => None,
    }
}
