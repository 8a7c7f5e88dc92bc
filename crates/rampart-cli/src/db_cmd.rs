//! `rampart db import / update / status`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, anyhow, bail};
use rampart_advisories::{Db, ImportReport, default_db_path, import::import_path, update};

use crate::cli::{DbArg, DbCommand};

pub fn db_path(arg: &DbArg) -> PathBuf {
    arg.db.clone().unwrap_or_else(default_db_path)
}

/// What a user without a database reads: how to get one, online or offline.
pub fn how_to_get_a_database(path: &std::path::Path) -> String {
    format!(
        "no advisory database at {}: dependencies cannot be checked for known vulnerabilities.\n\
         Get one with `rampart db update` (downloads OSV's exports; needs the network), or offline with\n\
         `rampart db import PATH` (a folder or zip of OSV records, e.g. https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip).\n\
         Use --db FILE or RAMPART_DB to point at another database, or --skip sca to scan without it.",
        path.display()
    )
}

pub fn run(cmd: DbCommand) -> Result<ExitCode> {
    match cmd {
        DbCommand::Import { paths, db } => import(&paths, &db),
        DbCommand::Update { ecosystem, db } => update_cmd(ecosystem, &db),
        DbCommand::Status { format, db } => status(&format, &db),
    }
}

fn print_report(r: &ImportReport, secs: f64) -> bool {
    println!(
        "imported {} record(s) from {} ({}) in {secs:.2}s; {} withdrawn skipped; {} error(s); newest record {}; sha256 {}",
        r.records,
        r.location,
        r.kind,
        r.withdrawn,
        r.errors.len(),
        r.snapshot.as_deref().unwrap_or("-"),
        r.sha256
    );
    for e in r.errors.iter().take(20) {
        eprintln!("error: {}: {}", e.file, e.message);
    }
    if r.errors.len() > 20 {
        eprintln!("error: … and {} more", r.errors.len() - 20);
    }
    r.errors.is_empty()
}

fn import(paths: &[PathBuf], arg: &DbArg) -> Result<ExitCode> {
    let path = db_path(arg);
    let mut db = Db::open_for_write(&path)?;
    let mut ok = true;
    let started = Instant::now();
    for p in paths {
        let t = Instant::now();
        let report = import_path(&mut db, p)?;
        ok &= print_report(&report, t.elapsed().as_secs_f64());
    }
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "database {} ({:.1} MB) ready in {:.2}s",
        path.display(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn update_cmd(ecosystems: Vec<String>, arg: &DbArg) -> Result<ExitCode> {
    let path = db_path(arg);
    let ecosystems = if ecosystems.is_empty() {
        update::DEFAULT_ECOSYSTEMS
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        ecosystems
    };
    let work = tempfile_dir()?;
    let mut db = Db::open_for_write(&path)?;
    let result = update::update(&mut db, &ecosystems, &work);
    let _ = std::fs::remove_dir_all(&work);
    let reports = result.map_err(|e| {
        anyhow!(
            "{e}\nrampart db update needs network access to {}. Offline, download the zips elsewhere and run `rampart db import FILE.zip`.",
            update::EXPORT_BASE
        )
    })?;
    let mut ok = true;
    for r in &reports {
        ok &= print_report(r, 0.0);
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("rampart-db-update-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn status(format: &str, arg: &DbArg) -> Result<ExitCode> {
    let path = db_path(arg);
    if !path.is_file() {
        eprintln!("{}", how_to_get_a_database(&path));
        return Ok(ExitCode::from(2));
    }
    let db = Db::open_read_only(&path)?;
    let s = db.status()?;
    match format {
        "json" => {
            let v = serde_json::json!({
                "path": s.path.display().to_string(),
                "size_bytes": s.size_bytes,
                "records": s.records,
                "vulnerabilities": s.vulnerabilities,
                "ecosystems": s.per_ecosystem.iter().map(|(e, n)| serde_json::json!({"ecosystem": e, "records": n})).collect::<Vec<_>>(),
                "sources": s.sources.iter().map(|x| serde_json::json!({
                    "location": x.location, "kind": x.kind, "sha256": x.sha256,
                    "imported_at": x.imported_at, "snapshot": x.snapshot,
                    "records": x.records, "withdrawn": x.withdrawn, "errors": x.errors,
                })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        "table" => {
            println!(
                "advisory database {} ({:.1} MB)",
                s.path.display(),
                s.size_bytes as f64 / 1e6
            );
            println!(
                "{} record(s), {} vulnerabilit(ies) once aliases are grouped",
                s.records, s.vulnerabilities
            );
            println!("records per ecosystem:");
            for (e, n) in &s.per_ecosystem {
                println!("  {e:<12} {n:>7}");
            }
            println!("sources (oldest first):");
            for x in &s.sources {
                println!(
                    "  {} {} {}: {} record(s), {} withdrawn, {} error(s), newest record {}, sha256 {}",
                    x.imported_at,
                    x.kind,
                    x.location,
                    x.records,
                    x.withdrawn,
                    x.errors,
                    x.snapshot.as_deref().unwrap_or("-"),
                    x.sha256
                );
            }
        }
        other => bail!("unknown format `{other}` (table or json)"),
    }
    Ok(ExitCode::SUCCESS)
}
