//! Default owners from `CODEOWNERS`, GitHub and GitLab syntax.
//!
//! Patterns follow gitignore rules as both hosts document them: a leading `/` anchors at the
//! root, a `/` inside also anchors, otherwise the pattern matches at any depth; a trailing `/`
//! (or a pattern naming a folder) covers everything below; `*` stops at `/`, `**` does not.
//! The **last** matching line wins. GitLab sections (`[Name]`, `^[Optional]`, `[Name] @owner`)
//! are matched independently, each with its own last match, and their owners combined — what
//! GitLab does; a section entry without owners takes the section's default owners.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

/// Where the hosts look, in their order of precedence.
pub const LOCATIONS: &[&str] = &[
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
];

struct Rule {
    section: usize,
    matchers: Vec<GlobMatcher>,
    owners: Vec<String>,
}

pub struct CodeOwners {
    pub path: PathBuf,
    rules: Vec<Rule>,
    sections: usize,
    /// Lines that could not be read, with their line numbers: reported, not fatal.
    pub warnings: Vec<String>,
}

impl CodeOwners {
    /// The first CODEOWNERS file found under `root`, if any.
    pub fn discover(root: &Path) -> Option<CodeOwners> {
        LOCATIONS.iter().map(|l| root.join(l)).find_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some(CodeOwners::parse(&p, &text))
        })
    }

    pub fn parse(path: &Path, text: &str) -> CodeOwners {
        let mut rules = Vec::new();
        let mut warnings = Vec::new();
        let mut section = 0usize;
        let mut section_owners: Vec<String> = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(owners) = section_header(line) {
                section += 1;
                section_owners = owners;
                continue;
            }
            let mut parts = split_unescaped(line).into_iter();
            let Some(pattern) = parts.next() else {
                continue;
            };
            let mut owners: Vec<String> = parts.collect();
            if owners.is_empty() {
                owners = section_owners.clone();
            }
            match matchers(&pattern) {
                Ok(matchers) => rules.push(Rule {
                    section,
                    matchers,
                    owners,
                }),
                Err(e) => warnings.push(format!(
                    "{}:{}: invalid pattern `{pattern}`: {e}",
                    path.display(),
                    n + 1
                )),
            }
        }
        CodeOwners {
            path: path.to_path_buf(),
            rules,
            sections: section + 1,
            warnings,
        }
    }

    /// Owners of a repository-relative path (`/`-separated); empty when none.
    pub fn owners_of(&self, rel_path: &str) -> Vec<String> {
        let rel = rel_path.trim_start_matches("./").trim_start_matches('/');
        let mut out: Vec<String> = Vec::new();
        for s in 0..self.sections {
            let last = self
                .rules
                .iter()
                .rev()
                .filter(|r| r.section == s)
                .find(|r| r.matchers.iter().any(|m| m.is_match(rel)));
            if let Some(rule) = last {
                for o in &rule.owners {
                    if !out.contains(o) {
                        out.push(o.clone());
                    }
                }
            }
        }
        out
    }
}

fn strip_comment(line: &str) -> &str {
    // `\#` is a literal hash; any other `#` starts a comment.
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1] != b'\\') {
            return &line[..i];
        }
    }
    line
}

/// `[Section]`, `^[Optional]`, `[Section][2] @a @b` → the section's default owners.
fn section_header(line: &str) -> Option<Vec<String>> {
    let rest = line.strip_prefix('^').unwrap_or(line);
    let rest = rest.strip_prefix('[')?;
    let close = rest.find(']')?;
    if rest[..close].is_empty() {
        return None;
    }
    let mut after = &rest[close + 1..];
    // Optional approval count: `[2]`.
    if let Some(r) = after.strip_prefix('[') {
        let c = r.find(']')?;
        if !r[..c].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        after = &r[c + 1..];
    }
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some(after.split_whitespace().map(str::to_string).collect())
}

/// Splits on whitespace not preceded by `\` (paths with spaces are written `my\ file`).
fn split_unescaped(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in line.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The globs a CODEOWNERS pattern stands for.
fn matchers(pattern: &str) -> Result<Vec<GlobMatcher>, globset::Error> {
    let dir_only = pattern.ends_with('/');
    let p = pattern.trim_end_matches('/');
    let anchored = p.starts_with('/') || p.contains('/');
    let p = p.trim_start_matches('/');
    let base = if p.is_empty() {
        "**".to_string()
    } else if anchored || p.starts_with("**") {
        p.to_string()
    } else {
        format!("**/{p}")
    };
    let mut globs = vec![format!("{base}/**")];
    if !dir_only {
        globs.push(base);
    }
    globs
        .iter()
        .map(|g| {
            GlobBuilder::new(g)
                .literal_separator(true)
                .build()
                .map(|g| g.compile_matcher())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners(text: &str, path: &str) -> Vec<String> {
        CodeOwners::parse(Path::new("CODEOWNERS"), text).owners_of(path)
    }

    #[test]
    fn github_last_match_wins() {
        let f = "* @org/all\n*.js @js-owner\n/docs/ @docs\ndocs/*.md @md\napps/ @apps\n/build/logs/ @logs\n";
        assert_eq!(owners(f, "README"), ["@org/all"]);
        assert_eq!(owners(f, "src/a.js"), ["@js-owner"]);
        assert_eq!(owners(f, "docs/x/y.txt"), ["@docs"]);
        assert_eq!(owners(f, "docs/guide.md"), ["@md"]);
        // `docs/*.md` is anchored: not a nested docs folder, and `*` stops at `/`.
        assert_eq!(owners(f, "docs/sub/guide.md"), ["@docs"]);
        assert_eq!(owners(f, "x/apps/z.py"), ["@apps"]);
        assert_eq!(owners(f, "build/logs/a.log"), ["@logs"]);
        assert_eq!(owners(f, "src/build/logs/a.log"), ["@org/all"]);
    }

    #[test]
    fn empty_owners_unassign_and_escapes_work() {
        let f = "* @all\n/vendor/\nmy\\ file.txt @space # trailing comment\n\\#hash @hash\n";
        assert!(owners(f, "vendor/lib.c").is_empty());
        assert_eq!(owners(f, "my file.txt"), ["@space"]);
        assert_eq!(owners(f, "#hash"), ["@hash"]);
    }

    #[test]
    fn gitlab_sections_combine() {
        let f = "* @default\n[Backend] @backend-team\n/api/\napi/legacy/ @legacy\n^[Docs][2] @docs\n*.md\n";
        assert_eq!(owners(f, "api/x.go"), ["@default", "@backend-team"]);
        assert_eq!(owners(f, "api/legacy/x.go"), ["@default", "@legacy"]);
        assert_eq!(
            owners(f, "api/README.md"),
            ["@default", "@backend-team", "@docs"]
        );
    }

    #[test]
    fn arbitrary_text_never_panics() {
        // Bytes that stress the parser: brackets, escapes, globs, comments, whitespace.
        let alphabet: Vec<char> = "[]^\\#*?/ \t\n@a.{}!-2,".chars().collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(x % 60) {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            let o = CodeOwners::parse(Path::new("CODEOWNERS"), &text);
            for p in ["a", "a/b.c", "", "[x]/y"] {
                let _ = o.owners_of(p);
            }
            let _ = crate::git::parse_porcelain(&text);
        }
    }
}
