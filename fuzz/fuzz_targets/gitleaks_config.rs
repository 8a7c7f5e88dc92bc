//! Untrusted `.gitleaks.toml` files: parse, then compile what parsed. Errors are fine, panics
//! are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(custom) = rampart_secrets::parse_gitleaks("fuzz.toml", text)
    {
        for spec in custom.rules {
            let _ = rampart_secrets::Rule::compile(spec, "fuzz.toml", true);
        }
    }
});
