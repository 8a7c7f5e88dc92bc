//! SARIF 2.1.0, as GitHub code scanning reads it: rules with `security-severity` and CWE tags,
//! results with `partialFingerprints`, relative URIs against `%SRCROOT%`.

use std::collections::HashMap;

use rampart_core::{Finding, RuleMeta, Severity};
use serde_json::{Value, json};

use crate::Report;
use rampart_engine::SuppressionSource;

/// The key under which rampart's fingerprint is stored in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "rampart/v1";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// Percent-encodes what a relative URI reference cannot hold literally.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn rule_json(rule: &RuleMeta) -> Value {
    let mut tags = vec!["security".to_string(), rule.analyzer.clone()];
    tags.extend(rule.cwe.iter().map(|c| format!("CWE-{c}")));
    let mut help = format!("{}\n\nFix: {}", rule.description, rule.remediation);
    if !rule.references.is_empty() {
        help.push_str("\n\nReferences:\n");
        for r in &rule.references {
            help.push_str(&format!("- {r}\n"));
        }
    }
    let mut v = json!({
        "id": rule.id,
        "name": rule.id,
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": if rule.description.is_empty() { &rule.title } else { &rule.description } },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "tags": tags,
            "security-severity": rule.severity.security_severity(),
            "precision": match rule.confidence {
                rampart_core::Confidence::High => "high",
                rampart_core::Confidence::Medium => "medium",
                rampart_core::Confidence::Low => "low",
            },
            "cwe": rule.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>(),
        }
    });
    if let Some(first) = rule.references.first() {
        v["helpUri"] = json!(first);
    }
    v
}

fn result_json(
    f: &Finding,
    rule_index: Option<usize>,
    suppression: Option<&SuppressionSource>,
) -> Value {
    let l = &f.location;
    let mut v = json!({
        "ruleId": f.rule_id,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri_path(&l.path), "uriBaseId": "%SRCROOT%" },
                "region": {
                    "startLine": l.start_line.max(1),
                    "startColumn": l.start_column.max(1),
                    "endLine": l.end_line.max(l.start_line).max(1),
                    "endColumn": l.end_column.max(1),
                    "snippet": { "text": f.snippet },
                }
            }
        }],
        "partialFingerprints": { FINGERPRINT_KEY: f.fingerprint },
        "properties": {
            "severity": f.severity.as_str(),
            "confidence": f.confidence.as_str(),
            "analyzer": f.analyzer,
            "cwe": f.cwe_tags(),
            "owasp-2021": f.owasp_2021,
            "owasp-2025": f.owasp_2025,
            "security-severity": f.severity.security_severity(),
        }
    });
    if let Some(i) = rule_index {
        v["ruleIndex"] = json!(i);
    }
    if !f.flow.is_empty() {
        v["codeFlows"] = code_flows(f);
    }
    if let Some(s) = &f.secret {
        v["properties"]["secret"] = json!({ "redacted": s.redacted, "sha256": s.sha256 });
    }
    if let Some(p) = &f.provenance {
        v["properties"]["provenance"] = serde_json::to_value(p).expect("provenance serialises");
    }
    if let Some(by) = suppression {
        let kind = if matches!(by, SuppressionSource::Inline { .. }) {
            "inSource"
        } else {
            "external"
        };
        v["suppressions"] = json!([{ "kind": kind, "justification": by.reason() }]);
    }
    v
}

/// A taint trace as one SARIF thread flow: source, the steps in between, sink.
fn code_flows(f: &Finding) -> Value {
    let locations: Vec<Value> = f
        .flow
        .iter()
        .map(|step| {
            let l = &step.location;
            json!({
                "location": {
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri_path(&l.path), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": l.start_line.max(1),
                            "startColumn": l.start_column.max(1),
                            "endLine": l.end_line.max(l.start_line).max(1),
                            "endColumn": l.end_column.max(1),
                        }
                    },
                    "message": { "text": step.message },
                }
            })
        })
        .collect();
    json!([{
        "message": { "text": format!("{} step(s) from source to sink", f.flow.len()) },
        "threadFlows": [{ "locations": locations }],
    }])
}

pub fn render(r: &Report) -> String {
    let mut rules: Vec<&RuleMeta> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for rule in r.rules {
        if !index.contains_key(rule.id.as_str()) {
            index.insert(&rule.id, rules.len());
            rules.push(rule);
        }
    }
    let mut results: Vec<Value> = r
        .result
        .findings
        .iter()
        .map(|f| result_json(f, index.get(f.rule_id.as_str()).copied(), None))
        .collect();
    results.extend(r.result.suppressed.iter().map(|s| {
        result_json(
            &s.finding,
            index.get(s.finding.rule_id.as_str()).copied(),
            Some(&s.by),
        )
    }));
    let notifications: Vec<Value> = r
        .result
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri_path(&e.path), "uriBaseId": "%SRCROOT%" } } }],
            })
        })
        .chain(r.result.warnings.iter().map(|w| json!({ "level": "warning", "message": { "text": w } })))
        .collect();
    let base = if r.base_uri.ends_with('/') {
        r.base_uri.to_string()
    } else {
        format!("{}/", r.base_uri)
    };
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "rampart",
                "version": r.tool_version,
                "semanticVersion": r.tool_version,
                "informationUri": "https://github.com/rampart-security/rampart",
                "rules": rules.iter().map(|r| rule_json(r)).collect::<Vec<_>>(),
                "properties": { "rulePack": r.rule_pack },
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": format!("file://{}", uri_path(&base)) } },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serialises");
    s.push('\n');
    s
}
