//! Triage: state changes, assignment, risk acceptance with expiry, reopening. Each change is
//! one UPDATE and one appended history entry, in a transaction per command.

use rampart_store::Value;
use serde::Serialize;

use crate::{Register, RegisterError, Result, State, time};

/// One change made by a triage command.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A risk acceptance that ran out and was reopened.
#[derive(Debug, Clone, Serialize)]
pub struct Expired {
    pub id: i64,
    pub title: String,
    pub path: String,
    pub until: String,
    pub approver: Option<String>,
}

/// OpenVEX justifications a false positive can carry.
pub const JUSTIFICATIONS: &[&str] = &[
    "component_not_present",
    "vulnerable_code_not_present",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "inline_mitigations_already_exist",
];

fn invalid<T>(msg: impl Into<String>) -> Result<T> {
    Err(RegisterError::Invalid(msg.into()))
}

impl Register {
    fn current_state(&mut self, id: i64) -> Result<State> {
        let row = self
            .store
            .query_opt("SELECT state FROM findings WHERE id = ?", &[Value::Int(id)])?
            .ok_or(RegisterError::NotFound(id))?;
        State::parse(&row.text(0)?).map_err(RegisterError::Invalid)
    }

    /// Reopens every risk acceptance whose date has passed. Runs before every register
    /// command and recorded scan, so an expiry is acted on (and said) at the next one.
    pub fn expire_acceptances(&mut self) -> Result<Vec<Expired>> {
        let now = time::now();
        let actor = "rampart (acceptance expiry)".to_string();
        let sla = self.settings.sla.clone();
        // A read first: most commands find nothing to expire and then take no write lock
        // (which would wait behind a scan being recorded).
        let pending = self.store.query_opt(
            "SELECT id FROM findings WHERE accepted_until IS NOT NULL AND accepted_until <= ? \
             AND state = ? LIMIT 1",
            &[Value::Int(now), State::RiskAccepted.as_str().into()],
        )?;
        if pending.is_none() {
            return Ok(Vec::new());
        }
        self.store.transaction(|s| {
            let rows = s.query(
                "SELECT id, title, path, accepted_until, approver, severity FROM findings \
                 WHERE state = ? AND accepted_until IS NOT NULL AND accepted_until <= ? \
                 ORDER BY id",
                &[State::RiskAccepted.as_str().into(), Value::Int(now)],
            )?;
            let mut out = Vec::new();
            for r in rows {
                let id = r.i64(0)?;
                let until = time::rfc3339(r.i64(3)?);
                let approver = r.opt_text(4);
                let reason = format!(
                    "risk acceptance expired on {until}{}",
                    approver
                        .as_ref()
                        .map(|a| format!(" (approved by {a})"))
                        .unwrap_or_default()
                );
                let due = r
                    .text(5)?
                    .parse()
                    .ok()
                    .and_then(|sev| sla.days(sev))
                    .map(|d| now + d * time::DAY);
                s.execute(
                    "UPDATE findings SET state = ?, state_since = ?, reason = ?, due_at = ?, \
                     reopen_count = reopen_count + 1 WHERE id = ?",
                    &[
                        State::Reopened.as_str().into(),
                        Value::Int(now),
                        reason.as_str().into(),
                        due.into(),
                        Value::Int(id),
                    ],
                )?;
                Register::log(
                    s,
                    id,
                    now,
                    &actor,
                    "state",
                    Some(State::RiskAccepted.as_str()),
                    Some(State::Reopened.as_str()),
                    Some(&reason),
                    None,
                )?;
                out.push(Expired {
                    id,
                    title: r.text(1)?,
                    path: r.text(2)?,
                    until,
                    approver,
                });
            }
            Ok::<_, RegisterError>(out)
        })
    }

    /// `findings triage`: moves findings to a triage state.
    pub fn set_state(
        &mut self,
        ids: &[i64],
        state: State,
        reason: Option<&str>,
        justification: Option<&str>,
    ) -> Result<Vec<Change>> {
        match state {
            State::Verified => {
                return invalid(
                    "`verified` is set by a re-scan that no longer finds the finding: mark it \
                     `fixed` and record a scan",
                );
            }
            State::RiskAccepted => {
                return invalid(
                    "risk acceptance needs an approver and an expiry: use `rampart findings \
                     accept ID --reason … --approver … --until DATE`",
                );
            }
            State::Reopened => return invalid("use `rampart findings reopen ID`"),
            State::FalsePositive | State::WontFix if reason.is_none_or(|r| r.trim().is_empty()) => {
                return invalid(format!("--reason is required for `{state}`"));
            }
            _ => {}
        }
        if let Some(j) = justification
            && !JUSTIFICATIONS.contains(&j)
        {
            return invalid(format!(
                "unknown justification `{j}` (OpenVEX: {})",
                JUSTIFICATIONS.join(", ")
            ));
        }
        self.each(ids, |reg, id, now| {
            let old = reg.current_state(id)?;
            if old == state {
                return Ok(None);
            }
            reg.store.execute(
                "UPDATE findings SET state = ?, state_since = ?, reason = ?, \
                 justification = ?, fixed_at = ? WHERE id = ?",
                &[
                    state.as_str().into(),
                    Value::Int(now),
                    reason.into(),
                    justification.into(),
                    (state == State::Fixed).then_some(now).into(),
                    Value::Int(id),
                ],
            )?;
            reg.state_logged(id, now, old, state, reason)
        })
    }

    /// `findings assign`: a person's assignment; CODEOWNERS no longer overrides it.
    pub fn assign(
        &mut self,
        ids: &[i64],
        owner: &str,
        reason: Option<&str>,
    ) -> Result<Vec<Change>> {
        if owner.trim().is_empty() {
            return invalid("the owner is empty");
        }
        self.each(ids, |reg, id, now| {
            let row = reg
                .store
                .query_one("SELECT owner FROM findings WHERE id = ?", &[Value::Int(id)])?;
            let old = row.opt_text(0);
            if old.as_deref() == Some(owner) {
                return Ok(None);
            }
            reg.store.execute(
                "UPDATE findings SET owner = ?, owner_source = 'manual' WHERE id = ?",
                &[owner.into(), Value::Int(id)],
            )?;
            let actor = reg.actor.clone();
            Register::log(
                &mut reg.store,
                id,
                now,
                &actor,
                "owner",
                old.as_deref(),
                Some(owner),
                reason,
                None,
            )?;
            Ok(Some(Change {
                id,
                field: "owner".into(),
                old,
                new: Some(owner.into()),
            }))
        })
    }

    /// `findings accept`: documented risk acceptance until a date.
    pub fn accept(
        &mut self,
        ids: &[i64],
        reason: &str,
        approver: &str,
        until: i64,
    ) -> Result<Vec<Change>> {
        if reason.trim().is_empty() || approver.trim().is_empty() {
            return invalid("a risk acceptance needs --reason and --approver");
        }
        if until <= time::now() {
            return invalid(format!(
                "--until {} is not in the future",
                time::rfc3339(until)
            ));
        }
        self.each(ids, |reg, id, now| {
            let old = reg.current_state(id)?;
            if matches!(old, State::Verified | State::FalsePositive) {
                return invalid(format!(
                    "finding #{id} is {old}: there is no risk left to accept"
                ));
            }
            reg.store.execute(
                "UPDATE findings SET state = ?, state_since = ?, reason = ?, approver = ?, \
                 accepted_until = ? WHERE id = ?",
                &[
                    State::RiskAccepted.as_str().into(),
                    Value::Int(now),
                    reason.into(),
                    approver.into(),
                    Value::Int(until),
                    Value::Int(id),
                ],
            )?;
            let why = format!(
                "{reason} (approved by {approver}, until {})",
                time::rfc3339(until)
            );
            reg.state_logged(id, now, old, State::RiskAccepted, Some(&why))
        })
    }

    /// `findings reopen`.
    pub fn reopen(&mut self, ids: &[i64], reason: Option<&str>) -> Result<Vec<Change>> {
        self.each(ids, |reg, id, now| {
            let old = reg.current_state(id)?;
            if old.is_open() {
                return Ok(None);
            }
            let due = {
                let sev = reg
                    .store
                    .query_one(
                        "SELECT severity FROM findings WHERE id = ?",
                        &[Value::Int(id)],
                    )?
                    .text(0)?;
                sev.parse().ok().and_then(|s| reg.due(s, now))
            };
            reg.store.execute(
                "UPDATE findings SET state = ?, state_since = ?, reason = ?, due_at = ?, \
                 accepted_until = NULL, reopen_count = reopen_count + 1 WHERE id = ?",
                &[
                    State::Reopened.as_str().into(),
                    Value::Int(now),
                    reason.into(),
                    due.into(),
                    Value::Int(id),
                ],
            )?;
            reg.state_logged(id, now, old, State::Reopened, reason)
        })
    }

    fn state_logged(
        &mut self,
        id: i64,
        now: i64,
        old: State,
        new: State,
        reason: Option<&str>,
    ) -> Result<Option<Change>> {
        let actor = self.actor.clone();
        Register::log(
            &mut self.store,
            id,
            now,
            &actor,
            "state",
            Some(old.as_str()),
            Some(new.as_str()),
            reason,
            None,
        )?;
        Ok(Some(Change {
            id,
            field: "state".into(),
            old: Some(old.as_str().into()),
            new: Some(new.as_str().into()),
        }))
    }

    /// Applies `f` to every id in one transaction: all of a bulk change lands, or none.
    fn each(
        &mut self,
        ids: &[i64],
        mut f: impl FnMut(&mut Register, i64, i64) -> Result<Option<Change>>,
    ) -> Result<Vec<Change>> {
        let now = time::now();
        // The transaction is taken on the store, and `f` needs the whole register: begin and
        // end it by hand around the loop.
        self.store.execute_batch(match self.store.backend() {
            rampart_store::Backend::Sqlite => "BEGIN IMMEDIATE",
            rampart_store::Backend::Postgres => "BEGIN",
        })?;
        let mut out = Vec::new();
        for &id in ids {
            match f(self, id, now) {
                Ok(Some(c)) => out.push(c),
                Ok(None) => {}
                Err(e) => {
                    let _ = self.store.execute_batch("ROLLBACK");
                    return Err(e);
                }
            }
        }
        self.store.execute_batch("COMMIT")?;
        Ok(out)
    }
}
