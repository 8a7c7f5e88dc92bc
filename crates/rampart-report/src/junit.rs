//! JUnit XML: one test case per finding (failed) and per file error, so CI systems that read
//! test reports show findings where developers already look.

use std::fmt::Write;

use crate::Report;

pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(r: &Report) -> String {
    let res = r.result;
    let failures = res.findings.len();
    let errors = res.errors.len();
    let tests = (failures + errors).max(1);
    let secs = res.stats.duration_ms as f64 / 1000.0;
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<testsuites name=\"rampart\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" time=\"{secs:.3}\">"
    );
    let _ = writeln!(
        x,
        "  <testsuite name=\"rampart scan\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"{secs:.3}\">"
    );
    for f in &res.findings {
        let l = &f.location;
        let name = format!("{}:{} {}", l.path, l.start_line, f.rule_id);
        let _ = writeln!(
            x,
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"0\">",
            xml_escape(&f.analyzer),
            xml_escape(&name),
            xml_escape(&l.path),
            l.start_line
        );
        let body = format!(
            "{}\n{}:{}:{}\nseverity: {}, confidence: {}, CWE: {}\n{}\nFix: {}",
            f.message,
            l.path,
            l.start_line,
            l.start_column,
            f.severity,
            f.confidence,
            f.cwe_tags().join(", "),
            f.snippet,
            f.remediation
        );
        let _ = writeln!(
            x,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            xml_escape(f.severity.as_str()),
            xml_escape(&f.message),
            xml_escape(&body)
        );
        x.push_str("    </testcase>\n");
    }
    for e in &res.errors {
        let _ = writeln!(
            x,
            "    <testcase classname=\"errors\" name=\"{}\" file=\"{}\" time=\"0\">\n      <error message=\"{}\"/>\n    </testcase>",
            xml_escape(&e.path),
            xml_escape(&e.path),
            xml_escape(&e.message)
        );
    }
    if failures + errors == 0 {
        x.push_str("    <testcase classname=\"rampart\" name=\"no findings\" time=\"0\"/>\n");
    }
    x.push_str("  </testsuite>\n</testsuites>\n");
    x
}
