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

/// rampart finds, tracks and proves the security of a codebase: SAST (Semgrep-syntax rules with
/// taint tracking) and secrets in files and git history today; dependencies, IaC and the
/// vulnerability register are being built.
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
    /// The vulnerability register: list, show, triage, assign, accept, reopen, export.
    Findings(FindingsArgs),
    /// Reports over the register: KPIs and SLAs.
    Report(ReportArgs),
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
    after_help = "Examples:\n  rampart scan .\n  rampart scan --only sast --config rules/ --no-builtin-rules src/\n  rampart scan --only secrets --format sarif --output rampart.sarif .\n  rampart scan --history --fail-on critical .\n  rampart scan -f json -o report.json -f table src/ config/"
)]
pub struct ScanArgs {
    /// Files or folders to scan (default: the current folder).
    pub paths: Vec<PathBuf>,

    /// Run only these analyzers (comma-separated): secrets, sast, sca.
    #[arg(long, value_delimiter = ',', value_name = "ANALYZERS")]
    pub only: Vec<String>,

    /// Do not run these analyzers (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ANALYZERS")]
    pub skip: Vec<String>,

    /// More SAST rules: a Semgrep YAML rule file or a folder of them (repeatable).
    #[arg(long, value_name = "PATH")]
    pub config: Vec<PathBuf>,

    /// Run only the rules given with --config, not rampart's built-in SAST rules.
    #[arg(long)]
    pub no_builtin_rules: bool,

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

    /// Record this scan in the vulnerability register (SQLite at .rampart/rampart.db, or
    /// RAMPART_DATABASE_URL=postgres://…): new findings open, absent ones are verified fixed,
    /// returning ones reopen.
    #[arg(long)]
    pub record: bool,

    /// Report (and gate on) only findings absent from the last recorded scan of --base-ref.
    #[arg(long)]
    pub new_only: bool,

    /// The base branch (or commit) whose last recorded scan --new-only compares with
    /// (default: $GITHUB_BASE_REF, else main).
    #[arg(long, value_name = "REF")]
    pub base_ref: Option<String>,

    /// Who is recording, for the register's history (default: RAMPART_ACTOR, else git config
    /// user.name and user.email).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
}

#[derive(Args)]
pub struct RegisterOpts {
    /// The repository whose register to use (default: the current folder's).
    #[arg(long, global = true, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// rampart.toml to use (default: the one at the repository root).
    #[arg(long, global = true, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// Who is acting, for the history (default: RAMPART_ACTOR, else git config user).
    #[arg(long, global = true, value_name = "NAME")]
    pub actor: Option<String>,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  rampart findings list --severity critical,high --overdue\n  rampart findings show 42\n  rampart findings triage 42 --state false_positive --reason \"test fixture\"\n  rampart findings assign --rule jwt --all @org/platform\n  rampart findings accept 7 --reason \"behind VPN\" --approver cso@example.org --until 2027-01-31\n  rampart findings export --format openvex -o rampart.vex.json"
)]
pub struct FindingsArgs {
    #[command(flatten)]
    pub opts: RegisterOpts,
    #[command(subcommand)]
    pub command: FindingsCommand,
}

/// Which findings: shared by list, export and the bulk forms of triage commands.
#[derive(Args, Default, Clone)]
pub struct FilterArgs {
    /// Only findings that need work (open, confirmed, in progress, reopened).
    #[arg(long)]
    pub open: bool,
    /// Severities (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "SEVERITY")]
    pub severity: Vec<String>,
    /// Analyzers (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub analyzer: Vec<String>,
    /// Rule ids (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub rule: Vec<String>,
    /// Path prefix, relative to the repository root.
    #[arg(long, value_name = "PREFIX")]
    pub path: Option<String>,
    /// An owner (`@org/team`), or `none` for findings nobody owns.
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Only open findings past their SLA due date.
    #[arg(long)]
    pub overdue: bool,
    /// Only findings of this project (as recorded; default: every project in the database).
    #[arg(long, value_name = "NAME")]
    pub target: Option<String>,
}

#[derive(Args)]
pub struct BulkArgs {
    /// The finding id; or leave it out and select findings with the filters (and --all to
    /// mean every finding).
    pub id: Option<i64>,
    /// Only findings in these states (comma-separated), for bulk changes.
    #[arg(long, value_delimiter = ',', value_name = "STATE")]
    pub in_state: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Apply to every finding the filters select, even with no filter.
    #[arg(long)]
    pub all: bool,
}

#[derive(Subcommand)]
pub enum FindingsCommand {
    /// List findings, riskiest first.
    List(ListArgs),
    /// Everything about one finding, with its history.
    Show {
        id: i64,
        /// table or json.
        #[arg(short, long, default_value = "table")]
        format: String,
    },
    /// Set the triage state: open, confirmed, in_progress, fixed, false_positive, wont_fix.
    Triage {
        #[command(flatten)]
        which: BulkArgs,
        /// The new state.
        #[arg(long, value_name = "STATE")]
        state: String,
        /// Why (required for false_positive and wont_fix).
        #[arg(long)]
        reason: Option<String>,
        /// OpenVEX justification for a false positive (vulnerable_code_not_present,
        /// vulnerable_code_not_in_execute_path, …).
        #[arg(long)]
        justification: Option<String>,
    },
    /// Assign an owner (overrides CODEOWNERS for these findings).
    Assign {
        #[command(flatten)]
        which: BulkArgs,
        /// The owner: a person or a team (`@org/team`).
        #[arg(long, value_name = "OWNER")]
        to: Option<String>,
        /// Why.
        #[arg(long)]
        reason: Option<String>,
        /// `assign ID OWNER` form.
        #[arg(id = "new_owner", value_name = "OWNER")]
        new_owner: Option<String>,
    },
    /// Accept the risk until a date; the finding reopens by itself when the date passes.
    Accept {
        #[command(flatten)]
        which: BulkArgs,
        #[arg(long)]
        reason: String,
        /// Who approved the acceptance.
        #[arg(long)]
        approver: String,
        /// Until when: YYYY-MM-DD or RFC 3339.
        #[arg(long, value_name = "DATE")]
        until: String,
    },
    /// Reopen findings.
    Reopen {
        #[command(flatten)]
        which: BulkArgs,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Every matching finding as JSON, CSV or OpenVEX.
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// States (comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "STATE")]
        state: Vec<String>,
        /// json, csv or openvex.
        #[arg(short, long, default_value = "json")]
        format: String,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// OpenVEX product id (default: the project name, as a pkg:generic purl unless it is a URL).
        #[arg(long)]
        product: Option<String>,
    },
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// States (comma-separated): open, confirmed, in_progress, fixed, verified,
    /// false_positive, risk_accepted, wont_fix, reopened.
    #[arg(long, value_delimiter = ',', value_name = "STATE")]
    pub state: Vec<String>,
    /// risk, severity, age, due, id or path.
    #[arg(long, default_value = "risk")]
    pub sort: String,
    /// table, json or csv.
    #[arg(short, long, default_value = "table")]
    pub format: String,
    /// At most this many rows (0: all).
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub opts: RegisterOpts,
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// MTTD, MTTR, SLA compliance, open by severity and age, new/fixed/reopened per period,
    /// time in state, scan coverage.
    Kpi {
        /// Start of the window (YYYY-MM-DD; default: 90 days ago).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// End of the window (default: now).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// day, week or month.
        #[arg(long, default_value = "week")]
        period: String,
        /// Only this project.
        #[arg(long)]
        target: Option<String>,
        /// table, json or markdown.
        #[arg(short, long, default_value = "table")]
        format: String,
    },
    /// What is overdue or due within N days.
    Sla {
        /// Days ahead to include.
        #[arg(long, default_value_t = 7)]
        within: i64,
        /// Only this project.
        #[arg(long)]
        target: Option<String>,
        /// table, json, csv or markdown.
        #[arg(short, long, default_value = "table")]
        format: String,
    },
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
    /// Check Semgrep rule files against their annotated test files (`semgrep --test`):
    /// for each X.yaml beside X.py / X.js / X.ts / X.java / X.go, `ruleid:` lines must be
    /// reported and `ok:` lines must not. Exit 1 when a rule fails or does not load.
    Test {
        /// Folder (searched recursively) or one rule file.
        dir: PathBuf,
        /// Print only failures and the summary.
        #[arg(short, long)]
        quiet: bool,
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
