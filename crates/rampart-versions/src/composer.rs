//! Composer (Packagist): versions are normalised the way Composer's `VersionParser` does
//! (`v` dropped, four numeric parts, stability suffixes spelled out), then compared with PHP's
//! `version_compare` rules: `dev < alpha = a < beta = b < RC = rc < (number) < pl = p`, and any
//! other word before all of them.

use std::cmp::Ordering;

use crate::cmp_numeric;

/// Splits into PHP's canonical parts: `_ - +` become separators, and a change between digits
/// and letters starts a new part.
fn php_parts(v: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut last: Option<bool> = None;
    for c in v.chars() {
        if matches!(c, '.' | '-' | '_' | '+') {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            last = None;
            continue;
        }
        let digit = c.is_ascii_digit();
        if last.is_some_and(|l| l != digit) && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        last = Some(digit);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

fn special(p: &str) -> i32 {
    let p = p.to_ascii_lowercase();
    if p.starts_with("dev") {
        0
    } else if p.starts_with("alpha") || p.starts_with('a') && !p.starts_with("any") {
        1
    } else if p.starts_with("beta") || p.starts_with('b') {
        2
    } else if p.starts_with("rc") {
        3
    } else if p.starts_with('#') {
        4
    } else if p.starts_with("pl") || p.starts_with('p') {
        5
    } else {
        -6
    }
}

fn cmp_part(a: &str, b: &str) -> Ordering {
    let ad = a.bytes().all(|c| c.is_ascii_digit());
    let bd = b.bytes().all(|c| c.is_ascii_digit());
    match (ad, bd) {
        (true, true) => cmp_numeric(a, b),
        (false, false) => special(a).cmp(&special(b)),
        (true, false) => special("#").cmp(&special(b)),
        (false, true) => special(a).cmp(&special("#")),
    }
}

/// Composer's normalisation of the numeric part: `v1.2` → `1.2.0.0`; `patch`/`pl` stay `p`.
fn normalize(v: &str) -> String {
    let v = v.trim();
    let v = v
        .strip_prefix('v')
        .or_else(|| v.strip_prefix('V'))
        .unwrap_or(v);
    let end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (num, rest) = v.split_at(end);
    let num = num.trim_end_matches('.');
    let mut nums: Vec<&str> = num.split('.').filter(|s| !s.is_empty()).collect();
    if nums.is_empty() {
        return v.to_string();
    }
    while nums.len() < 4 {
        nums.push("0");
    }
    format!("{}{}", nums.join("."), rest)
}

/// The parts `version_compare` sees once Composer has normalised the version.
pub(crate) fn parse(v: &str) -> Vec<String> {
    php_parts(&normalize(v))
}

/// Composer's version syntax uses letters, digits and `. - _ +` only; anything else (such as
/// PHP's internal `#` marker, which ties with every number) is not a Composer version.
pub(crate) fn is_valid(v: &str) -> bool {
    !v.is_empty()
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
}

/// Equal for versions `version_compare` orders as equal: numbers by value, words by the rank
/// PHP gives them.
pub(crate) fn canonical(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| {
            if p.bytes().all(|c| c.is_ascii_digit()) {
                crate::norm_num(p).to_string()
            } else {
                format!("~{}", special(p))
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

pub(crate) fn cmp(x: &[String], y: &[String]) -> Ordering {
    for i in 0..x.len().max(y.len()) {
        let o = match (x.get(i), y.get(i)) {
            (Some(p), Some(q)) => cmp_part(p, q),
            // PHP: a longer version wins if its extra part is a number, otherwise the extra
            // part is compared with "#" (a number).
            (Some(p), None) => {
                if p.bytes().all(|c| c.is_ascii_digit()) {
                    Ordering::Greater
                } else {
                    cmp_part(p, "#")
                }
            }
            (None, Some(q)) => {
                if q.bytes().all(|c| c.is_ascii_digit()) {
                    Ordering::Less
                } else {
                    cmp_part("#", q)
                }
            }
            (None, None) => Ordering::Equal,
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
    fn php_version_compare_special_forms() {
        // PHP manual, version_compare(): dev < alpha = a < beta = b < RC = rc < # < pl = p.
        assert_ascending(
            Scheme::Composer,
            &[
                "1.0.0-dev",
                "1.0.0-alpha1",
                "1.0.0-beta2",
                "1.0.0-RC1",
                "1.0.0",
                "1.0.0-patch1",
                "1.0.1",
            ],
        );
        assert_equal(
            Scheme::Composer,
            &["1.0.0-alpha1", "1.0.0-a1", "1.0.0alpha1"],
        );
        assert_equal(Scheme::Composer, &["1.0.0-pl1", "1.0.0-p1", "1.0.0-patch1"]);
    }

    #[test]
    fn composer_normalisation() {
        assert_equal(Scheme::Composer, &["v2.1", "2.1.0", "2.1.0.0"]);
        assert_ascending(
            Scheme::Composer,
            &[
                "4.4.49",
                "5.4.0-BETA1",
                "5.4.0-RC1",
                "5.4.0",
                "5.4.46",
                "v6.0.3",
                "10.0.0",
            ],
        );
    }
}
