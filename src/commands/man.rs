//! `orbitext man`: the manual pages, made from the command line's own definition.

use std::io::{self, Write};

use anyhow::Context;
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::output::Destination;

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
    render(page, &mut roff)?;
    let mut out = Destination::stdout();
    out.write_all(&roff)?;
    out.commit()?;
    Ok(true)
}

/// The page of `command`, a built command or subcommand. Subcommands carry no version of
/// their own, so each page names the program and its version as its source.
fn man_page(command: &clap::Command) -> clap_mangen::Man {
    let source = format!("orbitext {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(command.clone()).source(source)
}

/// The page of `command` in roff: clap_mangen's sections, with an EXIT STATUS section after
/// the options and subcommands (clap knows nothing of exit codes).
fn render(command: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let man = man_page(command);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if command.get_subcommands().any(|c| !c.is_hide_set()) {
        man.render_subcommands_section(out)?;
    }
    let mut roff = roff::Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in exit_status(command.get_name()) {
        roff.control("TP", [])
            .text([roff::bold(code)])
            .text([roff::roman(meaning)]);
    }
    roff.control("PP", []).text([roff::roman(CLOSED_PIPE)]);
    roff.to_writer(out)?;
    if command.get_version().is_some() {
        man.render_version_section(out)?;
    }
    Ok(())
}

/// What each exit code of `command` (its own name: `extract`, `check`) means.
fn exit_status(command: &str) -> Vec<(&'static str, &'static str)> {
    match command {
        "extract" | "summary" | "events" => vec![
            ("0", "Every input was read and the output written."),
            (
                "2",
                "Some input could not be read (each is reported, and the output of the others \
                 is written), or the run stopped on an error: a usage error, a bad dictionary, \
                 an output that cannot be written.",
            ),
        ],
        "eval" => vec![
            (
                "0",
                "Every gold file was read and scored, and --min-f1 (if given) reached.",
            ),
            ("1", "The relaxed micro F1 is below --min-f1."),
            (
                "2",
                "A gold file could not be used (the others are still scored), or the run \
                 stopped on an error: a usage error, a bad dictionary, an output that cannot be \
                 written.",
            ),
        ],
        "check" => vec![
            ("0", "The dictionary files have no problems."),
            (
                "2",
                "Some file has a problem (each is printed as FILE:LINE: what is wrong), or the \
                 run stopped on an error.",
            ),
        ],
        "orbitext" => vec![
            ("0", "Success."),
            ("1", "eval only: the score is below --min-f1."),
            (
                "2",
                "An error: a usage error, an input that could not be read, a bad dictionary, an \
                 output that cannot be written.",
            ),
        ],
        _ => vec![
            ("0", "Success."),
            (
                "2",
                "An error: a usage error, a bad dictionary, an output that cannot be written.",
            ),
        ],
    }
}

/// Said on every page after the exit codes: a closed pipe is the reader's choice.
const CLOSED_PIPE: &str = "A pipe closed by its reader (`orbitext … | head`) is no error: the \
                           run stops quietly and exits with 0.";

/// The pages of `command` and of all its subcommands, into `dir` (`orbitext-dicts-list.1`).
fn write_pages(command: &clap::Command, dir: &std::path::Path) -> io::Result<()> {
    let mut page = Vec::new();
    render(command, &mut page)?;
    std::fs::write(dir.join(man_page(command).get_filename()), page)?;
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        write_pages(sub, dir)?;
    }
    Ok(())
}
