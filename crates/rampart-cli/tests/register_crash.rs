//! Crash safety of `rampart scan --record`: processes killed with SIGKILL at random points
//! never leave the register unreadable or lose what earlier scans recorded, and two scans
//! recording into one database at once both land. On SQLite and (when a server answers)
//! PostgreSQL.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use rampart_store::testing::postgres_database;
use rampart_store::{Location, Store, Value};

const FILES: usize = 80;

/// A small linear congruential generator: reproducible "random" kill points from a seed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound.max(1)
    }
}

fn rampart_cmd(dir: &Path, url: Option<&str>, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rampart"));
    c.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RAMPART_ACTOR", "crash-test")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    match url {
        Some(u) => c.env("RAMPART_DATABASE_URL", u),
        None => c.env_remove("RAMPART_DATABASE_URL"),
    };
    c
}

/// Files with many findings, so a recorded scan takes long enough to be killed mid-way.
fn plant(dir: &Path, files: usize, generation: usize) {
    for i in 0..files {
        let mut body = String::new();
        for j in 0..20 {
            // Distinct lines, same token: distinct fingerprints by occurrence.
            body.push_str(&format!("K{j} = \"{SLACK}\"  # {i}.{j}\n"));
        }
        if generation % 2 == 1 && i % 3 == 0 {
            body = "nothing here\n".into();
        }
        write(dir, &format!("src/m{i}/f.py"), body);
    }
}

fn count(store: &mut Store, sql: &str, params: &[Value]) -> i64 {
    store.query_one(sql, params).unwrap().i64(0).unwrap()
}

/// What must hold after any crash: readable, and scan #1 (and every landed scan) whole.
fn check_intact(loc: &Location, baseline: i64) {
    let mut s = Store::open(loc).expect("the register opens after a crash");
    if let Location::Sqlite(_) = loc {
        let ok = s.query_one("PRAGMA integrity_check", &[]).unwrap();
        assert_eq!(ok.text(0).unwrap(), "ok");
    }
    let first = count(
        &mut s,
        "SELECT COUNT(*) FROM finding_scans WHERE scan_id = 1",
        &[],
    );
    assert_eq!(first, baseline, "scan #1's findings are intact");
    let findings_total = count(&mut s, "SELECT COUNT(*) FROM findings", &[]);
    assert!(findings_total >= baseline);
    // Every scan that landed landed whole: its row's total equals the findings it saw.
    let scans = s
        .query("SELECT id, findings_total FROM scans", &[])
        .unwrap();
    for r in scans {
        let (id, total) = (r.i64(0).unwrap(), r.i64(1).unwrap());
        let seen = count(
            &mut s,
            "SELECT COUNT(*) FROM finding_scans WHERE scan_id = ?",
            &[Value::Int(id)],
        );
        assert_eq!(seen, total, "scan #{id} is complete");
    }
    // Every finding has its first history entry.
    let orphans = count(
        &mut s,
        "SELECT COUNT(*) FROM findings f WHERE NOT EXISTS \
         (SELECT 1 FROM history h WHERE h.finding_id = f.id)",
        &[],
    );
    assert_eq!(orphans, 0);
}

fn crash_runs(loc: &Location, url: Option<&str>) {
    let repo = tempfile::tempdir().unwrap();
    let d = repo.path();
    plant(d, FILES, 0);
    let started = Instant::now();
    let first = rampart_cmd(d, url, &["scan", "--record", "--no-progress", "-q"])
        .output()
        .unwrap();
    assert!(
        matches!(first.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let full = started.elapsed();
    let mut s = Store::open(loc).unwrap();
    let baseline = count(
        &mut s,
        "SELECT COUNT(*) FROM finding_scans WHERE scan_id = 1",
        &[],
    );
    drop(s);
    assert_eq!(baseline, FILES as i64 * 20);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut rng = Lcg(seed);
    // Kill points spread over a run (the scan, then the recording transaction); a run that
    // finishes first narrows the window, so at least 20 runs are killed mid-flight.
    let mut window = (full.as_millis() as u64 * 9 / 10).max(20);
    let (mut killed, mut runs) = (0, 0);
    while killed < 20 {
        runs += 1;
        assert!(
            runs <= 80,
            "only {killed} of {runs} runs were killed mid-flight (seed {seed})"
        );
        plant(d, FILES, runs);
        let mut child = rampart_cmd(d, url, &["scan", "--record", "--no-progress", "-q"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.next(window)));
        // SAFETY: signalling our own child process by its id.
        let r = unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        let status = child.wait().unwrap();
        if r == 0 && status.code().is_none() {
            killed += 1;
        } else {
            window = (window * 7 / 10).max(5);
        }
        check_intact(loc, baseline);
    }
    eprintln!("crash test (seed {seed}): {killed} of {runs} runs killed mid-flight");

    // After all that, a normal recorded scan works and sees the current files.
    let out = rampart_cmd(d, url, &["scan", "--record", "--no-progress", "-q"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)));
    check_intact(loc, baseline);

    // Two recording scans at once: both land.
    let mut s = Store::open(loc).unwrap();
    let before = count(&mut s, "SELECT COUNT(*) FROM scans", &[]);
    drop(s);
    let a = rampart_cmd(d, url, &["scan", "--record", "--no-progress", "-q"])
        .spawn()
        .unwrap();
    let b = rampart_cmd(
        d,
        url,
        &["scan", "--record", "--no-progress", "-q", "src/m1"],
    )
    .spawn()
    .unwrap();
    for c in [a, b] {
        let out = c.wait_with_output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut s = Store::open(loc).unwrap();
    assert_eq!(count(&mut s, "SELECT COUNT(*) FROM scans", &[]), before + 2);
    check_intact(loc, baseline);
}

#[test]
fn killed_recording_scans_never_corrupt_or_lose_the_register_sqlite() {
    let repo_db = tempfile::tempdir().unwrap();
    let db = repo_db.path().join("register.db");
    crash_runs(&Location::Sqlite(db.clone()), Some(db.to_str().unwrap()));
}

#[test]
fn killed_recording_scans_never_corrupt_or_lose_the_register_postgres() {
    let Some(pg) = postgres_database("crash safety") else {
        return;
    };
    crash_runs(&Location::Postgres(pg.url.clone()), Some(&pg.url));
}
