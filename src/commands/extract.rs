//! `orbitext extract`: one record per entity mention, written as the documents are read.

use std::io::{self, BufWriter};

use crate::cli::ExtractArgs;
use crate::output::Writer;
use crate::pipeline::{Pipeline, Sink};
use crate::record::{FIELDS, FIELDS_WITH_CONTEXT};

pub fn run(args: &ExtractArgs) -> anyhow::Result<bool> {
    let pipeline = Pipeline::new(&args.input, &args.output, &args.dictionaries, &args.dates)?;
    let header = match args.context {
        _ if args.output.no_header => None,
        Some(_) => Some(&FIELDS_WITH_CONTEXT[..]),
        None => Some(&FIELDS[..]),
    };
    // Unlocked: the sink is written on a thread of its own. BufWriter takes the lock once per
    // buffer it writes out; records pass it by, gathered by the `Writer` into vectored writes.
    let out = BufWriter::new(io::stdout());
    let writer = Writer::new(args.output.format, header, args.output.bom, out)?;
    let mut sink = Sink::Records {
        writer,
        context: args.context,
    };
    let ok = pipeline.run(&args.input.paths, &mut sink)?;
    if let Sink::Records { writer, .. } = sink {
        writer.finish()?;
    }
    Ok(ok)
}
