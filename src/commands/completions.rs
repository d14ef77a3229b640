//! `orbitext completions SHELL`: a completion script for the shell, on stdout.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::output::Destination;

pub fn run(args: &CompletionsArgs) -> anyhow::Result<bool> {
    let mut script = Vec::new();
    // Into memory first: clap_complete panics on a write error, such as a closed pipe.
    clap_complete::generate(args.shell, &mut Cli::command(), "orbitext", &mut script);
    let mut out = Destination::stdout();
    out.write_all(&script)?;
    out.commit()?;
    Ok(true)
}
