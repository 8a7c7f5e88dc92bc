//! `rampart rules test DIR`: the `semgrep --test` contract.
//!
//! For every rule file `X.yaml` with a test file `X.<ext>` beside it, comments
//! `ruleid: ID` / `ok: ID` (also `todoruleid:` / `todook:`) say what the *next* line (or the
//! same line, when code precedes the comment) must or must not produce. A rule passes when
//! every `ruleid` line is reported, no `ok` line is, and nothing is reported on a line no
//! annotation mentions. `todo…` annotations record known gaps and are counted apart.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rampart_engine::Budget;

use crate::{Grammar, RuleSetBuilder};

const TEST_EXTENSIONS: &[&str] = &["py", "js", "jsx", "ts", "tsx", "java", "go"];

#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Rule files with a test file.
    pub files: usize,
    /// Rules in those files (loaded or not).
    pub rules: usize,
    pub loaded: usize,
    pub rules_passed: usize,
    pub annotations: usize,
    pub annotations_passed: usize,
    pub todo: usize,
}

impl Summary {
    pub fn failed(&self) -> bool {
        self.loaded < self.rules || self.rules_passed < self.loaded
    }

    pub fn add(&mut self, o: &Summary) {
        self.files += o.files;
        self.rules += o.rules;
        self.loaded += o.loaded;
        self.rules_passed += o.rules_passed;
        self.annotations += o.annotations;
        self.annotations_passed += o.annotations_passed;
        self.todo += o.todo;
    }

    pub fn line(&self) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                100.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        format!(
            "{} rule file(s), {} rule(s): {} loaded ({:.1}%), {} passed ({:.1}% of loaded); annotations {}/{} passed ({:.1}%); {} todo annotation(s) not counted",
            self.files,
            self.rules,
            self.loaded,
            pct(self.loaded, self.rules),
            self.rules_passed,
            pct(self.rules_passed, self.loaded),
            self.annotations_passed,
            self.annotations,
            pct(self.annotations_passed, self.annotations),
            self.todo
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    RuleId,
    Ok,
    TodoRuleId,
    TodoOk,
}

/// `(line, kind, ids)` for every annotation in a test file (lines 1-based, already moved to
/// the line they apply to).
pub fn annotations(src: &str) -> Vec<(u32, Kind, Vec<String>)> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    let parse = |l: &str| -> Option<(usize, Kind, Vec<String>)> {
        for (word, kind) in [
            ("todoruleid:", Kind::TodoRuleId),
            ("todook:", Kind::TodoOk),
            ("ruleid:", Kind::RuleId),
            ("ok:", Kind::Ok),
        ] {
            let Some(pos) = find_annotation(l, word) else {
                continue;
            };
            let rest = &l[pos + word.len()..];
            let rest = rest
                .split("*/")
                .next()
                .unwrap_or(rest)
                .split("-->")
                .next()
                .unwrap_or(rest);
            let ids: Vec<String> = rest
                .split([',', ' '])
                .map(|s| s.trim().trim_end_matches("}").to_string())
                .filter(|s| !s.is_empty())
                .collect();
            return Some((pos, kind, ids));
        }
        None
    };
    for (i, l) in lines.iter().enumerate() {
        let Some((pos, kind, ids)) = parse(l) else {
            continue;
        };
        let before = l[..pos].trim();
        let code_before = before
            .trim_end_matches(|c: char| "#/*<!-{ ".contains(c))
            .trim();
        let target = if !code_before.is_empty() {
            i
        } else {
            // The next line that is not itself an annotation.
            let mut j = i + 1;
            while j < lines.len()
                && parse(lines[j]).is_some_and(|(p, _, _)| {
                    lines[j][..p]
                        .trim()
                        .trim_end_matches(|c: char| "#/*<!-{ ".contains(c))
                        .trim()
                        .is_empty()
                })
            {
                j += 1;
            }
            j
        };
        out.push((target as u32 + 1, kind, ids));
    }
    out
}

/// Position of `word` in a comment on this line (after `#`, `//`, `/*` or `<!--`).
fn find_annotation(line: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = line[from..].find(word) {
        let at = from + p;
        let before = &line[..at];
        let prev = before.chars().last();
        let boundary = prev.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
        if boundary
            && (before.contains('#')
                || before.contains("//")
                || before.contains("/*")
                || before.contains("<!--"))
        {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

fn id_matches(annotation: &str, rule: &str) -> bool {
    annotation == rule
        || rule.ends_with(&format!(".{annotation}"))
        || annotation.ends_with(&format!(".{rule}"))
}

/// Rule files with their test files, under `dir`.
pub fn pairs(dir: &Path) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for yaml in crate::rule_files(dir)? {
        let stem = yaml.with_extension("");
        for ext in TEST_EXTENSIONS {
            let t = stem.with_extension(ext);
            if t.is_file() {
                out.push((yaml.clone(), t));
                break;
            }
        }
    }
    Ok(out)
}

/// Tests one rule file against its test file, printing one line per rule.
pub fn test_pair(yaml: &Path, test: &Path, out: &mut dyn Write) -> std::io::Result<Summary> {
    let mut s = Summary {
        files: 1,
        ..Summary::default()
    };
    let mut b = RuleSetBuilder::new();
    let src = std::fs::read_to_string(yaml)?;
    b.add_str(&src, &yaml.display().to_string());
    let set = b.build();
    // Rules that failed to load count as rules that did not pass.
    let failed_ids: BTreeSet<String> = set
        .errors
        .iter()
        .map(|e| e.rule.clone().unwrap_or_else(|| "(file)".into()))
        .collect();
    for e in &set.errors {
        writeln!(out, "LOAD-ERROR {e}")?;
    }
    s.rules = set.rules.len() + failed_ids.len();
    s.loaded = set.rules.len();
    let code = std::fs::read_to_string(test)?;
    let anns = annotations(&code);
    let Some(grammar) = Grammar::for_path(&test.to_string_lossy()) else {
        return Ok(s);
    };
    let budget = Budget::new(Some(Duration::from_secs(30)));
    let rel = test
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        set.scan_source_for_test(&rel, grammar, code.clone(), &budget)
    }));
    let found = match run {
        Ok(Ok(o)) => o.findings,
        Ok(Err(e)) => {
            writeln!(out, "ERROR {}: {e}", test.display())?;
            Vec::new()
        }
        Err(_) => {
            writeln!(out, "ERROR {}: the engine panicked (a bug)", test.display())?;
            Vec::new()
        }
    };
    for rule in &set.rules {
        let reported: BTreeSet<u32> = found
            .iter()
            .filter(|f| f.rule_id == rule.id)
            .map(|f| f.location.start_line)
            .collect();
        let mut expected: BTreeMap<u32, Kind> = BTreeMap::new();
        for (line, kind, ids) in &anns {
            if ids.iter().any(|i| id_matches(i, &rule.id)) {
                expected.insert(*line, *kind);
            }
        }
        let mut missed = Vec::new();
        let mut fps = Vec::new();
        for (line, kind) in &expected {
            match kind {
                Kind::RuleId => {
                    s.annotations += 1;
                    if reported.contains(line) {
                        s.annotations_passed += 1;
                    } else {
                        missed.push(*line);
                    }
                }
                Kind::Ok => {
                    s.annotations += 1;
                    if reported.contains(line) {
                        fps.push(*line);
                    } else {
                        s.annotations_passed += 1;
                    }
                }
                Kind::TodoRuleId | Kind::TodoOk => s.todo += 1,
            }
        }
        let unexpected: Vec<u32> = reported
            .iter()
            .copied()
            .filter(|l| !expected.contains_key(l))
            .collect();
        if missed.is_empty() && fps.is_empty() && unexpected.is_empty() {
            s.rules_passed += 1;
            writeln!(out, "PASS {} ({})", rule.id, test.display())?;
        } else {
            writeln!(
                out,
                "FAIL {} ({}): missed lines {:?}, reported on ok lines {:?}, unannotated lines {:?}",
                rule.id,
                test.display(),
                missed,
                fps,
                unexpected
            )?;
        }
    }
    Ok(s)
}

/// Tests every rule file under `dir` that has a test file.
pub fn run_dir(dir: &Path, out: &mut dyn Write) -> std::io::Result<Summary> {
    let mut total = Summary::default();
    for (yaml, test) in pairs(dir)? {
        let s = test_pair(&yaml, &test, out)?;
        total.add(&s);
    }
    Ok(total)
}
