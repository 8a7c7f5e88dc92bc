//! Maven's `ComparableVersion`: a version is a list of items (numbers, qualifiers, sub-lists
//! opened by `-` or by a change between digits and letters); well-known qualifiers order
//! `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp`, unknown
//! qualifiers come after them in lexical order, and trailing "null" items (`0`, `""`) are
//! dropped, so `1.0.0 == 1 == 1-ga`.

use std::cmp::Ordering;

use crate::cmp_numeric;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    Int(String),
    Str(String),
    List(Vec<Item>),
}

const QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

/// Where a qualifier sorts: its index among the known ones, else after all of them.
fn qualifier_key(q: &str) -> String {
    match QUALIFIERS.iter().position(|k| *k == q) {
        Some(i) => i.to_string(),
        None => format!("{}-{q}", QUALIFIERS.len()),
    }
}

fn string_item(s: &str, followed_by_digit: bool) -> Item {
    let mut v = s.to_string();
    if followed_by_digit && v.len() == 1 {
        v = match v.as_str() {
            "a" => "alpha".into(),
            "b" => "beta".into(),
            "m" => "milestone".into(),
            _ => v,
        };
    }
    let v = match v.as_str() {
        "ga" | "final" | "release" => String::new(),
        "cr" => "rc".into(),
        _ => v,
    };
    Item::Str(v)
}

fn parse_item(is_digit: bool, s: &str) -> Item {
    if is_digit {
        let t = s.trim_start_matches('0');
        Item::Int(if t.is_empty() { "0" } else { t }.to_string())
    } else {
        string_item(s, false)
    }
}

fn is_null(i: &Item) -> bool {
    match i {
        Item::Int(n) => n == "0",
        Item::Str(s) => s.is_empty(),
        Item::List(l) => l.is_empty(),
    }
}

/// Removes trailing null items, looking through trailing lists (`1.0-0` → `1`).
fn normalize(list: &mut Vec<Item>) {
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if let Item::List(inner) = &mut list[i] {
            normalize(inner);
        }
        if is_null(&list[i]) {
            list.remove(i);
        } else if !matches!(list[i], Item::List(_)) {
            break;
        }
    }
}

pub(crate) fn parse(version: &str) -> Vec<Item> {
    let v = version.to_ascii_lowercase();
    let chars: Vec<char> = v.chars().collect();
    // A stack of open lists; each new list is appended to its parent when closed.
    let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
    let mut is_digit = false;
    let mut start = 0;
    let sub = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    for (i, &c) in chars.iter().enumerate() {
        let top = stack.len() - 1;
        if c == '.' {
            let item = if i == start {
                Item::Int("0".into())
            } else {
                parse_item(is_digit, &sub(start, i))
            };
            stack[top].push(item);
            start = i + 1;
        } else if c == '-' {
            let item = if i == start {
                Item::Int("0".into())
            } else {
                parse_item(is_digit, &sub(start, i))
            };
            stack[top].push(item);
            start = i + 1;
            stack.push(Vec::new());
        } else if c.is_ascii_digit() {
            if !is_digit && i > start {
                // MNG-7644 (Maven 3.9): `.X1` reads as `-X1`, a qualifier opens a sub-list.
                if !stack[top].is_empty() {
                    stack.push(Vec::new());
                }
                let top = stack.len() - 1;
                stack[top].push(string_item(&sub(start, i), true));
                start = i;
                stack.push(Vec::new());
            }
            is_digit = true;
        } else {
            if is_digit && i > start {
                stack[top].push(parse_item(true, &sub(start, i)));
                start = i;
                stack.push(Vec::new());
            }
            is_digit = false;
        }
    }
    if chars.len() > start {
        // MNG-7644 again: a trailing `.X` reads as `-X` (`2.0.a` = `2-a`).
        if !is_digit && !stack[stack.len() - 1].is_empty() {
            stack.push(Vec::new());
        }
        let top = stack.len() - 1;
        stack[top].push(parse_item(is_digit, &sub(start, chars.len())));
    }
    while stack.len() > 1 {
        let mut list = stack.pop().unwrap_or_default();
        normalize(&mut list);
        let top = stack.len() - 1;
        stack[top].push(Item::List(list));
    }
    let mut root = stack.pop().unwrap_or_default();
    normalize(&mut root);
    root
}

/// Equal for versions `ComparableVersion` orders as equal: the parsed, normalised item tree.
/// Sound because a normalised non-empty list never equals a missing item (its last item is
/// non-null), so equal versions have item trees of the same shape.
pub(crate) fn canonical(items: &[Item]) -> String {
    format!("{items:?}")
}

/// Whether the version has the usual shape — it starts with a number, a qualifier only ever
/// opens its list (`1-rc-1`, `1.0.RC1`, not `1.0.RC.1`), and no list opens with a list (`1-0-rc`)
/// — on which `ComparableVersion` is a total order. Outside it Maven's own comparison has
/// cycles (`1-sp` < `1-0-rc` < `1` < `1-sp`); rampart follows Maven there too, and sorts
/// without relying on transitivity.
pub(crate) fn is_regular(items: &[Item]) -> bool {
    fn list_ok(list: &[Item]) -> bool {
        !list.is_empty()
            && !matches!(list[0], Item::List(_))
            && list[1..].iter().all(|i| !matches!(i, Item::Str(_)))
            && list.iter().all(|i| match i {
                Item::List(l) => list_ok(l),
                _ => true,
            })
    }
    items.is_empty() || (matches!(items[0], Item::Int(_)) && list_ok(items))
}

/// `a.compareTo(b)` where `b` may be null (a missing item).
fn cmp_item(a: &Item, b: Option<&Item>) -> Ordering {
    match (a, b) {
        (Item::Int(n), None) => {
            if n == "0" {
                Ordering::Equal
            } else {
                Ordering::Greater
            }
        }
        (Item::Int(x), Some(Item::Int(y))) => cmp_numeric(x, y),
        (Item::Int(_), Some(_)) => Ordering::Greater,
        (Item::Str(s), None) => qualifier_key(s).cmp(&qualifier_key("")),
        (Item::Str(_), Some(Item::Int(_))) => Ordering::Less,
        (Item::Str(x), Some(Item::Str(y))) => qualifier_key(x).cmp(&qualifier_key(y)),
        (Item::Str(_), Some(Item::List(_))) => Ordering::Less,
        // The whole list against null, not only its first item (MNG-6964): comparing the first
        // item alone made `1-0.alpha == 1 == 1-0.beta` while `1-0.alpha < 1-0.beta`.
        (Item::List(l), None) => l
            .iter()
            .map(|i| cmp_item(i, None))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal),
        (Item::List(_), Some(Item::Int(_))) => Ordering::Less,
        (Item::List(_), Some(Item::Str(_))) => Ordering::Greater,
        (Item::List(x), Some(Item::List(y))) => cmp_lists(x, y),
    }
}

pub(crate) fn cmp_lists(x: &[Item], y: &[Item]) -> Ordering {
    for i in 0..x.len().max(y.len()) {
        let o = match (x.get(i), y.get(i)) {
            (None, None) => Ordering::Equal,
            (None, Some(r)) => cmp_item(r, None).reverse(),
            (Some(l), r) => cmp_item(l, r),
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
    fn comparable_version_test_qualifiers() {
        // maven-artifact ComparableVersionTest.VERSIONS_QUALIFIER.
        assert_ascending(
            Scheme::Maven,
            &[
                "1-alpha2snapshot",
                "1-alpha2",
                "1-alpha-123",
                "1-beta-2",
                "1-beta123",
                "1-m2",
                "1-m11",
                "1-rc",
                "1-cr2",
                "1-rc123",
                "1-SNAPSHOT",
                "1",
                "1-sp",
                "1-sp2",
                "1-sp123",
                "1-abc",
                "1-def",
                "1-pom-1",
                "1-1-snapshot",
                "1-1",
                "1-2",
                "1-123",
            ],
        );
    }

    #[test]
    fn comparable_version_test_numbers() {
        // maven-artifact 3.9 ComparableVersionTest.VERSIONS_NUMBER (after MNG-7644).
        assert_ascending(
            Scheme::Maven,
            &[
                "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c",
                "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2",
                "11.m11", "11", "11.a", "11b", "11c", "11m",
            ],
        );
    }

    #[test]
    fn comparable_version_test_equality() {
        assert_equal(
            Scheme::Maven,
            &["1", "1.0", "1.0.0", "1-ga", "1-final", "1.0-RELEASE", "1-0"],
        );
        assert_equal(Scheme::Maven, &["1a1", "1-a1", "1-alpha-1", "1.0-ALPHA1"]);
        assert_equal(Scheme::Maven, &["1cr", "1rc", "1-cr", "1-rc"]);
        assert_equal(Scheme::Maven, &["1m3", "1.0-milestone-3", "1-m3"]);
        // MNG-6964: a trailing sub-list is compared with "nothing" item by item.
        assert_ascending(Scheme::Maven, &["1-0.alpha", "1-0.beta", "1", "1-0.1"]);
        // Maven's own cycle outside the regular shape, kept as Maven has it.
        let v = |s: &str| Scheme::Maven.parse(s);
        assert!(v("1-sp").compare(&v("1-0-rc")).is_lt() && v("1-0-rc").compare(&v("1")).is_lt());
        assert!(v("1").compare(&v("1-sp")).is_lt() && !v("1-0-rc").is_regular());
        // Found by the `versions` fuzz target: once equal, canonical spellings differed.
        assert_ascending(Scheme::Maven, &["--", "-.\u{c6}"]);
        // Spring's release train style and real advisory boundaries.
        assert_ascending(
            Scheme::Maven,
            &[
                "2.9.10", "2.9.10.1", "2.9.10.8", "2.10.0", "2.12.6.1", "2.13.4",
            ],
        );
    }

    #[test]
    fn mng_7644_a_dot_qualifier_reads_as_a_dash_qualifier() {
        for q in [
            "abc",
            "alpha",
            "a",
            "beta",
            "b",
            "def",
            "milestone",
            "m",
            "RC",
        ] {
            let (x1, x2) = (format!("1.0.0.{q}1"), format!("1.0.0-{q}2"));
            assert_ascending(Scheme::Maven, &[&x1, &x2]);
            let (a, b, c) = (format!("2-{q}"), format!("2.0.{q}"), format!("2.0.0.{q}"));
            assert_equal(Scheme::Maven, &[&a, &b, &c]);
        }
        // Spring's and JBoss's dotted qualifiers.
        assert_ascending(
            Scheme::Maven,
            &[
                "2.0.0.M1",
                "2.0.0.RC1",
                "2.0.0",
                "2.0.0.SP1",
                "2.0.1.RELEASE",
            ],
        );
    }
}
