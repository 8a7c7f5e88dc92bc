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
/// Runs shorter than `MIN_RUN` never count, so the search first looks for the next place where
/// `MIN_RUN` base64 bytes follow each other (`next_run_start`, 64 bytes at a time without a
/// branch per byte); in prose and code, where words are short, that skips almost everything.
pub fn decoded_blocks(bytes: &[u8]) -> Vec<Decoded> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(start) = next_run_start(bytes, i) {
        let stop = run_end(bytes, start + MIN_RUN);
        let mut end = stop;
        while end < bytes.len() && bytes[end] == b'=' && end - stop < 2 {
            end += 1;
        }
        i = end;
        let run = &bytes[start..end];
        // Cheapest test first. Encoders that wrap secrets (Kubernetes, basic auth, .npmrc
        // `_auth`) pad to a multiple of 4, which rejects most identifier-like runs; a run without
        // lower case, upper case and another symbol is a word, a number or a path.
        if run.len() > MAX_RUN || !run.len().is_multiple_of(4) {
            continue;
        }
        let seen = bytes[start..stop]
            .iter()
            .fold(0, |seen, &b| seen | CLASS[b as usize]);
        if seen != LOWER | UPPER | OTHER {
            continue;
        }
        if let Some(text) = decode(run) {
            out.push(Decoded { start, end, text });
        }
    }
    out
}

/// The first position at or after `from` that holds no base64 byte (or the end).
fn run_end(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() {
        let stops = !b64_mask(&bytes[from..]);
        if stops != 0 {
            return (from + stops.trailing_zeros() as usize).min(bytes.len());
        }
        from += 64;
    }
    bytes.len()
}

/// Bit `k` is set when `bytes[k]` is a base64 byte (bytes past the end count as not).
///
/// Written so the compiler vectorises it: the byte test is arithmetic, not a table lookup, and
/// the 0/1 flags are packed eight at a time by one multiplication.
fn b64_mask(bytes: &[u8]) -> u64 {
    let mut block = [0u8; 64];
    let n = bytes.len().min(64);
    block[..n].copy_from_slice(&bytes[..n]);
    let mut flags = [0u8; 64];
    for (f, &b) in flags.iter_mut().zip(&block) {
        let alpha = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        let symbol = b == b'+' || b == b'/' || b == b'-' || b == b'_';
        *f = u8::from(alpha | digit | symbol);
    }
    flags.chunks_exact(8).enumerate().fold(0, |m, (j, eight)| {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        m | ((x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * j))
    })
}

/// The first position at or after `from` where `MIN_RUN` base64 bytes begin. Such a position is
/// a run's start: `from` is 0 or just past a non-base64 byte, and any earlier start would have
/// been found first.
fn next_run_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    let mut here = b64_mask(bytes.get(at..)?);
    while at + MIN_RUN <= bytes.len() {
        let next = bytes.get(at + 64..).map_or(0, b64_mask);
        // Shift-and: bit k of `run` survives when bits k..k+16 of the pair are all set.
        let mut run = u128::from(here) | (u128::from(next) << 64);
        run &= run >> 1;
        run &= run >> 2;
        run &= run >> 4;
        run &= run >> 8;
        let starts = run as u64;
        if starts != 0 {
            return Some(at + starts.trailing_zeros() as usize);
        }
        at += 64;
        here = next;
    }
    None
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

    #[test]
    fn mask_agrees_with_the_class_table_on_every_byte() {
        for b in 0..=255u8 {
            let block = [b; 64];
            let want = if CLASS[b as usize] != 0 { u64::MAX } else { 0 };
            assert_eq!(b64_mask(&block), want, "byte {b:#04x}");
            assert_eq!(b64_mask(&block[..5]), want & 0b11111, "byte {b:#04x}");
        }
    }

    /// `next_run_start` agrees with a byte-by-byte search on every offset of mixed text,
    /// including runs that cross the 64-byte blocks and the end of the buffer.
    #[test]
    fn next_run_start_matches_a_linear_search() {
        let linear = |bytes: &[u8], from: usize| {
            (from..bytes.len().saturating_sub(MIN_RUN - 1)).find(|&p| {
                bytes[p..p + MIN_RUN]
                    .iter()
                    .all(|&b| CLASS[b as usize] != 0)
            })
        };
        // A deterministic mix of word lengths 1..40 separated by spaces.
        let mut doc = Vec::new();
        let mut state = 7u32;
        while doc.len() < 700 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = 1 + (state >> 16) as usize % 40;
            doc.extend(std::iter::repeat_n(b'a' + (len % 26) as u8, len));
            doc.push(b' ');
        }
        for end in [doc.len(), 130, 64, 17, 16, 15, 0] {
            let bytes = &doc[..end];
            for from in 0..=end {
                assert_eq!(
                    next_run_start(bytes, from),
                    linear(bytes, from),
                    "end {end} from {from}"
                );
            }
        }
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
