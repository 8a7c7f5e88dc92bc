//! Whether a package version is affected by an OSV `affected[]` entry: `SEMVER` and
//! `ECOSYSTEM` ranges (`introduced` / `fixed` / `last_affected` / `limit`) evaluated with the
//! ecosystem's own version order, and explicit `versions` lists. `GIT` ranges name commits,
//! which a lockfile does not have, so they are not used.

use std::cmp::Ordering;

use std::collections::HashSet;

use rampart_versions::{Scheme, Version, sort_dedup};

use crate::osv::{Affected, Range};

/// One range boundary: `"0"` (below every version) or a parsed version.
#[derive(Debug, Clone)]
enum Bound {
    Zero,
    At(Box<Version>),
}

impl Bound {
    fn new(scheme: Scheme, v: &str) -> Bound {
        if v.trim() == "0" {
            Bound::Zero
        } else {
            Bound::At(Box::new(scheme.parse(v)))
        }
    }

    /// How `version` compares with this boundary.
    fn cmp_version(&self, version: &Version) -> Ordering {
        match self {
            Bound::Zero if version.as_str() == "0" => Ordering::Equal,
            Bound::Zero => Ordering::Greater,
            Bound::At(b) => version.compare(b),
        }
    }

    fn cmp(&self, o: &Bound) -> Ordering {
        match (self, o) {
            (Bound::Zero, Bound::Zero) => Ordering::Equal,
            (Bound::Zero, Bound::At(v)) => Bound::Zero.cmp_version(v).reverse(),
            (Bound::At(v), b) => b.cmp_version(v),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Introduced,
    /// `fixed` and `limit`: the version itself is no longer affected.
    Fixed,
    LastAffected,
}

/// An `affected[]` entry with every version parsed once, for evaluating many package versions
/// (and upgrade candidates) against it.
#[derive(Debug, Clone)]
pub struct CompiledAffected {
    scheme: Scheme,
    /// The explicit `versions[]` as written, for exact hits of any spelling.
    listed: HashSet<String>,
    /// The canonical spellings of the explicit `versions[]` the ecosystem's rules read, for
    /// hits of an equivalent spelling (`1.0` for `1.0.0`) by string comparison: PyPI records
    /// list hundreds, and parsing them at every scan cost more than all the rest of matching,
    /// so the database stores them (see [`canonical_versions`]).
    canonical: Vec<String>,
    /// `SEMVER` / `ECOSYSTEM` ranges, events in record order.
    ranges: Vec<Vec<(Kind, Bound)>>,
    /// The `fixed` versions, ascending, without duplicates.
    fixed: Vec<Version>,
}

impl CompiledAffected {
    pub fn new(ecosystem: &str, a: &Affected) -> CompiledAffected {
        let canonical = canonical_versions(ecosystem, &a.versions);
        CompiledAffected::with_canonical(ecosystem, a, canonical)
    }

    /// [`CompiledAffected::new`] with the entry's [`canonical_versions`] computed beforehand
    /// (at import).
    pub fn with_canonical(
        ecosystem: &str,
        a: &Affected,
        canonical: Vec<String>,
    ) -> CompiledAffected {
        let scheme = Scheme::for_ecosystem(ecosystem);
        let ranges: Vec<&Range> = a
            .ranges
            .iter()
            .filter(|r| r.kind == "SEMVER" || r.kind == "ECOSYSTEM")
            .collect();
        let mut fixed: Vec<Version> = ranges
            .iter()
            .flat_map(|r| r.events.iter().filter_map(|e| e.fixed.as_deref()))
            .map(|v| scheme.parse(v))
            .collect();
        sort_dedup(&mut fixed);
        let ranges = ranges
            .iter()
            .map(|r| {
                r.events
                    .iter()
                    .filter_map(|e| {
                        let (kind, v) = match (&e.introduced, &e.fixed, &e.last_affected, &e.limit)
                        {
                            (Some(v), ..) => (Kind::Introduced, v),
                            (_, Some(v), ..) => (Kind::Fixed, v),
                            (_, _, Some(v), _) => (Kind::LastAffected, v),
                            (.., Some(v)) => (Kind::Fixed, v),
                            _ => return None,
                        };
                        Some((kind, Bound::new(scheme, v)))
                    })
                    .collect()
            })
            .collect();
        CompiledAffected {
            scheme,
            listed: a.versions.iter().map(|v| v.trim().to_string()).collect(),
            canonical,
            ranges,
            fixed,
        }
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Whether `version` (parsed with [`CompiledAffected::scheme`]) is affected.
    pub fn affects(&self, version: &Version) -> bool {
        if version.as_str().is_empty() {
            return false;
        }
        if self.listed.contains(version.as_str()) {
            return true;
        }
        // A version the ecosystem's rules cannot read (a git URL, a path) cannot be placed in a
        // range; guessing would produce findings nobody can trust.
        version.is_valid()
            && (self.ranges.iter().any(|r| in_range(version, r))
                || self.canonical.iter().any(|c| c == version.canonical()))
    }

    /// The entry's `fixed` versions, ascending.
    pub fn fixed(&self) -> &[Version] {
        &self.fixed
    }
}

/// The canonical spellings ([`Version::canonical`]) of the versions of `listed` that the
/// ecosystem's rules read, without duplicates.
pub fn canonical_versions(ecosystem: &str, listed: &[String]) -> Vec<String> {
    let scheme = Scheme::for_ecosystem(ecosystem);
    let mut out: Vec<String> = listed
        .iter()
        .map(|v| scheme.parse(v))
        .filter(Version::is_valid)
        .map(|v| v.canonical().to_string())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The OSV evaluation algorithm walks the events in version order and lets each event at or
/// below the version switch "affected" on (`introduced`) or off (`fixed` / `limit`, and
/// `last_affected` strictly below it); the state after the walk is the state set by the
/// greatest such event (on ties, the later one in the record). Finding that event directly
/// needs no sort, so an inconsistent order on malformed versions cannot make it panic.
fn in_range(version: &Version, events: &[(Kind, Bound)]) -> bool {
    let mut last: Option<&(Kind, Bound)> = None;
    for e in events {
        // How the version compares with the event's boundary.
        let o = e.1.cmp_version(version);
        let applies = match e.0 {
            Kind::Introduced | Kind::Fixed => o != Ordering::Less,
            Kind::LastAffected => o == Ordering::Greater,
        };
        if applies && last.is_none_or(|l| l.1.cmp(&e.1) != Ordering::Greater) {
            last = Some(e);
        }
    }
    last.is_some_and(|e| e.0 == Kind::Introduced)
}

/// Whether `version` of a package of `ecosystem` is affected by this entry.
pub fn is_affected(ecosystem: &str, version: &str, a: &Affected) -> bool {
    let c = CompiledAffected::new(ecosystem, a);
    c.affects(&c.scheme.parse(version))
}

/// Every `fixed` version of the entry's ranges, in version order without duplicates.
pub fn fixed_versions(ecosystem: &str, a: &Affected) -> Vec<String> {
    CompiledAffected::new(ecosystem, a)
        .fixed
        .iter()
        .map(|v| v.as_str().to_string())
        .collect()
}

/// The smallest version above `current` that no entry in `all` affects, among the fixed
/// versions the entries name; `None` when no such version is known.
///
/// Candidates are tried in ascending order and each stops at the first entry that still
/// affects it, so most candidates cost one or two range checks.
pub fn smallest_upgrade(current: &Version, all: &[&CompiledAffected]) -> Option<Version> {
    let mut candidates: Vec<Version> = all
        .iter()
        .flat_map(|a| a.fixed.iter())
        .filter(|f| f.compare(current).is_gt())
        .cloned()
        .collect();
    sort_dedup(&mut candidates);
    candidates
        .into_iter()
        .find(|c| all.iter().all(|a| !a.affects(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osv::Event;

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
    fn events_out_of_order_in_the_record() {
        // OSV does not require events in version order; evaluation sorts them.
        let a = affected(
            "SEMVER",
            vec![
                ev("f", "2.0.0"),
                ev("i", "1.5.0"),
                ev("f", "1.2.0"),
                ev("i", "0"),
            ],
            &[],
        );
        for (v, want) in [
            ("1.1.0", true),
            ("1.2.0", false),
            ("1.5.0", true),
            ("2.0.0", false),
        ] {
            assert_eq!(is_affected("npm", v, &a), want, "{v}");
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
        let (a, b) = (
            CompiledAffected::new("PyPI", &a),
            CompiledAffected::new("PyPI", &b),
        );
        let up = |v: &str, all: &[&CompiledAffected]| {
            smallest_upgrade(&Scheme::Pep440.parse(v), all).map(|u| u.as_str().to_string())
        };
        assert_eq!(up("2.2.10", &[&a, &b]).as_deref(), Some("2.2.28"));
        assert_eq!(up("2.2.28", &[&a, &b]).as_deref(), Some("3.2.14"));
        assert_eq!(up("3.2.14", &[&a, &b]), None);
        assert_eq!(up("3.1", &[&a, &b]).as_deref(), Some("3.2.14"));
        let open = CompiledAffected::new("PyPI", &affected("ECOSYSTEM", vec![ev("i", "0")], &[]));
        assert_eq!(up("1.0", &[&open]), None);
        let fixed: Vec<&str> = b.fixed().iter().map(Version::as_str).collect();
        assert_eq!(fixed, ["2.2.28", "3.2.14"]);
    }
}
