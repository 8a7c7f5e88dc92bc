//! One scan: walk → load each file once → every interested analyzer → suppressions → sorted,
//! fingerprinted findings.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rampart_core::{Finding, assign_fingerprints};
use serde::Serialize;

use crate::source::LoadOutcome;
use crate::suppress::{ConfigIgnores, Suppressed, SuppressionSource, inline_suppression};
use crate::walk::{Walk, WalkEntry, Walked, start_walk};
use crate::{AnalyzeError, Analyzer, Baseline, Budget, Config, Language, SourceFile, load_file};

pub struct ScanOptions {
    pub roots: Vec<PathBuf>,
    /// Finding paths are relative to this folder.
    pub base: PathBuf,
    pub config: Config,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    pub baseline: Option<Baseline>,
}

/// A file that could not be (fully) analysed. The scan went on without it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Skipped {
    pub too_large: u64,
    pub binary: u64,
    pub symlink: u64,
}

impl std::ops::AddAssign for Skipped {
    fn add_assign(&mut self, other: Skipped) {
        self.too_large += other.too_large;
        self.binary += other.binary;
        self.symlink += other.symlink;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ScanStats {
    pub files_found: u64,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub skipped: Skipped,
    pub suppressed: u64,
    pub baseline_hidden: u64,
    pub duration_ms: u64,
    pub analyzers: Vec<String>,
    /// Files each analyzer analysed (scan coverage in the register).
    #[serde(skip)]
    pub files_by_analyzer: std::collections::BTreeMap<String, u64>,
}

#[derive(Debug, Default, Serialize)]
pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    pub errors: Vec<FileError>,
    pub warnings: Vec<String>,
    pub stats: ScanStats,
}

impl ScanResult {
    /// Counts one file's outcome in.
    fn add(&mut self, o: FileOutcome) {
        let stats = &mut self.stats;
        stats.files_found += 1;
        if let Some(b) = o.scanned_bytes {
            stats.files_scanned += 1;
            stats.bytes_scanned += b;
        }
        stats.skipped += o.skipped;
        for a in o.analyzed_by {
            *stats.files_by_analyzer.entry(a.to_string()).or_insert(0) += 1;
        }
        self.findings.extend(o.findings);
        self.suppressed.extend(o.suppressed);
        self.errors.extend(o.errors);
    }

    /// Adds what another thread's share of the files produced.
    fn merge(&mut self, part: ScanResult) {
        let (stats, p) = (&mut self.stats, part.stats);
        stats.files_found += p.files_found;
        stats.files_scanned += p.files_scanned;
        stats.bytes_scanned += p.bytes_scanned;
        stats.skipped += p.skipped;
        for (a, n) in p.files_by_analyzer {
            *stats.files_by_analyzer.entry(a).or_insert(0) += n;
        }
        self.findings.extend(part.findings);
        self.suppressed.extend(part.suppressed);
        self.errors.extend(part.errors);
    }
}

/// The analyzers of one scan.
pub struct Scanner {
    analyzers: Vec<Box<dyn Analyzer>>,
}

/// What one file produced.
#[derive(Default)]
struct FileOutcome {
    findings: Vec<Finding>,
    suppressed: Vec<Suppressed>,
    errors: Vec<FileError>,
    scanned_bytes: Option<u64>,
    skipped: Skipped,
    analyzed_by: Vec<&'static str>,
}

/// Worker threads for `--jobs N` (0: one per core).
pub fn threads(jobs: usize) -> usize {
    if jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        jobs
    }
}

impl Scanner {
    pub fn new(analyzers: Vec<Box<dyn Analyzer>>) -> Scanner {
        Scanner { analyzers }
    }

    pub fn analyzers(&self) -> &[Box<dyn Analyzer>] {
        &self.analyzers
    }

    /// Runs the scan. `tick(done, total)` is called as files finish (for a progress bar).
    pub fn run(
        &self,
        opts: &ScanOptions,
        tick: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<ScanResult, String> {
        self.run_with(opts, Vec::new(), tick)
    }

    /// Runs the scan, adding findings from sources other than the walked files (git
    /// history): they go through the same overrides, fingerprints and suppressions.
    pub fn run_with(
        &self,
        opts: &ScanOptions,
        extra: Vec<Finding>,
        tick: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<ScanResult, String> {
        let walk = start_walk(
            &opts.roots,
            &opts.base,
            &opts.config.scan.exclude,
            threads(opts.jobs),
        )?;
        self.run_walk(opts, walk, extra, tick)
    }

    /// Scans the files of a [`start_walk`] of `opts.roots` as they are found, on `opts.jobs`
    /// threads. Callers can start the walk before the analyzers are built (rule parsing is
    /// start-up work that would otherwise leave the other cores idle).
    pub fn run_walk(
        &self,
        opts: &ScanOptions,
        walk: Walk,
        extra: Vec<Finding>,
        tick: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<ScanResult, String> {
        let started = Instant::now();
        let ignores = ConfigIgnores::new(&opts.config.ignore)?;
        let done = AtomicU64::new(0);
        let parts: Vec<ScanResult> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads(opts.jobs))
                .map(|_| {
                    s.spawn(|| {
                        let mut part = ScanResult::default();
                        // Every file this thread reads goes into this one buffer (files under
                        // the memory-map threshold, so it stays below a few MB).
                        let mut buf = Vec::new();
                        for item in walk.found() {
                            match item {
                                Walked::File(entry) => {
                                    part.add(self.scan_file(&entry, &opts.config, &mut buf));
                                    let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                                    tick(d, walk.found_so_far());
                                }
                                Walked::Error(e) => part.errors.push(FileError {
                                    path: e.path,
                                    message: e.message,
                                }),
                            }
                        }
                        part
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join())
                .collect::<Result<_, _>>()
        })
        .map_err(|_| "a scan thread panicked".to_string())?;
        walk.finish()?;

        let mut result = ScanResult::default();
        for part in parts {
            result.merge(part);
        }
        result.findings.extend(extra);
        self.finish(&mut result, opts, &ignores);
        result.stats.analyzers = self
            .analyzers
            .iter()
            .map(|a| a.name().to_string())
            .collect();
        result.stats.duration_ms = started.elapsed().as_millis() as u64;
        Ok(result)
    }

    fn scan_file(&self, entry: &WalkEntry, config: &Config, buf: &mut Vec<u8>) -> FileOutcome {
        let mut out = FileOutcome::default();
        if entry.is_symlink {
            out.skipped.symlink = 1;
            return out;
        }
        let err = |message: String| FileError {
            path: entry.rel_path.clone(),
            message,
        };
        let loaded = match load_file(&entry.path, config.scan.max_file_size, buf) {
            Ok(LoadOutcome::Loaded(l)) => l,
            Ok(LoadOutcome::TooLarge(_)) => {
                out.skipped.too_large = 1;
                return out;
            }
            Ok(LoadOutcome::Binary) => {
                out.skipped.binary = 1;
                return out;
            }
            Err(e) => {
                out.errors.push(err(format!("cannot read: {e}")));
                return out;
            }
        };
        let bytes = loaded.bytes();
        let language = Language::detect(&entry.path);
        let file = SourceFile {
            path: &entry.path,
            rel_path: &entry.rel_path,
            bytes,
            language,
        };
        let limit = Duration::from_secs_f64(config.scan.file_timeout_secs.max(0.001));
        let mut findings = Vec::new();
        for analyzer in &self.analyzers {
            if !analyzer.wants(language, &entry.rel_path) {
                continue;
            }
            out.analyzed_by.push(analyzer.name());
            let budget = Budget::new(Some(limit));
            // A panicking analyzer is a bug, but it must cost one file, not the scan.
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analyzer.analyze(&file, &budget, &mut findings)
            }));
            match run {
                Ok(Ok(())) => {}
                Ok(Err(AnalyzeError::BudgetExceeded)) => out.errors.push(err(format!(
                    "{}: time budget of {:.1}s exceeded; findings up to that point were kept",
                    analyzer.name(),
                    limit.as_secs_f64()
                ))),
                Ok(Err(AnalyzeError::Failed(m))) => {
                    out.errors.push(err(format!("{}: {m}", analyzer.name())))
                }
                Err(_) => out.errors.push(err(format!(
                    "{}: internal error (panic) while analysing this file",
                    analyzer.name()
                ))),
            }
        }
        // Most files carry no suppression comment: one search per file spares looking up each
        // finding's line (a lockfile can have thousands of findings).
        let may_suppress = memchr::memmem::find(bytes, b"rampart-ignore").is_some()
            || memchr::memmem::find(bytes, b"gitleaks:allow").is_some();
        for f in findings {
            let inline = if may_suppress {
                inline_suppression(bytes, f.location.start_line, &f.rule_id)
            } else {
                None
            };
            match inline {
                Some(reason) => out.suppressed.push(Suppressed {
                    finding: f,
                    by: SuppressionSource::Inline { reason },
                }),
                None => out.findings.push(f),
            }
        }
        out.scanned_bytes = Some(bytes.len() as u64);
        out
    }

    /// Config overrides, fingerprints, config and baseline suppressions, ordering.
    fn finish(&self, result: &mut ScanResult, opts: &ScanOptions, ignores: &ConfigIgnores) {
        let rules = &opts.config.rules;
        let mut all: Vec<Finding> = std::mem::take(&mut result.findings);
        all.retain(|f| !rules.disable.contains(&f.rule_id));
        for f in all
            .iter_mut()
            .chain(result.suppressed.iter_mut().map(|s| &mut s.finding))
        {
            if let Some(sev) = rules.severity.get(&f.rule_id) {
                f.severity = *sev;
            }
        }
        // Fingerprints are computed over every finding, suppressed or not, so suppressing one
        // never changes another's identity.
        let mut items: Vec<(Finding, Option<SuppressionSource>)> =
            all.into_iter().map(|f| (f, None)).collect();
        items.extend(result.suppressed.drain(..).map(|s| (s.finding, Some(s.by))));
        items.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
        assign_fingerprints(items.iter_mut().map(|(f, _)| f));
        let mut findings = Vec::new();
        let mut suppressed = Vec::new();
        for (f, inline) in items {
            let by = inline
                .or_else(|| {
                    ignores
                        .reason_for(&f)
                        .map(|reason| SuppressionSource::Config { reason })
                })
                .or_else(|| {
                    opts.baseline
                        .as_ref()
                        .filter(|b| b.contains(&f.fingerprint))
                        .map(|b| SuppressionSource::Baseline {
                            file: b.file.clone(),
                        })
                });
            match by {
                Some(by) => suppressed.push(Suppressed { finding: f, by }),
                None => findings.push(f),
            }
        }
        for s in &suppressed {
            if s.by.reason().is_empty() {
                result.warnings.push(format!(
                    "{}:{}: suppression of {} has no reason; add one after the rule id",
                    s.finding.location.path, s.finding.location.start_line, s.finding.rule_id
                ));
            }
        }
        result.stats.baseline_hidden = suppressed
            .iter()
            .filter(|s| matches!(s.by, SuppressionSource::Baseline { .. }))
            .count() as u64;
        result.stats.suppressed = suppressed.len() as u64 - result.stats.baseline_hidden;
        result.findings = findings;
        result.suppressed = suppressed;
        result.errors.sort();
        result.warnings.sort();
        result.warnings.dedup();
    }
}
