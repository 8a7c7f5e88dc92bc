//! Base64 blocks (Kubernetes `Secret` data, encoded `.npmrc`, basic-auth headers) hide secrets
//! from a plain regex. Long base64 runs whose decoding is printable text are decoded and scanned
//! again; findings point at the encoded run.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};

/// Shortest run worth decoding: 16 chars encode 12 bytes.
const MIN_RUN: usize = 16;
/// Longest run decoded (bigger blobs are images or archives, not credentials).
const MAX_RUN: usize = 64 * 1024;

/// Byte classes for the run finder: 0 = not base64, else a bit for lower, upper, other.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const OTHER: u8 = 4;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_lowercase() {
            LOWER
        } else if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_digit() || b == b'+' || b == b'/' || b == b'-' || b == b'_' {
            OTHER
        } else {
            0
        };
        i += 1;
    }
    t
};

/// A decoded run: where it sits in the original buffer and what it says.
pub struct Decoded {
    pub start: usize,
    pub end: usize,
    pub text: Vec<u8>,
}

/// Finds base64 runs in `bytes` that decode to mostly printable text.
///
/// Runs shorter than `MIN_RUN` never count, so the search probes the last byte a run starting
/// at `i` would need and jumps `MIN_RUN` bytes when it is not base64 (Boyer-Moore style): in
/// prose and code, where words are short, most bytes are never looked at.
pub fn decoded_blocks(bytes: &[u8]) -> Vec<Decoded> {
    let is_b64 = |b: u8| CLASS[b as usize] != 0;
    let mut out = Vec::new();
    let mut i = 0;
    while i + MIN_RUN <= bytes.len() {
        if !is_b64(bytes[i + MIN_RUN - 1]) {
            i += MIN_RUN;
            continue;
        }
        if let Some(k) = (i..i + MIN_RUN - 1).rev().find(|&k| !is_b64(bytes[k])) {
            i = k + 1;
            continue;
        }
        // `bytes[i - 1]` is not base64 (or i is 0): a run starts here.
        let start = i;
        let mut seen = 0u8;
        while i < bytes.len() && is_b64(bytes[i]) {
            seen |= CLASS[bytes[i] as usize];
            i += 1;
        }
        if seen != LOWER | UPPER | OTHER {
            continue;
        }
        let mut end = i;
        while end < bytes.len() && bytes[end] == b'=' && end - i < 2 {
            end += 1;
        }
        let run = &bytes[start..end];
        i = end;
        // Encoders that wrap secrets (Kubernetes, basic auth, .npmrc `_auth`) pad to a multiple
        // of 4; requiring it rejects most identifier-like runs before any decoding.
        if run.len() > MAX_RUN || !run.len().is_multiple_of(4) {
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
        while !v.len().is_multiple_of(4) {
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

    /// The skipping search finds exactly the runs a byte-by-byte scan finds, wherever they
    /// start and end relative to the probe positions.
    #[test]
    fn skipping_finds_every_run_a_linear_scan_finds() {
        let enc = STANDARD.encode("password=Zq8vN2kP5xR7tY1w");
        for pad in 0..40 {
            for tail in ["", "\n", " x", "=="] {
                let prefix = "ab cd-".repeat(pad / 6) + &"z".repeat(pad % 6);
                let doc = format!("{prefix} {enc}{tail} and {enc}");
                let starts: Vec<usize> = decoded_blocks(doc.as_bytes())
                    .iter()
                    .map(|b| b.start)
                    .collect();
                let expected: Vec<usize> = doc.match_indices(&enc).map(|(i, _)| i).collect();
                assert_eq!(starts, expected, "{doc:?}");
            }
        }
    }
}
