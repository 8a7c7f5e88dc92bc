//! `db import PATH`: a folder (searched recursively) or a zip of OSV records, as JSON or as
//! the PyPA advisory database's YAML. Files are parsed in parallel; a file that does not parse
//! is reported by name (and line) and the rest still load.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::DbError;
use crate::osv::Osv;
use crate::store::{Db, ImportError, ImportReport};

fn is_record_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".json") || lower.ends_with(".yaml") || lower.ends_with(".yml")
}

fn parse_one(name: &str, bytes: &[u8]) -> Result<Osv, ImportError> {
    let lower = name.to_ascii_lowercase();
    let parsed = if lower.ends_with(".json") {
        Osv::from_json(bytes)
    } else {
        Osv::from_yaml(bytes)
    };
    parsed
        .and_then(|r| {
            if r.id.trim().is_empty() {
                Err("record has an empty `id`".to_string())
            } else {
                Ok(r)
            }
        })
        .map_err(|message| ImportError {
            file: name.to_string(),
            message,
        })
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), DbError> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| DbError::Io(dir.to_path_buf(), e))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() && !name.starts_with('.') {
            collect_files(&e.path(), out)?;
        } else if ft.is_file() && is_record_name(&name) {
            out.push(e.path());
        }
    }
    Ok(())
}

/// Parsed records and per-file errors, in file order.
fn parse_all(files: Vec<(String, Vec<u8>)>) -> (Vec<Osv>, Vec<ImportError>) {
    let parsed: Vec<Result<Osv, ImportError>> = files
        .par_iter()
        .map(|(name, bytes)| parse_one(name, bytes))
        .collect();
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for p in parsed {
        match p {
            Ok(r) => records.push(r),
            Err(e) => errors.push(e),
        }
    }
    (records, errors)
}

/// Imports a folder or a zip file into `db`.
pub fn import_path(db: &mut Db, path: &Path) -> Result<ImportReport, DbError> {
    let meta = std::fs::metadata(path).map_err(|e| DbError::Io(path.to_path_buf(), e))?;
    let location = path.display().to_string();
    if meta.is_dir() {
        let mut paths = Vec::new();
        collect_files(path, &mut paths)?;
        let files: Vec<(String, Vec<u8>)> = paths
            .par_iter()
            .map(|p| {
                let rel = p.strip_prefix(path).unwrap_or(p).display().to_string();
                std::fs::read(p)
                    .map(|b| (rel, b))
                    .map_err(|e| DbError::Io(p.clone(), e))
            })
            .collect::<Result<_, _>>()?;
        // The folder's digest: SHA-256 over every record file's path and SHA-256, in order.
        let mut h = Sha256::new();
        for (name, bytes) in &files {
            h.update(name.as_bytes());
            h.update([0]);
            h.update(Sha256::digest(bytes));
        }
        let sha256 = hex::encode(h.finalize());
        let (records, errors) = parse_all(files);
        let report = ImportReport {
            location,
            kind: "folder".into(),
            sha256,
            errors,
            ..Default::default()
        };
        db.store(report, records)
    } else {
        import_zip(db, path, "zip")
    }
}

/// Imports a zip of OSV records (the format of OSV's per-ecosystem `all.zip` exports).
pub fn import_zip(db: &mut Db, path: &Path, kind: &str) -> Result<ImportReport, DbError> {
    let bytes = std::fs::read(path).map_err(|e| DbError::Io(path.to_path_buf(), e))?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes))
        .map_err(|e| DbError::Archive(path.to_path_buf(), e.to_string()))?;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                errors.push(ImportError {
                    file: format!("entry {i}"),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry {i}"));
        if entry.is_dir() || !is_record_name(&name) {
            continue;
        }
        let mut buf = Vec::with_capacity(entry.size().min(1 << 24) as usize);
        match entry.read_to_end(&mut buf) {
            Ok(_) => files.push((name, buf)),
            Err(e) => errors.push(ImportError {
                file: name,
                message: e.to_string(),
            }),
        }
    }
    let (records, mut parse_errors) = parse_all(files);
    errors.append(&mut parse_errors);
    let report = ImportReport {
        location: path.display().to_string(),
        kind: kind.into(),
        sha256,
        errors,
        ..Default::default()
    };
    db.store(report, records)
}
