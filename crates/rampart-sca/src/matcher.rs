//! Inventory × advisories → findings: one per (package, vulnerability), aliases grouped,
//! severity computed from the CVSS vector, the smallest upgrade that fixes every advisory on the
//! package, and the path from a direct dependency.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rampart_advisories::matching::{CompiledAffected, smallest_upgrade};
use rampart_advisories::osv::{SeverityScore, base_ecosystem, normalize_name};
use rampart_advisories::{Advisory, Db, DbError};
use rampart_core::{Confidence, DependencyInfo, Finding, Location, RuleMeta, Severity};
use rampart_versions::{Scheme, Version, sort_dedup};

use crate::inventory::{Package, Paths};
use crate::{CWE, severity_of_score};

/// One advisory of a package with its `affected[]` entries compiled (parallel to
/// `advisory.affected`).
struct Known {
    advisory: Advisory,
    compiled: Vec<CompiledAffected>,
}

/// The advisories of each package looked up so far in a scan, compiled once: lockfiles of one
/// repository share most of their packages, and compiling an advisory (parsing its ranges and
/// its `versions[]`, which for PyPI records lists hundreds of releases) costs more than
/// evaluating it.
#[derive(Default)]
pub struct LookupCache {
    entries: HashMap<(String, String), Arc<Vec<Known>>>,
    /// The severity data of every record of a vulnerability group, by group id.
    groups: HashMap<String, Arc<GroupSeverity>>,
}

/// The CVSS vectors and GitHub labels of every record of one vulnerability group.
type GroupSeverity = (Vec<SeverityScore>, Vec<String>);

/// How severe one vulnerability is, and from what.
struct Rating {
    /// The highest-scoring CVSS vector and its computed score.
    cvss: Option<(String, f64)>,
    severity: Severity,
    /// `false` when no record of the vulnerability has a vector or a label (Go vulndb and most
    /// PyPA records without their GHSA alias): medium is then an assumption, said so.
    rated: bool,
}

impl LookupCache {
    /// The CVSS vectors of the records that name the package (including per-package scores)
    /// first; else those of any record of the same vulnerability in the database (an alias
    /// record such as GitHub's, which may name the package differently); else GitHub's label
    /// from any of them; else medium, unrated.
    fn rate(&mut self, db: &Db, group: &str, members: &[&Known]) -> Result<Rating, DbError> {
        let own = best_cvss(members.iter().flat_map(|k| {
            let a = &k.advisory;
            a.severity
                .iter()
                .chain(a.affected.iter().flat_map(|x| &x.severity))
        }));
        let data = match self.groups.get(group) {
            Some(d) => Arc::clone(d),
            None => {
                let d = Arc::new(db.group_severity(group)?);
                self.groups.insert(group.to_string(), Arc::clone(&d));
                d
            }
        };
        let (scores, labels) = &*data;
        let cvss = own.or_else(|| best_cvss(scores.iter()));
        if let Some((_, score)) = &cvss {
            let severity = severity_of_score(*score);
            return Ok(Rating {
                cvss,
                severity,
                rated: true,
            });
        }
        let label = members
            .iter()
            .filter_map(|k| k.advisory.severity_label.as_deref())
            .chain(labels.iter().map(String::as_str))
            .filter_map(severity_of_label)
            .max();
        Ok(Rating {
            cvss: None,
            severity: label.unwrap_or(Severity::Medium),
            rated: label.is_some(),
        })
    }

    fn get(&mut self, db: &Db, ecosystem: &str, name: &str) -> Result<Arc<Vec<Known>>, DbError> {
        let eco = base_ecosystem(ecosystem);
        let key = (eco.to_string(), normalize_name(eco, name));
        if let Some(k) = self.entries.get(&key) {
            return Ok(Arc::clone(k));
        }
        let known: Vec<Known> = db
            .lookup(eco, name)?
            .into_iter()
            .map(|mut advisory| {
                let canonical = std::mem::take(&mut advisory.canonical_versions);
                let compiled = advisory
                    .affected
                    .iter()
                    .enumerate()
                    .map(|(i, a)| match canonical.get(i).cloned().flatten() {
                        Some(c) => CompiledAffected::with_canonical(eco, a, c),
                        None => CompiledAffected::new(eco, a),
                    })
                    .collect();
                Known { advisory, compiled }
            })
            .collect();
        let known = Arc::new(known);
        self.entries.insert(key, Arc::clone(&known));
        Ok(known)
    }
}

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

/// Matches one inventory against the database (with a fresh cache).
pub fn match_packages(
    db: &Db,
    packages: &[Package],
    rel_path: &str,
    text: &str,
) -> Result<Vec<Finding>, DbError> {
    match_with(db, &mut LookupCache::default(), packages, rel_path, text)
}

/// Matches one inventory against the database, reusing the scan's compiled advisories.
pub fn match_with(
    db: &Db,
    cache: &mut LookupCache,
    packages: &[Package],
    rel_path: &str,
    text: &str,
) -> Result<Vec<Finding>, DbError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut paths: Option<Paths> = None;
    let mut out = Vec::new();
    for (i, p) in packages.iter().enumerate() {
        if !matchable(p) {
            continue;
        }
        let known = cache.get(db, p.ecosystem, &p.name)?;
        if known.is_empty() {
            continue;
        }
        // The package's version is parsed once for all of its advisories.
        let version = Scheme::for_ecosystem(p.ecosystem).parse(&p.version);
        let hits: Vec<&Known> = known
            .iter()
            .filter(|k| k.compiled.iter().any(|c| c.affects(&version)))
            .collect();
        if hits.is_empty() {
            continue;
        }
        let all: Vec<&CompiledAffected> = hits.iter().flat_map(|k| &k.compiled).collect();
        let upgrade = smallest_upgrade(&version, &all).map(|v| v.as_str().to_string());
        let path: Vec<String> = paths
            .get_or_insert_with(|| Paths::new(packages))
            .to(i)
            .iter()
            .map(|&j| packages[j].key())
            .collect();
        let mut groups: BTreeMap<&str, Vec<&Known>> = BTreeMap::new();
        for k in &hits {
            groups.entry(k.advisory.group.as_str()).or_default().push(k);
        }
        let snippet = lines
            .get(p.line.saturating_sub(1) as usize)
            .map_or("", |l| l.trim());
        for (group, members) in groups {
            let rating = cache.rate(db, group, &members)?;
            out.push(finding(
                p,
                group,
                &members,
                rating,
                upgrade.clone(),
                path.clone(),
                (rel_path, snippet),
            ));
        }
    }
    Ok(out)
}

fn finding(
    p: &Package,
    group: &str,
    known: &[&Known],
    rating: Rating,
    upgrade_to: Option<String>,
    path: Vec<String>,
    (rel_path, snippet): (&str, &str),
) -> Finding {
    let members: Vec<&Advisory> = known.iter().map(|k| &k.advisory).collect();
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
    let Rating {
        cvss,
        severity,
        rated,
    } = rating;
    let mut fixed: Vec<Version> = known
        .iter()
        .flat_map(|k| k.compiled.iter().flat_map(|c| c.fixed().iter().cloned()))
        .collect();
    sort_dedup(&mut fixed);
    let fixed: Vec<String> = fixed.iter().map(|v| v.as_str().to_string()).collect();
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
        "{}@{} {}: {}{}{}{}{}",
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
        fix_text,
        if rated {
            ""
        } else {
            "; no CVSS vector or severity label in any record of this vulnerability: medium assumed"
        }
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
