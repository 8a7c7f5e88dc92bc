//! Finding and opening the register for a repository: its root, its `rampart.toml`, the
//! database (`RAMPART_DATABASE_URL`, else `[register] database`, else `.rampart/rampart.db`),
//! the project name findings are kept under, and who is acting.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use rampart_engine::Config;
use rampart_register::{Register, Settings, git, resolve_actor};
use rampart_store::{Location, Store};

pub struct Opened {
    pub register: Register,
    pub target: String,
    pub location: Location,
    pub root: PathBuf,
}

/// The repository root for `dir`: git's top level, else `dir` itself.
pub fn repo_root(dir: &Path) -> PathBuf {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    git::toplevel(&dir)
        .and_then(|p| std::fs::canonicalize(p).ok())
        .unwrap_or(dir)
}

/// `rampart.toml` from `--settings`, else at the root, else defaults.
pub fn load_config(explicit: Option<&Path>, root: &Path) -> Result<Config> {
    if let Some(p) = explicit {
        return Ok(Config::load(p)?);
    }
    let candidate = root.join("rampart.toml");
    if candidate.is_file() {
        return Ok(Config::load(&candidate)?);
    }
    Ok(Config::default())
}

pub fn location(config: &Config, root: &Path) -> Location {
    if let Some(url) = std::env::var("RAMPART_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        return Location::parse(url.trim());
    }
    let rel = config
        .register
        .database
        .clone()
        .unwrap_or_else(|| PathBuf::from(".rampart/rampart.db"));
    Location::Sqlite(root.join(rel))
}

/// The name a repository's findings are kept under.
pub fn target(config: &Config, root: &Path) -> String {
    config
        .register
        .project
        .clone()
        .or_else(|| git::remote_url(root))
        .unwrap_or_else(|| root.display().to_string())
}

pub fn open(config: &Config, root: &Path, actor: Option<&str>) -> Result<Opened> {
    let location = location(config, root);
    if let Location::Sqlite(path) = &location {
        ignore_in_git(path);
    }
    let store = Store::open(&location)
        .with_context(|| format!("cannot open the register at {}", location.display()))?;
    let settings = Settings::from_config(config, root).map_err(|e| anyhow!("rampart.toml: {e}"))?;
    if let Some(o) = &settings.owners {
        for w in &o.warnings {
            eprintln!("warning: {w}");
        }
    }
    let mut register = Register::new(store, settings, resolve_actor(actor, root));
    announce_expired(&mut register)?;
    Ok(Opened {
        register,
        target: target(config, root),
        location,
        root: root.to_path_buf(),
    })
}

/// Opens the register of the repository at `--repo` (or the current folder).
pub fn open_for(opts: &crate::cli::RegisterOpts) -> Result<Opened> {
    let dir = opts.repo.clone().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        anyhow::bail!("{}: no such folder", dir.display());
    }
    let root = repo_root(&dir);
    let config = load_config(opts.settings.as_deref(), &root)?;
    open(&config, &root, opts.actor.as_deref())
}

/// Risk acceptances past their date reopen at the next command, which says so.
fn announce_expired(register: &mut Register) -> Result<()> {
    for e in register.expire_acceptances()? {
        eprintln!(
            "rampart: finding #{} reopened: its risk acceptance expired on {}{} ({} in {})",
            e.id,
            e.until,
            e.approver
                .as_ref()
                .map(|a| format!(", approved by {a}"))
                .unwrap_or_default(),
            e.title,
            e.path
        );
    }
    Ok(())
}

/// The default database folder is the register's own: keep it out of git.
fn ignore_in_git(db: &Path) {
    let Some(dir) = db.parent() else { return };
    if dir.file_name().is_some_and(|n| n == ".rampart") && !dir.exists() {
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(dir.join(".gitignore"), "*\n");
    }
}
