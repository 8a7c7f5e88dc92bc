-- The register's first schema. Written in the subset SQLite and PostgreSQL share: BIGINT,
-- TEXT, DOUBLE PRECISION; {{ID}} becomes each backend's auto-numbered primary key. Times are
-- Unix seconds (UTC); booleans are 0/1.

CREATE TABLE scans (
    id {{ID}},
    target TEXT NOT NULL,
    root TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT NOT NULL,
    git_commit TEXT,
    git_branch TEXT,
    git_dirty BIGINT,
    tool_version TEXT NOT NULL,
    rule_pack TEXT NOT NULL,
    analyzers TEXT NOT NULL,
    scope TEXT NOT NULL,
    partial BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    files_found BIGINT NOT NULL,
    files_scanned BIGINT NOT NULL,
    files_in_repo BIGINT,
    coverage TEXT NOT NULL,
    findings_total BIGINT NOT NULL,
    findings_new BIGINT NOT NULL,
    findings_reopened BIGINT NOT NULL,
    findings_closed BIGINT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX scans_target_branch ON scans (target, git_branch, id);
CREATE INDEX scans_target_commit ON scans (target, git_commit, id);

CREATE TABLE findings (
    id {{ID}},
    target TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    analyzer TEXT NOT NULL,
    title TEXT NOT NULL,
    severity TEXT NOT NULL,
    severity_rank BIGINT NOT NULL,
    confidence TEXT NOT NULL,
    cvss DOUBLE PRECISION,
    path TEXT NOT NULL,
    line BIGINT NOT NULL,
    advisory TEXT,
    purl TEXT,
    data TEXT NOT NULL,
    state TEXT NOT NULL,
    state_since BIGINT NOT NULL,
    reason TEXT,
    justification TEXT,
    owner TEXT,
    owner_source TEXT,
    risk DOUBLE PRECISION NOT NULL,
    due_at BIGINT,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    first_scan BIGINT NOT NULL,
    last_scan BIGINT NOT NULL,
    introduced_at BIGINT,
    introduced_commit TEXT,
    fixed_at BIGINT,
    verified_at BIGINT,
    reopen_count BIGINT NOT NULL,
    accepted_until BIGINT,
    approver TEXT,
    UNIQUE (target, fingerprint)
);
CREATE INDEX findings_state_risk ON findings (state, risk);
CREATE INDEX findings_risk ON findings (risk);
CREATE INDEX findings_severity ON findings (severity_rank, risk);
CREATE INDEX findings_rule ON findings (rule_id);
CREATE INDEX findings_analyzer ON findings (analyzer, state);
CREATE INDEX findings_path ON findings (path);
CREATE INDEX findings_owner ON findings (owner);
CREATE INDEX findings_due ON findings (state, due_at);
CREATE INDEX findings_target_state ON findings (target, state);

-- Which scans saw which finding.
CREATE TABLE finding_scans (
    finding_id BIGINT NOT NULL,
    scan_id BIGINT NOT NULL,
    PRIMARY KEY (finding_id, scan_id)
);
CREATE INDEX finding_scans_scan ON finding_scans (scan_id);

-- Every change to a finding, appended and never rewritten.
CREATE TABLE history (
    id {{ID}},
    finding_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT,
    scan_id BIGINT
);
CREATE INDEX history_finding ON history (finding_id, id);
CREATE INDEX history_at ON history (field, at);
