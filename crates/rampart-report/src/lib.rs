//! Report writers. Each takes the same [`Report`] and renders one format; none of them looks
//! back into analyzers or rules beyond what the report carries.

mod json;
mod junit;
mod markdown;
mod sarif;
mod table;

use std::str::FromStr;

use rampart_core::{RuleMeta, Severity};
use rampart_engine::ScanResult;

pub use sarif::FINGERPRINT_KEY;

/// Everything a report shows.
pub struct Report<'a> {
    pub result: &'a ScanResult,
    /// Every rule that ran (for SARIF `rules[]`).
    pub rules: &'a [RuleMeta],
    pub tool_version: &'a str,
    pub rule_pack: &'a str,
    /// The scan roots as the user gave them.
    pub roots: &'a [String],
    /// Absolute path that finding paths are relative to (SARIF `%SRCROOT%`).
    pub base_uri: &'a str,
    /// The `--fail-on` threshold, shown in summaries.
    pub fail_on: Option<Severity>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Sarif,
    Junit,
    Markdown,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" | "text" => Format::Table,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "junit" | "xml" => Format::Junit,
            "markdown" | "md" => Format::Markdown,
            other => {
                return Err(format!(
                    "unknown format `{other}` (expected table, json, sarif, junit, markdown)"
                ));
            }
        })
    }
}

impl Format {
    /// Guesses a format from an output file's extension.
    pub fn from_extension(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        [
            (".sarif", Format::Sarif),
            (".sarif.json", Format::Sarif),
            (".json", Format::Json),
            (".xml", Format::Junit),
            (".md", Format::Markdown),
            (".txt", Format::Table),
        ]
        .iter()
        .find(|(ext, _)| lower.ends_with(ext))
        .map(|(_, f)| *f)
    }
}

/// Renders `report` in `format`. `color` only affects the table.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Table => table::render(report, color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Junit => junit::render(report),
        Format::Markdown => markdown::render(report),
    }
}

/// Finding counts per severity, critical first.
pub fn severity_counts(result: &ScanResult) -> Vec<(Severity, usize)> {
    Severity::ALL
        .iter()
        .map(|&s| {
            (
                s,
                result.findings.iter().filter(|f| f.severity == s).count(),
            )
        })
        .collect()
}
