//! Markdown: a summary and a findings table, for pull-request comments and job summaries.

use std::fmt::Write;

use crate::{Report, severity_counts};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(r: &Report) -> String {
    let res = r.result;
    let mut md = String::from("# rampart scan\n\n");
    let _ = writeln!(
        md,
        "{} finding(s) in {} file(s) scanned ({:.1} MB) in {:.2}s. rampart {} ({}).\n",
        res.findings.len(),
        res.stats.files_scanned,
        res.stats.bytes_scanned as f64 / 1e6,
        res.stats.duration_ms as f64 / 1000.0,
        r.tool_version,
        r.rule_pack
    );
    md.push_str("| severity | count |\n|---|---:|\n");
    for (s, n) in severity_counts(res) {
        let _ = writeln!(md, "| {s} | {n} |");
    }
    if !res.findings.is_empty() {
        md.push_str("\n## Findings\n\n| severity | rule | location | message | CWE |\n|---|---|---|---|---|\n");
        for f in &res.findings {
            let _ = writeln!(
                md,
                "| {} | `{}` | `{}:{}` | {} | {} |",
                f.severity,
                cell(&f.rule_id),
                cell(&f.location.path),
                f.location.start_line,
                cell(&f.message),
                f.cwe_tags().join(", ")
            );
        }
    }
    if !res.errors.is_empty() {
        md.push_str("\n## Files with problems\n\n");
        for e in &res.errors {
            let _ = writeln!(md, "- `{}`: {}", cell(&e.path), cell(&e.message));
        }
    }
    let _ = writeln!(
        md,
        "\nSkipped: {} too large, {} binary, {} symlinks. Suppressed: {} (+{} in baseline).",
        res.stats.skipped.too_large,
        res.stats.skipped.binary,
        res.stats.skipped.symlink,
        res.stats.suppressed,
        res.stats.baseline_hidden
    );
    md
}
