//! Version ordering per package ecosystem, as OSV range matching needs it: a total order on the
//! versions of one ecosystem, not range syntax.
//!
//! Every ecosystem gets its own rules: SemVer 2.0 precedence (npm, crates.io, Go with `v`,
//! `+incompatible` and pseudo-versions, Hex), Pub (SemVer where build metadata counts), PEP 440
//! (PyPI), Maven's `ComparableVersion`, RubyGems' `Gem::Version`, Composer (PHP
//! `version_compare` on normalised versions) and NuGet. Anything else, or a version that does not
//! parse under its ecosystem's rules, falls back to a generic numeric/alphabetic comparison, so
//! comparing never fails and never panics.

use std::cmp::Ordering;

mod composer;
mod generic;
mod maven;
mod nuget;
mod pep440;
mod rubygems;
mod semver;
mod version;

pub use pep440::Pep440;
pub use semver::SemVer;
pub use version::{MAX_LEN, Version, contains_sorted, sort_dedup};

/// The ordering rules of one ecosystem (OSV ecosystem names; a `:suffix` such as `Debian:12` is
/// ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    SemVer,
    Go,
    Pub,
    Pep440,
    Maven,
    RubyGems,
    Composer,
    NuGet,
    Generic,
}

impl Scheme {
    pub fn for_ecosystem(ecosystem: &str) -> Scheme {
        let base = ecosystem.split(':').next().unwrap_or(ecosystem);
        match base {
            "npm" | "crates.io" | "Hex" | "SwiftURL" | "Bitnami" => Scheme::SemVer,
            "Go" => Scheme::Go,
            "Pub" => Scheme::Pub,
            "PyPI" => Scheme::Pep440,
            "Maven" => Scheme::Maven,
            "RubyGems" => Scheme::RubyGems,
            "Packagist" => Scheme::Composer,
            "NuGet" => Scheme::NuGet,
            _ => Scheme::Generic,
        }
    }

    /// Compares two versions of this ecosystem (parsing both; to compare one version with many,
    /// [`Scheme::parse`] it once).
    pub fn compare(self, a: &str, b: &str) -> Ordering {
        self.parse(a).compare(&self.parse(b))
    }

    /// Whether `v` parses under this ecosystem's own rules (not the generic fallback).
    pub fn is_valid(self, v: &str) -> bool {
        self.parse(v).is_valid()
    }
}

/// Compares two versions under the rules of `ecosystem` (an OSV ecosystem name).
pub fn compare(ecosystem: &str, a: &str, b: &str) -> Ordering {
    Scheme::for_ecosystem(ecosystem).compare(a, b)
}

/// A string of ASCII digits without leading zeros (`"007"` → `"7"`, `"0"` stays).
pub(crate) fn norm_num(n: &str) -> &str {
    let t = n.trim_start_matches('0');
    if t.is_empty() && !n.is_empty() {
        "0"
    } else {
        t
    }
}

/// Identifiers joined with `.`, all-digit ones without leading zeros (they compare by value).
pub(crate) fn canonical_ids(ids: &[String]) -> String {
    ids.iter()
        .map(|i| {
            if i.bytes().all(|b| b.is_ascii_digit()) {
                norm_num(i)
            } else {
                i.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Compares two strings of ASCII digits by value, without overflow (leading zeros ignored).
pub(crate) fn cmp_numeric(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
pub(crate) fn assert_ascending(scheme: Scheme, versions: &[&str]) {
    for (i, a) in versions.iter().enumerate() {
        for (j, b) in versions.iter().enumerate() {
            assert_eq!(
                scheme.compare(a, b),
                i.cmp(&j),
                "{scheme:?}: {a} vs {b} should be {:?}",
                i.cmp(&j)
            );
        }
    }
}

#[cfg(test)]
pub(crate) fn assert_equal(scheme: Scheme, versions: &[&str]) {
    for a in versions {
        for b in versions {
            assert_eq!(
                scheme.compare(a, b),
                Ordering::Equal,
                "{scheme:?}: {a} == {b}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecosystem_names_pick_their_scheme() {
        assert_eq!(Scheme::for_ecosystem("PyPI"), Scheme::Pep440);
        assert_eq!(Scheme::for_ecosystem("Debian:12"), Scheme::Generic);
        assert_eq!(Scheme::for_ecosystem("Packagist"), Scheme::Composer);
        assert_eq!(compare("npm", "1.10.0", "1.9.0"), Ordering::Greater);
    }

    #[test]
    fn garbage_never_panics_and_is_total() {
        for s in [
            "", "...", "-", "v", "1..2", "🦀", "0x1F", "1.0.0-", "+", "!", "1!", "a.b.c",
        ] {
            for scheme in [
                Scheme::SemVer,
                Scheme::Go,
                Scheme::Pub,
                Scheme::Pep440,
                Scheme::Maven,
                Scheme::RubyGems,
                Scheme::Composer,
                Scheme::NuGet,
                Scheme::Generic,
            ] {
                assert_eq!(scheme.compare(s, s), Ordering::Equal, "{scheme:?} {s:?}");
                let _ = scheme.compare(s, "1.0.0");
            }
        }
    }
}
