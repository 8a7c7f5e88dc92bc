//! The scan engine: walks the sources, hands each file to every interested analyzer within a
//! time budget, applies suppressions, and returns findings in a deterministic order.
//!
//! The engine knows nothing about any rule: analyzers plug in through [`Analyzer`].

mod analyzer;
mod config;
mod language;
mod scan;
mod source;
mod suppress;
mod walk;

pub use analyzer::{AnalyzeError, Analyzer, Budget, SourceFile};
pub use config::{
    AssetConfig, Config, ConfigError, IgnoreEntry, RegisterConfig, RiskConfig, RulesConfig,
    ScanConfig, SecretsConfig, SlaConfig, parse_size,
};
pub use language::Language;
pub use scan::{FileError, ScanOptions, ScanResult, ScanStats, Scanner, Skipped, threads};
pub use source::{LoadOutcome, LoadedFile, load_file, looks_binary};
pub use suppress::{Baseline, Suppressed, SuppressionSource, inline_suppression};
pub use walk::{DEFAULT_EXCLUDES, Walk, WalkEntry, WalkError, Walked, start_walk, walk};
