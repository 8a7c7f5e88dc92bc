//! gitleaks-style allowlists: conditions under which a match is not reported.

use regex::bytes::Regex;
use serde::Deserialize;

use crate::rule::compile_regex;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AllowlistSpec {
    #[serde(default)]
    pub description: String,
    /// `OR` (default): any criterion allows; `AND`: all given criteria must hold.
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub commits: Vec<String>,
    #[serde(default)]
    pub paths: Vec<String>,
    /// What `regexes` are tested against: `secret` (default), `match` or `line`.
    #[serde(default)]
    pub regex_target: Option<String>,
    #[serde(default)]
    pub regexes: Vec<String>,
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// For global allowlists: only these rule ids.
    #[serde(default)]
    pub target_rules: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Secret,
    Match,
    Line,
}

#[derive(Debug)]
pub struct Allowlist {
    all: bool,
    commits: Vec<String>,
    paths: Vec<Regex>,
    target: Target,
    regexes: Vec<Regex>,
    stopwords: Vec<String>,
    pub(crate) target_rules: Vec<String>,
}

/// The text a match is judged on.
pub struct Candidate<'a> {
    pub secret: &'a [u8],
    pub matched: &'a [u8],
    pub line: &'a [u8],
    pub path: &'a str,
    pub commit: Option<&'a str>,
}

impl AllowlistSpec {
    pub fn compile(&self) -> Result<Allowlist, String> {
        let all = match self
            .condition
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            None | Some("OR") => false,
            Some("AND") => true,
            Some(other) => {
                return Err(format!(
                    "allowlist condition must be OR or AND, not `{other}`"
                ));
            }
        };
        let target = match self.regex_target.as_deref() {
            None | Some("secret") => Target::Secret,
            Some("match") => Target::Match,
            Some("line") => Target::Line,
            Some(other) => {
                return Err(format!(
                    "allowlist regexTarget must be secret, match or line, not `{other}`"
                ));
            }
        };
        let re = |p: &String| {
            compile_regex(p).map_err(|e| format!("invalid allowlist regex `{p}`: {e}"))
        };
        Ok(Allowlist {
            all,
            commits: self.commits.clone(),
            paths: self.paths.iter().map(re).collect::<Result<_, _>>()?,
            target,
            regexes: self.regexes.iter().map(re).collect::<Result<_, _>>()?,
            stopwords: self
                .stopwords
                .iter()
                .map(|s| s.to_ascii_lowercase())
                .collect(),
            target_rules: self.target_rules.clone(),
        })
    }
}

impl Allowlist {
    pub fn allows(&self, c: &Candidate) -> bool {
        let text = match self.target {
            Target::Secret => c.secret,
            Target::Match => c.matched,
            Target::Line => c.line,
        };
        let checks: [Option<bool>; 4] = [
            (!self.commits.is_empty()).then(|| {
                c.commit
                    .is_some_and(|id| self.commits.iter().any(|x| id.starts_with(x.as_str())))
            }),
            (!self.paths.is_empty())
                .then(|| self.paths.iter().any(|r| r.is_match(c.path.as_bytes()))),
            (!self.regexes.is_empty()).then(|| self.regexes.iter().any(|r| r.is_match(text))),
            (!self.stopwords.is_empty()).then(|| {
                self.stopwords.iter().any({
                    let secret_lower = String::from_utf8_lossy(c.secret).to_ascii_lowercase();
                    move |w| secret_lower.contains(w.as_str())
                })
            }),
        ];
        let mut given = checks.iter().flatten().peekable();
        if given.peek().is_none() {
            return false;
        }
        if self.all {
            given.all(|&b| b)
        } else {
            given.any(|&b| b)
        }
    }
}
