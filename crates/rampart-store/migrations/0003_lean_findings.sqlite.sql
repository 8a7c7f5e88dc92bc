-- Scale (issue #5: record 100,000 findings ≤ 10 s, list over 1,000,000 ≤ 200 ms).
-- 1. The finding as the analyzer reported it (≈1 KB of JSON) moves out of the hot table, so
--    scans, sorts and row lookups touch narrow rows; `data_hash` lets a re-scan skip rewriting
--    unchanged JSON without reading it.
-- 2. The single-column indexes give way to composite ones that carry every filter column, so
--    the whole WHERE is checked inside an index (no table lookups) and a count reads only index
--    pages. Two kinds: led by a selective filter (rule, path, owner, project, state + due date),
--    for queries that match few findings; and led by a sort key (risk, severity, age, due
--    date), for queries that match many: the page is the first rows of the index walk that
--    pass the filter, no sort of the matches needed.
CREATE TABLE finding_data (
    finding_id INTEGER PRIMARY KEY,
    data TEXT NOT NULL
);
INSERT INTO finding_data (finding_id, data) SELECT id, data FROM findings;
ALTER TABLE findings DROP COLUMN data;
ALTER TABLE findings ADD COLUMN data_hash BIGINT;

DROP INDEX findings_state_risk;
DROP INDEX findings_risk;
DROP INDEX findings_severity;
DROP INDEX findings_rule;
DROP INDEX findings_analyzer;
DROP INDEX findings_path;
DROP INDEX findings_owner;
DROP INDEX findings_due;
DROP INDEX findings_target_state;

CREATE INDEX findings_by_rule ON findings (rule_id, state, severity_rank, analyzer, target, due_at, risk, owner, first_seen);
CREATE INDEX findings_by_path ON findings (path, line, state, severity_rank, analyzer, rule_id, target, due_at, risk, owner);
CREATE INDEX findings_by_owner ON findings (owner, state, severity_rank, analyzer, rule_id, target, due_at, risk, first_seen);
CREATE INDEX findings_by_target ON findings (target, state, severity_rank, analyzer, rule_id, due_at, risk, owner, first_seen);
CREATE INDEX findings_by_state ON findings (state, due_at, severity_rank, analyzer, rule_id, target, risk, owner, first_seen);
CREATE INDEX findings_by_risk ON findings (risk DESC, severity_rank DESC, id, state, analyzer, rule_id, target, due_at, owner);
CREATE INDEX findings_by_severity ON findings (severity_rank DESC, risk DESC, id, state, analyzer, rule_id, target, due_at, owner);
CREATE INDEX findings_by_age ON findings (first_seen, id, state, severity_rank, analyzer, rule_id, target, due_at, owner);
CREATE INDEX findings_by_due_date ON findings ((due_at IS NULL), due_at, id, state, severity_rank, analyzer, rule_id, target, owner);
-- Risk acceptances that may expire: checked before every register command.
CREATE INDEX findings_acceptance ON findings (accepted_until) WHERE accepted_until IS NOT NULL;
