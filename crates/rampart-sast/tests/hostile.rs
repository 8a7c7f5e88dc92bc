//! Hostile files: deep nesting, a 5 MB single-line script and invalid syntax never panic
//! and stay within the file's budget.

use std::time::Duration;

use rampart_engine::Budget;
use rampart_sast::{Grammar, RuleSetBuilder};

const RULES: &str = "rules:
  - id: deep
    languages: [python, javascript]
    severity: ERROR
    message: m
    pattern: eval(<... $X ...>)
  - id: taint
    mode: taint
    languages: [python, javascript]
    severity: ERROR
    message: m
    pattern-sources:
      - pattern: input()
      - pattern: location.hash
    pattern-sinks:
      - pattern: eval(...)
";

fn set() -> rampart_sast::RuleSet {
    let mut b = RuleSetBuilder::new();
    b.add_str(RULES, "hostile.yaml");
    let set = b.build();
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    set
}

#[test]
fn ten_thousand_deep_expressions_do_not_overflow_the_stack() {
    let set = set();
    let budget = Budget::new(Some(Duration::from_secs(60)));
    let parens = format!(
        "x = {}input(){}\neval(x)\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let sums = format!("x = input(){}\neval(x)\n", " + a".repeat(10_000));
    let calls = format!(
        "x = {}input(){}\neval(x)\n",
        "f(".repeat(10_000),
        ")".repeat(10_000)
    );
    for src in [parens, sums, calls] {
        // Must return (findings or a budget error), never crash.
        let _ = set.scan_source("deep.py", Grammar::Python, src, &budget);
    }
    let js = format!(
        "var x = {}location.hash{};\neval(x);\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let _ = set.scan_source("deep.js", Grammar::JavaScript, js, &budget);
}

#[test]
fn a_five_megabyte_single_line_script_stays_within_its_budget() {
    let set = set();
    let mut line = String::from("var a = [");
    while line.len() < 5 * 1024 * 1024 {
        line.push_str("eval(location.hash + 'x'), f(g(h(1))), ");
    }
    line.push_str("0];");
    let budget = Budget::new(Some(Duration::from_millis(200)));
    match set.scan_source("big.js", Grammar::JavaScript, line, &budget) {
        Ok(o) => assert!(o.out_of_time || !o.findings.is_empty()),
        Err(e) => assert!(e.to_string().contains("budget"), "{e}"),
    }
}

#[test]
fn invalid_syntax_is_analysed_on_what_parsed() {
    let set = set();
    let src = "def broken(:\n    pass\n\nx = input()\neval(x)\n".to_string();
    let o = set
        .scan_source("bad.py", Grammar::Python, src, &Budget::unlimited())
        .unwrap();
    assert!(o.syntax_errors > 0);
    assert!(
        o.findings
            .iter()
            .any(|f| f.rule_id == "taint" && f.location.start_line == 5)
    );
}

/// The holes added for Semgrep compatibility walk long chains, long strings and many
/// assignments without recursion on the code's size.
#[test]
fn long_chains_templates_and_reassignments_do_not_crash() {
    let mut b = RuleSetBuilder::new();
    b.add_str(
        r#"rules:
  - id: chain
    languages: [javascript]
    severity: ERROR
    message: m
    pattern: $REQ. ... .$V($X)
  - id: template
    languages: [javascript]
    severity: ERROR
    message: m
    pattern: f(`$A${$X}...`)
  - id: constant
    languages: [javascript]
    severity: ERROR
    message: m
    patterns:
      - pattern: g($Y)
      - pattern-not: g("...")
"#,
        "compat.yaml",
    );
    let set = b.build();
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    let budget = Budget::new(Some(Duration::from_secs(60)));
    let chain = format!("a{}.end(x);\n", ".b".repeat(20_000));
    let template = format!(
        "f(`{}${{x}}{}`);\n",
        "t".repeat(1_000_000),
        "u".repeat(1_000_000)
    );
    let reassigned = format!("{}g(v);\n", "v = 'a' + 'b';\n".repeat(20_000));
    // The chain and the template match once; `v` holds a constant, so `g(v)` is excluded.
    for (src, want) in [(chain, 1), (template, 1), (reassigned, 0)] {
        let out = set.scan_source("big.js", Grammar::JavaScript, src, &budget);
        assert_eq!(out.map(|o| o.findings.len()).ok(), Some(want));
    }
}
