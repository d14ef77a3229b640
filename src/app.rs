//! Running a command: resolved configuration from the flags, documents processed in parallel
//! in bounded batches, records written in input order. A document that cannot be read is
//! reported on stderr and the run goes on; the caller turns "something failed" into the exit
//! code.

use std::io::{self, BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};

use rayon::prelude::*;

use crate::cli::{
    CheckArgs, Cli, Command, DictsCommand, ExtractArgs, InputArgs, InputFormat, ListArgs,
};
use crate::entity::Mention;
use crate::extract::Extractor;
use crate::gazetteer;
use crate::input::{self, Job, Options};
use crate::jsonl_input::{self, Fields};
use crate::output::{self, Format, Writer};
use crate::record::{records, FIELDS};

/// How many documents (or pieces of documents) are read and extracted at once: enough to keep
/// every thread busy, few enough that memory stays flat however many files there are.
const BATCH_JOBS: usize = 256;

/// How many bytes of text a batch holds at most (plus one document or piece): with the
/// mentions found in them, this is most of the memory a run needs.
const BATCH_BYTES: usize = 8 << 20;

/// Documents larger than this are streamed in pieces of about this size, cut at blank lines.
/// Extraction needs several times a text's size in memory and each thread holds a batch, so
/// pieces are kept small; a megabyte is far more than the context one article needs.
const PIECE: usize = 1 << 20;

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
    let pool = thread_pool(&args.input)?;
    let header = (!args.no_header).then_some(&FIELDS[..]);
    let mut writer = Writer::new(args.format, header, BufWriter::new(io::stdout().lock()))?;
    let options = input_options(&args.input);
    let mut messages = Messages {
        quiet: args.input.quiet,
        errors: 0,
    };
    let jobs = input::jobs(&args.input.paths, &options);
    extract_all(
        &extractor,
        &pool,
        jobs,
        &options,
        &mut writer,
        &mut messages,
    )?;
    writer.finish()?;
    Ok(messages.errors == 0)
}

/// How the documents named by the input flags are read.
fn input_options(args: &InputArgs) -> Options {
    let jsonl = (args.input_format == InputFormat::Jsonl).then(|| {
        let default = Fields::default();
        Fields {
            id: args.id_field.clone().unwrap_or(default.id),
            text: args.text_field.clone().unwrap_or(default.text),
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
fn default_threads(format: InputFormat, paths: &[std::path::PathBuf], cores: usize) -> usize {
    let stdin_only = paths.iter().all(|p| p.as_os_str() == "-");
    if format == InputFormat::Jsonl && stdin_only {
        1
    } else {
        cores
    }
}

/// Extract from every job and write the records in input order, batch by batch: each batch is
/// read and extracted in parallel, then written, so output is the same whatever the number of
/// threads and memory stays flat whatever the number and size of documents.
fn extract_all<W: Write>(
    extractor: &Extractor,
    pool: &rayon::ThreadPool,
    jobs: impl Iterator<Item = Job>,
    options: &Options,
    writer: &mut Writer<W>,
    messages: &mut Messages,
) -> io::Result<()> {
    let mut jobs = jobs.peekable();
    while jobs.peek().is_some() {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_JOBS && bytes < BATCH_BYTES {
            let Some(job) = jobs.next() else { break };
            bytes += job.text_len();
            batch.push(job);
        }
        let format = writer.format();
        let done: Vec<(Job, io::Result<Vec<u8>>)> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|job| {
                    let (job, mentions) = work(extractor, job, options);
                    let rendered = render_job(&job, &mentions, format);
                    (job, rendered)
                })
                .collect()
        });
        for (job, rendered) in done {
            write_job(job, &rendered?, writer, messages)?;
        }
    }
    Ok(())
}

/// A worker's part of a job: read it if it is a whole file, parse it if it is a line of JSON
/// Lines, then extract from its text.
fn work(extractor: &Extractor, job: Job, options: &Options) -> (Job, Vec<Mention>) {
    let job = match job {
        Job::File { path, .. } => input::read_file(&path, options),
        Job::Line(line) => {
            let fields = options
                .jsonl
                .as_ref()
                .expect("lines only come from JSON Lines");
            jsonl_input::parse(line, fields)
        }
        other => other,
    };
    let Job::Piece(piece) = job else {
        return (job, Vec::new());
    };
    // A bug in a rule must not end a batch run: the document is reported and the run goes on.
    match panic::catch_unwind(AssertUnwindSafe(|| extractor.extract(&piece.text))) {
        Ok(mentions) => (Job::Piece(piece), mentions),
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
            (
                Job::Failed {
                    doc: piece.doc,
                    error,
                },
                Vec::new(),
            )
        }
    }
}

/// A piece's records rendered in `format`, on the worker that extracted them; the records are
/// shifted to where the piece lies in its document.
fn render_job(job: &Job, mentions: &[Mention], format: Format) -> io::Result<Vec<u8>> {
    let Job::Piece(piece) = job else {
        return Ok(Vec::new());
    };
    let mut rows = records(&piece.doc, &piece.text, mentions);
    for r in &mut rows {
        r.start += piece.offset;
        r.end += piece.offset;
        r.line += piece.lines;
    }
    output::render(format, &rows)
}

/// Write one finished job: its warnings and rendered records, or why it was skipped or failed.
fn write_job<W: Write>(
    job: Job,
    rendered: &[u8],
    writer: &mut Writer<W>,
    messages: &mut Messages,
) -> io::Result<()> {
    match job {
        Job::Piece(piece) => {
            for warning in &piece.warnings {
                messages.warn(writer, &piece.doc, warning)?;
            }
            writer.write_rendered(rendered)
        }
        Job::Skipped { doc, why } => messages.warn(writer, &doc, &why),
        Job::Failed { doc, error } => messages.error(writer, &doc, &error),
        Job::File { .. } | Job::Line(_) => unreachable!("files and lines are read by the workers"),
    }
}

/// Warnings and errors on stderr, as `orbitext: PATH: message`; warnings only unless --quiet.
/// The records written so far are flushed first, so that a message follows them.
struct Messages {
    quiet: bool,
    /// How many errors were reported: any makes the exit code 2.
    errors: usize,
}

impl Messages {
    fn warn<W: Write>(&self, writer: &mut Writer<W>, path: &str, message: &str) -> io::Result<()> {
        if !self.quiet {
            writer.flush()?;
            say(path, message);
        }
        Ok(())
    }

    fn error<W: Write>(
        &mut self,
        writer: &mut Writer<W>,
        path: &str,
        error: &anyhow::Error,
    ) -> io::Result<()> {
        self.errors += 1;
        writer.flush()?;
        say(path, &format!("{error:#}"));
        Ok(())
    }
}

/// One message line on stderr; a stderr that cannot be written to is no reason to stop.
fn say(path: &str, message: &str) {
    let _ = writeln!(io::stderr().lock(), "orbitext: {path}: {message}");
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
        static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        let extractor = EXTRACTOR.get_or_init(|| {
            Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries")
        });
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let options = Options {
            encoding: None,
            piece,
            jsonl: None,
        };
        let mut out = Vec::new();
        let mut writer = Writer::new(Format::Jsonl, None, &mut out).unwrap();
        let mut messages = Messages {
            quiet: true,
            errors: 0,
        };
        let jobs = input::jobs(paths, &options);
        extract_all(extractor, &pool, jobs, &options, &mut writer, &mut messages).unwrap();
        writer.finish().unwrap();
        (String::from_utf8(out).unwrap(), messages.errors)
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
}
