//! The fallback for ecosystems without their own rules and for versions that do not parse under
//! them: runs of digits compare as numbers, runs of letters as text, numbers after text, and a
//! longer version after its prefix. Total and deterministic, never a panic.

use std::cmp::Ordering;

use crate::cmp_numeric;

fn runs(v: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push((true, &v[start..i]));
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push((false, &v[start..i]));
        } else {
            i += 1;
            // Multi-byte characters: skip to the next char boundary.
            while i < b.len() && !v.is_char_boundary(i) {
                i += 1;
            }
        }
    }
    out
}

pub fn compare(a: &str, b: &str) -> Ordering {
    let (x, y) = (runs(a), runs(b));
    for (p, q) in x.iter().zip(&y) {
        let o = match (p.0, q.0) {
            (true, true) => cmp_numeric(p.1, q.1),
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => p.1.cmp(q.1),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, assert_ascending};

    #[test]
    fn generic_order() {
        assert_ascending(Scheme::Generic, &["1.0", "1.0.1", "1.2", "1.10", "2"]);
    }
}
