//! `rampart sbom [PATH] --format cyclonedx|spdx|inventory [--output FILE]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use rampart_sbom::{Lockfile, Meta};
use rampart_sca::{Kind, kind_of, read_lockfile};

use crate::cli::SbomArgs;

/// Every lockfile under `root` (or `root` itself), parsed; problems are returned beside them.
pub fn lockfiles(root: &Path, parse_as: Option<&str>) -> Result<(Vec<Lockfile>, Vec<String>)> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let meta = std::fs::metadata(root)
        .with_context(|| format!("{}: no such file or folder", root.display()))?;
    if meta.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = match parse_as {
            Some(p) => Kind::detect(p)
                .ok_or_else(|| anyhow!("--parse-as {p}: not a lockfile name rampart reads"))?,
            None => kind_of(&name).ok_or_else(|| {
                anyhow!(
                    "{}: not a lockfile rampart reads (use --parse-as to say which format it is)",
                    root.display()
                )
            })?,
        };
        match read_lockfile(root, kind) {
            Ok(packages) => out.push(Lockfile {
                path: name,
                packages,
            }),
            Err(e) => errors.push(format!("{}: {e}", root.display())),
        }
        return Ok((out, errors));
    }
    if parse_as.is_some() {
        bail!("--parse-as needs a single file, not a folder");
    }
    let base = std::fs::canonicalize(root)?;
    let (entries, walk_errors) =
        rampart_engine::walk(std::slice::from_ref(&base), &base, &[], 0).map_err(|e| anyhow!(e))?;
    errors.extend(
        walk_errors
            .into_iter()
            .map(|e| format!("{}: {}", e.path, e.message)),
    );
    for e in entries {
        let Some(kind) = kind_of(&e.rel_path) else {
            continue;
        };
        if kind == Kind::GoSum && e.path.with_file_name("go.mod").is_file() {
            continue;
        }
        match read_lockfile(&e.path, kind) {
            Ok(packages) => out.push(Lockfile {
                path: e.rel_path.clone(),
                packages,
            }),
            Err(err) => errors.push(format!("{}: {err}", e.rel_path)),
        }
    }
    Ok((out, errors))
}

fn project_name(root: &Path) -> String {
    let abs = std::fs::canonicalize(root).unwrap_or_else(|_| PathBuf::from(root));
    let dir = if abs.is_file() {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    } else {
        abs
    };
    dir.file_name().map_or_else(
        || "project".to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn run(args: SbomArgs) -> Result<ExitCode> {
    let root = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let (lockfiles, errors) = lockfiles(&root, args.parse_as.as_deref())?;
    let timestamp = rampart_advisories::now_rfc3339();
    let project = project_name(&root);
    let meta = Meta {
        project: &project,
        tool_version: env!("CARGO_PKG_VERSION"),
        timestamp: &timestamp,
    };
    let doc = match args.format.as_str() {
        "cyclonedx" | "cdx" => rampart_sbom::cyclonedx(&meta, &lockfiles),
        "spdx" => rampart_sbom::spdx(&meta, &lockfiles),
        "inventory" => serde_json::json!({
            "lockfiles": lockfiles.iter().map(|l| serde_json::json!({
                "path": l.path,
                "packages": l.packages.iter().map(|p| {
                    let mut v = serde_json::to_value(p).unwrap_or_default();
                    v["purl"] = serde_json::json!(p.purl());
                    v
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "errors": errors,
        }),
        other => bail!("unknown SBOM format `{other}` (cyclonedx, spdx or inventory)"),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    match &args.output {
        Some(p) => {
            std::fs::write(p, &text).with_context(|| format!("cannot write {}", p.display()))?
        }
        None => print!("{text}"),
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    if lockfiles.is_empty() && errors.is_empty() {
        eprintln!("warning: no lockfile found under {}", root.display());
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
