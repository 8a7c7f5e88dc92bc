use serde::{Deserialize, Serialize};

use crate::{Confidence, Severity};

/// One problem found by one rule at one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    /// The analyzer that produced it (`secrets`, `sast`, …).
    pub analyzer: String,
    pub title: String,
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// CWE ids as numbers (`798` for CWE-798).
    pub cwe: Vec<u32>,
    /// OWASP Top 10 2021 category ids (`A07:2021`), derived from the CWEs.
    pub owasp_2021: Vec<String>,
    /// OWASP Top 10 2025 category ids (`A07:2025`), derived from the CWEs.
    pub owasp_2025: Vec<String>,
    pub location: Location,
    /// The source line(s) of the finding, with any secret value redacted.
    pub snippet: String,
    pub remediation: String,
    /// Stable identity across line shifts and unrelated edits (see `fingerprint.rs`).
    pub fingerprint: String,
    /// Set by the secrets analyzer: never the value itself.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub secret: Option<SecretInfo>,
    /// Set for findings from git history: where the problem first appeared.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provenance: Option<Provenance>,
    /// Set by taint rules (SAST): the path from source to sink, in order (SARIF `codeFlows`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub flow: Vec<FlowStep>,
    /// Set by the dependency analyzer (SCA): which package and advisory.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dependency: Option<DependencyInfo>,
}

/// One step of a data flow: where tainted data is and what happened to it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub location: Location,
    /// `source: request.args`, `propagates into query`, `sink: cursor.execute` …
    pub message: String,
}

/// A vulnerable dependency: the package, the advisory and how to get out of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DependencyInfo {
    /// OSV ecosystem name (`npm`, `PyPI`, `crates.io`, `Go`, `Maven` …).
    pub ecosystem: String,
    pub name: String,
    pub version: String,
    pub purl: String,
    /// The advisory id the finding is keyed on (`GHSA-…`, `RUSTSEC-…`, `PYSEC-…`).
    pub advisory: String,
    /// Other ids of the same vulnerability (CVE, GHSA, …).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// CVSS vector the severity was computed from, if the advisory has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cvss_vector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cvss_score: Option<f64>,
    /// Versions that fix this advisory.
    #[serde(default)]
    pub fixed_versions: Vec<String>,
    /// The smallest version that fixes every known advisory on this package.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub upgrade_to: Option<String>,
    /// Direct dependency first, vulnerable package last; empty when unknown.
    #[serde(default)]
    pub path: Vec<String>,
    pub direct: bool,
}

/// A place in a file. Lines and columns are 1-based; `end_column` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// Path relative to the scan root, with `/` separators.
    pub path: String,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// What is shown of a secret: enough to recognise and group it, never enough to use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretInfo {
    /// First 4 characters, `…`, and the length: `ghp_…(40)`.
    pub redacted: String,
    /// SHA-256 of the full value, hex: groups the same secret across files and commits.
    pub sha256: String,
    /// `true` when a checksum embedded in the token (GitHub, npm) verified.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub checksum_valid: Option<bool>,
    /// `true` when the value was found inside a base64 block that rampart decoded.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub decoded: bool,
}

/// Where a finding from git history came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The earliest commit (by commit time) that contains the blob.
    pub commit: String,
    pub author: String,
    /// Commit time, RFC 3339 (UTC).
    pub date: String,
    /// The path of the blob in that commit.
    pub path: String,
    /// Whether the same secret value is still present in a file at HEAD.
    pub in_head: bool,
    /// The blob id the secret was found in.
    pub blob: String,
}

/// What a rule is, independent of any match: feeds `rules list/explain` and SARIF `rules[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleMeta {
    pub id: String,
    pub analyzer: String,
    pub title: String,
    /// What the rule finds and why it matters.
    pub description: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub cwe: Vec<u32>,
    pub remediation: String,
    pub references: Vec<String>,
}

impl Finding {
    /// The order in which reports list findings: by path, position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.location.path,
            self.location.start_line,
            self.location.start_column,
            &self.rule_id,
            &self.fingerprint,
        )
    }

    pub fn cwe_tags(&self) -> Vec<String> {
        self.cwe.iter().map(|c| format!("CWE-{c}")).collect()
    }
}

impl RuleMeta {
    /// A finding of this rule at `location`, with CWE-derived OWASP categories filled in.
    /// The fingerprint is empty until [`crate::assign_fingerprints`] runs.
    pub fn finding(&self, message: String, location: Location, snippet: String) -> Finding {
        Finding {
            rule_id: self.id.clone(),
            analyzer: self.analyzer.clone(),
            title: self.title.clone(),
            message,
            severity: self.severity,
            confidence: self.confidence,
            owasp_2021: crate::owasp_2021(&self.cwe)
                .iter()
                .map(|c| c.id.to_string())
                .collect(),
            owasp_2025: crate::owasp_2025(&self.cwe)
                .iter()
                .map(|c| c.id.to_string())
                .collect(),
            cwe: self.cwe.clone(),
            location,
            snippet,
            remediation: self.remediation.clone(),
            fingerprint: String::new(),
            secret: None,
            provenance: None,
            flow: Vec::new(),
            dependency: None,
        }
    }
}
