//! `rampart scan` end to end: exit codes, formats, suppression, configuration, redaction.

mod common;

use common::*;

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.py", "print('hello')\n");
    assert_eq!(rampart(dir.path(), &["scan", "."]).status.code(), Some(0));
    write(dir.path(), "app.py", format!("SLACK = \"{SLACK}\"\n"));
    let out = rampart(dir.path(), &["scan", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("slack-bot-token"));
    assert_eq!(
        rampart(dir.path(), &["scan", "--fail-on", "critical", "."])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        rampart(dir.path(), &["scan", "--fail-on", "none", "."])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        rampart(dir.path(), &["scan", "--fail-on", "bogus", "."])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        rampart(dir.path(), &["scan", "--no-such-flag"])
            .status
            .code(),
        Some(2)
    );
    let missing = rampart(dir.path(), &["scan", "does-not-exist"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("does-not-exist"));
    assert_eq!(
        rampart(dir.path(), &["scan", "--only", "nope", "."])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_report_has_the_finding_model_and_never_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let gh = github_token();
    write(
        dir.path(),
        "src/app.py",
        format!("import os\nTOKEN = \"{gh}\"\nSLACK = '{SLACK}'\n"),
    );
    let out = rampart(dir.path(), &["scan", "--format", "json", "."]);
    let report = json(&out);
    assert_eq!(report["schema_version"], "1.0");
    let f = report["findings"].as_array().unwrap();
    let slack = f
        .iter()
        .find(|f| f["rule_id"] == "slack-bot-token")
        .expect("slack finding");
    assert_eq!(slack["location"]["path"], "src/app.py");
    assert_eq!(slack["location"]["start_line"], 3);
    assert_eq!(slack["location"]["start_column"], 10);
    assert_eq!(slack["cwe"], serde_json::json!([798]));
    assert_eq!(slack["owasp_2021"], serde_json::json!(["A07:2021"]));
    assert_eq!(slack["owasp_2025"], serde_json::json!(["A07:2025"]));
    assert_eq!(slack["secret"]["redacted"], "xoxb…(56)");
    assert_eq!(slack["fingerprint"].as_str().unwrap().len(), 32);
    let gh_finding = f
        .iter()
        .find(|f| f["secret"]["redacted"] == "ghp_…(40)")
        .expect("github finding");
    assert_eq!(gh_finding["secret"]["checksum_valid"], true);
    assert_eq!(gh_finding["confidence"], "high");
    assert!(!stdout(&out).contains(SLACK) && !stdout(&out).contains(&gh));
}

#[test]
fn no_output_format_or_log_contains_a_secret_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let gh = github_token();
    let pem_body = "MIIEpAIBAAKCAQEA7bq98xJ2vLm5QwZcTnR4hKfU8sYd3GpXe1VbJ9oNtW6aPyCrHqLiMzDuSgFkE0jOv2TlAYxBnIc4K7wRs";
    write(
        dir.path(),
        "deploy/secrets.env",
        format!("GITHUB_TOKEN={gh}\nSLACK_TOKEN={SLACK}\nDB_PASSWORD=\"Zq8vN2kP5xR7tY1wLm3B\"\n"),
    );
    write(
        dir.path(),
        "keys/id_rsa",
        format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{pem_body}\n{pem_body}\n-----END RSA PRIVATE KEY-----\n"
        ),
    );
    let secrets = [gh.as_str(), SLACK, "Zq8vN2kP5xR7tY1wLm3B", pem_body];
    let mut everything = String::new();
    for fmt in ["table", "json", "sarif", "junit", "markdown"] {
        let out = rampart(dir.path(), &["scan", "--format", fmt, "."]);
        assert_eq!(out.status.code(), Some(1), "{fmt}: {}", stderr(&out));
        everything.push_str(&stdout(&out));
        everything.push_str(&stderr(&out));
    }
    let files = rampart(
        dir.path(),
        &[
            "scan",
            "-f",
            "json,sarif,junit,markdown,table",
            "-o",
            "r.json",
            "-o",
            "r.sarif",
            "-o",
            "r.xml",
            "-o",
            "r.md",
            "-o",
            "r.txt",
            ".",
        ],
    );
    assert_eq!(files.status.code(), Some(1));
    for f in ["r.json", "r.sarif", "r.xml", "r.md", "r.txt"] {
        everything.push_str(&std::fs::read_to_string(dir.path().join(f)).unwrap());
    }
    assert!(everything.contains("slack-bot-token"));
    for s in secrets {
        assert!(
            !everything.contains(s),
            "a report contains the secret {}…",
            &s[..4]
        );
    }
}

#[test]
fn sarif_validates_against_the_official_schema_and_carries_github_fields() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a dir/app.py",
        format!(
            "SLACK = \"{SLACK}\"\nx = 1 # rampart-ignore: slack-bot-token reviewed\nSLACK2 = \"{SLACK}\"\n"
        ),
    );
    write(dir.path(), "b.py", format!("T = \"{SLACK}\"\n"));
    let out = rampart(dir.path(), &["scan", "--format", "sarif", "."]);
    let sarif = json(&out);
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let slack_rule = rules.iter().find(|r| r["id"] == "slack-bot-token").unwrap();
    let tags: Vec<_> = slack_rule["properties"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(tags.contains(&"security") && tags.contains(&"CWE-798"));
    assert!(
        slack_rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse::<f64>()
            .unwrap()
            >= 7.0
    );
    let results = run["results"].as_array().unwrap();
    let first = &results[0];
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a%20dir/app.py"
    );
    assert!(first["partialFingerprints"]["rampart/v1"].is_string());
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["justification"] == "reviewed")
    );
    let idx = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], first["ruleId"]);
    match schema("sarif-2.1.0.schema.json") {
        Some(schema) => {
            let validator = jsonschema::validator_for(&schema).expect("schema compiles");
            let errors: Vec<String> = validator
                .iter_errors(&sarif)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "SARIF does not validate:\n{}",
                errors.join("\n")
            );
        }
        None => eprintln!("note: ../shared/schemas not found; SARIF schema validation skipped"),
    }
}

#[test]
fn junit_and_markdown_are_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.py", format!("T = \"{SLACK}\" # <&>\n"));
    let junit = stdout(&rampart(dir.path(), &["scan", "-f", "junit", "."]));
    assert!(junit.starts_with("<?xml"));
    assert!(junit.contains("failures=\"1\"") && junit.contains("<failure"));
    assert!(junit.contains("&lt;&amp;&gt;"));
    let md = stdout(&rampart(dir.path(), &["scan", "-f", "markdown", "."]));
    assert!(md.contains("| high | 1 |") && md.contains("`slack-bot-token`"));
    let clean = tempfile::tempdir().unwrap();
    let junit = stdout(&rampart(clean.path(), &["scan", "-f", "junit", "."]));
    assert!(junit.contains("tests=\"1\" failures=\"0\""));
}

#[test]
fn suppressions_inline_baseline_and_config_are_kept_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.py",
        format!(
            "A = \"{SLACK}\"  # rampart-ignore: slack-bot-token rotated 2026-10, see INC-42\nB = \"{SLACK}\"  # rampart-ignore\n"
        ),
    );
    write(dir.path(), "fixtures/c.py", format!("C = \"{SLACK}\"\n"));
    write(
        dir.path(),
        "rampart.toml",
        "[[ignore]]\npaths = [\"fixtures/**\"]\nreason = \"fixture data\"\n",
    );
    let out = rampart(dir.path(), &["scan", "-f", "json", "."]);
    let r = json(&out);
    assert_eq!(r["findings"].as_array().unwrap().len(), 0);
    assert_eq!(out.status.code(), Some(0));
    let sup = r["suppressed"].as_array().unwrap();
    assert_eq!(sup.len(), 3);
    let reasons: Vec<_> = sup
        .iter()
        .map(|s| s["by"]["reason"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        reasons.contains(&"rotated 2026-10, see INC-42".to_string()),
        "{reasons:?}"
    );
    assert!(reasons.contains(&"fixture data".to_string()));
    let warnings = r["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].as_str().unwrap().contains("a.py:2"));

    // Baseline: a report's fingerprints hide the same findings next time, even after lines move.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", format!("A = \"{SLACK}\"\n"));
    let first = rampart(dir.path(), &["scan", "-f", "json", "-o", "base.json", "."]);
    assert_eq!(first.status.code(), Some(1));
    write(
        dir.path(),
        "a.py",
        format!("# new header\n\nimport os\nA = \"{SLACK}\"\n"),
    );
    let again = rampart(
        dir.path(),
        &["scan", "-f", "json", "--baseline", "base.json", "."],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    assert_eq!(json(&again)["summary"]["stats"]["baseline_hidden"], 1);
}

#[test]
fn configuration_errors_name_the_file_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rampart.toml",
        "[scan]\nexclude = []\nmax_fle_size = \"1MB\"\n",
    );
    let out = rampart(dir.path(), &["scan", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("rampart.toml") && err.contains("max_fle_size") && err.contains("line 3"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".gitleaks.toml",
        "[[rules]]\nid = \"x\"\nregex = '''(unclosed'''\n",
    );
    let out = rampart(dir.path(), &["scan", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(".gitleaks.toml") && stderr(&out).contains("regex"),
        "{}",
        stderr(&out)
    );

    let out = rampart(dir.path(), &["init", "--force", "."]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn custom_gitleaks_rules_with_allowlists_and_disabled_rules() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".gitleaks.toml",
        r#"
[extend]
useDefault = true
disabledRules = ["slack-bot-token"]

[[rules]]
id = "acme-internal-token"
description = "ACME internal service token"
regex = '''\b(acme_[a-z0-9]{32})\b'''
keywords = ["acme_"]
entropy = 3.0
  [[rules.allowlists]]
  paths = ['''^docs/''']
"#,
    );
    write(
        dir.path(),
        "svc.py",
        format!("T = 'acme_4k9x2m7q8w3e5r1t6y0u9i8o7p6a5s4d'\nS = '{SLACK}'\n"),
    );
    write(
        dir.path(),
        "docs/howto.md",
        "use acme_4k9x2m7q8w3e5r1t6y0u9i8o7p6a5s4d\n",
    );
    let r = json(&rampart(dir.path(), &["scan", "-f", "json", "."]));
    let ids: Vec<_> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["acme-internal-token"]);
}

#[test]
fn base64_blocks_are_decoded_and_point_at_the_encoded_line() {
    use std::fmt::Write;
    let dir = tempfile::tempdir().unwrap();
    let encoded = base64_encode(format!("token={SLACK}").as_bytes());
    let mut yaml = String::from("apiVersion: v1\nkind: Secret\nmetadata:\n  name: slack\ndata:\n");
    let _ = writeln!(yaml, "  creds: {encoded}");
    write(dir.path(), "k8s/secret.yaml", &yaml);
    let out = rampart(dir.path(), &["scan", "-f", "json", "."]);
    let r = json(&out);
    let f = &r["findings"][0];
    assert_eq!(f["rule_id"], "slack-bot-token");
    assert_eq!(f["location"]["start_line"], 6);
    assert_eq!(f["secret"]["decoded"], true);
    assert!(
        !stdout(&out).contains(&encoded),
        "the encoded secret must be redacted too"
    );
}

fn base64_encode(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", format!("A = \"{SLACK}\"\n"));
    let before = json(&rampart(dir.path(), &["scan", "-f", "json", "."]));
    write(
        dir.path(),
        "a.py",
        format!("import sys\n\n\ndef f():\n    pass\nA = \"{SLACK}\"\n"),
    );
    let after = json(&rampart(dir.path(), &["scan", "-f", "json", "."]));
    assert_eq!(after["findings"][0]["location"]["start_line"], 6);
    assert_eq!(
        before["findings"][0]["fingerprint"],
        after["findings"][0]["fingerprint"]
    );
}

#[test]
fn several_paths_files_and_only_skip() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one/a.py", format!("A = \"{SLACK}\"\n"));
    write(dir.path(), "two/b.py", format!("B = \"{SLACK}\"\n"));
    write(dir.path(), "three/c.py", format!("C = \"{SLACK}\"\n"));
    let r = json(&rampart(
        dir.path(),
        &["scan", "-f", "json", "one", "two/b.py"],
    ));
    let paths: Vec<_> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["one/a.py", "two/b.py"]);
    let out = rampart(dir.path(), &["scan", "--skip", "secrets,sast,sca", "."]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "nothing left to run is a usage error"
    );
    let out = rampart(
        dir.path(),
        &[
            "scan", "--only", "secrets", "--jobs", "1", "-f", "json", ".",
        ],
    );
    assert_eq!(json(&out)["findings"].as_array().unwrap().len(), 3);
}
