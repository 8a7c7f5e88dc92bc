//! Arbitrary source text parsed and matched by a fixed set of rules exercising every
//! pattern feature (the first byte picks the grammar). Errors are fine, panics are not.
#![no_main]

use std::sync::LazyLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use rampart_engine::Budget;
use rampart_sast::{Grammar, RuleSet, RuleSetBuilder};

/// Built-in packs plus rules using the holes the packs may not: chains, templates,
/// insides, metavariable conditions, taint.
const EXTRA: &str = r#"
rules:
  - id: chain
    languages: [python, javascript, typescript, java, go]
    severity: INFO
    message: m
    patterns:
      - pattern-inside: |
          $X = $SRC
          ...
      - pattern: $X. ... .$Y($ARG, ...)
      - pattern-not: $X. ... .$Y("...", ...)
      - metavariable-regex:
          metavariable: $Y
          regex: ^(get|exec|query)
  - id: strings
    languages: [python, javascript, typescript]
    severity: INFO
    message: m
    pattern-either:
      - pattern: f"...{$X}..."
      - pattern: "`$A${$X}...`"
      - pattern: $F("=~/^sel/i", ...)
  - id: functions
    languages: [javascript, typescript]
    severity: INFO
    message: m
    patterns:
      - pattern-inside: function ... (..., $P, ...) {...}
      - pattern: "$P.send({a: $V})"
  - id: taint
    languages: [python, javascript, typescript, java, go]
    severity: INFO
    message: m
    mode: taint
    pattern-sources:
      - pattern: source(...)
    pattern-sinks:
      - pattern: sink(...)
"#;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    let mut b = RuleSetBuilder::new().with_builtin();
    b.add_str(EXTRA, "extra.yaml");
    b.build()
});

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let g = Grammar::ALL[pick as usize % Grammar::ALL.len()];
    let src = String::from_utf8_lossy(rest).into_owned();
    let budget = Budget::new(Some(Duration::from_secs(5)));
    let _ = RULES.scan_source("fuzz", g, src, &budget);
});
