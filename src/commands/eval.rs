//! `orbitext eval --gold DIR`: the gold files read and checked, each article extracted with the
//! dictionaries and date options `extract` takes, and the scores written as a table or JSON.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serializer;

use super::Outcome;
use crate::cli::{EvalArgs, EvalFormat};
use crate::eval::{parse_gold, Evaluation, Gold, Scores, Slip};
use crate::extract::Extractor;
use crate::input::{self, Job, Options, Source};

/// Score extraction on every gold file. Scores below `--min-f1` are their own outcome, apart
/// from a gold file that could not be read, so that CI tells a worse score from a broken file.
pub fn run(args: &EvalArgs) -> anyhow::Result<Outcome> {
    // The number is always set, so that no environment variable (rayon reads
    // `RAYON_NUM_THREADS`) changes it.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(cores, usize::from))
        .build()?;
    let (files, mut ok) = gold_files(args);
    if files.is_empty() && ok {
        anyhow::bail!("no gold files (*.txt) in {}", args.gold.display());
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
        return Ok(Outcome::from(check_summary(files.len(), &docs, ok)));
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
    let mut out = BufWriter::new(io::stdout().lock());
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
    out.flush()?;
    drop(out);
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

/// The gold files named by `--gold`, sorted: the file itself, or every `*.txt` file below the
/// folder (hidden entries skipped, as `extract` walks folders); and false if some entry could
/// not be listed (each such entry is reported).
fn gold_files(args: &EvalArgs) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut ok = true;
    let folder = args.gold.is_dir();
    for source in input::sources(std::slice::from_ref(&args.gold)) {
        match source {
            Ok(Source::File(path)) => {
                if !folder || path.extension().is_some_and(|e| e == "txt") {
                    files.push(path);
                }
            }
            Ok(Source::Stdin) => unreachable!("--gold names a path"),
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
fn check_summary(files: usize, docs: &[(String, Gold)], ok: bool) -> bool {
    if ok {
        let mentions: usize = docs.iter().map(|(_, g)| g.mentions.len()).sum();
        println!("{files} gold files, {mentions} mentions, all well formed");
    } else {
        let bad = files - docs.len();
        eprintln!("orbitext: {bad} of {files} gold files have problems");
    }
    ok
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
