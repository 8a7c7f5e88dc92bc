//! The vulnerability register end to end: real `rampart scan --record` runs on real git
//! repositories built here, then the `findings` and `report` commands — every test on SQLite
//! and, when a server answers (see rampart_store::testing), on PostgreSQL.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use rampart_store::testing::{TestDatabase, postgres_database};
use serde_json::Value;

/// A backend to run a test against: SQLite in the repository, or a fresh PostgreSQL database.
struct Backend {
    name: &'static str,
    pg: Option<TestDatabase>,
}

fn backends(label: &str) -> Vec<Backend> {
    let mut v = vec![Backend {
        name: "sqlite",
        pg: None,
    }];
    if let Some(db) = postgres_database(label) {
        v.push(Backend {
            name: "postgres",
            pg: Some(db),
        });
    }
    v
}

impl Backend {
    fn run(&self, dir: &Path, args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rampart"));
        c.args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("RAMPART_ACTOR", "test-runner")
            .env("GIT_CONFIG_GLOBAL", dir.join("no-such-gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1");
        match &self.pg {
            Some(db) => c.env("RAMPART_DATABASE_URL", &db.url),
            None => c.env_remove("RAMPART_DATABASE_URL"),
        };
        c.output().expect("run rampart")
    }

    /// Runs and insists on success (exit 0, or 1 for a scan that found something).
    fn ok(&self, dir: &Path, args: &[&str]) -> Output {
        let out = self.run(dir, args);
        let code = out.status.code();
        assert!(
            code == Some(0) || (args[0] == "scan" && code == Some(1)),
            "[{}] rampart {args:?} exited {code:?}\nstdout: {}\nstderr: {}",
            self.name,
            stdout(&out),
            stderr(&out)
        );
        out
    }

    fn json(&self, dir: &Path, args: &[&str]) -> Value {
        json(&self.ok(dir, args))
    }
}

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

fn commit(dir: &Path, msg: &str, date: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", msg], date);
}

fn new_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(
        dir.path(),
        &["init", "-q", "-b", "main"],
        "2024-01-01T00:00:00Z",
    );
    dir
}

/// All findings as JSON, keyed by rule id.
fn by_rule(b: &Backend, dir: &Path) -> std::collections::BTreeMap<String, Value> {
    let list = b.json(
        dir,
        &["findings", "list", "--format", "json", "--limit", "0"],
    );
    list.as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule_id"].as_str().unwrap().to_string(), f.clone()))
        .collect()
}

fn state_changes(b: &Backend, dir: &Path, id: i64) -> Vec<(String, String)> {
    let show = b.json(
        dir,
        &["findings", "show", &id.to_string(), "--format", "json"],
    );
    show["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["field"] == "state")
        .map(|h| {
            (
                h["old"].as_str().unwrap_or("-").to_string(),
                h["new"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn ts(v: &Value) -> i64 {
    rampart_register::time::parse(v.as_str().expect("a time")).unwrap()
}

const SLACK_RULE: &str = "slack-bot-token";
const GITHUB_RULE: &str = "github-pat-classic";

#[test]
fn lifecycle_open_fixed_verified_reopened_with_history_mttd_and_mttr() {
    for b in backends("lifecycle") {
        let repo = new_repo();
        let d = repo.path();
        // Commit 1: two findings.
        write(
            d,
            "app/settings.py",
            format!("SLACK = \"{SLACK}\"\nDEBUG = False\n"),
        );
        write(
            d,
            "app/github.py",
            format!("TOKEN = \"{}\"\n", github_token()),
        );
        commit(d, "two secrets", "2024-01-10T10:00:00Z");
        let first = b.run(d, &["scan", "--record", "--no-progress", "-q"]);
        assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
        assert!(stderr(&first).contains("2 new"), "{}", stderr(&first));
        let f = by_rule(&b, d);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[SLACK_RULE]["state"], "open");
        assert_eq!(f[GITHUB_RULE]["state"], "open");
        // MTTD's start: git blame dates the line to commit 1.
        for rule in [SLACK_RULE, GITHUB_RULE] {
            assert_eq!(
                f[rule]["introduced_at"], "2024-01-10T10:00:00Z",
                "[{}] {rule}",
                b.name
            );
        }
        let slack_id = f[SLACK_RULE]["id"].as_i64().unwrap();
        let github_id = f[GITHUB_RULE]["id"].as_i64().unwrap();

        // Commit 2 fixes one.
        write(
            d,
            "app/settings.py",
            "SLACK = os.environ[\"SLACK\"]\nDEBUG = False\n",
        );
        commit(d, "slack from env", "2024-01-20T10:00:00Z");
        let second = b.ok(d, &["scan", "--record", "--no-progress", "-q"]);
        assert!(
            stderr(&second).contains("1 verified fixed"),
            "{}",
            stderr(&second)
        );
        let f = by_rule(&b, d);
        assert_eq!(f[SLACK_RULE]["state"], "verified", "[{}]", b.name);
        assert_eq!(f[GITHUB_RULE]["state"], "open");
        assert!(f[SLACK_RULE]["verified_at"].is_string());
        let mttr = ts(&f[SLACK_RULE]["verified_at"]) - ts(&f[SLACK_RULE]["first_seen"]);

        // Commit 3 reintroduces it: a regression.
        write(
            d,
            "app/settings.py",
            format!("SLACK = \"{SLACK}\"\nDEBUG = False\n"),
        );
        commit(d, "oops", "2024-01-30T10:00:00Z");
        let third = b.run(d, &["scan", "--record", "--no-progress", "-q"]);
        assert!(stderr(&third).contains("1 reopened"), "{}", stderr(&third));
        let f = by_rule(&b, d);
        assert_eq!(
            f[SLACK_RULE]["id"].as_i64().unwrap(),
            slack_id,
            "same finding, same id"
        );
        assert_eq!(f[SLACK_RULE]["state"], "reopened", "[{}]", b.name);
        assert_eq!(f[SLACK_RULE]["reopen_count"], 1);
        assert_eq!(f[GITHUB_RULE]["state"], "open");

        let expected: Vec<(String, String)> = [
            ("-", "open"),
            ("open", "fixed"),
            ("fixed", "verified"),
            ("verified", "reopened"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(state_changes(&b, d, slack_id), expected, "[{}]", b.name);
        assert_eq!(state_changes(&b, d, github_id), expected[..1].to_vec());
        let show = b.json(
            d,
            &[
                "findings",
                "show",
                &slack_id.to_string(),
                "--format",
                "json",
            ],
        );
        for h in show["history"].as_array().unwrap() {
            assert_eq!(h["actor"], "test-runner");
            assert!(
                h["scan"].is_i64(),
                "scan-driven changes name their scan: {h}"
            );
        }
        let text = stdout(&b.ok(d, &["findings", "show", &slack_id.to_string()]));
        assert!(text.contains("regression: seen again by scan #3"), "{text}");
        assert!(!text.contains(SLACK), "a secret in full: {text}");

        // KPIs: MTTD is first detection − 2024-01-10T10:00:00Z for both; MTTR the one fix.
        let kpi = b.json(
            d,
            &["report", "kpi", "--since", "2024-01-01", "--format", "json"],
        );
        let detected = ts(&f[SLACK_RULE]["first_seen"]) + ts(&f[GITHUB_RULE]["first_seen"]);
        let intro = rampart_register::time::parse("2024-01-10T10:00:00Z").unwrap();
        let mttd = (detected - 2 * intro) as f64 / 2.0;
        assert_eq!(kpi["mttd_findings"], 2, "{kpi}");
        assert!(
            (kpi["mttd_seconds"].as_f64().unwrap() - mttd).abs() < 0.01,
            "{kpi}"
        );
        assert_eq!(kpi["mttr_findings"], 1, "{kpi}");
        assert!((kpi["mttr_seconds"].as_f64().unwrap() - mttr as f64).abs() < 0.01);
        assert_eq!(kpi["open_by_severity"]["high"], 2, "{kpi}");
        let cov = &kpi["coverage"][0];
        assert_eq!(cov["analyzer"], "secrets");
        assert_eq!(cov["files_in_repository"], 2);
        assert_eq!(cov["percent"], 100.0);
        let periods = kpi["per_period"].as_array().unwrap();
        let sum = |k: &str| periods.iter().map(|p| p[k].as_u64().unwrap()).sum::<u64>();
        assert_eq!(
            (sum("new"), sum("fixed"), sum("reopened")),
            (2, 1, 1),
            "{kpi}"
        );
        let md = stdout(&b.ok(d, &["report", "kpi", "--format", "markdown"]));
        assert!(md.contains("| MTTD |"), "{md}");

        // The recorded scans carry their git state.
        assert!(d.join(".rampart/.gitignore").exists() || b.pg.is_some());
    }
}

#[test]
fn partial_scans_never_close_what_they_did_not_look_at() {
    for b in backends("partial") {
        let repo = new_repo();
        let d = repo.path();
        write(d, "a/settings.py", format!("SLACK = \"{SLACK}\"\n"));
        write(
            d,
            "b/github.py",
            format!("TOKEN = \"{}\"\n", github_token()),
        );
        commit(d, "two", "2024-01-10T10:00:00Z");
        b.ok(d, &["scan", "--record", "-q"]);
        // Remove both, but scan only a/: only a/'s finding is verified.
        write(d, "a/settings.py", "SLACK = None\n");
        write(d, "b/github.py", "TOKEN = None\n");
        commit(d, "gone", "2024-01-11T10:00:00Z");
        b.ok(d, &["scan", "--record", "-q", "a"]);
        let f = by_rule(&b, d);
        assert_eq!(f[SLACK_RULE]["state"], "verified", "[{}]", b.name);
        assert_eq!(
            f[GITHUB_RULE]["state"], "open",
            "[{}] b/ was not scanned",
            b.name
        );
        // A full scan closes the rest.
        b.ok(d, &["scan", "--record", "-q"]);
        assert_eq!(by_rule(&b, d)[GITHUB_RULE]["state"], "verified");
    }
}

#[test]
fn triage_assign_accept_reopen_with_history_filters_and_formats() {
    for b in backends("triage") {
        let repo = new_repo();
        let d = repo.path();
        write(
            d,
            "CODEOWNERS",
            "* @org/everyone\n/app/ @org/app\napp/github.py @alice\n",
        );
        write(d, "app/settings.py", format!("SLACK = \"{SLACK}\"\n"));
        write(
            d,
            "app/github.py",
            format!("TOKEN = \"{}\"\n", github_token()),
        );
        write(d, "tools/ci.sh", format!("export SLACK=\"{SLACK}\"\n"));
        commit(d, "three", "2024-01-10T10:00:00Z");
        b.ok(d, &["scan", "--record", "-q"]);
        let all = b.json(d, &["findings", "list", "--format", "json"]);
        assert_eq!(all.as_array().unwrap().len(), 3);
        let owner_of = |path: &str| {
            all.as_array()
                .unwrap()
                .iter()
                .find(|f| f["path"] == path)
                .unwrap()["owner"]
                .clone()
        };
        assert_eq!(owner_of("app/settings.py"), "@org/app");
        assert_eq!(owner_of("app/github.py"), "@alice");
        assert_eq!(owner_of("tools/ci.sh"), "@org/everyone");

        // Filters.
        let app = b.json(
            d,
            &["findings", "list", "--path", "app/", "--format", "json"],
        );
        assert_eq!(app.as_array().unwrap().len(), 2);
        let alice = b.json(
            d,
            &["findings", "list", "--owner", "@alice", "--format", "json"],
        );
        assert_eq!(alice.as_array().unwrap().len(), 1);
        let slack = b.json(
            d,
            &["findings", "list", "--rule", SLACK_RULE, "--format", "json"],
        );
        assert_eq!(slack.as_array().unwrap().len(), 2);
        let csv = stdout(&b.ok(d, &["findings", "list", "--format", "csv"]));
        assert_eq!(csv.lines().count(), 4, "{csv}");
        assert!(csv.starts_with("id,severity,state,risk,owner,due"), "{csv}");
        let table = stdout(&b.ok(d, &["findings", "list"]));
        assert!(table.contains("3 of 3 finding(s)"), "{table}");

        // Triage one; bulk-assign by filter; a reason is required for a false positive.
        let id = owner_of_id(&all, "tools/ci.sh");
        let no_reason = b.run(d, &["findings", "triage", &id, "--state", "false_positive"]);
        assert_eq!(no_reason.status.code(), Some(2));
        assert!(stderr(&no_reason).contains("--reason is required"));
        b.ok(
            d,
            &[
                "findings",
                "triage",
                &id,
                "--state",
                "false_positive",
                "--reason",
                "CI fixture",
            ],
        );
        let bulk = b.ok(
            d,
            &[
                "findings", "assign", "--path", "app/", "--to", "@org/sec", "--actor", "lead",
            ],
        );
        assert_eq!(stdout(&bulk).lines().count(), 2, "{}", stdout(&bulk));
        let none = b.run(d, &["findings", "assign", "--to", "@x"]);
        assert_eq!(
            none.status.code(),
            Some(2),
            "bulk without a filter needs --all"
        );

        let fp = b.json(
            d,
            &[
                "findings",
                "list",
                "--state",
                "false_positive",
                "--format",
                "json",
            ],
        );
        assert_eq!(fp.as_array().unwrap().len(), 1);
        let show = b.json(d, &["findings", "show", &id, "--format", "json"]);
        let last = show["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["old"], "open");
        assert_eq!(last["new"], "false_positive");
        assert_eq!(last["reason"], "CI fixture");
        assert_eq!(last["actor"], "test-runner");
        let app_id = owner_of_id(&all, "app/github.py");
        let show = b.json(d, &["findings", "show", &app_id, "--format", "json"]);
        let last = show["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            (last["field"].as_str(), last["actor"].as_str()),
            (Some("owner"), Some("lead"))
        );
        assert_eq!(show["finding"]["owner_source"], "manual");

        // A manual owner survives the next scan; CODEOWNERS does not override it.
        b.ok(d, &["scan", "--record", "-q"]);
        let again = b.json(d, &["findings", "show", &app_id, "--format", "json"]);
        assert_eq!(again["finding"]["owner"], "@org/sec");

        // Reopen; then the export has everything.
        b.ok(
            d,
            &[
                "findings",
                "reopen",
                &id,
                "--reason",
                "not a fixture after all",
            ],
        );
        let export = b.json(d, &["findings", "export"]);
        assert_eq!(export.as_array().unwrap().len(), 3);
        assert_eq!(
            b.json(d, &["findings", "show", &id, "--format", "json"])["finding"]["state"],
            "reopened"
        );

        // Unknown ids and states are errors, exit 2.
        assert_eq!(
            b.run(d, &["findings", "show", "999"]).status.code(),
            Some(2)
        );
        assert_eq!(
            b.run(d, &["findings", "triage", &id, "--state", "solved"])
                .status
                .code(),
            Some(2)
        );
    }
}

fn owner_of_id(all: &Value, path: &str) -> String {
    all.as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string()
}

#[test]
fn expired_risk_acceptances_reopen_at_the_next_command_and_say_so() {
    for b in backends("acceptance") {
        let repo = new_repo();
        let d = repo.path();
        write(d, "app/settings.py", format!("SLACK = \"{SLACK}\"\n"));
        commit(d, "one", "2024-01-10T10:00:00Z");
        b.ok(d, &["scan", "--record", "-q"]);
        let past = b.run(
            d,
            &[
                "findings",
                "accept",
                "1",
                "--reason",
                "r",
                "--approver",
                "cso",
                "--until",
                "2020-01-01",
            ],
        );
        assert_eq!(
            past.status.code(),
            Some(2),
            "an acceptance must end in the future"
        );
        // Two seconds from now: then let it expire.
        let until = rampart_register::time::rfc3339(rampart_register::time::now() + 2);
        b.ok(
            d,
            &[
                "findings",
                "accept",
                "1",
                "--reason",
                "internal only",
                "--approver",
                "cso@example.org",
                "--until",
                &until,
            ],
        );
        let f = b.json(d, &["findings", "show", "1", "--format", "json"]);
        assert_eq!(f["finding"]["state"], "risk_accepted");
        assert_eq!(f["finding"]["approver"], "cso@example.org");
        std::thread::sleep(std::time::Duration::from_millis(3200));
        let out = b.ok(d, &["findings", "list"]);
        assert!(
            stderr(&out).contains("finding #1 reopened: its risk acceptance expired"),
            "{}",
            stderr(&out)
        );
        let f = b.json(d, &["findings", "show", "1", "--format", "json"]);
        assert_eq!(f["finding"]["state"], "reopened", "[{}]", b.name);
        let last = f["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["old"], "risk_accepted");
        assert!(last["reason"].as_str().unwrap().contains("expired"));
        // Said once: the next command has nothing to announce.
        assert!(!stderr(&b.ok(d, &["findings", "list"])).contains("expired"));
    }
}

#[test]
fn codeowners_overlapping_patterns_and_sla_due_dates() {
    for b in backends("owners-sla") {
        let repo = new_repo();
        let d = repo.path();
        write(
            d,
            ".github/CODEOWNERS",
            "# last match wins\n*       @org/all\n*.py    @org/python\n/src/   @org/src\nsrc/payments/ @org/payments\nsrc/payments/legacy/*.py @carol\ndocs/   @org/docs\n",
        );
        write(
            d,
            "rampart.toml",
            "[sla]\ncritical = 1\nhigh = 0\nmedium = 30\nlow = 60\n\n[[ignore]]\npaths = [\"rampart.toml\"]\nreason = \"config\"\n",
        );
        let tok = format!("K = \"{SLACK}\"\n");
        for p in [
            "x.py",
            "deep/y.py",
            "src/a.go",
            "src/payments/api.py",
            "src/payments/legacy/old.py",
            "src/payments/legacy/sub/older.py",
            "lib/docs/notes.txt",
        ] {
            write(d, p, &tok);
        }
        commit(d, "files", "2024-01-10T10:00:00Z");
        b.ok(d, &["scan", "--record", "-q"]);
        let list = b.json(d, &["findings", "list", "--format", "json"]);
        let owner = |p: &str| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|f| f["path"] == p)
                .unwrap_or_else(|| panic!("no finding in {p}: {list}"))["owner"]
                .clone()
        };
        assert_eq!(owner("x.py"), "@org/python");
        assert_eq!(owner("deep/y.py"), "@org/python");
        assert_eq!(owner("src/a.go"), "@org/src");
        assert_eq!(owner("src/payments/api.py"), "@org/payments");
        assert_eq!(owner("src/payments/legacy/old.py"), "@carol");
        // `*.py` in an anchored pattern does not cross folders.
        assert_eq!(owner("src/payments/legacy/sub/older.py"), "@org/payments");
        // An unanchored `docs/` matches a docs folder at any depth.
        assert_eq!(owner("lib/docs/notes.txt"), "@org/docs");

        // SLA: slack tokens are high; high = 0 days, so due at first detection and overdue.
        for f in list.as_array().unwrap() {
            assert_eq!(f["severity"], "high");
            assert_eq!(ts(&f["due"]), ts(&f["first_seen"]), "{f}");
        }
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let overdue = b.json(d, &["findings", "list", "--overdue", "--format", "json"]);
        assert_eq!(overdue.as_array().unwrap().len(), 7);
        assert!(overdue[0]["overdue"].as_bool().unwrap());
        let sla = stdout(&b.ok(d, &["report", "sla"]));
        assert!(sla.contains("7 overdue"), "{sla}");
        assert!(sla.contains("OVERDUE"), "{sla}");
        let kpi = b.json(d, &["report", "kpi", "--format", "json"]);
        assert_eq!(kpi["sla"]["breached"], 7, "{kpi}");
        assert_eq!(kpi["sla"]["compliance_percent"], 0.0);
    }
}

#[test]
fn new_only_gates_a_branch_on_what_it_introduces() {
    for b in backends("new-only") {
        let repo = new_repo();
        let d = repo.path();
        write(d, "app/settings.py", format!("SLACK = \"{SLACK}\"\n"));
        commit(d, "main", "2024-01-10T10:00:00Z");
        b.ok(d, &["scan", "--record", "-q"]);
        git(
            d,
            &["checkout", "-q", "-b", "feature"],
            "2024-01-11T10:00:00Z",
        );
        // No new finding: exit 0 even though the known one is high.
        let clean = b.run(
            d,
            &["scan", "--new-only", "--base-ref", "main", "-f", "json"],
        );
        assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
        assert_eq!(json(&clean)["findings"].as_array().unwrap().len(), 0);
        write(
            d,
            "app/github.py",
            format!("TOKEN = \"{}\"\n", github_token()),
        );
        commit(d, "feature", "2024-01-11T10:00:00Z");
        let gated = b.run(
            d,
            &["scan", "--new-only", "--base-ref", "main", "-f", "json"],
        );
        assert_eq!(gated.status.code(), Some(1));
        let found = json(&gated)["findings"].as_array().unwrap().clone();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0]["rule_id"], GITHUB_RULE);
        let unknown = b.run(d, &["scan", "--new-only", "--base-ref", "release", "-q"]);
        assert_eq!(unknown.status.code(), Some(2));
        assert!(stderr(&unknown).contains("no recorded scan of `release`"));
    }
}

#[test]
fn configuration_of_the_register_is_checked() {
    let repo = new_repo();
    let d = repo.path();
    write(
        d,
        "rampart.toml",
        "[register]\ndatabase = \"x.db\"\nblam = true\n",
    );
    let out = rampart(d, &["findings", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("blam"), "{}", stderr(&out));
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
    write(
        d,
        "rampart.toml",
        "[[assets]]\nname = \"api\"\npaths = [\"api/**\"]\nclassification = \"secret\"\nexposure = \"internet\"\n",
    );
    let out = rampart(d, &["findings", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown classification of asset `api` `secret`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn risk_comes_from_assets_and_lists_sort_by_it() {
    let repo = new_repo();
    let d = repo.path();
    write(
        d,
        "rampart.toml",
        "[[assets]]\nname = \"payments\"\npaths = [\"payments\"]\nclassification = \"special-category\"\nexposure = \"internet\"\n\n[[ignore]]\npaths = [\"rampart.toml\"]\nreason = \"config\"\n",
    );
    write(d, "tools/a.py", format!("K = \"{SLACK}\"\n"));
    write(d, "payments/b.py", format!("K = \"{SLACK}\"\n"));
    commit(d, "x", "2024-01-10T10:00:00Z");
    let b = &backends("risk")[0];
    b.ok(d, &["scan", "--record", "-q"]);
    let list = b.json(d, &["findings", "list", "--format", "json"]);
    // high 7.5/10 × special-category 5/5 × internet 3/3 = 75; default internal/internal = 20.
    assert_eq!(list[0]["path"], "payments/b.py");
    assert_eq!(list[0]["risk"], 75.0);
    assert_eq!(list[1]["risk"], 20.0);
}

/// A dependency finding as the SCA analyzer reports it (built here: recorded through the
/// register's API, the same call `scan --record` makes).
fn dependency_finding(
    name: &str,
    version: &str,
    advisory: &str,
    cve: &str,
) -> rampart_core::Finding {
    use rampart_core::{Confidence, DependencyInfo, Location, RuleMeta, Severity};
    let mut f = RuleMeta {
        id: advisory.into(),
        analyzer: "sca".into(),
        title: format!("{name} {version} is vulnerable"),
        description: String::new(),
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: vec![1321],
        remediation: "Upgrade.".into(),
        references: vec![],
    }
    .finding(
        format!("{name}@{version}: {advisory}"),
        Location {
            path: "package-lock.json".into(),
            start_line: 12,
            start_column: 1,
            end_line: 12,
            end_column: 2,
        },
        String::new(),
    );
    f.dependency = Some(DependencyInfo {
        ecosystem: "npm".into(),
        name: name.into(),
        version: version.into(),
        purl: format!("pkg:npm/{name}@{version}"),
        advisory: advisory.into(),
        aliases: vec![cve.into(), advisory.into()],
        cvss_vector: None,
        cvss_score: Some(8.1),
        fixed_versions: vec!["9.9.9".into()],
        upgrade_to: Some("9.9.9".into()),
        path: vec![name.into()],
        direct: true,
    });
    f.fingerprint = format!("fp-{advisory}");
    f
}

#[test]
fn openvex_export_validates_against_the_official_schema() {
    for b in backends("openvex") {
        let repo = new_repo();
        let d = repo.path();
        let location = match &b.pg {
            Some(db) => rampart_store::Location::Postgres(db.url.clone()),
            None => rampart_store::Location::Sqlite(d.join(".rampart/rampart.db")),
        };
        let store = rampart_store::Store::open(&location).unwrap();
        let config = rampart_engine::Config::default();
        let settings = rampart_register::Settings::from_config(&config, d).unwrap();
        let mut reg = rampart_register::Register::new(store, settings, "sca-test".into());
        let now = rampart_register::time::now();
        let meta = rampart_register::ScanMeta {
            target: d.canonicalize().unwrap().display().to_string(),
            root: d.display().to_string(),
            started_at: now,
            finished_at: now,
            analyzers: vec!["sca".into()],
            closes: true,
            ..Default::default()
        };
        let found = vec![
            dependency_finding("lodash", "4.17.15", "GHSA-p6mc-m468-83gw", "CVE-2020-8203"),
            dependency_finding("minimist", "1.2.0", "GHSA-vh95-rmgr-6w4m", "CVE-2020-7598"),
            dependency_finding("axios", "0.21.0", "GHSA-4w2v-q235-vp99", "CVE-2020-28168"),
        ];
        let out = reg.record(&meta, &found).unwrap();
        assert_eq!(out.new.len(), 3);
        drop(reg);
        // Nothing triaged yet: nothing to state, and it says so.
        let empty = b.run(d, &["findings", "export", "--format", "openvex"]);
        assert_eq!(empty.status.code(), Some(2));
        assert!(stderr(&empty).contains("nothing to state"));
        let id_of = |adv: &str| {
            b.json(d, &["findings", "list", "--rule", adv, "--format", "json"])[0]["id"]
                .as_i64()
                .unwrap()
                .to_string()
        };
        let lodash = id_of("GHSA-p6mc-m468-83gw");
        let minimist = id_of("GHSA-vh95-rmgr-6w4m");
        b.ok(
            d,
            &[
                "findings",
                "triage",
                &lodash,
                "--state",
                "false_positive",
                "--reason",
                "zipObjectDeep is never called",
                "--justification",
                "vulnerable_code_not_in_execute_path",
            ],
        );
        b.ok(
            d,
            &[
                "findings",
                "accept",
                &minimist,
                "--reason",
                "CLI parsing of trusted input only",
                "--approver",
                "cso@example.org",
                "--until",
                "2099-01-01",
            ],
        );
        let bad = b.run(
            d,
            &[
                "findings",
                "triage",
                &lodash,
                "--state",
                "false_positive",
                "--reason",
                "x",
                "--justification",
                "because",
            ],
        );
        assert_eq!(bad.status.code(), Some(2));
        let vex = b.json(
            d,
            &[
                "findings",
                "export",
                "--format",
                "openvex",
                "--product",
                "pkg:npm/acme-web@1.0.0",
            ],
        );
        let statements = vex["statements"].as_array().unwrap();
        assert_eq!(statements.len(), 2, "{vex}");
        let by_name = |n: &str| {
            statements
                .iter()
                .find(|s| s["vulnerability"]["name"] == n)
                .unwrap()
                .clone()
        };
        let fp = by_name("GHSA-p6mc-m468-83gw");
        assert_eq!(fp["status"], "not_affected");
        assert_eq!(fp["justification"], "vulnerable_code_not_in_execute_path");
        assert_eq!(fp["vulnerability"]["aliases"][0], "CVE-2020-8203");
        assert_eq!(
            fp["products"][0]["subcomponents"][0]["@id"],
            "pkg:npm/lodash@4.17.15"
        );
        let acc = by_name("GHSA-vh95-rmgr-6w4m");
        assert_eq!(acc["status"], "affected");
        assert!(
            acc["action_statement"]
                .as_str()
                .unwrap()
                .contains("cso@example.org")
        );
        match schema("openvex.schema.json") {
            Some(schema) => {
                let validator = jsonschema::validator_for(&schema).expect("schema compiles");
                let errors: Vec<String> =
                    validator.iter_errors(&vex).map(|e| e.to_string()).collect();
                assert!(
                    errors.is_empty(),
                    "[{}] OpenVEX invalid: {errors:?}\n{vex}",
                    b.name
                );
            }
            None => {
                eprintln!("note: ../shared/schemas not found; OpenVEX schema validation skipped")
            }
        }
        // Written to a file too.
        b.ok(
            d,
            &[
                "findings",
                "export",
                "--format",
                "openvex",
                "-o",
                "out.vex.json",
            ],
        );
        let written: Value =
            serde_json::from_str(&std::fs::read_to_string(d.join("out.vex.json")).unwrap())
                .unwrap();
        assert!(
            written["@id"]
                .as_str()
                .unwrap()
                .starts_with("https://openvex.dev/docs/public/vex-")
        );
        assert!(written["products"].is_null());
    }
}
