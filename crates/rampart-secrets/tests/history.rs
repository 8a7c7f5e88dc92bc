//! Git history scanning against real repositories built with the `git` CLI: attribution to the
//! first commit, `in_head`, refs beyond HEAD, one scan per blob, bare repositories, and errors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use rampart_core::Finding;
use rampart_engine::SecretsConfig;
use rampart_secrets::SecretsAnalyzer;
use rampart_secrets::history::{HistoryError, HistoryOptions, scan_history};

/// Deleted in a later commit: only history has it.
const DELETED: &str = "acme_ujzde8gxd6ncf10epf91dhodzdoc9is0";
/// Still in HEAD, under a path renamed after it was committed.
const KEPT: &str = "acme_j8ht9lgmxg9edn581u33xtplpft75v2s";
/// Only on a side branch.
const BRANCH: &str = "acme_eh60kvj50ce9uvw53efr4edt2sywb3wk";
/// Committed in one file, which is deleted, and present at HEAD in another file.
const MOVED: &str = "acme_h5dnsipzz5fk2z9ri19r0wyojfljooa5";

const AUTHOR: &str = "Alice Example <alice@example.com>";

/// Runs git in `dir` with fixed identities and dates and no user or system configuration.
fn git(dir: &Path, day: u32, args: &[&str]) -> String {
    let date = format!("2024-01-{day:02}T10:00:00Z");
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        // A missing file reads as empty (not /dev/null: on a shared machine it may not be one).
        .env("GIT_CONFIG_GLOBAL", "/nonexistent/rampart-test/gitconfig")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Alice Example")
        .env("GIT_AUTHOR_EMAIL", "alice@example.com")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_NAME", "Bob Committer")
        .env("GIT_COMMITTER_EMAIL", "bob@example.com")
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn commit(dir: &Path, day: u32, message: &str) -> String {
    git(dir, day, &["add", "-A"]);
    git(dir, day, &["commit", "-q", "-m", message]);
    git(dir, day, &["rev-parse", "HEAD"])
}

/// The commits of the fixture repository, by role.
struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    c_add_deleted: String,
    c_add_kept: String,
    c_branch: String,
}

/// main: c1 README + a binary + a large file · c2 config.py (DELETED) · c3 removes it ·
/// c4 settings/prod.env (KEPT) and old.txt (MOVED) · c5 renames prod.env, moves MOVED to a new
/// file with other content · c6 README edit. Branch `feature` off c5: c7 branch.txt (BRANCH).
/// Tags: an annotated tag on c2 and a lightweight tag on a blob.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repo");
    std::fs::create_dir(&path).unwrap();
    let p = path.as_path();
    git(p, 1, &["init", "-q", "-b", "main"]);

    write(p, "README.md", "# demo\n");
    std::fs::write(p.join("logo.bin"), b"\x89PNG\0\0acme_binary").unwrap();
    write(
        p,
        "big.txt",
        &format!("{}\nacme_{}\n", "x".repeat(4000), "b".repeat(32)),
    );
    commit(p, 1, "initial");

    write(p, "config.py", &format!("TOKEN = \"{DELETED}\"\n"));
    let c_add_deleted = commit(p, 2, "add config");
    git(p, 2, &["tag", "-a", "v0.1", "-m", "release"]);

    std::fs::remove_file(p.join("config.py")).unwrap();
    commit(p, 3, "remove config");

    write(p, "settings/prod.env", &format!("# prod\nKEY={KEPT}\n"));
    write(p, "old.txt", &format!("moved = {MOVED}\n"));
    let c_add_kept = commit(p, 4, "add settings");

    std::fs::create_dir(p.join("deploy")).unwrap();
    git(p, 5, &["mv", "settings/prod.env", "deploy/prod.env"]);
    std::fs::remove_file(p.join("old.txt")).unwrap();
    write(p, "docs/new.txt", &format!("note\nstill = {MOVED}\n"));
    commit(p, 5, "rename settings");

    git(p, 6, &["checkout", "-q", "-b", "feature"]);
    write(p, "branch.txt", &format!("branch_only = {BRANCH}\n"));
    let c_branch = commit(p, 7, "branch work");
    git(p, 7, &["checkout", "-q", "main"]);

    write(p, "README.md", "# demo\n\nmore\n");
    commit(p, 8, "docs");
    let blob = git(p, 8, &["rev-parse", "HEAD:README.md"]);
    git(p, 8, &["tag", "readme-blob", &blob]);

    Fixture {
        _dir: dir,
        path,
        c_add_deleted,
        c_add_kept,
        c_branch,
    }
}

/// An analyzer with one custom gitleaks rule, independent of the built-in rule pack.
fn analyzer(dir: &Path, extra: &str) -> SecretsAnalyzer {
    let rules = dir.join("rules.toml");
    std::fs::write(
        &rules,
        format!(
            r#"
[[rules]]
id = "acme-token"
description = "ACME token"
regex = '''acme_[a-z0-9]{{32}}'''
keywords = ["acme_"]
{extra}
"#
        ),
    )
    .unwrap();
    let cfg = SecretsConfig {
        custom_rules: vec![rules],
        builtin: false,
        decode_base64: false,
    };
    SecretsAnalyzer::from_config(&cfg, &[], None).expect("rules compile")
}

fn options() -> HistoryOptions {
    HistoryOptions {
        jobs: 2,
        max_blob_size: 1000,
    }
}

/// The findings of one secret value. A finding never holds the value itself, so match on its hash.
fn with_secret<'a>(findings: &'a [Finding], secret: &str) -> Vec<&'a Finding> {
    let sha = rampart_core::sha256_hex(secret.as_bytes());
    findings
        .iter()
        .filter(|f| f.secret.as_ref().is_some_and(|s| s.sha256 == sha))
        .collect()
}

/// Distinct blob ids in the trees of all commits of all refs, as git itself lists them.
fn distinct_blobs(repo: &Path) -> BTreeSet<String> {
    let mut blobs = BTreeSet::new();
    for c in git(repo, 1, &["rev-list", "--all"]).lines() {
        for line in git(repo, 1, &["ls-tree", "-r", c]).lines() {
            let mut parts = line.split_whitespace();
            let (_, kind, id) = (parts.next(), parts.next(), parts.next());
            if kind == Some("blob") {
                blobs.insert(id.unwrap().to_string());
            }
        }
    }
    blobs
}

#[test]
fn finds_secrets_anywhere_in_history_with_provenance() {
    let fx = fixture();
    let an = analyzer(fx._dir.path(), "");
    let r = scan_history(&fx.path, &an, &options()).expect("scan");
    assert!(r.errors.is_empty(), "{:?}", r.errors);

    let deleted = with_secret(&r.findings, DELETED);
    assert_eq!(deleted.len(), 1, "{:#?}", r.findings);
    let f = deleted[0];
    assert_eq!(f.rule_id, "acme-token");
    assert_eq!(f.location.path, "config.py");
    assert_eq!(f.location.start_line, 1);
    let p = f.provenance.as_ref().unwrap();
    assert_eq!(p.commit, fx.c_add_deleted);
    assert_eq!(p.author, AUTHOR);
    assert_eq!(p.date, "2024-01-02T10:00:00Z");
    assert_eq!(p.path, "config.py");
    assert!(!p.in_head);
    assert_eq!(
        p.blob,
        git(
            &fx.path,
            1,
            &["rev-parse", &format!("{}:config.py", fx.c_add_deleted)]
        )
    );

    // The rename reuses the blob: one finding, at the path of the commit that added it.
    let kept = with_secret(&r.findings, KEPT);
    assert_eq!(kept.len(), 1, "{:#?}", r.findings);
    let p = kept[0].provenance.as_ref().unwrap();
    assert_eq!(p.commit, fx.c_add_kept);
    assert_eq!(p.path, "settings/prod.env");
    assert_eq!(kept[0].location.path, "settings/prod.env");
    assert_eq!(kept[0].location.start_line, 2);
    assert!(p.in_head);

    let branch = with_secret(&r.findings, BRANCH);
    assert_eq!(branch.len(), 1, "{:#?}", r.findings);
    let p = branch[0].provenance.as_ref().unwrap();
    assert_eq!(p.commit, fx.c_branch);
    assert_eq!(p.path, "branch.txt");
    assert_eq!(p.date, "2024-01-07T10:00:00Z");
    assert!(!p.in_head, "HEAD is main, which lacks the branch commit");

    // One finding per blob; both live, as HEAD still holds the value in another file.
    let moved = with_secret(&r.findings, MOVED);
    let paths: Vec<_> = moved.iter().map(|f| f.location.path.as_str()).collect();
    assert_eq!(paths, ["docs/new.txt", "old.txt"]);
    assert!(moved.iter().all(|f| f.provenance.as_ref().unwrap().in_head));

    // Binary and oversized blobs are skipped, so their secrets are not reported.
    assert_eq!(r.findings.len(), 5, "{:#?}", r.findings);
    let sorted = r.findings.windows(2).all(|w| {
        (&w[0].location.path, w[0].location.start_line)
            <= (&w[1].location.path, w[1].location.start_line)
    });
    assert!(sorted);
}

#[test]
fn each_distinct_blob_is_read_once_and_counted() {
    let fx = fixture();
    let an = analyzer(fx._dir.path(), "");
    let r = scan_history(&fx.path, &an, &options()).expect("scan");
    let blobs = distinct_blobs(&fx.path);
    let s = &r.stats;
    assert_eq!(s.blobs_skipped_binary, 1);
    assert_eq!(s.blobs_skipped_large, 1);
    assert_eq!(
        s.blobs_scanned + s.blobs_skipped_binary + s.blobs_skipped_large,
        blobs.len() as u64
    );
    let commits = git(&fx.path, 1, &["rev-list", "--all", "--count"]);
    assert_eq!(s.commits, commits.parse::<u64>().unwrap());
    assert_eq!(s.commits, 7);
    assert!(s.bytes_scanned > 0);

    // Without the size limit the large blob is scanned and its secret found.
    let r = scan_history(
        &fx.path,
        &an,
        &HistoryOptions {
            jobs: 1,
            max_blob_size: u64::MAX,
        },
    )
    .unwrap();
    assert_eq!(r.stats.blobs_skipped_large, 0);
    assert_eq!(r.stats.blobs_scanned + 1, blobs.len() as u64);
    assert!(r.findings.iter().any(|f| f.location.path == "big.txt"));
}

#[test]
fn the_commit_is_passed_to_allowlists() {
    let fx = fixture();
    let extra = format!(
        "[[rules.allowlists]]\ncommits = [\"{}\"]\n",
        &fx.c_add_deleted[..12]
    );
    let an = analyzer(fx._dir.path(), &extra);
    let r = scan_history(&fx.path, &an, &options()).unwrap();
    assert!(with_secret(&r.findings, DELETED).is_empty());
    assert_eq!(with_secret(&r.findings, KEPT).len(), 1);
}

#[test]
fn bare_repositories_and_thread_counts_give_the_same_result() {
    let fx = fixture();
    let an = analyzer(fx._dir.path(), "");
    let work = scan_history(&fx.path, &an, &options()).unwrap();

    let bare = fx._dir.path().join("bare.git");
    git(
        fx._dir.path(),
        1,
        &[
            "clone",
            "-q",
            "--bare",
            fx.path.to_str().unwrap(),
            bare.to_str().unwrap(),
        ],
    );
    let r = scan_history(&bare, &an, &options()).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.findings, work.findings);
    assert_eq!(r.stats, work.stats);

    for jobs in [0, 1, 8] {
        let r = scan_history(&fx.path, &an, &HistoryOptions { jobs, ..options() }).unwrap();
        assert_eq!(r.findings, work.findings, "jobs = {jobs}");
    }
}

#[test]
fn a_skewed_clock_does_not_put_a_child_before_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    git(p, 1, &["init", "-q", "-b", "main"]);
    write(p, "a.env", &format!("K={KEPT}\n"));
    let parent = commit(p, 20, "parent, clock ahead");
    write(p, "b.txt", "unrelated\n");
    commit(p, 10, "child, clock behind");
    // Same second for parent and child: the parent still comes first.
    write(p, "c.env", &format!("K={DELETED}\n"));
    let same = commit(p, 10, "same second as its child");
    write(p, "d.txt", "more\n");
    commit(p, 10, "child in the same second");
    let an = analyzer(p, "");
    let r = scan_history(p, &an, &options()).unwrap();
    let kept = with_secret(&r.findings, KEPT);
    assert_eq!(kept[0].provenance.as_ref().unwrap().commit, parent);
    let deleted = with_secret(&r.findings, DELETED);
    assert_eq!(deleted[0].provenance.as_ref().unwrap().commit, same);
}

#[test]
fn empty_repository_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), 1, &["init", "-q", "-b", "main"]);
    let an = analyzer(dir.path(), "");
    let r = scan_history(dir.path(), &an, &options()).unwrap();
    assert!(r.findings.is_empty());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.stats.commits, 0);
}

#[test]
fn a_subfolder_scans_the_repository_that_contains_it() {
    let fx = fixture();
    let an = analyzer(fx._dir.path(), "");
    let sub = fx.path.join("src").join("deep");
    std::fs::create_dir_all(&sub).unwrap();
    let from_root = scan_history(&fx.path, &an, &options()).expect("root");
    let from_sub = scan_history(&sub, &an, &options()).expect("subfolder");
    assert_eq!(with_secret(&from_sub.findings, DELETED).len(), 1);
    assert_eq!(from_sub.findings.len(), from_root.findings.len());
}

#[test]
fn a_directory_that_is_not_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let an = analyzer(dir.path(), "");
    let plain = dir.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    let err = scan_history(&plain, &an, &options()).unwrap_err();
    assert!(matches!(err, HistoryError::NotARepository(..)), "{err}");
    let err = scan_history(&dir.path().join("missing"), &an, &options()).unwrap_err();
    assert!(matches!(err, HistoryError::NotARepository(..)), "{err}");
}

#[test]
fn a_missing_object_is_reported_and_the_scan_goes_on() {
    let fx = fixture();
    let an = analyzer(fx._dir.path(), "");
    // Loose objects (no gc has run): delete the blob of config.py.
    let blob = git(
        &fx.path,
        1,
        &["rev-parse", &format!("{}:config.py", fx.c_add_deleted)],
    );
    let loose = fx
        .path
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    std::fs::remove_file(loose).unwrap();
    let r = scan_history(&fx.path, &an, &options()).unwrap();
    assert!(r.errors.iter().any(|(id, _)| *id == blob), "{:?}", r.errors);
    assert!(with_secret(&r.findings, DELETED).is_empty());
    assert_eq!(with_secret(&r.findings, KEPT).len(), 1);
}

/// A real repository: `RAMPART_HISTORY_REPO=/path/to/repo cargo test -p rampart-secrets --release
/// --test history -- --ignored --nocapture` (defaults to the gitleaks mirror on the build host;
/// `RAMPART_JOBS` sets the threads, `RAMPART_RULES` a gitleaks rule file instead of the built-ins).
#[test]
#[ignore]
fn measure_real_repository() {
    let repo = std::env::var("RAMPART_HISTORY_REPO")
        .unwrap_or_else(|_| "/work/.mirror/gitleaks+gitleaks/repo".into());
    let jobs = std::env::var("RAMPART_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or(0);
    // RAMPART_RULES=file.toml: only these gitleaks rules (a never-matching rule measures the
    // cost of reading history alone).
    let an = match std::env::var_os("RAMPART_RULES") {
        Some(rules) => SecretsAnalyzer::from_config(
            &SecretsConfig {
                custom_rules: vec![rules.into()],
                builtin: false,
                decode_base64: false,
            },
            &[],
            None,
        ),
        None => SecretsAnalyzer::builtin(),
    }
    .expect("rules compile");
    let start = std::time::Instant::now();
    let r = scan_history(
        Path::new(&repo),
        &an,
        &HistoryOptions {
            jobs,
            max_blob_size: 20 * 1024 * 1024,
        },
    )
    .expect("scan");
    let secs = start.elapsed().as_secs_f64();
    let s = &r.stats;
    println!(
        "{repo}: {} commits, {} blobs scanned ({} MB), {} binary, {} large skipped, {} findings, {} errors, {secs:.2} s, {} rules",
        s.commits,
        s.blobs_scanned,
        s.bytes_scanned / 1_000_000,
        s.blobs_skipped_binary,
        s.blobs_skipped_large,
        r.findings.len(),
        r.errors.len(),
        an.scanner().rules().len(),
    );
}
