//! `orbitext events`: one record per agreement event, or the network of the parties in DOT.

use std::io::{self, BufWriter};

use crate::cli::{EventFormat, EventsArgs};
use crate::events::{self, Output};
use crate::output::Writer;
use crate::pipeline::{Pipeline, Sink};

pub fn run(args: &EventsArgs) -> anyhow::Result<bool> {
    let pipeline = Pipeline::with_all_types(&args.input, &args.dictionaries, &args.dates)?;
    let out = BufWriter::new(io::stdout());
    let output = match args.format.tabular() {
        Some(format) => {
            let header = (!args.no_header).then(|| events::header(args.context.is_some()));
            Output::Rows(Writer::new(format, header, args.bom, out)?)
        }
        None => {
            debug_assert_eq!(args.format, EventFormat::Dot);
            Output::Graph {
                graph: events::dot::Graph::default(),
                out,
            }
        }
    };
    let mut sink = Sink::Events {
        output,
        context: args.context,
    };
    let ok = pipeline.run(&args.input.paths, &mut sink)?;
    if let Sink::Events { output, .. } = sink {
        output.finish()?;
    }
    Ok(ok)
}
