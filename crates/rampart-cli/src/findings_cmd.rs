//! `rampart findings …` and `rampart report kpi|sla`: the register's commands.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use rampart_core::Severity;
use rampart_register::kpi::{Period, table};
use rampart_register::{Filter, Record, Sort, State, time, vex};

use crate::cli::{BulkArgs, FilterArgs, FindingsArgs, FindingsCommand, ReportArgs, ReportCommand};
use crate::register_cmd::{Opened, open_for};

pub fn run(args: FindingsArgs) -> Result<ExitCode> {
    let mut o = open_for(&args.opts)?;
    match args.command {
        FindingsCommand::List(l) => {
            let filter = filter(&l.filter, &l.state)?;
            let sort = Sort::parse(&l.sort).map_err(|e| anyhow!("--sort: {e}"))?;
            let (records, total) = o.register.list(&filter, sort, l.limit)?;
            emit(&render_records(&records, &l.format)?, None)?;
            if l.format == "table" {
                let more = total.saturating_sub(records.len() as u64);
                let tail = if more > 0 {
                    format!(" ({more} more: --limit 0 for all)")
                } else {
                    String::new()
                };
                println!("{} of {total} finding(s){tail}", records.len());
            }
        }
        FindingsCommand::Show { id, format } => show(&mut o, id, &format)?,
        FindingsCommand::Triage {
            which,
            state,
            reason,
            justification,
        } => {
            let state = State::parse(&state).map_err(|e| anyhow!("--state: {e}"))?;
            let ids = select(&mut o, &which)?;
            let changes =
                o.register
                    .set_state(&ids, state, reason.as_deref(), justification.as_deref())?;
            say(&changes, ids.len());
        }
        FindingsCommand::Assign {
            which,
            to,
            reason,
            new_owner,
        } => {
            let owner = to
                .or(new_owner)
                .ok_or_else(|| anyhow!("who? `assign ID OWNER` or `assign --to OWNER …`"))?;
            let ids = select(&mut o, &which)?;
            let changes = o.register.assign(&ids, &owner, reason.as_deref())?;
            say(&changes, ids.len());
        }
        FindingsCommand::Accept {
            which,
            reason,
            approver,
            until,
        } => {
            let until = time::parse(&until).map_err(|e| anyhow!("--until: {e}"))?;
            let ids = select(&mut o, &which)?;
            let changes = o.register.accept(&ids, &reason, &approver, until)?;
            say(&changes, ids.len());
        }
        FindingsCommand::Reopen { which, reason } => {
            let ids = select(&mut o, &which)?;
            let changes = o.register.reopen(&ids, reason.as_deref())?;
            say(&changes, ids.len());
        }
        FindingsCommand::Export {
            filter: f,
            state,
            format,
            output,
            product,
        } => {
            let filter = filter(&f, &state)?;
            let (records, _) = o.register.list(&filter, Sort::Id, 0)?;
            let text = if format == "openvex" {
                let product = product.unwrap_or_else(|| product_id(&o.target));
                let doc = vex::openvex(&records, &o.register.actor, &product, time::now())
                    .ok_or_else(|| {
                        anyhow!(
                            "nothing to state: no dependency finding is false_positive or \
                             risk_accepted (OpenVEX needs at least one statement)"
                        )
                    })?;
                format!("{}\n", serde_json::to_string_pretty(&doc)?)
            } else {
                render_records(&records, &format)?
            };
            emit(&text, output.as_deref())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// OpenVEX products are IRIs: a URL stays, anything else becomes `pkg:generic/NAME`.
fn product_id(target: &str) -> String {
    if target.starts_with("https://") || target.starts_with("http://") {
        return target.trim_end_matches(".git").to_string();
    }
    let name = target
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .rsplit(['/', ':'])
        .next()
        .unwrap_or("project");
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("pkg:generic/{clean}")
}

fn filter(f: &FilterArgs, states: &[String]) -> Result<Filter> {
    let severities = f
        .severity
        .iter()
        .map(|s| {
            s.parse::<Severity>()
                .map_err(|e| anyhow!("--severity: {e}"))
        })
        .collect::<Result<_>>()?;
    let states = states
        .iter()
        .map(|s| State::parse(s).map_err(|e| anyhow!(e)))
        .collect::<Result<_>>()?;
    Ok(Filter {
        states,
        open: f.open,
        severities,
        analyzers: f.analyzer.clone(),
        rules: f.rule.clone(),
        path: f.path.clone(),
        owner: f.owner.clone(),
        overdue: f.overdue,
        target: f.target.clone(),
        ..Filter::default()
    })
}

/// One id, or every finding the filters select.
fn select(o: &mut Opened, which: &BulkArgs) -> Result<Vec<i64>> {
    let mut f = filter(&which.filter, &which.in_state)?;
    if let Some(id) = which.id {
        o.register.get(id)?;
        if !f.is_empty() {
            bail!("give a finding id or filters, not both");
        }
        return Ok(vec![id]);
    }
    if f.is_empty() && !which.all {
        bail!("which findings? Give an id, filters (--rule, --path, --severity …), or --all");
    }
    f.ids.clear();
    let ids = o.register.ids(&f)?;
    if ids.is_empty() {
        bail!("no finding matches");
    }
    Ok(ids)
}

fn say(changes: &[rampart_register::Change], selected: usize) {
    for c in changes {
        println!(
            "#{}: {} {} → {}",
            c.id,
            c.field,
            c.old.as_deref().unwrap_or("-"),
            c.new.as_deref().unwrap_or("-")
        );
    }
    let unchanged = selected - changes.len();
    if unchanged > 0 {
        println!("{unchanged} finding(s) already so, unchanged");
    }
}

fn emit(text: &str, path: Option<&std::path::Path>) -> Result<()> {
    match path {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

fn due_cell(r: &Record) -> String {
    match (&r.due, r.overdue) {
        (Some(d), true) => format!("{} OVERDUE", &d[..10]),
        (Some(d), false) => d[..10].to_string(),
        (None, _) => "-".into(),
    }
}

const CSV_HEADER: &[&str] = &[
    "id",
    "severity",
    "state",
    "risk",
    "owner",
    "due",
    "overdue",
    "path",
    "line",
    "rule",
    "analyzer",
    "title",
    "first_seen",
    "last_seen",
    "fingerprint",
    "advisory",
    "purl",
    "reason",
];

fn csv_row(r: &Record) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.severity.clone(),
        r.state.to_string(),
        format!("{:.1}", r.risk),
        r.owner.clone().unwrap_or_default(),
        r.due.clone().unwrap_or_default(),
        r.overdue.to_string(),
        r.path.clone(),
        r.line.to_string(),
        r.rule_id.clone(),
        r.analyzer.clone(),
        r.title.clone(),
        r.first_seen.clone(),
        r.last_seen.clone(),
        r.fingerprint.clone(),
        r.advisory.clone().unwrap_or_default(),
        r.purl.clone().unwrap_or_default(),
        r.reason.clone().unwrap_or_default(),
    ]
}

/// RFC 4180: quote fields with commas, quotes or line breaks; double the quotes.
fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            // A leading = + - @ makes spreadsheets evaluate the cell: prefix a quote.
            let c = if c.starts_with(['=', '+', '-', '@']) && c.parse::<f64>().is_err() {
                format!("'{c}")
            } else {
                c.clone()
            };
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

fn render_records(records: &[Record], format: &str) -> Result<String> {
    Ok(match format {
        "json" => format!("{}\n", serde_json::to_string_pretty(records)?),
        "csv" => {
            let header: Vec<String> = CSV_HEADER.iter().map(|s| s.to_string()).collect();
            let mut s = csv_line(&header);
            for r in records {
                s.push_str(&csv_line(&csv_row(r)));
            }
            s
        }
        "table" => {
            let mut s = String::new();
            let rows = records
                .iter()
                .map(|r| {
                    vec![
                        format!("#{}", r.id),
                        r.severity.to_uppercase(),
                        r.state.to_string(),
                        format!("{:.1}", r.risk),
                        r.owner.clone().unwrap_or_else(|| "-".into()),
                        due_cell(r),
                        format!("{}:{}", r.path, r.line),
                        r.rule_id.clone(),
                    ]
                })
                .collect();
            table(
                &mut s,
                false,
                &[
                    "id", "severity", "state", "risk", "owner", "due", "location", "rule",
                ],
                rows,
            );
            s
        }
        other => bail!("unknown format `{other}` (table, json, csv)"),
    })
}

fn show(o: &mut Opened, id: i64, format: &str) -> Result<()> {
    let r = o.register.get(id)?;
    let history = o.register.history(id)?;
    if format == "json" {
        let doc = serde_json::json!({ "finding": r, "history": history });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(());
    }
    if format != "table" {
        bail!("unknown format `{format}` (table, json)");
    }
    let message = r
        .finding
        .get("message")
        .and_then(|m| m.as_str())
        .unwrap_or("");
    let snippet = r
        .finding
        .get("snippet")
        .and_then(|m| m.as_str())
        .unwrap_or("");
    println!("#{} {} ({})", r.id, r.title, r.rule_id);
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let fields = [
        ("severity", format!("{} (risk {:.1})", r.severity, r.risk)),
        ("state", format!("{} since {}", r.state, r.state_since)),
        ("reason", opt(&r.reason)),
        ("location", format!("{}:{}", r.path, r.line)),
        ("message", message.to_string()),
        ("snippet", snippet.trim().to_string()),
        (
            "owner",
            match (&r.owner, &r.owner_source) {
                (Some(o), Some(s)) => format!("{o} ({s})"),
                (o, _) => opt(o),
            },
        ),
        (
            "due",
            format!("{}{}", opt(&r.due), if r.overdue { " OVERDUE" } else { "" }),
        ),
        (
            "first seen",
            format!("{} (scan #{})", r.first_seen, r.first_scan),
        ),
        (
            "last seen",
            format!("{} (scan #{})", r.last_seen, r.last_scan),
        ),
        (
            "introduced",
            match (&r.introduced_at, &r.introduced_commit) {
                (Some(t), Some(c)) => format!("{t} ({})", &c[..c.len().min(12)]),
                (t, _) => opt(t),
            },
        ),
        ("fixed", opt(&r.fixed_at)),
        ("verified", opt(&r.verified_at)),
        ("reopened", format!("{} time(s)", r.reopen_count)),
        (
            "accepted until",
            match (&r.accepted_until, &r.approver) {
                (Some(u), Some(a)) => format!("{u} (approved by {a})"),
                (u, _) => opt(u),
            },
        ),
        ("advisory", opt(&r.advisory)),
        ("package", opt(&r.purl)),
        ("analyzer", r.analyzer.clone()),
        ("project", r.target.clone()),
        ("fingerprint", r.fingerprint.clone()),
    ];
    for (k, v) in fields {
        if v != "-" {
            println!("  {k:<15} {v}");
        }
    }
    println!("history:");
    for h in history {
        println!(
            "  {}  {}  {}: {} → {}{}{}",
            h.at,
            h.actor,
            h.field,
            h.old.as_deref().unwrap_or("-"),
            h.new.as_deref().unwrap_or("-"),
            h.reason.map(|r| format!("  ({r})")).unwrap_or_default(),
            h.scan.map(|s| format!(" [scan #{s}]")).unwrap_or_default(),
        );
    }
    Ok(())
}

pub fn report(args: ReportArgs) -> Result<ExitCode> {
    let mut o = open_for(&args.opts)?;
    match args.command {
        ReportCommand::Kpi {
            since,
            until,
            period,
            target,
            format,
        } => {
            let now = time::now();
            let until = match until {
                Some(u) => time::parse(&u).map_err(|e| anyhow!("--until: {e}"))?,
                None => now + 1,
            };
            let since = match since {
                Some(s) => time::parse(&s).map_err(|e| anyhow!("--since: {e}"))?,
                None => until - 90 * time::DAY,
            };
            if since >= until {
                bail!("--since must be before --until");
            }
            let period = Period::parse(&period).map_err(|e| anyhow!("--period: {e}"))?;
            let kpi = o.register.kpi(since, until, period, target.as_deref())?;
            let text = match format.as_str() {
                "json" => format!("{}\n", serde_json::to_string_pretty(&kpi)?),
                "markdown" | "md" => kpi.render(true),
                "table" => kpi.render(false),
                other => bail!("unknown format `{other}` (table, json, markdown)"),
            };
            emit(&text, None)?;
        }
        ReportCommand::Sla {
            within,
            target,
            format,
        } => {
            let f = Filter {
                due_within: Some(within.max(0) * time::DAY),
                target,
                ..Filter::default()
            };
            let (records, _) = o.register.list(&f, Sort::Due, 0)?;
            let text = match format.as_str() {
                "markdown" | "md" => {
                    let mut s = format!("# SLA: overdue or due within {within} day(s)\n\n");
                    table(
                        &mut s,
                        true,
                        &["id", "severity", "due", "owner", "location", "title"],
                        sla_rows(&records),
                    );
                    s
                }
                "table" => {
                    let mut s = String::new();
                    table(
                        &mut s,
                        false,
                        &["id", "severity", "due", "owner", "location", "title"],
                        sla_rows(&records),
                    );
                    let overdue = records.iter().filter(|r| r.overdue).count();
                    s.push_str(&format!(
                        "{overdue} overdue, {} due within {within} day(s)\n",
                        records.len() - overdue
                    ));
                    s
                }
                other => render_records(&records, other)?,
            };
            emit(&text, None)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn sla_rows(records: &[Record]) -> Vec<Vec<String>> {
    records
        .iter()
        .map(|r| {
            vec![
                format!("#{}", r.id),
                r.severity.clone(),
                due_cell(r),
                r.owner.clone().unwrap_or_else(|| "-".into()),
                format!("{}:{}", r.path, r.line),
                r.title.clone(),
            ]
        })
        .collect()
}
