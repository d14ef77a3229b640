//! The subcommands, one file each: each resolves its flags and runs. [`run`] is what the
//! binary calls.

mod completions;
mod dicts;
mod eval;
mod extract;
mod man;
mod summary;

use crate::cli::{Cli, Command, DictsCommand};

/// Run the command; `Ok(false)` means some input could not be processed.
pub fn run(cli: Cli) -> anyhow::Result<bool> {
    match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Summary(args) => summary::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
        Command::Dicts(DictsCommand::List(args)) => dicts::list(&args),
        Command::Dicts(DictsCommand::Check(args)) => dicts::check(&args),
    }
}
