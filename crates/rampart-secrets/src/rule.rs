//! Secret rules: the TOML shape they are written in, and their compiled form.

use rampart_core::{Confidence, RuleMeta, Severity};
use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::validate::Validator;

/// A rule as written in `rules/*.toml` (see `rules/README.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub regex: String,
    pub secret_group: Option<usize>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub entropy: Option<f32>,
    pub validator: Option<Validator>,
    #[serde(default = "default_severity")]
    pub severity: Severity,
    #[serde(default = "default_confidence")]
    pub confidence: Confidence,
    #[serde(default)]
    pub generic: bool,
    #[serde(default)]
    pub multiline: bool,
    /// Drop values made only of letters and `_` unless all lowercase: names, not tokens.
    /// (Cheaper here than in the regex, where it takes one alternative per position.)
    #[serde(default)]
    pub reject_words: bool,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub negative_examples: Vec<String>,
    /// Only scan paths matching this regex (gitleaks `path`).
    #[serde(skip)]
    pub path: Option<String>,
    #[serde(skip)]
    pub allowlists: Vec<crate::allowlist::AllowlistSpec>,
}

fn default_severity() -> Severity {
    Severity::High
}
fn default_confidence() -> Confidence {
    Confidence::High
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

/// A rule ready to run.
#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub spec: RuleSpec,
    /// Compiled on first use: most rules never see a keyword hit in a given repository, and
    /// compiling (even parsing) hundreds of regexes up front would dominate the start-up time.
    regex: OnceLock<Regex>,
    pub(crate) path: Option<Regex>,
    pub(crate) allowlists: Vec<crate::allowlist::Allowlist>,
}

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{file}: {message}")]
    Toml { file: String, message: String },
    #[error("{file}: rule `{id}`: invalid regex: {message}")]
    Regex {
        file: String,
        id: String,
        message: String,
    },
    #[error("{file}: rule `{id}`: {message}")]
    Invalid {
        file: String,
        id: String,
        message: String,
    },
}

pub(crate) const REMEDIATION: &str = "Revoke and rotate the credential at the provider now: it must be \
treated as compromised even after the commit is removed, because it stays in git history and clones. \
Then load it at run time from a secret manager or environment variable, and purge it from history \
(git filter-repo) if the repository is shared.";

pub(crate) fn compile_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(32 << 20)
        .dfa_size_limit(32 << 20)
        .build()
}

impl Rule {
    /// Checks and prepares a rule. `eager` compiles the regex now (custom rules, so a bad one
    /// fails the load); built-in rules, proven by tests, compile on first use.
    pub fn compile(spec: RuleSpec, file: &str, eager: bool) -> Result<Rule, RuleError> {
        let invalid = |message: String| RuleError::Invalid {
            file: file.to_string(),
            id: spec.id.clone(),
            message,
        };
        let regex_error = |message: String| RuleError::Regex {
            file: file.to_string(),
            id: spec.id.clone(),
            message,
        };
        let regex = OnceLock::new();
        if eager {
            let compiled = compile_regex(&spec.regex).map_err(|e| regex_error(e.to_string()))?;
            let groups = compiled.captures_len() - 1;
            if let Some(g) = spec.secret_group.filter(|&g| g > groups) {
                return Err(invalid(format!(
                    "secret_group {g} but the regex has {groups} group(s)"
                )));
            }
            let _ = regex.set(compiled);
        }
        let path = match &spec.path {
            Some(p) => {
                Some(compile_regex(p).map_err(|e| invalid(format!("invalid path regex: {e}")))?)
            }
            None => None,
        };
        let allowlists = spec
            .allowlists
            .iter()
            .map(|a| a.compile().map_err(&invalid))
            .collect::<Result<_, _>>()?;
        let meta = RuleMeta {
            id: spec.id.clone(),
            analyzer: "secrets".into(),
            title: spec.title.clone(),
            description: spec.description.clone(),
            severity: spec.severity,
            confidence: spec.confidence,
            cwe: vec![798],
            remediation: REMEDIATION.into(),
            references: spec.references.clone(),
        };
        Ok(Rule {
            meta,
            regex,
            path,
            allowlists,
            spec,
        })
    }

    pub(crate) fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            compile_regex(&self.spec.regex).expect("built-in regexes are compiled by tests")
        })
    }

    /// The capture group holding the secret: as written, else the first group if any, else the
    /// whole match. Read from the compiled regex, so built-in rules are not parsed at start-up.
    pub(crate) fn secret_group(&self) -> usize {
        let groups = self.regex().captures_len() - 1;
        self.spec
            .secret_group
            .unwrap_or(if groups > 0 { 1 } else { 0 })
    }

    pub fn id(&self) -> &str {
        &self.meta.id
    }
}

/// Parses one rules file in rampart's own format.
pub fn parse_rule_file(file: &str, text: &str) -> Result<Vec<RuleSpec>, RuleError> {
    let parsed: RuleFile = toml::from_str(text).map_err(|e| RuleError::Toml {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    Ok(parsed.rule)
}

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The built-in rule specs, from every embedded `rules/*.toml`.
pub fn builtin_specs() -> Result<Vec<(String, RuleSpec)>, RuleError> {
    let mut out = Vec::new();
    for (file, text) in BUILTIN_RULE_FILES {
        for spec in parse_rule_file(file, text)? {
            out.push((file.to_string(), spec));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs counts `[[rule]]` headers and hashes the files (and the published-example list);
    /// both must describe what is parsed and embedded.
    #[test]
    fn the_build_time_rule_count_and_digest_match_the_embedded_rules() {
        assert_eq!(BUILTIN_RULE_COUNT, builtin_specs().unwrap().len());
        let mut all = String::new();
        for (name, text) in BUILTIN_RULE_FILES {
            all.push_str(name);
            all.push_str(text);
        }
        let (name, text) = PUBLISHED_EXAMPLES_FILE;
        all.push_str(name);
        all.push_str(text);
        assert_eq!(
            BUILTIN_RULE_DIGEST,
            rampart_core::sha256_hex(all.as_bytes())
        );
    }
}
