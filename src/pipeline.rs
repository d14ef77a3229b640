//! The documents of a run processed in parallel, in bounded batches, with what they yield handed
//! to a sink in input order. A document that cannot be read is reported on stderr and the run
//! goes on; the caller turns "something failed" into the exit code.

use std::io::{self, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;

use rayon::prelude::*;

use crate::cli::{DateArgs, DictArgs, InputArgs, InputFormat, OutputArgs};
use crate::entity::{Kind, Mention};
use crate::events::{self, Event};
use crate::extract::Extractor;
use crate::input::{self, Fields, Job, Options};
use crate::output::{self, Format, Writer};
use crate::progress::{self, Asked, Progress, Situation};
use crate::record::{self, each_record};
use crate::summary::{self, Summary};

/// How many documents (or pieces of documents) are read and extracted at once: enough to keep
/// every thread busy, few enough that memory stays flat however many files there are.
const BATCH_JOBS: usize = 256;

/// How many bytes of text a batch holds per thread (plus one document or piece), and at least
/// and at most: enough for every thread to have pieces to take while one is slow, few enough
/// that the batches in flight, and the records found in them, fit in a bounded memory
/// whatever the thread count. Records take up to some 30 times the bytes of the text they
/// come from (text that is all short names), and three batches are in flight at most.
const BATCH_BYTES_PER_THREAD: usize = 1 << 20;
const BATCH_BYTES_MIN: usize = 2 << 20;
const BATCH_BYTES_MAX: usize = 8 << 20;

/// How many records are rendered together: enough that rendering a batch costs little more
/// than its bytes, few enough that the records of a batch take little memory.
const RENDER_BATCH: usize = 1024;

/// The resident memory above which, after a batch, every worker hands back to the system the
/// memory it has freed. The allocator (mimalloc, set in `main.rs`) lets each thread take pages
/// from its own part of its arena and returns freed pages to the system only a second later,
/// so with many threads the pages freed and not yet reused pile up faster than they are
/// returned. Returning them costs system time (pages are unmapped, then faulted in again), so
/// it is done only above this budget, which a run on a few threads stays under.
const RESIDENT_BUDGET: usize = 128 << 20;

/// Documents larger than this are streamed in pieces of about this size, cut between articles
/// or paragraphs. Extraction needs several times a text's size in memory on each thread, so
/// pieces are kept small; a quarter of a megabyte is far more than one article.
const PIECE: usize = 256 << 10;

/// The bytes of text a batch holds with `threads` workers.
fn batch_bytes(threads: usize) -> usize {
    threads
        .saturating_mul(BATCH_BYTES_PER_THREAD)
        .clamp(BATCH_BYTES_MIN, BATCH_BYTES_MAX)
}

/// Everything a command that extracts resolves from its flags, once: the extractor, the
/// threads, how input is read and which types are kept.
pub struct Pipeline {
    extractor: Extractor,
    pool: rayon::ThreadPool,
    options: Options,
    /// The types to keep; empty keeps all.
    kinds: Vec<Kind>,
    quiet: bool,
    progress: Asked,
    /// The output goes to `-o FILE`: stdout is not where progress could tear it.
    output_file: bool,
}

/// What a run does with the mentions it finds.
pub enum Sink<W: Write> {
    /// Write each mention as a record, with `context` characters either side if asked.
    Records {
        writer: Writer<W>,
        context: Option<usize>,
    },
    /// Count mentions per entity, for a table written at the end.
    Summary(Summary),
    /// Turn each document's mentions into agreement events (found by the workers), with
    /// `context` characters either side of each anchor if asked.
    Events {
        output: events::Output<W>,
        context: Option<usize>,
    },
}

/// What a worker turns a piece's mentions into for the sink: rendered records, or the
/// mentions themselves for the summary to count (borrowing the extractor's dictionaries).
enum Found<'a> {
    Rendered(io::Result<Vec<Vec<u8>>>),
    Mentions(Vec<Mention<'a>>),
    Events(Vec<Event>),
}

/// What workers make of a batch's mentions for the sink.
#[derive(Clone, Copy)]
enum Render {
    /// Records in this format, with this context.
    Records(Format, Option<usize>),
    /// The mentions themselves, for the summary.
    Mentions,
    /// Agreement events, with this context.
    Events(Option<usize>),
}

/// A job done by a worker: its source's index, its text length, the job and what it found.
type Done<'a> = (usize, usize, Job, Found<'a>);

/// The next jobs to process together: up to [`BATCH_JOBS`] of them and about `max_bytes` of
/// text, each with its source's index and length; empty once the jobs run out.
fn next_batch(
    jobs: &mut impl Iterator<Item = (usize, Job)>,
    max_bytes: usize,
) -> Vec<(usize, usize, Job)> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_JOBS && bytes < max_bytes {
        let Some((source, job)) = jobs.next() else {
            break;
        };
        let len = job.text_len();
        bytes += len;
        batch.push((source, len, job));
    }
    batch
}

impl<W: Write> Sink<W> {
    /// Push out what was written so far, so that a message on stderr comes after it.
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Records { writer, .. } => writer.flush(),
            Sink::Summary(_) => Ok(()),
            Sink::Events { output, .. } => output.flush(),
        }
    }
}

impl Pipeline {
    pub fn new(
        input: &InputArgs,
        output: &OutputArgs,
        dictionaries: &DictArgs,
        dates: &DateArgs,
    ) -> anyhow::Result<Pipeline> {
        let mut pipeline = Pipeline::with_all_types(input, dictionaries, dates)?;
        pipeline.kinds = output.types.clone();
        Ok(pipeline)
    }

    /// A pipeline that keeps mentions of every type, as events need them all.
    pub fn with_all_types(
        input: &InputArgs,
        dictionaries: &DictArgs,
        dates: &DateArgs,
    ) -> anyhow::Result<Pipeline> {
        let d = dictionaries;
        let extractor =
            Extractor::from_dictionaries_with(!d.no_builtin, &d.dicts, dates.options())?;
        Ok(Pipeline {
            extractor,
            pool: thread_pool(input)?,
            options: input_options(input),
            kinds: Vec::new(),
            quiet: input.quiet,
            progress: input.progress.asked(),
            output_file: false,
        })
    }

    /// Say whether the output goes to `-o FILE` rather than stdout, for the progress rule.
    pub fn output_file(mut self, named: bool) -> Pipeline {
        self.output_file = named;
        self
    }

    /// Process every document named by `paths` into `sink`; `Ok(false)` if some input could
    /// not be processed (each such input is reported on stderr).
    pub fn run<W: Write + Send>(&self, paths: &[PathBuf], sink: &mut Sink<W>) -> io::Result<bool> {
        let stderr_terminal = io::stderr().is_terminal();
        let look = progress::decide(Situation {
            asked: self.progress,
            quiet: self.quiet,
            stderr_terminal,
            stdout: progress::Stdout::detect(),
            output_file: self.output_file,
            many_files: progress::many_files(paths),
            width: stderr_terminal.then(progress::stderr_width).flatten(),
        });
        let mut messages = Messages {
            quiet: self.quiet,
            errors: 0,
            progress: look.map(|look| Progress::start(paths, look)),
        };
        let done = self.process(input::jobs(paths, &self.options), sink, &mut messages);
        if let Some(progress) = messages.progress.take() {
            progress.finish();
        }
        done?;
        Ok(messages.errors == 0)
    }

    /// Process every job in input order, batch by batch: each batch is read and extracted in
    /// parallel, then handed to the sink, so output is the same whatever the number of threads
    /// and memory stays flat whatever the number and size of documents. The jobs are listed a
    /// batch ahead on a thread of their own, and the sink takes each finished batch on another,
    /// so that listing the next batch and writing the last overlap extracting this one; a
    /// batch is handed over as soon as it is done, so output never waits for input still to
    /// come. Each job comes with the index of its source, for the progress bar.
    fn process<W: Write + Send>(
        &self,
        jobs: impl Iterator<Item = (usize, Job)> + Send + 'static,
        sink: &mut Sink<W>,
        messages: &mut Messages,
    ) -> io::Result<()> {
        let render = match sink {
            Sink::Records { writer, context } => Render::Records(writer.format(), *context),
            Sink::Summary(_) => Render::Mentions,
            Sink::Events { context, .. } => Render::Events(*context),
        };
        // Jobs are listed on a thread of their own because listing stats every file, and the
        // workers would wait for it. The lister hands over one batch and waits with the next:
        // running further ahead would only hold more of a large file's text. It is not joined
        // when the run stops early (the output has closed): it may be waiting for input that
        // never comes, and it ends with the process.
        let max_bytes = batch_bytes(self.pool.current_num_threads());
        let (listed, batches) = mpsc::sync_channel::<Vec<(usize, usize, Job)>>(0);
        let lister = std::thread::spawn(move || {
            let mut jobs = jobs;
            loop {
                let batch = next_batch(&mut jobs, max_bytes);
                if batch.is_empty() || listed.send(batch).is_err() {
                    break;
                }
            }
        });
        // A batch is handed over only when the sink is ready for it: one batch is written while
        // the next is extracted and the one after it listed, and memory holds no more than
        // those three.
        let (send, receive) = mpsc::sync_channel::<Vec<Done>>(0);
        let finished = std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> io::Result<()> {
                for done in receive {
                    for (source, len, job, found) in done {
                        finish_job(job, found, sink, messages)?;
                        if let Some(progress) = &mut messages.progress {
                            progress.advance(source, len as u64);
                        }
                    }
                    // Whatever the batch found is out before the next batch is waited for.
                    sink.flush()?;
                }
                Ok(())
            });
            // The loop runs on a worker of the pool, which hands each batch on and starts the
            // next itself: no thread outside the pool has to be woken between batches while the
            // workers wait.
            let mut unchecked = 0;
            let all_sent = self.pool.install(|| {
                for batch in batches {
                    let bytes: usize = batch.iter().map(|(_, len, _)| len).sum();
                    let done = self.extract_batch(batch, render);
                    if check_resident(&mut unchecked, bytes)
                        && over_budget(memory_stats::memory_stats().map(|m| m.physical_mem))
                    {
                        self.pool.broadcast(|_| release_freed_memory());
                    }
                    // A sink that failed has stopped taking batches: its error is the answer.
                    if send.send(done).is_err() {
                        return false;
                    }
                }
                true
            });
            drop(send);
            let written = writer.join().expect("the writer thread does not panic");
            written.map(|()| all_sent)
        })?;
        if finished {
            // The batches ended because the lister did: if it panicked, the input was cut short.
            if let Err(panic) = lister.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Ok(())
    }

    /// Read, extract and (for records) render every job of a batch in parallel, in order.
    fn extract_batch(&self, batch: Vec<(usize, usize, Job)>, render: Render) -> Vec<Done<'_>> {
        batch
            .into_par_iter()
            .map(|(source, len, job)| {
                let (mut job, mentions) = self.work(job);
                let found = match render {
                    Render::Records(format, context) => {
                        Found::Rendered(render_job(&job, &mentions, format, context))
                    }
                    Render::Mentions => Found::Mentions(match &job {
                        Job::Piece(p) => summary::keyed(&p.text, mentions),
                        _ => mentions,
                    }),
                    Render::Events(context) => Found::Events(match &job {
                        Job::Piece(p) => {
                            events::of_piece(&p.text, p.offset, p.lines, &mentions, context)
                        }
                        _ => Vec::new(),
                    }),
                };
                // The sink needs no text. Freed here, on the thread that allocated it, its
                // memory goes straight back to this thread's allocator for the next document
                // rather than crossing threads first.
                if let Job::Piece(piece) = &mut job {
                    drop(std::mem::take(&mut piece.text));
                }
                (source, len, job, found)
            })
            .collect()
    }

    /// A worker's part of a job: read it if it is a whole file, parse it if it is a line of
    /// JSON Lines, then extract from its text and keep the mentions of the wanted types.
    fn work(&self, job: Job) -> (Job, Vec<Mention<'_>>) {
        let job = match job {
            Job::File { path, len } => input::read_file(&path, len, &self.options),
            Job::Line(line) => {
                let fields = self.options.jsonl.as_ref();
                input::jsonl::parse(line, fields.expect("lines only come from JSON Lines"))
            }
            other => other,
        };
        let Job::Piece(piece) = job else {
            return (job, Vec::new());
        };
        // A bug in a rule must not end a batch run: the document is reported and the run goes
        // on.
        let extracted =
            panic::catch_unwind(AssertUnwindSafe(|| self.extractor.extract(&piece.text)));
        match extracted {
            Ok(mut mentions) => {
                mentions.retain(|m| {
                    piece.holds_word(m.start, m.end)
                        && (self.kinds.is_empty() || self.kinds.contains(&m.kind))
                });
                (Job::Piece(piece), mentions)
            }
            Err(panic) => {
                let why = panic
                    .downcast_ref::<&str>()
                    .copied()
                    .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("a panic");
                let error = anyhow::anyhow!(
                    "internal error, so no records for bytes {}..{} (please report it): {why}",
                    piece.offset,
                    piece.offset + piece.text.len()
                );
                let doc = piece.doc;
                (Job::Failed { doc, error }, Vec::new())
            }
        }
    }
}

/// Whether to read the resident memory after a batch of `bytes` of text, `unchecked` being
/// the text since it was last read: after at least [`BATCH_BYTES_MIN`] of text, so that
/// batches of short JSON Lines do not pay a read of the system's figures each.
fn check_resident(unchecked: &mut usize, bytes: usize) -> bool {
    *unchecked = unchecked.saturating_add(bytes);
    let due = *unchecked >= BATCH_BYTES_MIN;
    if due {
        *unchecked = 0;
    }
    due
}

/// Whether `resident` bytes (unknown on some systems: then no) are over [`RESIDENT_BUDGET`].
fn over_budget(resident: Option<usize>) -> bool {
    resident.is_some_and(|bytes| bytes > RESIDENT_BUDGET)
}

/// Hand back to the system the memory this thread has freed: its empty pages go back to the
/// allocator's arena, and the arena's free pages to the system at once rather than after the
/// allocator's delay. Only the calling thread's pages can be collected, so every worker calls
/// it.
fn release_freed_memory() {
    // SAFETY: `mi_collect` takes no pointers and only frees pages that hold no live block;
    // it is safe on any thread, whether or not mimalloc is the global allocator.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// How the documents named by the input flags are read.
fn input_options(args: &InputArgs) -> Options {
    let jsonl = (args.input_format == InputFormat::Jsonl).then(|| {
        let default = Fields::default();
        Fields {
            id: args.id_field.clone().unwrap_or(default.id),
            text: args.text_field.clone().unwrap_or(default.text),
            max_line: args.max_line_size.unwrap_or(default.max_line),
        }
    });
    Options {
        encoding: args.encoding,
        piece: PIECE,
        jsonl,
    }
}

/// The worker threads: as many as asked for, else [`default_threads`]. The number is always
/// set here, so that no environment variable (rayon reads `RAYON_NUM_THREADS`) changes it.
fn thread_pool(args: &InputArgs) -> anyhow::Result<rayon::ThreadPool> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = args.threads.map_or_else(
        || default_threads(args.input_format, &args.paths, cores),
        usize::from,
    );
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?)
}

/// How many threads to use when `--threads` is not given: every core, except for JSON Lines
/// on stdin alone. That is how data engines (Spark's `pipe`, GNU parallel) feed a tool, with
/// one process per core already, where more threads per process would only compete.
fn default_threads(format: InputFormat, paths: &[PathBuf], cores: usize) -> usize {
    let stdin_only = paths.iter().all(|p| p.as_os_str() == "-");
    if format == InputFormat::Jsonl && stdin_only {
        1
    } else {
        cores
    }
}

/// A piece's records rendered in `format`, on the worker that extracted them, with their
/// context if asked; the records are shifted to where the piece lies in its document.
fn render_job(
    job: &Job,
    mentions: &[Mention],
    format: Format,
    context: Option<usize>,
) -> io::Result<Vec<Vec<u8>>> {
    let Job::Piece(piece) = job else {
        return Ok(Vec::new());
    };
    // In batches of records: a piece dense with mentions (`NASA,NASA,…`) has about 40 bytes
    // of records for each byte of text, and all its records at once would be several times
    // the rendered bytes.
    let mut all = each_record(&piece.doc, &piece.text, mentions);
    let mut rows = Vec::with_capacity(RENDER_BATCH.min(mentions.len()));
    let mut rendered = Vec::new();
    loop {
        rows.clear();
        rows.extend(all.by_ref().take(RENDER_BATCH).map(|mut r| {
            if let Some(n) = context {
                r.context = Some(record::context(&piece.text, r.start, r.end, n));
            }
            r.start += piece.offset;
            r.end += piece.offset;
            r.line += piece.lines;
            r
        }));
        if rows.is_empty() {
            return Ok(rendered);
        }
        rendered.push(output::fast::render(format, &rows)?);
    }
}

/// Hand one finished job to the sink: its warnings and records (or mentions), or why it was
/// skipped or failed.
fn finish_job<W: Write>(
    job: Job,
    found: Found<'_>,
    sink: &mut Sink<W>,
    messages: &mut Messages,
) -> io::Result<()> {
    match job {
        Job::Piece(piece) => {
            for warning in &piece.warnings {
                messages.warn(sink, &piece.doc, warning)?;
            }
            match (sink, found) {
                (Sink::Records { writer, .. }, Found::Rendered(rendered)) => rendered?
                    .into_iter()
                    .try_for_each(|part| writer.take_rendered(part)),
                (Sink::Summary(summary), Found::Mentions(mentions)) => {
                    summary.add(&piece.doc, piece.offset, mentions);
                    Ok(())
                }
                (Sink::Events { output, .. }, Found::Events(events)) => {
                    output.add(&piece.doc, &events)
                }
                _ => unreachable!("workers find what the sink takes"),
            }
        }
        Job::Skipped { doc, why } => messages.warn(sink, &doc, &why),
        Job::Failed { doc, error } => messages.error(sink, &doc, &error),
        Job::File { .. } | Job::Line(_) => unreachable!("files and lines are read by the workers"),
    }
}

/// Everything on stderr: warnings and errors, as `orbitext: warning: PATH: message` and
/// `orbitext: PATH: message` (warnings only unless --quiet), and the progress bar, cleared while a message is printed. What was
/// written so far is flushed first, so that a message follows the records before it.
struct Messages {
    quiet: bool,
    /// How many errors were reported: any makes the exit code 2.
    errors: usize,
    progress: Option<Progress>,
}

impl Messages {
    fn warn<W: Write>(&self, sink: &mut Sink<W>, path: &str, message: &str) -> io::Result<()> {
        if !self.quiet {
            sink.flush()?;
            self.say("warning: ", path, message);
        }
        Ok(())
    }

    fn error<W: Write>(
        &mut self,
        sink: &mut Sink<W>,
        path: &str,
        error: &anyhow::Error,
    ) -> io::Result<()> {
        self.errors += 1;
        sink.flush()?;
        self.say("", path, &format!("{error:#}"));
        Ok(())
    }

    /// One message line on stderr; a stderr that cannot be written to is no reason to stop.
    fn say(&self, label: &str, path: &str, message: &str) {
        let say = || {
            let _ = writeln!(io::stderr().lock(), "orbitext: {label}{path}: {message}");
        };
        match &self.progress {
            Some(progress) => progress.suspend(say),
            None => say(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Format;

    /// Sentences that need nothing from the rest of their document (no yearless dates,
    /// surnames or abbreviations defined elsewhere), so paragraphs made of them are independent.
    const SENTENCES: &[&str] = &[
        "NASA and the European Space Agency signed a memorandum of understanding on May 21, 2021.",
        "India launched the satellite on 3 March 2022 from Sriharikota.",
        "The treaty was ratified by Canada and Brazil.",
        "Luxembourg and the United States agreed on a joint statement in June 2019.",
        "Japan’s engineers — and Germany’s — tested the rover’s wheels.",
        "Nothing here but plain words about orbits, fuel and weather.",
        "Über-long façade of text with accents: déjà vu, naïve, Ærø.",
    ];

    /// A document of `n` independent paragraphs of one to three lines, separated by LF or CRLF
    /// blank lines, starting with a byte-order mark.
    fn document(n: usize) -> String {
        let mut text = String::from("\u{feff}");
        for i in 0..n {
            for line in 0..=(i % 3) {
                text += SENTENCES[(i * 5 + line) % SENTENCES.len()];
                text += if i % 4 == 0 { "\r\n" } else { "\n" };
            }
            text += if i % 4 == 0 { "\r\n" } else { "\n" };
        }
        text
    }

    /// The JSON Lines output for `paths` read in pieces of `piece` bytes, and the error count.
    fn output(paths: &[std::path::PathBuf], piece: usize) -> (String, usize) {
        let pipeline = Pipeline {
            extractor: Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries"),
            pool: rayon::ThreadPoolBuilder::new()
                .num_threads(3)
                .build()
                .unwrap(),
            options: Options {
                encoding: None,
                piece,
                jsonl: None,
            },
            kinds: Vec::new(),
            quiet: true,
            progress: Asked::Never,
            output_file: false,
        };
        let mut out = Vec::new();
        let writer = Writer::new(Format::Jsonl, None, false, &mut out).unwrap();
        let mut sink = Sink::Records {
            writer,
            context: None,
        };
        let mut messages = Messages {
            quiet: true,
            errors: 0,
            progress: None,
        };
        let jobs = input::jobs(paths, &pipeline.options);
        pipeline.process(jobs, &mut sink, &mut messages).unwrap();
        let Sink::Records { writer, .. } = sink else {
            unreachable!()
        };
        writer.finish().unwrap();
        (String::from_utf8(out).unwrap(), messages.errors)
    }

    #[test]
    fn batches_grow_with_the_threads_up_to_a_cap() {
        assert_eq!(batch_bytes(1), BATCH_BYTES_MIN);
        assert_eq!(batch_bytes(4), 4 * BATCH_BYTES_PER_THREAD);
        assert_eq!(batch_bytes(64), BATCH_BYTES_MAX);
        assert_eq!(batch_bytes(usize::MAX), BATCH_BYTES_MAX);
    }

    #[test]
    fn the_text_in_flight_is_bounded_whatever_the_thread_count() {
        // Pieces of a large file, and small files, of sizes that do not divide a batch.
        let sizes = [PIECE, PIECE - 1000, 10_000, PIECE + 7, 3];
        let jobs = || {
            (0..2000).map(move |i| {
                let len = sizes[i % sizes.len()] as u64;
                let path = PathBuf::from(format!("{i}.txt"));
                (0, Job::File { path, len })
            })
        };
        // The lister holds one batch, the workers one and the writer the records of one.
        let bound = 3 * (BATCH_BYTES_MAX + PIECE + 7);
        for threads in [1, 2, 8, 64, 1024] {
            let max_bytes = batch_bytes(threads);
            let mut jobs = jobs();
            let mut total = 0;
            loop {
                let batch = next_batch(&mut jobs, max_bytes);
                if batch.is_empty() {
                    break;
                }
                let bytes: usize = batch.iter().map(|(_, len, _)| len).sum();
                let last = batch.last().map_or(0, |(_, len, _)| *len);
                assert!(batch.len() <= BATCH_JOBS, "{threads} threads");
                assert!(bytes - last < max_bytes, "{threads} threads: {bytes} bytes");
                assert!(3 * bytes <= bound, "{threads} threads: {bytes} bytes");
                total += batch.len();
            }
            assert_eq!(total, 2000, "{threads} threads: every job is in a batch");
        }
    }

    #[test]
    fn freed_memory_is_handed_back_only_over_the_budget() {
        assert!(!over_budget(None));
        assert!(!over_budget(Some(20 << 20)));
        assert!(!over_budget(Some(RESIDENT_BUDGET)));
        assert!(over_budget(Some(RESIDENT_BUDGET + 1)));
        // Read after every full batch, and after enough text from smaller ones.
        let mut unchecked = 0;
        assert!(check_resident(&mut unchecked, batch_bytes(2)));
        assert!(check_resident(&mut unchecked, batch_bytes(64)));
        let line_batch = 256 * 200;
        let reads = (0..1000)
            .filter(|_| check_resident(&mut unchecked, line_batch))
            .count();
        assert_eq!(reads, 1000 * line_batch / BATCH_BYTES_MIN);
        // Handing back is safe on any thread, with or without mimalloc as the allocator.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let kept: Vec<Vec<u8>> = pool.broadcast(|_| {
            let freed = vec![1u8; 1 << 20];
            drop(freed);
            release_freed_memory();
            vec![2u8; 1 << 16]
        });
        assert!(kept.iter().all(|v| v.iter().all(|&b| b == 2)));
    }

    #[test]
    fn threads_default_to_one_only_for_json_lines_on_stdin() {
        use std::path::PathBuf;
        let (text, jsonl) = (InputFormat::Text, InputFormat::Jsonl);
        let none: &[PathBuf] = &[];
        let dash = &[PathBuf::from("-")];
        let file = &[PathBuf::from("a.jsonl")];
        let both = &[PathBuf::from("-"), PathBuf::from("a.jsonl")];
        // (name, input format, paths, expected threads with 8 cores)
        let rows: &[(&str, InputFormat, &[PathBuf], usize)] = &[
            ("JSON Lines on stdin, no path", jsonl, none, 1),
            ("JSON Lines on stdin, -", jsonl, dash, 1),
            (
                "JSON Lines on stdin twice",
                jsonl,
                &[PathBuf::from("-"), PathBuf::from("-")],
                1,
            ),
            ("a JSON Lines file", jsonl, file, 8),
            ("stdin and a file", jsonl, both, 8),
            ("text on stdin", text, dash, 8),
            ("text files", text, file, 8),
        ];
        for (name, format, paths, want) in rows {
            assert_eq!(default_threads(*format, paths, 8), *want, "{name}");
        }
    }

    #[test]
    fn pieces_give_the_records_of_the_whole_document() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        let text = document(120);
        std::fs::write(&big, &text).unwrap();
        // windows-1252 (é is 0xE9), decided from the first bytes and decoded piece by piece.
        let legacy = dir.path().join("legacy.txt");
        let legacy_text = format!(
            "Caf\u{e9} talk.\n\n{}",
            document(40).replace('\u{feff}', "")
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&legacy_text);
        std::fs::write(&legacy, bytes).unwrap();
        let paths = [big, legacy];

        let (whole, errors) = output(&paths, usize::MAX);
        assert_eq!(errors, 0);
        assert!(whole.lines().count() > 300, "too few records:\n{whole}");
        // Pieces smaller than a paragraph are cut at line ends: the lines are independent too.
        for piece in [100, 500, 4096] {
            let (pieces, errors) = output(&paths, piece);
            assert_eq!(errors, 0);
            assert!(
                whole == pieces,
                "piece size {piece}: the output differs from the whole-document pass\n\
                 --- whole ---\n{whole}\n--- in pieces ---\n{pieces}"
            );
        }
    }

    /// The `(start, end)` of every record of JSON Lines output.
    fn spans(jsonl: &str) -> Vec<(usize, usize)> {
        jsonl
            .lines()
            .map(|line| {
                let r: serde_json::Value = serde_json::from_str(line).unwrap();
                let at = |k: &str| usize::try_from(r[k].as_u64().unwrap()).unwrap();
                (at("start"), at("end"))
            })
            .collect()
    }

    #[test]
    fn articles_that_fit_in_a_piece_give_the_same_records_whatever_its_size() {
        // The second article names the same surname: only its own article's context counts.
        let first = "NASA Administrator Jane Ostrova met ESA officials on Sept. 3, 2024. \
                     Ostrova said the agencies would sign a memorandum.\n\n";
        let second = "The Indian Space Research Organisation said on Sept. 9 that Ostrova \
                      Station, a ground site, was ready.\n\n";
        let text = format!("{first}\u{c}\n{second}\u{c}\n").repeat(8);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.txt");
        std::fs::write(&path, &text).unwrap();
        let paths = [path];
        let (whole, errors) = output(&paths, usize::MAX);
        assert_eq!(errors, 0);
        // Each article on its own, as the folder of articles gives them.
        let alone = |article: &str| {
            let path = dir.path().join("alone.txt");
            std::fs::write(&path, article).unwrap();
            spans(&output(&[path], usize::MAX).0)
        };
        let (in_first, in_second) = (alone(first), alone(second));
        let surname = |spans: &[(usize, usize)], text: &str| {
            spans
                .iter()
                .filter(|&&(s, e)| &text[s..e] == "Ostrova")
                .count()
        };
        assert_eq!(
            surname(&in_first, first),
            1,
            "the surname after the full name"
        );
        assert_eq!(surname(&in_second, second), 0, "{in_second:?}");
        let unit = first.len() + second.len() + 4;
        let expected: Vec<(usize, usize)> = (0..8)
            .flat_map(|i| {
                let at = i * unit;
                let second_at = at + first.len() + 2;
                in_first.iter().map(move |&(s, e)| (at + s, at + e)).chain(
                    in_second
                        .iter()
                        .map(move |&(s, e)| (second_at + s, second_at + e)),
                )
            })
            .collect();
        assert_eq!(spans(&whole), expected);
        for piece in [unit, unit + 17, 3 * unit - 5, 1000] {
            assert_eq!(output(&paths, piece).0, whole, "piece size {piece}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// However small the pieces and whatever the text (without spaces, too), no record
        /// starts or ends inside a word of the document.
        #[test]
        fn no_record_starts_or_ends_inside_a_word(
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "NASA", "ASA", "ESA", "India", "xNASA", "NASAx", "Roscosmos", "2024",
                ",", " ", "\n", "\n\n", "-", "’", "é", "",
            ]), 1..120),
            piece in 1usize..48,
        ) {
            let text = tokens.concat();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("doc.txt");
            std::fs::write(&path, &text).unwrap();
            let (out, errors) = output(&[path], piece);
            proptest::prop_assert_eq!(errors, 0);
            for (start, end) in spans(&out) {
                proptest::prop_assert!(
                    crate::text::on_word_boundaries(&text, start, end),
                    "piece size {}: {:?} at {}..{} in {:?}", piece, &text[start..end], start, end, text
                );
            }
        }
    }
}
