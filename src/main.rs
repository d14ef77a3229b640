//! The `orbitext` binary: parse the flags, run, and turn the outcome into an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use orbitext::Outcome;

/// Extraction allocates and frees many small strings on every thread; mimalloc does that in
/// about half the time of the system allocator and keeps per-thread free lists.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    end_quietly_when_print_fails();
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

/// `print!` panics when stdout cannot be written to; a command that prints its lines so ends
/// as a failed write does elsewhere, not with a crash: quietly with 0 on a closed pipe, and
/// with `orbitext: stdout: …` and 2 otherwise. Every other panic is reported as ever.
fn end_quietly_when_print_fails() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied());
        let Some(why) = message.and_then(|m| m.strip_prefix("failed printing to stdout: ")) else {
            return report(info);
        };
        // The system's error number, which says whether the pipe was closed.
        let code = why
            .rsplit_once(" (os error ")
            .and_then(|(_, n)| n.strip_suffix(')')?.parse().ok());
        let error = code.map(io::Error::from_raw_os_error);
        if error
            .as_ref()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
        {
            std::process::exit(0);
        }
        let shown = match (code, why.rsplit_once(" (os error ")) {
            (Some(_), Some((words, _))) => words,
            _ => why,
        };
        let _ = writeln!(io::stderr(), "orbitext: stdout: {shown}");
        std::process::exit(2);
    }));
}
