//! The `rampart` command line: parses arguments, builds the analyzers, runs the engine, writes
//! reports and maps the outcome to an exit code (0 clean, 1 findings at or above `--fail-on`,
//! 2 usage or runtime error).

mod cli;
mod db_cmd;
mod findings_cmd;
mod register_cmd;
mod rules_cmd;
mod sbom_cmd;
mod scan_cmd;

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks the kernel for 4 KiB pages only. mimalloc's heap is eligible for transparent huge
/// pages, so the first touch of each 2 MiB region zeroes all of it, however little a scan then
/// uses. On a VM that returns freed memory to its host, a one-core scan of a 60 MB tree spent
/// 31% of its time zeroing pages when the machine had just been idle (3% right after another
/// scan; kernel profile of `clear_page`); with small pages it runs as fast either way, in 61 MB
/// instead of 99. Short runs that touch their heap sparsely gain nothing from huge pages.
///
/// It runs from `.init_array`, before `main`: the Rust runtime's first allocations (thread
/// info, arguments) already touch two huge pages, which after an idle moment took an empty
/// scan from 9 to 20 ms.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static SMALL_PAGES_ONLY: extern "C" fn() = {
    extern "C" fn small_pages_only() {
        // SAFETY: a process-wide flag with no pointer arguments; failure leaves the default.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
    small_pages_only
};

fn main() -> ExitCode {
    // Like other Unix filters, end quietly when the reader of our output goes away
    // (`rampart rules list | head`) instead of failing on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = cli::Cli::parse();
    let outcome = match cli.command {
        cli::Command::Scan(args) => scan_cmd::run(args),
        cli::Command::Rules(cmd) => rules_cmd::run(cmd),
        cli::Command::Init(args) => init(args),
        cli::Command::Db(cmd) => db_cmd::run(cmd),
        cli::Command::Sbom(args) => sbom_cmd::run(args),
        cli::Command::Findings(args) => findings_cmd::run(args),
        cli::Command::Report(args) => findings_cmd::report(args),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn init(args: cli::InitArgs) -> anyhow::Result<ExitCode> {
    let path = args.dir.join("rampart.toml");
    if path.exists() && !args.force {
        anyhow::bail!(
            "{} already exists (use --force to overwrite)",
            path.display()
        );
    }
    std::fs::write(&path, rampart_engine::Config::template())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}
