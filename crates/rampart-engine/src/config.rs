//! `rampart.toml`: the project's scan configuration. Unknown keys are errors, so a typo never
//! silently turns a setting off.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rampart_core::Severity;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub scan: ScanConfig,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub secrets: SecretsConfig,
    /// Paths and rules whose findings are suppressed, each with its reason.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
    /// Where the vulnerability register lives and how it records.
    #[serde(default)]
    pub register: RegisterConfig,
    /// Days to fix a finding, per severity, from its first detection.
    #[serde(default)]
    pub sla: SlaConfig,
    /// Weights of the risk score.
    #[serde(default)]
    pub risk: RiskConfig,
    /// What the code is and holds: data classification and exposure by path or service.
    #[serde(default)]
    pub assets: Vec<AssetConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterConfig {
    /// SQLite file, relative to the repository root (default `.rampart/rampart.db`);
    /// `RAMPART_DATABASE_URL=postgres://…` takes precedence.
    #[serde(default)]
    pub database: Option<PathBuf>,
    /// The name findings of this repository are kept under (default: the git remote `origin`
    /// URL, else the repository folder).
    #[serde(default)]
    pub project: Option<String>,
    /// Run `git blame` on new findings to date the code that introduced them (MTTD).
    #[serde(default = "yes")]
    pub blame: bool,
    /// Upper bound on the time spent in `git blame` per recorded scan, in seconds.
    #[serde(default = "default_blame_budget")]
    pub blame_budget_secs: f64,
}

/// SLA in days per severity; a severity set to a negative number has no SLA.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaConfig {
    #[serde(default = "sla_critical")]
    pub critical: i64,
    #[serde(default = "sla_high")]
    pub high: i64,
    #[serde(default = "sla_medium")]
    pub medium: i64,
    #[serde(default = "sla_low")]
    pub low: i64,
    #[serde(default = "sla_none")]
    pub info: i64,
}

/// `risk = severity score / 10 × classification weight / max × exposure weight / max × 100`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskConfig {
    /// Score 0–10 per severity, used when a finding has no CVSS score.
    #[serde(default = "risk_severity")]
    pub severity: BTreeMap<String, f64>,
    /// Weight per data classification.
    #[serde(default = "risk_classification")]
    pub classification: BTreeMap<String, f64>,
    /// Weight per exposure.
    #[serde(default = "risk_exposure")]
    pub exposure: BTreeMap<String, f64>,
    /// For paths no asset covers.
    #[serde(default = "default_classification")]
    pub default_classification: String,
    #[serde(default = "default_exposure")]
    pub default_exposure: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetConfig {
    pub name: String,
    /// Glob patterns of the paths that make up the asset.
    #[serde(default)]
    pub paths: Vec<String>,
    /// The service it is (free text, shown with findings).
    #[serde(default)]
    pub service: Option<String>,
    /// public, internal, confidential, personal, special-category.
    pub classification: String,
    /// internet, internal, offline.
    pub exposure: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    /// Glob patterns (gitignore syntax) of paths never scanned.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Files larger than this are skipped and counted: `"20MB"`, `"512KB"` or bytes.
    #[serde(default = "default_max_file_size", deserialize_with = "de_size")]
    pub max_file_size: u64,
    /// Time budget per file, in seconds; analysis of a file stops there and keeps what it found.
    #[serde(default = "default_file_timeout")]
    pub file_timeout_secs: f64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids that never run.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Per-rule severity overrides: `{ "jwt" = "low" }`.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretsConfig {
    /// gitleaks-format TOML rule files, relative to the config file.
    #[serde(default)]
    pub custom_rules: Vec<PathBuf>,
    /// Whether the built-in rules run beside custom ones.
    #[serde(default = "yes")]
    pub builtin: bool,
    /// Decode base64 blocks and scan what they hold.
    #[serde(default = "yes")]
    pub decode_base64: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// Glob patterns of paths; empty means every path.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Rule ids; empty means every rule.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Why: kept as evidence; an entry without one is reported as a warning.
    #[serde(default)]
    pub reason: String,
}

fn yes() -> bool {
    true
}
fn default_blame_budget() -> f64 {
    30.0
}
fn sla_critical() -> i64 {
    3
}
fn sla_high() -> i64 {
    14
}
fn sla_medium() -> i64 {
    45
}
fn sla_low() -> i64 {
    90
}
fn sla_none() -> i64 {
    -1
}
fn weights(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}
fn risk_severity() -> BTreeMap<String, f64> {
    weights(&[
        ("critical", 9.5),
        ("high", 7.5),
        ("medium", 5.0),
        ("low", 2.5),
        ("info", 0.5),
    ])
}
fn risk_classification() -> BTreeMap<String, f64> {
    weights(&[
        ("public", 1.0),
        ("internal", 2.0),
        ("confidential", 3.0),
        ("personal", 4.0),
        ("special-category", 5.0),
    ])
}
fn risk_exposure() -> BTreeMap<String, f64> {
    weights(&[("internet", 3.0), ("internal", 2.0), ("offline", 1.0)])
}
fn default_classification() -> String {
    "internal".to_string()
}
fn default_exposure() -> String {
    "internal".to_string()
}

impl Default for RegisterConfig {
    fn default() -> Self {
        RegisterConfig {
            database: None,
            project: None,
            blame: true,
            blame_budget_secs: default_blame_budget(),
        }
    }
}

impl Default for SlaConfig {
    fn default() -> Self {
        SlaConfig {
            critical: sla_critical(),
            high: sla_high(),
            medium: sla_medium(),
            low: sla_low(),
            info: sla_none(),
        }
    }
}

impl SlaConfig {
    /// Days to fix a finding of this severity, if it has an SLA.
    pub fn days(&self, severity: Severity) -> Option<i64> {
        let d = match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        };
        (d >= 0).then_some(d)
    }
}

impl Default for RiskConfig {
    fn default() -> Self {
        RiskConfig {
            severity: risk_severity(),
            classification: risk_classification(),
            exposure: risk_exposure(),
            default_classification: default_classification(),
            default_exposure: default_exposure(),
        }
    }
}

fn default_max_file_size() -> u64 {
    20 * 1024 * 1024
}
fn default_file_timeout() -> f64 {
    10.0
}

impl Default for ScanConfig {
    fn default() -> Self {
        ScanConfig {
            exclude: Vec::new(),
            max_file_size: default_max_file_size(),
            file_timeout_secs: default_file_timeout(),
        }
    }
}

impl Default for SecretsConfig {
    fn default() -> Self {
        SecretsConfig {
            custom_rules: Vec::new(),
            builtin: true,
            decode_base64: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
}

/// Parses `"20MB"`, `"512 KiB"`, `"1g"` or a plain number of bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("invalid size `{text}`"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1u64,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "invalid size unit `{other}` in `{text}` (use B, KB, MB, GB)"
            ));
        }
    };
    Ok((n * mult as f64) as u64)
}

fn de_size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Size {
        Bytes(u64),
        Text(String),
    }
    match Size::deserialize(d)? {
        Size::Bytes(n) => Ok(n),
        Size::Text(t) => parse_size(&t).map_err(serde::de::Error::custom),
    }
}

impl Config {
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        config.check().map_err(|message| ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        })?;
        Ok(config)
    }

    /// Values serde cannot check: asset classifications and exposures must have weights.
    fn check(&self) -> Result<(), String> {
        let risk = &self.risk;
        let known = |map: &BTreeMap<String, f64>, v: &str, what: &str| {
            if map.contains_key(v) {
                Ok(())
            } else {
                Err(format!(
                    "unknown {what} `{v}` (known: {})",
                    map.keys().cloned().collect::<Vec<_>>().join(", ")
                ))
            }
        };
        known(
            &risk.classification,
            &risk.default_classification,
            "[risk] default_classification",
        )?;
        known(
            &risk.exposure,
            &risk.default_exposure,
            "[risk] default_exposure",
        )?;
        for a in &self.assets {
            known(
                &risk.classification,
                &a.classification,
                &format!("classification of asset `{}`", a.name),
            )?;
            known(
                &risk.exposure,
                &a.exposure,
                &format!("exposure of asset `{}`", a.name),
            )?;
        }
        for (name, map) in [
            ("severity", &risk.severity),
            ("classification", &risk.classification),
            ("exposure", &risk.exposure),
        ] {
            if let Some((k, v)) = map.iter().find(|(_, v)| !v.is_finite() || **v < 0.0) {
                return Err(format!(
                    "[risk.{name}] `{k}` = {v}: weights are numbers ≥ 0"
                ));
            }
        }
        for sev in ["critical", "high", "medium", "low", "info"] {
            if !risk.severity.contains_key(sev) {
                return Err(format!("[risk.severity] needs a score for `{sev}`"));
            }
        }
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, &text)
    }

    /// The commented configuration `rampart init` writes.
    pub fn template() -> &'static str {
        include_str!("../rampart.example.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_and_sizes_read() {
        let t = Config::parse(Path::new("rampart.toml"), Config::template()).unwrap();
        let d = Config::default();
        // The template spells out the defaults.
        assert_eq!(t.register.blame, d.register.blame);
        assert_eq!(t.register.blame_budget_secs, d.register.blame_budget_secs);
        assert_eq!(t.sla.days(Severity::High), d.sla.days(Severity::High));
        assert_eq!(t.sla.days(Severity::Info), None);
        assert_eq!(t.risk.severity, d.risk.severity);
        assert_eq!(t.risk.classification, d.risk.classification);
        assert_eq!(t.risk.exposure, d.risk.exposure);
        assert_eq!(parse_size("20MB").unwrap(), 20 << 20);
        assert_eq!(parse_size("512").unwrap(), 512);
        assert!(parse_size("3 parsecs").is_err());
    }

    #[test]
    fn unknown_keys_are_errors_naming_the_key_and_line() {
        let err = Config::parse(
            Path::new("rampart.toml"),
            "[scan]\nexclude = []\nmax_fle_size = 3\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("max_fle_size"), "{err}");
        assert!(err.contains("line 3"), "{err}");
    }
}
