//! `orbitext eval --gold DIR` and `orbitext eval --events DIR`: the gold files read and
//! checked, each article extracted (and its events found, for `--events`) with the
//! dictionaries and date options `extract` takes, and the scores written as a table or JSON.
//! Everything meant for stdout goes through a [`Destination`], so that a failed write names
//! stdout and a closed pipe ends the run quietly, as for every other command.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serializer;

use super::Outcome;
use crate::cli::{EvalArgs, EvalFormat};
use crate::eval::events::{self as event_eval, EventEvaluation, Report, Scored};
use crate::eval::{parse_gold, Evaluation, Gold, Scores, Slip};
use crate::events;
use crate::extract::Extractor;
use crate::input::{self, Job, Options, Source};
use crate::output::Destination;

/// Score extraction on every gold file. Scores below `--min-f1` are their own outcome, apart
/// from a gold file that could not be read, so that CI tells a worse score from a broken file.
pub fn run(args: &EvalArgs) -> anyhow::Result<Outcome> {
    // The number is always set, so that no environment variable (rayon reads
    // `RAYON_NUM_THREADS`) changes it.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(cores, usize::from))
        .build()?;
    if let Some(events) = &args.events {
        return run_events(args, events, &pool);
    }
    let root = args
        .gold
        .as_ref()
        .expect("clap asks for --gold without --events");
    let (files, mut ok) = gold_files(root, "txt");
    if files.is_empty() && ok {
        anyhow::bail!("no gold files (*.txt) in {}", root.display());
    }
    // A gold file is read whole, however large: its markup is parsed before anything is cut.
    let options = Options {
        encoding: args.encoding,
        piece: usize::MAX,
        jsonl: None,
    };
    let read: Vec<_> = pool.install(|| {
        files
            .par_iter()
            .map(|path| read_gold(path, &options))
            .collect()
    });
    let mut docs = Vec::with_capacity(read.len());
    for (name, outcome) in read {
        match outcome {
            Ok((gold, warnings)) => {
                for warning in warnings.iter().filter(|_| !args.quiet) {
                    eprintln!("orbitext: warning: {name}: {warning}");
                }
                docs.push((name, gold));
            }
            Err(errors) => {
                ok = false;
                for error in errors {
                    eprintln!("orbitext: {name}:{error}");
                }
            }
        }
    }
    if args.check {
        return Ok(Outcome::from(check_summary(files.len(), &docs, ok)?));
    }

    let d = &args.dictionaries;
    let extractor =
        Extractor::from_dictionaries_with(!d.no_builtin, &d.dicts, args.dates.options())?;
    let found: Vec<_> = pool.install(|| {
        docs.par_iter()
            .map(|(_, gold)| extractor.extract(&gold.text))
            .collect()
    });
    let mut evaluation = Evaluation::new(&args.types);
    for ((name, gold), found) in docs.iter().zip(&found) {
        evaluation.add(name, gold, found);
    }

    let rows = evaluation.rows();
    let mut out = Destination::stdout();
    match args.format {
        EvalFormat::Table => {
            write_table(&mut out, &rows)?;
            if args.show_errors > 0 {
                writeln!(out)?;
                write_slips(&mut out, &evaluation, args.show_errors)?;
            }
            let micro = &rows.last().expect("the micro row").1;
            writeln!(out, "relaxed micro F1 {:.3}", micro.relaxed_f1)?;
        }
        EvalFormat::Json => {
            write_json(&mut out, &rows)?;
            if args.show_errors > 0 {
                write_slips(&mut io::stderr().lock(), &evaluation, args.show_errors)?;
            }
        }
    }
    out.commit()?;
    let micro_f1 = evaluation.micro().scores().relaxed_f1;
    if ok && args.min_f1.is_some_and(|min| micro_f1 < min) {
        eprintln!(
            "orbitext: relaxed micro F1 {micro_f1:.3} is below --min-f1 {}",
            args.min_f1.expect("just tested")
        );
        return Ok(Outcome::BelowMinimum);
    }
    Ok(Outcome::from(ok))
}

/// The gold files named by `--gold` or `--events`, sorted: the file itself, or every file
/// below the folder with the extension `ext` (hidden entries skipped, as `extract` walks
/// folders); and false if some entry could not be listed (each such entry is reported).
fn gold_files(root: &Path, ext: &str) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut ok = true;
    let folder = root.is_dir();
    for source in input::sources(&[root.to_path_buf()]) {
        match source {
            Ok(Source::File(path)) => {
                if !folder || path.extension().is_some_and(|e| e == ext) {
                    files.push(path);
                }
            }
            Ok(Source::Stdin) => unreachable!("--gold and --events name a path"),
            Err(e) => {
                eprintln!("orbitext: {}: {:#}", e.path, e.error);
                ok = false;
            }
        }
    }
    (files, ok)
}

/// The file's name and, read and decoded as `extract` reads an article, its gold annotations
/// with the decoding's warnings; or why it cannot be used, each reason starting where it is
/// (`LINE:COLUMN: ` for malformed markup, ` ` for the whole file).
type ReadGold = (String, Result<(Gold, Vec<String>), Vec<String>>);

fn read_gold(path: &std::path::Path, options: &Options) -> ReadGold {
    let name = input::walk::doc_name(path);
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    let outcome = match input::read_file(path, len, options) {
        Job::Piece(piece) => match parse_gold(&piece.text) {
            Ok(gold) => Ok((gold, piece.warnings)),
            Err(errors) => Err(errors.iter().map(|e| e.to_string()).collect()),
        },
        Job::Skipped { why, .. } => Err(vec![format!(" {why}")]),
        Job::Failed { error, .. } => Err(vec![format!(" {error:#}")]),
        Job::File { .. } | Job::Line(_) => unreachable!("a file read whole is a piece"),
    };
    (name, outcome)
}

/// What `eval --check` says at the end: on stdout when every gold file is well formed.
fn check_summary(files: usize, docs: &[(String, Gold)], ok: bool) -> anyhow::Result<bool> {
    if ok {
        let mentions: usize = docs.iter().map(|(_, g)| g.mentions.len()).sum();
        let mut out = Destination::stdout();
        writeln!(
            out,
            "{files} gold files, {mentions} mentions, all well formed"
        )?;
        out.commit()?;
    } else {
        let bad = files - docs.len();
        eprintln!("orbitext: {bad} of {files} gold files have problems");
    }
    Ok(ok)
}

/// The score table, laid out as the reference scorer prints it.
fn write_table(out: &mut impl Write, rows: &[(&str, Scores)]) -> io::Result<()> {
    writeln!(
        out,
        "{:<10} {:>5} {:>5}  {:>20}  {:>20}  {:>7}",
        "type", "gold", "pred", "strict P/R/F1", "relaxed P/R/F1", "key acc"
    )?;
    for (name, s) in rows {
        let key = s
            .key_acc
            .map_or_else(|| "-".to_string(), |k| format!("{k:.3}"));
        writeln!(
            out,
            "{name:<10} {:>5} {:>5}  {:.3}/{:.3}/{:.3}  {:.3}/{:.3}/{:.3}  {key:>7}",
            s.gold,
            s.pred,
            s.strict_p,
            s.strict_r,
            s.strict_f1,
            s.relaxed_p,
            s.relaxed_r,
            s.relaxed_f1,
        )?;
    }
    Ok(())
}

/// The first `n` misses and the first `n` spurious mentions.
fn write_slips(out: &mut impl Write, evaluation: &Evaluation, n: usize) -> io::Result<()> {
    for (title, slips) in [
        ("missed", &evaluation.misses),
        ("spurious", &evaluation.spurious),
    ] {
        writeln!(out, "{title}: {}", slips.len())?;
        for Slip {
            doc,
            line,
            kind,
            text,
            key,
        } in slips.iter().take(n)
        {
            writeln!(out, "  {doc}:{line}: {kind} `{text}` ({key})")?;
        }
    }
    Ok(())
}

/// The figures as one JSON object, a member per row in order, indented by one space as the
/// reference scorer's `json.dumps(…, indent=1)` writes them.
fn write_json(out: &mut impl Write, rows: &[(&str, Scores)]) -> io::Result<()> {
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, formatter);
    (&mut serializer).collect_map(rows.iter().map(|(name, scores)| (name, scores)))?;
    writeln!(out)
}

/// One event gold file read: its name, its article's name and text, and its events.
struct EventDoc {
    gold_name: String,
    article_name: String,
    text: String,
    gold: Vec<Scored>,
}

/// Score the events `events` finds in each article against the event gold files below
/// `root`, as [`run`] scores mentions.
fn run_events(args: &EvalArgs, root: &Path, pool: &rayon::ThreadPool) -> anyhow::Result<Outcome> {
    let (files, mut ok) = gold_files(root, "jsonl");
    if files.is_empty() && ok {
        anyhow::bail!("no event gold files (*.jsonl) in {}", root.display());
    }
    let options = Options {
        encoding: args.encoding,
        piece: usize::MAX,
        jsonl: None,
    };
    let read: Vec<_> = pool.install(|| {
        files
            .par_iter()
            .map(|path| read_event_gold(root, path, args.articles.as_deref(), &options))
            .collect()
    });
    let mut docs = Vec::with_capacity(read.len());
    for outcome in read {
        match outcome {
            Ok((doc, warnings)) => {
                for warning in warnings.iter().filter(|_| !args.quiet) {
                    eprintln!("orbitext: {}: {warning}", doc.article_name);
                }
                docs.push(doc);
            }
            Err(errors) => {
                ok = false;
                for error in errors {
                    eprintln!("orbitext: {error}");
                }
            }
        }
    }
    if args.check {
        if ok {
            let events: usize = docs.iter().map(|d| d.gold.len()).sum();
            let mut out = Destination::stdout();
            writeln!(
                out,
                "{} event gold files, {events} events, all well formed",
                files.len()
            )?;
            out.commit()?;
        } else {
            let bad = files.len() - docs.len();
            eprintln!(
                "orbitext: {bad} of {} event gold files have problems",
                files.len()
            );
        }
        return Ok(Outcome::from(ok));
    }

    let d = &args.dictionaries;
    let extractor =
        Extractor::from_dictionaries_with(!d.no_builtin, &d.dicts, args.dates.options())?;
    let found: Vec<Vec<Scored>> = pool.install(|| {
        docs.par_iter()
            .map(|doc| {
                let mentions = extractor.extract(&doc.text);
                let found = events::find(&doc.text, &mentions);
                found.iter().map(Scored::of_event).collect()
            })
            .collect()
    });
    let mut evaluation = EventEvaluation::default();
    for (doc, found) in docs.iter().zip(&found) {
        evaluation.add(&doc.gold_name, &doc.article_name, &doc.gold, found);
    }

    let report = evaluation.report();
    let mut out = Destination::stdout();
    match args.format {
        EvalFormat::Table => {
            write_event_table(&mut out, &report)?;
            if args.show_errors > 0 {
                writeln!(out)?;
                write_event_slips(&mut out, &evaluation, args.show_errors)?;
            }
            writeln!(out, "event F1 {:.3}", report.events.f1)?;
        }
        EvalFormat::Json => {
            write_json_value(&mut out, &report)?;
            if args.show_errors > 0 {
                write_event_slips(&mut io::stderr().lock(), &evaluation, args.show_errors)?;
            }
        }
    }
    out.commit()?;
    let f1 = report.events.f1;
    if ok && args.min_f1.is_some_and(|min| f1 < min) {
        eprintln!(
            "orbitext: event F1 {f1:.3} is below --min-f1 {}",
            args.min_f1.expect("just tested")
        );
        return Ok(Outcome::BelowMinimum);
    }
    Ok(Outcome::from(ok))
}

/// The article of the gold file `path` found below `root`: NAME.txt at the same place below
/// `articles`, or beside the gold file.
fn article_path(root: &Path, path: &Path, articles: Option<&Path>) -> PathBuf {
    let txt = path.with_extension("txt");
    let Some(articles) = articles else {
        return txt;
    };
    let below = if root.is_dir() {
        txt.strip_prefix(root).map(Path::to_path_buf).ok()
    } else {
        None
    };
    articles.join(below.unwrap_or_else(|| txt.file_name().expect("a file").into()))
}

/// An event gold file read and checked, with its article read and decoded as `extract` reads
/// it and the decoding's warnings; or every reason it cannot be used, each naming its file.
fn read_event_gold(
    root: &Path,
    path: &Path,
    articles: Option<&Path>,
    options: &Options,
) -> Result<(EventDoc, Vec<String>), Vec<String>> {
    let gold_name = input::walk::doc_name(path);
    let jsonl = std::fs::read(path).map_err(|e| vec![format!("{gold_name}: {e}")])?;
    let jsonl = String::from_utf8(jsonl).map_err(|e| {
        vec![format!(
            "{gold_name}: not UTF-8, as JSON Lines must be ({e})"
        )]
    })?;
    let parsed = event_eval::parse_gold_events(&jsonl).map_err(|errors| {
        let at = |e: &event_eval::LineError| format!("{gold_name}:{e}");
        errors.iter().map(at).collect::<Vec<_>>()
    });
    let article = article_path(root, path, articles);
    let article_name = input::walk::doc_name(&article);
    let len = std::fs::metadata(&article).map_or(0, |m| m.len());
    let read = match input::read_file(&article, len, options) {
        Job::Piece(piece) => Ok((piece.text, piece.warnings)),
        Job::Skipped { why, .. } => Err(why),
        Job::Failed { error, .. } => Err(format!("{error:#}")),
        Job::File { .. } | Job::Line(_) => unreachable!("a file read whole is a piece"),
    };
    let (text, warnings) = match read {
        Ok(read) => read,
        Err(why) => {
            let mut errors = parsed.err().unwrap_or_default();
            let hint = if articles.is_some() {
                ""
            } else {
                ", beside it; --articles DIR names the folder of the articles"
            };
            errors.push(format!(
                "{article_name}: {why} (the article of {gold_name}{hint})"
            ));
            return Err(errors);
        }
    };
    let gold = parsed?;
    let outside = event_eval::check_anchors(&gold, &article_name, &text);
    if !outside.is_empty() {
        return Err(outside.iter().map(|e| format!("{gold_name}:{e}")).collect());
    }
    let doc = EventDoc {
        gold_name,
        article_name,
        text,
        gold,
    };
    Ok((doc, warnings))
}

/// The event score table, laid out as the reference scorer prints it.
fn write_event_table(out: &mut impl Write, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{} articles, {} gold events",
        report.docs, report.gold_events
    )?;
    writeln!(out, "{:12} {:>6} {:>6} {:>6}", "", "P", "R", "F1")?;
    for (name, f) in report.rows() {
        writeln!(out, "{name:12} {:6.3} {:6.3} {:6.3}", f.p, f.r, f.f1)?;
    }
    Ok(())
}

/// The first `n` events missed, spurious or with values that differ, in the reference
/// scorer's order.
fn write_event_slips(
    out: &mut impl Write,
    evaluation: &EventEvaluation,
    n: usize,
) -> io::Result<()> {
    writeln!(out, "errors: {}", evaluation.slips.len())?;
    for slip in evaluation.slips.iter().take(n) {
        writeln!(out, "  {slip}")?;
    }
    Ok(())
}

/// A value as one JSON object indented by one space, as `json.dumps(…, indent=1)` writes it.
fn write_json_value(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, formatter);
    value.serialize(&mut serializer)?;
    writeln!(out)
}
