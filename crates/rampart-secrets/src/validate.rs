//! Offline validators: checksums that some providers embed in their tokens.
//!
//! GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens end in six base62
//! characters that encode the CRC32 of the random part. A token whose checksum verifies is
//! almost certainly real; one that does not is reported at low confidence.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Validator {
    Github,
    Npm,
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn base62_6(mut n: u32) -> [u8; 6] {
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    out
}

/// `prefix_` + random body + 6-char base62 CRC32 of the body.
fn crc32_suffix_ok(token: &[u8]) -> bool {
    let Some(underscore) = token.iter().position(|&b| b == b'_') else {
        return false;
    };
    let rest = &token[underscore + 1..];
    if rest.len() <= 6 {
        return false;
    }
    let (body, check) = rest.split_at(rest.len() - 6);
    base62_6(crc32fast::hash(body)) == check
}

impl Validator {
    /// `true` if the embedded checksum of `secret` verifies.
    pub fn check(self, secret: &[u8]) -> bool {
        match self {
            Validator::Github | Validator::Npm => crc32_suffix_ok(secret),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_checksum_verifies_and_detects_a_changed_character() {
        // Built here: body of 30 chars + base62(crc32(body)).
        let body = b"XIxB7KMNdAr3zqWtQqhE94qglHqOzn";
        let mut token = b"ghp_".to_vec();
        token.extend_from_slice(body);
        token.extend_from_slice(&base62_6(crc32fast::hash(body)));
        assert!(Validator::Github.check(&token));
        token[10] ^= 1;
        assert!(!Validator::Github.check(&token));
        assert!(!Validator::Npm.check(b"npm_short"));
    }
}
