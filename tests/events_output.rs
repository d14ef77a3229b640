//! `orbitext events` writes as `extract` writes: every format (csv, tsv, jsonl, json, xlsx,
//! dot), `-o FILE` replaced only when the run ends, `--no-header`, `--context` and `--bom`. The
//! workbook is read back with `calamine`: each cell is the JSON Lines value, lists joined
//! with `|`, dates and keys as text.

#[allow(dead_code)]
mod util;

use std::fs;
use std::io::Cursor;

use calamine::{open_workbook, open_workbook_from_rs, Data, Reader, Xlsx};
use serde_json::Value;
use util::Dir;

/// Two events of our own: one with two agencies, one between two countries with a named
/// instrument and a month for its date.
const ARTICLE: &str = "WASHINGTON, May 21, 2021 — NASA and the UK Space Agency signed a \
    memorandum of understanding on Tuesday, the agencies said.\n\n\
    The United States and Brazil signed the Technology Safeguards Agreement in March 2019, \
    officials said.\n";

fn setup() -> Dir {
    let dir = Dir::new();
    dir.create("ev.txt", ARTICLE);
    dir
}

fn with<'a>(args: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    args.iter().chain(more).copied().collect()
}

/// The events of JSON Lines output.
fn events(jsonl: &str) -> Vec<serde_json::Map<String, Value>> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object"))
        .collect()
}

#[test]
fn each_format_writes_the_events() {
    let dir = setup();
    let jsonl = dir
        .run(&["events", "--format", "jsonl", "ev.txt"])
        .success();
    let found = events(&jsonl.stdout);
    assert_eq!(found.len(), 2, "{}", jsonl.stdout);
    assert_eq!(found[0]["parties"], serde_json::json!(["NASA", "UKSA"]));
    assert_eq!(found[1]["name"], "Technology Safeguards Agreement");

    let csv = dir.run(&["events", "ev.txt"]).success().stdout;
    assert_eq!(
        csv,
        "doc,kind,status,start,end,line,text,parties,signatories,date,name\n\
         ev.txt,mou,signed,67,94,1,memorandum of understanding,NASA|UKSA,,2021-05-18,\n\
         ev.txt,agreement,signed,167,198,3,Technology Safeguards Agreement,US|BR,,2019-03,\
         Technology Safeguards Agreement\n"
    );
    let tsv = dir.run(&["events", "--format", "tsv", "ev.txt"]).success();
    assert_eq!(tsv.stdout, csv.replace(',', "\t"));

    let json = dir.run(&["events", "--format", "json", "ev.txt"]).success();
    let array: Vec<serde_json::Map<String, Value>> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(array, found);

    let dot = dir.run(&["events", "--format", "dot", "ev.txt"]).success();
    assert!(
        dot.stdout.starts_with("graph agreements {\n"),
        "{}",
        dot.stdout
    );
    assert!(
        dot.stdout
            .contains("\"US\" -- \"BR\" [label=\"agreement 2019-03\"];"),
        "{}",
        dot.stdout
    );
}

#[test]
fn header_context_and_bom_are_as_for_extract() {
    let dir = setup();
    let plain = dir.run(&["events", "ev.txt"]).success().stdout;
    let no_header = dir.run(&["events", "--no-header", "ev.txt"]).success();
    assert_eq!(no_header.stdout, plain.split_once('\n').unwrap().1);

    let bom = dir.run(&["events", "--bom", "ev.txt"]).success();
    assert_eq!(bom.stdout, format!("\u{feff}{plain}"));
    for format in ["jsonl", "json", "xlsx", "dot"] {
        let run = dir.run(&["events", "--bom", "--format", format, "ev.txt", "-o", "x"]);
        assert_eq!(run.code, Some(2), "{format}: {}", run.stderr);
        assert!(
            run.stderr.contains("--bom is only for CSV and TSV"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(dir.listing(), ["ev.txt"], "a refused run writes nothing");

    let context = dir
        .run(&["events", "--context", "8", "--format", "jsonl", "ev.txt"])
        .success();
    let found = events(&context.stdout);
    assert_eq!(
        found[0]["context"],
        "igned a memorandum of understanding on Tues"
    );
    let csv = dir.run(&["events", "--context", "8", "ev.txt"]).success();
    assert!(csv.stdout.starts_with(
        "doc,kind,status,start,end,line,text,parties,signatories,date,name,context\n"
    ));
}

#[test]
fn dash_o_writes_the_bytes_stdout_would_and_replaces_only_at_the_end() {
    let dir = setup();
    for format in ["csv", "tsv", "jsonl", "json", "dot"] {
        let args = ["events", "--format", format, "--context", "12", "ev.txt"];
        let stdout = dir.run(&args).success().stdout;
        let run = dir.run(&with(&args, &["-o", "out"])).success();
        assert_eq!(run.stdout, "", "{format}: nothing on stdout");
        let file = fs::read_to_string(dir.path().join("out")).unwrap();
        util::assert_text_eq(format, &stdout, &file);
        assert_eq!(
            dir.listing(),
            ["ev.txt", "out"],
            "{format}: no temporary file left"
        );
    }
    // A run stopped by a bad dictionary leaves the file as it was, and no temporary file.
    dir.create("bad.tsv", "type\tid\tname\taliases\nagency\tX\n");
    fs::write(dir.path().join("out"), "the old file\n").unwrap();
    for format in ["csv", "xlsx", "dot"] {
        let run = dir.run(&[
            "events", "--format", format, "--dict", "bad.tsv", "ev.txt", "-o", "out",
        ]);
        run.refused("bad.tsv:2:", format);
        assert_eq!(
            fs::read_to_string(dir.path().join("out")).unwrap(),
            "the old file\n"
        );
        assert_eq!(dir.listing(), ["bad.tsv", "ev.txt", "out"], "{format}");
    }
}

#[test]
fn the_workbook_holds_the_events_with_lists_joined_and_text_as_text() {
    let dir = setup();
    let run = dir
        .run(&[
            "events",
            "--format",
            "xlsx",
            "--context",
            "8",
            "ev.txt",
            "-o",
            "ev.xlsx",
        ])
        .success();
    assert_eq!(run.stdout, "");
    let mut workbook: Xlsx<_> = open_workbook(dir.path().join("ev.xlsx")).unwrap();
    assert_eq!(workbook.sheet_names(), ["events"]);
    let range = workbook.worksheet_range("events").unwrap();
    let jsonl = dir
        .run(&["events", "--format", "jsonl", "--context", "8", "ev.txt"])
        .success();
    let found = events(&jsonl.stdout);
    let text = |s: &str| match s {
        "" => Data::Empty,
        s => Data::String(s.into()),
    };
    // serde_json's map sorts its keys: the order is the line's own.
    let lines: Vec<&str> = jsonl.stdout.lines().collect();
    let names = util::keys(lines[0]);
    let mut rows = range.rows();
    let header: Vec<Data> = names.iter().map(|k| text(k)).collect();
    assert_eq!(rows.next().unwrap(), &header[..]);
    for event in &found {
        let want: Vec<Data> = names
            .iter()
            .map(|k| match &event[k] {
                Value::String(s) => text(s),
                Value::Number(n) => Data::Float(n.as_f64().unwrap()),
                Value::Array(items) => {
                    let items: Vec<&str> = items.iter().map(|i| i.as_str().unwrap()).collect();
                    text(&items.join("|"))
                }
                other => panic!("no cell for {other}"),
            })
            .collect();
        assert_eq!(rows.next().unwrap(), &want[..], "{event:?}");
    }
    assert!(rows.next().is_none());
    // Spelled out: the parties joined, the date as the text it is.
    let first: Vec<Data> = range.rows().nth(1).unwrap().to_vec();
    assert_eq!(first[7], Data::String("NASA|UKSA".into()));
    assert_eq!(first[9], Data::String("2021-05-18".into()));

    // To a pipe, the same workbook; to a terminal, refused (tested for extract).
    let output = dir
        .command(["events", "--format", "xlsx", "--context", "8", "ev.txt"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut piped: Xlsx<_> = open_workbook_from_rs(Cursor::new(output.stdout)).unwrap();
    assert_eq!(piped.worksheet_range("events").unwrap(), range);
}
