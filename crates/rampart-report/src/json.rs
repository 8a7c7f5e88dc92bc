//! The JSON report: rampart's own, versioned format (`docs/json-report.md`).

use serde_json::json;

use crate::{Report, severity_counts};

pub fn render(r: &Report) -> String {
    let counts: serde_json::Map<String, serde_json::Value> = severity_counts(r.result)
        .into_iter()
        .map(|(s, n)| (s.as_str().to_string(), json!(n)))
        .collect();
    let doc = json!({
        "schema_version": rampart_core::JSON_SCHEMA_VERSION,
        "tool": { "name": "rampart", "version": r.tool_version, "rule_pack": r.rule_pack },
        "roots": r.roots,
        "summary": {
            "findings": r.result.findings.len(),
            "by_severity": counts,
            "fail_on": r.fail_on.map(|s| s.as_str()),
            "stats": r.result.stats,
        },
        "findings": r.result.findings,
        "suppressed": r.result.suppressed,
        "errors": r.result.errors,
        "warnings": r.result.warnings,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("report serialises");
    s.push('\n');
    s
}
