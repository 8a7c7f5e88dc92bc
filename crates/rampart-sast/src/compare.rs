//! `metavariable-comparison`: a small expression language over metavariable values
//! (numbers, strings, `and` / `or` / `not`, comparisons, `+ - * / %`, `int()`, `str()`).

use crate::pattern::Interner;

#[derive(Debug, Clone)]
pub enum Expr {
    Num(f64),
    Str(String),
    Bool(bool),
    Mv(u16),
    Not(Box<Expr>),
    Bin(String, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Num(f64),
    Str(String),
    Bool(bool),
}

impl Val {
    fn truthy(&self) -> bool {
        match self {
            Val::Num(n) => *n != 0.0,
            Val::Str(s) => !s.is_empty(),
            Val::Bool(b) => *b,
        }
    }
}

/// A metavariable's text as a value: a number when it reads as one (`0x10`, `1_000`).
pub fn value_of(text: &str) -> Val {
    let t = text.trim().replace('_', "");
    let n = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok().map(|v| v as f64)
    } else if let Some(o) = t.strip_prefix("0o") {
        i64::from_str_radix(o, 8).ok().map(|v| v as f64)
    } else {
        t.trim_end_matches(['L', 'l']).parse::<f64>().ok()
    };
    match n {
        Some(n) => Val::Num(n),
        None => Val::Str(crate::lang::strip_quotes(text.trim()).to_string()),
    }
}

pub fn eval(e: &Expr, lookup: &dyn Fn(u16) -> Option<String>) -> Option<Val> {
    Some(match e {
        Expr::Num(n) => Val::Num(*n),
        Expr::Str(s) => Val::Str(s.clone()),
        Expr::Bool(b) => Val::Bool(*b),
        Expr::Mv(v) => value_of(&lookup(*v)?),
        Expr::Not(x) => Val::Bool(!eval(x, lookup)?.truthy()),
        Expr::Call(f, args) => {
            let a = eval(args.first()?, lookup)?;
            match (f.as_str(), a) {
                ("int" | "float", Val::Num(n)) => Val::Num(n),
                ("int" | "float", Val::Str(s)) => match value_of(&s) {
                    Val::Num(n) => Val::Num(n),
                    _ => return None,
                },
                ("str", Val::Num(n)) => Val::Str(n.to_string()),
                ("str", v) => v,
                _ => return None,
            }
        }
        Expr::Bin(op, a, b) => {
            if op == "and" {
                return Some(Val::Bool(
                    eval(a, lookup)?.truthy() && eval(b, lookup)?.truthy(),
                ));
            }
            if op == "or" {
                return Some(Val::Bool(
                    eval(a, lookup).is_some_and(|v| v.truthy())
                        || eval(b, lookup).is_some_and(|v| v.truthy()),
                ));
            }
            let (x, y) = (eval(a, lookup)?, eval(b, lookup)?);
            match (op.as_str(), &x, &y) {
                ("==", _, _) => Val::Bool(x == y),
                ("!=", _, _) => Val::Bool(x != y),
                (_, Val::Num(p), Val::Num(q)) => match op.as_str() {
                    "<" => Val::Bool(p < q),
                    "<=" => Val::Bool(p <= q),
                    ">" => Val::Bool(p > q),
                    ">=" => Val::Bool(p >= q),
                    "+" => Val::Num(p + q),
                    "-" => Val::Num(p - q),
                    "*" => Val::Num(p * q),
                    "/" if *q != 0.0 => Val::Num(p / q),
                    "%" if *q != 0.0 => Val::Num(p % q),
                    _ => return None,
                },
                (_, Val::Str(p), Val::Str(q)) => match op.as_str() {
                    "<" => Val::Bool(p < q),
                    ">" => Val::Bool(p > q),
                    "+" => Val::Str(format!("{p}{q}")),
                    _ => return None,
                },
                _ => return None,
            }
        }
    })
}

pub fn truthy(e: &Expr, lookup: &dyn Fn(u16) -> Option<String>) -> bool {
    eval(e, lookup).is_some_and(|v| v.truthy())
}

fn tokens(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '"' || ch == '\'' {
            let mut j = i + 1;
            while j < c.len() && c[j] != ch {
                j += 1;
            }
            out.push(c[i..(j + 1).min(c.len())].iter().collect());
            i = j + 1;
        } else if ch.is_ascii_alphanumeric() || ch == '$' || ch == '_' || ch == '.' {
            let mut j = i;
            while j < c.len()
                && (c[j].is_ascii_alphanumeric() || c[j] == '$' || c[j] == '_' || c[j] == '.')
            {
                j += 1;
            }
            out.push(c[i..j].iter().collect());
            i = j;
        } else {
            let two: String = c[i..(i + 2).min(c.len())].iter().collect();
            if ["<=", ">=", "==", "!="].contains(&two.as_str()) {
                out.push(two);
                i += 2;
            } else if "<>+-*/%(),".contains(ch) {
                out.push(ch.to_string());
                i += 1;
            } else {
                return Err(format!("unexpected `{ch}`"));
            }
        }
    }
    Ok(out)
}

struct P<'a> {
    t: Vec<String>,
    i: usize,
    interner: &'a mut Interner,
}

impl P<'_> {
    fn peek(&self) -> Option<&str> {
        self.t.get(self.i).map(String::as_str)
    }

    fn bin(&mut self, level: usize) -> Result<Expr, String> {
        const LEVELS: &[&[&str]] = &[
            &["or"],
            &["and"],
            &["==", "!=", "<", "<=", ">", ">="],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.bin(level + 1)?;
        while let Some(op) = self
            .peek()
            .filter(|o| LEVELS[level].contains(o))
            .map(str::to_string)
        {
            self.i += 1;
            let right = self.bin(level + 1)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        let tok = self.peek().ok_or("unexpected end")?.to_string();
        self.i += 1;
        if tok == "not" {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if tok == "-" {
            return Ok(Expr::Bin(
                "-".into(),
                Box::new(Expr::Num(0.0)),
                Box::new(self.unary()?),
            ));
        }
        if tok == "(" {
            let e = self.bin(0)?;
            if self.peek() != Some(")") {
                return Err("missing `)`".into());
            }
            self.i += 1;
            return Ok(e);
        }
        if tok.starts_with('"') || tok.starts_with('\'') {
            return Ok(Expr::Str(
                tok[1..tok.len().saturating_sub(1).max(1)].to_string(),
            ));
        }
        if tok.starts_with('$') {
            return Ok(Expr::Mv(self.interner.id(&tok)));
        }
        if tok == "True" || tok == "true" {
            return Ok(Expr::Bool(true));
        }
        if tok == "False" || tok == "false" {
            return Ok(Expr::Bool(false));
        }
        if let Val::Num(n) = value_of(&tok) {
            return Ok(Expr::Num(n));
        }
        if ["int", "str", "float"].contains(&tok.as_str()) && self.peek() == Some("(") {
            self.i += 1;
            let arg = self.bin(0)?;
            if self.peek() != Some(")") {
                return Err("missing `)`".into());
            }
            self.i += 1;
            return Ok(Expr::Call(tok, vec![arg]));
        }
        Err(format!("unsupported `{tok}`"))
    }
}

pub fn parse(s: &str, interner: &mut Interner) -> Result<Expr, String> {
    let mut p = P {
        t: tokens(s)?,
        i: 0,
        interner,
    };
    let e = p.bin(0)?;
    if p.i != p.t.len() {
        return Err(format!("unexpected `{}`", p.t[p.i]));
    }
    Ok(e)
}
