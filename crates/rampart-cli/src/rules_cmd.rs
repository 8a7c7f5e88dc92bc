use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use rampart_sast::RuleSet;
use rampart_secrets::{SecretsAnalyzer, builtin_specs};

use crate::cli::RulesCommand;

pub fn run(cmd: RulesCommand) -> Result<ExitCode> {
    match cmd {
        RulesCommand::List { format } => list(&format),
        RulesCommand::Explain { id } => explain(&id),
        RulesCommand::Test { dir, quiet } => test(&dir, quiet),
    }
}

fn list(format: &str) -> Result<ExitCode> {
    let specs = builtin_specs()?;
    let sast = RuleSet::builtin();
    match format {
        "json" => {
            let mut rules: Vec<_> = specs
                .iter()
                .map(|(file, s)| {
                    serde_json::json!({
                        "id": s.id, "analyzer": "secrets", "pack": file, "title": s.title,
                        "severity": s.severity, "confidence": s.confidence, "cwe": ["CWE-798"],
                        "keywords": s.keywords,
                    })
                })
                .collect();
            rules.extend(sast.rules.iter().map(|r| {
                serde_json::json!({
                    "id": r.id, "analyzer": "sast", "pack": r.file.trim_start_matches("builtin:"),
                    "title": r.meta.title, "severity": r.meta.severity, "confidence": r.meta.confidence,
                    "cwe": r.meta.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>(),
                    "languages": r.grammars.iter().map(|g| g.name()).collect::<std::collections::BTreeSet<_>>(),
                })
            }));
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
            for r in &sast.rules {
                println!(
                    "{:<44} sast     {:<8} {}",
                    r.id,
                    r.meta.severity.as_str(),
                    r.meta.title
                );
            }
            println!("{} rules", specs.len() + sast.rules.len());
        }
        other => bail!("unknown format `{other}` (expected table or json)"),
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(id: &str) -> Result<ExitCode> {
    let analyzer = SecretsAnalyzer::builtin()?;
    let Some(rule) = analyzer.scanner().rules().iter().find(|r| r.id() == id) else {
        return explain_sast(id);
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

fn explain_sast(id: &str) -> Result<ExitCode> {
    let set = RuleSet::builtin();
    let Some(r) = set.rules.iter().find(|r| r.id == id) else {
        bail!("no rule `{id}` (see `rampart rules list`)");
    };
    let m = &r.meta;
    println!("{} — {}\n", m.id, m.title);
    let cwe: Vec<String> = m.cwe.iter().map(|c| format!("CWE-{c}")).collect();
    let langs: std::collections::BTreeSet<&str> = r.grammars.iter().map(|g| g.name()).collect();
    println!(
        "analyzer: sast   severity: {}   confidence: {}   {}   languages: {}",
        m.severity,
        m.confidence,
        cwe.join(", "),
        langs.into_iter().collect::<Vec<_>>().join(", ")
    );
    let owasp: Vec<String> = rampart_core::owasp_2021(&m.cwe)
        .iter()
        .chain(rampart_core::owasp_2025(&m.cwe).iter())
        .map(|c| format!("{} {}", c.id, c.title))
        .collect();
    if !owasp.is_empty() {
        println!("OWASP: {}", owasp.join("; "));
    }
    println!("\nWhat it finds\n  {}", indent(&r.message));
    let why = r.explain.why.as_deref().unwrap_or(&r.message);
    println!("\nWhy it matters\n  {}", indent(why));
    if let Some(ex) = &r.explain.example {
        println!("\nExample\n  {}", indent(ex.trim_end()));
    }
    let fix = r
        .explain
        .fix
        .as_deref()
        .unwrap_or("See the message above and the references.");
    println!("\nFix\n  {}", indent(fix));
    for reference in &m.references {
        println!("  see: {reference}");
    }
    Ok(ExitCode::SUCCESS)
}

fn indent(s: &str) -> String {
    s.trim().replace('\n', "\n  ")
}

fn test(dir: &std::path::Path, quiet: bool) -> Result<ExitCode> {
    if !dir.exists() {
        bail!("{}: no such file or folder", dir.display());
    }
    let mut buf: Vec<u8> = Vec::new();
    let summary = rampart_sast::testing::run_dir(dir, &mut buf)
        .with_context(|| format!("{}: cannot read", dir.display()))?;
    let text = String::from_utf8_lossy(&buf);
    for line in text.lines() {
        if !quiet || !line.starts_with("PASS") {
            println!("{line}");
        }
    }
    println!("{}", summary.line());
    Ok(if summary.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
