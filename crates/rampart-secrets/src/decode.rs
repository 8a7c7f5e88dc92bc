//! Base64 blocks (Kubernetes `Secret` data, encoded `.npmrc`, basic-auth headers) hide secrets
//! from a plain regex. Long base64 runs whose decoding is printable text are decoded and scanned
//! again; findings point at the encoded run.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};

/// Shortest run worth decoding: 16 chars encode 12 bytes.
const MIN_RUN: usize = 16;
/// Longest run decoded (bigger blobs are images or archives, not credentials).
const MAX_RUN: usize = 64 * 1024;

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'-' || b == b'_'
}

/// A decoded run: where it sits in the original buffer and what it says.
pub struct Decoded {
    pub start: usize,
    pub end: usize,
    pub text: Vec<u8>,
}

/// Finds base64 runs in `bytes` that decode to mostly printable text.
pub fn decoded_blocks(bytes: &[u8]) -> Vec<Decoded> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_b64(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut has_digit_or_sym = false;
        let mut has_upper = false;
        let mut has_lower = false;
        while i < bytes.len() && is_b64(bytes[i]) {
            let b = bytes[i];
            has_digit_or_sym |= !b.is_ascii_alphabetic();
            has_upper |= b.is_ascii_uppercase();
            has_lower |= b.is_ascii_lowercase();
            i += 1;
        }
        let mut end = i;
        while end < bytes.len() && bytes[end] == b'=' && end - i < 2 {
            end += 1;
        }
        let run = &bytes[start..end];
        i = end.max(i);
        if run.len() < MIN_RUN
            || run.len() > MAX_RUN
            || !(has_upper && has_lower && has_digit_or_sym)
        {
            continue;
        }
        if let Some(text) = decode(run) {
            out.push(Decoded { start, end, text });
        }
    }
    out
}

fn decode(run: &[u8]) -> Option<Vec<u8>> {
    let trimmed: &[u8] = {
        let n = run.iter().rev().take_while(|&&b| b == b'=').count();
        &run[..run.len() - n]
    };
    let padded = {
        let mut v = trimmed.to_vec();
        while v.len() % 4 != 0 {
            v.push(b'=');
        }
        v
    };
    let text = STANDARD
        .decode(&padded)
        .or_else(|_| URL_SAFE.decode(&padded))
        .ok()?;
    let printable = text
        .iter()
        .filter(|&&b| b.is_ascii_graphic() || b == b' ' || b == b'\n' || b == b'\r' || b == b'\t')
        .count();
    (text.len() >= 8 && printable * 100 >= text.len() * 95).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_printable_runs_only() {
        let enc = STANDARD.encode("password=Zq8vN2kP5xR7tY1w");
        let doc = format!("data:\n  creds: {enc}\n  name: getElementsByTagName\n");
        let blocks = decoded_blocks(doc.as_bytes());
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, b"password=Zq8vN2kP5xR7tY1w");
        assert_eq!(
            &doc.as_bytes()[blocks[0].start..blocks[0].end],
            enc.as_bytes()
        );
    }
}
