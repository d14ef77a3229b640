//! `orbitext man`: the manual pages, made from the command line's own definition.

use std::io::{self, Write};

use anyhow::Context;
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};

pub fn run(args: &ManArgs) -> anyhow::Result<bool> {
    let mut cli = Cli::command();
    // Built, so that subcommands know their full names (`orbitext-extract`).
    cli.build();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir)
            .and_then(|()| write_pages(&cli, dir))
            .with_context(|| format!("cannot write the manual pages to {}", dir.display()))?;
        return Ok(true);
    }
    let mut page = &cli;
    for name in &args.command {
        page = page.find_subcommand(name).ok_or_else(|| {
            let names: Vec<&str> = page
                .get_subcommands()
                .map(|c| c.get_name())
                .filter(|&n| n != "help")
                .collect();
            match names.is_empty() {
                true => anyhow::anyhow!("`{}` has no subcommands", page.get_name()),
                false => anyhow::anyhow!("no command `{name}` (there are: {})", names.join(", ")),
            }
        })?;
    }
    let mut roff = Vec::new();
    man_page(page).render(&mut roff)?;
    io::stdout().lock().write_all(&roff)?;
    Ok(true)
}

/// The page of `command`, a built command or subcommand. Subcommands carry no version of
/// their own, so each page names the program and its version as its source.
fn man_page(command: &clap::Command) -> clap_mangen::Man {
    let source = format!("orbitext {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(command.clone()).source(source)
}

/// The pages of `command` and of all its subcommands, into `dir` (`orbitext-dicts-list.1`).
fn write_pages(command: &clap::Command, dir: &std::path::Path) -> io::Result<()> {
    man_page(command).generate_to(dir)?;
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        write_pages(sub, dir)?;
    }
    Ok(())
}
