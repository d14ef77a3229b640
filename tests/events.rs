//! `orbitext events` run as a user runs it: scored on the fixture articles against our own
//! event annotations (`fixtures/events/`) as `score_events.py` scores, held to the contract
//! that every event is built of mentions `extract` writes, and checked for its formats.

#[allow(dead_code)]
mod util;

use std::collections::{BTreeSet, HashMap};

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

/// An event's values as the scorer compares them: lower-case letters and digits only.
struct Scored {
    kind: String,
    span: (u64, u64),
    fields: [BTreeSet<String>; 4],
}

fn norm(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect()
}

fn scored(v: &Value) -> Scored {
    let list = |name: &str| -> BTreeSet<String> {
        v[name].as_array().map_or_else(BTreeSet::new, |a| {
            a.iter().filter_map(Value::as_str).map(norm).collect()
        })
    };
    let one = |name: &str| -> BTreeSet<String> {
        v[name]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(norm)
            .into_iter()
            .collect()
    };
    Scored {
        kind: v["kind"].as_str().unwrap_or("").to_string(),
        span: (
            v["start"].as_u64().unwrap_or(0),
            v["end"].as_u64().unwrap_or(0),
        ),
        fields: [
            list("parties"),
            list("signatories"),
            one("date"),
            one("status"),
        ],
    }
}

/// Whether a gold date (which may have `XXXX` for an unknown year) matches a found one.
fn date_matches(gold: &str, found: &str) -> bool {
    gold.len() == found.len()
        && gold
            .chars()
            .zip(found.chars())
            .all(|(g, f)| g == f || (g == 'x' && f.is_ascii_digit()))
}

/// (tp, fp, fn) of events and of all values, pairing as `score_events.py` pairs.
fn score(
    gold: &HashMap<String, Vec<Scored>>,
    found: &HashMap<String, Vec<Scored>>,
) -> [[usize; 3]; 2] {
    let mut events = [0; 3];
    let mut values = [0; 3];
    let size = |e: &Scored| e.fields.iter().map(BTreeSet::len).sum::<usize>();
    let empty = Vec::new();
    for (doc, golds) in gold {
        let preds = found.get(doc).unwrap_or(&empty);
        let mut candidates = Vec::new();
        for (i, g) in golds.iter().enumerate() {
            for (j, p) in preds.iter().enumerate() {
                let shared = g.fields[0].intersection(&p.fields[0]).count();
                let overlap = g.span.0 < p.span.1 && p.span.0 < g.span.1;
                if g.kind != p.kind || (shared == 0 && !overlap) {
                    continue;
                }
                let agree = (0..4)
                    .map(|f| agreeing(&g.fields[f], &p.fields[f], f))
                    .sum::<usize>();
                candidates.push((2 * agree + usize::from(overlap), i, j));
            }
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        let (mut used_g, mut used_p) = (BTreeSet::new(), BTreeSet::new());
        for (_, i, j) in candidates {
            if used_g.contains(&i) || used_p.contains(&j) {
                continue;
            }
            used_g.insert(i);
            used_p.insert(j);
            events[0] += 1;
            for f in 0..4 {
                let tp = agreeing(&golds[i].fields[f], &preds[j].fields[f], f);
                values[0] += tp;
                values[1] += preds[j].fields[f].len() - tp;
                values[2] += golds[i].fields[f].len() - tp;
            }
        }
        for (_, g) in golds
            .iter()
            .enumerate()
            .filter(|(i, _)| !used_g.contains(i))
        {
            events[2] += 1;
            values[2] += size(g);
        }
        for (_, p) in preds
            .iter()
            .enumerate()
            .filter(|(j, _)| !used_p.contains(j))
        {
            events[1] += 1;
            values[1] += size(p);
        }
    }
    [events, values]
}

/// How many values of field `f` agree; a date agrees with an `XXXX` date of any year.
fn agreeing(gold: &BTreeSet<String>, found: &BTreeSet<String>, f: usize) -> usize {
    if f == 2 {
        let (Some(g), Some(p)) = (gold.first(), found.first()) else {
            return 0;
        };
        return usize::from(date_matches(g, p));
    }
    gold.intersection(found).count()
}

fn f1([tp, fp, fn_]: [usize; 3]) -> f64 {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn fixture_events_score_above_the_floor() {
    let mut gold: HashMap<String, Vec<Scored>> = HashMap::new();
    for entry in std::fs::read_dir(GOLD).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = stem(path.to_str().unwrap());
            gold.insert(doc, lines(&text).iter().map(scored).collect());
        }
    }
    assert_eq!(gold.values().map(Vec::len).sum::<usize>(), 16);
    let mut found: HashMap<String, Vec<Scored>> = HashMap::new();
    for v in lines(&run(&["events", "--format", "jsonl", FIXTURES])) {
        found
            .entry(stem(v["doc"].as_str().unwrap()))
            .or_default()
            .push(scored(&v));
    }
    let [events, values] = score(&gold, &found);
    let (event_f1, values_f1) = (f1(events), f1(values));
    eprintln!("fixture events F1 {event_f1:.3} {events:?}, values F1 {values_f1:.3} {values:?}");
    assert!(event_f1 >= 0.85, "event F1 {event_f1:.3} {events:?}");
    assert!(values_f1 >= 0.74, "values F1 {values_f1:.3} {values:?}");
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
