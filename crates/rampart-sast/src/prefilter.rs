//! Rule prefilter: the identifiers a rule's patterns require, checked with one Aho-Corasick
//! pass over the file, so a rule that cannot match is skipped before the file is even parsed.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::pattern::Root;
use crate::rule::{Body, Clause, Formula, Rule};

/// What a file must contain for a rule to possibly match.
#[derive(Debug, Clone)]
enum Req {
    True,
    Word(usize),
    All(Vec<Req>),
    Any(Vec<Req>),
}

pub struct Prefilter {
    ac: Option<AhoCorasick>,
    words: usize,
    reqs: Vec<Req>,
}

struct Builder {
    ids: HashMap<String, usize>,
}

impl Builder {
    fn word(&mut self, w: &str) -> Req {
        let n = self.ids.len();
        Req::Word(*self.ids.entry(w.to_string()).or_insert(n))
    }

    fn formula(&mut self, f: &Formula) -> Req {
        match f {
            Formula::Pattern(set) => {
                // Any grammar's words will do: the same text is parsed by each.
                let Some((_, p)) = set.0.first() else {
                    return Req::True;
                };
                let _ = matches!(p.root, Root::Node(_));
                Req::All(p.words.iter().map(|w| self.word(w)).collect())
            }
            Formula::Regex(_) => Req::True,
            Formula::Either(fs) => Req::Any(fs.iter().map(|x| self.formula(x)).collect()),
            Formula::And(cs) => Req::All(
                cs.iter()
                    .filter_map(|c| match c {
                        Clause::Pos(x) | Clause::Inside(x) => Some(self.formula(x)),
                        _ => None,
                    })
                    .collect(),
            ),
        }
    }
}

fn holds(r: &Req, present: &[bool]) -> bool {
    match r {
        Req::True => true,
        Req::Word(i) => present[*i],
        Req::All(v) => v.iter().all(|x| holds(x, present)),
        Req::Any(v) => v.iter().any(|x| holds(x, present)),
    }
}

impl Prefilter {
    pub fn new(rules: &[Rule]) -> Prefilter {
        let mut b = Builder {
            ids: HashMap::new(),
        };
        let reqs = rules
            .iter()
            .map(|r| match &r.body {
                Body::Search(f) => b.formula(f),
                Body::Taint(t) => Req::All(vec![
                    Req::Any(t.sources.iter().map(|s| b.formula(&s.f)).collect()),
                    Req::Any(t.sinks.iter().map(|s| b.formula(&s.f)).collect()),
                ]),
            })
            .collect();
        let mut words: Vec<(String, usize)> = b.ids.into_iter().collect();
        words.sort_by_key(|(_, i)| *i);
        let ac = if words.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(words.iter().map(|(w, _)| w.as_bytes()))
                .ok()
        };
        Prefilter {
            ac,
            words: words.len(),
            reqs,
        }
    }

    /// Which words occur in `bytes`.
    pub fn present(&self, bytes: &[u8]) -> Vec<bool> {
        let mut v = vec![false; self.words];
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(bytes) {
                v[m.pattern().as_usize()] = true;
            }
        }
        v
    }

    pub fn may_match(&self, rule: usize, present: &[bool]) -> bool {
        holds(&self.reqs[rule], present)
    }
}
