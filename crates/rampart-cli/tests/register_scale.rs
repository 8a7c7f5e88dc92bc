//! Scale of the register on SQLite (ignored by default: it measures, and takes minutes).
//! `bench/register/run.sh` runs it and keeps the numbers:
//!
//! * recording one scan of 100,000 findings (goal ≤ 10 s);
//! * `rampart findings list` with filters over 1,000,000 findings (goal ≤ 200 ms), timed as the
//!   real binary, process start included.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use rampart_core::{Confidence, Finding, Location, RuleMeta, SecretInfo, Severity};
use rampart_engine::Config;
use rampart_register::{Register, ScanMeta, Settings, State, time};
use rampart_store::{Location as Db, Store, Value};

fn findings(n: usize, project: usize) -> Vec<Finding> {
    let sev = [
        Severity::Critical,
        Severity::High,
        Severity::High,
        Severity::Medium,
        Severity::Medium,
        Severity::Low,
    ];
    (0..n)
        .map(|i| {
            let meta = RuleMeta {
                id: format!("rule-{}", i % 40),
                analyzer: if i % 3 == 0 { "sast" } else { "secrets" }.into(),
                title: format!("Finding kind {}", i % 40),
                description: String::new(),
                severity: sev[i % sev.len()],
                confidence: Confidence::High,
                cwe: vec![798],
                remediation: "Rotate it.".into(),
                references: vec![],
            };
            let mut f = meta.finding(
                "A problem at this line".into(),
                Location {
                    path: format!("services/s{}/module{}/file{}.py", i % 50, i % 700, i % 3000),
                    start_line: (i % 400 + 1) as u32,
                    start_column: 5,
                    end_line: (i % 400 + 1) as u32,
                    end_column: 45,
                },
                "token = \"abcd…(40)\"".into(),
            );
            f.secret = Some(SecretInfo {
                redacted: "abcd…(40)".into(),
                sha256: format!("{:064x}", i),
                checksum_valid: None,
                decoded: false,
            });
            f.fingerprint = format!("{project:04}{i:028x}");
            f
        })
        .collect()
}

fn meta(target: &str, days_ago: i64) -> ScanMeta {
    let at = time::now() - days_ago * time::DAY;
    ScanMeta {
        target: target.into(),
        root: "/bench".into(),
        started_at: at,
        finished_at: at,
        tool_version: "bench".into(),
        rule_pack: "bench".into(),
        analyzers: vec!["secrets".into(), "sast".into()],
        closes: true,
        ..ScanMeta::default()
    }
}

/// Teams own services by CODEOWNERS (some shared by two owners); `module1*` has no owner.
fn codeowners(root: &Path) {
    let mut text = String::from("# bench\n");
    for s in 0..50 {
        let extra = if s % 7 == 0 { " @org/security" } else { "" };
        text.push_str(&format!("/services/s{s}/ @org/team-{}{extra}\n", s % 12));
    }
    text.push_str("/services/*/module1*/ \n");
    std::fs::create_dir_all(root.join(".github")).unwrap();
    std::fs::write(root.join(".github/CODEOWNERS"), text).unwrap();
}

/// The bench database: SQLite in the bench folder, or the PostgreSQL database in
/// `RAMPART_BENCH_POSTGRES_URL` (which must be empty: it is filled with 1,000,000 findings).
fn location(root: &Path) -> Db {
    match std::env::var("RAMPART_BENCH_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Db::Postgres(url),
        _ => Db::Sqlite(root.join(".rampart/rampart.db")),
    }
}

fn register(loc: &Db, root: &Path) -> Register {
    let store = Store::open(loc).unwrap();
    let mut config = Config::default();
    config.register.blame = false;
    Register::new(
        store,
        Settings::from_config(&config, root).unwrap(),
        "bench".into(),
    )
}

/// CPU seconds this process has used (user + system): the machine is shared, so wall time
/// alone overstates the cost.
fn cpu_secs() -> f64 {
    // SAFETY: getrusage fills the struct we pass.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// CPU seconds used by finished child processes (user + system).
fn children_cpu_secs() -> f64 {
    // SAFETY: getrusage fills the struct we pass.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Best wall time of 5 runs (ms), the least CPU time of a run (ms), the output's last line.
fn time_list(root: &Path, loc: &Db, args: &[&str]) -> (f64, f64, String) {
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut out = String::new();
    for _ in 0..5 {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rampart"));
        cmd.args(args)
            .current_dir(root)
            .env_remove("RAMPART_DATABASE_URL")
            .env("RAMPART_ACTOR", "bench");
        if let Db::Postgres(url) = loc {
            cmd.env("RAMPART_DATABASE_URL", url);
        }
        let t = Instant::now();
        let c = children_cpu_secs();
        let o = cmd.output().unwrap();
        let el = t.elapsed().as_secs_f64() * 1000.0;
        best_cpu = best_cpu.min((children_cpu_secs() - c) * 1000.0);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        best = best.min(el);
        let text = String::from_utf8_lossy(&o.stdout);
        out = if args.contains(&"table") || !args.contains(&"--format") {
            text.lines().last().unwrap_or("").to_string()
        } else {
            format!("{} bytes", text.len())
        };
    }
    (best, best_cpu, out)
}

/// Every filter the CLI offers, alone and combined (selective with unselective, unselective
/// with unselective, matches that are dense, sparse and empty), and every sort.
const LISTS: &[&[&str]] = &[
    &[],
    &["--severity", "critical"],
    &["--severity", "critical", "--path", "services/s7/"],
    &["--rule", "rule-3", "--state", "open", "--sort", "due"],
    &["--path", "services/s42/module42/", "--format", "json"],
    &["--overdue", "--analyzer", "sast", "--limit", "20"],
    &["--open"],
    &["--open", "--sort", "path"],
    &["--open", "--sort", "age"],
    &["--state", "verified", "--sort", "age"],
    &["--state", "reopened"],
    &[
        "--state",
        "risk_accepted,false_positive",
        "--analyzer",
        "sast",
        "--severity",
        "critical",
    ],
    &["--owner", "@org/team-3"],
    &[
        "--owner",
        "@org/security",
        "--overdue",
        "--severity",
        "critical,high",
    ],
    &["--owner", "none", "--severity", "high"],
    &["--analyzer", "secrets", "--severity", "low"],
    &["--severity", "low", "--sort", "severity"],
    &["--target", "project-3", "--open", "--sort", "age"],
    &[
        "--target",
        "project-5",
        "--overdue",
        "--rule",
        "rule-7",
        "--sort",
        "due",
    ],
    &["--path", "services/s1", "--sort", "due"],
    &[
        "--path",
        "services/s2",
        "--state",
        "wont_fix",
        "--sort",
        "path",
    ],
    &["--sort", "due"],
    &["--sort", "age"],
    &["--sort", "severity"],
    &["--sort", "id"],
    &["--sort", "path"],
    &["--severity", "medium", "--format", "csv"],
];

#[test]
#[ignore = "measures scale; run by bench/register/run.sh"]
fn record_100k_and_list_over_1m() {
    // RAMPART_BENCH_DIR keeps the database for looking at query plans afterwards.
    let dir = tempfile::tempdir().unwrap();
    let kept = std::env::var_os("RAMPART_BENCH_DIR").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(dir.path());
    std::fs::create_dir_all(root).unwrap();
    codeowners(root);
    let loc = location(root);
    let mut reg = register(&loc, root);

    let batch = findings(100_000, 0);
    let t = Instant::now();
    let c = cpu_secs();
    let out = reg.record(&meta("project-0", 0), &batch).unwrap();
    let first = t.elapsed().as_secs_f64();
    let first_cpu = cpu_secs() - c;
    assert_eq!(out.new.len(), 100_000);
    let t = Instant::now();
    let c = cpu_secs();
    let again = reg.record(&meta("project-0", 0), &batch).unwrap();
    let rescan = t.elapsed().as_secs_f64();
    let rescan_cpu = cpu_secs() - c;
    assert!(again.new.is_empty());
    println!("record 100,000 new findings: {first:.2} s wall, {first_cpu:.2} s CPU");
    println!(
        "re-record the same 100,000 (all seen again): {rescan:.2} s wall, {rescan_cpu:.2} s CPU"
    );
    if std::env::var_os("RAMPART_BENCH_RECORD_ONLY").is_some() {
        return;
    }

    // Nine more projects, first seen 0–80 days ago (so some are overdue); in half of them a
    // later scan no longer finds one in sixteen (verified), and people triaged some of the rest.
    for p in 1..10usize {
        let b = findings(100_000, p);
        let days = p as i64 * 10;
        reg.record(&meta(&format!("project-{p}"), days), &b)
            .unwrap();
        if p % 2 == 1 {
            let kept: Vec<_> = b
                .iter()
                .filter(|f| !f.fingerprint.ends_with('5'))
                .cloned()
                .collect();
            let o = reg
                .record(&meta(&format!("project-{p}"), days - 1), &kept)
                .unwrap();
            assert!(!o.closed.is_empty());
        }
    }
    let mut triage = |state: State, every: i64, reason: &str| {
        let ids: Vec<i64> = reg
            .store
            .query(
                "SELECT id FROM findings WHERE state = 'open' AND id % ? = 0",
                &[Value::Int(every)],
            )
            .unwrap()
            .iter()
            .map(|r| r.i64(0).unwrap())
            .collect();
        reg.set_state(&ids, state, Some(reason), None).unwrap();
    };
    triage(State::FalsePositive, 41, "test fixture");
    triage(State::WontFix, 43, "legacy");
    triage(State::InProgress, 37, "on it");
    let total = reg
        .store
        .query_one("SELECT COUNT(*) FROM findings", &[])
        .unwrap()
        .i64(0)
        .unwrap();
    assert_eq!(total, 1_000_000);
    reg.store.optimize().unwrap();
    drop(reg);
    if let Db::Sqlite(db) = &loc {
        let size = std::fs::metadata(db).unwrap().len() as f64 / 1e6;
        println!("database with 1,000,000 findings: {size:.0} MB");
    }
    let mut worst = 0f64;
    let mut worst_cpu = 0f64;
    for extra in LISTS {
        let mut args = vec!["findings", "list"];
        args.extend_from_slice(extra);
        let (ms, cpu, tail) = time_list(root, &loc, &args);
        worst = worst.max(ms);
        worst_cpu = worst_cpu.max(cpu);
        println!(
            "rampart {} → {ms:.0} ms wall, {cpu:.0} ms CPU (best of 5; {tail})",
            args.join(" ")
        );
    }
    println!(
        "rampart findings list: slowest of {} → {worst:.0} ms wall, {worst_cpu:.0} ms CPU",
        LISTS.len()
    );
}
