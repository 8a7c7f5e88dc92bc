//! Untrusted pattern text compiled for every grammar (the first byte picks one; the rest is
//! the pattern). Errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_sast::Grammar;
use rampart_sast::pattern::{Interner, Pattern};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    if let Ok(text) = std::str::from_utf8(rest) {
        let g = Grammar::ALL[pick as usize % Grammar::ALL.len()];
        let _ = Pattern::compile(text, g, &mut Interner::default());
    }
});
