//! Untrusted Semgrep rule files: the YAML loader and everything it compiles (patterns,
//! regexes, comparisons). Errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut b = rampart_sast::RuleSetBuilder::new();
        b.add_str(text, "fuzz.yaml");
        let _ = b.build();
    }
});
