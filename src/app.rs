//! Running a command: resolved configuration from the flags, documents processed in parallel
//! in bounded chunks, records written in input order. A document that cannot be read is
//! reported on stderr and the run goes on; the caller turns "something failed" into the exit
//! code.

use std::io::{self, BufWriter};

use rayon::prelude::*;

use crate::cli::{CheckArgs, Cli, Command, DictsCommand, ExtractArgs, ListArgs};
use crate::extract::Extractor;
use crate::gazetteer;
use crate::input::{self, Source};
use crate::output::Writer;
use crate::record::{records, FIELDS};

/// How many documents are read and extracted at once: enough to keep every thread busy,
/// few enough that memory stays flat however many files there are.
const CHUNK: usize = 256;

/// Run the command; `Ok(false)` means some input could not be processed.
pub fn run(cli: Cli) -> anyhow::Result<bool> {
    match cli.command {
        Command::Extract(args) => extract(&args),
        Command::Dicts(DictsCommand::List(args)) => list_dictionaries(&args),
        Command::Dicts(DictsCommand::Check(args)) => check_dictionaries(&args),
    }
}

const ENTRY_FIELDS: [&str; 7] = ["type", "id", "name", "aliases", "country", "org", "role"];

/// One dictionary entry as `dicts list` writes it.
#[derive(serde::Serialize)]
struct EntryRow<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    id: &'a str,
    name: &'a str,
    aliases: String,
    country: &'a str,
    org: &'a str,
    role: &'a str,
}

fn list_dictionaries(args: &ListArgs) -> anyhow::Result<bool> {
    let d = &args.dictionaries;
    let entries = gazetteer::load(!d.no_builtin, &d.dicts)?;
    let mut writer = Writer::new(
        args.format,
        Some(&ENTRY_FIELDS),
        BufWriter::new(io::stdout().lock()),
    )?;
    let rows = entries
        .iter()
        .filter(|e| args.kind.as_deref().is_none_or(|k| e.etype.as_str() == k))
        .map(|e| EntryRow {
            kind: e.etype.as_str(),
            id: &e.id,
            name: &e.name,
            aliases: e.aliases.join("|"),
            country: &e.country,
            org: &e.org,
            role: &e.role,
        });
    for row in rows {
        writer.write(&row)?;
    }
    writer.finish()?;
    Ok(true)
}

fn check_dictionaries(args: &CheckArgs) -> anyhow::Result<bool> {
    match gazetteer::load(!args.no_builtin, &args.files) {
        Ok(entries) => {
            for file in &args.files {
                let name = file.display().to_string();
                let n = entries.iter().filter(|e| e.file == name).count();
                println!("{name}: {n} entries, no problems");
            }
            Ok(true)
        }
        Err(gazetteer::Problems(problems)) => {
            for p in &problems {
                println!("{p}");
            }
            eprintln!("orbitext: {} problem(s) found", problems.len());
            Ok(false)
        }
    }
}

fn extract(args: &ExtractArgs) -> anyhow::Result<bool> {
    let d = &args.dictionaries;
    let extractor = Extractor::from_dictionaries(!d.no_builtin, &d.dicts)?
        .with_date_options(args.dates.options());
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n.into());
    }
    let pool = pool.build()?;
    let stdout = io::stdout();
    let header = (!args.no_header).then_some(&FIELDS[..]);
    let mut writer = Writer::new(args.format, header, BufWriter::new(stdout.lock()))?;
    let mut ok = true;
    let mut sources = input::sources(&args.paths).peekable();
    while sources.peek().is_some() {
        let chunk: Vec<Result<Source, input::ListError>> = sources.by_ref().take(CHUNK).collect();
        let done: Vec<_> = pool.install(|| {
            chunk
                .par_iter()
                .map(|s| match s {
                    Ok(source) => input::read(source)
                        .map(|doc| {
                            let mentions = extractor.extract(&doc.text);
                            (doc, mentions)
                        })
                        .map_err(|e| (source.name(), e)),
                    Err(e) => Err((e.path.clone(), anyhow::anyhow!("{}", e.error))),
                })
                .collect()
        });
        for result in done {
            match result {
                Ok((doc, mentions)) => {
                    for r in records(&doc.name, &doc.text, &mentions) {
                        writer.write(&r)?;
                    }
                }
                Err((path, e)) => {
                    ok = false;
                    // Keep what was written so far in order with the message.
                    writer.flush()?;
                    eprintln!("orbitext: {path}: {e:#}");
                }
            }
        }
    }
    writer.finish()?;
    Ok(ok)
}
