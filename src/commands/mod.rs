//! The subcommands, one file each: each resolves its flags and runs. [`run`] is what the
//! binary calls.

mod completions;
mod dicts;
mod eval;
mod events;
mod extract;
mod man;
mod summary;

use std::io;

use crate::cli::{Cli, Command, DictsCommand};

/// How a command that ran to the end went, as its exit code tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed (exit 0).
    Done,
    /// `eval` scored below `--min-f1` (exit 1).
    BelowMinimum,
    /// Some input could not be processed, and was reported (exit 2).
    Failed,
}

impl From<bool> for Outcome {
    /// A command's "was every input processed".
    fn from(all_processed: bool) -> Outcome {
        if all_processed {
            Outcome::Done
        } else {
            Outcome::Failed
        }
    }
}

/// Run the command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let all_processed = match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Summary(args) => summary::run(&args),
        Command::Events(args) => events::run(&args),
        Command::Eval(args) => return eval::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
        Command::Dicts(DictsCommand::List(args)) => dicts::list(&args),
        Command::Dicts(DictsCommand::Check(args)) => dicts::check(&args),
    }?;
    Ok(Outcome::from(all_processed))
}

/// Whether `err` is a write to a pipe whose reader has gone: `orbitext … | head` closes it
/// early, which is the reader's choice, not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// What the binary prints for `err`, after `orbitext: `: the causes, outermost first. Every
/// output names itself in its write errors (`stdout: No space left on device`), and every
/// input names its file, so the chain says all there is.
pub fn message(err: &anyhow::Error) -> String {
    format!("{err:#}")
}
