//! The annotated fixtures under `tests/fixtures/<language>/` (one per matcher feature and
//! per language, taint included) must all pass the `rules test` contract, and a fixture
//! whose annotation is wrong must fail it.

use std::path::Path;

use rampart_sast::testing::{Kind, annotations, run_dir};

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

#[test]
fn every_fixture_passes_for_every_language() {
    for lang in ["python", "javascript", "typescript", "java", "go"] {
        let mut out = Vec::new();
        let s = run_dir(&fixtures().join(lang), &mut out).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(
            s.files >= 2,
            "{lang}: structural and taint fixtures expected"
        );
        assert!(!s.failed(), "{lang}:\n{text}\n{}", s.line());
        assert_eq!(s.annotations, s.annotations_passed, "{lang}:\n{text}");
        assert!(s.annotations >= 3, "{lang}: too few annotations");
    }
}

#[test]
fn a_wrong_annotation_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.yaml"),
        "rules:\n  - id: r\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern: eval(...)\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("r.py"),
        "# ok: r\neval(x)\n# ruleid: r\nexec(x)\n",
    )
    .unwrap();
    let mut out = Vec::new();
    let s = run_dir(dir.path(), &mut out).unwrap();
    assert!(s.failed());
    assert_eq!((s.annotations, s.annotations_passed), (2, 0));
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("FAIL r"), "{text}");
}

#[test]
fn annotations_apply_to_the_next_code_line_or_their_own() {
    let src = "# ruleid: a, b\n# ok: c\nx = 1\ny = 2  # todoruleid: d\n";
    let a = annotations(src);
    assert_eq!(a[0].0, 3);
    assert_eq!(a[0].2, vec!["a".to_string(), "b".to_string()]);
    assert_eq!((a[1].0, a[1].1), (3, Kind::Ok));
    assert_eq!((a[2].0, a[2].1), (4, Kind::TodoRuleId));
}
