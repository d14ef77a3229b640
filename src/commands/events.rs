//! `orbitext events`: one record per agreement event, or the network of the parties in DOT,
//! written where extract writes: stdout, or `-o FILE` replaced only when the run ends.

use crate::cli::{EventFormat, EventsArgs};
use crate::events::{self, Output};
use crate::output::{Destination, Format, Writer};
use crate::pipeline::{Pipeline, Sink};

pub fn run(args: &EventsArgs) -> anyhow::Result<bool> {
    let path = args.file.path.as_deref();
    // The network is text: it may go wherever CSV may.
    let out = Destination::open(path, args.format.tabular().unwrap_or(Format::Csv))?;
    let pipeline = Pipeline::with_all_types(&args.input, &args.dictionaries, &args.dates)?
        .output_file(path.is_some());
    let output = match args.format.tabular() {
        Some(format) => {
            let header = (!args.no_header).then(|| events::header(args.context.is_some()));
            Output::Rows(Writer::new(format, header, args.bom, out)?.named("events")?)
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
    // Written even when some input failed, as on stdout: the events of what could be read.
    if let Sink::Events { output, .. } = sink {
        output.finish()?.commit()?;
    }
    Ok(ok)
}
