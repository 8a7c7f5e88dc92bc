//! The per-file time budget stops work early but never loses what was already found.

use std::time::Duration;

use rampart_engine::{AnalyzeError, Budget};
use rampart_secrets::SecretsAnalyzer;

#[test]
fn an_exhausted_budget_keeps_the_findings_made_so_far() {
    let analyzer = SecretsAnalyzer::builtin().unwrap();
    let text = "SLACK = \"xoxb-756140532352-9159564190697-OUttYpATIk27f4t3tGolUByx\"\n";
    let spent = Budget::new(Some(Duration::ZERO));
    let mut out = Vec::new();
    let result = analyzer.find_into(text.as_bytes(), "a.py", None, &spent, &mut out);
    assert!(matches!(result, Err(AnalyzeError::BudgetExceeded)));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].rule_id, "slack-bot-token");
}

#[test]
fn base64_next_to_a_plain_match_is_decoded_only_where_nothing_matched() {
    let analyzer = SecretsAnalyzer::builtin().unwrap();
    // Many plain matches and many base64 runs in one file: the overlap check must stay cheap
    // and correct (one finding per plain token, one per encoded token).
    let mut text = String::new();
    for _ in 0..2000 {
        text.push_str("a = \"xoxb-756140532352-9159564190697-OUttYpATIk27f4t3tGolUByx\"\n");
        text.push_str(
            "b: eG94Yi03NTYxNDA1MzIzNTItOTE1OTU2NDE5MDY5Ny1PVXR0WXBBVElrMjdmNHQzdEdvbFVCeXg=\n",
        );
    }
    let found = analyzer
        .find(text.as_bytes(), "a.yaml", None, &Budget::unlimited())
        .unwrap();
    assert_eq!(found.len(), 4000);
    assert_eq!(
        found
            .iter()
            .filter(|f| f.secret.as_ref().unwrap().decoded)
            .count(),
        2000
    );
}
