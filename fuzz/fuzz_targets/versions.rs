//! Version ordering on arbitrary strings: never a panic, and a consistent order (reflexive and
//! antisymmetric) under every ecosystem's rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_versions::Scheme;

const SCHEMES: [Scheme; 9] = [
    Scheme::SemVer,
    Scheme::Go,
    Scheme::Pub,
    Scheme::Pep440,
    Scheme::Maven,
    Scheme::RubyGems,
    Scheme::Composer,
    Scheme::NuGet,
    Scheme::Generic,
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\n').unwrap_or((&text, "1.0.0"));
    for s in SCHEMES {
        assert!(s.compare(a, a).is_eq());
        assert_eq!(s.compare(a, b), s.compare(b, a).reverse(), "{s:?} {a:?} {b:?}");
        let _ = s.is_valid(a);
    }
});
