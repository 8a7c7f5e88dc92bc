//! Finding queries: one filter type for `list`, `export` and bulk triage, turned into SQL both
//! backends run the same way (LIKE is case-sensitive on both; see rampart-store).

use rampart_core::Severity;
use rampart_store::{Backend, Value};

use crate::record::severity_rank;
use crate::{COLUMNS, FINDINGS_WITH_DATA, Record, Register, Result, State, record_from_row, time};

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub ids: Vec<i64>,
    pub states: Vec<State>,
    /// Only states that need work (open, confirmed, in progress, reopened).
    pub open: bool,
    pub severities: Vec<Severity>,
    pub analyzers: Vec<String>,
    pub rules: Vec<String>,
    /// Path prefix, repository-relative (`src/payments/`).
    pub path: Option<String>,
    /// An owner among the finding's owners (`@org/team`); `none` for unowned findings.
    pub owner: Option<String>,
    pub overdue: bool,
    /// Due (and open) within this many seconds from now, overdue included.
    pub due_within: Option<i64>,
    pub target: Option<String>,
    /// Dependency findings only (they have an advisory).
    pub dependencies: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Risk,
    Severity,
    Age,
    Due,
    Id,
    Path,
}

impl Sort {
    pub fn parse(s: &str) -> std::result::Result<Sort, String> {
        Ok(match s {
            "risk" => Sort::Risk,
            "severity" => Sort::Severity,
            "age" => Sort::Age,
            "due" => Sort::Due,
            "id" => Sort::Id,
            "path" => Sort::Path,
            _ => {
                return Err(format!(
                    "unknown sort `{s}` (risk, severity, age, due, id, path)"
                ));
            }
        })
    }

    fn sql(self, plan: Plan) -> &'static str {
        // `+column` (SQLite) is the same order but no index can provide it: the matches,
        // found through a filter's index, are sorted instead.
        let sort_matches = plan == Plan::SortMatches;
        match (self, sort_matches) {
            (Sort::Risk, false) => "risk DESC, severity_rank DESC, id",
            (Sort::Risk, true) => "+risk DESC, +severity_rank DESC, +id",
            (Sort::Severity, false) => "severity_rank DESC, risk DESC, id",
            (Sort::Severity, true) => "+severity_rank DESC, +risk DESC, +id",
            (Sort::Age, false) => "first_seen, id",
            (Sort::Age, true) => "+first_seen, +id",
            // The same expression as the `findings_by_due_date` index, so it can serve it.
            (Sort::Due, false) => "(due_at IS NULL), due_at, id",
            (Sort::Due, true) => "+(due_at IS NULL), +due_at, +id",
            (Sort::Id, false) => "id",
            (Sort::Id, true) => "+id",
            (Sort::Path, false) => "path, line, id",
            (Sort::Path, true) => "+path, +line, +id",
        }
    }
}

/// How a SQLite page query may use indexes, chosen from the exact number of matches (which
/// the count gives first). SQLite's sampled statistics misjudge low-cardinality columns
/// (`state = 'open'` looks as rare as a rule id), and the wrong choice costs seconds: sorting
/// 900,000 matches, or walking the whole sort index for 20. PostgreSQL plans on its own
/// statistics ([`Plan::Free`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    Free,
    /// Counting: a selective filter (rule, path, owner, ids) drives the query when there is
    /// one, else severity, else the project; the rest are checked inside that index.
    Count,
    /// Few matches: read them through a filter's index and sort them.
    SortMatches,
    /// Many matches: walk the sort's index (it carries the filter columns) and stop at the
    /// page's end; the low-cardinality filters (state, analyzer, project, due date) are kept
    /// from driving the query.
    WalkSortIndex,
}

/// Up to this many matches, sorting them (a bounded cost) beats walking a sort index (cheap
/// when matches are spread evenly, up to a whole index when they sit at its far end).
const FEW_MATCHES: u64 = 100_000;

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn any_of(column: &str, n: usize) -> String {
    format!("{column} IN ({})", vec!["?"; n].join(", "))
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
            && self.states.is_empty()
            && !self.open
            && self.severities.is_empty()
            && self.analyzers.is_empty()
            && self.rules.is_empty()
            && self.path.is_none()
            && self.owner.is_none()
            && !self.overdue
            && self.due_within.is_none()
            && self.target.is_none()
            && !self.dependencies
    }

    /// `WHERE …` (or nothing) and its parameters. `owners`: the stored owner lists that name
    /// the `--owner` filter's owner, when known (see [`Register::owner_values`]).
    fn sql(&self, now: i64, owners: Option<&[String]>, plan: Plan) -> (String, Vec<Value>) {
        // `+column` (SQLite): the same test, but not one an index may be chosen for.
        let selective = !self.ids.is_empty()
            || !self.rules.is_empty()
            || self.path.is_some()
            || self.owner.as_deref().is_some_and(|o| o != "none");
        let hide = |c: &str| match plan {
            Plan::Free | Plan::SortMatches => false,
            Plan::WalkSortIndex => c != "severity_rank",
            Plan::Count if selective => true,
            Plan::Count if !self.severities.is_empty() => c != "severity_rank",
            Plan::Count if self.target.is_some() => c != "target",
            Plan::Count => false,
        };
        let low = |c: &str| {
            if hide(c) {
                format!("+{c}")
            } else {
                c.to_string()
            }
        };
        let mut clauses: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if !self.ids.is_empty() {
            clauses.push(any_of("id", self.ids.len()));
            params.extend(self.ids.iter().map(|i| Value::Int(*i)));
        }
        let mut states: Vec<State> = self.states.clone();
        if self.open || self.overdue || self.due_within.is_some() {
            let open: Vec<State> = State::ALL.into_iter().filter(|s| s.is_open()).collect();
            states = if states.is_empty() {
                open
            } else {
                states.into_iter().filter(|s| open.contains(s)).collect()
            };
            if states.is_empty() {
                clauses.push("1 = 0".into());
            }
        }
        if !states.is_empty() {
            clauses.push(any_of(&low("state"), states.len()));
            params.extend(states.iter().map(|s| Value::from(s.as_str())));
        }
        if !self.severities.is_empty() {
            clauses.push(any_of(&low("severity_rank"), self.severities.len()));
            params.extend(
                self.severities
                    .iter()
                    .map(|s| Value::Int(severity_rank(*s))),
            );
        }
        if !self.analyzers.is_empty() {
            clauses.push(any_of(&low("analyzer"), self.analyzers.len()));
            params.extend(self.analyzers.iter().map(|a| Value::from(a.as_str())));
        }
        if !self.rules.is_empty() {
            clauses.push(any_of("rule_id", self.rules.len()));
            params.extend(self.rules.iter().map(|a| Value::from(a.as_str())));
        }
        if let Some(p) = &self.path {
            let p = p.trim_start_matches("./");
            clauses.push("path LIKE ? ESCAPE '\\'".into());
            params.push(format!("{}%", like_escape(p)).into());
        }
        match (self.owner.as_deref(), owners) {
            (Some("none"), _) => clauses.push("owner IS NULL".into()),
            (Some(_), Some([])) => clauses.push("1 = 0".into()),
            (Some(_), Some(values)) => {
                clauses.push(any_of("owner", values.len()));
                params.extend(values.iter().map(|v| Value::from(v.as_str())));
            }
            (Some(o), None) => {
                // Owners are kept space-separated: match one whole owner.
                clauses.push(
                    "(owner = ? OR owner LIKE ? ESCAPE '\\' OR owner LIKE ? ESCAPE '\\' \
                     OR owner LIKE ? ESCAPE '\\')"
                        .into(),
                );
                let e = like_escape(o);
                params.push(o.into());
                params.push(format!("{e} %").into());
                params.push(format!("% {e}").into());
                params.push(format!("% {e} %").into());
            }
            (None, _) => {}
        }
        if self.overdue {
            clauses.push(format!("{} < ?", low("due_at")));
            params.push(Value::Int(now));
        }
        if let Some(w) = self.due_within {
            clauses.push(format!("{} < ?", low("due_at")));
            params.push(Value::Int(now + w));
        }
        if let Some(t) = &self.target {
            clauses.push(format!("{} = ?", low("target")));
            params.push(t.as_str().into());
        }
        if self.dependencies {
            clauses.push("advisory IS NOT NULL".into());
        }
        if clauses.is_empty() {
            (String::new(), params)
        } else {
            (format!(" WHERE {}", clauses.join(" AND ")), params)
        }
    }
}

impl Register {
    /// The stored owner lists (space-separated) that name `owner`. There are few distinct
    /// lists — one per CODEOWNERS rule and manual assignee — so they are read by walking the
    /// owner index one distinct value at a time, and `--owner` becomes an indexed
    /// `owner IN (…)` instead of a substring search over every finding. `None` when there are
    /// too many to list (then the filter matches by pattern).
    fn owner_values(&mut self, filter: &Filter) -> Result<Option<Vec<String>>> {
        const MAX_VALUES: usize = 500;
        let Some(owner) = filter.owner.as_deref().filter(|o| *o != "none") else {
            return Ok(None);
        };
        let rows = self.store.query(
            "WITH RECURSIVE o(v) AS (SELECT MIN(owner) FROM findings UNION ALL \
             SELECT (SELECT MIN(owner) FROM findings WHERE owner > o.v) FROM o \
             WHERE o.v IS NOT NULL) SELECT v FROM o WHERE v IS NOT NULL LIMIT ?",
            &[Value::Int(MAX_VALUES as i64 * 20)],
        )?;
        if rows.len() >= MAX_VALUES * 20 {
            return Ok(None);
        }
        let values: Vec<String> = rows
            .iter()
            .filter_map(|r| r.opt_text(0))
            .filter(|v| v == owner || v.split(' ').any(|o| o == owner))
            .collect();
        Ok((values.len() <= MAX_VALUES).then_some(values))
    }

    /// Matching findings, sorted, at most `limit` (0 = all), and how many match in total.
    pub fn list(
        &mut self,
        filter: &Filter,
        sort: Sort,
        limit: usize,
    ) -> Result<(Vec<Record>, u64)> {
        let now = time::now();
        let owners = self.owner_values(filter)?;
        let count_plan = match self.store.backend() {
            Backend::Postgres => Plan::Free,
            Backend::Sqlite => Plan::Count,
        };
        let (clause, params) = filter.sql(now, owners.as_deref(), count_plan);
        let total = self
            .store
            .query_one(&format!("SELECT COUNT(*) FROM findings{clause}"), &params)?
            .i64(0)? as u64;
        let rows = if total == 0 {
            Vec::new()
        } else if limit > 0 && limit <= 5000 {
            let plan = match self.store.backend() {
                Backend::Postgres => Plan::Free,
                Backend::Sqlite if total <= FEW_MATCHES.max(limit as u64) => Plan::SortMatches,
                Backend::Sqlite => Plan::WalkSortIndex,
            };
            let ids = self.page_ids(filter, owners.as_deref(), sort, limit, plan, now)?;
            self.fetch_in_order(&ids)?
        } else {
            let (clause, mut params) = filter.sql(now, owners.as_deref(), Plan::Free);
            let mut sql = format!(
                "SELECT {COLUMNS} FROM {FINDINGS_WITH_DATA}{clause} ORDER BY {}",
                sort.sql(Plan::Free)
            );
            if limit > 0 {
                sql.push_str(" LIMIT ?");
                params.push(Value::Int(limit as i64));
            }
            self.store.query(&sql, &params)?
        };
        let records = rows
            .iter()
            .map(|r| record_from_row(r, now))
            .collect::<Result<_>>()?;
        Ok((records, total))
    }

    /// The ids of the first `limit` matches in `sort` order: from the indexes alone, so only
    /// the page's rows and JSON are read afterwards.
    fn page_ids(
        &mut self,
        filter: &Filter,
        owners: Option<&[String]>,
        sort: Sort,
        limit: usize,
        plan: Plan,
        now: i64,
    ) -> Result<Vec<i64>> {
        let (clause, mut params) = filter.sql(now, owners, plan);
        params.push(Value::Int(limit as i64));
        let sql = format!(
            "SELECT id FROM findings{clause} ORDER BY {} LIMIT ?",
            sort.sql(plan)
        );
        self.store
            .query(&sql, &params)?
            .iter()
            .map(|r| Ok(r.i64(0)?))
            .collect()
    }

    /// The rows of these findings, in this order.
    fn fetch_in_order(&mut self, ids: &[i64]) -> Result<Vec<rampart_store::Row>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM {FINDINGS_WITH_DATA} WHERE id IN ({})",
            rampart_store::rows_sql(ids.len(), "?")
        );
        let id_params: Vec<Value> = ids.iter().map(|i| Value::Int(*i)).collect();
        let mut fetched = self.store.query(&sql, &id_params)?;
        let pos: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        fetched.sort_by_key(|r| r.opt_i64(0).and_then(|id| pos.get(&id).copied()));
        Ok(fetched)
    }

    /// The last recorded scan of a base branch (by name, `origin/` or not) or commit, and the
    /// fingerprints it saw: what `scan --new-only` compares with.
    pub fn fingerprints_of_base(
        &mut self,
        target: &str,
        base_ref: &str,
        commit: Option<&str>,
    ) -> Result<Option<(i64, std::collections::HashSet<String>)>> {
        let short = base_ref
            .strip_prefix("refs/heads/")
            .or_else(|| base_ref.strip_prefix("origin/"))
            .unwrap_or(base_ref);
        let Some(row) = self.store.query_opt(
            "SELECT id FROM scans WHERE target = ? AND (git_branch = ? OR git_branch = ? \
             OR git_commit = ?) ORDER BY id DESC LIMIT 1",
            &[
                target.into(),
                base_ref.into(),
                short.into(),
                commit.unwrap_or("-").into(),
            ],
        )?
        else {
            return Ok(None);
        };
        let scan = row.i64(0)?;
        let rows = self.store.query(
            "SELECT f.fingerprint FROM finding_scans fs JOIN findings f ON f.id = fs.finding_id \
             WHERE fs.scan_id = ?",
            &[Value::Int(scan)],
        )?;
        let set = rows.iter().map(|r| r.text(0)).collect::<Result<_, _>>()?;
        Ok(Some((scan, set)))
    }

    /// Ids of the matching findings (for bulk operations).
    pub fn ids(&mut self, filter: &Filter) -> Result<Vec<i64>> {
        let owners = self.owner_values(filter)?;
        let (clause, params) = filter.sql(time::now(), owners.as_deref(), Plan::Free);
        let rows = self.store.query(
            &format!("SELECT id FROM findings{clause} ORDER BY id"),
            &params,
        )?;
        rows.iter().map(|r| Ok(r.i64(0)?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ScanMeta, Settings};
    use rampart_core::{Confidence, Finding, Location, RuleMeta};
    use rampart_store::Store;

    fn findings(n: usize) -> Vec<Finding> {
        let sev = [
            Severity::Critical,
            Severity::High,
            Severity::Medium,
            Severity::Low,
            Severity::Info,
        ];
        (0..n)
            .map(|i| {
                let meta = RuleMeta {
                    id: format!("rule-{}", i % 7),
                    analyzer: ["sast", "secrets", "sca"][i % 3].into(),
                    title: "t".into(),
                    description: String::new(),
                    severity: sev[i % sev.len()],
                    confidence: Confidence::High,
                    cwe: vec![],
                    remediation: String::new(),
                    references: vec![],
                };
                let line = (i % 13 + 1) as u32;
                let mut f = meta.finding(
                    "m".into(),
                    Location {
                        path: format!("src/m{}/f{}.py", i % 4, i % 11),
                        start_line: line,
                        start_column: 1,
                        end_line: line,
                        end_column: 2,
                    },
                    String::new(),
                );
                f.fingerprint = format!("fp{i}");
                f
            })
            .collect()
    }

    /// The three plans differ only in which index SQLite may use: every filter and sort must
    /// give the same page under each (the bench's 1,000,000 findings exercise the speed).
    #[test]
    fn every_plan_gives_the_same_page() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("r.db")).unwrap();
        let mut config = rampart_engine::Config::default();
        config.register.blame = false;
        let settings = Settings::from_config(&config, dir.path()).unwrap();
        let mut reg = Register::new(store, settings, "t".into());
        let day = time::DAY;
        let now = time::now();
        for (target, ago) in [("a", 100), ("b", 2)] {
            let meta = ScanMeta {
                target: target.into(),
                started_at: now - ago * day,
                finished_at: now - ago * day,
                analyzers: vec!["sast".into(), "secrets".into(), "sca".into()],
                closes: true,
                ..ScanMeta::default()
            };
            reg.record(&meta, &findings(600)).unwrap();
        }
        reg.set_state(
            &(1..200).step_by(3).collect::<Vec<_>>(),
            State::InProgress,
            None,
            None,
        )
        .unwrap();
        reg.set_state(
            &(2..300).step_by(5).collect::<Vec<_>>(),
            State::WontFix,
            Some("r"),
            None,
        )
        .unwrap();
        reg.assign(&(1..100).collect::<Vec<_>>(), "@org/x @bob", None)
            .unwrap();
        let filters = [
            Filter::default(),
            Filter {
                open: true,
                ..Filter::default()
            },
            Filter {
                overdue: true,
                analyzers: vec!["sast".into()],
                ..Filter::default()
            },
            Filter {
                states: vec![State::WontFix, State::InProgress],
                ..Filter::default()
            },
            Filter {
                severities: vec![Severity::Low],
                ..Filter::default()
            },
            Filter {
                rules: vec!["rule-3".into()],
                target: Some("b".into()),
                ..Filter::default()
            },
            Filter {
                path: Some("src/m1/".into()),
                ..Filter::default()
            },
            Filter {
                owner: Some("@bob".into()),
                open: true,
                ..Filter::default()
            },
            Filter {
                owner: Some("none".into()),
                ..Filter::default()
            },
            Filter {
                severities: vec![Severity::High, Severity::Info],
                path: Some("src/m2".into()),
                ..Filter::default()
            },
            Filter {
                target: Some("a".into()),
                open: true,
                ..Filter::default()
            },
        ];
        let sorts = [
            Sort::Risk,
            Sort::Severity,
            Sort::Age,
            Sort::Due,
            Sort::Id,
            Sort::Path,
        ];
        for f in &filters {
            let owners = reg.owner_values(f).unwrap();
            for sort in sorts {
                let page = |reg: &mut Register, plan| {
                    reg.page_ids(f, owners.as_deref(), sort, 50, plan, now)
                        .unwrap()
                };
                let free = page(&mut reg, Plan::Free);
                assert!(!free.is_empty(), "{f:?} {sort:?}");
                assert_eq!(free, page(&mut reg, Plan::SortMatches), "{f:?} {sort:?}");
                assert_eq!(free, page(&mut reg, Plan::WalkSortIndex), "{f:?} {sort:?}");
            }
            let mut count = |plan| {
                let (clause, params) = f.sql(now, owners.as_deref(), plan);
                let sql = format!("SELECT COUNT(*) FROM findings{clause}");
                reg.store.query_one(&sql, &params).unwrap().i64(0).unwrap()
            };
            assert_eq!(count(Plan::Free), count(Plan::Count), "{f:?}");
        }
    }
}
