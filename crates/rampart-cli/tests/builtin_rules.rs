//! The built-in SAST rules pass their own annotated test files under `rampart rules test`,
//! and every rule has both a vulnerable (`ruleid:`) and a safe (`ok:`) case.
//!
//! Rules that still fail because the engine lacks a feature are listed in
//! `crates/rampart-sast/rules/known-gaps.txt`; the list is a ratchet: a listed rule that
//! passes again fails this test until it is removed from the list.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rampart-sast/rules")
}

/// Rule ids of the known-gaps file (`id  # why`), comments and blank lines skipped.
fn known_gaps() -> BTreeSet<String> {
    let text = std::fs::read_to_string(rules_dir().join("known-gaps.txt")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rule_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

#[test]
fn every_builtin_rule_passes_rules_test_except_known_gaps() {
    let dir = rules_dir();
    let out = rampart(&dir, &["rules", "test", "."]);
    let text = stdout(&out);
    assert!(
        !text.contains("LOAD-ERROR") && !text.contains("ERROR "),
        "a built-in rule does not load:\n{text}"
    );
    let failing: BTreeSet<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("FAIL "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    let gaps = known_gaps();
    let new: Vec<&String> = failing.difference(&gaps).collect();
    assert!(new.is_empty(), "failing built-in rules: {new:?}\n{text}");
    let fixed: Vec<&String> = gaps.difference(&failing).collect();
    assert!(
        fixed.is_empty(),
        "these rules pass now: remove them from rules/known-gaps.txt: {fixed:?}"
    );
    let passed = text.lines().filter(|l| l.starts_with("PASS ")).count();
    assert!(passed > 100, "too few rules ran ({passed}):\n{text}");
    if gaps.is_empty() {
        assert_eq!(out.status.code(), Some(0), "{text}");
    }
}

#[test]
fn every_builtin_rule_has_a_vulnerable_and_a_safe_case() {
    let mut files = Vec::new();
    rule_files(&rules_dir(), &mut files);
    assert!(!files.is_empty());
    let mut problems = Vec::new();
    for yaml in files {
        let rules = std::fs::read_to_string(&yaml).unwrap();
        let test = ["py", "js", "jsx", "ts", "tsx", "java", "go"]
            .iter()
            .map(|e| yaml.with_extension(e))
            .find(|p| p.is_file());
        let Some(test) = test else {
            problems.push(format!("{}: no test file", yaml.display()));
            continue;
        };
        let code = std::fs::read_to_string(&test).unwrap();
        for id in rules
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("- id:"))
            .map(str::trim)
        {
            for kind in ["ruleid", "ok"] {
                let has = code.lines().any(|l| annotates(l, kind, id));
                if !has {
                    problems.push(format!("{}: no `{kind}: {id}` case", test.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `line` has a `kind: … id …` annotation (not `todo{kind}:`).
fn annotates(line: &str, kind: &str, id: &str) -> bool {
    let word = format!("{kind}:");
    line.match_indices(&word).any(|(at, _)| {
        let standalone = line[..at]
            .chars()
            .last()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        standalone
            && line[at + word.len()..]
                .split([',', ' '])
                .any(|w| w.trim() == id)
    })
}
