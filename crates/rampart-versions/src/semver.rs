//! SemVer 2.0 precedence (npm, crates.io, Hex, Go) and Pub's variant of it.
//!
//! Parsing is lenient the way lockfiles and advisories need: a leading `v`/`V`/`=`, missing
//! minor or patch (`1.2` is `1.2.0`) and leading zeros are accepted. Go's `+incompatible` is
//! build metadata and pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`) are ordinary
//! pre-releases, so both order exactly as the Go tool orders them.

use std::cmp::Ordering;

use crate::cmp_numeric;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SemVer {
    pub major: String,
    pub minor: String,
    pub patch: String,
    pub pre: Vec<String>,
    pub build: Vec<String>,
}

impl SemVer {
    pub fn parse(s: &str) -> Option<SemVer> {
        let s = s.trim();
        let s = s.strip_prefix('=').unwrap_or(s).trim_start();
        let s = s
            .strip_prefix('v')
            .or_else(|| s.strip_prefix('V'))
            .unwrap_or(s);
        let (rest, build) = match s.split_once('+') {
            Some((r, b)) => (r, split_ids(b)?),
            None => (s, Vec::new()),
        };
        let (core, pre) = match rest.split_once('-') {
            Some((c, p)) => (c, split_ids(p)?),
            None => (rest, Vec::new()),
        };
        let mut nums = core.split('.');
        let major = number(nums.next()?)?;
        let minor = nums.next().map_or(Some("0".to_string()), number)?;
        let patch = nums.next().map_or(Some("0".to_string()), number)?;
        if nums.next().is_some() {
            return None;
        }
        Some(SemVer {
            major,
            minor,
            patch,
            pre,
            build,
        })
    }

    fn cmp_core(&self, o: &SemVer) -> Ordering {
        cmp_numeric(&self.major, &o.major)
            .then_with(|| cmp_numeric(&self.minor, &o.minor))
            .then_with(|| cmp_numeric(&self.patch, &o.patch))
    }

    /// SemVer 2.0 §11: build metadata does not count.
    pub fn cmp_precedence(&self, o: &SemVer) -> Ordering {
        self.cmp_core(o).then_with(|| cmp_pre(&self.pre, &o.pre))
    }

    /// Pub (`pub_semver`): like SemVer, but a version with build metadata comes after the same
    /// version without, and builds compare like pre-release identifiers.
    pub fn cmp_pub(&self, o: &SemVer) -> Ordering {
        self.cmp_precedence(o)
            .then_with(|| match (self.build.is_empty(), o.build.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                (false, false) => cmp_ids(&self.build, &o.build),
            })
    }
}

impl SemVer {
    /// Equal for versions of equal precedence (build metadata dropped; with `build`, kept as
    /// Pub orders it).
    pub(crate) fn canonical(&self, build: bool) -> String {
        use crate::{canonical_ids, norm_num};
        let mut s = format!(
            "{}.{}.{}",
            norm_num(&self.major),
            norm_num(&self.minor),
            norm_num(&self.patch)
        );
        if !self.pre.is_empty() {
            s.push('-');
            s.push_str(&canonical_ids(&self.pre));
        }
        if build && !self.build.is_empty() {
            s.push('+');
            s.push_str(&canonical_ids(&self.build));
        }
        s
    }
}

fn number(s: &str) -> Option<String> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.to_string())
}

fn split_ids(s: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = s.split('.').map(str::to_string).collect();
    let ok = ids
        .iter()
        .all(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    ok.then_some(ids)
}

/// A version without pre-release identifiers has higher precedence than one with.
fn cmp_pre(a: &[String], b: &[String]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => cmp_ids(a, b),
    }
}

/// Identifier by identifier: numeric ones by value and below alphanumeric ones, which compare
/// in ASCII order; a shorter list that is a prefix of the other comes first.
pub(crate) fn cmp_ids(a: &[String], b: &[String]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let xn = x.bytes().all(|c| c.is_ascii_digit());
        let yn = y.bytes().all(|c| c.is_ascii_digit());
        let o = match (xn, yn) {
            (true, true) => cmp_numeric(x, y),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => x.cmp(y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, assert_ascending, assert_equal};

    #[test]
    fn semver_spec_precedence_example() {
        // SemVer 2.0.0 §11, verbatim.
        assert_ascending(
            Scheme::SemVer,
            &[
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0.0",
                "2.0.0",
                "2.1.0",
                "2.1.1",
            ],
        );
    }

    #[test]
    fn build_metadata_is_ignored_and_numbers_are_not_strings() {
        assert_equal(
            Scheme::SemVer,
            &["1.0.0+20130313144700", "1.0.0", "v1.0.0", "=1.0.0"],
        );
        assert_ascending(Scheme::SemVer, &["1.9.0", "1.10.0", "1.11.0", "10.0.0"]);
        assert_ascending(
            Scheme::SemVer,
            &["0.0.1", "0.1.0", "1.2.3-9", "1.2.3-10", "1.2.3-1a", "1.2.3"],
        );
        // Bigger than u64.
        assert_ascending(
            Scheme::SemVer,
            &["1.0.18446744073709551615", "1.0.18446744073709551616"],
        );
    }

    #[test]
    fn go_v_prefix_incompatible_and_pseudo_versions() {
        assert_equal(Scheme::Go, &["v2.0.0+incompatible", "2.0.0", "v2.0.0"]);
        // Pseudo-versions of golang.org/x modules, in the order the Go tool sorts them
        // (cmd/go: vX.0.0-yyyymmddhhmmss-abcdefabcdef, vX.Y.(Z+1)-0.yyyymmddhhmmss-…,
        // vX.Y.Z-pre.0.yyyymmddhhmmss-…).
        assert_ascending(
            Scheme::Go,
            &[
                "v0.0.0-20190308221718-c2843e01d9a2",
                "v0.0.0-20191109021931-daa7c04131f5",
                "v0.0.0-20200622213623-75b288015ac9",
                "v0.1.0",
                "v0.3.3",
                "v0.3.4-0.20200608061201-1901b56b9515",
                "v0.3.4",
                "v1.2.4-beta.0.20210101000000-abcdefabcdef",
                "v1.2.4-beta.1",
                "v1.2.4",
                "v17.0.0+incompatible",
            ],
        );
    }

    #[test]
    fn pub_build_metadata_counts() {
        // pub_semver: "1.2.3+1" > "1.2.3"; builds compare like pre-release identifiers.
        assert_ascending(
            Scheme::Pub,
            &[
                "1.2.3-alpha",
                "1.2.3",
                "1.2.3+1",
                "1.2.3+1.1",
                "1.2.3+build",
                "1.2.4",
            ],
        );
    }

    #[test]
    fn not_semver() {
        assert!(!Scheme::SemVer.is_valid("1.2.3.4"));
        assert!(!Scheme::SemVer.is_valid("abc"));
        assert!(!Scheme::SemVer.is_valid("1.2.3-"));
        assert!(Scheme::SemVer.is_valid("1.2"));
    }
}
