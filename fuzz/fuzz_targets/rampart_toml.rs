//! Untrusted `rampart.toml` files: an error naming the line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = rampart_engine::Config::parse(std::path::Path::new("rampart.toml"), text);
    }
});
