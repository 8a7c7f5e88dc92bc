//! Matching against real OSV records (tests/fixtures/osv, see its README): hand-verified
//! package@version pairs across five ecosystems, vulnerable and clean, each with the advisories
//! (by grouped id) it must get — no more, no fewer.

use std::path::Path;

use rampart_advisories::Db;
use rampart_advisories::import::import_path;
use rampart_core::Severity;
use rampart_sca::Package;
use rampart_sca::matcher::match_packages;

fn db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_for_write(&dir.path().join("adv.db")).unwrap();
    let report = import_path(
        &mut db,
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/osv")),
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.withdrawn, 1);
    (dir, db)
}

/// (ecosystem, name, version, advisories it must be reported for). The ranges were read off
/// each advisory by hand; boundaries (introduced, fixed, last version before a fix) are
/// deliberate.
const CASES: &[(&str, &str, &str, &[&str])] = &[
    // crates.io: RUSTSEC-2019-0009 [0.6.5, 0.6.10), RUSTSEC-2021-0003 [0.6.3, 0.6.14) ∪ [1.0.0, 1.6.1)
    (
        "crates.io",
        "smallvec",
        "0.6.9",
        &["CVE-2019-15551", "CVE-2021-25900"],
    ),
    ("crates.io", "smallvec", "0.6.13", &["CVE-2021-25900"]),
    ("crates.io", "smallvec", "0.6.14", &[]),
    ("crates.io", "smallvec", "0.6.2", &[]),
    ("crates.io", "smallvec", "1.6.0", &["CVE-2021-25900"]),
    ("crates.io", "smallvec", "1.6.1", &[]),
    // RUSTSEC-2020-0071 (< 0.2.23, pre-release introduced events), RUSTSEC-2026-0009 [0.3.6, 0.3.47)
    ("crates.io", "time", "0.1.44", &["CVE-2020-26235"]),
    ("crates.io", "time", "0.2.22", &["CVE-2020-26235"]),
    ("crates.io", "time", "0.2.23", &[]),
    ("crates.io", "time", "0.3.5", &[]),
    ("crates.io", "time", "0.3.20", &["CVE-2026-25727"]),
    ("crates.io", "time", "0.3.47", &[]),
    // Go: GO-2021-0113 (< 0.3.7), GO-2022-1059 (< 0.3.8); go.mod spells versions with `v`.
    (
        "Go",
        "golang.org/x/text",
        "v0.3.6",
        &["CVE-2021-38561", "CVE-2022-32149"],
    ),
    ("Go", "golang.org/x/text", "0.3.7", &["CVE-2022-32149"]),
    ("Go", "golang.org/x/text", "v0.3.8", &[]),
    (
        "Go",
        "golang.org/x/text",
        "v0.0.0-20210226181700-f36f1f7f4d3e",
        &["CVE-2021-38561", "CVE-2022-32149"],
    ),
    ("Go", "golang.org/x/text", "v0.14.0", &[]),
    // PyPI: PYSEC-2021-109 + GHSA-xpfp-f569-q3p2 (one vulnerability), PYSEC-2019-13, PYSEC-2023-74
    ("PyPI", "django", "3.1.12", &["CVE-2021-35042"]),
    ("PyPI", "django", "3.1.13", &[]),
    ("PyPI", "django", "3.2.4", &["CVE-2021-35042"]),
    ("PyPI", "django", "3.2.5", &[]),
    ("PyPI", "Django", "2.2.3", &["CVE-2019-14234"]),
    ("PyPI", "django", "2.2.4", &[]),
    ("PyPI", "django", "1.11.22", &["CVE-2019-14234"]),
    ("PyPI", "django", "3.0.14", &[]),
    ("PyPI", "requests", "2.30.0", &["CVE-2023-32681"]),
    ("PyPI", "requests", "2.31.0", &[]),
    ("PyPI", "requests", "2.2.1", &[]),
    // npm: lodash < 4.17.12 and < 4.17.21; minimist < 0.2.4 and [1.0.0, 1.2.6); one withdrawn record
    (
        "npm",
        "lodash",
        "4.17.11",
        &["CVE-2019-10744", "CVE-2021-23337"],
    ),
    ("npm", "lodash", "4.17.20", &["CVE-2021-23337"]),
    ("npm", "lodash", "4.17.21", &[]),
    ("npm", "minimist", "0.0.8", &["CVE-2021-44906"]),
    ("npm", "minimist", "1.2.5", &["CVE-2021-44906"]),
    ("npm", "minimist", "1.2.6", &[]),
    ("npm", "minimist", "0.2.4", &[]),
    // Maven: log4j-core [2.0-beta9, 2.3.1) ∪ [2.4, 2.12.2) ∪ [2.13.0, 2.15.0)
    (
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.14.1",
        &["CVE-2021-44228"],
    ),
    (
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.15.0",
        &[],
    ),
    (
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.0-beta9",
        &["CVE-2021-44228"],
    ),
    (
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.0-beta8",
        &[],
    ),
    (
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.12.1",
        &["CVE-2021-44228"],
    ),
    (
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.12.2",
        &[],
    ),
    ("Maven", "org.apache.logging.log4j:log4j-core", "2.3.1", &[]),
];

fn pkg(eco: &'static str, name: &str, version: &str) -> Package {
    let v = if eco == "Go" {
        version.trim_start_matches('v')
    } else {
        version
    };
    Package::new(eco, name, v).at(1)
}

#[test]
fn hand_verified_pairs() {
    let (_dir, db) = db();
    assert!(CASES.len() >= 30);
    let mut vulnerable = 0;
    for (eco, name, version, want) in CASES {
        let found = match_packages(&db, &[pkg(eco, name, version)], "lock", "").unwrap();
        let mut got: Vec<&str> = found.iter().map(|f| f.rule_id.as_str()).collect();
        got.sort();
        assert_eq!(&got, want, "{eco} {name}@{version}");
        vulnerable += usize::from(!want.is_empty());
    }
    assert!(vulnerable >= 15 && CASES.len() - vulnerable >= 15);
}

#[test]
fn aliases_group_into_one_finding_with_every_id() {
    let (_dir, db) = db();
    let f = match_packages(
        &db,
        &[pkg("PyPI", "django", "3.1.12")],
        "requirements.txt",
        "django==3.1.12",
    )
    .unwrap();
    assert_eq!(f.len(), 1);
    let d = f[0].dependency.as_ref().unwrap();
    assert_eq!(d.advisory, "CVE-2021-35042");
    assert_eq!(d.aliases, vec!["GHSA-xpfp-f569-q3p2", "PYSEC-2021-109"]);
    assert_eq!(d.purl, "pkg:pypi/django@3.1.12");
    assert_eq!(f[0].snippet, "django==3.1.12");
}

#[test]
fn severity_is_computed_from_cvss_v3_and_v4() {
    let (_dir, db) = db();
    let f = match_packages(
        &db,
        &[pkg("crates.io", "smallvec", "1.6.0")],
        "Cargo.lock",
        "",
    )
    .unwrap();
    let d = f[0].dependency.as_ref().unwrap();
    assert_eq!(
        d.cvss_vector.as_deref(),
        Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    );
    assert_eq!(d.cvss_score, Some(9.8));
    assert_eq!(f[0].severity, Severity::Critical);
    // RUSTSEC-2026-0009 only has a CVSS 4.0 vector.
    let f = match_packages(&db, &[pkg("crates.io", "time", "0.3.20")], "Cargo.lock", "").unwrap();
    let d = f[0].dependency.as_ref().unwrap();
    assert!(d.cvss_vector.as_deref().unwrap().starts_with("CVSS:4.0/"));
    let score = d.cvss_score.unwrap();
    assert!(score > 0.0 && score < 10.0);
    assert_eq!(f[0].severity, rampart_sca::severity_of_score(score));
    // log4shell: CVSS 3.1 scope changed, 10.0.
    let f = match_packages(
        &db,
        &[pkg(
            "Maven",
            "org.apache.logging.log4j:log4j-core",
            "2.14.1",
        )],
        "pom.xml",
        "",
    )
    .unwrap();
    assert_eq!(f[0].dependency.as_ref().unwrap().cvss_score, Some(10.0));
    // Go records carry no vector and no label: medium, not silence.
    let f = match_packages(
        &db,
        &[pkg("Go", "golang.org/x/text", "0.3.7")],
        "go.mod",
        "",
    )
    .unwrap();
    assert_eq!(f[0].severity, Severity::Medium);
    assert!(f[0].dependency.as_ref().unwrap().cvss_score.is_none());
}

#[test]
fn smallest_upgrade_fixes_every_advisory_on_the_package() {
    let (_dir, db) = db();
    for (eco, name, version, upgrade) in [
        ("crates.io", "smallvec", "0.6.9", "0.6.14"),
        ("crates.io", "time", "0.2.22", "0.2.23"),
        ("npm", "lodash", "4.17.11", "4.17.21"),
        (
            "Maven",
            "org.apache.logging.log4j:log4j-core",
            "2.14.1",
            "2.15.0",
        ),
        ("PyPI", "django", "3.1.12", "3.1.13"),
        ("Go", "golang.org/x/text", "0.3.6", "0.3.8"),
    ] {
        let f = match_packages(&db, &[pkg(eco, name, version)], "lock", "").unwrap();
        for x in &f {
            let d = x.dependency.as_ref().unwrap();
            assert_eq!(d.upgrade_to.as_deref(), Some(upgrade), "{name}@{version}");
        }
        assert!(f[0].remediation.contains(upgrade));
    }
}

#[test]
fn path_from_a_direct_dependency() {
    let (_dir, db) = db();
    let mut app = Package::new("npm", "my-cli", "1.0.0").at(3);
    app.direct = Some(true);
    app.deps = vec![1];
    let mut mid = Package::new("npm", "mkdirp", "0.5.1").at(9);
    mid.direct = Some(false);
    mid.deps = vec![2];
    let mut leaf = Package::new("npm", "minimist", "0.0.8").at(14);
    leaf.direct = Some(false);
    let f = match_packages(&db, &[app, mid, leaf], "package-lock.json", "").unwrap();
    assert_eq!(f.len(), 1);
    let d = f[0].dependency.as_ref().unwrap();
    assert_eq!(
        d.path,
        vec!["my-cli@1.0.0", "mkdirp@0.5.1", "minimist@0.0.8"]
    );
    assert!(!d.direct);
    assert_eq!(f[0].location.start_line, 14);
    assert!(
        f[0].message
            .contains("via my-cli@1.0.0 → mkdirp@0.5.1 → minimist@0.0.8")
    );
}

#[test]
fn unrated_vulnerabilities_are_medium_and_say_so_until_an_alias_record_rates_them() {
    let (dir, mut db) = db();
    let text = [pkg("Go", "golang.org/x/text", "v0.3.7")];
    let f = match_packages(&db, &text, "go.mod", "").unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule_id, "CVE-2022-32149");
    assert_eq!(f[0].severity, Severity::Medium);
    assert!(f[0].message.contains("medium assumed"), "{}", f[0].message);
    assert_eq!(f[0].dependency.as_ref().unwrap().cvss_score, None);

    // An NVD-style record of the same CVE that names no package: its vector now rates the
    // Go finding, which itself carries none.
    let extra = dir.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(
        extra.join("CVE-2022-32149.json"),
        r#"{"id": "CVE-2022-32149", "modified": "2023-01-01T00:00:00Z",
            "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}]}"#,
    )
    .unwrap();
    import_path(&mut db, &extra).unwrap();
    let f = match_packages(&db, &text, "go.mod", "").unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::High);
    assert!(!f[0].message.contains("medium assumed"));
    let d = f[0].dependency.as_ref().unwrap();
    assert_eq!(d.cvss_score, Some(7.5));
    assert_eq!(
        d.cvss_vector.as_deref(),
        Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")
    );
}
