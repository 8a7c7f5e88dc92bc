//! False-positive filters applied after a regex matches.
//!
//! Two strengths: every rule drops values that are clearly not secrets (template variables,
//! masked values, one repeated character) and marks documented example keys as low
//! confidence; `generic` rules, which match on context (`password = "…"`) rather than a
//! provider's token format, also drop references to other variables, UUIDs, git object ids,
//! integrity hashes and low-entropy words.

/// Verdict on a matched secret value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    /// Report, but at low confidence (documented examples, test-looking values).
    Low,
    Drop,
}

/// Values published in provider documentation as examples: never real.
const DOCUMENTED_EXAMPLES: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "ASIAIOSFODNN7EXAMPLE",
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
    "your_",
    "your-",
    "yourkey",
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
        || v.contains("%(")
        || v.contains("#{")
        || (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with('%') && v.ends_with('%'))
        || (v.starts_with('$')
            && v[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'))
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

/// Identifier-like values (`user_password`, `getSecretKey`) are names, not secrets.
fn is_identifier(v: &str) -> bool {
    let has_digit = v.chars().any(|c| c.is_ascii_digit());
    !has_digit
        && v.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '.' || c == '-')
        && (v.contains('_') || v.contains('.') || v.chars().all(|c| c.is_ascii_lowercase()))
}

fn is_git_object_id(v: &str) -> bool {
    (v.len() == 40 || v.len() == 64)
        && v.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Decides what to do with a matched secret value.
pub fn judge(value: &str, generic: bool) -> Verdict {
    if DOCUMENTED_EXAMPLES.iter().any(|e| value.contains(e)) {
        return Verdict::Low;
    }
    if is_template(value) || is_masked(value) {
        return Verdict::Drop;
    }
    let lower = value.to_ascii_lowercase();
    let illustrative = ILLUSTRATIVE.iter().any(|w| lower.contains(w));
    if generic {
        if illustrative
            || is_uuid(value)
            || is_reference(value)
            || is_identifier(value)
            || is_git_object_id(value)
        {
            return Verdict::Drop;
        }
        return Verdict::Keep;
    }
    if illustrative {
        Verdict::Low
    } else {
        Verdict::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_known_strings() {
        assert_eq!(entropy(b"aaaa"), 0.0);
        assert!((entropy(b"abcd") - 2.0).abs() < 1e-6);
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
            "123e4567-e89b-12d3-a456-426614174000",
            "sha512-abcdefghijklmnop",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "user_password",
        ] {
            assert_eq!(judge(v, true), Verdict::Drop, "{v}");
        }
        assert_eq!(judge("AKIAIOSFODNN7EXAMPLE", false), Verdict::Low);
        assert_eq!(judge("Zq8vN2kP5xR7tY1wLm3B", true), Verdict::Keep);
    }
}
