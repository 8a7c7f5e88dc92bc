//! Programme metrics from the register: open findings by severity and age, new / fixed /
//! reopened per period, MTTD, MTTR, SLA compliance, mean time in each state and scan coverage.
//!
//! * **MTTD** (mean time to detect): for findings first detected in the window, first
//!   detection − the author time of the commit that introduced the line (`git blame` when the
//!   finding was recorded; the commit itself for findings from git history).
//! * **MTTR** (mean time to remediate): for each move to `verified` in the window, its time −
//!   the start of that cycle (first detection, or the latest reopening before it).
//! * **SLA compliance**: of findings first detected in the window that have an SLA, those
//!   verified by their due date ÷ (those + those verified late + those still open past due).

use std::collections::{BTreeMap, HashMap};

use rampart_store::Value;
use serde::Serialize;

use crate::{Register, Result, State, split_list, time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    pub fn parse(s: &str) -> std::result::Result<Period, String> {
        match s {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(format!("unknown period `{s}` (day, week, month)")),
        }
    }

    /// The label of the bucket `ts` falls in, counting weeks from `since`.
    fn label(self, ts: i64, since: i64) -> String {
        match self {
            Period::Day => time::date(ts),
            Period::Week => {
                time::date(since + (ts - since).div_euclid(7 * time::DAY) * 7 * time::DAY)
            }
            Period::Month => time::date(ts)[..7].to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodCounts {
    pub period: String,
    pub new: u64,
    pub fixed: u64,
    pub reopened: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub target: String,
    pub scan: i64,
    pub analyzer: String,
    pub files_analysed: u64,
    pub files_in_repository: u64,
    pub percent: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sla {
    pub met: u64,
    pub breached: u64,
    pub pending: u64,
    /// `met / (met + breached)`, in percent; `None` when nothing is decided yet.
    pub compliance_percent: Option<f64>,
    pub overdue_now: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Kpi {
    pub since: String,
    pub until: String,
    pub period: Period,
    pub open_by_severity: BTreeMap<String, u64>,
    /// Age bucket → severity → open findings.
    pub open_by_age: BTreeMap<String, BTreeMap<String, u64>>,
    pub per_period: Vec<PeriodCounts>,
    pub mttd_seconds: Option<f64>,
    pub mttd_findings: u64,
    pub mttr_seconds: Option<f64>,
    pub mttr_findings: u64,
    pub sla: Sla,
    /// State → mean seconds spent in it (stints that ended, and current ones up to now).
    pub mean_time_in_state_seconds: BTreeMap<String, f64>,
    pub coverage: Vec<Coverage>,
}

const AGE_BUCKETS: &[(i64, &str)] = &[
    (7, "0-7d"),
    (30, "8-30d"),
    (90, "31-90d"),
    (180, "91-180d"),
    (i64::MAX, ">180d"),
];

struct Row {
    severity: String,
    state: State,
    first_seen: i64,
    introduced_at: Option<i64>,
    due_at: Option<i64>,
    verified_at: Option<i64>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

impl Register {
    pub fn kpi(
        &mut self,
        since: i64,
        until: i64,
        period: Period,
        target: Option<&str>,
    ) -> Result<Kpi> {
        let now = time::now();
        let (tclause, tparams): (&str, Vec<Value>) = match target {
            Some(t) => (" WHERE target = ?", vec![t.into()]),
            None => ("", vec![]),
        };
        let rows = self.store.query(
            &format!(
                "SELECT id, severity, state, first_seen, introduced_at, due_at, verified_at \
                 FROM findings{tclause}"
            ),
            &tparams,
        )?;
        let mut findings: HashMap<i64, Row> = HashMap::with_capacity(rows.len());
        for r in &rows {
            findings.insert(
                r.i64(0)?,
                Row {
                    severity: r.text(1)?,
                    state: State::parse(&r.text(2)?).map_err(crate::RegisterError::Invalid)?,
                    first_seen: r.i64(3)?,
                    introduced_at: r.opt_i64(4),
                    due_at: r.opt_i64(5),
                    verified_at: r.opt_i64(6),
                },
            );
        }
        let hist = self.store.query(
            "SELECT finding_id, at, new_value FROM history WHERE field = 'state' ORDER BY id",
            &[],
        )?;
        let mut transitions: HashMap<i64, Vec<(i64, State)>> = HashMap::new();
        for h in &hist {
            let id = h.i64(0)?;
            if !findings.contains_key(&id) {
                continue;
            }
            if let Some(s) = h.opt_text(2).and_then(|s| State::parse(&s).ok()) {
                transitions.entry(id).or_default().push((h.i64(1)?, s));
            }
        }

        let mut open_by_severity = BTreeMap::new();
        let mut open_by_age: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        let mut mttd = Vec::new();
        let (mut met, mut breached, mut pending, mut overdue_now) = (0, 0, 0, 0);
        for f in findings.values() {
            if f.state.is_open() {
                *open_by_severity.entry(f.severity.clone()).or_insert(0) += 1;
                let age_days = (now - f.first_seen) / time::DAY;
                let bucket = AGE_BUCKETS
                    .iter()
                    .find(|(d, _)| age_days <= *d)
                    .map_or(">180d", |(_, l)| l);
                *open_by_age
                    .entry(bucket.to_string())
                    .or_default()
                    .entry(f.severity.clone())
                    .or_insert(0) += 1;
                if f.due_at.is_some_and(|d| d < now) {
                    overdue_now += 1;
                }
            }
            let in_window = f.first_seen >= since && f.first_seen < until;
            if in_window {
                if let Some(intro) = f.introduced_at {
                    mttd.push((f.first_seen - intro).max(0) as f64);
                }
                if let Some(due) = f.due_at {
                    match (f.state, f.verified_at) {
                        (State::Verified, Some(v)) if v <= due => met += 1,
                        (State::Verified, Some(_)) => breached += 1,
                        (s, _) if s.is_open() && due < now => breached += 1,
                        (s, _) if s.is_open() => pending += 1,
                        _ => {}
                    }
                }
            }
        }

        let mut buckets: BTreeMap<String, PeriodCounts> = BTreeMap::new();
        let mut t = since;
        while t < until && buckets.len() < 2000 {
            let l = period.label(t, since);
            buckets.entry(l.clone()).or_insert(PeriodCounts {
                period: l,
                new: 0,
                fixed: 0,
                reopened: 0,
            });
            t += time::DAY;
        }
        let mut mttr = Vec::new();
        let mut in_state: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        for (id, ts) in &transitions {
            let first_seen = findings[id].first_seen;
            let mut cycle_start = first_seen;
            for (i, (at, state)) in ts.iter().enumerate() {
                let end = ts.get(i + 1).map_or(now, |(a, _)| *a);
                if *state != State::Verified {
                    in_state
                        .entry(state.as_str().to_string())
                        .or_default()
                        .push((end - at).max(0) as f64);
                }
                if *state == State::Reopened {
                    cycle_start = *at;
                }
                if *at < since || *at >= until {
                    continue;
                }
                let label = period.label(*at, since);
                let b = buckets.get_mut(&label);
                match state {
                    State::Open if i == 0 => {
                        if let Some(b) = b {
                            b.new += 1;
                        }
                    }
                    State::Verified => {
                        mttr.push((at - cycle_start).max(0) as f64);
                        if let Some(b) = b {
                            b.fixed += 1;
                        }
                    }
                    State::Reopened => {
                        if let Some(b) = b {
                            b.reopened += 1;
                        }
                    }
                    _ => {}
                }
            }
        }

        Ok(Kpi {
            since: time::rfc3339(since),
            until: time::rfc3339(until),
            period,
            open_by_severity,
            open_by_age,
            per_period: buckets.into_values().collect(),
            mttd_findings: mttd.len() as u64,
            mttd_seconds: mean(&mttd),
            mttr_findings: mttr.len() as u64,
            mttr_seconds: mean(&mttr),
            sla: Sla {
                met,
                breached,
                pending,
                compliance_percent: (met + breached > 0)
                    .then(|| (met as f64 * 1000.0 / (met + breached) as f64).round() / 10.0),
                overdue_now,
            },
            mean_time_in_state_seconds: in_state
                .into_iter()
                .filter_map(|(k, v)| mean(&v).map(|m| (k, m)))
                .collect(),
            coverage: self.coverage(target)?,
        })
    }

    /// Files analysed per analyzer ÷ files git tracks, from each target's latest full scan.
    fn coverage(&mut self, target: Option<&str>) -> Result<Vec<Coverage>> {
        let rows = self.store.query(
            "SELECT s.id, s.target, s.coverage, s.files_in_repo, s.files_found, s.analyzers \
             FROM scans s WHERE s.partial = 0 AND s.id = \
             (SELECT MAX(s2.id) FROM scans s2 WHERE s2.target = s.target AND s2.partial = 0) \
             ORDER BY s.target",
            &[],
        )?;
        let mut out = Vec::new();
        for r in rows {
            let t = r.text(1)?;
            if target.is_some_and(|x| x != t) {
                continue;
            }
            let per: BTreeMap<String, u64> = serde_json::from_str(&r.text(2)?).unwrap_or_default();
            let repo = r.opt_i64(3).unwrap_or(r.i64(4)?).max(0) as u64;
            for a in split_list(&r.text(5)?) {
                let n = per.get(&a).copied().unwrap_or(0);
                out.push(Coverage {
                    target: t.clone(),
                    scan: r.i64(0)?,
                    analyzer: a,
                    files_analysed: n,
                    files_in_repository: repo,
                    percent: if repo == 0 {
                        0.0
                    } else {
                        (n as f64 * 1000.0 / repo as f64).round() / 10.0
                    },
                });
            }
        }
        Ok(out)
    }
}

impl Kpi {
    /// Plain text (`markdown = false`) or a Markdown document.
    pub fn render(&self, markdown: bool) -> String {
        let mut o = String::new();
        let h = |o: &mut String, t: &str| {
            if markdown {
                o.push_str(&format!("\n## {t}\n\n"));
            } else {
                o.push_str(&format!("\n{}\n", t.to_uppercase()));
            }
        };
        let dur = |s: Option<f64>, n: u64| match s {
            Some(s) => format!("{} ({n} finding(s))", time::human(s)),
            None => "n/a (no finding yet)".to_string(),
        };
        if markdown {
            o.push_str(&format!(
                "# rampart KPIs, {} to {}\n",
                self.since, self.until
            ));
        } else {
            o.push_str(&format!("KPIs from {} to {}\n", self.since, self.until));
        }
        h(&mut o, "Headline");
        let pct = self
            .sla
            .compliance_percent
            .map_or("n/a".to_string(), |p| format!("{p}%"));
        let lines = [
            ("MTTD", dur(self.mttd_seconds, self.mttd_findings)),
            ("MTTR", dur(self.mttr_seconds, self.mttr_findings)),
            (
                "SLA compliance",
                format!(
                    "{pct} ({} met, {} breached, {} pending; {} overdue now)",
                    self.sla.met, self.sla.breached, self.sla.pending, self.sla.overdue_now
                ),
            ),
        ];
        table(
            &mut o,
            markdown,
            &["metric", "value"],
            lines
                .iter()
                .map(|(a, b)| vec![a.to_string(), b.clone()])
                .collect(),
        );
        h(&mut o, "Open findings by age");
        let sevs = ["critical", "high", "medium", "low", "info"];
        let mut rows = Vec::new();
        for (_, bucket) in AGE_BUCKETS {
            let m = self.open_by_age.get(*bucket);
            let mut row = vec![bucket.to_string()];
            row.extend(
                sevs.iter()
                    .map(|s| m.and_then(|m| m.get(*s)).copied().unwrap_or(0).to_string()),
            );
            rows.push(row);
        }
        let mut total = vec!["total".to_string()];
        total.extend(sevs.iter().map(|s| {
            self.open_by_severity
                .get(*s)
                .copied()
                .unwrap_or(0)
                .to_string()
        }));
        rows.push(total);
        table(
            &mut o,
            markdown,
            &["age", "critical", "high", "medium", "low", "info"],
            rows,
        );
        h(&mut o, "New, fixed and reopened");
        table(
            &mut o,
            markdown,
            &["period", "new", "fixed", "reopened"],
            self.per_period
                .iter()
                .map(|p| {
                    vec![
                        p.period.clone(),
                        p.new.to_string(),
                        p.fixed.to_string(),
                        p.reopened.to_string(),
                    ]
                })
                .collect(),
        );
        h(&mut o, "Mean time in state");
        table(
            &mut o,
            markdown,
            &["state", "mean time"],
            self.mean_time_in_state_seconds
                .iter()
                .map(|(k, v)| vec![k.clone(), time::human(*v)])
                .collect(),
        );
        h(&mut o, "Scan coverage");
        table(
            &mut o,
            markdown,
            &[
                "target",
                "analyzer",
                "files analysed",
                "files in repository",
                "coverage",
            ],
            self.coverage
                .iter()
                .map(|c| {
                    vec![
                        c.target.clone(),
                        c.analyzer.clone(),
                        c.files_analysed.to_string(),
                        c.files_in_repository.to_string(),
                        format!("{}%", c.percent),
                    ]
                })
                .collect(),
        );
        o
    }
}

/// A plain aligned table or a Markdown one.
pub fn table(o: &mut String, markdown: bool, header: &[&str], rows: Vec<Vec<String>>) {
    if markdown {
        o.push_str(&format!("| {} |\n", header.join(" | ")));
        o.push_str(&format!("|{}\n", "---|".repeat(header.len())));
        for r in rows {
            let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
            o.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        return;
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let mut s = String::from(" ");
        for (i, c) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            s.push(' ');
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w.saturating_sub(c.chars().count()) + 1));
            }
        }
        s.push('\n');
        s
    };
    o.push_str(&line(header.iter().map(|h| h.to_string()).collect()));
    for r in rows {
        o.push_str(&line(r));
    }
}
