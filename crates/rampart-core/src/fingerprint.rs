//! Finding fingerprints: stable across line shifts and unrelated edits.
//!
//! Algorithm (version 1): `sha256("rampart-fp-v1" ‖ rule id ‖ path ‖ key ‖ occurrence)`, hex,
//! first 32 characters, where each part is followed by a NUL byte and
//! - `key` is the SHA-256 of the secret value for secret findings; for dependency (SCA) findings
//!   `ecosystem ‖ package name ‖ advisory`, without the version, so upgrading to a version that
//!   is still affected keeps the finding's identity; otherwise the snippet with all whitespace
//!   runs collapsed to one space and trimmed (so re-indentation does not change it);
//! - `occurrence` is the index of this finding among findings with the same rule, path and key,
//!   in line order (so two identical lines in one file get different fingerprints, and adding a
//!   third copy below them leaves the first two unchanged).
//!
//! Line and column numbers are deliberately not part of it: inserting lines above a finding
//! moves it, but does not make it a new finding.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::Finding;

/// The fingerprint of one finding, given its occurrence index.
pub fn fingerprint(rule_id: &str, path: &str, key: &str, occurrence: usize) -> String {
    let mut h = Sha256::new();
    for part in ["rampart-fp-v1", rule_id, path, key, &occurrence.to_string()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())[..32].to_string()
}

fn key_of(f: &Finding) -> String {
    if let Some(s) = &f.secret {
        return s.sha256.clone();
    }
    if let Some(d) = &f.dependency {
        return format!(
            "dep\u{1f}{}\u{1f}{}\u{1f}{}",
            d.ecosystem, d.name, d.advisory
        );
    }
    f.snippet.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gives each finding its fingerprint. Findings must be in report order (see
/// [`Finding::sort_key`]), so that occurrence indexes follow line order.
pub fn assign_fingerprints<'a>(findings: impl IntoIterator<Item = &'a mut Finding>) {
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    for f in findings {
        let key = key_of(f);
        let n = seen
            .entry((f.rule_id.clone(), f.location.path.clone(), key.clone()))
            .or_insert(0);
        f.fingerprint = fingerprint(&f.rule_id, &f.location.path, &key, *n);
        *n += 1;
    }
}

/// Sorts findings into report order and fingerprints them.
pub fn sort_and_fingerprint(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    assign_fingerprints(findings.iter_mut());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Confidence, Location, RuleMeta, Severity};

    fn finding_at(line: u32, snippet: &str) -> Finding {
        let rule = RuleMeta {
            id: "r".into(),
            analyzer: "test".into(),
            title: "t".into(),
            description: String::new(),
            severity: Severity::High,
            confidence: Confidence::High,
            cwe: vec![798],
            remediation: String::new(),
            references: vec![],
        };
        let loc = Location {
            path: "a.py".into(),
            start_line: line,
            start_column: 1,
            end_line: line,
            end_column: 2,
        };
        rule.finding("m".into(), loc, snippet.into())
    }

    #[test]
    fn stable_when_lines_shift_and_indentation_changes() {
        let mut before = vec![finding_at(3, "x = eval(y)")];
        let mut after = vec![finding_at(10, "    x  =  eval(y)")];
        sort_and_fingerprint(&mut before);
        sort_and_fingerprint(&mut after);
        assert_eq!(before[0].fingerprint, after[0].fingerprint);
    }

    #[test]
    fn dependency_findings_keep_identity_across_version_bumps() {
        let dep = |version: &str, line: u32| {
            let mut f = finding_at(line, &format!("\"django\": \"{version}\""));
            f.dependency = Some(crate::DependencyInfo {
                ecosystem: "PyPI".into(),
                name: "django".into(),
                version: version.into(),
                purl: format!("pkg:pypi/django@{version}"),
                advisory: "CVE-2021-35042".into(),
                aliases: vec![],
                cvss_vector: None,
                cvss_score: None,
                fixed_versions: vec![],
                upgrade_to: None,
                path: vec![],
                direct: true,
            });
            f
        };
        let mut before = vec![dep("3.1.10", 12)];
        let mut after = vec![dep("3.1.12", 40)];
        sort_and_fingerprint(&mut before);
        sort_and_fingerprint(&mut after);
        assert_eq!(before[0].fingerprint, after[0].fingerprint);
        let mut other = vec![dep("3.1.10", 12)];
        other[0].dependency.as_mut().unwrap().advisory = "CVE-2022-28346".into();
        sort_and_fingerprint(&mut other);
        assert_ne!(other[0].fingerprint, before[0].fingerprint);
    }

    #[test]
    fn identical_lines_get_distinct_fingerprints() {
        let mut two = vec![finding_at(9, "eval(y)"), finding_at(2, "eval(y)")];
        sort_and_fingerprint(&mut two);
        assert_ne!(two[0].fingerprint, two[1].fingerprint);
        assert_eq!(two[0].location.start_line, 2);
        let mut changed = vec![finding_at(2, "eval(z)")];
        sort_and_fingerprint(&mut changed);
        assert_ne!(changed[0].fingerprint, two[0].fingerprint);
    }
}
