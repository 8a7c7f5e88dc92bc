//! `rampart scan --record`: one transaction that stores the scan, upserts its findings by
//! fingerprint, reopens regressions and closes (fixed → verified) what a scan that looked for
//! them no longer finds.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use rampart_core::Finding;
use rampart_store::{Store, Value};
use serde::Serialize;

use crate::git::GitState;
use crate::{Register, RegisterError, Result, State, time};

/// Everything about a scan except its findings.
#[derive(Debug, Clone, Default)]
pub struct ScanMeta {
    pub target: String,
    pub root: String,
    pub started_at: i64,
    pub finished_at: i64,
    pub git: GitState,
    pub tool_version: String,
    pub rule_pack: String,
    /// Analyzers that ran: only their findings can be closed by this scan.
    pub analyzers: Vec<String>,
    /// Repository-relative path prefixes scanned; empty = the whole repository.
    pub scope: Vec<String>,
    pub duration_ms: u64,
    pub files_found: u64,
    pub files_scanned: u64,
    /// Files each analyzer analysed.
    pub coverage: BTreeMap<String, u64>,
    /// Files that could not be fully analysed: their findings are not closed.
    pub errored_paths: HashSet<String>,
    /// Fingerprints of findings suppressed in this scan: not closed either (still there).
    pub suppressed: HashSet<String>,
    /// When false, the scan closes nothing (a diff scan).
    pub closes: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RecordOutcome {
    pub scan_id: i64,
    pub total: usize,
    pub new: Vec<i64>,
    pub reopened: Vec<i64>,
    pub closed: Vec<i64>,
}

struct Existing {
    id: i64,
    state: State,
    analyzer: String,
    path: String,
    owner: Option<String>,
    owner_source: Option<String>,
    /// What the finding looked like when last recorded: a re-scan rewrites only what changed.
    described: Described,
}

/// The descriptive columns of a finding, compared on re-sight so unchanged findings cost one
/// batched sighting update and nothing else.
#[derive(Debug, Clone, PartialEq)]
struct Described {
    rule_id: String,
    analyzer: String,
    title: String,
    severity: String,
    confidence: String,
    cvss: Option<f64>,
    path: String,
    line: i64,
    advisory: Option<String>,
    purl: Option<String>,
    risk: f64,
    data_hash: Option<i64>,
}

/// A finding ready to write: everything computed before the transaction starts.
struct Prepared<'a> {
    f: &'a Finding,
    data: String,
    risk: f64,
    owner: Option<String>,
    due: Option<i64>,
    described: Described,
}

/// Rows per multi-row statement: well under SQLite's 32,766 and PostgreSQL's 65,535
/// parameters, large enough that per-statement cost vanishes.
const BATCH: usize = 200;

impl Register {
    pub fn record(&mut self, meta: &ScanMeta, findings: &[Finding]) -> Result<RecordOutcome> {
        let now = meta.finished_at;
        let mut seen_fp = HashSet::new();
        let prepared: Vec<Prepared> = findings
            .iter()
            .filter(|f| seen_fp.insert(f.fingerprint.as_str()))
            .map(|f| self.prepare(f, now))
            .collect::<Result<_>>()?;
        let actor = self.actor.clone();
        let sla = self.settings.sla.clone();
        let outcome = self.store.exclusive_transaction(|s| {
            let scan_id = insert_scan(s, meta, &actor)?;
            let mut existing = load_existing(s, &meta.target)?;
            let mut out = RecordOutcome {
                scan_id,
                total: prepared.len(),
                ..RecordOutcome::default()
            };
            let mut fresh = Vec::new();
            let mut sighted = Vec::new();
            for p in &prepared {
                match existing.remove(&p.f.fingerprint) {
                    None => fresh.push(p),
                    Some(e) => {
                        update_seen(s, &e, p, scan_id, now, &actor)?;
                        if e.state.reopens_when_seen() {
                            let due = sla.days(p.f.severity).map(|d| now + d * time::DAY);
                            reopen(s, &e, scan_id, now, due, &actor)?;
                            out.reopened.push(e.id);
                        }
                        sighted.push(e.id);
                    }
                }
            }
            mark_seen(s, &sighted, scan_id, now)?;
            out.new = insert_findings(s, meta, &fresh, scan_id, now, &actor)?;
            sighted.extend_from_slice(&out.new);
            insert_sightings(s, &sighted, scan_id)?;
            if meta.closes {
                for e in existing.values() {
                    if closable(meta, e) {
                        close(s, e, scan_id, now, &actor, meta)?;
                        out.closed.push(e.id);
                    }
                }
            }
            s.execute(
                "UPDATE scans SET findings_total = ?, findings_new = ?, findings_reopened = ?, \
                 findings_closed = ? WHERE id = ?",
                &[
                    Value::Int(out.total as i64),
                    Value::Int(out.new.len() as i64),
                    Value::Int(out.reopened.len() as i64),
                    Value::Int(out.closed.len() as i64),
                    Value::Int(scan_id),
                ],
            )?;
            out.new.sort_unstable();
            out.closed.sort_unstable();
            Ok::<_, RegisterError>(out)
        })?;
        self.store.optimize()?;
        Ok(outcome)
    }

    fn prepare<'a>(&self, f: &'a Finding, now: i64) -> Result<Prepared<'a>> {
        let owner = self.settings.owners.as_ref().and_then(|o| {
            let owners = o.owners_of(&f.location.path);
            (!owners.is_empty()).then(|| owners.join(" "))
        });
        let data = serde_json::to_string(f)
            .map_err(|e| RegisterError::Invalid(format!("finding {}: {e}", f.fingerprint)))?;
        let risk = self.settings.risk.score(f).score;
        let cvss = f.dependency.as_ref().and_then(|d| d.cvss_score);
        let dep = f.dependency.as_ref();
        let described = Described {
            rule_id: f.rule_id.clone(),
            analyzer: f.analyzer.clone(),
            title: f.title.clone(),
            severity: f.severity.as_str().to_string(),
            confidence: f.confidence.as_str().to_string(),
            cvss,
            path: f.location.path.clone(),
            line: i64::from(f.location.start_line),
            advisory: dep.map(|d| d.advisory.clone()),
            purl: dep.map(|d| d.purl.clone()),
            risk,
            data_hash: Some(fnv1a(data.as_bytes())),
        };
        Ok(Prepared {
            f,
            data,
            risk,
            owner,
            due: self.due(f.severity, now),
            described,
        })
    }

    /// Dates the code behind findings not dated yet (`git blame` of their line, within the
    /// budget): the start of MTTD. Findings from git history carry their commit already.
    pub fn date_introductions(&mut self, target: &str) -> Result<usize> {
        if !self.settings.blame {
            return Ok(0);
        }
        let root = self.settings.root.clone();
        if crate::git::toplevel(&root).is_none() {
            return Ok(0);
        }
        let rows = self.store.query(
            "SELECT id, path, line, first_seen FROM findings \
             WHERE target = ? AND introduced_commit IS NULL AND line > 0 ORDER BY path, id",
            &[target.into()],
        )?;
        let started = Instant::now();
        let mut by_path: BTreeMap<String, Vec<(i64, u32, i64)>> = BTreeMap::new();
        for r in &rows {
            by_path
                .entry(r.text(1)?)
                .or_default()
                .push((r.i64(0)?, r.i64(2)? as u32, r.i64(3)?));
        }
        let mut updates = Vec::new();
        for (path, items) in by_path {
            if started.elapsed() > self.settings.blame_budget {
                break;
            }
            let blamed = crate::git::blame(&root, &path);
            for (id, line, first_seen) in items {
                let origin = blamed.as_ref().and_then(|b| b.get(&line));
                let (at, commit) = match origin {
                    Some(Some(b)) => (b.author_time.min(first_seen), b.commit.clone()),
                    // Not committed when detected: caught before it landed.
                    Some(None) => (first_seen, "uncommitted".to_string()),
                    // Not tracked by git (or the line is gone): nothing to date it by.
                    None => (first_seen, "untracked".to_string()),
                };
                updates.push((id, at, commit));
            }
        }
        let n = updates.len();
        self.store.transaction(|s| {
            for (id, at, commit) in &updates {
                s.execute(
                    "UPDATE findings SET introduced_at = ?, introduced_commit = ? WHERE id = ? \
                     AND introduced_commit IS NULL",
                    &[Value::Int(*at), commit.as_str().into(), Value::Int(*id)],
                )?;
            }
            Ok::<_, RegisterError>(())
        })?;
        Ok(n)
    }
}

fn insert_scan(s: &mut Store, m: &ScanMeta, actor: &str) -> Result<i64> {
    let coverage = serde_json::to_string(&m.coverage).unwrap_or_else(|_| "{}".into());
    let partial = !m.scope.is_empty() || !m.closes;
    let row = s.query_one(
        "INSERT INTO scans (target, root, started_at, finished_at, git_commit, git_branch, \
         git_dirty, tool_version, rule_pack, analyzers, scope, partial, duration_ms, \
         files_found, files_scanned, files_in_repo, coverage, findings_total, findings_new, \
         findings_reopened, findings_closed, actor) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?) RETURNING id",
        &[
            m.target.as_str().into(),
            m.root.as_str().into(),
            Value::Int(m.started_at),
            Value::Int(m.finished_at),
            m.git.commit.clone().into(),
            m.git.branch.clone().into(),
            m.git.dirty.into(),
            m.tool_version.as_str().into(),
            m.rule_pack.as_str().into(),
            m.analyzers.join(",").into(),
            m.scope.join(",").into(),
            partial.into(),
            Value::Int(m.duration_ms as i64),
            Value::Int(m.files_found as i64),
            Value::Int(m.files_scanned as i64),
            m.git.files.map(|n| n as i64).into(),
            coverage.into(),
            Value::Int(0),
            actor.into(),
        ],
    )?;
    Ok(row.i64(0)?)
}

fn load_existing(s: &mut Store, target: &str) -> Result<HashMap<String, Existing>> {
    let rows = s.query(
        "SELECT id, fingerprint, state, analyzer, path, owner, owner_source, rule_id, title, \
         severity, confidence, cvss, line, advisory, purl, risk, data_hash FROM findings \
         WHERE target = ?",
        &[target.into()],
    )?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let described = Described {
            rule_id: r.text(7)?,
            analyzer: r.text(3)?,
            title: r.text(8)?,
            severity: r.text(9)?,
            confidence: r.text(10)?,
            cvss: r.opt_f64(11),
            path: r.text(4)?,
            line: r.i64(12)?,
            advisory: r.opt_text(13),
            purl: r.opt_text(14),
            risk: r.f64(15)?,
            data_hash: r.opt_i64(16),
        };
        out.insert(
            r.text(1)?,
            Existing {
                id: r.i64(0)?,
                state: State::parse(&r.text(2)?).map_err(RegisterError::Invalid)?,
                analyzer: described.analyzer.clone(),
                path: described.path.clone(),
                owner: r.opt_text(5),
                owner_source: r.opt_text(6),
                described,
            },
        );
    }
    Ok(out)
}

/// The columns a new finding is inserted with, in the order of [`new_finding_params`].
const NEW_FINDING_COLUMNS: &str = "target, fingerprint, rule_id, analyzer, title, severity, \
    severity_rank, confidence, cvss, path, line, advisory, purl, data_hash, state, state_since, \
    owner, owner_source, risk, due_at, first_seen, last_seen, first_scan, last_scan, \
    introduced_at, introduced_commit, reopen_count";
const NEW_FINDING_ROW: &str =
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

/// Inserts new findings in batches (row, JSON, first history entry) and returns their ids in
/// the order given.
fn insert_findings(
    s: &mut Store,
    m: &ScanMeta,
    fresh: &[&Prepared],
    scan: i64,
    now: i64,
    actor: &str,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(fresh.len());
    let reason = format!("first detected by scan #{scan}");
    for batch in fresh.chunks(BATCH) {
        let mut params = Vec::with_capacity(batch.len() * 26);
        for p in batch {
            new_finding_params(&mut params, m, p, scan, now);
        }
        let sql = format!(
            "{} INTO findings ({NEW_FINDING_COLUMNS}) VALUES {} RETURNING id, fingerprint",
            s.bulk_insert(),
            rampart_store::rows_sql(batch.len(), NEW_FINDING_ROW)
        );
        // RETURNING order is not promised for a multi-row INSERT: match rows by fingerprint.
        let mut by_fp = HashMap::with_capacity(batch.len());
        for r in s.query(&sql, &params)? {
            by_fp.insert(r.text(1)?, r.i64(0)?);
        }
        let first = ids.len();
        for p in batch {
            let id = by_fp.get(&p.f.fingerprint).copied().ok_or_else(|| {
                RegisterError::Invalid(format!("finding {} was not stored", p.f.fingerprint))
            })?;
            ids.push(id);
        }
        let batch_ids = &ids[first..];
        let mut data = Vec::with_capacity(batch.len() * 2);
        let mut history = Vec::with_capacity(batch.len() * 5);
        for (p, id) in batch.iter().zip(batch_ids) {
            data.extend([Value::Int(*id), p.data.as_str().into()]);
            history.extend([
                Value::Int(*id),
                Value::Int(now),
                actor.into(),
                reason.as_str().into(),
                Value::Int(scan),
            ]);
        }
        s.execute(
            &format!(
                "{} INTO finding_data (finding_id, data) VALUES {}",
                s.bulk_insert(),
                rampart_store::rows_sql(batch.len(), "(?, ?)")
            ),
            &data,
        )?;
        // The first history entry of each: detected, open.
        s.execute(
            &format!(
                "{} INTO history (finding_id, at, actor, field, old_value, new_value, reason, \
                 scan_id) VALUES {}",
                s.bulk_insert(),
                rampart_store::rows_sql(batch.len(), "(?, ?, ?, 'state', NULL, 'open', ?, ?)")
            ),
            &history,
        )?;
    }
    Ok(ids)
}

fn new_finding_params(out: &mut Vec<Value>, m: &ScanMeta, p: &Prepared, scan: i64, now: i64) {
    let f = p.f;
    // Findings from git history know their commit; the rest are dated by blame later.
    let (introduced_at, introduced_commit) = match &f.provenance {
        Some(pv) => (
            time::parse(&pv.date).ok().map(|t| t.min(now)),
            Some(pv.commit.clone()),
        ),
        None => (None, None),
    };
    let d = &p.described;
    out.extend([
        m.target.as_str().into(),
        f.fingerprint.as_str().into(),
        d.rule_id.as_str().into(),
        d.analyzer.as_str().into(),
        d.title.as_str().into(),
        d.severity.as_str().into(),
        Value::Int(severity_rank(f.severity)),
        d.confidence.as_str().into(),
        d.cvss.into(),
        d.path.as_str().into(),
        Value::Int(d.line),
        d.advisory.clone().into(),
        d.purl.clone().into(),
        d.data_hash.into(),
        State::Open.as_str().into(),
        Value::Int(now),
        p.owner.clone().into(),
        p.owner.as_ref().map(|_| "codeowners").into(),
        Value::Real(p.risk),
        p.due.into(),
        Value::Int(now),
        Value::Int(now),
        Value::Int(scan),
        Value::Int(scan),
        introduced_at.into(),
        introduced_commit.into(),
    ]);
}

/// `last_seen`/`last_scan` of findings seen again, in batches.
fn mark_seen(s: &mut Store, ids: &[i64], scan: i64, now: i64) -> Result<()> {
    for batch in ids.chunks(BATCH * 4) {
        let mut params = vec![Value::Int(now), Value::Int(scan)];
        params.extend(batch.iter().map(|id| Value::Int(*id)));
        s.execute(
            &format!(
                "UPDATE findings SET last_seen = ?, last_scan = ? WHERE id IN ({})",
                rampart_store::rows_sql(batch.len(), "?")
            ),
            &params,
        )?;
    }
    Ok(())
}

/// Which scans saw which finding, in batches.
fn insert_sightings(s: &mut Store, ids: &[i64], scan: i64) -> Result<()> {
    for batch in ids.chunks(BATCH * 4) {
        let params: Vec<Value> = batch
            .iter()
            .flat_map(|id| [Value::Int(*id), Value::Int(scan)])
            .collect();
        s.execute(
            &format!(
                "{} INTO finding_scans (finding_id, scan_id) VALUES {}",
                s.bulk_insert(),
                rampart_store::rows_sql(batch.len(), "(?, ?)")
            ),
            &params,
        )?;
    }
    Ok(())
}

/// FNV-1a: a stable 64-bit digest of a finding's JSON (not a security boundary: it only
/// decides whether the stored JSON needs rewriting).
fn fnv1a(bytes: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h as i64
}

pub(crate) fn severity_rank(s: rampart_core::Severity) -> i64 {
    use rampart_core::Severity::*;
    match s {
        Info => 0,
        Low => 1,
        Medium => 2,
        High => 3,
        Critical => 4,
    }
}

/// A finding seen again: its description follows the analyzer (only when it changed; the
/// sighting itself is batched by [`mark_seen`]), its CODEOWNERS default follows the file.
fn update_seen(
    s: &mut Store,
    e: &Existing,
    p: &Prepared,
    scan: i64,
    now: i64,
    actor: &str,
) -> Result<()> {
    let d = &p.described;
    if e.described != *d {
        s.execute(
            "UPDATE findings SET rule_id = ?, analyzer = ?, title = ?, severity = ?, \
             severity_rank = ?, confidence = ?, cvss = ?, path = ?, line = ?, advisory = ?, \
             purl = ?, risk = ?, data_hash = ? WHERE id = ?",
            &[
                d.rule_id.as_str().into(),
                d.analyzer.as_str().into(),
                d.title.as_str().into(),
                d.severity.as_str().into(),
                Value::Int(severity_rank(p.f.severity)),
                d.confidence.as_str().into(),
                d.cvss.into(),
                d.path.as_str().into(),
                Value::Int(d.line),
                d.advisory.clone().into(),
                d.purl.clone().into(),
                Value::Real(d.risk),
                d.data_hash.into(),
                Value::Int(e.id),
            ],
        )?;
        if e.described.data_hash != d.data_hash {
            s.execute(
                "INSERT INTO finding_data (finding_id, data) VALUES (?, ?) \
                 ON CONFLICT (finding_id) DO UPDATE SET data = excluded.data",
                &[Value::Int(e.id), p.data.as_str().into()],
            )?;
        }
    }
    // A person's assignment stands; a CODEOWNERS default follows the file.
    let manual = e.owner_source.as_deref() == Some("manual");
    if !manual && e.owner != p.owner {
        s.execute(
            "UPDATE findings SET owner = ?, owner_source = ? WHERE id = ?",
            &[
                p.owner.clone().into(),
                p.owner.as_ref().map(|_| "codeowners").into(),
                Value::Int(e.id),
            ],
        )?;
        Register::log(
            s,
            e.id,
            now,
            actor,
            "owner",
            e.owner.as_deref(),
            p.owner.as_deref(),
            Some("CODEOWNERS"),
            Some(scan),
        )?;
    }
    Ok(())
}

fn reopen(
    s: &mut Store,
    e: &Existing,
    scan: i64,
    now: i64,
    due: Option<i64>,
    actor: &str,
) -> Result<()> {
    let reason = if e.state == State::Fixed {
        format!("still present in scan #{scan}: the fix did not remove it")
    } else {
        format!("regression: seen again by scan #{scan}")
    };
    s.execute(
        "UPDATE findings SET state = ?, state_since = ?, reason = ?, due_at = ?, \
         reopen_count = reopen_count + 1 WHERE id = ?",
        &[
            State::Reopened.as_str().into(),
            Value::Int(now),
            reason.as_str().into(),
            due.into(),
            Value::Int(e.id),
        ],
    )?;
    Register::log(
        s,
        e.id,
        now,
        actor,
        "state",
        Some(e.state.as_str()),
        Some(State::Reopened.as_str()),
        Some(&reason),
        Some(scan),
    )
}

/// Whether this scan looked where the finding was, with the analyzer that reports it.
fn closable(meta: &ScanMeta, e: &Existing) -> bool {
    e.state.closes_when_absent()
        && meta.analyzers.contains(&e.analyzer)
        && (meta.scope.is_empty()
            || meta.scope.iter().any(|p| {
                e.path == *p || e.path.starts_with(&format!("{}/", p.trim_end_matches('/')))
            }))
        && !meta.errored_paths.contains(&e.path)
}

fn close(
    s: &mut Store,
    e: &Existing,
    scan: i64,
    now: i64,
    actor: &str,
    meta: &ScanMeta,
) -> Result<()> {
    if e.state != State::Fixed {
        Register::log(
            s,
            e.id,
            now,
            actor,
            "state",
            Some(e.state.as_str()),
            Some(State::Fixed.as_str()),
            Some(&format!("absent from scan #{scan}")),
            Some(scan),
        )?;
        s.execute(
            "UPDATE findings SET fixed_at = ? WHERE id = ?",
            &[Value::Int(now), Value::Int(e.id)],
        )?;
    }
    let reason = format!(
        "verified by scan #{scan}: {} no longer finds it{}",
        meta.analyzers.join(", "),
        meta.git
            .commit
            .as_ref()
            .map(|c| format!(" at {}", &c[..c.len().min(12)]))
            .unwrap_or_default()
    );
    Register::log(
        s,
        e.id,
        now,
        actor,
        "state",
        Some(State::Fixed.as_str()),
        Some(State::Verified.as_str()),
        Some(&reason),
        Some(scan),
    )?;
    s.execute(
        "UPDATE findings SET state = ?, state_since = ?, verified_at = ?, reason = ?, \
         accepted_until = NULL WHERE id = ?",
        &[
            State::Verified.as_str().into(),
            Value::Int(now),
            Value::Int(now),
            reason.as_str().into(),
            Value::Int(e.id),
        ],
    )?;
    Ok(())
}
