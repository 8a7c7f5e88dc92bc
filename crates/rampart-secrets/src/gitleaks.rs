//! Custom rules in the gitleaks TOML format (`.gitleaks.toml`), so teams keep the rules they
//! already have.

use serde::Deserialize;

use crate::allowlist::AllowlistSpec;
use crate::rule::{RuleError, RuleSpec};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GitleaksConfig {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    extend: Option<Extend>,
    #[serde(default)]
    rules: Vec<GitleaksRule>,
    /// Older single global allowlist.
    #[serde(default)]
    allowlist: Option<AllowlistSpec>,
    /// Newer list of global allowlists.
    #[serde(default)]
    allowlists: Vec<AllowlistSpec>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Extend {
    #[serde(default)]
    use_default: bool,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    disabled_rules: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GitleaksRule {
    id: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default)]
    secret_group: Option<usize>,
    #[serde(default)]
    entropy: Option<f32>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    allowlist: Option<AllowlistSpec>,
    #[serde(default)]
    allowlists: Vec<AllowlistSpec>,
}

/// What a gitleaks file contributes.
#[derive(Debug, Default)]
pub struct CustomRules {
    pub rules: Vec<RuleSpec>,
    pub global_allowlists: Vec<AllowlistSpec>,
    /// `[extend] useDefault = true` (or no `[extend]` at all and no rules: keep the defaults).
    pub use_default: bool,
    pub disabled: Vec<String>,
    /// `[extend] path`: another gitleaks file this one extends.
    pub extends: Option<String>,
}

/// Parses a gitleaks configuration. Errors name the file, line and column.
pub fn parse_gitleaks(file: &str, text: &str) -> Result<CustomRules, RuleError> {
    let cfg: GitleaksConfig = toml::from_str(text).map_err(|e| RuleError::Toml {
        file: file.to_string(),
        message: e.to_string().trim_end().to_string(),
    })?;
    let _ = (&cfg.title, &cfg.description);
    let mut rules = Vec::new();
    for r in cfg.rules {
        let Some(regex) = r.regex else {
            return Err(RuleError::Invalid {
                file: file.to_string(),
                id: r.id,
                message: "has no `regex`; path-only rules are not supported".into(),
            });
        };
        let _ = &r.tags;
        let mut allowlists = r.allowlists;
        allowlists.extend(r.allowlist);
        rules.push(RuleSpec {
            title: if r.description.is_empty() {
                r.id.clone()
            } else {
                r.description.clone()
            },
            description: r.description,
            id: r.id,
            regex,
            secret_group: r.secret_group.filter(|&g| g > 0),
            keywords: r.keywords.iter().map(|k| k.to_ascii_lowercase()).collect(),
            entropy: r.entropy,
            validator: None,
            severity: rampart_core::Severity::High,
            confidence: rampart_core::Confidence::Medium,
            generic: false,
            multiline: false,
            reject_words: false,
            references: Vec::new(),
            examples: Vec::new(),
            negative_examples: Vec::new(),
            path: r.path,
            allowlists,
        });
    }
    let mut global = cfg.allowlists;
    global.extend(cfg.allowlist);
    let extend = cfg.extend.unwrap_or_default();
    Ok(CustomRules {
        rules,
        global_allowlists: global,
        use_default: extend.use_default,
        disabled: extend.disabled_rules,
        extends: extend.path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_allowlists_and_extend() {
        let text = r#"
title = "custom"
[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "acme-token"
description = "ACME internal token"
regex = '''acme_([a-z0-9]{32})'''
secretGroup = 1
entropy = 3.0
keywords = ["ACME_"]
  [[rules.allowlists]]
  regexes = ['''acme_0{32}''']
  regexTarget = "match"

[[allowlists]]
paths = ['''fixtures/''']
"#;
        let c = parse_gitleaks(".gitleaks.toml", text).unwrap();
        assert!(c.use_default);
        assert_eq!(c.disabled, ["generic-api-key"]);
        assert_eq!(c.rules[0].keywords, ["acme_"]);
        assert_eq!(c.rules[0].allowlists.len(), 1);
        assert_eq!(c.global_allowlists.len(), 1);
    }

    #[test]
    fn a_malformed_file_names_the_line() {
        let err = parse_gitleaks(
            "x.toml",
            "[[rules]]\nid = \"a\"\nregex = '''(unclosed\nkeywords = [\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("x.toml") && err.contains("line"), "{err}");
        let err = parse_gitleaks("x.toml", "[[rules]]\nid = \"a\"\nregx = \"b\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("regx") && err.contains("line 3"), "{err}");
    }
}
