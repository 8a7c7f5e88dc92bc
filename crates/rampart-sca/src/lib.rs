//! rampart's dependency analyzer (`sca`): reads lockfiles into an inventory
//! ([`inventory`], [`parsers`]) and matches every package against the offline OSV database
//! ([`rampart_advisories`]), one finding per (package, vulnerability).

pub mod inventory;
pub mod matcher;
pub mod parsers;
pub mod sbom_input;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rampart_advisories::Db;
use rampart_core::{Confidence, Finding, RuleMeta, Severity};
use rampart_engine::{AnalyzeError, Analyzer, Budget, Language, SourceFile};

pub use inventory::Package;
pub use parsers::{Kind, ParseError};

/// What every SCA finding is about: CWE-1395, "Dependency on Vulnerable Third-Party Component".
pub const CWE: u32 = 1395;

/// Reads a lockfile from disk the way a scan does, with `-r` includes resolved next to it.
pub fn read_lockfile(path: &Path, kind: Kind) -> Result<Vec<Package>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    parse_bytes(path, kind, &bytes)
}

/// Parses lockfile bytes; `path` locates files a requirements file includes.
pub fn parse_bytes(path: &Path, kind: Kind, bytes: &[u8]) -> Result<Vec<Package>, String> {
    let text = String::from_utf8_lossy(bytes);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let include = move |rel: &str| -> Option<String> {
        let p = dir.join(rel);
        // Includes stay small text files; a missing one is skipped as pip would fail on it.
        let meta = std::fs::metadata(&p).ok()?;
        if !meta.is_file() || meta.len() > 8 << 20 {
            return None;
        }
        std::fs::read_to_string(p).ok()
    };
    parsers::parse(kind, &text, &include).map_err(|e| format!("{}: {e}", kind.name()))
}

/// The lockfile format of a path, by its file name.
pub fn kind_of(rel_path: &str) -> Option<Kind> {
    Kind::detect(rel_path.rsplit('/').next().unwrap_or(rel_path))
}

pub struct ScaAnalyzer {
    /// The database with the advisories this scan has compiled so far.
    db: Option<Mutex<(Db, matcher::LookupCache)>>,
    /// Lockfiles seen by this scan (relative paths), to tell the user when there was no
    /// database to check them against.
    seen: Arc<Mutex<Vec<String>>>,
}

impl ScaAnalyzer {
    /// `db` is `None` when no advisory database exists: lockfiles are still read (and their
    /// errors reported), and [`ScaAnalyzer::lockfiles_seen`] tells the caller to say so.
    pub fn new(db: Option<Db>) -> ScaAnalyzer {
        ScaAnalyzer {
            db: db.map(|db| Mutex::new((db, matcher::LookupCache::default()))),
            seen: Arc::new(Mutex::new(Vec::new())),
        }
    }

    pub fn has_db(&self) -> bool {
        self.db.is_some()
    }

    /// A handle on the lockfiles this analyzer has read, still readable after the analyzer
    /// has been handed to the scan engine.
    pub fn lockfiles_seen(&self) -> Arc<Mutex<Vec<String>>> {
        Arc::clone(&self.seen)
    }

    /// Matches an inventory (from a lockfile or an SBOM) against the database.
    pub fn findings_for(
        &self,
        packages: &[Package],
        rel_path: &str,
        text: &str,
    ) -> Result<Vec<Finding>, String> {
        let Some(db) = &self.db else {
            return Ok(Vec::new());
        };
        let mut guard = db
            .lock()
            .map_err(|_| "advisory database lock poisoned".to_string())?;
        let (db, cache) = &mut *guard;
        matcher::match_with(db, cache, packages, rel_path, text).map_err(|e| e.to_string())
    }
}

impl Analyzer for ScaAnalyzer {
    fn name(&self) -> &'static str {
        "sca"
    }

    fn rules(&self) -> Vec<RuleMeta> {
        Vec::new()
    }

    fn wants(&self, _language: Language, rel_path: &str) -> bool {
        kind_of(rel_path).is_some()
    }

    fn analyze(
        &self,
        file: &SourceFile,
        _budget: &Budget,
        out: &mut Vec<Finding>,
    ) -> Result<(), AnalyzeError> {
        let Some(kind) = kind_of(file.rel_path) else {
            return Ok(());
        };
        // go.sum only stands in for a missing go.mod.
        if kind == Kind::GoSum && file.path.with_file_name("go.mod").is_file() {
            return Ok(());
        }
        if let Ok(mut s) = self.seen.lock() {
            s.push(file.rel_path.to_string());
        }
        let packages = parse_bytes(file.path, kind, file.bytes).map_err(AnalyzeError::Failed)?;
        let text = String::from_utf8_lossy(file.bytes);
        out.extend(
            self.findings_for(&packages, file.rel_path, &text)
                .map_err(AnalyzeError::Failed)?,
        );
        Ok(())
    }
}

/// The rule an SCA finding reports under (its advisory), for SARIF `rules[]` and
/// `rules explain`: built from the finding, since advisories are data, not code.
pub fn rule_for(f: &Finding) -> RuleMeta {
    let d = f.dependency.as_ref();
    RuleMeta {
        id: f.rule_id.clone(),
        analyzer: "sca".into(),
        title: f.title.clone(),
        description: f.message.clone(),
        severity: f.severity,
        confidence: Confidence::High,
        cwe: vec![CWE],
        remediation: f.remediation.clone(),
        references: d
            .map(|d| {
                std::iter::once(&d.advisory)
                    .chain(&d.aliases)
                    .map(|id| format!("https://osv.dev/vulnerability/{id}"))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Severity from a CVSS base score (the CVSS v3/v4 qualitative scale).
pub fn severity_of_score(score: f64) -> Severity {
    if score >= 9.0 {
        Severity::Critical
    } else if score >= 7.0 {
        Severity::High
    } else if score >= 4.0 {
        Severity::Medium
    } else if score > 0.0 {
        Severity::Low
    } else {
        Severity::Info
    }
}
