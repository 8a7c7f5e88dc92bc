//! NuGet's `NuGetVersion`: up to four numeric parts (missing ones are 0), SemVer 2.0 release
//! labels compared case-insensitively, build metadata ignored.

use std::cmp::Ordering;

use crate::cmp_numeric;
use crate::semver::cmp_ids;

#[derive(Debug, Clone)]
pub(crate) struct NuGet {
    nums: [String; 4],
    labels: Vec<String>,
}

pub(crate) fn parse(v: &str) -> Option<NuGet> {
    let v = v.trim();
    let v = v.split_once('+').map_or(v, |(a, _)| a);
    let (core, pre) = match v.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (v, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty()
        || parts.len() > 4
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut nums: [String; 4] = Default::default();
    for (i, n) in nums.iter_mut().enumerate() {
        *n = parts.get(i).unwrap_or(&"0").to_string();
    }
    let labels = match pre {
        Some(p) => {
            let l: Vec<String> = p.split('.').map(|s| s.to_ascii_lowercase()).collect();
            if l.iter()
                .any(|s| s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            {
                return None;
            }
            l
        }
        None => Vec::new(),
    };
    Some(NuGet { nums, labels })
}

/// Equal for versions NuGet orders as equal (labels are lower-cased by `parse`).
pub(crate) fn canonical(v: &NuGet) -> String {
    let nums: Vec<&str> = v.nums.iter().map(|n| crate::norm_num(n)).collect();
    let mut s = nums.join(".");
    if !v.labels.is_empty() {
        s.push('-');
        s.push_str(&crate::canonical_ids(&v.labels));
    }
    s
}

pub(crate) fn cmp(x: &NuGet, y: &NuGet) -> Ordering {
    for i in 0..4 {
        let o = cmp_numeric(&x.nums[i], &y.nums[i]);
        if o != Ordering::Equal {
            return o;
        }
    }
    match (x.labels.is_empty(), y.labels.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => cmp_ids(&x.labels, &y.labels),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, assert_ascending, assert_equal};

    #[test]
    fn nuget_version_ordering() {
        // NuGet.Versioning VersionComparer tests: four parts, case-insensitive labels.
        assert_equal(Scheme::NuGet, &["1.0", "1.0.0", "1.0.0.0", "1.0.0+build.1"]);
        assert_equal(Scheme::NuGet, &["1.0.0-BETA", "1.0.0-beta"]);
        assert_ascending(
            Scheme::NuGet,
            &[
                "1.0.0-alpha",
                "1.0.0-alpha.2",
                "1.0.0-alpha.10",
                "1.0.0-beta",
                "1.0.0",
                "1.0.0.1",
                "1.0.1",
                "4.1.0",
                "13.0.1",
            ],
        );
        assert!(!Scheme::NuGet.is_valid("1.0.0.0.0"));
    }
}
