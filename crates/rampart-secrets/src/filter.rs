//! False-positive filters applied after a regex matches.
//!
//! Two strengths: every rule drops values that are clearly not secrets (template variables,
//! masked values, one repeated character) and marks documented example keys as low
//! confidence; `generic` rules, which match on context (`password = "…"`) rather than a
//! provider's token format, also drop references to other variables, UUIDs, git object ids,
//! integrity hashes and low-entropy words.

use std::sync::LazyLock;

/// Verdict on a matched secret value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    /// Report, but at low confidence (documented examples, test-looking values).
    Low,
    Drop,
}

/// Credentials their owners published as examples or SDK test fixtures, never live
/// (`rules/published-examples.txt`, with the source of each).
static PUBLISHED_EXAMPLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::rule::PUBLISHED_EXAMPLES_FILE
        .1
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Values that only name what belongs there (`-u user:password`, `token: token`): field
/// names used as placeholders in documentation, never the credential itself.
const PLACEHOLDER_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "passphrase",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "username",
    "user",
    "user:password",
    "username:password",
    "user:pass",
    "username:token",
    "user:token",
];

/// Words that mark a value as illustrative rather than live.
const ILLUSTRATIVE: &[&str] = &[
    "example",
    "sample",
    "dummy",
    "fake",
    "placeholder",
    "changeme",
    "change_me",
    "redacted",
    "your",
    "insert",
    "replace",
    "notreal",
    "not_real",
    "testtoken",
];

/// Shannon entropy of a byte string, in bits per byte.
pub fn entropy(value: &[u8]) -> f32 {
    if value.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in value {
        counts[b as usize] += 1;
    }
    let n = value.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / n;
            -p * p.log2()
        })
        .sum()
}

fn is_template(v: &str) -> bool {
    v.contains("${")
        || v.contains("{{")
        || v.contains("$(")
        || has_printf_name(v)
        || v.contains("#{")
        || (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with('%') && v.ends_with('%'))
        || (v.starts_with('$')
            && v[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// A field name standing in for its value (`password`, `user:pass`) or a bracketed
/// placeholder (`[PASSWORD]`).
fn is_placeholder(v: &str) -> bool {
    let bare = v.trim_matches(|c| c == '"' || c == '\'');
    PLACEHOLDER_WORDS
        .iter()
        .any(|w| bare.eq_ignore_ascii_case(w))
        || (bare.len() > 2 && bare.starts_with('[') && bare.ends_with(']'))
}

/// A Python `%(name)s` format placeholder (a bare `%(` also occurs in random secrets).
fn has_printf_name(v: &str) -> bool {
    v.match_indices("%(").any(|(i, _)| {
        let rest = &v[i + 2..];
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        name_len > 0 && rest[name_len..].starts_with(')')
    })
}

fn is_masked(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    lower.contains("xxxx") || v.contains("****") || v.contains("....") || v.contains("…") || {
        let mut chars = v.chars();
        let first = chars.next();
        first.is_some() && chars.all(|c| Some(c) == first)
    }
}

fn is_uuid(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn is_reference(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    [
        "os.environ",
        "process.env",
        "getenv",
        "env(",
        "env.",
        "config.",
        "settings.",
        "secrets.",
        "vault:",
        "ssm:",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || v.contains('(')
        || v.starts_with("sha1-")
        || v.starts_with("sha256-")
        || v.starts_with("sha384-")
        || v.starts_with("sha512-")
}

/// Identifier-like values (`user_password`, `getSecretKey`, `cms/sites/passwords#edit`) are
/// names, routes or selectors, not secrets.
fn is_identifier(v: &str) -> bool {
    let has_digit = v.chars().any(|c| c.is_ascii_digit());
    !has_digit
        && v.chars().all(|c| {
            c.is_ascii_alphabetic() || c == '_' || c == '.' || c == '-' || c == '/' || c == '#'
        })
        && (v.contains('_')
            || v.contains('.')
            || v.contains('/')
            || is_kebab_case(v)
            || (v.chars().all(|c| c.is_ascii_lowercase()) && !is_credential_word_password(v)))
}

/// Credential words that people build weak passwords from.
const CREDENTIAL_WORDS: &[&str] = &["password", "passwd", "secret"];

/// A lowercase word built around a credential word (`mypassword`, `supersecret`,
/// `thisismypassword`): one of the most common kinds of weak password, and not how variables or
/// settings are named (those carry `_`, `.` or capitals). The word alone or its plural
/// (`password`, `secrets`) names the field instead.
fn is_credential_word_password(v: &str) -> bool {
    CREDENTIAL_WORDS
        .iter()
        .any(|w| v.contains(w) && v.len() >= w.len() + 2)
}

/// `stripe-secret-key`: three or more lowercase words joined by hyphens, the shape of ids and
/// CSS names (two words, `harbor-lights`, still read as a passphrase).
fn is_kebab_case(v: &str) -> bool {
    v.split('-').count() >= 3
        && v.split('-')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// A run of `min` or more letters that each follow the previous one in the alphabet
/// (`abcdefg`, `FGHIJK`) or `min + 1` or more such digits (`1234567`), or of `min / 2` or more letter-digit pairs that
/// both count up (`a1b2c3d4`): keyboard filler typed into examples, not random output.
fn has_sequential_run(v: &str, min: usize) -> bool {
    let b = v.as_bytes();
    let mut run = 1;
    for w in b.windows(2) {
        let same_class = (w[0].is_ascii_digit() && w[1].is_ascii_digit())
            || (w[0].is_ascii_lowercase() && w[1].is_ascii_lowercase())
            || (w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase());
        if same_class && w[1] == w[0] + 1 {
            run += 1;
            // Digits get one more: `…123456` ends many human-chosen passwords.
            let needed = if w[1].is_ascii_digit() { min + 1 } else { min };
            if run >= needed {
                return true;
            }
        } else {
            run = 1;
        }
    }
    let pairs = min.div_ceil(2).max(3);
    let mut count = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        let (l, d) = (b[i].to_ascii_lowercase(), b[i + 1]);
        if l.is_ascii_lowercase() && d.is_ascii_digit() {
            let follows = count > 0 && l == b[i - 2].to_ascii_lowercase() + 1 && d == b[i - 1] + 1;
            count = if follows || count == 0 { count + 1 } else { 1 };
            if count >= pairs {
                return true;
            }
            i += 2;
        } else {
            count = 0;
            i += 1;
        }
    }
    false
}

/// Hex digits in both cases (`acdeFf05b1…`): no encoder writes hex that way, and a random token
/// of a wider alphabet stays within the hex digits with negligible odds (22/62 per character),
/// so it is a hand-edited example of a hex key.
fn is_mixed_case_hex(v: &str) -> bool {
    v.len() >= 16
        && v.bytes().all(|b| b.is_ascii_hexdigit())
        && v.bytes().any(|b| matches!(b, b'a'..=b'f'))
        && v.bytes().any(|b| matches!(b, b'A'..=b'F'))
}

/// Decides what to do with a matched secret value.
pub fn judge(value: &str, generic: bool) -> Verdict {
    if PUBLISHED_EXAMPLES.iter().any(|e| value.contains(e)) {
        return Verdict::Drop;
    }
    if is_template(value) || is_masked(value) {
        return Verdict::Drop;
    }
    if is_placeholder(value)
        || value
            .split_once(':')
            .is_some_and(|(_, p)| is_placeholder(p))
    {
        return Verdict::Drop;
    }
    let lower = value.to_ascii_lowercase();
    let illustrative = ILLUSTRATIVE.iter().any(|w| lower.contains(w));
    if generic {
        if illustrative
            || is_reference(value)
            || is_identifier(value)
            || has_sequential_run(value, 6)
            || is_mixed_case_hex(value)
        {
            return Verdict::Drop;
        }
        // Many services issue UUIDs as API keys (Heroku, Octopus, Jenkins …), but a UUID is
        // as often a plain id: next to a secret-like key it is kept, at low confidence.
        if is_uuid(value) {
            return Verdict::Low;
        }
        return Verdict::Keep;
    }
    // A provider token is random: a long alphabetical run (`abcdefghij`, `ABCDEFGHIJKL`)
    // means someone typed filler into a token's shape (or wrote documentation): reported,
    // but at low confidence.
    if illustrative || has_sequential_run(value, 9) {
        Verdict::Low
    } else {
        Verdict::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_case_hex_is_an_edited_example() {
        assert_eq!(judge("9f3Ab27c4E10d85b6A2c", true), Verdict::Drop);
        // Single-case hex and base62 tokens are kept.
        assert_eq!(judge("9f3ab27c4e10d85b6a2c", true), Verdict::Keep);
        assert_eq!(judge("9F3AB27C4E10D85B6A2C", true), Verdict::Keep);
        assert_eq!(judge("9f3Ab27c4E10d85b6A2z", true), Verdict::Keep);
    }

    #[test]
    fn entropy_of_known_strings() {
        assert_eq!(entropy(b"aaaa"), 0.0);
        assert!((entropy(b"abcd") - 2.0).abs() < 1e-6);
    }

    #[test]
    fn lowercase_words_are_names_unless_built_on_a_credential_word() {
        // Weak passwords made from a credential word are kept …
        for v in [
            "mypassword",
            "thisismypassword",
            "supersecret",
            "adminpasswd",
        ] {
            assert_eq!(judge(v, true), Verdict::Keep, "{v}");
        }
        // … the word alone, its plural, other lowercase words and placeholders are not.
        for v in [
            "password",
            "passwords",
            "secret",
            "secrets",
            "string",
            "correcthorse",
            "yourpassword",
            "new_password",
        ] {
            assert_eq!(judge(v, true), Verdict::Drop, "{v}");
        }
    }

    #[test]
    fn placeholders_and_references_are_not_secrets() {
        for v in [
            "${API_KEY}",
            "{{ token }}",
            "<token>",
            "xxxxxxxxxxxxxxxx",
            "****",
            "$SECRET",
        ] {
            assert_eq!(judge(v, false), Verdict::Drop, "{v}");
        }
        for v in [
            "os.environ['KEY']",
            "YOUR_API_KEY_HERE",
            "sha512-abcdefghijklmnop",
            "user_password",
            "stripe-secret-key",
            "qwabcdefg829+KLMZ",
            "Rt7+kPq2Lm34567890xZ",
            "Zq8vN2kPabcdefxR7tY1",
            "tok-a1b2c3d4-x9",
            "admin/users/passwords#reset",
        ] {
            assert_eq!(judge(v, true), Verdict::Drop, "{v}");
        }
        for v in [
            "AKIAIOSFODNN7EXAMPLE",
            "password",
            "user:pass",
            "admin:[PASSWORD]",
        ] {
            assert_eq!(judge(v, false), Verdict::Drop, "{v}");
        }
        // A 40-hex value next to a secret-like key is a secret (GitHub OAuth app secret).
        assert_eq!(
            judge("da39a3ee5e6b4b0d3255bfef95601890afd80709", true),
            Verdict::Keep
        );
        assert_eq!(judge("Zq8vN2kP5xR7tY1wLm3B", true), Verdict::Keep);
        assert_eq!(judge("harbor123456", true), Verdict::Keep);
        assert_eq!(
            judge("123e4567-e89b-12d3-a456-426614174000", true),
            Verdict::Low
        );
        // Typed filler in a provider token's shape is low confidence; random tokens are kept.
        assert_eq!(
            judge("AIzaSyabcdefghijklmnopqrstuvwxyz7654321", false),
            Verdict::Low
        );
        assert_eq!(
            judge("AIzanDpG7fxpKQFqGPNQDUUBcrXodoMTrUh-xB4", false),
            Verdict::Keep
        );
    }

    #[test]
    fn published_examples_are_dropped_in_any_context() {
        assert!(PUBLISHED_EXAMPLES.len() >= 20);
        for v in PUBLISHED_EXAMPLES.iter() {
            assert!(!v.contains(char::is_whitespace), "{v}");
            assert_eq!(judge(v, false), Verdict::Drop, "{v}");
        }
        // A Firebase Android SDK test key inside a longer value (a URL's query) is dropped too.
        assert_eq!(
            judge("key=AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0", false),
            Verdict::Drop
        );
    }
}
