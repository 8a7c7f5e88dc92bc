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
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })
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
        Config::parse(Path::new("rampart.toml"), Config::template()).unwrap();
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
