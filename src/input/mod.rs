//! Where documents come from and how they are read, as units of work in input order.
//!
//! The paths on the command line name sources ([`walk`]); each source becomes [`Job`]s. With
//! `--input-format jsonl` every source is JSON Lines, one document a line ([`jsonl`]).
//! Otherwise a regular file of at most [`Options::piece`] bytes is one `Job::File`, read and
//! decoded on a worker thread, and anything larger, and stdin, is streamed as `Job::Piece`s
//! ([`files`]). Bytes become text in [`decode`].

pub mod decode;
pub mod files;
pub mod job;
pub mod jsonl;
pub mod walk;

use std::io;
use std::path::PathBuf;

pub use decode::decode;
pub use files::read_file;
pub use job::{Fields, Job, Options};
pub use walk::{sources, ListError, Source};

use files::Stream;
use jsonl::Lines;

/// The work for `paths`, in input order, each job with the index of its source (for the
/// progress bar): small files to read on a worker, and the pieces of large files and stdin,
/// or the lines of JSON Lines, read here as the iterator is advanced.
pub fn jobs(
    paths: &[PathBuf],
    options: &Options,
) -> impl Iterator<Item = (usize, Job)> + Send + 'static {
    let options = options.clone();
    sources(paths)
        .enumerate()
        .flat_map(move |(n, source)| source_jobs(source, &options).map(move |job| (n, job)))
}

/// The work for one source, in order (see [`jobs`]).
fn source_jobs(
    source: Result<Source, ListError>,
    options: &Options,
) -> Box<dyn Iterator<Item = Job> + Send> {
    match (source, &options.jsonl) {
        (Err(e), _) if e.skipped => Box::new(std::iter::once(Job::Skipped {
            doc: e.path,
            why: e.error.to_string(),
        })),
        (Err(e), _) => Box::new(std::iter::once(Job::Failed {
            doc: e.path,
            error: e.error,
        })),
        (Ok(Source::Stdin), Some(fields)) => {
            // Not `stdin().lock()`: the lines are read on the thread that lists the jobs, and
            // a lock cannot move to it.
            Box::new(Lines::new(
                "-".into(),
                Box::new(io::BufReader::new(io::stdin())),
                fields.max_line,
            ))
        }
        (Ok(Source::Stdin), None) => Box::new(Stream::new(
            "-".into(),
            Box::new(io::stdin()),
            options.clone(),
            None,
        )),
        (Ok(Source::File(path)), Some(fields)) => jsonl::file_jobs(path, fields.max_line),
        (Ok(Source::File(path)), None) => files::file_jobs(path, options),
    }
}
