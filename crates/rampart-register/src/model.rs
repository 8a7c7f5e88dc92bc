//! The register's vocabulary: finding states and what a stored finding looks like.

use serde::Serialize;

/// Where a finding is in its lifecycle (see ARCHITECTURE.md for the state machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Open,
    Confirmed,
    InProgress,
    /// Claimed fixed (by a person) and not yet verified by a scan.
    Fixed,
    /// Absent from a later full scan of the same target.
    Verified,
    FalsePositive,
    RiskAccepted,
    WontFix,
    /// Seen again after it was fixed or verified, or its risk acceptance expired.
    Reopened,
}

impl State {
    pub const ALL: [State; 9] = [
        State::Open,
        State::Confirmed,
        State::InProgress,
        State::Fixed,
        State::Verified,
        State::FalsePositive,
        State::RiskAccepted,
        State::WontFix,
        State::Reopened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Confirmed => "confirmed",
            State::InProgress => "in_progress",
            State::Fixed => "fixed",
            State::Verified => "verified",
            State::FalsePositive => "false_positive",
            State::RiskAccepted => "risk_accepted",
            State::WontFix => "wont_fix",
            State::Reopened => "reopened",
        }
    }

    /// Accepts `in_progress`, `in-progress`, `in progress`, `won't fix` …
    pub fn parse(text: &str) -> Result<State, String> {
        let norm: String = text
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| *c != '\'')
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .collect();
        State::ALL
            .into_iter()
            .find(|s| s.as_str() == norm)
            .ok_or_else(|| {
                format!(
                    "unknown state `{text}` (states: {})",
                    State::ALL.map(State::as_str).join(", ")
                )
            })
    }

    /// Needs work: counts as open, has an SLA, can be overdue.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            State::Open | State::Confirmed | State::InProgress | State::Reopened
        )
    }

    /// States a full scan that no longer sees the finding moves to `verified`.
    pub fn closes_when_absent(self) -> bool {
        self.is_open() || matches!(self, State::Fixed | State::RiskAccepted | State::WontFix)
    }

    /// States a scan that sees the finding again moves to `reopened`.
    pub fn reopens_when_seen(self) -> bool {
        matches!(self, State::Fixed | State::Verified)
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding as the register keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub id: i64,
    pub target: String,
    pub fingerprint: String,
    pub rule_id: String,
    pub analyzer: String,
    pub title: String,
    pub severity: String,
    pub confidence: String,
    pub cvss: Option<f64>,
    pub path: String,
    pub line: i64,
    pub advisory: Option<String>,
    pub purl: Option<String>,
    pub state: State,
    pub state_since: String,
    pub reason: Option<String>,
    pub justification: Option<String>,
    pub owner: Option<String>,
    pub owner_source: Option<String>,
    pub risk: f64,
    pub due: Option<String>,
    pub overdue: bool,
    pub first_seen: String,
    pub last_seen: String,
    pub first_scan: i64,
    pub last_scan: i64,
    pub introduced_at: Option<String>,
    pub introduced_commit: Option<String>,
    pub fixed_at: Option<String>,
    pub verified_at: Option<String>,
    pub reopen_count: i64,
    pub accepted_until: Option<String>,
    pub approver: Option<String>,
    /// The finding as the analyzer reported it (message, snippet, CWE, dependency …).
    pub finding: serde_json::Value,
    #[serde(skip)]
    pub due_ts: Option<i64>,
    #[serde(skip)]
    pub first_seen_ts: i64,
    #[serde(skip)]
    pub state_since_ts: i64,
}

/// One entry of a finding's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub finding_id: i64,
    pub at: String,
    pub actor: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
    pub scan: Option<i64>,
}

/// A recorded scan.
#[derive(Debug, Clone, Serialize)]
pub struct ScanInfo {
    pub id: i64,
    pub target: String,
    pub root: String,
    pub started_at: String,
    pub git_commit: Option<String>,
    pub git_branch: Option<String>,
    pub git_dirty: Option<bool>,
    pub analyzers: Vec<String>,
    pub partial: bool,
    pub findings_total: i64,
    pub findings_new: i64,
    pub findings_reopened: i64,
    pub findings_closed: i64,
}
