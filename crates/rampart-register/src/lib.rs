//! The vulnerability register: recorded scans, the finding lifecycle, triage with an
//! append-only history, owners from CODEOWNERS, SLAs, risk, KPIs and OpenVEX — on the
//! database `rampart-store` opens (SQLite or PostgreSQL; the code here does not care which).

pub mod git;
pub mod kpi;
mod model;
pub mod owners;
mod query;
mod record;
pub mod risk;
pub mod time;
mod triage;
pub mod vex;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rampart_engine::{Config, SlaConfig};
use rampart_store::{Row, Store, StoreError, Value};

pub use model::{HistoryEntry, Record, ScanInfo, State};
pub use owners::CodeOwners;
pub use query::{Filter, Sort};
pub use record::{RecordOutcome, ScanMeta};
pub use risk::RiskModel;
pub use triage::{Change, Expired};

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Invalid(String),
    #[error("no finding #{0} in the register")]
    NotFound(i64),
}

pub type Result<T, E = RegisterError> = std::result::Result<T, E>;

/// What the register needs from `rampart.toml` and the repository.
pub struct Settings {
    pub root: PathBuf,
    pub sla: SlaConfig,
    pub risk: RiskModel,
    pub owners: Option<CodeOwners>,
    pub blame: bool,
    pub blame_budget: Duration,
}

impl Settings {
    pub fn from_config(config: &Config, root: &Path) -> Result<Settings> {
        Ok(Settings {
            root: root.to_path_buf(),
            sla: config.sla.clone(),
            risk: RiskModel::new(&config.risk, &config.assets).map_err(RegisterError::Invalid)?,
            owners: CodeOwners::discover(root),
            blame: config.register.blame,
            blame_budget: Duration::from_secs_f64(config.register.blame_budget_secs.max(0.0)),
        })
    }
}

/// An open register: the database, the settings, and who is acting.
pub struct Register {
    pub store: Store,
    pub settings: Settings,
    pub actor: String,
}

/// The actor for history entries: `--actor`, else `RAMPART_ACTOR`, else git's `user.name
/// <user.email>`, else the login name.
pub fn resolve_actor(flag: Option<&str>, dir: &Path) -> String {
    flag.map(str::to_string)
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            std::env::var("RAMPART_ACTOR")
                .ok()
                .filter(|s| !s.trim().is_empty())
        })
        .or_else(|| git::user(dir))
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The findings with their JSON (kept in a table of its own so filters and sorts touch only
/// narrow rows); select [`COLUMNS`] from it.
pub(crate) const FINDINGS_WITH_DATA: &str =
    "findings LEFT JOIN finding_data ON finding_data.finding_id = findings.id";

/// Columns of [`Record`], in the order `record_from_row` reads them.
pub(crate) const COLUMNS: &str = "id, target, fingerprint, rule_id, analyzer, title, severity, \
    confidence, cvss, path, line, advisory, purl, data, state, state_since, reason, \
    justification, owner, owner_source, risk, due_at, first_seen, last_seen, first_scan, \
    last_scan, introduced_at, introduced_commit, fixed_at, verified_at, reopen_count, \
    accepted_until, approver";

impl Register {
    pub fn new(store: Store, settings: Settings, actor: String) -> Register {
        Register {
            store,
            settings,
            actor,
        }
    }

    /// One finding by id.
    pub fn get(&mut self, id: i64) -> Result<Record> {
        let sql = format!("SELECT {COLUMNS} FROM {FINDINGS_WITH_DATA} WHERE id = ?");
        let row = self
            .store
            .query_opt(&sql, &[Value::Int(id)])?
            .ok_or(RegisterError::NotFound(id))?;
        record_from_row(&row, time::now())
    }

    /// A finding's history, oldest first.
    pub fn history(&mut self, id: i64) -> Result<Vec<HistoryEntry>> {
        let rows = self.store.query(
            "SELECT id, finding_id, at, actor, field, old_value, new_value, reason, scan_id \
             FROM history WHERE finding_id = ? ORDER BY id",
            &[Value::Int(id)],
        )?;
        rows.iter()
            .map(|r| {
                Ok(HistoryEntry {
                    id: r.i64(0)?,
                    finding_id: r.i64(1)?,
                    at: time::rfc3339(r.i64(2)?),
                    actor: r.text(3)?,
                    field: r.text(4)?,
                    old: r.opt_text(5),
                    new: r.opt_text(6),
                    reason: r.opt_text(7),
                    scan: r.opt_i64(8),
                })
            })
            .collect()
    }

    /// Recorded scans, newest first.
    pub fn scans(&mut self, limit: i64) -> Result<Vec<ScanInfo>> {
        let rows = self.store.query(
            "SELECT id, target, root, started_at, git_commit, git_branch, git_dirty, analyzers, \
             partial, findings_total, findings_new, findings_reopened, findings_closed \
             FROM scans ORDER BY id DESC LIMIT ?",
            &[Value::Int(limit)],
        )?;
        rows.iter()
            .map(|r| {
                Ok(ScanInfo {
                    id: r.i64(0)?,
                    target: r.text(1)?,
                    root: r.text(2)?,
                    started_at: time::rfc3339(r.i64(3)?),
                    git_commit: r.opt_text(4),
                    git_branch: r.opt_text(5),
                    git_dirty: r.opt_i64(6).map(|d| d != 0),
                    analyzers: split_list(&r.text(7)?),
                    partial: r.i64(8)? != 0,
                    findings_total: r.i64(9)?,
                    findings_new: r.i64(10)?,
                    findings_reopened: r.i64(11)?,
                    findings_closed: r.i64(12)?,
                })
            })
            .collect()
    }

    /// Appends one history entry. The only way history is ever written.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn log(
        store: &mut Store,
        finding: i64,
        at: i64,
        actor: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
        reason: Option<&str>,
        scan: Option<i64>,
    ) -> Result<()> {
        store.execute(
            "INSERT INTO history (finding_id, at, actor, field, old_value, new_value, reason, \
             scan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                Value::Int(finding),
                Value::Int(at),
                actor.into(),
                field.into(),
                old.into(),
                new.into(),
                reason.into(),
                scan.into(),
            ],
        )?;
        Ok(())
    }

    /// Due date for a severity detected at `from`.
    pub fn due(&self, severity: rampart_core::Severity, from: i64) -> Option<i64> {
        self.settings
            .sla
            .days(severity)
            .map(|d| from + d * time::DAY)
    }
}

pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

pub(crate) fn record_from_row(r: &Row, now: i64) -> Result<Record> {
    let ts = |i: usize| r.opt_i64(i).map(time::rfc3339);
    let state = State::parse(&r.text(14)?).map_err(RegisterError::Invalid)?;
    let due_ts = r.opt_i64(21);
    Ok(Record {
        id: r.i64(0)?,
        target: r.text(1)?,
        fingerprint: r.text(2)?,
        rule_id: r.text(3)?,
        analyzer: r.text(4)?,
        title: r.text(5)?,
        severity: r.text(6)?,
        confidence: r.text(7)?,
        cvss: r.opt_f64(8),
        path: r.text(9)?,
        line: r.i64(10)?,
        advisory: r.opt_text(11),
        purl: r.opt_text(12),
        finding: r
            .opt_text(13)
            .and_then(|d| serde_json::from_str(&d).ok())
            .unwrap_or(serde_json::Value::Null),
        state,
        state_since: time::rfc3339(r.i64(15)?),
        state_since_ts: r.i64(15)?,
        reason: r.opt_text(16),
        justification: r.opt_text(17),
        owner: r.opt_text(18),
        owner_source: r.opt_text(19),
        risk: r.f64(20)?,
        due: due_ts.map(time::rfc3339),
        overdue: state.is_open() && due_ts.is_some_and(|d| d < now),
        due_ts,
        first_seen: time::rfc3339(r.i64(22)?),
        first_seen_ts: r.i64(22)?,
        last_seen: time::rfc3339(r.i64(23)?),
        first_scan: r.i64(24)?,
        last_scan: r.i64(25)?,
        introduced_at: ts(26),
        introduced_commit: r.opt_text(27),
        fixed_at: ts(28),
        verified_at: ts(29),
        reopen_count: r.i64(30)?,
        accepted_until: ts(31),
        approver: r.opt_text(32),
    })
}
