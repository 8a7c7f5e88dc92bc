//! The match pipeline: keyword prefilter → regex on the lines around each keyword hit →
//! filters and validators.
//!
//! One Aho-Corasick automaton holds every rule's keywords (case-insensitive). A file with no
//! keyword hit costs one pass of that automaton and nothing else. Each hit marks the line it
//! sits on (and, for multi-line rules, the bytes after it) as a window for the rules that own
//! the keyword; windows are merged per rule, and only then is the rule's regex run.

use memchr::{memchr, memrchr};
use rampart_core::Confidence;

use crate::allowlist::{Allowlist, Candidate};
use crate::filter::{Verdict, entropy, judge};
use crate::keywords::KeywordIndex;
use crate::rule::Rule;

/// How far a window reaches back or forward on very long (minified) lines.
const MAX_LINE_REACH: usize = 2048;
/// How far past its keyword's line a multi-line rule may match (a PEM block of a 16k-bit key).
const MULTILINE_REACH: usize = 16 * 1024;

/// One secret found in a byte buffer. Offsets index into the scanned buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub secret_start: usize,
    pub secret_end: usize,
    pub confidence: Confidence,
    pub checksum_valid: Option<bool>,
}

/// Compiled rules plus the keyword automaton that routes bytes to them.
pub struct Scanner {
    pub(crate) rules: Vec<Rule>,
    prefilter: KeywordIndex,
    /// For each keyword pattern, the rules that own it.
    routes: Vec<Vec<usize>>,
    /// Rules without keywords: their regex runs over the whole buffer.
    unrouted: Vec<usize>,
    global_allowlists: Vec<Allowlist>,
}

impl Scanner {
    pub fn new(rules: Vec<Rule>, global_allowlists: Vec<Allowlist>) -> Scanner {
        let mut keywords: Vec<String> = Vec::new();
        let mut routes: Vec<Vec<usize>> = Vec::new();
        let mut unrouted = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            if rule.spec.keywords.is_empty() {
                unrouted.push(i);
            }
            for kw in &rule.spec.keywords {
                let kw = kw.to_ascii_lowercase();
                match keywords.iter().position(|k| *k == kw) {
                    Some(p) => routes[p].push(i),
                    None => {
                        keywords.push(kw);
                        routes.push(vec![i]);
                    }
                }
            }
        }
        let prefilter = KeywordIndex::new(&keywords);
        Scanner {
            rules,
            prefilter,
            routes,
            unrouted,
            global_allowlists,
        }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Finds the secrets in `bytes`. `path` feeds path-scoped rules and allowlists.
    pub fn scan(&self, bytes: &[u8], path: &str, commit: Option<&str>) -> Vec<SecretMatch> {
        let windows = self.windows(bytes);
        let mut out = Vec::new();
        for (rule_idx, spans) in windows {
            let rule = &self.rules[rule_idx];
            if rule
                .path
                .as_ref()
                .is_some_and(|p| !p.is_match(path.as_bytes()))
            {
                continue;
            }
            for (ws, we) in spans {
                self.run_rule(rule_idx, bytes, ws, we, path, commit, &mut out);
            }
        }
        drop_generic_overlaps(&self.rules, &mut out);
        out.sort_by_key(|m| (m.start, m.rule));
        out.dedup_by_key(|m| (m.rule, m.secret_start, m.secret_end));
        out
    }

    /// Per rule, the merged byte ranges its regex must look at.
    fn windows(&self, bytes: &[u8]) -> Vec<(usize, Vec<(usize, usize)>)> {
        let mut per_rule: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut touched: Vec<usize> = Vec::new();
        let mut push = |rule: usize, span: (usize, usize)| {
            if per_rule.len() <= rule {
                per_rule.resize_with(self.rules.len(), Vec::new);
            }
            let spans = &mut per_rule[rule];
            if spans.is_empty() {
                touched.push(rule);
            }
            match spans.last_mut() {
                Some(last) if span.0 <= last.1 && last.0 <= span.1 => {
                    *last = (last.0.min(span.0), last.1.max(span.1));
                }
                _ => spans.push(span),
            }
        };
        for &rule in &self.unrouted {
            push(rule, (0, bytes.len()));
        }
        self.prefilter.for_each(bytes, |keyword, start, end| {
            let reach_back = start.saturating_sub(MAX_LINE_REACH);
            let line_start = memrchr(b'\n', &bytes[reach_back..start])
                .map_or(reach_back, |p| reach_back + p + 1);
            let reach = (end + MAX_LINE_REACH).min(bytes.len());
            let line_end = memchr(b'\n', &bytes[end..reach]).map_or(reach, |p| end + p);
            for &rule in &self.routes[keyword] {
                let end = if self.rules[rule].spec.multiline {
                    (line_end + MULTILINE_REACH).min(bytes.len())
                } else {
                    line_end
                };
                push(rule, (line_start, end));
            }
        });
        touched.sort_unstable();
        touched
            .into_iter()
            .map(|r| (r, merged(std::mem::take(&mut per_rule[r]))))
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn run_rule(
        &self,
        rule_idx: usize,
        bytes: &[u8],
        ws: usize,
        we: usize,
        path: &str,
        commit: Option<&str>,
        out: &mut Vec<SecretMatch>,
    ) {
        let rule = &self.rules[rule_idx];
        let group = rule.secret_group();
        for caps in rule.regex().captures_iter(&bytes[ws..we]) {
            let whole = caps.get(0).expect("group 0");
            let Some(secret) = caps.get(group).or_else(|| caps.get(0)) else {
                continue;
            };
            let value = secret.as_bytes();
            if value.is_empty() || (rule.spec.reject_words && is_word(value)) {
                continue;
            }
            if rule.spec.entropy.is_some_and(|min| entropy(value) < min) {
                continue;
            }
            let text = String::from_utf8_lossy(value);
            let mut confidence = rule.spec.confidence;
            match judge(&text, rule.spec.generic) {
                Verdict::Drop => continue,
                Verdict::Low => confidence = Confidence::Low,
                Verdict::Keep => {}
            }
            let (start, end) = (ws + whole.start(), ws + whole.end());
            let line = line_of(bytes, start, end);
            let candidate = Candidate {
                secret: value,
                matched: whole.as_bytes(),
                line,
                path,
                commit,
            };
            let allowed = rule.allowlists.iter().any(|a| a.allows(&candidate))
                || self.global_allowlists.iter().any(|a| {
                    (a.target_rules.is_empty() || a.target_rules.iter().any(|r| r == rule.id()))
                        && a.allows(&candidate)
                });
            if allowed {
                continue;
            }
            let checksum_valid = rule.spec.validator.map(|v| v.check(value));
            if checksum_valid == Some(false) {
                confidence = Confidence::Low;
            }
            out.push(SecretMatch {
                rule: rule_idx,
                start,
                end,
                secret_start: ws + secret.start(),
                secret_end: ws + secret.end(),
                confidence,
                checksum_valid,
            });
        }
    }
}

/// Sorted, non-overlapping spans. Hits arrive in order of their end, so spans are nearly
/// sorted already; this makes the order a guarantee whatever the keyword engine.
fn merged(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if spans.is_sorted() {
        return spans;
    }
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.0 <= last.1 => last.1 = last.1.max(span.1),
            _ => out.push(span),
        }
    }
    out
}

/// Letters and `_` only, not all lowercase: a name (`ConfiguredInVault`, `API_KEY_VALUE`), not
/// a token. Lowercase words pass on to the generic filters, which keep the weak passwords
/// built on a credential word (`mypassword`) and drop the rest.
fn is_word(value: &[u8]) -> bool {
    value.iter().all(|&b| b.is_ascii_alphabetic() || b == b'_')
        && !value.iter().all(|b| b.is_ascii_lowercase())
}

/// The full line(s) containing `start..end`.
fn line_of(bytes: &[u8], start: usize, end: usize) -> &[u8] {
    let ls = memrchr(b'\n', &bytes[..start]).map_or(0, |p| p + 1);
    let le = memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |p| end + p);
    &bytes[ls..le]
}

/// A provider rule is more specific than a generic one: drop generic matches whose secret
/// overlaps a provider match.
fn drop_generic_overlaps(rules: &[Rule], matches: &mut Vec<SecretMatch>) {
    let specific: Vec<(usize, usize)> = matches
        .iter()
        .filter(|m| !rules[m.rule].spec.generic)
        .map(|m| (m.secret_start, m.secret_end))
        .collect();
    if specific.is_empty() {
        return;
    }
    matches.retain(|m| {
        !rules[m.rule].spec.generic
            || !specific
                .iter()
                .any(|&(s, e)| s < m.secret_end && m.secret_start < e)
    });
}
