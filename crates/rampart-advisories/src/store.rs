//! The advisory store: one SQLite file with the records' matching data indexed by
//! (ecosystem, package name), so a scan opens it and looks a package up in well under a
//! millisecond without loading the whole database.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::osv::{Affected, Osv, SeverityScore, base_ecosystem, normalize_name};
use crate::{DbError, now_rfc3339};

/// 2: `vulns_group` index, for a vulnerability's severity across all its records;
/// `affected.canonical`, the canonical spellings of each entry's `versions[]`.
const SCHEMA_VERSION: &str = "2";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    snapshot TEXT,
    records INTEGER NOT NULL,
    withdrawn INTEGER NOT NULL,
    errors INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vulns(
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL,
    modified TEXT NOT NULL,
    published TEXT,
    summary TEXT NOT NULL,
    aliases TEXT NOT NULL,
    severity TEXT NOT NULL,
    severity_label TEXT,
    source INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS affected(
    vuln_id TEXT NOT NULL,
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    -- JSON array: `versions[]` in canonical spelling (rampart_versions::Version::canonical),
    -- computed at import so a scan never parses the hundreds of versions PyPI records list.
    canonical TEXT
);
CREATE INDEX IF NOT EXISTS affected_pkg ON affected(ecosystem, name);
CREATE INDEX IF NOT EXISTS affected_vuln ON affected(vuln_id);
CREATE INDEX IF NOT EXISTS vulns_group ON vulns(group_id);
";

/// One advisory as a lookup returns it: only the `affected[]` entries of the looked-up package.
#[derive(Debug, Clone, PartialEq)]
pub struct Advisory {
    pub id: String,
    /// The id shared by every record of the same vulnerability (see [`Db::regroup`]).
    pub group: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub severity: Vec<SeverityScore>,
    pub severity_label: Option<String>,
    pub affected: Vec<Affected>,
    /// Per `affected` entry: its `versions[]` in canonical spelling, as computed at import
    /// (`None` for rows written before that column existed).
    pub canonical_versions: Vec<Option<Vec<String>>>,
}

/// What one import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub location: String,
    pub kind: String,
    pub sha256: String,
    pub records: usize,
    pub withdrawn: usize,
    pub errors: Vec<ImportError>,
    /// The newest `modified` time among the records: how current the data is.
    pub snapshot: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub location: String,
    pub kind: String,
    pub sha256: String,
    pub imported_at: String,
    pub snapshot: Option<String>,
    pub records: u64,
    pub withdrawn: u64,
    pub errors: u64,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub path: PathBuf,
    pub size_bytes: u64,
    pub records: u64,
    /// Distinct vulnerabilities once aliases are grouped.
    pub vulnerabilities: u64,
    pub per_ecosystem: Vec<(String, u64)>,
    pub sources: Vec<SourceInfo>,
}

pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Opens the database for a scan: read-only, never modified, never updated.
    pub fn open_read_only(path: &Path) -> Result<Db, DbError> {
        if !path.is_file() {
            return Err(DbError::Missing(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| DbError::Sql(path.to_path_buf(), e))?;
        // A scan runs the same lookup thousands of times with new bindings. Without the query
        // planner stability guarantee, SQLite (built with STAT4) re-prepares the statement on
        // every new binding in case another plan fits the value better: that re-parse was half
        // of a 2,000-package scan. The one plan (the (ecosystem, name) index) fits every value.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(|e| DbError::Sql(path.to_path_buf(), e))?;
        let db = Db {
            conn,
            path: path.to_path_buf(),
        };
        let version: Option<String> = db
            .conn
            .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| db.sql(e))?;
        if version.as_deref() != Some(SCHEMA_VERSION) {
            return Err(DbError::Schema(path.to_path_buf()));
        }
        Ok(db)
    }

    /// Opens (or creates) the database for `db import` / `db update`.
    pub fn open_for_write(path: &Path) -> Result<Db, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| DbError::Io(dir.to_path_buf(), e))?;
        }
        let conn = Connection::open(path).map_err(|e| DbError::Sql(path.to_path_buf(), e))?;
        let db = Db {
            conn,
            path: path.to_path_buf(),
        };
        let old: Option<String> = db
            .conn
            .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .unwrap_or(None);
        if old.as_deref() == Some("1") {
            // Schema 1 → 2: rows keep a NULL `canonical`, which a scan computes itself.
            db.conn
                .execute_batch("ALTER TABLE affected ADD COLUMN canonical TEXT")
                .map_err(|e| db.sql(e))?;
        }
        db.conn.execute_batch(SCHEMA).map_err(|e| db.sql(e))?;
        db.conn
            .execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?1)",
                [SCHEMA_VERSION],
            )
            .map_err(|e| db.sql(e))?;
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, e: rusqlite::Error) -> DbError {
        DbError::Sql(self.path.clone(), e)
    }

    /// Stores parsed records (one transaction), then regroups aliases.
    pub fn store(
        &mut self,
        mut report: ImportReport,
        records: Vec<Osv>,
    ) -> Result<ImportReport, DbError> {
        let path = self.path.clone();
        let sql = |e| DbError::Sql(path.clone(), e);
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute(
            "INSERT INTO sources(location, kind, sha256, imported_at, snapshot, records, withdrawn, errors) VALUES (?1, ?2, ?3, ?4, NULL, 0, 0, 0)",
            params![report.location, report.kind, report.sha256, now_rfc3339()],
        )
        .map_err(sql)?;
        let source = tx.last_insert_rowid();
        {
            let mut del_v = tx.prepare("DELETE FROM vulns WHERE id = ?1").map_err(sql)?;
            let mut del_a = tx
                .prepare("DELETE FROM affected WHERE vuln_id = ?1")
                .map_err(sql)?;
            let mut ins_v = tx
                .prepare(
                    "INSERT INTO vulns(id, group_id, modified, published, summary, aliases, severity, severity_label, source) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql)?;
            let mut ins_a = tx
                .prepare(
                    "INSERT INTO affected(vuln_id, ecosystem, name, data, canonical) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(sql)?;
            for r in &records {
                del_v.execute([&r.id]).map_err(sql)?;
                del_a.execute([&r.id]).map_err(sql)?;
                if r.withdrawn.is_some() {
                    report.withdrawn += 1;
                    continue;
                }
                report.records += 1;
                if report
                    .snapshot
                    .as_deref()
                    .is_none_or(|s| s < r.modified.as_str())
                {
                    report.snapshot = Some(r.modified.clone());
                }
                let json = |v: &dyn erased::Ser| v.to_json();
                ins_v
                    .execute(params![
                        r.id,
                        r.modified,
                        r.published,
                        summary_of(r),
                        json(&r.aliases),
                        json(&r.severity),
                        r.severity_label(),
                        source
                    ])
                    .map_err(sql)?;
                for a in &r.affected {
                    let Some(pkg) = &a.package else { continue };
                    let eco = base_ecosystem(&pkg.ecosystem);
                    let stored = Affected {
                        package: None,
                        ..a.clone()
                    };
                    let canonical = crate::matching::canonical_versions(eco, &a.versions);
                    ins_a
                        .execute(params![
                            r.id,
                            eco,
                            normalize_name(eco, &pkg.name),
                            json(&stored),
                            json(&canonical)
                        ])
                        .map_err(sql)?;
                }
            }
        }
        tx.execute(
            "UPDATE sources SET snapshot = ?1, records = ?2, withdrawn = ?3, errors = ?4 WHERE id = ?5",
            params![
                report.snapshot,
                report.records as i64,
                report.withdrawn as i64,
                report.errors.len() as i64,
                source
            ],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        self.regroup()?;
        Ok(report)
    }

    /// Groups records that name each other (id or aliases: CVE, GHSA, PYSEC, RUSTSEC, GO …)
    /// into one vulnerability. The group's id is its smallest CVE id if it has one (the id most
    /// sources share, so it stays put when another database is imported), else its smallest
    /// id.
    pub fn regroup(&mut self) -> Result<(), DbError> {
        let path = self.path.clone();
        let sql = |e| DbError::Sql(path.clone(), e);
        let rows: Vec<(String, String)> = {
            let mut st = self
                .conn
                .prepare("SELECT id, aliases FROM vulns")
                .map_err(sql)?;
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql)?
                .collect::<Result<_, _>>()
                .map_err(sql)?
        };
        let mut uf = UnionFind::default();
        for (id, aliases) in &rows {
            let a = uf.index(id);
            for alias in serde_json::from_str::<Vec<String>>(aliases).unwrap_or_default() {
                let b = uf.index(&alias);
                uf.union(a, b);
            }
        }
        let mut best: HashMap<usize, String> = HashMap::new();
        for (name, i) in uf.names.clone() {
            let root = uf.find(i);
            let slot = best.entry(root).or_insert_with(|| name.clone());
            if group_rank(&name) < group_rank(slot) {
                *slot = name;
            }
        }
        let tx = self.conn.transaction().map_err(sql)?;
        {
            let mut up = tx
                .prepare("UPDATE vulns SET group_id = ?1 WHERE id = ?2")
                .map_err(sql)?;
            for (id, _) in &rows {
                let i = uf.index(id);
                let root = uf.find(i);
                up.execute(params![best[&root], id]).map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)
    }

    /// Every advisory that names this package, with only that package's `affected[]` entries.
    pub fn lookup(&self, ecosystem: &str, name: &str) -> Result<Vec<Advisory>, DbError> {
        let eco = base_ecosystem(ecosystem);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT v.id, v.group_id, v.aliases, v.summary, v.severity, v.severity_label, a.data, a.canonical
                 FROM affected a JOIN vulns v ON v.id = a.vuln_id
                 WHERE a.ecosystem = ?1 AND a.name = ?2 ORDER BY v.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map(params![eco, normalize_name(eco, name)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut out: Vec<Advisory> = Vec::new();
        for row in rows {
            let (id, group, aliases, summary, severity, label, data, canonical) =
                row.map_err(|e| self.sql(e))?;
            let affected: Affected = serde_json::from_str(&data)
                .map_err(|e| DbError::Corrupt(self.path.clone(), format!("{id}: {e}")))?;
            let canonical: Option<Vec<String>> =
                canonical.and_then(|c| serde_json::from_str(&c).ok());
            if let Some(last) = out.last_mut().filter(|a| a.id == id) {
                last.affected.push(affected);
                last.canonical_versions.push(canonical);
                continue;
            }
            out.push(Advisory {
                id,
                group,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                summary,
                severity: serde_json::from_str(&severity).unwrap_or_default(),
                severity_label: label,
                affected: vec![affected],
                canonical_versions: vec![canonical],
            });
        }
        Ok(out)
    }

    /// The severity data of every record of one vulnerability (alias group), whichever
    /// packages they name: a record that carries no score (Go vulndb, most PyPA records) takes
    /// the score of an alias record such as GitHub's GHSA when the database holds it.
    pub fn group_severity(
        &self,
        group: &str,
    ) -> Result<(Vec<SeverityScore>, Vec<String>), DbError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT severity, severity_label FROM vulns WHERE group_id = ?1")
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map([group], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .map_err(|e| self.sql(e))?;
        let (mut scores, mut labels) = (Vec::new(), Vec::new());
        for row in rows {
            let (severity, label) = row.map_err(|e| self.sql(e))?;
            scores
                .extend(serde_json::from_str::<Vec<SeverityScore>>(&severity).unwrap_or_default());
            labels.extend(label);
        }
        Ok((scores, labels))
    }

    pub fn status(&self) -> Result<Status, DbError> {
        let q1 = |q: &str| -> Result<u64, DbError> {
            self.conn
                .query_row(q, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(|e| self.sql(e))
        };
        let records = q1("SELECT COUNT(*) FROM vulns")?;
        let vulnerabilities = q1("SELECT COUNT(DISTINCT group_id) FROM vulns")?;
        let mut st = self
            .conn
            .prepare("SELECT ecosystem, COUNT(DISTINCT vuln_id) FROM affected GROUP BY ecosystem ORDER BY ecosystem")
            .map_err(|e| self.sql(e))?;
        let per_ecosystem = st
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql(e))?;
        let mut st = self
            .conn
            .prepare("SELECT location, kind, sha256, imported_at, snapshot, records, withdrawn, errors FROM sources ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let sources = st
            .query_map([], |r| {
                Ok(SourceInfo {
                    location: r.get(0)?,
                    kind: r.get(1)?,
                    sha256: r.get(2)?,
                    imported_at: r.get(3)?,
                    snapshot: r.get(4)?,
                    records: r.get::<_, i64>(5)? as u64,
                    withdrawn: r.get::<_, i64>(6)? as u64,
                    errors: r.get::<_, i64>(7)? as u64,
                })
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql(e))?;
        let size_bytes = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        Ok(Status {
            path: self.path.clone(),
            size_bytes,
            records,
            vulnerabilities,
            per_ecosystem,
            sources,
        })
    }
}

/// CVE ids first, then everything else; ties by id.
fn group_rank(id: &str) -> (bool, &str) {
    (!id.starts_with("CVE-"), id)
}

fn summary_of(r: &Osv) -> String {
    if let Some(s) = r
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return s.to_string();
    }
    let first = r
        .details
        .as_deref()
        .unwrap_or("")
        .split(['\n', '.'])
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut s: String = first.chars().take(160).collect();
    if s.len() < first.len() {
        s.push('…');
    }
    s
}

#[derive(Default)]
struct UnionFind {
    names: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl UnionFind {
    fn index(&mut self, name: &str) -> usize {
        if let Some(&i) = self.names.get(name) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.names.insert(name.to_string(), i);
        i
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

mod erased {
    /// A tiny helper so `store` can serialise differently typed fields to JSON text.
    pub trait Ser {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "null".into())
        }
    }
}
