//! The register's database: embedded SQLite (one file, the default) or PostgreSQL, behind one
//! small synchronous API. Both run the same schema (`migrations/`, applied automatically on
//! open) and the same SQL: statements are written with `?` placeholders in the subset both
//! dialects share, and rewritten to `$1, $2 …` for PostgreSQL.
//!
//! Crash safety: SQLite runs in WAL mode and every write goes through [`Store::transaction`],
//! so a process killed at any point leaves either the whole transaction or none of it.
//! Writers that must not interleave (recording a scan, migrating) take
//! [`Store::exclusive_transaction`]: `BEGIN IMMEDIATE` on SQLite, a transaction-scoped advisory
//! lock on PostgreSQL.

mod migrate;
pub mod testing;
mod value;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use migrate::{MIGRATIONS, Migration};
pub use value::{Row, Value};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("SQLite database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    #[error("database: {0}")]
    Data(String),
    #[error("migration {version} ({name}): {message}")]
    Migration {
        version: i64,
        name: &'static str,
        message: String,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Where the register lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgres://…` / `postgresql://…` is a server; `sqlite://PATH` or anything else a file.
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_string())
        } else {
            let path = text.strip_prefix("sqlite://").unwrap_or(text);
            Location::Sqlite(PathBuf::from(path))
        }
    }

    /// For messages: the file, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => redact_url(url),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let Some(at) = rest.find('@') else {
        return url.to_string();
    };
    let userinfo = &rest[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &userinfo[..colon],
            &rest[at..]
        ),
        None => url.to_string(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

enum Conn {
    Sqlite {
        conn: rusqlite::Connection,
        path: PathBuf,
    },
    Postgres {
        client: Box<postgres::Client>,
        statements: HashMap<String, postgres::Statement>,
    },
}

/// An open register database with its schema up to date.
pub struct Store {
    conn: Conn,
    in_transaction: bool,
}

/// Arbitrary but fixed: the advisory lock that serialises writers on PostgreSQL.
const PG_WRITER_LOCK: i64 = 0x0072_616d_7061_7274;

impl Store {
    pub fn open(location: &Location) -> Result<Store> {
        Store::open_with_migrations(location, MIGRATIONS.len())
    }

    /// Opens a register applying only the first `count` migrations: a database as an older
    /// rampart left it, for upgrade tests.
    #[doc(hidden)]
    pub fn open_with_migrations(location: &Location, count: usize) -> Result<Store> {
        let mut store = match location {
            Location::Sqlite(path) => Store::connect_sqlite(path)?,
            Location::Postgres(url) => Store::connect_postgres(url)?,
        };
        migrate::run(&mut store, &MIGRATIONS[..count.min(MIGRATIONS.len())])?;
        Ok(store)
    }

    /// Opens (creating it and its folder if needed) a SQLite register and migrates it.
    pub fn open_sqlite(path: &Path) -> Result<Store> {
        Store::open(&Location::Sqlite(path.to_path_buf()))
    }

    fn connect_sqlite(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let err = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = rusqlite::Connection::open(path).map_err(err)?;
        // A concurrent writer holds the lock for the length of one recorded scan.
        conn.busy_timeout(Duration::from_secs(120)).map_err(err)?;
        // WAL: readers never block the writer, and a killed writer's partial transaction is
        // simply not in the log. synchronous=NORMAL is durable against process crashes (the
        // crash model here); FULL would add an fsync per commit for power loss.
        set_wal(&conn).map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        // Bulk recording touches many index pages: a 64 MiB page cache instead of 2 MiB.
        conn.pragma_update(None, "cache_size", "-65536")
            .map_err(err)?;
        conn.pragma_update(None, "temp_store", "MEMORY")
            .map_err(err)?;
        // LIKE is case-sensitive on PostgreSQL; make it so here too (and index-friendly).
        conn.pragma_update(None, "case_sensitive_like", "ON")
            .map_err(err)?;
        conn.set_prepared_statement_cache_capacity(128);
        Ok(Store {
            conn: Conn::Sqlite {
                conn,
                path: path.to_path_buf(),
            },
            in_transaction: false,
        })
    }

    /// Connects to a PostgreSQL register (no TLS: a local or tunnelled server) and migrates it.
    pub fn open_postgres(url: &str) -> Result<Store> {
        Store::open(&Location::Postgres(url.to_string()))
    }

    fn connect_postgres(url: &str) -> Result<Store> {
        let client = postgres::Client::connect(url, postgres::NoTls)
            .map_err(|e| StoreError::Postgres(format!("{}: {}", redact_url(url), pg_text(&e))))?;
        let mut store = Store {
            conn: Conn::Postgres {
                client: Box::new(client),
                statements: HashMap::new(),
            },
            in_transaction: false,
        };
        store.execute_batch("SET client_min_messages = WARNING")?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        match self.conn {
            Conn::Sqlite { .. } => Backend::Sqlite,
            Conn::Postgres { .. } => Backend::Postgres,
        }
    }

    /// Runs one statement; returns the number of rows changed.
    pub fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        match &mut self.conn {
            Conn::Sqlite { conn, path } => {
                let mut stmt = conn.prepare_cached(sql).map_err(|e| sqlite_err(path, e))?;
                let n = stmt
                    .execute(rusqlite::params_from_iter(params.iter()))
                    .map_err(|e| sqlite_err(path, e))?;
                Ok(n as u64)
            }
            Conn::Postgres { client, statements } => {
                let stmt = pg_prepare(client, statements, sql)?;
                let refs = pg_params(params);
                client
                    .execute(&stmt, &refs)
                    .map_err(|e| StoreError::Postgres(pg_text(&e)))
            }
        }
    }

    /// Runs a query and returns every row.
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        match &mut self.conn {
            Conn::Sqlite { conn, path } => {
                let mut stmt = conn.prepare_cached(sql).map_err(|e| sqlite_err(path, e))?;
                let width = stmt.column_count();
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(params.iter()))
                    .map_err(|e| sqlite_err(path, e))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next().map_err(|e| sqlite_err(path, e))? {
                    out.push(value::sqlite_row(row, width).map_err(|e| sqlite_err(path, e))?);
                }
                Ok(out)
            }
            Conn::Postgres { client, statements } => {
                let stmt = pg_prepare(client, statements, sql)?;
                let refs = pg_params(params);
                let rows = client
                    .query(&stmt, &refs)
                    .map_err(|e| StoreError::Postgres(pg_text(&e)))?;
                rows.iter().map(value::pg_row).collect()
            }
        }
    }

    /// The first row, if any.
    pub fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Exactly one row (an aggregate, an `INSERT … RETURNING`).
    pub fn query_one(&mut self, sql: &str, params: &[Value]) -> Result<Row> {
        self.query_opt(sql, params)?
            .ok_or_else(|| StoreError::Data(format!("no row returned by `{sql}`")))
    }

    /// Several statements without parameters (migrations).
    pub fn execute_batch(&mut self, sql: &str) -> Result<()> {
        match &mut self.conn {
            Conn::Sqlite { conn, path } => conn.execute_batch(sql).map_err(|e| sqlite_err(path, e)),
            Conn::Postgres { client, .. } => client
                .batch_execute(sql)
                .map_err(|e| StoreError::Postgres(pg_text(&e))),
        }
    }

    /// Runs `f` in a transaction: committed when it returns `Ok`, rolled back otherwise.
    pub fn transaction<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction_with(false, f)
    }

    /// Like [`Store::transaction`], and no other exclusive writer runs at the same time.
    pub fn exclusive_transaction<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction_with(true, f)
    }

    fn transaction_with<T, E: From<StoreError>>(
        &mut self,
        exclusive: bool,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        if self.in_transaction {
            return f(self);
        }
        match self.backend() {
            // IMMEDIATE takes the write lock up front: two writers never both read and then
            // fail to upgrade (SQLITE_BUSY without waiting).
            Backend::Sqlite => self.execute_batch("BEGIN IMMEDIATE")?,
            Backend::Postgres => {
                self.execute_batch("BEGIN")?;
                if exclusive {
                    self.query(
                        "SELECT pg_advisory_xact_lock(?)",
                        &[Value::Int(PG_WRITER_LOCK)],
                    )?;
                }
            }
        }
        self.in_transaction = true;
        let out = f(self);
        self.in_transaction = false;
        match out {
            Ok(v) => {
                self.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                // The original error matters more than a failed rollback.
                let _ = self.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Refreshes the query planner's statistics after a bulk change, so filtered lists pick
    /// the right index (SQLite has none until told; PostgreSQL's autovacuum keeps its own).
    pub fn optimize(&mut self) -> Result<()> {
        match self.backend() {
            Backend::Sqlite => {
                self.execute_batch("PRAGMA analysis_limit = 2000; PRAGMA optimize = 0x10002;")
            }
            Backend::Postgres => Ok(()),
        }
    }

    /// The verb for a multi-row `INSERT` whose rows cannot conflict (the caller checked) inside
    /// a transaction that is rolled back whole on any error. On SQLite `OR FAIL`: with the
    /// default `ABORT`, a multi-row statement keeps a statement journal (a copy of every page
    /// it touches, to undo just that statement), which cost a third of recording time.
    pub fn bulk_insert(&self) -> &'static str {
        match self.backend() {
            Backend::Sqlite => "INSERT OR FAIL",
            Backend::Postgres => "INSERT",
        }
    }

    /// The schema version the database is at.
    pub fn schema_version(&mut self) -> Result<i64> {
        let row = self.query_one("SELECT MAX(version) FROM schema_migrations", &[])?;
        Ok(row.opt_i64(0).unwrap_or(0))
    }
}

fn sqlite_err(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// The server's message and detail, not just "db error".
fn pg_text(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{} ({d})", db.message()),
            None => db.message().to_string(),
        },
        None => e.to_string(),
    }
}

fn pg_prepare(
    client: &mut postgres::Client,
    statements: &mut HashMap<String, postgres::Statement>,
    sql: &str,
) -> Result<postgres::Statement> {
    if let Some(s) = statements.get(sql) {
        return Ok(s.clone());
    }
    let stmt = client
        .prepare(&numbered_placeholders(sql))
        .map_err(|e| StoreError::Postgres(format!("{} in `{sql}`", pg_text(&e))))?;
    statements.insert(sql.to_string(), stmt.clone());
    Ok(stmt)
}

fn pg_params(params: &[Value]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// `n` copies of a row template such as `(?, ?, 0)`, comma-separated: the VALUES list of a
/// multi-row INSERT (one statement per batch instead of one per row).
pub fn rows_sql(n: usize, row: &str) -> String {
    let mut out = String::with_capacity(n * (row.len() + 2));
    for i in 0..n {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(row);
    }
    out
}

/// `?` → `$1, $2 …`, leaving string literals and quoted identifiers alone.
pub fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

/// Switches a SQLite database to WAL. Changing the journal mode needs an exclusive lock, and
/// SQLite answers "database is locked" at once (without the busy handler) while another
/// connection opens the same new file: retry for a bounded time.
fn set_wal(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let mut attempts = 0;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && attempts < 500 =>
            {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_outside_literals() {
        assert_eq!(
            numbered_placeholders("SELECT ? WHERE a = '?' AND b = ?"),
            "SELECT $1 WHERE a = '?' AND b = $2"
        );
    }

    #[test]
    fn rows_are_repeated() {
        assert_eq!(rows_sql(2, "(?, 0)"), "(?, 0), (?, 0)");
        assert_eq!(rows_sql(0, "(?)"), "");
    }

    #[test]
    fn urls_lose_their_password() {
        assert_eq!(
            redact_url("postgres://u:pw@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn sqlite_opens_migrates_and_rolls_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/r.db");
        let mut s = Store::open_sqlite(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let r: Result<(), StoreError> = s.transaction(|s| {
            s.execute(
                "INSERT INTO history (finding_id, at, actor, field) VALUES (?, ?, ?, ?)",
                &[Value::Int(1), Value::Int(2), "a".into(), "state".into()],
            )?;
            Err(StoreError::Data("boom".into()))
        });
        assert!(r.is_err());
        let n = s.query_one("SELECT COUNT(*) FROM history", &[]).unwrap();
        assert_eq!(n.i64(0).unwrap(), 0);
        // Reopening does not migrate twice.
        drop(s);
        let mut s = Store::open_sqlite(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn history_is_append_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_sqlite(&dir.path().join("r.db")).unwrap();
        s.execute(
            "INSERT INTO history (finding_id, at, actor, field) VALUES (?, ?, ?, ?)",
            &[Value::Int(1), Value::Int(2), "a".into(), "state".into()],
        )
        .unwrap();
        let err = s
            .execute("UPDATE history SET actor = 'b'", &[])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        assert!(s.execute("DELETE FROM history", &[]).is_err());
    }
}
