//! RubyGems' `Gem::Version`: segments are runs of digits (numbers) or letters (strings); a
//! version with a letter is a pre-release; trailing zeros of the release and pre-release parts
//! are dropped; a string segment sorts before a number.

use std::cmp::Ordering;

use crate::cmp_numeric;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Num(String),
    Str(String),
}

/// `Gem::Version::ANCHORED_VERSION_PATTERN`: `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`.
pub(crate) fn parse(v: &str) -> Option<Vec<Seg>> {
    let v = v.trim();
    let (main, pre) = match v.split_once('-') {
        Some((m, p)) => (m, Some(p)),
        None => (v, None),
    };
    let mut parts = main.split('.');
    let first = parts.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if parts.any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric())) {
        return None;
    }
    if let Some(p) = pre
        && p.split('.')
            .any(|x| x.is_empty() || !x.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    {
        return None;
    }
    // Gem::Version turns "-" into ".pre." before splitting.
    let full = v.replace('-', ".pre.");
    let mut segs = Vec::new();
    let bytes = full.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            segs.push(Seg::Num(full[start..i].to_string()));
        } else if bytes[i].is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            segs.push(Seg::Str(full[start..i].to_string()));
        } else {
            i += 1;
        }
    }
    Some(canonical(segs))
}

fn is_zero(s: &Seg) -> bool {
    matches!(s, Seg::Num(n) if n.bytes().all(|b| b == b'0'))
}

/// `canonical_segments`: drop trailing zeros of the release part and of the pre-release part.
fn canonical(segs: Vec<Seg>) -> Vec<Seg> {
    let split = segs
        .iter()
        .position(|s| matches!(s, Seg::Str(_)))
        .unwrap_or(segs.len());
    let (release, pre) = segs.split_at(split);
    let mut release = release.to_vec();
    while release.last().is_some_and(is_zero) {
        release.pop();
    }
    let mut pre = pre.to_vec();
    while pre.last().is_some_and(is_zero) {
        pre.pop();
    }
    release.extend(pre);
    release
}

/// Equal for versions `Gem::Version` orders as equal (segments are already canonical).
pub(crate) fn canonical_key(segs: &[Seg]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Num(n) => crate::norm_num(n).to_string(),
            Seg::Str(s) => format!("'{s}"),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// `Gem::Version#<=>` on canonical segments; missing segments are zeros.
pub(crate) fn cmp(x: &[Seg], y: &[Seg]) -> Ordering {
    let zero = Seg::Num("0".into());
    for i in 0..x.len().max(y.len()) {
        let l = x.get(i).unwrap_or(&zero);
        let r = y.get(i).unwrap_or(&zero);
        let o = match (l, r) {
            (Seg::Num(p), Seg::Num(q)) => cmp_numeric(p, q),
            (Seg::Str(_), Seg::Num(_)) => Ordering::Less,
            (Seg::Num(_), Seg::Str(_)) => Ordering::Greater,
            (Seg::Str(p), Seg::Str(q)) => p.cmp(q),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, assert_ascending, assert_equal};

    #[test]
    fn gem_version_ordering() {
        // rubygems test_gem_version.rb: test_spaceship, test_semver and prerelease ordering.
        assert_ascending(
            Scheme::RubyGems,
            &[
                "1.0.0.a1",
                "1.0.0.a10",
                "1.0.0.b1",
                "1.0.0.pre",
                "1.0.0.rc1",
                "1.0.0",
                "1.0.1.a",
                "1.0.1",
                "1.1",
                "5.a",
                "5.b",
                "5",
                "5.1",
            ],
        );
        assert_ascending(
            Scheme::RubyGems,
            &[
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0.0",
            ],
        );
        assert_ascending(
            Scheme::RubyGems,
            &["1.9.3", "1.9.3.1", "1.10", "2.0.0.rc1", "2.0.0"],
        );
    }

    #[test]
    fn gem_version_equality() {
        // "1.0" == "1" == "1.0.0"; "1.8.2.a" == "1.8.2.a0" (trailing zeros of the pre-release).
        assert_equal(Scheme::RubyGems, &["1.0", "1", "1.0.0"]);
        assert_equal(Scheme::RubyGems, &["1.8.2.a", "1.8.2.a0", "1.8.2.a.0"]);
        assert_equal(Scheme::RubyGems, &["1.2.b1", "1.2.b.1"]);
    }

    #[test]
    fn invalid_gem_versions() {
        for v in ["junk", "1.0\n2.0", "1..2", "1.2 3.4", "", "-1"] {
            assert!(!Scheme::RubyGems.is_valid(v), "{v:?}");
        }
    }
}
