//! Whether a package version is affected by an OSV `affected[]` entry: `SEMVER` and
//! `ECOSYSTEM` ranges (`introduced` / `fixed` / `last_affected` / `limit`) evaluated with the
//! ecosystem's own version order, and explicit `versions` lists. `GIT` ranges name commits,
//! which a lockfile does not have, so they are not used.

use std::cmp::Ordering;

use rampart_versions::Scheme;

use crate::osv::{Affected, Event, Range};

/// The OSV evaluation algorithm: walk the events in version order; `introduced` at or below the
/// version turns "affected" on, `fixed` / `limit` at or below it and `last_affected` below it
/// turn it off.
fn in_range(scheme: Scheme, version: &str, range: &Range) -> bool {
    let key = |e: &Event| -> Option<String> {
        e.introduced
            .clone()
            .or_else(|| e.fixed.clone())
            .or_else(|| e.last_affected.clone())
            .or_else(|| e.limit.clone())
    };
    let mut events: Vec<(&Event, String)> = range
        .events
        .iter()
        .filter_map(|e| key(e).map(|k| (e, k)))
        .collect();
    let cmp = |a: &str, b: &str| -> Ordering {
        match (a == "0", b == "0") {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => scheme.compare(a, b),
        }
    };
    events.sort_by(|a, b| cmp(&a.1, &b.1));
    let mut affected = false;
    for (e, v) in &events {
        let o = cmp(version, v);
        if e.introduced.is_some() {
            if v == "0" || o != Ordering::Less {
                affected = true;
            }
        } else if e.fixed.is_some() || e.limit.is_some() {
            if o != Ordering::Less {
                affected = false;
            }
        } else if e.last_affected.is_some() && o == Ordering::Greater {
            affected = false;
        }
    }
    affected
}

/// Whether `version` of a package of `ecosystem` is affected by this entry.
pub fn is_affected(ecosystem: &str, version: &str, a: &Affected) -> bool {
    let version = version.trim();
    if version.is_empty() {
        return false;
    }
    let scheme = Scheme::for_ecosystem(ecosystem);
    if a.versions
        .iter()
        .any(|v| v == version || (scheme.is_valid(v) && scheme.compare(v, version).is_eq()))
    {
        return true;
    }
    // A version the ecosystem's rules cannot read (a git URL, a path) cannot be placed in a
    // range; guessing would produce findings nobody can trust.
    if !scheme.is_valid(version) {
        return false;
    }
    a.ranges
        .iter()
        .filter(|r| r.kind == "SEMVER" || r.kind == "ECOSYSTEM")
        .any(|r| in_range(scheme, version, r))
}

/// Every `fixed` version of the entry's ranges, in version order without duplicates.
pub fn fixed_versions(ecosystem: &str, a: &Affected) -> Vec<String> {
    let scheme = Scheme::for_ecosystem(ecosystem);
    let mut out: Vec<String> = a
        .ranges
        .iter()
        .filter(|r| r.kind == "SEMVER" || r.kind == "ECOSYSTEM")
        .flat_map(|r| r.events.iter().filter_map(|e| e.fixed.clone()))
        .collect();
    out.sort_by(|x, y| scheme.compare(x, y));
    out.dedup_by(|x, y| scheme.compare(x, y).is_eq());
    out
}

/// The smallest version above `current` that no entry in `all` affects, among the fixed
/// versions the entries name; `None` when no such version is known.
pub fn smallest_upgrade(ecosystem: &str, current: &str, all: &[&Affected]) -> Option<String> {
    let scheme = Scheme::for_ecosystem(ecosystem);
    let mut candidates: Vec<String> = all
        .iter()
        .flat_map(|a| fixed_versions(ecosystem, a))
        .filter(|f| scheme.compare(f, current).is_gt())
        .collect();
    candidates.sort_by(|x, y| scheme.compare(x, y));
    candidates.dedup_by(|x, y| scheme.compare(x, y).is_eq());
    candidates
        .into_iter()
        .find(|c| all.iter().all(|a| !is_affected(ecosystem, c, a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: &str, v: &str) -> Event {
        let mut e = Event::default();
        match kind {
            "i" => e.introduced = Some(v.into()),
            "f" => e.fixed = Some(v.into()),
            "l" => e.last_affected = Some(v.into()),
            _ => e.limit = Some(v.into()),
        }
        e
    }

    fn affected(kind: &str, events: Vec<Event>, versions: &[&str]) -> Affected {
        Affected {
            package: None,
            severity: vec![],
            ranges: vec![Range {
                kind: kind.into(),
                events,
            }],
            versions: versions.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn introduced_fixed_pairs_and_last_affected() {
        let a = affected(
            "ECOSYSTEM",
            vec![
                ev("i", "0"),
                ev("f", "1.2.0"),
                ev("i", "2.0.0"),
                ev("l", "2.1.5"),
            ],
            &[],
        );
        for (v, want) in [
            ("0.1", true),
            ("1.1.9", true),
            ("1.2.0", false),
            ("1.9", false),
            ("2.0.0rc1", false),
            ("2.0.0", true),
            ("2.1.5", true),
            ("2.1.5.post1", false),
            ("3.0", false),
        ] {
            assert_eq!(is_affected("PyPI", v, &a), want, "{v}");
        }
    }

    #[test]
    fn semver_limit_and_explicit_versions() {
        let a = affected(
            "SEMVER",
            vec![ev("i", "1.0.0"), ev("x", "1.5.0")],
            &["0.9.1"],
        );
        assert!(is_affected("npm", "1.4.9", &a));
        assert!(!is_affected("npm", "1.5.0", &a));
        assert!(is_affected("npm", "0.9.1", &a));
        assert!(!is_affected("npm", "0.9.0", &a));
        assert!(!is_affected("npm", "git+https://x/y.git", &a));
        assert!(!is_affected("npm", "", &a));
    }

    #[test]
    fn go_versions_with_and_without_v() {
        let a = affected(
            "SEMVER",
            vec![ev("i", "0"), ev("f", "0.0.0-20220314234659-1baeb1ce4c0b")],
            &[],
        );
        assert!(is_affected("Go", "v0.0.0-20210921155107-089bfa567519", &a));
        assert!(!is_affected("Go", "v0.0.0-20220315160706-3147a52a75dd", &a));
    }

    #[test]
    fn smallest_upgrade_fixes_every_advisory() {
        let a = affected("ECOSYSTEM", vec![ev("i", "0"), ev("f", "2.2.24")], &[]);
        let b = affected(
            "ECOSYSTEM",
            vec![
                ev("i", "2.2"),
                ev("f", "2.2.28"),
                ev("i", "3.0"),
                ev("f", "3.2.14"),
            ],
            &[],
        );
        assert_eq!(
            smallest_upgrade("PyPI", "2.2.10", &[&a, &b]).as_deref(),
            Some("2.2.28")
        );
        assert_eq!(fixed_versions("PyPI", &b), vec!["2.2.28", "3.2.14"]);
        let open = affected("ECOSYSTEM", vec![ev("i", "0")], &[]);
        assert_eq!(smallest_upgrade("PyPI", "1.0", &[&open]), None);
    }
}
