//! `orbitext summary`: one row per entity, counted over all the documents, written at the end.

use std::io;

use crate::cli::SummaryArgs;
use crate::output::{Destination, Writer};
use crate::pipeline::{Pipeline, Sink};
use crate::summary::{self, Summary};

pub fn run(args: &SummaryArgs) -> anyhow::Result<bool> {
    let format = args.output.format;
    let out = Destination::open(args.output.file.path.as_deref(), format)?;
    let pipeline = Pipeline::new(&args.input, &args.output, &args.dictionaries, &args.dates)?
        .output_file(args.output.file.path.is_some());
    // Nothing is written while the documents are read, so the sink's writer type is moot.
    let mut sink: Sink<io::Sink> = Sink::Summary(Summary::default());
    let ok = pipeline.run(&args.input.paths, &mut sink)?;
    let Sink::Summary(summary) = sink else {
        unreachable!("the sink given")
    };
    // Written even when some input failed: the table of what could be read, with exit 2.
    let header = (!args.output.no_header).then_some(&summary::FIELDS[..]);
    let mut writer = Writer::new(format, header, args.output.bom, out)?.named("entities")?;
    for row in summary.rows() {
        writer.write(&row)?;
    }
    writer.finish()?.commit()?;
    Ok(ok)
}
