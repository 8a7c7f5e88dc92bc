//! What the register asks git: where the repository is, which commit and branch a scan saw,
//! whether the tree was dirty, how many files it tracks, and (for MTTD) when each line was
//! written. Through the `git` command: it is what users have, and it is only asked a few
//! questions per scan. Outside a repository every answer is `None`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn line(dir: &Path, args: &[&str]) -> Option<String> {
    git(dir, args)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The work tree's top folder, if `dir` is inside one.
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    line(dir, &["rev-parse", "--show-toplevel"]).map(PathBuf::from)
}

#[derive(Debug, Clone, Default)]
pub struct GitState {
    pub commit: Option<String>,
    pub branch: Option<String>,
    pub dirty: Option<bool>,
    pub files: Option<u64>,
}

pub fn state(root: &Path) -> GitState {
    if toplevel(root).is_none() {
        return GitState::default();
    }
    GitState {
        commit: line(root, &["rev-parse", "--verify", "-q", "HEAD"]),
        branch: line(root, &["symbolic-ref", "--short", "-q", "HEAD"]),
        // Untracked files (the register's own .rampart/ among them) do not make a tree dirty.
        dirty: git(root, &["status", "--porcelain", "--untracked-files=no"])
            .map(|s| !s.trim().is_empty()),
        files: git(root, &["ls-files", "-z"])
            .map(|s| s.split('\0').filter(|p| !p.is_empty()).count() as u64),
    }
}

pub fn remote_url(root: &Path) -> Option<String> {
    line(root, &["config", "--get", "remote.origin.url"])
}

/// `user.name <user.email>` from git config, if set.
pub fn user(dir: &Path) -> Option<String> {
    let name = line(dir, &["config", "user.name"]);
    let email = line(dir, &["config", "user.email"]);
    match (name, email) {
        (Some(n), Some(e)) => Some(format!("{n} <{e}>")),
        (Some(n), None) => Some(n),
        (None, Some(e)) => Some(e),
        (None, None) => None,
    }
}

/// The full commit id a revision names.
pub fn resolve(root: &Path, rev: &str) -> Option<String> {
    line(
        root,
        &["rev-parse", "--verify", "-q", &format!("{rev}^{{commit}}")],
    )
}

/// Who wrote a line: the commit and its author time (Unix seconds), or `None` for a line not
/// committed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blamed {
    pub commit: String,
    pub author_time: i64,
}

/// Blames the whole working-tree file once; returns line number → origin.
pub fn blame(root: &Path, rel_path: &str) -> Option<HashMap<u32, Option<Blamed>>> {
    let out = git(root, &["blame", "--porcelain", "--", rel_path])?;
    Some(parse_porcelain(&out))
}

/// `git blame --porcelain`: a header `<sha> <orig> <final> [<count>]` per line, followed
/// (the first time a commit appears) by `author-time N` among its headers, then a tab line.
pub fn parse_porcelain(text: &str) -> HashMap<u32, Option<Blamed>> {
    let mut times: HashMap<String, i64> = HashMap::new();
    let mut lines: Vec<(u32, String)> = Vec::new();
    let mut current: Option<String> = None;
    for l in text.lines() {
        if l.starts_with('\t') {
            continue;
        }
        let mut parts = l.split(' ');
        let first = parts.next().unwrap_or("");
        if first.len() == 40 && first.bytes().all(|b| b.is_ascii_hexdigit()) {
            let fin = parts.nth(1).and_then(|n| n.parse::<u32>().ok());
            if let Some(fin) = fin {
                lines.push((fin, first.to_string()));
                current = Some(first.to_string());
            }
        } else if first == "author-time"
            && let (Some(c), Some(t)) = (&current, parts.next().and_then(|t| t.parse().ok()))
        {
            times.insert(c.clone(), t);
        }
    }
    lines
        .into_iter()
        .map(|(n, sha)| {
            let blamed = if sha.bytes().all(|b| b == b'0') {
                None
            } else {
                times.get(&sha).map(|&t| Blamed {
                    commit: sha.clone(),
                    author_time: t,
                })
            };
            (n, blamed)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_is_read() {
        let a = "a".repeat(40);
        let z = "0".repeat(40);
        let text = format!(
            "{a} 1 1 2\nauthor X\nauthor-time 1700000000\nsummary s\nfilename f\n\tline1\n{a} 2 2\n\tline2\n{z} 3 3 1\nauthor Not Committed Yet\nauthor-time 1800000000\nfilename f\n\tline3\n"
        );
        let m = parse_porcelain(&text);
        assert_eq!(m[&1].as_ref().unwrap().author_time, 1_700_000_000);
        assert_eq!(m[&2].as_ref().unwrap().commit, a);
        assert_eq!(m[&3], None);
    }
}
