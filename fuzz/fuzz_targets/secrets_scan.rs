//! Arbitrary bytes through the whole secrets pipeline (prefilter, regexes, filters, base64
//! decoding, redaction, line/column mapping): must never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rampart_engine::Budget;
use rampart_secrets::SecretsAnalyzer;

fuzz_target!(|data: &[u8]| {
    static ANALYZER: OnceLock<SecretsAnalyzer> = OnceLock::new();
    let analyzer = ANALYZER.get_or_init(|| SecretsAnalyzer::builtin().expect("built-in rules"));
    let _ = analyzer.find(data, "fuzz.txt", None, &Budget::unlimited());
});
