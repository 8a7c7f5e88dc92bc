//! OpenVEX 0.2.0 statements for dependency findings a person has triaged: a false positive is
//! `not_affected` (with its OpenVEX justification when one was given, and the triage reason as
//! the impact statement); a risk acceptance is `affected` with the acceptance as the action
//! statement.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::{Record, State, time};

/// The document, or `None` when no finding qualifies (OpenVEX needs at least one statement).
pub fn openvex(records: &[Record], author: &str, product: &str, now: i64) -> Option<Value> {
    let mut seen = BTreeSet::new();
    let mut statements = Vec::new();
    for r in records {
        let (Some(advisory), Some(purl)) = (&r.advisory, &r.purl) else {
            continue;
        };
        let Some(statement) = statement(r, advisory, purl, product) else {
            continue;
        };
        // The same advisory on the same package from two manifests is one statement.
        if seen.insert(statement.to_string()) {
            statements.push(statement);
        }
    }
    if statements.is_empty() {
        return None;
    }
    let body = serde_json::to_string(&statements).unwrap_or_default();
    let digest = hex::encode(Sha256::digest(format!("{author}\n{product}\n{body}")));
    Some(json!({
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": format!("https://openvex.dev/docs/public/vex-{}", &digest[..32]),
        "author": author,
        "role": "Document Creator",
        "timestamp": time::rfc3339(now),
        "version": 1,
        "tooling": concat!("rampart ", env!("CARGO_PKG_VERSION")),
        "statements": statements,
    }))
}

fn statement(r: &Record, advisory: &str, purl: &str, product: &str) -> Option<Value> {
    let mut aliases: Vec<String> = r
        .finding
        .pointer("/dependency/aliases")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .filter(|s| *s != advisory)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    aliases.sort();
    aliases.dedup();
    let mut vuln = json!({ "name": advisory });
    if !aliases.is_empty() {
        vuln["aliases"] = json!(aliases);
    }
    let mut s = json!({
        "vulnerability": vuln,
        "timestamp": r.state_since,
        "products": [{
            "@id": product,
            "subcomponents": [{ "@id": purl }],
        }],
    });
    let reason = r.reason.clone().unwrap_or_default();
    match r.state {
        State::FalsePositive => {
            s["status"] = json!("not_affected");
            if let Some(j) = &r.justification {
                s["justification"] = json!(j);
            }
            if !reason.is_empty() || r.justification.is_none() {
                s["impact_statement"] = json!(if reason.is_empty() {
                    "triaged as a false positive".to_string()
                } else {
                    reason
                });
            }
        }
        State::RiskAccepted => {
            s["status"] = json!("affected");
            let mut action = format!("Risk accepted: {reason}");
            if let Some(a) = &r.approver {
                action.push_str(&format!("; approved by {a}"));
            }
            if let Some(u) = &r.accepted_until {
                action.push_str(&format!("; to be remediated or re-assessed by {u}"));
            }
            if let Some(up) = r
                .finding
                .pointer("/dependency/upgrade_to")
                .and_then(Value::as_str)
            {
                action.push_str(&format!("; fix: upgrade to {up}"));
            }
            s["action_statement"] = json!(action);
            s["action_statement_timestamp"] = json!(r.state_since);
        }
        _ => return None,
    }
    Some(s)
}
