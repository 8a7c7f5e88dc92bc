//! Evaluation of a rule's formula over one file, with Semgrep's semantics: positive terms
//! intersect (same range, unifiable bindings), `pattern-inside` keeps matches inside a range,
//! negative terms remove, metavariable conditions filter, `focus-metavariable` narrows.

use crate::matcher::{Bindings, Bound, FileCtx, Match, find_all_seeded, same_text};
use crate::rule::{Clause, Formula, Re};

/// `metavariable-regex` conditions of the enclosing conjunctions, checked as metavariables
/// bind so the matcher's backtracking finds the solution they allow (Semgrep enumerates every
/// solution and filters; one solution per place needs the filter up front).
type Cons<'a> = [(u16, &'a Re)];

/// Whether two binding sets agree on every metavariable they share.
pub fn compatible(f: &FileCtx, a: &Bindings, b: &Bindings) -> bool {
    let src = &f.tree.src;
    a.iter().all(|(k, va)| {
        b.iter().find(|(kb, _)| kb == k).is_none_or(|(_, vb)| {
            same_text(
                &src[va.start as usize..va.end as usize],
                &src[vb.start as usize..vb.end as usize],
            )
        })
    })
}

fn merge(a: &Bindings, b: &Bindings) -> Bindings {
    let mut out = a.clone();
    for (k, v) in b {
        if !out.iter().any(|(x, _)| x == k) {
            out.push((*k, *v));
        }
    }
    out
}

/// Matches of `ms` that lie at (or, with `inside`, within) a compatible match of `other`,
/// with the bindings of both. `other` holds one solution per place; when that solution's
/// bindings disagree with `m`, `redo` (the formula `other` came from) is matched again at
/// that place with `m`'s bindings fixed, so another solution can be found (Semgrep
/// enumerates them all, e.g. `$RES` in `function ...(..., $RES, ...)`).
fn intersect(
    f: &FileCtx,
    ms: Vec<Match>,
    other: &[Match],
    inside: bool,
    redo: Option<&Formula>,
    cons: &Cons,
) -> Vec<Match> {
    if other.is_empty() {
        return Vec::new();
    }
    ms.into_iter()
        .filter_map(|m| {
            let o = find_compatible(f, &m, other, inside, redo, cons)?;
            Some(Match {
                b: merge(&m.b, &o.b),
                ..m
            })
        })
        .collect()
}

fn at(o: &Match, m: &Match, inside: bool) -> bool {
    if inside {
        o.start <= m.start && m.end <= o.end
    } else {
        o.start == m.start && o.end == m.end
    }
}

/// A match of `other` at (or around) `m` whose bindings agree with `m`'s; see [`intersect`].
fn find_compatible(
    f: &FileCtx,
    m: &Match,
    other: &[Match],
    inside: bool,
    redo: Option<&Formula>,
    cons: &Cons,
) -> Option<Match> {
    if let Some(o) = other
        .iter()
        .find(|o| at(o, m, inside) && compatible(f, &m.b, &o.b))
    {
        return Some(o.clone());
    }
    let redo = redo?;
    let mut tried: Vec<(u32, u32)> = Vec::new();
    for o in other.iter().filter(|o| at(o, m, inside)) {
        if tried.contains(&(o.start, o.end)) {
            continue;
        }
        tried.push((o.start, o.end));
        let again = eval_in(f, redo, Some((o.start, o.end)), &m.b, cons);
        if let Some(r) = again
            .into_iter()
            .find(|r| at(r, m, inside) && compatible(f, &m.b, &r.b))
        {
            return Some(r);
        }
    }
    None
}

/// Two positive terms: Semgrep keeps each range of either side that lies within a
/// compatible range of the other (so `$F(...)` and `$X` together give the `$X` inside).
fn intersect_pos(
    f: &FileCtx,
    a: Vec<Match>,
    b: Vec<Match>,
    redo: Option<&Formula>,
    cons: &Cons,
) -> Vec<Match> {
    let mut out = intersect(f, a.clone(), &b, true, redo, cons);
    for m in intersect(f, b, &a, true, None, cons) {
        let dup = out
            .iter()
            .any(|o| o.start == m.start && o.end == m.end && compatible(f, &o.b, &m.b));
        if !dup {
            out.push(m);
        }
    }
    out
}

/// A conjunction with no positive term: the ranges of any `pattern-inside` that lie within
/// a match of every other one (the innermost regions).
fn only_insides(
    f: &FileCtx,
    clauses: &[Clause],
    within: Option<(u32, u32)>,
    seed: &Bindings,
    cons: &Cons,
) -> Vec<Match> {
    let forms: Vec<&Formula> = clauses
        .iter()
        .filter_map(|c| match c {
            Clause::Inside(x) => Some(x),
            _ => None,
        })
        .collect();
    let sets: Vec<Vec<Match>> = forms
        .iter()
        .map(|x| eval_in(f, x, within, seed, cons))
        .collect();
    let mut out: Vec<Match> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let mut ms = set.clone();
        for (j, other) in sets.iter().enumerate() {
            if i != j && !ms.is_empty() {
                ms = intersect(f, ms, other, true, Some(forms[j]), cons);
            }
        }
        for m in ms {
            if !out.iter().any(|o| o.start == m.start && o.end == m.end) {
                out.push(m);
            }
        }
    }
    out
}

pub fn text<'a>(f: &'a FileCtx, b: &Bound) -> std::borrow::Cow<'a, str> {
    f.bound_text(b)
}

/// Every match of `formula` (inside `within` when given).
pub fn eval(f: &FileCtx, formula: &Formula, within: Option<(u32, u32)>) -> Vec<Match> {
    eval_in(f, formula, within, &Vec::new(), &[])
}

/// Every match of `formula` inside `within` whose bindings extend `seed`.
fn eval_in(
    f: &FileCtx,
    formula: &Formula,
    within: Option<(u32, u32)>,
    seed: &Bindings,
    cons: &Cons,
) -> Vec<Match> {
    if f.out_of_time.get() {
        return Vec::new();
    }
    match formula {
        Formula::Pattern(set) => match set.get(f.tree.grammar) {
            Some(p) => find_all_seeded(f, p, within, seed, cons),
            None => Vec::new(),
        },
        Formula::Regex(re) => {
            let (s, e) = within.unwrap_or((0, f.tree.src.len() as u32));
            let text = &f.tree.src[s as usize..e as usize];
            re.find_iter(text)
                .into_iter()
                .filter(|(a, b)| b > a)
                .map(|(a, b)| Match {
                    start: s + a as u32,
                    end: s + b as u32,
                    b: Vec::new(),
                })
                .collect()
        }
        Formula::Either(fs) => {
            let mut out: Vec<Match> = Vec::new();
            for x in fs {
                out.extend(eval_in(f, x, within, seed, cons));
            }
            out
        }
        Formula::And(clauses) => and(f, clauses, within, seed, cons),
    }
}

fn and(
    f: &FileCtx,
    clauses: &[Clause],
    within: Option<(u32, u32)>,
    seed: &Bindings,
    outer: &Cons,
) -> Vec<Match> {
    let mut cons: Vec<(u16, &Re)> = outer.to_vec();
    for c in clauses {
        if let Clause::MvRegex { mv, re } = c {
            cons.push((*mv, re));
        }
    }
    let cons = cons.as_slice();
    let mut ms = match clauses.iter().position(|c| matches!(c, Clause::Pos(_))) {
        Some(first) => {
            let Clause::Pos(x) = &clauses[first] else {
                unreachable!("seed is positive")
            };
            let mut ms = eval_in(f, x, within, seed, cons);
            // Positives and insides first, then negatives, then metavariable conditions,
            // then focus.
            for (i, c) in clauses.iter().enumerate() {
                if i == first || ms.is_empty() {
                    continue;
                }
                match c {
                    Clause::Pos(x) => {
                        ms = intersect_pos(f, ms, eval_in(f, x, within, seed, cons), Some(x), cons)
                    }
                    Clause::Inside(x) => {
                        let ins = eval_in(f, x, within, seed, cons);
                        ms = intersect(f, ms, &ins, true, Some(x), cons);
                    }
                    _ => {}
                }
            }
            ms
        }
        None => only_insides(f, clauses, within, seed, cons),
    };
    for c in clauses {
        if ms.is_empty() {
            break;
        }
        match c {
            Clause::Not(x) => {
                let nots = eval_in(f, x, within, seed, &[]);
                ms.retain(|m| find_compatible(f, m, &nots, false, Some(x), &[]).is_none());
            }
            Clause::NotInside(x) => {
                let nots = eval_in(f, x, within, seed, &[]);
                ms.retain(|m| find_compatible(f, m, &nots, true, Some(x), &[]).is_none());
            }
            Clause::NotRegex(re) => {
                let hits = re.find_iter(&f.tree.src);
                ms.retain(|m| {
                    !hits
                        .iter()
                        .any(|(s, e)| (*s as u32) < m.end && (*e as u32) > m.start)
                });
            }
            _ => {}
        }
    }
    for c in clauses {
        if ms.is_empty() {
            break;
        }
        match c {
            Clause::MvRegex { mv, re } => ms.retain(|m| {
                m.b.iter()
                    .find(|(k, _)| k == mv)
                    .is_some_and(|(_, b)| re.is_match(&text(f, b)))
            }),
            Clause::MvPattern { mv, f: sub } => {
                ms = ms
                    .into_iter()
                    .filter_map(|m| {
                        let b = m.b.iter().find(|(k, _)| k == mv)?.1;
                        let subs = eval_in(f, sub, Some((b.start, b.end)), &m.b, &[]);
                        subs.iter()
                            .find(|s| compatible(f, &m.b, &s.b))
                            .map(|s| Match {
                                b: merge(&m.b, &s.b),
                                ..m.clone()
                            })
                    })
                    .collect();
            }
            Clause::MvCompare { expr } => ms.retain(|m| {
                let lookup = |v: u16| {
                    m.b.iter()
                        .find(|(k, _)| *k == v)
                        .map(|(_, b)| text(f, b).to_string())
                };
                crate::compare::truthy(expr, &lookup)
            }),
            _ => {}
        }
    }
    for c in clauses {
        if let Clause::Focus(vs) = c {
            ms = ms
                .into_iter()
                .filter_map(|m| {
                    let b = vs
                        .iter()
                        .find_map(|v| m.b.iter().find(|(k, _)| k == v).map(|x| x.1))?;
                    (b.end > b.start).then_some(Match {
                        start: b.start,
                        end: b.end,
                        ..m
                    })
                })
                .collect();
        }
    }
    ms
}
