//! The secrets analyzer: credentials in files and in git history.
//!
//! Pipeline (see `ARCHITECTURE.md`): rules (data, `rules/*.toml`) → keyword prefilter
//! (Aho-Corasick) → regex on the lines around each keyword → filters (placeholders, entropy,
//! allowlists) → validators (checksums) → findings with the value redacted and hashed.

mod allowlist;
mod decode;
mod filter;
mod gitleaks;
pub mod history;
mod keywords;
mod rule;
mod scanner;
mod validate;

use std::path::Path;

use memchr::memchr_iter;
use rampart_core::{Finding, Location, RuleMeta, SecretInfo, redact, sha256_hex};
use rampart_engine::{AnalyzeError, Analyzer, Budget, SecretsConfig, SourceFile};

pub use allowlist::AllowlistSpec;
pub use filter::entropy;
pub use gitleaks::{CustomRules, parse_gitleaks};
pub use rule::{Rule, RuleError, RuleSpec, builtin_specs, parse_rule_file};
pub use scanner::{Scanner, SecretMatch};
pub use validate::Validator;

/// The secrets analyzer, ready to scan.
pub struct SecretsAnalyzer {
    scanner: Scanner,
    decode_base64: bool,
}

/// A version string for the built-in rule pack: rule count and a digest of the rule files,
/// both computed when the rules were embedded (build.rs).
pub fn rule_pack_version() -> String {
    format!(
        "secrets {} rules, digest {}, keywords by {}",
        rule::BUILTIN_RULE_COUNT,
        &rule::BUILTIN_RULE_DIGEST[..12],
        keywords::PREFERRED_ENGINE
    )
}

impl SecretsAnalyzer {
    /// Every built-in rule, nothing else.
    pub fn builtin() -> Result<SecretsAnalyzer, RuleError> {
        Self::from_config(&SecretsConfig::default(), &[], None)
    }

    /// Built-in rules (unless turned off), custom gitleaks rule files from the config (paths
    /// relative to `config_dir`) and a `.gitleaks.toml` in `config_dir`, minus `disabled` ids.
    pub fn from_config(
        cfg: &SecretsConfig,
        disabled: &[String],
        config_dir: Option<&Path>,
    ) -> Result<SecretsAnalyzer, RuleError> {
        let mut specs: Vec<(String, RuleSpec, bool)> = Vec::new();
        let mut use_builtin = cfg.builtin;
        let mut disabled: Vec<String> = disabled.to_vec();
        let mut global = Vec::new();
        let mut files: Vec<std::path::PathBuf> = cfg
            .custom_rules
            .iter()
            .map(|p| config_dir.map_or_else(|| p.clone(), |d| d.join(p)))
            .collect();
        if let Some(auto) = config_dir
            .map(|d| d.join(".gitleaks.toml"))
            .filter(|p| p.is_file())
            && !files.contains(&auto)
        {
            files.push(auto);
        }
        let mut custom = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(path) = files.pop() {
            if !seen.insert(path.clone()) {
                continue;
            }
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| RuleError::Toml {
                file: name.clone(),
                message: format!("cannot read: {e}"),
            })?;
            let c = parse_gitleaks(&name, &text)?;
            // A gitleaks file with `[extend] useDefault` keeps the built-ins; one without
            // replaces them, as in gitleaks — unless rampart.toml asks for built-ins explicitly.
            use_builtin &= c.use_default || cfg.builtin;
            disabled.extend(c.disabled);
            global.extend(c.global_allowlists);
            if let Some(ext) = c.extends {
                files.push(
                    path.parent()
                        .map_or_else(|| ext.clone().into(), |d| d.join(&ext)),
                );
            }
            custom.extend(c.rules.into_iter().map(|r| (name.clone(), r)));
        }
        if use_builtin {
            specs.extend(builtin_specs()?.into_iter().map(|(f, s)| (f, s, false)));
        }
        specs.extend(custom.into_iter().map(|(f, s)| (f, s, true)));
        let mut rules = Vec::new();
        for (file, spec, eager) in specs {
            if disabled.contains(&spec.id) {
                continue;
            }
            rules.push(Rule::compile(spec, &file, eager)?);
        }
        let global = global
            .iter()
            .map(|a| {
                a.compile().map_err(|message| RuleError::Invalid {
                    file: "allowlist".into(),
                    id: "(global)".into(),
                    message,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(SecretsAnalyzer {
            scanner: Scanner::new(rules, global),
            decode_base64: cfg.decode_base64,
        })
    }

    pub fn scanner(&self) -> &Scanner {
        &self.scanner
    }

    /// Secrets in one buffer, as findings (fingerprints not yet assigned).
    pub fn find(
        &self,
        bytes: &[u8],
        rel_path: &str,
        commit: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<Finding>, AnalyzeError> {
        let mut out = Vec::new();
        self.find_into(bytes, rel_path, commit, budget, &mut out)?;
        Ok(out)
    }

    /// Like [`Self::find`], but appends to `out`, and when the budget runs out keeps what was
    /// found before returning [`AnalyzeError::BudgetExceeded`].
    pub fn find_into(
        &self,
        bytes: &[u8],
        rel_path: &str,
        commit: Option<&str>,
        budget: &Budget,
        out: &mut Vec<Finding>,
    ) -> Result<(), AnalyzeError> {
        let raw = self.scanner.scan(bytes, rel_path, commit);
        let mut hits: Vec<Hit> = raw
            .into_iter()
            .map(|m| Hit {
                span: (m.start, m.end),
                redact_span: (m.secret_start, m.secret_end),
                secret: bytes[m.secret_start..m.secret_end].to_vec(),
                decoded: false,
                m,
            })
            .collect();
        let mut exceeded = budget.exceeded();
        if self.decode_base64 && !exceeded {
            let matched = merged_spans(&hits);
            for block in decode::decoded_blocks(bytes) {
                if budget.exceeded() {
                    exceeded = true;
                    break;
                }
                if overlaps(&matched, block.start, block.end) {
                    continue;
                }
                for m in self.scanner.scan(&block.text, rel_path, commit) {
                    hits.push(Hit {
                        span: (block.start, block.end),
                        redact_span: (block.start, block.end),
                        secret: block.text[m.secret_start..m.secret_end].to_vec(),
                        decoded: true,
                        m,
                    });
                }
            }
        }
        out.extend(self.to_findings(bytes, rel_path, hits));
        if exceeded {
            Err(AnalyzeError::BudgetExceeded)
        } else {
            Ok(())
        }
    }

    fn to_findings(&self, bytes: &[u8], rel_path: &str, mut hits: Vec<Hit>) -> Vec<Finding> {
        hits.sort_by_key(|h| (h.redact_span.0, h.m.rule));
        let redactions: Vec<(usize, usize, String)> = hits
            .iter()
            .map(|h| {
                (
                    h.redact_span.0,
                    h.redact_span.1,
                    redact(&String::from_utf8_lossy(&h.secret)),
                )
            })
            .collect();
        let mut lines = LineIndex::new(bytes);
        let mut out = Vec::with_capacity(hits.len());
        for h in &hits {
            let rule = &self.scanner.rules()[h.m.rule];
            let value = String::from_utf8_lossy(&h.secret);
            let shown = redact(&value);
            let (start_line, start_column) = lines.position(h.redact_span.0);
            let (end_line, end_column) = lines.position(h.redact_span.1);
            let location = Location {
                path: rel_path.to_string(),
                start_line,
                start_column,
                end_line,
                end_column,
            };
            let snippet = snippet(bytes, h.redact_span.0, &redactions);
            let how = if h.decoded {
                " (inside a base64 block)"
            } else {
                ""
            };
            let message = format!("{}{how}: {shown}", rule.meta.title);
            let mut f = rule.meta.finding(message, location, snippet);
            f.confidence = h.m.confidence;
            f.secret = Some(SecretInfo {
                redacted: shown,
                sha256: sha256_hex(&h.secret),
                checksum_valid: h.m.checksum_valid,
                decoded: h.decoded,
            });
            out.push(f);
        }
        out
    }
}

/// The byte ranges covered by matches, sorted and merged.
fn merged_spans(hits: &[Hit]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = hits.iter().map(|h| h.span).collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Whether `start..end` overlaps one of the sorted, disjoint `spans`.
fn overlaps(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|&(_, e)| e <= start);
    spans.get(i).is_some_and(|&(s, _)| s < end)
}

struct Hit {
    m: SecretMatch,
    /// The bytes of the original buffer the finding covers (the encoded run when decoded).
    span: (usize, usize),
    /// What must never be shown.
    redact_span: (usize, usize),
    secret: Vec<u8>,
    decoded: bool,
}

/// Byte offset → (line, column), both 1-based; the column counts characters. Offsets are
/// visited mostly in increasing order (hits sorted by start): each step costs the distance
/// from the previous offset, so a file with many findings, or a long minified line with
/// several, is not re-read from its start for each one.
struct LineIndex<'a> {
    bytes: &'a [u8],
    /// The last offset asked for, its line, the start of that line, and the characters
    /// between the two.
    offset: usize,
    line: u32,
    line_start: usize,
    chars: u32,
}

impl<'a> LineIndex<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineIndex {
            bytes,
            offset: 0,
            line: 1,
            line_start: 0,
            chars: 0,
        }
    }

    fn position(&mut self, at: usize) -> (u32, u32) {
        let from = self.offset;
        if at >= from {
            for nl in memchr_iter(b'\n', &self.bytes[from..at]) {
                self.line += 1;
                self.line_start = from + nl + 1;
            }
            let counted_from = if self.line_start > from {
                self.chars = 0;
                self.line_start
            } else {
                from
            };
            self.chars += char_count(&self.bytes[counted_from..at]);
        } else if at >= self.line_start {
            self.chars -= char_count(&self.bytes[at..from]);
        } else {
            self.line -= memchr_iter(b'\n', &self.bytes[at..from]).count() as u32;
            self.line_start = memchr::memrchr(b'\n', &self.bytes[..at]).map_or(0, |p| p + 1);
            self.chars = char_count(&self.bytes[self.line_start..at]);
        }
        self.offset = at;
        (self.line, self.chars + 1)
    }
}

/// Characters in UTF-8 text: the bytes that are not continuation bytes (for invalid UTF-8,
/// a close count that never needs decoding).
fn char_count(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32
}

/// The line holding `at`, with every secret on it replaced by its redacted form, cut to a
/// readable length.
fn snippet(bytes: &[u8], at: usize, redactions: &[(usize, usize, String)]) -> String {
    const MAX: usize = 240;
    let ls = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    let le = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
    let mut out = Vec::new();
    let mut pos = ls;
    for (s, e, shown) in redactions.iter().filter(|(s, e, _)| *s < le && *e > ls) {
        let s = (*s).max(pos);
        out.extend_from_slice(&bytes[pos..s]);
        out.extend_from_slice(shown.as_bytes());
        pos = (*e).max(pos);
    }
    if pos < le {
        out.extend_from_slice(&bytes[pos..le]);
    }
    let text = String::from_utf8_lossy(&out).trim_end().to_string();
    if text.chars().count() > MAX {
        let mut t: String = text.chars().take(MAX).collect();
        t.push('…');
        t
    } else {
        text
    }
}

impl Analyzer for SecretsAnalyzer {
    fn name(&self) -> &'static str {
        "secrets"
    }

    fn rules(&self) -> Vec<RuleMeta> {
        self.scanner
            .rules()
            .iter()
            .map(|r| r.meta.clone())
            .collect()
    }

    fn analyze(
        &self,
        file: &SourceFile,
        budget: &Budget,
        out: &mut Vec<Finding>,
    ) -> Result<(), AnalyzeError> {
        self.find_into(file.bytes, file.rel_path, None, budget, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and character column the slow way.
    fn naive(bytes: &[u8], at: usize) -> (u32, u32) {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
        let line = 1 + memchr_iter(b'\n', &bytes[..at]).count() as u32;
        let col = std::str::from_utf8(&bytes[line_start..at])
            .unwrap()
            .chars()
            .count() as u32;
        (line, col + 1)
    }

    #[test]
    fn line_index_matches_a_recount_in_any_order() {
        let text = "key = \"é€𝄞x\"\n\nsecond line ü\nthird\n\n€€ last".as_bytes();
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| i == text.len() || (text[i] as i8) >= -0x40)
            .collect();
        // Forward, backward within a line, across lines, and repeats.
        let mut order: Vec<usize> = boundaries.clone();
        order.extend(boundaries.iter().rev());
        order.extend(
            boundaries
                .iter()
                .step_by(3)
                .chain(boundaries.iter().step_by(5).rev()),
        );
        order.extend([0, text.len(), 7, 7, 3]);
        let mut index = LineIndex::new(text);
        for at in order {
            assert_eq!(index.position(at), naive(text, at), "offset {at}");
        }
    }
}
