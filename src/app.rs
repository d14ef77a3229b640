//! Running a command: resolved configuration from the flags, documents processed in parallel
//! in bounded chunks, records written in input order. A document that cannot be read is
//! reported on stderr and the run goes on; the caller turns "something failed" into the exit
//! code.

use std::io::{self, BufWriter, Write};

use rayon::prelude::*;

use crate::cli::{Cli, Command, ExtractArgs};
use crate::extract::Extractor;
use crate::input::{self, Source};
use crate::output::Writer;
use crate::record::records;

/// How many documents are read and extracted at once: enough to keep every thread busy,
/// few enough that memory stays flat however many files there are.
const CHUNK: usize = 256;

/// Run the command; `Ok(false)` means some input could not be processed.
pub fn run(cli: Cli) -> anyhow::Result<bool> {
    match cli.command {
        Command::Extract(args) => extract(&args),
    }
}

fn extract(args: &ExtractArgs) -> anyhow::Result<bool> {
    let extractor = Extractor::from_dictionaries(!args.no_builtin, &args.dicts)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n.into());
    }
    let pool = pool.build()?;
    let stdout = io::stdout();
    let mut writer = Writer::new(args.format, !args.no_header, BufWriter::new(stdout.lock()))?;
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
                    writer_flush(&mut writer)?;
                    eprintln!("orbitext: {path}: {e:#}");
                }
            }
        }
    }
    writer.finish()?;
    Ok(ok)
}

fn writer_flush<W: Write>(writer: &mut Writer<W>) -> io::Result<()> {
    match writer {
        Writer::Delimited(w) => w.flush(),
        Writer::JsonLines(w) | Writer::JsonArray { out: w, .. } => w.flush(),
    }
}
