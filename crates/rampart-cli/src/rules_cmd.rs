use std::process::ExitCode;

use anyhow::{Result, bail};
use rampart_secrets::{SecretsAnalyzer, builtin_specs};

use crate::cli::RulesCommand;

pub fn run(cmd: RulesCommand) -> Result<ExitCode> {
    match cmd {
        RulesCommand::List { format } => list(&format),
        RulesCommand::Explain { id } => explain(&id),
    }
}

fn list(format: &str) -> Result<ExitCode> {
    let specs = builtin_specs()?;
    match format {
        "json" => {
            let rules: Vec<_> = specs
                .iter()
                .map(|(file, s)| {
                    serde_json::json!({
                        "id": s.id, "analyzer": "secrets", "pack": file, "title": s.title,
                        "severity": s.severity, "confidence": s.confidence, "cwe": ["CWE-798"],
                        "keywords": s.keywords,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&rules)?);
        }
        "table" => {
            for (_, s) in &specs {
                println!(
                    "{:<44} secrets  {:<8} {}",
                    s.id,
                    s.severity.as_str(),
                    s.title
                );
            }
            println!("{} rules", specs.len());
        }
        other => bail!("unknown format `{other}` (expected table or json)"),
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(id: &str) -> Result<ExitCode> {
    let analyzer = SecretsAnalyzer::builtin()?;
    let Some(rule) = analyzer.scanner().rules().iter().find(|r| r.id() == id) else {
        bail!("no rule `{id}` (see `rampart rules list`)");
    };
    let m = &rule.meta;
    let s = &rule.spec;
    println!("{} — {}\n", m.id, m.title);
    println!(
        "analyzer: secrets   severity: {}   confidence: {}   CWE-798",
        m.severity, m.confidence
    );
    println!("\nWhat it finds\n  {}", m.description);
    println!(
        "\nWhy it matters\n  A credential in source code can be read by anyone with the code, its history or a clone,"
    );
    println!("  and used from anywhere until it is revoked.");
    println!(
        "\nHow it matches\n  keywords: {}\n  regex: {}",
        s.keywords.join(", "),
        s.regex
    );
    if let Some(e) = s.entropy {
        println!("  minimum entropy: {e} bits/char");
    }
    if let Some(v) = s.validator {
        println!("  checksum validator: {v:?}");
    }
    if let Some(ex) = s.examples.first() {
        let shown = analyzer
            .find(
                ex.as_bytes(),
                "example",
                None,
                &rampart_engine::Budget::unlimited(),
            )?
            .into_iter()
            .find(|f| f.rule_id == id)
            .map_or_else(|| ex.clone(), |f| f.snippet);
        println!("\nExample (value redacted)\n  {shown}");
    }
    println!("\nFix\n  {}", m.remediation);
    for r in &m.references {
        println!("  see: {r}");
    }
    Ok(ExitCode::SUCCESS)
}
