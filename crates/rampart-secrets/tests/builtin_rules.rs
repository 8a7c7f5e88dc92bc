//! Every built-in rule proves itself on its own examples: each positive example is found by
//! that rule, no negative example is.

use std::collections::HashSet;

use rampart_engine::Budget;
use rampart_secrets::{Rule, SecretsAnalyzer, builtin_specs};

#[test]
fn rule_ids_are_unique_and_rules_are_complete() {
    let specs = builtin_specs().expect("built-in rules parse");
    let mut ids = HashSet::new();
    let mut problems = Vec::new();
    for (file, s) in &specs {
        if !ids.insert(s.id.clone()) {
            problems.push(format!("{file}: duplicate id {}", s.id));
        }
        if s.keywords.is_empty() {
            problems.push(format!("{file}: {} has no keywords", s.id));
        }
        if s.keywords.iter().any(|k| *k != k.to_ascii_lowercase()) {
            problems.push(format!(
                "{file}: {} has a keyword that is not lowercase",
                s.id
            ));
        }
        if let Some(k) = s.keywords.iter().find(|k| k.len() < 3) {
            problems.push(format!(
                "{file}: {} has keyword {k:?}: shorter than 3 characters, it would send most lines to the regex",
                s.id
            ));
        }
        if s.examples.is_empty() {
            problems.push(format!("{file}: {} has no examples", s.id));
        }
        if s.description.is_empty() {
            problems.push(format!("{file}: {} has no description", s.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_regex_compiles() {
    for (file, spec) in builtin_specs().unwrap() {
        let id = spec.id.clone();
        Rule::compile(spec, &file, true).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

#[test]
fn every_example_is_found_and_no_negative_example_is() {
    let analyzer = SecretsAnalyzer::builtin().expect("built-in rules compile");
    let budget = Budget::unlimited();
    let mut failures = Vec::new();
    for (file, spec) in builtin_specs().unwrap() {
        for ex in &spec.examples {
            let found = analyzer
                .find(ex.as_bytes(), "example.txt", None, &budget)
                .unwrap();
            if !found.iter().any(|f| f.rule_id == spec.id) {
                let got: Vec<_> = found.iter().map(|f| f.rule_id.as_str()).collect();
                failures.push(format!(
                    "{file}: {}: example not found (found {got:?}): {ex}",
                    spec.id
                ));
            }
        }
        for ex in &spec.negative_examples {
            let found = analyzer
                .find(ex.as_bytes(), "example.txt", None, &budget)
                .unwrap();
            if found.iter().any(|f| f.rule_id == spec.id) {
                failures.push(format!("{file}: {}: negative example found: {ex}", spec.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
