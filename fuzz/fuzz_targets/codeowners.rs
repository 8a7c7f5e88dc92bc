//! CODEOWNERS files come from the repository being scanned: parsing one, and matching paths
//! against it, must never panic. The same bytes are also read as `git blame --porcelain`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_register::CodeOwners;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let owners = CodeOwners::parse(std::path::Path::new("CODEOWNERS"), &text);
    for path in ["a.py", "src/x/y.go", "docs/", ".github/CODEOWNERS", "", "a b/c#d"] {
        let _ = owners.owners_of(path);
    }
    let _ = rampart_register::git::parse_porcelain(&text);
});
