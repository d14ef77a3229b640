//! `orbitext eval --events`, run as a user runs it: event gold and articles with invented
//! sentences written into a fresh temp folder, and the bundled fixtures; the table, JSON, error
//! list, messages and exit codes checked, and the figures held to the library's evaluation and
//! to the team's reference scorer (`score_events.py`).

#[allow(dead_code)]
mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use orbitext::eval::events::{parse_gold_events, EventEvaluation, Scored};
use serde_json::Value;
use util::{assert_text_eq, keys, Dir, FIXTURES};

/// An article whose one event `events` finds whole.
const ARTICLE: &str = "NASA and ESA signed a memorandum of understanding on May 3, 2021.\n";

/// Its event, as the gold writes it.
const EVENT: &str = r#"{"kind": "mou", "status": "signed", "parties": ["NASA", "ESA"], "signatories": [], "date": "2021-05-03", "start": 22, "end": 49}"#;

/// A gold event of [`ARTICLE`] that `events` does not find.
const MISSED: &str =
    r#"{"kind": "treaty", "status": "planned", "parties": ["JAXA"], "start": 0, "end": 4}"#;

/// The fixtures' event gold.
fn fixture_events() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/events")
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// `eval --events` on the fixtures, as JSON.
fn fixture_figures(dir: &Dir) -> (String, Value) {
    let run = dir.run(&[
        "eval",
        "--events",
        fixture_events().to_str().unwrap(),
        "--articles",
        FIXTURES,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let figures = json(&run.stdout);
    (run.stdout, figures)
}

#[test]
fn fixtures_score_as_the_library_scores_them() {
    let dir = Dir::new();
    let (_, figures) = fixture_figures(&dir);
    let extractor = orbitext::Extractor::from_dictionaries(true, &[]).unwrap();
    let mut evaluation = EventEvaluation::default();
    let mut names: Vec<_> = std::fs::read_dir(fixture_events())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    names.sort();
    for path in names {
        let gold = parse_gold_events(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let article = Path::new(FIXTURES).join(path.with_extension("txt").file_name().unwrap());
        let text = std::fs::read_to_string(article).unwrap();
        let found: Vec<Scored> = orbitext::events::find(&text, &extractor.extract(&text))
            .iter()
            .map(Scored::of_event)
            .collect();
        evaluation.add("", "", &gold, &found);
    }
    let report = evaluation.report();
    assert_eq!(figures["docs"], 15);
    assert_eq!(figures["gold_events"], 16);
    for (name, f) in report.rows() {
        let got = &figures[name];
        assert_eq!(
            (got["tp"].as_u64(), got["fp"].as_u64(), got["fn"].as_u64()),
            (Some(f.tp as u64), Some(f.fp as u64), Some(f.fn_ as u64)),
            "{name}"
        );
        for (measure, expected) in [("p", f.p), ("r", f.r), ("f1", f.f1)] {
            let got = got[measure].as_f64().expect("a number");
            assert!((got - expected).abs() < 1e-12, "{name} {measure}");
        }
    }
}

/// The reference scorer beside the project (`../shared/tools/score_events.py`, as laid out
/// for the team and CI), with a Python to run it; `None`, with a notice, where either is
/// missing on a developer's machine. Under CI (`CI` set) both must be there.
fn reference_scorer() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/score_events.py");
    let python = Command::new("python3").arg("--version").output();
    let why = if !script.is_file() {
        format!("no reference scorer at {}", script.display())
    } else if !python.is_ok_and(|o| o.status.success()) {
        "no python3 to run the reference scorer".to_string()
    } else {
        return Some(script);
    };
    assert!(std::env::var_os("CI").is_none(), "{why}");
    eprintln!("skipped: {why}");
    None
}

#[test]
fn fixture_figures_agree_with_the_reference_scorer() {
    let Some(script) = reference_scorer() else {
        return;
    };
    let dir = Dir::new();
    let events = dir.run(&["events", "--format", "jsonl", FIXTURES]);
    assert_eq!(events.code, Some(0), "{}", events.stderr);
    let pred = dir.create("events.jsonl", &events.stdout);
    let reference = Command::new("python3")
        .arg(&script)
        .arg("--gold")
        .arg(fixture_events())
        .arg("--pred")
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("python3 runs");
    assert!(
        reference.status.success(),
        "{}",
        String::from_utf8_lossy(&reference.stderr)
    );
    let reference = String::from_utf8(reference.stdout).unwrap();
    let (ours, figures) = fixture_figures(&dir);
    assert_eq!(json(&reference), figures);
    // Written as json.dumps(…, indent=1) writes them, so that the two outputs diff clean.
    assert_text_eq("eval --events --format json", &reference, &ours);
}

#[test]
fn the_table_gives_events_each_field_and_all_values() {
    let dir = Dir::new();
    // The article beside its gold file, the layout without --articles.
    dir.create("gold/a.txt", ARTICLE);
    dir.create("gold/a.jsonl", format!("{EVENT}\n"));
    let run = dir.run(&["eval", "--events", "gold"]).success();
    let expected = "\
1 articles, 1 gold events
                  P      R     F1
events        1.000  1.000  1.000
parties       1.000  1.000  1.000
signatories   0.000  0.000  0.000
date          1.000  1.000  1.000
status        1.000  1.000  1.000
values        1.000  1.000  1.000
event F1 1.000
";
    assert_text_eq("eval --events table", expected, &run.stdout);
}

#[test]
fn json_has_the_reference_scorers_members() {
    let dir = Dir::new();
    dir.create("articles/a.txt", ARTICLE);
    dir.create("gold/a.jsonl", format!("{EVENT}\n{MISSED}\n"));
    let run = dir.run(&[
        "eval",
        "--events",
        "gold",
        "--articles",
        "articles",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rows = [
        "events",
        "parties",
        "signatories",
        "date",
        "status",
        "values",
    ];
    let mut members: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    members.extend(["docs".to_string(), "gold_events".to_string()]);
    assert_eq!(keys(&run.stdout), members);
    let figures = json(&run.stdout);
    // Each row's members, in the order written: the lines indented by two spaces.
    let names: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .map(|l| l.split('"').next().unwrap())
        .collect();
    assert_eq!(names, ["p", "r", "f1", "tp", "fp", "fn"].repeat(rows.len()));
    assert!(
        run.stdout
            .starts_with("{\n \"events\": {\n  \"p\": 1.0,\n  \"r\": 0.5,\n  \"f1\": 0.6666666666666666,\n  \"tp\": 1,"),
        "{}",
        run.stdout
    );
    assert_eq!(figures["events"]["fn"], 1);
    assert_eq!(figures["parties"]["fn"], 1, "JAXA is missed with its event");
    assert_eq!(figures["status"]["tp"], 1);
    assert_eq!(figures["gold_events"], 2);
}

#[test]
fn articles_sit_at_the_gold_files_place_below_articles() {
    let dir = Dir::new();
    dir.create("articles/x/a.txt", ARTICLE);
    dir.create("articles/a.txt", "Nothing was signed.\n");
    dir.create("gold/x/a.jsonl", format!("{EVENT}\n"));
    let run = dir
        .run(&["eval", "--events", "gold", "--articles", "articles"])
        .success();
    assert!(
        run.stdout.contains("\nevents        1.000"),
        "{}",
        run.stdout
    );
    // One gold file names its article by its own name.
    let one = dir
        .run(&[
            "eval",
            "--events",
            "gold/x/a.jsonl",
            "--articles",
            "articles/x",
        ])
        .success();
    assert_eq!(one.stdout, run.stdout);
}

#[test]
fn show_errors_lists_what_went_wrong_in_order() {
    let dir = Dir::new();
    dir.create("gold/a.txt", ARTICLE);
    let wrong = EVENT.replace(r#"["NASA", "ESA"]"#, r#"["NASA", "JAXA"]"#);
    dir.create("gold/a.jsonl", format!("{wrong}\n{MISSED}\n"));
    let run = dir
        .run(&["eval", "--events", "gold", "--show-errors", "2"])
        .success();
    let listed: Vec<&str> = run.stdout.lines().skip_while(|l| !l.is_empty()).collect();
    assert_eq!(
        listed,
        [
            "",
            "errors: 2",
            "  gold/a.jsonl:1: mou parties: gold [JAXA, NASA] found [ESA, NASA]",
            "  gold/a.jsonl:2: missed treaty [JAXA]",
            "event F1 0.667",
        ]
    );
    let json_run = dir.run(&[
        "eval",
        "--events",
        "gold",
        "--format",
        "json",
        "--show-errors",
        "1",
    ]);
    json(&json_run.stdout);
    assert_eq!(
        json_run.stderr,
        "errors: 2\n  gold/a.jsonl:1: mou parties: gold [JAXA, NASA] found [ESA, NASA]\n"
    );
}

#[test]
fn min_f1_gates_on_the_event_f1() {
    let dir = Dir::new();
    dir.create("perfect/a.txt", ARTICLE);
    dir.create("perfect/a.jsonl", format!("{EVENT}\n"));
    dir.create("flawed/a.txt", ARTICLE);
    dir.create("flawed/a.jsonl", format!("{EVENT}\n{MISSED}\n"));
    for (gold, min, code) in [
        ("perfect", "1", 0),
        ("flawed", "0.6", 0),
        ("flawed", "0.7", 1),
        ("flawed", "0", 0),
    ] {
        let run = dir.run(&["eval", "--events", gold, "--min-f1", min]);
        assert_eq!(run.code, Some(code), "{gold} {min}: {}", run.stderr);
        assert!(run.stdout.contains("event F1"), "the table is written");
        if code == 1 {
            assert_eq!(
                run.stderr,
                "orbitext: event F1 0.667 is below --min-f1 0.7\n"
            );
        }
    }
}

#[test]
fn malformed_gold_is_named_by_line_and_the_other_files_still_scored() {
    let dir = Dir::new();
    for name in ["a-good", "b-bad", "c-outside", "d-no-article"] {
        if name != "d-no-article" {
            dir.create(&format!("gold/{name}.txt"), ARTICLE);
        }
    }
    dir.create("gold/a-good.jsonl", format!("{EVENT}\n"));
    dir.create(
        "gold/b-bad.jsonl",
        format!(
            "{EVENT}\n{{\"kind\": \"mou\",\n\n{}\n",
            MISSED.replace("treaty", "pact")
        ),
    );
    dir.create(
        "gold/c-outside.jsonl",
        EVENT.replace("\"end\": 49", "\"end\": 490"),
    );
    dir.create("gold/d-no-article.jsonl", format!("{EVENT}\n"));
    dir.create("gold/notes.txt", "only *.jsonl files are gold\n");
    // A bad gold file is an error even when the scores clear the bar: exit 2, not 0 or 1.
    let run = dir.run(&["eval", "--events", "gold", "--min-f1", "0.5"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        errors,
        [
            "orbitext: gold/b-bad.jsonl:2: not valid JSON at column 15: EOF while parsing a value",
            "orbitext: gold/b-bad.jsonl:4: kind \"pact\" is unknown (it is one of mou, agreement, \
             treaty, accords, joint_statement, letter_of_intent, arrangement, contract, deal)",
            "orbitext: gold/c-outside.jsonl:1: the anchor span 22..490 is not text of \
             gold/c-outside.txt, which has 66 bytes",
            "orbitext: gold/d-no-article.txt: No such file or directory (os error 2) (the article \
             of gold/d-no-article.jsonl, beside it; --articles DIR names the folder of the \
             articles)",
        ]
    );
    assert!(
        run.stdout.starts_with("1 articles, 1 gold events\n"),
        "the good file is scored: {}",
        run.stdout
    );
}

#[test]
fn check_only_validates_the_gold_files_and_anchors() {
    let dir = Dir::new();
    dir.create("gold/a.txt", ARTICLE);
    dir.create("gold/a.jsonl", format!("{EVENT}\n\n{MISSED}\n"));
    dir.create("gold/sub/b.txt", "Nothing happened.\n");
    dir.create("gold/sub/b.jsonl", "");
    // No dictionary is read, so a missing one does not matter.
    let run = dir.run(&[
        "eval",
        "--events",
        "gold",
        "--check",
        "--dict",
        "missing.tsv",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "2 event gold files, 2 events, all well formed\n"
    );

    dir.create("gold/c.txt", ARTICLE);
    dir.create("gold/c.jsonl", "[]\n");
    let run = dir.run(&["eval", "--events", "gold", "--check"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "orbitext: gold/c.jsonl:1: an event is a JSON object, not an array\n\
         orbitext: 1 of 3 event gold files have problems\n"
    );
}

#[test]
fn events_are_found_with_the_dictionary_and_date_options_of_events() {
    let dir = Dir::new();
    dir.create(
        "gold/z.txt",
        "The Zembla Survey Office and NASA signed an agreement on 03/04/2021.\n",
    );
    dir.create(
        "gold/z.jsonl",
        r#"{"kind": "agreement", "status": "signed", "parties": ["ZSO", "NASA"], "date": "2021-04-03", "start": 44, "end": 53}"#,
    );
    dir.create(
        "zembla.tsv",
        "type\tid\tname\taliases\tcountry\torg\trole\n\
         agency\tZSO\tZembla Survey Office\tZembla Survey Office\t\t\t\n",
    );
    let figures = |args: &[&str]| {
        let mut all = vec!["eval", "--events", "gold", "--format", "json"];
        all.extend(args);
        let run = dir.run(&all);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        json(&run.stdout)
    };
    let plain = figures(&[]);
    assert_eq!(plain["parties"]["fn"], 1, "no ZSO without the dictionary");
    assert_eq!(plain["date"]["tp"], 0, "read month first");
    let told = figures(&[
        "--dict",
        "zembla.tsv",
        "--date-order",
        "dmy",
        "--threads",
        "1",
    ]);
    assert_eq!(told["values"]["f1"], 1.0);
}

#[test]
fn flags_for_the_other_evaluation_are_usage_errors() {
    let dir = Dir::new();
    dir.create("gold/a.jsonl", "");
    for (args, named) in [
        (
            &["eval", "--events", "gold", "--gold", "gold"][..],
            "--gold",
        ),
        (
            &["eval", "--events", "gold", "--types", "country"][..],
            "--types",
        ),
        (
            &["eval", "--gold", "gold", "--articles", "gold"][..],
            "--articles",
        ),
        (&["eval"][..], "--gold"),
    ] {
        let run = dir.run(args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(run.stderr.contains(named), "{args:?}: {}", run.stderr);
    }
    dir.create("empty/readme.md", "nothing here\n");
    let run = dir.run(&["eval", "--events", "empty"]);
    run.refused(
        "no event gold files (*.jsonl) in empty",
        "empty gold folder",
    );
}
