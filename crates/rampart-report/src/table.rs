//! The terminal report: findings grouped by severity, most severe first, in colour when the
//! terminal wants it (the caller decides; `NO_COLOR` turns it off).

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use rampart_core::Severity;

use crate::{Report, severity_counts};

fn style(s: Severity) -> Style {
    let c = match s {
        Severity::Critical => AnsiColor::BrightRed,
        Severity::High => AnsiColor::Red,
        Severity::Medium => AnsiColor::Yellow,
        Severity::Low => AnsiColor::Cyan,
        Severity::Info => AnsiColor::White,
    };
    Style::new().fg_color(Some(c.into())).bold()
}

fn paint(text: &str, st: Style, color: bool) -> String {
    if color {
        format!("{st}{text}{st:#}")
    } else {
        text.to_string()
    }
}

pub fn render(r: &Report, color: bool) -> String {
    let res = r.result;
    let dim = Style::new().dimmed();
    let mut out = String::new();
    for sev in Severity::ALL {
        let group: Vec<_> = res.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "{}",
            paint(
                &format!("{} ({})", sev.as_str().to_uppercase(), group.len()),
                style(sev),
                color
            )
        );
        for f in group {
            let l = &f.location;
            let _ = writeln!(
                out,
                "  {}:{}:{}  {}  {}",
                l.path,
                l.start_line,
                l.start_column,
                paint(&f.rule_id, Style::new().bold(), color),
                f.message
            );
            let _ = writeln!(out, "    {}", paint(f.snippet.trim(), dim, color));
            let mut meta = format!("confidence {}", f.confidence);
            if !f.cwe.is_empty() {
                meta.push_str(&format!(", {}", f.cwe_tags().join(", ")));
            }
            if let Some(a) = f.owasp_2021.first() {
                meta.push_str(&format!(", OWASP {a}"));
            }
            if let Some(p) = &f.provenance {
                meta.push_str(&format!(
                    ", first in {} by {} on {}{}",
                    &p.commit[..p.commit.len().min(12)],
                    p.author,
                    p.date,
                    if p.in_head {
                        ", still in HEAD"
                    } else {
                        ", no longer in HEAD"
                    }
                ));
            }
            let _ = writeln!(out, "    {}", paint(&meta, dim, color));
        }
        out.push('\n');
    }
    for e in &res.errors {
        let _ = writeln!(
            out,
            "{} {}: {}",
            paint("error:", style(Severity::High), color),
            e.path,
            e.message
        );
    }
    for w in &res.warnings {
        let _ = writeln!(
            out,
            "{} {w}",
            paint("warning:", style(Severity::Medium), color)
        );
    }
    let s = &res.stats;
    let counts: Vec<String> = severity_counts(res)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(sev, n)| format!("{n} {sev}"))
        .collect();
    let _ = writeln!(
        out,
        "{} finding(s){} in {} file(s), {:.1} MB, {:.2}s; skipped {} too large, {} binary, {} symlink(s); {} suppressed, {} in baseline; {} error(s)",
        res.findings.len(),
        if counts.is_empty() {
            String::new()
        } else {
            format!(" ({})", counts.join(", "))
        },
        s.files_scanned,
        s.bytes_scanned as f64 / 1e6,
        s.duration_ms as f64 / 1000.0,
        s.skipped.too_large,
        s.skipped.binary,
        s.skipped.symlink,
        s.suppressed,
        s.baseline_hidden,
        res.errors.len()
    );
    out
}
