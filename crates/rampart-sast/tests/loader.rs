//! The rule loader: unsupported keys are errors naming the rule and the key, one bad rule
//! does not stop the others, CWE strings and the new severities are read.

use rampart_core::Severity;
use rampart_sast::RuleSetBuilder;

const GOOD: &str = "  - id: good\n    languages: [python]\n    severity: CRITICAL\n    message: m\n    metadata:\n      cwe: \"CWE-89: Improper Neutralization of Special Elements used in an SQL Command\"\n      rampart:\n        title: A title\n        fix: Do this\n    pattern: eval(...)\n";

#[test]
fn unsupported_key_is_an_error_naming_rule_key_and_line() {
    let src = format!(
        "rules:\n  - id: bad\n    languages: [python]\n    severity: ERROR\n    message: m\n    patterns:\n      - pattern: eval(...)\n      - pattern-where-python: \"True\"\n{GOOD}"
    );
    let mut b = RuleSetBuilder::new();
    b.add_str(&src, "x.yaml");
    let set = b.build();
    assert_eq!(set.rules.len(), 1, "the good rule still loads");
    assert_eq!(set.errors.len(), 1);
    let e = set.errors[0].to_string();
    assert!(
        e.contains("x.yaml:8") && e.contains("`bad`") && e.contains("pattern-where-python"),
        "{e}"
    );
    let r = &set.rules[0];
    assert_eq!(r.meta.cwe, vec![89]);
    assert_eq!(r.meta.severity, Severity::Critical);
    assert_eq!(r.meta.title, "A title");
    assert_eq!(r.meta.remediation, "Do this");
}

#[test]
fn broken_yaml_and_unknown_languages_are_reported() {
    let mut b = RuleSetBuilder::new();
    b.add_str("rules: [\n  - id: x\n", "broken.yaml");
    b.add_str(
        "rules:\n  - id: cobol-rule\n    languages: [cobol]\n    severity: INFO\n    message: m\n    pattern: x\n",
        "c.yaml",
    );
    let set = b.build();
    assert!(set.rules.is_empty());
    let all: Vec<String> = set.errors.iter().map(ToString::to_string).collect();
    assert!(
        all[0].starts_with("broken.yaml:") && all[0].contains("invalid YAML"),
        "{all:?}"
    );
    assert!(all[1].contains("cobol"), "{all:?}");
}

#[test]
fn taint_labels_are_refused_not_ignored() {
    let src = "rules:\n  - id: t\n    mode: taint\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern-sources:\n      - pattern: source()\n        label: A\n    pattern-sinks:\n      - pattern: sink(...)\n";
    let mut b = RuleSetBuilder::new();
    b.add_str(src, "t.yaml");
    let set = b.build();
    assert!(set.rules.is_empty());
    assert!(set.errors[0].to_string().contains("`label`"));
}
