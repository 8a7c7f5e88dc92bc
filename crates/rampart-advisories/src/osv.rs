//! The OSV schema (https://ossf.github.io/osv-schema/), as much of it as matching and reports
//! need. Unknown fields are ignored, so newer records still load.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Osv {
    pub id: String,
    #[serde(default)]
    pub modified: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub severity: Vec<SeverityScore>,
    #[serde(default)]
    pub affected: Vec<Affected>,
    #[serde(default)]
    pub references: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<serde_json::Value>,
}

/// `{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityScore {
    #[serde(rename = "type")]
    pub kind: String,
    pub score: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Package {
    pub ecosystem: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severity: Vec<SeverityScore>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Range>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// Exactly one of the fields is set in a valid record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Event {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
}

impl Osv {
    pub fn from_json(bytes: &[u8]) -> Result<Osv, String> {
        serde_json::from_slice(bytes).map_err(|e| format!("line {}: {e}", e.line()))
    }

    /// The PyPA advisory database keeps OSV records as YAML.
    pub fn from_yaml(bytes: &[u8]) -> Result<Osv, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
        serde_saphyr::from_str(text).map_err(|e| e.to_string())
    }

    /// GitHub's label (`database_specific.severity`: LOW, MODERATE, HIGH, CRITICAL), used only
    /// when a record has no CVSS vector.
    pub fn severity_label(&self) -> Option<String> {
        self.database_specific
            .as_ref()?
            .get("severity")?
            .as_str()
            .map(str::to_string)
    }
}

/// The ecosystem without a release suffix (`Debian:12` → `Debian`).
pub fn base_ecosystem(ecosystem: &str) -> &str {
    ecosystem.split(':').next().unwrap_or(ecosystem)
}

/// The form a package name is stored and looked up in: PyPI names are PEP 503-normalised,
/// NuGet and Packagist names are case-insensitive.
pub fn normalize_name(ecosystem: &str, name: &str) -> String {
    match base_ecosystem(ecosystem) {
        "PyPI" => {
            let mut out = String::with_capacity(name.len());
            let mut sep = false;
            for c in name.trim().chars() {
                if matches!(c, '-' | '_' | '.') {
                    sep = true;
                } else {
                    if sep && !out.is_empty() {
                        out.push('-');
                    }
                    sep = false;
                    out.push(c.to_ascii_lowercase());
                }
            }
            out
        }
        "NuGet" | "Packagist" => name.trim().to_ascii_lowercase(),
        _ => name.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep503_names() {
        assert_eq!(normalize_name("PyPI", "Zope.Interface"), "zope-interface");
        assert_eq!(
            normalize_name("PyPI", "typing__extensions"),
            "typing-extensions"
        );
        assert_eq!(normalize_name("npm", "@Scope/Pkg"), "@Scope/Pkg");
    }

    #[test]
    fn yaml_and_json_records() {
        let y = b"id: PYSEC-1\naffected:\n- package: {name: x, ecosystem: PyPI}\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: '0'\n    - fixed: 1.10\nmodified: '2021-01-01T00:00:00Z'\n";
        let r = Osv::from_yaml(y).unwrap();
        assert_eq!(
            r.affected[0].ranges[0].events[1].fixed.as_deref(),
            Some("1.10")
        );
        assert!(
            Osv::from_json(b"{\"id\": 3}")
                .unwrap_err()
                .starts_with("line 1")
        );
    }
}
