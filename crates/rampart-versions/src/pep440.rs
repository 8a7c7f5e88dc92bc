//! PEP 440 (PyPI): epochs, release segments, pre/post/dev releases and local versions, with
//! the spelling normalisations PEP 440 allows (`1.0-ALPHA.1`, `1.0c1`, `1.0-1`, `1.0.post`).

use std::cmp::Ordering;

use crate::cmp_numeric;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pep440 {
    epoch: String,
    /// Release numbers without trailing zeros (`1.0` == `1`).
    release: Vec<String>,
    /// `a` = 0, `b` = 1, `rc` = 2, with its number.
    pre: Option<(u8, String)>,
    post: Option<String>,
    dev: Option<String>,
    local: Option<Vec<String>>,
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn digits(&mut self) -> Option<String> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        (self.i > start).then(|| {
            let d = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("0");
            let t = d.trim_start_matches('0');
            if t.is_empty() { "0" } else { t }.to_string()
        })
    }
    fn separator(&mut self) -> bool {
        if matches!(self.peek(), Some(b'-' | b'_' | b'.')) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// The first of `words` at the cursor (longest listed first).
    fn word(&mut self, words: &[&str]) -> Option<usize> {
        let rest = &self.s[self.i..];
        let k = words.iter().position(|w| rest.starts_with(w.as_bytes()))?;
        self.i += words[k].len();
        Some(k)
    }
    /// Tries `f`; on failure the cursor goes back to where it was.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let at = self.i;
        let r = f(self);
        if r.is_none() {
            self.i = at;
        }
        r
    }
}

impl Pep440 {
    pub fn parse(s: &str) -> Option<Pep440> {
        let lower = s.trim().to_ascii_lowercase();
        let mut c = Cursor {
            s: lower.as_bytes(),
            i: 0,
        };
        if c.peek() == Some(b'v') {
            c.i += 1;
        }
        let mut epoch = "0".to_string();
        let first = c.digits()?;
        let mut release = vec![first];
        if c.peek() == Some(b'!') {
            c.i += 1;
            epoch = release.pop()?;
            release.push(c.digits()?);
        }
        while c.peek() == Some(b'.') && c.s.get(c.i + 1).is_some_and(u8::is_ascii_digit) {
            c.i += 1;
            release.push(c.digits()?);
        }
        while release.len() > 1 && release.last().is_some_and(|r| r == "0") {
            release.pop();
        }
        let pre = c.attempt(|c| {
            c.separator();
            let k = c.word(&["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"])?;
            let rank = [0, 0, 1, 1, 2, 2, 2, 2][k];
            let n = c.attempt(|c| {
                c.separator();
                c.digits()
            });
            Some((rank, n.unwrap_or_else(|| "0".into())))
        });
        let post = c
            .attempt(|c| {
                if c.peek() != Some(b'-') {
                    return None;
                }
                c.i += 1;
                c.digits()
            })
            .or_else(|| {
                c.attempt(|c| {
                    c.separator();
                    c.word(&["post", "rev", "r"])?;
                    let n = c.attempt(|c| {
                        c.separator();
                        c.digits()
                    });
                    Some(n.unwrap_or_else(|| "0".into()))
                })
            });
        let dev = c.attempt(|c| {
            c.separator();
            c.word(&["dev"])?;
            let n = c.attempt(|c| {
                c.separator();
                c.digits()
            });
            Some(n.unwrap_or_else(|| "0".into()))
        });
        let mut local = None;
        if c.peek() == Some(b'+') {
            let rest = std::str::from_utf8(&c.s[c.i + 1..]).ok()?;
            let segs: Vec<String> = rest.split(['.', '-', '_']).map(str::to_string).collect();
            if segs
                .iter()
                .any(|x| x.is_empty() || !x.bytes().all(|b| b.is_ascii_alphanumeric()))
            {
                return None;
            }
            local = Some(segs);
            c.i = c.s.len();
        }
        if c.i != c.s.len() {
            return None;
        }
        Some(Pep440 {
            epoch,
            release,
            pre,
            post,
            dev,
            local,
        })
    }

    /// packaging's `_cmpkey`: a dev release without pre or post sorts before any pre-release
    /// of the same release; no pre-release sorts after all of them.
    fn pre_key(&self) -> (u8, u8, &str) {
        match (&self.pre, &self.post, &self.dev) {
            (None, None, Some(_)) => (0, 0, ""),
            (Some((rank, n)), _, _) => (1, *rank, n),
            (None, _, _) => (2, 0, ""),
        }
    }
}

impl Pep440 {
    /// Equal for versions PEP 440 orders as equal (numbers are already normalised by `parse`).
    pub(crate) fn canonical(&self) -> String {
        let mut s = format!("{}!{}", self.epoch, self.release.join("."));
        if let Some((rank, n)) = &self.pre {
            s.push_str(&format!(
                "{}{n}",
                ["a", "b", "rc"][usize::from(*rank).min(2)]
            ));
        }
        if let Some(n) = &self.post {
            s.push_str(&format!(".post{n}"));
        }
        if let Some(n) = &self.dev {
            s.push_str(&format!(".dev{n}"));
        }
        if let Some(local) = &self.local {
            s.push('+');
            s.push_str(&crate::canonical_ids(local));
        }
        s
    }
}

fn cmp_release(a: &[String], b: &[String]) -> Ordering {
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).map_or("0", String::as_str);
        let y = b.get(i).map_or("0", String::as_str);
        let o = cmp_numeric(x, y);
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

fn cmp_opt_num(a: &Option<String>, b: &Option<String>, none_is_greatest: bool) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) if none_is_greatest => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) if none_is_greatest => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => cmp_numeric(x, y),
    }
}

/// Local segments: numeric ones sort after alphanumeric ones; strings compare lexically.
fn cmp_local(a: &Option<Vec<String>>, b: &Option<Vec<String>>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => {
            for (p, q) in x.iter().zip(y) {
                let pn = p.bytes().all(|c| c.is_ascii_digit());
                let qn = q.bytes().all(|c| c.is_ascii_digit());
                let o = match (pn, qn) {
                    (true, true) => cmp_numeric(p, q),
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    (false, false) => p.cmp(q),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
    }
}

impl Ord for Pep440 {
    fn cmp(&self, o: &Self) -> Ordering {
        cmp_numeric(&self.epoch, &o.epoch)
            .then_with(|| cmp_release(&self.release, &o.release))
            .then_with(|| {
                let (a0, a1, a2) = self.pre_key();
                let (b0, b1, b2) = o.pre_key();
                a0.cmp(&b0)
                    .then(a1.cmp(&b1))
                    .then_with(|| cmp_numeric(a2, b2))
            })
            .then_with(|| cmp_opt_num(&self.post, &o.post, false))
            .then_with(|| cmp_opt_num(&self.dev, &o.dev, true))
            .then_with(|| cmp_local(&self.local, &o.local))
    }
}

impl PartialOrd for Pep440 {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, assert_ascending, assert_equal};

    #[test]
    fn pep440_summary_of_permitted_suffixes_and_ordering() {
        // PEP 440, "Summary of permitted suffixes and relative ordering", verbatim.
        assert_ascending(
            Scheme::Pep440,
            &[
                "1.dev0",
                "1.0.dev456",
                "1.0a1",
                "1.0a2.dev456",
                "1.0a12.dev456",
                "1.0a12",
                "1.0b1.dev456",
                "1.0b2",
                "1.0b2.post345.dev456",
                "1.0b2.post345",
                "1.0rc1.dev456",
                "1.0rc1",
                "1.0",
                "1.0+abc.5",
                "1.0+abc.7",
                "1.0+5",
                "1.0.post456.dev34",
                "1.0.post456",
                "1.0.15",
                "1.1.dev1",
            ],
        );
    }

    #[test]
    fn epochs_win_and_normalised_spellings_are_equal() {
        assert_ascending(
            Scheme::Pep440,
            &["2013.10", "2014.04", "1!1.0", "1!2.0", "2!0.1"],
        );
        assert_equal(
            Scheme::Pep440,
            &["1.0a1", "1.0-alpha1", "1.0.ALPHA.1", "1.0a_1", "v1.0a1"],
        );
        assert_equal(
            Scheme::Pep440,
            &["1.0c1", "1.0rc1", "1.0pre1", "1.0preview1"],
        );
        assert_equal(
            Scheme::Pep440,
            &["1.0-1", "1.0.post1", "1.0post1", "1.0-r1", "1.0rev1"],
        );
        assert_equal(Scheme::Pep440, &["1.0.post", "1.0.post0"]);
        assert_equal(Scheme::Pep440, &["1.0.dev", "1.0dev0", "1.0-dev-0"]);
        assert_equal(Scheme::Pep440, &["1.0", "1.0.0", "1", "01.00"]);
        assert_equal(
            Scheme::Pep440,
            &["1.0+ubuntu-1", "1.0+ubuntu.1", "1.0+ubuntu_1"],
        );
    }

    #[test]
    fn invalid_pep440() {
        for v in ["", "1.0+", "1.0+a..b", "foo", "1.0 beta", "1.0-", "1.0.x"] {
            assert!(!Scheme::Pep440.is_valid(v), "{v}");
        }
        assert!(Scheme::Pep440.is_valid("2020.12.5"));
    }
}
