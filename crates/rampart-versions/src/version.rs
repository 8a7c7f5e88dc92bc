//! A version parsed once under its ecosystem's rules, so that matching a package against many
//! advisory boundaries compares parsed forms instead of re-parsing text for every comparison.

use std::cmp::Ordering;
use std::sync::OnceLock;

use crate::pep440::Pep440;
use crate::semver::SemVer;
use crate::{Scheme, composer, generic, maven, nuget, rubygems};

/// Versions longer than this are not read under any ecosystem's rules (no real release is
/// that long); they compare with the generic fallback, which is iterative, so hostile input
/// cannot make a recursive parser run deep.
pub const MAX_LEN: usize = 256;

#[derive(Debug, Clone)]
enum Key {
    /// SemVer precedence (npm, crates.io, Go, Hex …).
    SemVer(SemVer),
    /// Pub: SemVer where build metadata counts.
    Pub(SemVer),
    Pep440(Pep440),
    Maven(Vec<maven::Item>),
    RubyGems(Vec<rubygems::Seg>),
    Composer(Vec<String>),
    NuGet(nuget::NuGet),
    /// Not readable under the ecosystem's rules: compared with [`generic::compare`].
    Generic,
}

/// A version of one ecosystem, parsed (see [`Scheme::parse`]).
#[derive(Debug, Clone)]
pub struct Version {
    raw: String,
    key: Key,
    valid: bool,
    canonical: OnceLock<String>,
}

impl Scheme {
    /// Parses `v` (trimmed) under this ecosystem's rules; never fails: a version the rules
    /// cannot read is kept for the generic comparison and reports `is_valid() == false`.
    pub fn parse(self, v: &str) -> Version {
        let raw = v.trim();
        let key = if raw.len() > MAX_LEN {
            None
        } else {
            match self {
                Scheme::SemVer | Scheme::Go => SemVer::parse(raw).map(Key::SemVer),
                Scheme::Pub => SemVer::parse(raw).map(Key::Pub),
                Scheme::Pep440 => Pep440::parse(raw).map(Key::Pep440),
                Scheme::Maven => Some(Key::Maven(maven::parse(raw))),
                Scheme::RubyGems => rubygems::parse(raw).map(Key::RubyGems),
                Scheme::Composer => {
                    composer::is_valid(raw).then(|| Key::Composer(composer::parse(raw)))
                }
                Scheme::NuGet => nuget::parse(raw).map(Key::NuGet),
                Scheme::Generic => None,
            }
        };
        let valid = match (&key, self) {
            (Some(Key::Maven(_)), _) => !raw.is_empty(),
            (Some(_), _) => true,
            (None, Scheme::Generic) => !raw.is_empty() && raw.len() <= MAX_LEN,
            (None, _) => false,
        };
        Version {
            raw: raw.to_string(),
            key: key.unwrap_or(Key::Generic),
            valid,
            canonical: OnceLock::new(),
        }
    }
}

impl Version {
    /// The version as written (trimmed).
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Whether the ecosystem's own rules read this version (not only the generic fallback).
    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// Valid, and of a shape on which the ecosystem's order is a total order: always the same
    /// as [`Version::is_valid`] except for Maven, whose `ComparableVersion` has cycles on some
    /// unusual shapes (see `maven::is_regular`).
    pub fn is_regular(&self) -> bool {
        match &self.key {
            Key::Maven(items) => self.valid && maven::is_regular(items),
            _ => self.valid,
        }
    }

    /// The ecosystem's order; when either side is not readable under the ecosystem's rules,
    /// the generic comparison of both texts. This is [`Scheme::compare`].
    pub fn compare(&self, o: &Version) -> Ordering {
        match (&self.key, &o.key) {
            (Key::SemVer(a), Key::SemVer(b)) => a.cmp_precedence(b),
            (Key::Pub(a), Key::Pub(b)) => a.cmp_pub(b),
            (Key::Pep440(a), Key::Pep440(b)) => a.cmp(b),
            (Key::Maven(a), Key::Maven(b)) => maven::cmp_lists(a, b),
            (Key::RubyGems(a), Key::RubyGems(b)) => rubygems::cmp(a, b),
            (Key::Composer(a), Key::Composer(b)) => composer::cmp(a, b),
            (Key::NuGet(a), Key::NuGet(b)) => nuget::cmp(a, b),
            _ => generic::compare(&self.raw, &o.raw),
        }
    }

    /// A spelling shared by exactly the versions that [`Version::compare`] finds equal
    /// (`1.0` and `1.0.0`; `1.0.0+build` and `1.0.0` under SemVer): sets of versions can then be
    /// hash sets. Unreadable versions are only equal to themselves.
    pub fn canonical(&self) -> &str {
        self.canonical.get_or_init(|| match &self.key {
            Key::SemVer(v) => v.canonical(false),
            Key::Pub(v) => v.canonical(true),
            Key::Pep440(v) => v.canonical(),
            Key::Maven(v) => maven::canonical(v),
            Key::RubyGems(v) => rubygems::canonical_key(v),
            Key::Composer(v) => composer::canonical(v),
            Key::NuGet(v) => nuget::canonical(v),
            Key::Generic => self.raw.clone(),
        })
    }

    /// A total order for sorting: versions the ecosystem's rules read come after those they do
    /// not, each group in its own order. [`Version::compare`] mixes the two orders when one side
    /// is unreadable, which is the better guess for one comparison but not transitive.
    pub fn cmp_total(&self, o: &Version) -> Ordering {
        match (self.valid, o.valid) {
            (true, true) => self.compare(o),
            (false, false) => generic::compare(&self.raw, &o.raw),
            (a, b) => a.cmp(&b),
        }
    }
}

/// Sorts ascending by [`Version::cmp_total`] and drops versions equal to their predecessor.
///
/// A merge sort written out here: unlike `slice::sort_by`, it cannot panic should a malformed
/// version ever make an ecosystem's order inconsistent (advisory data is input too).
pub fn sort_dedup(versions: &mut Vec<Version>) {
    let mut width = 1;
    while width < versions.len() {
        let mut merged = Vec::with_capacity(versions.len());
        let mut rest = std::mem::take(versions).into_iter().peekable();
        while rest.peek().is_some() {
            let left: Vec<Version> = rest.by_ref().take(width).collect();
            let right: Vec<Version> = rest.by_ref().take(width).collect();
            merge(left, right, &mut merged);
        }
        *versions = merged;
        width *= 2;
    }
    versions.dedup_by(|b, a| a.cmp_total(b).is_eq());
}

fn merge(left: Vec<Version>, right: Vec<Version>, out: &mut Vec<Version>) {
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        let take_right = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => b.cmp_total(a).is_lt(),
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => return,
        };
        out.extend(if take_right { r.next() } else { l.next() });
    }
}

/// Whether a list sorted with [`sort_dedup`] holds a version equal to `v`.
pub fn contains_sorted(sorted: &[Version], v: &Version) -> bool {
    sorted.binary_search_by(|x| x.cmp_total(v)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_versions_compare_like_text() {
        let s = Scheme::Pep440;
        let (a, b) = (s.parse(" 1.0.post1 "), s.parse("1.0"));
        assert_eq!(a.as_str(), "1.0.post1");
        assert!(a.is_valid() && a.compare(&b).is_gt());
        assert_eq!(s.compare("1.0.post1", "1.0"), Ordering::Greater);
        assert!(!s.parse("not a version").is_valid());
        assert!(!Scheme::Maven.parse(&"1".repeat(MAX_LEN + 1)).is_valid());
        assert!(!Scheme::Composer.parse("1.#").is_valid());
        for (s, a, b) in [
            (Scheme::SemVer, "v1.02.0+build", "1.2"),
            (Scheme::Pub, "1.2.3+01", "1.2.3+1"),
            (Scheme::Pep440, "1.0.0-ALPHA.1", "1a1"),
            (
                Scheme::Pep440,
                "1!2.0.post1+Ubuntu.01",
                "1!2.post1+ubuntu.1",
            ),
            (Scheme::Maven, "1.0-RELEASE", "1"),
            (Scheme::RubyGems, "1.8.2.a0", "1.8.2.a"),
            (Scheme::Composer, "v1.0.0-alpha1", "1.0.0.0-a1"),
            (Scheme::NuGet, "1.0.0-BETA.01", "1.0.0.0-beta.1"),
        ] {
            let (x, y) = (s.parse(a), s.parse(b));
            assert!(x.compare(&y).is_eq(), "{s:?} {a} {b}");
            assert_eq!(x.canonical(), y.canonical(), "{s:?} {a} {b}");
        }
        assert_ne!(
            Scheme::Pub.parse("1.2.3+1").canonical(),
            Scheme::Pub.parse("1.2.3").canonical()
        );
    }

    #[test]
    fn sort_dedup_puts_unreadable_versions_first() {
        let s = Scheme::SemVer;
        let mut v: Vec<Version> = ["1.10.0", "junk!", "1.9.0", "v1.9.0", "1.0.0-rc.1"]
            .iter()
            .map(|x| s.parse(x))
            .collect();
        sort_dedup(&mut v);
        let got: Vec<&str> = v.iter().map(Version::as_str).collect();
        assert_eq!(got, ["junk!", "1.0.0-rc.1", "1.9.0", "1.10.0"]);
        assert!(contains_sorted(&v, &s.parse("1.9")));
        assert!(!contains_sorted(&v, &s.parse("1.9.1")));
        let mut many: Vec<Version> = (0..50).rev().map(|i| s.parse(&format!("1.{i}"))).collect();
        many.extend((0..50).map(|i| s.parse(&format!("v1.{i}.0"))));
        sort_dedup(&mut many);
        assert_eq!(many.len(), 50);
        assert!(many.windows(2).all(|w| w[0].compare(&w[1]).is_lt()));
    }
}
