//! `orbitext extract`: one record per entity mention, written as the documents are read.

use crate::cli::ExtractArgs;
use crate::output::{Destination, Writer};
use crate::pipeline::{Pipeline, Sink};
use crate::record;

pub fn run(args: &ExtractArgs) -> anyhow::Result<bool> {
    let format = args.output.format;
    let out = Destination::open(args.output.file.path.as_deref(), format)?;
    let pipeline = Pipeline::new(&args.input, &args.output, &args.dictionaries, &args.dates)?
        .output_file(args.output.file.path.is_some());
    let header = (!args.output.no_header).then(|| record::header(args.context.is_some()));
    // The sink is written on a thread of its own, so stdout is not locked: its buffer takes the
    // lock once per buffer it writes out; records pass it by, gathered by the `Writer` into
    // vectored writes.
    let writer = Writer::new(format, header, args.output.bom, out)?.named("mentions")?;
    let mut sink = Sink::Records {
        writer,
        context: args.context,
    };
    let ok = pipeline.run(&args.input.paths, &mut sink)?;
    // Written even when some input failed, as on stdout: the records of what could be read.
    if let Sink::Records { writer, .. } = sink {
        writer.finish()?.commit()?;
    }
    Ok(ok)
}
