//! rampart's offline advisory database.
//!
//! * [`osv`]: the OSV record model (JSON, and YAML as the PyPA database keeps it).
//! * [`import`]: `db import` of folders and zips; withdrawn records are dropped.
//! * [`update`]: `db update`, the per-ecosystem OSV exports, downloaded only when asked.
//! * [`Db`]: an indexed SQLite file; a scan opens it read-only and looks packages up by
//!   (ecosystem, name).
//! * [`matching`]: OSV range evaluation with each ecosystem's version order.

pub mod import;
pub mod matching;
pub mod osv;
mod store;
pub mod update;

use std::path::PathBuf;

pub use store::{Advisory, Db, ImportError, ImportReport, SourceInfo, Status};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no advisory database at {0}")]
    Missing(PathBuf),
    #[error(
        "{0}: not a rampart advisory database of this version (run `rampart db import` or `rampart db update` again)"
    )]
    Schema(PathBuf),
    #[error("{0}: {1}")]
    Sql(PathBuf, rusqlite::Error),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: not a readable zip archive: {1}")]
    Archive(PathBuf, String),
    #[error("{0}: corrupt record: {1}")]
    Corrupt(PathBuf, String),
    #[error("cannot download {0}: {1}")]
    Download(String, String),
}

/// Where the database lives unless `--db` says otherwise: `$RAMPART_DB`, else
/// `$XDG_CACHE_HOME/rampart/advisories.db`, else `~/.cache/rampart/advisories.db`.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("RAMPART_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("."));
    cache.join("rampart").join("advisories.db")
}

/// The current UTC time as RFC 3339 (`2026-11-28T03:40:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
