use sha2::{Digest, Sha256};

/// The only form in which a secret value leaves the analyzer: its first 4 characters, `…`,
/// and its length in characters. Values of 8 characters or fewer show nothing at all, so a
/// short password is never half-revealed.
pub fn redact(secret: &str) -> String {
    let len = secret.chars().count();
    if len <= 8 {
        return format!("…({len})");
    }
    let head: String = secret.chars().take(4).collect();
    format!("{head}…({len})")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_four_characters_and_the_length() {
        assert_eq!(redact("ghp_abcdefghijklmnop"), "ghp_…(20)");
        assert_eq!(redact("hunter2"), "…(7)");
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
