//! Suppressions: inline comments, a baseline of known fingerprints, and `[[ignore]]` entries in
//! `rampart.toml`. A suppressed finding is not dropped: it is kept with the reason, as evidence.

use std::collections::HashSet;
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use rampart_core::Finding;
use serde::Serialize;

use crate::IgnoreEntry;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum SuppressionSource {
    /// `rampart-ignore: RULE reason` or `gitleaks:allow` on the line or the line above.
    Inline { reason: String },
    /// The fingerprint is in the `--baseline` file.
    Baseline { file: String },
    /// An `[[ignore]]` entry in `rampart.toml`.
    Config { reason: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    pub finding: Finding,
    pub by: SuppressionSource,
}

impl SuppressionSource {
    pub fn reason(&self) -> &str {
        match self {
            SuppressionSource::Inline { reason } | SuppressionSource::Config { reason } => reason,
            SuppressionSource::Baseline { .. } => "in baseline",
        }
    }
}

fn nth_line(bytes: &[u8], line: u32) -> Option<&[u8]> {
    bytes
        .split(|&b| b == b'\n')
        .nth(line.checked_sub(1)? as usize)
}

/// Checks the finding's first line and the line above it for an inline suppression of `rule_id`.
/// Returns the reason (possibly empty).
pub fn inline_suppression(bytes: &[u8], line: u32, rule_id: &str) -> Option<String> {
    for l in [line, line.saturating_sub(1)] {
        let Some(text) = nth_line(bytes, l) else {
            continue;
        };
        let text = String::from_utf8_lossy(text);
        if text.contains("gitleaks:allow") {
            return Some("gitleaks:allow".into());
        }
        let Some(pos) = text.find("rampart-ignore") else {
            continue;
        };
        let rest = text[pos + "rampart-ignore".len()..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            return Some(String::new());
        };
        let rest = rest.trim_start();
        let (ids, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let reason = reason
            .trim()
            .trim_end_matches("*/")
            .trim_end_matches("-->")
            .trim();
        if ids
            .split(',')
            .any(|id| id == rule_id || id == "*" || id == "all")
        {
            return Some(reason.to_string());
        }
    }
    None
}

/// Fingerprints accepted as known: from a rampart JSON report, a SARIF log, or one per line.
#[derive(Debug, Default)]
pub struct Baseline {
    pub file: String,
    fingerprints: HashSet<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut fingerprints = HashSet::new();
        if text.trim_start().starts_with('{') {
            let json: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| format!("{}: line {}: {e}", path.display(), e.line()))?;
            for f in json["findings"].as_array().into_iter().flatten() {
                if let Some(fp) = f["fingerprint"].as_str() {
                    fingerprints.insert(fp.to_string());
                }
            }
            for run in json["runs"].as_array().into_iter().flatten() {
                for r in run["results"].as_array().into_iter().flatten() {
                    if let Some(fp) = r["partialFingerprints"]["rampart/v1"].as_str() {
                        fingerprints.insert(fp.to_string());
                    }
                }
            }
        } else {
            fingerprints.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(String::from),
            );
        }
        Ok(Baseline {
            file: path.display().to_string(),
            fingerprints,
        })
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }
}

/// `[[ignore]]` entries, compiled.
pub(crate) struct ConfigIgnores {
    entries: Vec<(GlobSet, Vec<String>, String)>,
}

impl ConfigIgnores {
    pub(crate) fn new(entries: &[IgnoreEntry]) -> Result<ConfigIgnores, String> {
        let mut out = Vec::new();
        for e in entries {
            let mut set = GlobSetBuilder::new();
            for p in &e.paths {
                set.add(Glob::new(p).map_err(|err| {
                    format!("rampart.toml [[ignore]]: invalid path glob `{p}`: {err}")
                })?);
            }
            out.push((
                set.build().map_err(|e| e.to_string())?,
                e.rules.clone(),
                e.reason.clone(),
            ));
        }
        Ok(ConfigIgnores { entries: out })
    }

    pub(crate) fn reason_for(&self, f: &Finding) -> Option<String> {
        self.entries.iter().find_map(|(paths, rules, reason)| {
            let path_ok = paths.is_empty() || paths.is_match(&f.location.path);
            let rule_ok = rules.is_empty() || rules.iter().any(|r| r == &f.rule_id || r == "*");
            (path_ok && rule_ok).then(|| reason.clone())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_comment_on_the_line_or_above_with_reason() {
        let src = b"a = 1\n# rampart-ignore: generic-password fixture for the mock server\npassword = 'x'\nk = 'y' # gitleaks:allow\n";
        assert_eq!(
            inline_suppression(src, 3, "generic-password").as_deref(),
            Some("fixture for the mock server")
        );
        assert_eq!(inline_suppression(src, 3, "other-rule"), None);
        assert_eq!(
            inline_suppression(src, 4, "any").as_deref(),
            Some("gitleaks:allow")
        );
        assert_eq!(
            inline_suppression(b"x # rampart-ignore\n", 1, "r").as_deref(),
            Some("")
        );
        assert_eq!(inline_suppression(src, 1, "r"), None);
    }
}
