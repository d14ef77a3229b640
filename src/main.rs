//! The `orbitext` binary: parse the flags, run, and turn the outcome into an exit code.

use std::io::{self, Write};
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
        Err(err) if orbitext::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // A stderr that cannot be written to leaves only the exit code to tell.
            let _ = writeln!(io::stderr(), "orbitext: {}", orbitext::message(&err));
            ExitCode::from(2)
        }
    }
}
