//! The `orbitext` binary: parse the flags, run, and turn the outcome into an exit code.

use std::process::ExitCode;

use orbitext::Outcome;

/// Extraction allocates and frees many small strings on every thread; mimalloc does that in
/// about half the time of the system allocator and keeps per-thread free lists.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = orbitext::Cli::parse_checked();
    match orbitext::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::BelowMinimum) => ExitCode::from(1),
        Ok(Outcome::Failed) => ExitCode::from(2),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("orbitext: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `orbitext … | head` closes the pipe early: that is the reader's choice, not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
