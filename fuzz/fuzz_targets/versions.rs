//! Version ordering and OSV range evaluation on arbitrary strings: never a panic, and a
//! consistent order under every ecosystem's rules — reflexive, antisymmetric, and transitive
//! among versions of the shapes on which the ecosystem's rules are an order (`is_regular`), and
//! canonical spellings equal exactly when versions compare equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_advisories::matching::{CompiledAffected, smallest_upgrade};
use rampart_advisories::osv::{Affected, Event, Range};
use rampart_versions::{Scheme, Version, sort_dedup};

const SCHEMES: [(Scheme, &str); 9] = [
    (Scheme::SemVer, "npm"),
    (Scheme::Go, "Go"),
    (Scheme::Pub, "Pub"),
    (Scheme::Pep440, "PyPI"),
    (Scheme::Maven, "Maven"),
    (Scheme::RubyGems, "RubyGems"),
    (Scheme::Composer, "Packagist"),
    (Scheme::NuGet, "NuGet"),
    (Scheme::Generic, "Debian"),
];

fn event(introduced: Option<&str>, fixed: Option<&str>) -> Event {
    Event {
        introduced: introduced.map(str::to_string),
        fixed: fixed.map(str::to_string),
        ..Event::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\n');
    let a = parts.next().unwrap_or("");
    let b = parts.next().unwrap_or("1.0.0");
    let c = parts.next().unwrap_or("2.0.0");
    for (s, ecosystem) in SCHEMES {
        let (x, y, z) = (s.parse(a), s.parse(b), s.parse(c));
        assert!(x.compare(&x).is_eq());
        assert_eq!(s.compare(a, b), x.compare(&y), "{s:?} {a:?} {b:?}");
        assert_eq!(x.compare(&y), y.compare(&x).reverse(), "{s:?} {a:?} {b:?}");
        assert_eq!(x.cmp_total(&y), y.cmp_total(&x).reverse(), "{s:?} {a:?} {b:?}");
        if x.is_valid() && y.is_valid() {
            // `versions[]` membership is a hash set of canonical spellings.
            assert_eq!(
                x.canonical() == y.canonical(),
                x.compare(&y).is_eq(),
                "{s:?} canonical {:?} {:?}",
                x.canonical(),
                y.canonical()
            );
        }
        // Maven's own order has cycles on unusual shapes; transitivity is asserted where the
        // ecosystem's rules promise it.
        if x.is_regular() && y.is_regular() && z.is_regular() {
            for (p, q, r) in [(&x, &y, &z), (&y, &z, &x), (&z, &x, &y)] {
                if p.compare(q).is_le() && q.compare(r).is_le() {
                    assert!(p.compare(r).is_le(), "{s:?} not transitive: {p:?} {q:?} {r:?}");
                }
            }
        }
        let mut sorted: Vec<Version> = vec![x.clone(), y.clone(), z.clone()];
        sort_dedup(&mut sorted);
        // A range introduced at `a` and fixed at `b`, with `c` listed explicitly.
        let affected = Affected {
            package: None,
            severity: Vec::new(),
            ranges: vec![Range {
                kind: "ECOSYSTEM".into(),
                events: vec![event(Some(a), None), event(None, Some(b))],
            }],
            versions: vec![c.to_string()],
        };
        let compiled = CompiledAffected::new(ecosystem, &affected);
        if !z.as_str().is_empty() {
            assert!(compiled.affects(&z), "{s:?}: listed version {c:?} not affected");
        }
        let _ = compiled.affects(&x);
        if let Some(up) = smallest_upgrade(&x, &[&compiled]) {
            assert!(!compiled.affects(&up));
        }
    }
});
