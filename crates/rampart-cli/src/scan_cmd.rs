use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rampart_core::{Confidence, Severity};
use rampart_engine::{Analyzer, Baseline, Config, ScanOptions, Scanner, parse_size};
use rampart_report::{Format, Report, render};
use rampart_sast::{RuleSetBuilder, SastAnalyzer};
use rampart_secrets::SecretsAnalyzer;

use crate::cli::ScanArgs;

/// Every analyzer rampart has, by `--only` name.
const ANALYZERS: &[&str] = &["secrets", "sast", "sca"];

pub fn run(args: ScanArgs) -> Result<ExitCode> {
    let fail_on = parse_fail_on(&args.fail_on)?;
    let min_confidence: Confidence = args.min_confidence.parse()?;
    let roots: Vec<PathBuf> = if args.paths.is_empty() {
        // `--sbom FILE` alone scans that document, not the current folder's lockfiles.
        vec![args.sbom.clone().unwrap_or_else(|| PathBuf::from("."))]
    } else {
        args.paths.clone()
    };
    for r in &roots {
        if std::fs::symlink_metadata(r).is_err() {
            bail!("{}: no such file or folder", r.display());
        }
    }
    let started_at = rampart_register::time::now();
    let clock = std::time::Instant::now();
    let (walk_roots, base) = scan_base(&roots)?;
    // The register keys findings on fingerprints, which hold paths: recorded scans always
    // take paths from the repository root, wherever they are run from.
    let repo = if args.record || args.new_only {
        Some(register_root(&walk_roots)?)
    } else {
        None
    };
    let base = repo.clone().unwrap_or(base);
    let (mut config, config_dir) = load_config(args.settings.as_deref(), &base)?;
    if let Some(size) = &args.max_file_size {
        config.scan.max_file_size =
            parse_size(size).map_err(|e| anyhow!("--max-file-size: {e}"))?;
    }
    let only: Vec<String> = if args.sbom.is_some() && args.only.is_empty() {
        vec!["sca".to_string()]
    } else {
        args.only.clone()
    };
    let selected = select_analyzers(&only, &args.skip)?;
    let formats = output_plan(&args.format, &args.output)?;
    // With more than one thread, the walk starts now and goes on while the analyzers load their
    // rules; files are scanned as it finds them. `--jobs 1` walks first, on one thread.
    let threads = rampart_engine::threads(args.jobs);
    let walk = rampart_engine::start_walk(&walk_roots, &base, &config.scan.exclude, threads)
        .map_err(|e| anyhow!(e))?;

    let mut analyzers: Vec<Box<dyn Analyzer>> = Vec::new();
    let mut history_findings = Vec::new();
    let mut history_errors = Vec::new();
    if selected.contains(&"secrets") {
        let secrets = SecretsAnalyzer::from_config(
            &config.secrets,
            &config.rules.disable,
            Some(&config_dir),
        )?;
        if args.history {
            let (f, e) = crate::scan_cmd::history(
                &roots[0],
                &secrets,
                args.jobs,
                config.scan.max_file_size,
            )?;
            history_findings = f;
            history_errors = e;
        }
        analyzers.push(Box::new(secrets));
    } else if args.history {
        bail!("--history scans for secrets, but the secrets analyzer is not selected");
    }
    let mut rule_warnings = Vec::new();
    let mut syntax_errors = None;
    if selected.contains(&"sast") {
        let sast = sast_analyzer(&args, &mut rule_warnings)?;
        syntax_errors = Some(sast.syntax_error_counter());
        analyzers.push(Box::new(sast));
    } else if !args.config.is_empty() {
        bail!("--config gives SAST rules, but the sast analyzer is not selected");
    }
    let mut lockfiles_seen = None;
    let mut db_missing = None;
    if selected.contains(&"sca") {
        let path = crate::db_cmd::db_path(&args.db);
        let db = match rampart_advisories::Db::open_read_only(&path) {
            Ok(db) => Some(db),
            Err(rampart_advisories::DbError::Missing(_)) => None,
            Err(e) => bail!("{e}"),
        };
        // Asked for by name (or by --sbom), dependency scanning without a database is an
        // error; in a default scan it is one only if there are lockfiles to check (below).
        if db.is_none() && (only.iter().any(|o| o == "sca") || args.sbom.is_some()) {
            bail!("{}", crate::db_cmd::how_to_get_a_database(&path));
        }
        if db.is_none() {
            db_missing = Some(path);
        }
        let sca = rampart_sca::ScaAnalyzer::new(db);
        if let Some(sbom) = &args.sbom {
            history_findings.extend(sbom_findings(&sca, sbom, &base)?);
        } else {
            lockfiles_seen = Some(sca.lockfiles_seen());
            analyzers.push(Box::new(sca));
        }
    }
    let mut rules: Vec<_> = analyzers.iter().flat_map(|a| a.rules()).collect();
    let baseline = match &args.baseline {
        Some(p) => Some(Baseline::load(p).map_err(|e| anyhow!("--baseline: {e}"))?),
        None => None,
    };
    let config_for_register = config.clone();
    let opts = ScanOptions {
        roots: walk_roots.clone(),
        base: base.clone(),
        config,
        jobs: args.jobs,
        baseline,
    };
    let scanner = Scanner::new(analyzers);
    let bar = progress_bar(args.no_progress || args.quiet);
    let tick = |done: u64, total: u64| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
        }
    };
    let mut result = scanner
        .run_walk(&opts, walk, history_findings, &tick)
        .map_err(|e| anyhow!(e))?;
    // The engine times its own part; the user waited for the walk and the rule loading too.
    result.stats.duration_ms = clock.elapsed().as_millis() as u64;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // The compiled rules are needed until the process ends; freeing hundreds of regexes and
    // their caches one by one costs more than some whole small scans (measured with perf).
    std::mem::forget(scanner);
    if args.history {
        dedupe_history(&mut result);
        result.errors.extend(history_errors);
        result.errors.sort();
    }
    let mut register = match &repo {
        Some(root) => Some(crate::register_cmd::open(
            &config_for_register,
            root,
            args.actor.as_deref(),
        )?),
        None => None,
    };
    if args.new_only {
        let o = register.as_mut().expect("opened for --new-only");
        keep_new_only(o, &mut result, args.base_ref.as_deref(), args.quiet)?;
    }
    if args.record {
        let o = register.as_mut().expect("opened for --record");
        record(o, &result, &walk_roots, started_at)?;
    }
    result.findings.retain(|f| f.confidence >= min_confidence);
    // Advisories are data: each SCA finding's rule is built from it.
    for f in result
        .findings
        .iter()
        .chain(result.suppressed.iter().map(|s| &s.finding))
    {
        if f.dependency.is_some() && !rules.iter().any(|r| r.id == f.rule_id) {
            rules.push(rampart_sca::rule_for(f));
        }
    }
    let unchecked: Vec<String> = match (&db_missing, &lockfiles_seen) {
        (Some(_), Some(seen)) => seen.lock().map(|s| s.clone()).unwrap_or_default(),
        _ => Vec::new(),
    };
    result.warnings.extend(rule_warnings);
    let unparsed = syntax_errors.map_or(0, |c| c.load(std::sync::atomic::Ordering::Relaxed));
    if unparsed > 0 {
        result.warnings.push(format!(
            "{unparsed} file(s) did not parse completely; SAST analysed the parts that did"
        ));
    }

    let version = env!("CARGO_PKG_VERSION");
    let rule_pack = format!(
        "{}; {}",
        rampart_secrets::rule_pack_version(),
        rampart_sast::rule_pack_version()
    );
    let root_names: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
    let base_uri = std::fs::canonicalize(&base)
        .unwrap_or(base)
        .display()
        .to_string();
    let report = Report {
        result: &result,
        rules: &rules,
        tool_version: version,
        rule_pack: &rule_pack,
        roots: &root_names,
        base_uri: &base_uri,
        fail_on,
    };
    for (format, dest) in &formats {
        match dest {
            Some(path) => std::fs::write(path, render(&report, *format, false))
                .with_context(|| format!("cannot write {}", path.display()))?,
            None if args.quiet && args.format.is_empty() => {}
            None => {
                let mut out = anstream::stdout();
                out.write_all(render(&report, *format, true).as_bytes())?;
                out.flush()?;
            }
        }
    }
    if let (Some(path), false) = (&db_missing, unchecked.is_empty()) {
        let mut files = unchecked;
        files.sort();
        eprintln!(
            "error: found {} lockfile(s) ({}) but {}",
            files.len(),
            files.join(", "),
            crate::db_cmd::how_to_get_a_database(path)
        );
        return Ok(ExitCode::from(2));
    }
    let failed = fail_on.is_some_and(|t| result.findings.iter().any(|f| f.severity >= t));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Findings for the components of an existing SBOM, located in the SBOM file.
fn sbom_findings(
    sca: &rampart_sca::ScaAnalyzer,
    sbom: &Path,
    base: &Path,
) -> Result<Vec<rampart_core::Finding>> {
    let text = std::fs::read_to_string(sbom)
        .with_context(|| format!("--sbom {}: cannot read", sbom.display()))?;
    let packages = rampart_sca::sbom_input::packages_from_sbom(&text)
        .map_err(|e| anyhow!("--sbom {}: {e}", sbom.display()))?;
    let abs = std::fs::canonicalize(sbom).unwrap_or_else(|_| sbom.to_path_buf());
    let rel = abs
        .strip_prefix(base)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| sbom.display().to_string());
    sca.findings_for(&packages, &rel, &text)
        .map_err(|e| anyhow!("--sbom {}: {e}", sbom.display()))
}

/// The SAST analyzer: built-in rules (unless `--no-builtin-rules`) plus every `--config`.
/// Rules that do not load become warnings; the others run.
fn sast_analyzer(args: &ScanArgs, warnings: &mut Vec<String>) -> Result<SastAnalyzer> {
    let mut b = RuleSetBuilder::new();
    if !args.no_builtin_rules {
        b = b.with_builtin();
    }
    for c in &args.config {
        if !c.exists() {
            bail!("--config {}: no such file or folder", c.display());
        }
        b.add_path(c)
            .with_context(|| format!("--config {}: cannot read", c.display()))?;
    }
    let set = b.build();
    for e in &set.errors {
        eprintln!("warning: rule not loaded: {e}");
        warnings.push(format!("rule not loaded: {e}"));
    }
    if set.rules.is_empty() && (!args.config.is_empty() || args.no_builtin_rules) {
        bail!("no SAST rule loaded (see the warnings above)");
    }
    Ok(SastAnalyzer::new(set))
}

fn parse_fail_on(s: &str) -> Result<Option<Severity>> {
    if s.eq_ignore_ascii_case("none") || s.eq_ignore_ascii_case("never") {
        return Ok(None);
    }
    Ok(Some(
        s.parse().map_err(|e| anyhow!("--fail-on: {e} or none"))?,
    ))
}

/// Canonical roots, and the folder finding paths are relative to: the current folder when
/// every root is inside it (as a user typing `rampart scan src/` expects), otherwise the first
/// root folder (or the folder of the first root file).
fn scan_base(roots: &[PathBuf]) -> Result<(Vec<PathBuf>, PathBuf)> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let canon: Vec<PathBuf> = roots
        .iter()
        .map(|r| {
            std::fs::canonicalize(r).with_context(|| format!("{}: cannot resolve", r.display()))
        })
        .collect::<Result<_>>()?;
    if canon.iter().all(|r| r.starts_with(&cwd)) {
        return Ok((canon, cwd));
    }
    let first = &canon[0];
    let base = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .map_or_else(|| first.clone(), Path::to_path_buf)
    };
    Ok((canon, base))
}

fn load_config(explicit: Option<&Path>, base: &Path) -> Result<(Config, PathBuf)> {
    if let Some(p) = explicit {
        let dir = p
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        return Ok((Config::load(p)?, dir));
    }
    let candidate = base.join("rampart.toml");
    if candidate.is_file() {
        return Ok((Config::load(&candidate)?, base.to_path_buf()));
    }
    Ok((Config::default(), base.to_path_buf()))
}

fn select_analyzers(only: &[String], skip: &[String]) -> Result<Vec<&'static str>> {
    for name in only.iter().chain(skip) {
        if !ANALYZERS.contains(&name.as_str()) {
            bail!(
                "unknown analyzer `{name}` (available: {})",
                ANALYZERS.join(", ")
            );
        }
    }
    let selected: Vec<&'static str> = ANALYZERS
        .iter()
        .copied()
        .filter(|a| only.is_empty() || only.iter().any(|o| o == a))
        .filter(|a| !skip.iter().any(|s| s == a))
        .collect();
    if selected.is_empty() {
        bail!("--only/--skip leave no analyzer to run");
    }
    Ok(selected)
}

/// Pairs formats with destinations: the n-th format with the n-th --output; outputs without
/// a format take their extension's; formats without an output go to stdout.
fn output_plan(formats: &[String], outputs: &[PathBuf]) -> Result<Vec<(Format, Option<PathBuf>)>> {
    let parsed: Vec<Format> = formats
        .iter()
        .map(|f| f.parse().map_err(|e: String| anyhow!(e)))
        .collect::<Result<_>>()?;
    let mut plan = Vec::new();
    for (i, out) in outputs.iter().enumerate() {
        let format = match parsed.get(i) {
            Some(f) => *f,
            None => Format::from_extension(&out.to_string_lossy()).ok_or_else(|| {
                anyhow!(
                    "cannot tell the format of {} from its name: add --format",
                    out.display()
                )
            })?,
        };
        plan.push((format, Some(out.clone())));
    }
    for f in parsed.iter().skip(outputs.len()) {
        plan.push((*f, None));
    }
    if plan.is_empty() {
        plan.push((Format::Table, None));
    }
    Ok(plan)
}

fn progress_bar(disabled: bool) -> Option<ProgressBar> {
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if disabled || !interactive {
        return None;
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} scanning {pos}/{len} files [{elapsed}] {wide_bar}")
            .expect("progress template"),
    );
    Some(bar)
}

/// With `--history`, a secret committed to the repository is reported once, from history
/// (with its provenance); working-tree findings of values never committed stay.
fn dedupe_history(result: &mut rampart_engine::ScanResult) {
    let committed: std::collections::HashSet<String> = result
        .findings
        .iter()
        .filter(|f| f.provenance.is_some())
        .filter_map(|f| f.secret.as_ref().map(|s| s.sha256.clone()))
        .collect();
    result.findings.retain(|f| {
        f.provenance.is_some()
            || f.secret
                .as_ref()
                .is_none_or(|s| !committed.contains(&s.sha256))
    });
}

/// Secrets in every blob of the repository's history.
pub fn history(
    repo: &Path,
    secrets: &SecretsAnalyzer,
    jobs: usize,
    max_blob_size: u64,
) -> Result<(Vec<rampart_core::Finding>, Vec<rampart_engine::FileError>)> {
    use rampart_secrets::history::{HistoryOptions, scan_history};
    let result = scan_history(
        repo,
        secrets,
        &HistoryOptions {
            jobs,
            max_blob_size,
        },
    )
    .map_err(|e| anyhow!("--history: {e}"))?;
    let errors = result
        .errors
        .into_iter()
        .map(|(path, message)| rampart_engine::FileError {
            path: format!("git:{path}"),
            message,
        })
        .collect();
    Ok((result.findings, errors))
}

/// The repository every root is in (its git top level, else the first root's folder).
fn register_root(roots: &[PathBuf]) -> Result<PathBuf> {
    let first = &roots[0];
    let dir = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .map_or_else(|| first.clone(), Path::to_path_buf)
    };
    let root = crate::register_cmd::repo_root(&dir);
    if let Some(outside) = roots.iter().find(|r| !r.starts_with(&root)) {
        bail!(
            "--record/--new-only scan one repository: {} is outside {}",
            outside.display(),
            root.display()
        );
    }
    Ok(root)
}

/// `--new-only`: drop findings the base branch's last recorded scan already had.
fn keep_new_only(
    o: &mut crate::register_cmd::Opened,
    result: &mut rampart_engine::ScanResult,
    base_ref: Option<&str>,
    quiet: bool,
) -> Result<()> {
    let base_ref = base_ref
        .map(str::to_string)
        .or_else(|| {
            std::env::var("GITHUB_BASE_REF")
                .ok()
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "main".to_string());
    let commit = rampart_register::git::resolve(&o.root, &base_ref);
    let (scan, known) = o
        .register
        .fingerprints_of_base(&o.target, &base_ref, commit.as_deref())?
        .ok_or_else(|| {
            anyhow!(
                "--new-only: no recorded scan of `{base_ref}` for {} in the register; record one \
                 on that branch first (rampart scan --record)",
                o.target
            )
        })?;
    let before = result.findings.len();
    result.findings.retain(|f| !known.contains(&f.fingerprint));
    if !quiet {
        eprintln!(
            "rampart: --new-only: {} of {before} finding(s) are new against scan #{scan} of `{base_ref}`",
            result.findings.len()
        );
    }
    Ok(())
}

fn record(
    o: &mut crate::register_cmd::Opened,
    result: &rampart_engine::ScanResult,
    walk_roots: &[PathBuf],
    started_at: i64,
) -> Result<()> {
    use rampart_register::{ScanMeta, git, time};
    let scope: Vec<String> = walk_roots
        .iter()
        .filter_map(|r| r.strip_prefix(&o.root).ok())
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .collect();
    let whole = scope.iter().any(|s| s.is_empty());
    let meta = ScanMeta {
        target: o.target.clone(),
        root: o.root.display().to_string(),
        started_at,
        finished_at: time::now(),
        git: git::state(&o.root),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        rule_pack: rampart_secrets::rule_pack_version(),
        analyzers: result.stats.analyzers.clone(),
        scope: if whole { Vec::new() } else { scope },
        duration_ms: result.stats.duration_ms,
        files_found: result.stats.files_found,
        files_scanned: result.stats.files_scanned,
        coverage: result.stats.files_by_analyzer.clone(),
        errored_paths: result.errors.iter().map(|e| e.path.clone()).collect(),
        suppressed: result
            .suppressed
            .iter()
            .map(|s| s.finding.fingerprint.clone())
            .collect(),
        closes: true,
    };
    let out = o.register.record(&meta, &result.findings)?;
    let dated = o.register.date_introductions(&o.target)?;
    // On stderr even with --quiet: it says where the scan went.
    {
        eprintln!(
            "rampart: recorded scan #{} in {}: {} finding(s), {} new, {} reopened, {} verified fixed{}",
            out.scan_id,
            o.location.display(),
            out.total,
            out.new.len(),
            out.reopened.len(),
            out.closed.len(),
            if dated > 0 {
                format!("; dated {dated} with git blame")
            } else {
                String::new()
            }
        );
    }
    Ok(())
}
