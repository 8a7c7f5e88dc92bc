//! `db update`: downloads OSV's per-ecosystem exports
//! (`https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip`) with the system's
//! `curl` (so rampart carries no TLS stack of its own), keeps a digest of every archive and
//! imports it. It runs only when asked: a scan never downloads anything.

use std::path::Path;
use std::process::Command;

use crate::store::{Db, ImportReport};
use crate::{DbError, import::import_zip};

/// The ecosystems rampart reads lockfiles for.
pub const DEFAULT_ECOSYSTEMS: &[&str] = &[
    "npm",
    "PyPI",
    "crates.io",
    "Go",
    "Maven",
    "RubyGems",
    "Packagist",
    "NuGet",
    "Pub",
    "Hex",
];

pub const EXPORT_BASE: &str = "https://osv-vulnerabilities.storage.googleapis.com";

/// Downloads and imports each ecosystem's export. Stops at the first download that fails.
pub fn update(
    db: &mut Db,
    ecosystems: &[String],
    work: &Path,
) -> Result<Vec<ImportReport>, DbError> {
    let mut reports = Vec::new();
    for eco in ecosystems {
        let url = format!("{EXPORT_BASE}/{eco}/all.zip");
        let dest = work.join(format!("{}.zip", eco.replace(['/', ' '], "_")));
        let out = Command::new("curl")
            .args(["--fail", "--silent", "--show-error", "--location"])
            .args(["--connect-timeout", "15", "--max-time", "900", "--output"])
            .arg(&dest)
            .arg(&url)
            .output()
            .map_err(|e| DbError::Download(url.clone(), format!("cannot run curl: {e}")))?;
        if !out.status.success() {
            return Err(DbError::Download(
                url,
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
        let mut report = import_zip(db, &dest, "download")?;
        report.location = url;
        reports.push(report);
    }
    Ok(reports)
}
