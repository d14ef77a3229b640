//! `orbitext events` run as a user runs it: scored on the fixture articles against our own
//! event annotations (`fixtures/events/`) by the library's port of `score_events.py`, the one
//! `orbitext eval --events` runs; held to the contract that every event is built of mentions
//! `extract` writes, and checked for its formats.

#[allow(dead_code)]
mod util;

use std::collections::{BTreeMap, HashMap};

use orbitext::eval::events::{parse_gold_events, EventEvaluation, Scored};
use serde_json::Value;
use util::{Dir, FIXTURES};

/// The fixtures' event annotations.
const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/events");

fn run(args: &[&str]) -> String {
    let out = Dir::new().command(args).output().expect("orbitext runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn lines(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The file stem of a `doc`.
fn stem(doc: &str) -> String {
    let name = doc.rsplit('/').next().unwrap_or(doc);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

#[test]
fn fixture_events_score_above_the_floor() {
    let mut gold: BTreeMap<String, Vec<Scored>> = BTreeMap::new();
    for entry in std::fs::read_dir(GOLD).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            let text = std::fs::read_to_string(&path).unwrap();
            let events = parse_gold_events(&text).unwrap_or_else(|e| panic!("{path:?}: {e:?}"));
            gold.insert(stem(path.to_str().unwrap()), events);
        }
    }
    assert_eq!(gold.values().map(Vec::len).sum::<usize>(), 16);
    let mut found: HashMap<String, Vec<Scored>> = HashMap::new();
    let output = run(&["events", "--format", "jsonl", FIXTURES]);
    for (i, v) in lines(&output).iter().enumerate() {
        let event = Scored::from_record(v, i + 1).unwrap_or_else(|e| panic!("{v}: {e:?}"));
        found
            .entry(stem(v["doc"].as_str().unwrap()))
            .or_default()
            .push(event);
    }
    // Scored as `score_events.py` scores, by the library's port of it.
    let mut evaluation = EventEvaluation::default();
    for (doc, golds) in &gold {
        let none = Vec::new();
        evaluation.add(doc, doc, golds, found.get(doc).unwrap_or(&none));
    }
    let report = evaluation.report();
    let (events, values) = (report.events, report.values);
    eprintln!("fixture events {events:?}, values {values:?}");
    assert!(events.f1 >= 0.85, "event F1 {:.3} {events:?}", events.f1);
    assert!(values.f1 >= 0.74, "values F1 {:.3} {values:?}", values.f1);
}

#[test]
fn every_event_is_built_of_mentions_extract_writes() {
    let mentions = lines(&run(&["extract", "--format", "jsonl", FIXTURES]));
    let events = lines(&run(&["events", "--format", "jsonl", FIXTURES]));
    assert!(!events.is_empty());
    let written = |doc: &str, types: &[&str], key: &str, field: &str| {
        mentions.iter().any(|m| {
            m["doc"] == doc && types.contains(&m["type"].as_str().unwrap()) && m[field] == key
        })
    };
    for e in &events {
        let doc = e["doc"].as_str().unwrap();
        for p in e["parties"].as_array().unwrap() {
            assert!(
                written(doc, &["country", "agency"], p.as_str().unwrap(), "id"),
                "{e}"
            );
        }
        for s in e["signatories"].as_array().unwrap() {
            assert!(
                written(doc, &["official"], s.as_str().unwrap(), "id"),
                "{e}"
            );
        }
        let date = e["date"].as_str().unwrap();
        assert!(
            date.is_empty() || written(doc, &["date"], date, "value"),
            "{e}"
        );
        let (start, end) = (e["start"].clone(), e["end"].clone());
        assert!(
            mentions.iter().any(|m| m["doc"] == doc
                && m["type"] == "agreement"
                && m["start"] == start
                && m["end"] == end),
            "anchor of {e}"
        );
    }
}

#[test]
fn formats_fields_and_threads() {
    let dir = Dir::new();
    let article = "NASA and ESA signed a memorandum of understanding on May 3, 2021.\n";
    dir.create("a.txt", article);
    let output = |args: &[&str]| {
        let out = dir.command(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = output(&["events", "a.txt"]);
    assert_eq!(
        csv,
        "doc,kind,status,start,end,line,text,parties,signatories,date,name\n\
         a.txt,mou,signed,22,49,1,memorandum of understanding,NASA|ESA,,2021-05-03,\n"
    );
    let jsonl = output(&["events", "--format", "jsonl", "--context", "4", "a.txt"]);
    let v: Value = serde_json::from_str(jsonl.trim()).unwrap();
    let at = |key: &str| jsonl.find(&format!("\"{key}\":")).expect(key);
    let fields = [
        "doc",
        "kind",
        "status",
        "start",
        "end",
        "line",
        "text",
        "parties",
        "signatories",
        "date",
        "name",
        "context",
    ];
    assert!(fields.windows(2).all(|w| at(w[0]) < at(w[1])), "{jsonl}");
    assert_eq!(v["parties"], serde_json::json!(["NASA", "ESA"]));
    assert_eq!(v["context"], "d a memorandum of understanding on ");
    let dot = output(&["events", "--format", "dot", "a.txt"]);
    assert!(
        dot.contains("\"NASA\" -- \"ESA\" [label=\"mou 2021-05-03\"];"),
        "{dot}"
    );
    let one = run(&["events", "--format", "jsonl", "--threads", "1", FIXTURES]);
    let two = run(&["events", "--format", "jsonl", "--threads", "2", FIXTURES]);
    assert_eq!(one, two);
}
