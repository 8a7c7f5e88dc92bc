use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

fn long_version() -> &'static str {
    let s = format!(
        "{} ({})",
        env!("CARGO_PKG_VERSION"),
        rampart_secrets::rule_pack_version()
    );
    Box::leak(s.into_boxed_str())
}

/// rampart finds, tracks and proves the security of a codebase: secrets in files and git
/// history today; SAST, dependencies, IaC and the vulnerability register are being built.
#[derive(Parser)]
#[command(name = "rampart", version = long_version(), propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or runtime error.\nColour follows the terminal; NO_COLOR=1 turns it off."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum Command {
    /// Scan files, folders or a git repository's history and report findings.
    Scan(ScanArgs),
    /// List and explain the built-in rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write a commented rampart.toml to start from.
    Init(InitArgs),
    /// The offline OSV advisory database that dependency scanning (sca) matches against.
    #[command(subcommand)]
    Db(DbCommand),
    /// Write a software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) from the lockfiles
    /// under PATH.
    Sbom(SbomArgs),
}

#[derive(Subcommand)]
pub enum DbCommand {
    /// Load OSV records from a folder (searched recursively) or a zip of OSV JSON, or the PyPA
    /// advisory database's OSV YAML. Withdrawn records are skipped; aliases are grouped.
    Import {
        /// Folders or zip files of OSV records.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Download OSV's per-ecosystem exports (needs the network and curl) and import them. A
    /// scan never downloads anything.
    Update {
        /// Ecosystems to download (OSV names, comma-separated; default: every ecosystem rampart
        /// reads lockfiles for).
        #[arg(long, value_delimiter = ',', value_name = "ECOSYSTEMS")]
        ecosystem: Vec<String>,
        #[command(flatten)]
        db: DbArg,
    },
    /// What is loaded, from where and when, and how many records per ecosystem.
    Status {
        /// table or json.
        #[arg(short, long, default_value = "table")]
        format: String,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Args, Clone)]
pub struct DbArg {
    /// The advisory database file (default: $RAMPART_DB, else ~/.cache/rampart/advisories.db).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  rampart sbom . --format cyclonedx --output bom.json\n  rampart sbom package-lock.json --format spdx"
)]
pub struct SbomArgs {
    /// A folder (every lockfile under it) or one lockfile (default: the current folder).
    pub path: Option<PathBuf>,
    /// cyclonedx (CycloneDX 1.6 JSON), spdx (SPDX 2.3 JSON), or inventory (rampart's own JSON
    /// list of packages, for debugging parsers).
    #[arg(short, long, default_value = "cyclonedx", value_name = "FORMAT")]
    pub format: String,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read PATH (a single file) as this lockfile name whatever it is called
    /// (`package-lock.json`, `yarn.lock`, `requirements.txt` …).
    #[arg(long, value_name = "FILENAME")]
    pub parse_as: Option<String>,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  rampart scan .\n  rampart scan --only secrets --format sarif --output rampart.sarif .\n  rampart scan --history --fail-on critical .\n  rampart scan -f json -o report.json -f table src/ config/"
)]
pub struct ScanArgs {
    /// Files or folders to scan (default: the current folder).
    pub paths: Vec<PathBuf>,

    /// Run only these analyzers (comma-separated): secrets, sca.
    #[arg(long, value_delimiter = ',', value_name = "ANALYZERS")]
    pub only: Vec<String>,

    /// Do not run these analyzers (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ANALYZERS")]
    pub skip: Vec<String>,

    /// Report formats: table, json, sarif, junit, markdown. Repeat or comma-separate for
    /// several; the n-th format goes to the n-th --output (default: stdout).
    #[arg(short, long, value_delimiter = ',', value_name = "FORMAT")]
    pub format: Vec<String>,

    /// Files to write reports to; a file without a matching --format gets the format its
    /// extension says (.json, .sarif, .xml, .md, .txt).
    #[arg(short, long, value_name = "FILE")]
    pub output: Vec<PathBuf>,

    /// Exit 1 when a finding is at or above this severity: critical, high, medium, low, info,
    /// or none to always exit 0.
    #[arg(long, default_value = "high", value_name = "SEVERITY")]
    pub fail_on: String,

    /// Report only findings at or above this confidence: high, medium, low.
    #[arg(long, default_value = "low", value_name = "CONFIDENCE")]
    pub min_confidence: String,

    /// Hide findings whose fingerprints are in this file (a rampart JSON or SARIF report, or
    /// one fingerprint per line); they are counted in the summary.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Also scan every blob reachable from every ref of the git repository at the first path,
    /// and say for each secret the commit, author and date where it first appeared.
    #[arg(long)]
    pub history: bool,

    /// Worker threads (default: one per core).
    #[arg(short, long, default_value_t = 0, value_name = "N")]
    pub jobs: usize,

    /// rampart.toml to use (default: rampart.toml in the scanned folder or the current one).
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,

    /// Skip files larger than this ("20MB", "512KB"; overrides rampart.toml).
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<String>,

    /// No progress bar (it is shown only on a terminal, never in CI).
    #[arg(long)]
    pub no_progress: bool,

    /// Print nothing to stdout unless a format is asked for; errors still go to stderr.
    #[arg(short, long)]
    pub quiet: bool,

    /// Scan the components of this CycloneDX or SPDX JSON SBOM for vulnerable dependencies
    /// instead of lockfiles (implies --only sca unless --only says otherwise).
    #[arg(long, value_name = "FILE")]
    pub sbom: Option<PathBuf>,

    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// List every built-in rule: id, analyzer, severity, title.
    List {
        /// table or json.
        #[arg(short, long, default_value = "table")]
        format: String,
    },
    /// What a rule finds, why it matters, an example, and how to fix it.
    Explain {
        /// The rule id (see `rampart rules list`).
        id: String,
    },
}

#[derive(Args)]
pub struct InitArgs {
    /// Folder to write rampart.toml into.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite an existing rampart.toml.
    #[arg(long)]
    pub force: bool,
}
