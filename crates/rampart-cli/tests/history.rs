//! `rampart scan --history` end to end on a real git repository built here.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", dir.join("no-such-gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada Lovelace")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Ada Lovelace")
        .env("GIT_COMMITTER_EMAIL", "ada@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_deleted_secret_is_found_with_the_commit_that_introduced_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"], "2024-01-01T10:00:00Z");
    write(d, "README.md", "hello\n");
    git(d, &["add", "."], "2024-01-01T10:00:00Z");
    git(d, &["commit", "-q", "-m", "init"], "2024-01-01T10:00:00Z");
    write(d, "settings.py", format!("SLACK = \"{SLACK}\"\n"));
    git(d, &["add", "."], "2024-02-01T10:00:00Z");
    git(
        d,
        &["commit", "-q", "-m", "add slack"],
        "2024-02-01T10:00:00Z",
    );
    let introduced = String::from_utf8(
        Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(d)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    std::fs::remove_file(d.join("settings.py")).unwrap();
    git(d, &["add", "-A"], "2024-03-01T10:00:00Z");
    git(
        d,
        &["commit", "-q", "-m", "remove slack"],
        "2024-03-01T10:00:00Z",
    );

    // The working tree is clean now: a plain scan finds nothing.
    assert_eq!(rampart(d, &["scan", "."]).status.code(), Some(0));
    let out = rampart(d, &["scan", "--history", "-f", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r = json(&out);
    let f = &r["findings"][0];
    assert_eq!(f["rule_id"], "slack-bot-token");
    assert_eq!(f["location"]["path"], "settings.py");
    let p = &f["provenance"];
    assert_eq!(p["commit"], introduced.trim());
    assert_eq!(p["author"], "Ada Lovelace <ada@example.org>");
    assert_eq!(p["date"], "2024-02-01T10:00:00Z");
    assert_eq!(p["in_head"], false);
    let table = stdout(&rampart(d, &["scan", "--history", "."]));
    assert!(
        table.contains("no longer in HEAD") && !table.contains(SLACK),
        "{table}"
    );
}
