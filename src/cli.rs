//! The command line as the user types it: clap derive structs with their help text, and the
//! few checks of flags that depend on another flag's value, which clap cannot express. Turning
//! flags into loaded dictionaries and compiled rules is `app`'s job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use encoding_rs::Encoding;

use crate::entity::Kind;
use crate::output::Format;
use crate::rules::dates::{DateOptions, DateOrder};

/// Extract countries, space agencies, officials, dates and agreements from space-news articles.
#[derive(Debug, Parser)]
#[command(name = "orbitext", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parse the command line, exiting with a usage error (as clap does) when flags that clap
    /// accepted one by one do not go together.
    pub fn parse_checked() -> Cli {
        use clap::CommandFactory;

        let cli = Cli::parse();
        let stdin_terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
        let problem = cli
            .conflict()
            .map(|c| (c, clap::error::ErrorKind::ArgumentConflict));
        let missing = cli
            .missing_input(stdin_terminal)
            .map(|m| (m, clap::error::ErrorKind::MissingRequiredArgument));
        if let Some(((name, why), kind)) = problem.or(missing) {
            // Built, so that the usage line is the subcommand's, with the binary's name.
            let mut command = Cli::command();
            command.build();
            let sub = command
                .find_subcommand_mut(name)
                .expect("the subcommand just parsed");
            sub.error(kind, why).exit();
        }
        cli
    }

    /// The subcommand and what to do, when it would read stdin and stdin is a terminal: a
    /// person who typed no path is more likely to have forgotten it than to mean to type an
    /// article in. `-` reads the terminal all the same.
    fn missing_input(&self, stdin_terminal: bool) -> Option<(&'static str, String)> {
        let (name, input) = match &self.command {
            Command::Extract(args) => ("extract", &args.input),
            Command::Summary(args) => ("summary", &args.input),
            Command::Events(args) => ("events", &args.input),
            _ => return None,
        };
        (stdin_terminal && input.paths.is_empty()).then(|| {
            (
                name,
                format!(
                    "no input: name the files or folders to read (`orbitext {name} articles/`), \
                     or pipe text in (`cat a.txt | orbitext {name}`); `-` reads the terminal"
                ),
            )
        })
    }

    /// The subcommand and why its flags do not go together, if they do not.
    fn conflict(&self) -> Option<(&'static str, String)> {
        let (name, input, output) = match &self.command {
            Command::Extract(args) => ("extract", &args.input, &args.output),
            Command::Summary(args) => ("summary", &args.input, &args.output),
            Command::Events(args) => {
                let bom = bom_conflict(args.bom, args.format.tabular());
                return args.input.conflict().or(bom).map(|why| ("events", why));
            }
            Command::Eval(_) | Command::Dicts(_) | Command::Completions(_) | Command::Man(_) => {
                return None
            }
        };
        input
            .conflict()
            .or_else(|| output.conflict())
            .map(|why| (name, why))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write one record per entity mention found in the given articles.
    ///
    /// Each record has the fields doc, type, start, end, line, text, id, name, value, role, org;
    /// start and end are byte offsets into the document (end exclusive) and text is exactly
    /// those bytes.
    ///
    /// Examples:
    ///   orbitext extract articles/                  CSV of every article under articles/
    ///   orbitext extract --format jsonl a.txt b.txt JSON Lines for two files
    ///   cat a.txt | orbitext extract --format tsv   read stdin
    ///   orbitext extract --input-format jsonl --format jsonl - < docs.jsonl
    ///                                               one document per line, in and out
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),

    /// Write one row per entity: type, id, name, mentions, documents; most mentioned first.
    ///
    /// mentions counts every mention of the entity, documents the documents that mention it
    /// (each file, stdin, or each line of JSON Lines). Agreements make a row per kind and one
    /// per named instrument (Outer Space Treaty); a weekday with no date to count from is keyed
    /// by its text in lower case. Rows with as many mentions are ordered by type, id and name:
    /// the table is the same whatever the order of the input. Takes the same options as
    /// extract, but --context.
    ///
    /// Examples:
    ///   orbitext summary articles/ > entities.csv          the table for a spreadsheet
    ///   orbitext summary --types agency,official news/     only agencies and officials
    ///   orbitext summary --input-format jsonl docs.jsonl   one document per line
    #[command(verbatim_doc_comment)]
    Summary(SummaryArgs),

    /// Write one record per agreement event: who agreed what with whom, when, signed by whom.
    ///
    /// Each record has the fields doc, kind, status, start, end, line, text, parties,
    /// signatories, date, name (and context with --context); start and end are the byte span
    /// of the instrument's first agreement mention. parties, signatories and date are entity
    /// keys and values that extract writes for the same document. CSV, TSV and xlsx join lists
    /// with `|`; JSON and JSON Lines write arrays. --format dot writes the network of the parties
    /// for Graphviz instead.
    ///
    /// Examples:
    ///   orbitext events articles/                        CSV of every event
    ///   orbitext events --format jsonl news/ > ev.jsonl  JSON Lines for scripts
    ///   orbitext events news/ --format xlsx -o ev.xlsx   a workbook for a spreadsheet
    ///   orbitext events --format dot articles/ | dot -Tsvg > network.svg
    ///                                                    the cooperation network
    #[command(verbatim_doc_comment)]
    Events(EventsArgs),

    /// Score extraction against your own annotated articles (gold files).
    ///
    /// A gold file is an article with each mention marked inline: [[type:key|surface]], or
    /// [[type|surface]] for a mention without a key (types: country, agency, official, date,
    /// agreement). The article is the gold file without its markup. Every *.txt file under
    /// DIR is read, the article extracted as `extract` would, and the mentions found matched
    /// to the gold ones: strict when the span is the same, relaxed when a mention of the same
    /// type overlaps it. Per type and for all types together (micro), the table gives the
    /// gold and found counts, strict and relaxed precision, recall and F1, and the share of
    /// relaxed matches whose key agrees. A malformed gold file is reported as FILE:LINE:COLUMN
    /// and the others are still scored. Exits with 2 when a gold file could not be used, with
    /// 1 when --min-f1 is not reached.
    ///
    /// With --events DIR, agreement events are scored instead, as `events` finds them:
    /// NAME.jsonl holds the gold events of the article NAME.txt, one JSON object a line (see
    /// --events), and the article is beside it or under --articles DIR. Events pair within an
    /// article by kind and shared parties (else overlapping anchors); the table gives event
    /// precision, recall and F1, then those of the values over all events, per field
    /// (parties, signatories, date, status) and for all values together. A malformed line is
    /// reported as FILE:LINE, and --min-f1 gates on the event F1.
    ///
    /// Examples:
    ///   orbitext eval --gold gold/                       the score table
    ///   orbitext eval --gold gold/ --show-errors 20      and the first misses and false alarms
    ///   orbitext eval --gold gold/ --dict mine.tsv --min-f1 0.9   gate CI on a dictionary
    ///   orbitext eval --gold gold/ --format json         the figures for scripts
    ///   orbitext eval --gold gold/ --check               only check the markup
    ///   orbitext eval --events events/ --articles articles/   score events
    #[command(verbatim_doc_comment)]
    Eval(EvalArgs),

    /// Inspect and check dictionaries.
    #[command(subcommand)]
    Dicts(DictsCommand),

    /// Write a shell completion script to stdout.
    ///
    /// Examples:
    ///   orbitext completions bash > ~/.local/share/bash-completion/completions/orbitext
    ///   orbitext completions zsh > ~/.zfunc/_orbitext      (with fpath+=~/.zfunc)
    ///   orbitext completions fish > ~/.config/fish/completions/orbitext.fish
    ///   orbitext completions powershell >> $PROFILE
    #[command(verbatim_doc_comment)]
    Completions(CompletionsArgs),

    /// Write a manual page (roff) to stdout, or every page to a folder.
    ///
    /// Examples:
    ///   orbitext man | man -l -                    read orbitext(1)
    ///   orbitext man extract | man -l -            read orbitext-extract(1)
    ///   orbitext man --dir /usr/local/share/man/man1   install every page
    #[command(verbatim_doc_comment)]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to write (`extract`, `dicts list`); none: orbitext(1) itself.
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page (orbitext.1, orbitext-extract.1, …) into this folder instead.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DictsCommand {
    /// List every dictionary entry: type, id, name, aliases (`|`-separated), country, org, role.
    ///
    /// Lists the embedded dictionaries and any --dict files, in load order.
    List(ListArgs),

    /// Check dictionary files, printing each problem as FILE:LINE: what is wrong.
    ///
    /// The files are checked together with the embedded dictionaries (unless --no-builtin), so
    /// an alias that clashes with an embedded entry is reported too, and each row that extends
    /// an embedded entry is named with the entry it extends. Exits with 2 on any problem.
    Check(CheckArgs),
}

/// Where dictionary entries come from: shared by every command that loads dictionaries.
#[derive(Debug, Args)]
pub struct DictArgs {
    /// Add a dictionary file (TSV with columns type, id, name, aliases and optionally country,
    /// org, role); may be given several times.
    ///
    /// A row with the type and id of an embedded entry (for an agreement, the name too)
    /// extends that entry: its aliases are added and the fields it gives replace the embedded
    /// ones; an empty field, the name's included, keeps the embedded value.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,

    /// Do not load the embedded dictionaries (use only --dict files and the rules).
    #[arg(long)]
    pub no_builtin: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only entries of these types, comma-separated (default: all).
    #[arg(
        long = "types",
        visible_alias = "type",
        value_name = "TYPE,...",
        value_delimiter = ',',
        value_parser = ["country", "agency", "official", "agreement", "title", "ignore"]
    )]
    pub types: Vec<String>,

    /// Output format (xlsx: with -o FILE, or stdout redirected).
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,

    #[command(flatten)]
    pub file: OutputFile,

    #[command(flatten)]
    pub dictionaries: DictArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Dictionary files to check.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Check the files on their own, without the embedded dictionaries.
    #[arg(long)]
    pub no_builtin: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Add a `context` column: the mention with up to N characters either side of it.
    ///
    /// Line breaks and tabs in it become spaces, so that each record stays on one row. The
    /// context does not reach past the document, nor, in a large file read in pieces, past the
    /// piece (pieces end at blank lines).
    #[arg(long, value_name = "N")]
    pub context: Option<usize>,

    #[command(flatten)]
    pub dictionaries: DictArgs,

    #[command(flatten)]
    pub dates: DateArgs,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub dictionaries: DictArgs,

    #[command(flatten)]
    pub dates: DateArgs,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    ///
    /// xlsx is for spreadsheet-sized output, as for extract: at most 1,048,576 rows, the
    /// header's included, written when the run ends to -o FILE, or to stdout when it is a pipe
    /// or a file (never a terminal).
    #[arg(long, value_enum, default_value_t = EventFormat::Csv)]
    pub format: EventFormat,

    #[command(flatten)]
    pub file: OutputFile,

    /// Leave out the header row of CSV, TSV and xlsx output.
    #[arg(long)]
    pub no_header: bool,

    /// Start CSV or TSV output with a UTF-8 byte-order mark, so that Excel reads it as UTF-8.
    ///
    /// Not for JSON: JSON text must not start with a byte-order mark.
    #[arg(long)]
    pub bom: bool,

    /// Add a `context` column: the anchor with up to N characters either side of it.
    ///
    /// Line breaks and tabs in it become spaces, so that each record stays on one row.
    #[arg(long, value_name = "N")]
    pub context: Option<usize>,

    #[command(flatten)]
    pub dictionaries: DictArgs,

    #[command(flatten)]
    pub dates: DateArgs,
}

/// How `events` writes its events: the record formats, or the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    /// Comma-separated values with a header row; lists joined with `|`.
    Csv,
    /// Tab-separated values with a header row; lists joined with `|`.
    Tsv,
    /// JSON Lines: one JSON object per event, lists as arrays.
    Jsonl,
    /// One JSON array of all events.
    Json,
    /// An Excel workbook of one sheet, `events`, as extract writes it; lists joined with `|`;
    /// not for a terminal (use -o FILE).
    Xlsx,
    /// The cooperation network in Graphviz's DOT: parties as nodes, one edge per event
    /// between each pair of its parties, labelled with kind and date.
    Dot,
}

impl EventFormat {
    /// The record format, or `None` for the network.
    pub fn tabular(self) -> Option<Format> {
        match self {
            EventFormat::Csv => Some(Format::Csv),
            EventFormat::Tsv => Some(Format::Tsv),
            EventFormat::Jsonl => Some(Format::Jsonl),
            EventFormat::Json => Some(Format::Json),
            EventFormat::Xlsx => Some(Format::Xlsx),
            EventFormat::Dot => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The folder of entity gold files (every *.txt file below it), or one gold file.
    #[arg(long, value_name = "DIR", required_unless_present = "events")]
    pub gold: Option<PathBuf>,

    /// Score agreement events instead: the folder of event gold files (every *.jsonl file
    /// below it), or one gold file.
    ///
    /// NAME.jsonl holds one JSON object per event of the article NAME.txt, as `orbitext
    /// events --format jsonl` writes events: {"kind": "mou", "status": "signed", "parties":
    /// ["NASA", "ESA"], "signatories": [], "date": "2021-05-03", "start": 22, "end": 49}, where
    /// start and end are the byte span of the instrument's first mention. An article with no
    /// event has an empty file. The article is NAME.txt beside NAME.jsonl, or under --articles.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["gold", "types"])]
    pub events: Option<PathBuf>,

    /// With --events: the folder of the articles, NAME.txt for each NAME.jsonl (at the same
    /// place below it as the gold file below --events). Default: beside the gold files.
    #[arg(long, value_name = "DIR", conflicts_with = "gold")]
    pub articles: Option<PathBuf>,

    /// Only check the gold files: extract and score nothing. With --events, each article is
    /// read too, to check that the anchors lie in it.
    #[arg(long)]
    pub check: bool,

    /// How the scores are written.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,

    /// List the first N gold mentions missed and the first N mentions found that are not in
    /// the gold, each as FILE:LINE: type `text` (key). With --events: the first N events
    /// missed, found but not in the gold, or paired with values that differ.
    ///
    /// With --format json the list goes to stderr, so that stdout stays one JSON object.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_errors: usize,

    /// Exit with 1 when the relaxed micro F1 (with --events: the event F1) is below X (from 0
    /// to 1), so that CI can fail a change that makes extraction worse.
    #[arg(long, value_name = "X", value_parser = parse_share)]
    pub min_f1: Option<f64>,

    /// Only score these entity types, comma-separated, in this order (default: all).
    #[arg(
        long,
        visible_alias = "type",
        value_enum,
        value_name = "TYPE,...",
        value_delimiter = ','
    )]
    pub types: Vec<Kind>,

    /// Worker threads (default: all cores). The scores are identical whatever the number.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Decode every gold file (with --events: every article; JSON Lines gold is UTF-8) with
    /// this encoding instead of detecting it, as `extract --encoding` does (see `orbitext
    /// extract --help`).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<&'static Encoding>,

    /// Do not print warnings (guessed encodings, damaged bytes); errors are always printed.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub dictionaries: DictArgs,

    #[command(flatten)]
    pub dates: DateArgs,
}

/// How `eval` writes its scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A table for people: a row per type and a micro row (with --events: a row for events,
    /// one per field and one for all values), figures to three decimals.
    Table,
    /// One JSON object with a member per type and `micro`, each holding gold, pred,
    /// strict_p, strict_r, strict_f1, relaxed_p, relaxed_r, relaxed_f1 and key_acc (null when
    /// no match had a key to compare), as the reference scorer `score.py --json` writes it.
    /// With --events: members events, parties, signatories, date, status and values, each
    /// holding p, r, f1, tp, fp and fn, then docs and gold_events, as `score_events.py --json`
    /// writes them.
    Json,
}

/// A share from 0 to 1, such as an F1 score.
fn parse_share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a number from 0 to 1")),
    }
}

/// What is written and how: shared by extract and summary.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    ///
    /// xlsx is for spreadsheet-sized output: a worksheet holds at most 1,048,576 rows, the
    /// header's included, and a run that makes more stops with an error and writes no
    /// workbook. Rows wait in a temporary file, not in memory, and the workbook is written when
    /// the run ends: to -o FILE, or to stdout when it is a pipe or a file (never a terminal).
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,

    #[command(flatten)]
    pub file: OutputFile,

    /// Leave out the header row of CSV, TSV and xlsx output.
    #[arg(long)]
    pub no_header: bool,

    /// Start CSV or TSV output with a UTF-8 byte-order mark, so that Excel reads it as UTF-8.
    ///
    /// Not for JSON: JSON text must not start with a byte-order mark.
    #[arg(long)]
    pub bom: bool,

    /// Only these entity types, comma-separated (default: all).
    ///
    /// Mentions are found as always (the longest name still wins: no country inside
    /// `Luxembourg Space Agency`), then only those of these types are written.
    #[arg(
        long,
        visible_alias = "type",
        value_enum,
        value_name = "TYPE,...",
        value_delimiter = ','
    )]
    pub types: Vec<Kind>,
}

impl OutputArgs {
    fn conflict(&self) -> Option<String> {
        bom_conflict(self.bom, Some(self.format))
    }
}

/// Why `--bom` does not go with the output `format` (`None`: the network in DOT), if it does
/// not.
fn bom_conflict(bom: bool, format: Option<Format>) -> Option<String> {
    let why = match format {
        _ if !bom => return None,
        Some(Format::Csv | Format::Tsv) => return None,
        Some(Format::Jsonl | Format::Json) => "JSON must not start with a byte-order mark",
        Some(Format::Xlsx) => "a workbook says its encoding itself",
        None => "a DOT graph is no spreadsheet",
    };
    Some(format!("--bom is only for CSV and TSV: {why}"))
}

/// The file to write instead of stdout: shared by every command that writes a table.
#[derive(Debug, Args)]
pub struct OutputFile {
    /// Write to FILE instead of stdout; FILE is replaced only when the run ends.
    ///
    /// The output goes to a temporary file beside FILE, renamed to FILE at the end, so FILE is
    /// never half-written: a run that stops on an error (a bad dictionary, a full disk, more
    /// rows than a workbook holds) leaves an existing FILE as it was. A run that reports
    /// documents it could not read (exit 2) still writes FILE, with what the other documents
    /// gave, as it would write it to stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

/// Where documents come from and how they are read: shared by every command that extracts.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to read (folders recursively, hidden entries skipped); `-` or nothing
    /// reads stdin (nothing only when stdin is not a terminal).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// What a file (or stdin) holds: one document, or one document per line as JSON Lines.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputFormat::Text)]
    pub input_format: InputFormat,

    /// With --input-format jsonl: the field that names a document (default `id`).
    ///
    /// Its value, a string or a number (written as in the line), is the records' `doc`; a line
    /// without it (or with null) is named FILE:LINE.
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,

    /// With --input-format jsonl: the field that holds a document's text (default `text`).
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,

    /// With --input-format jsonl: the longest line read as a document (default 64M); a longer
    /// line is reported as an error naming it, and skipped.
    ///
    /// SIZE is a number of bytes, or of KiB, MiB or GiB with K, M or G after it.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_line_size: Option<usize>,

    /// Worker threads (default: all cores; 1 for JSON Lines on stdin). Output is identical
    /// whatever the number.
    ///
    /// JSON Lines on stdin usually means one orbitext per core under a data engine (Spark,
    /// GNU parallel), so each process then keeps to one thread unless told otherwise.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Decode every document with this encoding instead of detecting it (text input only:
    /// JSON Lines are UTF-8).
    ///
    /// LABEL is a WHATWG encoding label: utf-8, utf-16le, utf-16be, windows-1252 (also latin1,
    /// iso-8859-1), iso-8859-15, windows-1251, koi8-r, gb18030, big5, shift_jis, euc-kr, …
    /// Without it, a byte-order mark names the encoding, valid UTF-8 is UTF-8 (with U+FFFD
    /// and a warning for a few damaged bytes, under one in a thousand), and any other text is
    /// read as windows-1252 with a warning. For a document not read as UTF-8, offsets
    /// index its text converted to UTF-8.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<&'static Encoding>,

    /// Do not print warnings (skipped binary files, guessed encodings) or the progress bar;
    /// errors are always printed.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub progress: ProgressArgs,
}

/// Whether progress is drawn: shared by every command that reads documents.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Draw the progress bar on stderr whatever stdout is, even with --quiet (stderr must be
    /// a terminal).
    ///
    /// Without it the bar is drawn only where it cannot tear output: stderr a terminal, the
    /// output going to a file (stdout redirected to one, or -o FILE), more than one file to
    /// read, and no --quiet; never when stdout is a terminal or a pipe. Below 80 columns it is
    /// a one-line counter.
    #[arg(long, overrides_with = "no_progress")]
    pub progress: bool,

    /// Never draw the progress bar.
    #[arg(long, overrides_with = "progress")]
    pub no_progress: bool,
}

impl ProgressArgs {
    pub fn asked(&self) -> crate::progress::Asked {
        use crate::progress::Asked;
        match (self.progress, self.no_progress) {
            (true, _) => Asked::Always,
            (_, true) => Asked::Never,
            _ => Asked::Auto,
        }
    }
}

/// What an input file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text: each file, and stdin, is one document.
    Text,
    /// JSON Lines: each line is one document, an object such as {"id": "a1", "text": "…"};
    /// other fields are ignored, blank lines skipped, and a bad line is reported and skipped.
    Jsonl,
}

impl InputArgs {
    /// Why these flags do not go together, if they do not: what clap cannot see because it
    /// depends on a flag's value.
    pub fn conflict(&self) -> Option<String> {
        match self.input_format {
            InputFormat::Text => {
                let field = if self.id_field.is_some() {
                    Some("--id-field")
                } else if self.text_field.is_some() {
                    Some("--text-field")
                } else if self.max_line_size.is_some() {
                    Some("--max-line-size")
                } else {
                    None
                };
                field.map(|f| format!("{f} is only for --input-format jsonl"))
            }
            InputFormat::Jsonl => self.encoding.is_some().then(|| {
                "--encoding is only for --input-format text: JSON Lines are always UTF-8"
                    .to_string()
            }),
        }
    }
}

/// An encoding from its WHATWG label (`latin1`, `UTF-16LE`, `shift_jis`).
fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    match Encoding::for_label(label.as_bytes()) {
        Some(e) if e != encoding_rs::REPLACEMENT => Ok(e),
        _ => Err(format!(
            "unknown encoding `{label}` (try utf-8, windows-1252, latin1, utf-16le, utf-16be)"
        )),
    }
}

/// A size in bytes: `1048576`, `512K`, `64M`, `1G` (powers of 1024; `KiB`, `MB` and the like
/// are read the same).
fn parse_size(size: &str) -> Result<usize, String> {
    let bad = || format!("not a size: `{size}` (try 64M, 512K, 1G or a number of bytes)");
    let digits = size
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(size.len());
    let (number, unit) = size.split_at(digits);
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(bad()),
    };
    let n: usize = number.parse().map_err(|_| bad())?;
    n.checked_mul(1 << shift).filter(|&n| n > 0).ok_or_else(bad)
}

/// How dates are read: shared by every command that extracts.
#[derive(Debug, Args)]
pub struct DateArgs {
    /// How to read an ambiguous numeric date such as 03/04/2021 when the article itself shows
    /// no order (an unambiguous 30/06/2019 in the same article decides it).
    #[arg(long, value_enum, default_value_t = DateOrderArg::Mdy)]
    pub date_order: DateOrderArg,

    /// The date of articles that carry none of their own (no date stamp or dateline): it gives
    /// yearless dates their year and weekdays their day. Format YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_reference_date)]
    pub reference_date: Option<(i32, u32, u32)>,
}

impl DateArgs {
    pub fn options(&self) -> DateOptions {
        DateOptions {
            order: match self.date_order {
                DateOrderArg::Mdy => DateOrder::Mdy,
                DateOrderArg::Dmy => DateOrder::Dmy,
            },
            reference: self.reference_date,
        }
    }
}

/// The readings of an ambiguous numeric date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// Month first (US): 03/04/2021 is 4 March 2021.
    Mdy,
    /// Day first: 03/04/2021 is 3 April 2021.
    Dmy,
}

fn parse_reference_date(s: &str) -> Result<(i32, u32, u32), String> {
    let bad = || format!("`{s}` is not a date of the form YYYY-MM-DD");
    let mut parts = s.splitn(3, '-');
    let mut next = || parts.next().filter(|p| !p.is_empty()).ok_or_else(bad);
    let (y, m, d) = (next()?, next()?, next()?);
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    let day: u32 = d.parse().map_err(|_| bad())?;
    let valid = y.len() == 4 && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some((year, month, day)).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn types_are_named_as_records_name_them() {
        use clap::ValueEnum;

        use super::Kind;
        for kind in Kind::ALL {
            let value = kind.to_possible_value().expect("every type can be named");
            assert_eq!(value.get_name(), kind.as_str());
        }
        assert_eq!(Kind::value_variants(), Kind::ALL);
    }

    #[test]
    fn sizes() {
        use super::parse_size;
        for (size, want) in [
            ("1048576", Some(1 << 20)),
            ("512K", Some(512 << 10)),
            ("64M", Some(64 << 20)),
            ("64MiB", Some(64 << 20)),
            ("1g", Some(1 << 30)),
            ("0", None),
            ("", None),
            ("M", None),
            ("1.5M", None),
            ("12T", None),
            ("99999999999999999999G", None),
        ] {
            assert_eq!(parse_size(size).ok(), want, "{size:?}");
        }
    }
}
