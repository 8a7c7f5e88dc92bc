//! Untrusted lockfiles: every format rampart reads (the first byte picks the format), an error
//! naming the line, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_sca::{Kind, parsers};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let kind = Kind::ALL[first as usize % Kind::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    // `-r` includes resolve to the input itself, to exercise cycles.
    let include = |_: &str| Some(text.to_string());
    if let Ok(packages) = parsers::parse(kind, &text, &include) {
        for p in &packages {
            let _ = p.purl();
            assert!(p.deps.iter().all(|&d| d < packages.len()));
        }
    }
});
