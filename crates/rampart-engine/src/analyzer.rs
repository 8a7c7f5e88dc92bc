use std::path::Path;
use std::time::{Duration, Instant};

use rampart_core::{Finding, RuleMeta};

use crate::Language;

/// One file as an analyzer sees it.
pub struct SourceFile<'a> {
    /// Path on disk (or a display path for non-file sources such as git blobs).
    pub path: &'a Path,
    /// Path relative to the scan root, `/`-separated: what findings report.
    pub rel_path: &'a str,
    pub bytes: &'a [u8],
    pub language: Language,
}

/// A per-file time budget. Analyzers check it between units of work and stop early,
/// keeping what they found so far.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    deadline: Option<Instant>,
}

impl Budget {
    pub fn new(limit: Option<Duration>) -> Budget {
        Budget {
            deadline: limit.map(|l| Instant::now() + l),
        }
    }

    pub fn unlimited() -> Budget {
        Budget { deadline: None }
    }

    pub fn exceeded(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    #[error("time budget exceeded; findings up to that point were kept")]
    BudgetExceeded,
    #[error("{0}")]
    Failed(String),
}

/// A source of findings: secrets, SAST, SCA, …
pub trait Analyzer: Send + Sync {
    /// Short name used by `--only` / `--skip` and in findings (`secrets`).
    fn name(&self) -> &'static str;

    /// Every rule the analyzer can report, for `rules list` and SARIF.
    fn rules(&self) -> Vec<RuleMeta>;

    /// Whether this analyzer looks at files of this kind at all.
    fn wants(&self, _language: Language, _rel_path: &str) -> bool {
        true
    }

    /// Analyses one file, appending findings to `out` (fingerprints are assigned later).
    /// On [`AnalyzeError::BudgetExceeded`] the findings already pushed are kept.
    fn analyze(
        &self,
        file: &SourceFile,
        budget: &Budget,
        out: &mut Vec<Finding>,
    ) -> Result<(), AnalyzeError>;
}
