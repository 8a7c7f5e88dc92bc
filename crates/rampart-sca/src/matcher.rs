//! Inventory × advisories → findings: one per (package, vulnerability), aliases grouped,
//! severity computed from the CVSS vector, the smallest upgrade that fixes every advisory on the
//! package, and the path from a direct dependency.

use std::collections::BTreeMap;

use rampart_advisories::matching::{fixed_versions, is_affected, smallest_upgrade};
use rampart_advisories::osv::{Affected, SeverityScore};
use rampart_advisories::{Advisory, Db, DbError};
use rampart_core::{Confidence, DependencyInfo, Finding, Location, RuleMeta, Severity};

use crate::inventory::{Package, path_to};
use crate::{CWE, severity_of_score};

/// The highest-scoring CVSS vector among `scores` that parses, with its computed score.
pub fn best_cvss<'a>(scores: impl Iterator<Item = &'a SeverityScore>) -> Option<(String, f64)> {
    scores
        .filter(|s| s.kind.starts_with("CVSS"))
        .filter_map(|s| {
            let v: cvss::Cvss = s.score.trim().parse().ok()?;
            Some((s.score.trim().to_string(), v.score()))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// GitHub's label, used only when no advisory of the group has a CVSS vector.
fn severity_of_label(label: &str) -> Option<Severity> {
    Some(match label.to_ascii_uppercase().as_str() {
        "CRITICAL" => Severity::Critical,
        "HIGH" => Severity::High,
        "MODERATE" | "MEDIUM" => Severity::Medium,
        "LOW" => Severity::Low,
        _ => return None,
    })
}

/// Go's standard library is matched only when the toolchain directive names the Go release
/// that builds the module (the `go` line is a minimum language version, not what is used).
fn matchable(p: &Package) -> bool {
    let go_directive_only = p.ecosystem == "Go" && p.name == "stdlib" && p.direct.is_none();
    !p.version.is_empty() && !go_directive_only
}

pub fn match_packages(
    db: &Db,
    packages: &[Package],
    rel_path: &str,
    text: &str,
) -> Result<Vec<Finding>, DbError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, p) in packages.iter().enumerate() {
        if !matchable(p) {
            continue;
        }
        let hits: Vec<Advisory> = db
            .lookup(p.ecosystem, &p.name)?
            .into_iter()
            .filter(|a| {
                a.affected
                    .iter()
                    .any(|x| is_affected(p.ecosystem, &p.version, x))
            })
            .collect();
        if hits.is_empty() {
            continue;
        }
        let all: Vec<&Affected> = hits.iter().flat_map(|a| &a.affected).collect();
        let upgrade = smallest_upgrade(p.ecosystem, &p.version, &all);
        let path: Vec<String> = path_to(packages, i)
            .iter()
            .map(|&j| packages[j].key())
            .collect();
        let mut groups: BTreeMap<&str, Vec<&Advisory>> = BTreeMap::new();
        for a in &hits {
            groups.entry(a.group.as_str()).or_default().push(a);
        }
        for (group, members) in groups {
            let snippet = lines
                .get(p.line.saturating_sub(1) as usize)
                .map_or("", |l| l.trim());
            out.push(finding(
                p,
                group,
                &members,
                upgrade.clone(),
                path.clone(),
                rel_path,
                snippet,
            ));
        }
    }
    Ok(out)
}

fn finding(
    p: &Package,
    group: &str,
    members: &[&Advisory],
    upgrade_to: Option<String>,
    path: Vec<String>,
    rel_path: &str,
    snippet: &str,
) -> Finding {
    let mut ids: Vec<String> = members.iter().map(|a| a.id.clone()).collect();
    ids.extend(members.iter().flat_map(|a| a.aliases.iter().cloned()));
    ids.sort();
    ids.dedup();
    let aliases: Vec<String> = ids.into_iter().filter(|i| i != group).collect();
    let summary = members
        .iter()
        .map(|a| a.summary.as_str())
        .find(|s| !s.is_empty())
        .unwrap_or("known vulnerability")
        .to_string();
    let cvss = best_cvss(members.iter().flat_map(|a| {
        a.severity
            .iter()
            .chain(a.affected.iter().flat_map(|x| &x.severity))
    }));
    let severity = match &cvss {
        Some((_, score)) => severity_of_score(*score),
        None => members
            .iter()
            .filter_map(|a| a.severity_label.as_deref().and_then(severity_of_label))
            .max()
            .unwrap_or(Severity::Medium),
    };
    let mut fixed: Vec<String> = members
        .iter()
        .flat_map(|a| {
            a.affected
                .iter()
                .flat_map(|x| fixed_versions(p.ecosystem, x))
        })
        .collect();
    fixed.sort_by(|a, b| rampart_versions::compare(p.ecosystem, a, b));
    fixed.dedup();
    let direct = p.direct == Some(true) || path.len() == 1;
    let via = if path.len() > 1 {
        format!(" (via {})", path.join(" → "))
    } else {
        String::new()
    };
    let fix_text = match (&upgrade_to, fixed.is_empty()) {
        (Some(u), _) => format!(
            "; upgrade to {u}, the smallest version that fixes every known advisory on {}",
            p.name
        ),
        (None, false) => format!(
            "; fixed in {}, but no single version fixes every known advisory on {}",
            fixed.join(", "),
            p.name
        ),
        (None, true) => "; no fixed version is known".to_string(),
    };
    let message = format!(
        "{}@{} {}: {}{}{}{}",
        p.name,
        p.version,
        group,
        summary,
        if aliases.is_empty() {
            String::new()
        } else {
            format!(" ({})", aliases.join(", "))
        },
        via,
        fix_text
    );
    let remediation = match &upgrade_to {
        Some(u) => format!("Upgrade {} from {} to {u} or later.", p.name, p.version),
        None if !fixed.is_empty() => format!(
            "Upgrade {} to a fixed version ({}).",
            p.name,
            fixed.join(", ")
        ),
        None => format!(
            "No fixed version of {} is known: remove it, replace it, or record why the risk is accepted.",
            p.name
        ),
    };
    let rule = RuleMeta {
        id: group.to_string(),
        analyzer: "sca".into(),
        title: summary.clone(),
        description: String::new(),
        severity,
        confidence: Confidence::High,
        cwe: vec![CWE],
        remediation: remediation.clone(),
        references: Vec::new(),
    };
    let line = p.line.max(1);
    let mut f = rule.finding(
        message,
        Location {
            path: rel_path.to_string(),
            start_line: line,
            start_column: 1,
            end_line: line,
            end_column: snippet.len() as u32 + 1,
        },
        snippet.to_string(),
    );
    // CWE-1395 is A03:2025 (supply chain); in 2021 the same risk is A06, "Vulnerable and
    // Outdated Components", whose CWE list predates CWE-1395.
    if f.owasp_2021.is_empty() {
        f.owasp_2021.push("A06:2021".into());
    }
    f.dependency = Some(DependencyInfo {
        ecosystem: p.ecosystem.to_string(),
        name: p.name.clone(),
        version: p.version.clone(),
        purl: p.purl(),
        advisory: group.to_string(),
        aliases,
        cvss_vector: cvss.as_ref().map(|c| c.0.clone()),
        cvss_score: cvss.map(|c| c.1),
        fixed_versions: fixed,
        upgrade_to,
        path,
        direct,
    });
    f
}
