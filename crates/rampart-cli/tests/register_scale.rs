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
use rampart_register::{Register, ScanMeta, Settings, time};
use rampart_store::Store;

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

fn meta(target: &str) -> ScanMeta {
    let now = time::now();
    ScanMeta {
        target: target.into(),
        root: "/bench".into(),
        started_at: now,
        finished_at: now,
        tool_version: "bench".into(),
        rule_pack: "bench".into(),
        analyzers: vec!["secrets".into(), "sast".into()],
        closes: true,
        ..ScanMeta::default()
    }
}

fn register(db: &Path, root: &Path) -> Register {
    let store = Store::open_sqlite(db).unwrap();
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

fn time_list(root: &Path, args: &[&str]) -> (f64, String) {
    let mut best = f64::MAX;
    let mut out = String::new();
    for _ in 0..5 {
        let t = Instant::now();
        let o = Command::new(env!("CARGO_BIN_EXE_rampart"))
            .args(args)
            .current_dir(root)
            .env_remove("RAMPART_DATABASE_URL")
            .env("RAMPART_ACTOR", "bench")
            .output()
            .unwrap();
        let el = t.elapsed().as_secs_f64() * 1000.0;
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        best = best.min(el);
        out = String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
    }
    (best, out)
}

#[test]
#[ignore = "measures scale; run by bench/register/run.sh"]
fn record_100k_and_list_over_1m() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let db = root.join(".rampart/rampart.db");
    let mut reg = register(&db, root);

    let batch = findings(100_000, 0);
    let t = Instant::now();
    let c = cpu_secs();
    let out = reg.record(&meta("project-0"), &batch).unwrap();
    let first = t.elapsed().as_secs_f64();
    let first_cpu = cpu_secs() - c;
    assert_eq!(out.new.len(), 100_000);
    let t = Instant::now();
    let c = cpu_secs();
    let again = reg.record(&meta("project-0"), &batch).unwrap();
    let rescan = t.elapsed().as_secs_f64();
    let rescan_cpu = cpu_secs() - c;
    assert!(again.new.is_empty());
    println!("record 100,000 new findings: {first:.2} s wall, {first_cpu:.2} s CPU");
    println!(
        "re-record the same 100,000 (all seen again): {rescan:.2} s wall, {rescan_cpu:.2} s CPU"
    );

    for p in 1..10 {
        let b = findings(100_000, p);
        reg.record(&meta(&format!("project-{p}")), &b).unwrap();
    }
    let total = reg
        .store
        .query_one("SELECT COUNT(*) FROM findings", &[])
        .unwrap()
        .i64(0)
        .unwrap();
    assert_eq!(total, 1_000_000);
    drop(reg);
    let size = std::fs::metadata(&db).unwrap().len() as f64 / 1e6;
    println!("database with 1,000,000 findings: {size:.0} MB");
    for args in [
        vec!["findings", "list", "--severity", "critical"],
        vec![
            "findings",
            "list",
            "--severity",
            "critical",
            "--path",
            "services/s7/",
        ],
        vec![
            "findings", "list", "--rule", "rule-3", "--state", "open", "--sort", "due",
        ],
        vec![
            "findings",
            "list",
            "--path",
            "services/s42/module42/",
            "--format",
            "json",
        ],
        vec![
            "findings",
            "list",
            "--overdue",
            "--analyzer",
            "sast",
            "--limit",
            "20",
        ],
    ] {
        let (ms, tail) = time_list(root, &args);
        println!(
            "rampart {} → {ms:.0} ms (best of 5; {tail})",
            args.join(" ")
        );
    }
}
