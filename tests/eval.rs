//! `orbitext eval`, run as a user runs it: gold files with invented sentences written into a
//! fresh temp folder, the real binary scoring them, and its table, JSON, error list, messages
//! and exit codes checked.

#[allow(dead_code)]
mod util;

use std::path::Path;

use orbitext::eval::{parse_gold, Evaluation};
use util::{assert_text_eq, keys, Dir};

/// Every mention of its one sentence marked, and all found: every figure is 1.
const PERFECT: &str = "[[agency:NASA|NASA]] and the [[country:GB|UK]] signed an \
    [[agreement:mou|MoU]] on [[date:2021-05-21|May 21, 2021]].\n";

/// Two officials nobody could find, the UK keyed as France, and ESA left unmarked.
const FLAWED: &str = "[[agency:NASA|NASA]] and the [[country:FR|UK]] signed.\n\
    [[official:Ann Quill|Ann Quill]] of ESA met [[official:Bo Reyes|Bo Reyes]].\n";

const ROW_MEMBERS: [&str; 9] = [
    "gold",
    "pred",
    "strict_p",
    "strict_r",
    "strict_f1",
    "relaxed_p",
    "relaxed_r",
    "relaxed_f1",
    "key_acc",
];

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn fixtures_score_as_the_library_scores_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let gold_dir = root.join("gold");
    let dir = Dir::new();
    let run = dir.run(&[
        "eval",
        "--gold",
        gold_dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let figures = json(&run.stdout);

    let extractor = orbitext::Extractor::from_dictionaries(true, &[]).unwrap();
    let mut evaluation = Evaluation::new(&[]);
    let mut names: Vec<_> = std::fs::read_dir(&gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let gold = parse_gold(&std::fs::read_to_string(&path).unwrap()).unwrap();
        evaluation.add("", &gold, &extractor.extract(&gold.text));
    }
    for (name, scores) in evaluation.rows() {
        let got = &figures[name];
        assert_eq!(got["gold"], scores.gold, "{name}");
        assert_eq!(got["pred"], scores.pred, "{name}");
        let measures = [
            ("strict_p", scores.strict_p),
            ("strict_r", scores.strict_r),
            ("strict_f1", scores.strict_f1),
            ("relaxed_p", scores.relaxed_p),
            ("relaxed_r", scores.relaxed_r),
            ("relaxed_f1", scores.relaxed_f1),
            ("key_acc", scores.key_acc.expect("the fixtures have keys")),
        ];
        for (measure, expected) in measures {
            // serde_json reads numbers back to within a unit in the last place.
            let got = got[measure].as_f64().expect("a number");
            assert!(
                (got - expected).abs() < 1e-12,
                "{name} {measure}: {got} vs {expected}"
            );
        }
    }
    let f1 = figures["micro"]["relaxed_f1"].as_f64().unwrap();
    assert!(f1 >= 0.95, "fixture relaxed micro F1 {f1}");
}

#[test]
fn the_table_gives_each_type_and_the_micro_row() {
    let dir = Dir::new();
    dir.create("gold/perfect.txt", PERFECT);
    let run = dir.run(&["eval", "--gold", "gold"]).success();
    let expected = "\
type        gold  pred         strict P/R/F1        relaxed P/R/F1  key acc
country        1     1  1.000/1.000/1.000  1.000/1.000/1.000    1.000
agency         1     1  1.000/1.000/1.000  1.000/1.000/1.000    1.000
official       0     0  1.000/1.000/1.000  1.000/1.000/1.000        -
date           1     1  1.000/1.000/1.000  1.000/1.000/1.000    1.000
agreement      1     1  1.000/1.000/1.000  1.000/1.000/1.000    1.000
micro          4     4  1.000/1.000/1.000  1.000/1.000/1.000    1.000
relaxed micro F1 1.000
";
    assert_text_eq("eval table", expected, &run.stdout);
}

#[test]
fn json_has_a_member_per_type_and_micro_with_the_scorers_names() {
    let dir = Dir::new();
    dir.create("gold/flawed.txt", FLAWED);
    let run = dir.run(&["eval", "--gold", "gold", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rows = [
        "country",
        "agency",
        "official",
        "date",
        "agreement",
        "micro",
    ];
    assert_eq!(keys(&run.stdout), rows);
    // Each row's members, in the order written: the lines indented by two spaces.
    let members: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .map(|l| l.split('"').next().unwrap())
        .collect();
    assert_eq!(members, ROW_MEMBERS.repeat(rows.len()));
    let figures = json(&run.stdout);
    // Written as Python's json.dumps(…, indent=1) writes them, so both scorers' output diff.
    assert!(
        run.stdout.starts_with(
            "{\n \"country\": {\n  \"gold\": 1,\n  \"pred\": 1,\n  \"strict_p\": 1.0,"
        ),
        "{}",
        run.stdout
    );
    let country = &figures["country"];
    assert_eq!(country["relaxed_f1"], 1.0);
    assert_eq!(country["key_acc"], 0.0, "UK is GB, not FR");
    let official = &figures["official"];
    assert_eq!(
        (official["gold"].as_u64(), official["pred"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(official["relaxed_r"], 0.0);
    assert_eq!(official["relaxed_p"], 0.0);
    assert!(official["key_acc"].is_null(), "no official matched");
    let agency = &figures["agency"];
    assert_eq!(agency["relaxed_p"], 0.5, "ESA is not in the gold");
    let micro = &figures["micro"];
    assert_eq!(
        (micro["gold"].as_u64(), micro["pred"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(micro["relaxed_r"], 0.5);
    assert_eq!(micro["key_acc"], 0.5);

    let only = dir.run(&[
        "eval",
        "--gold",
        "gold",
        "--format",
        "json",
        "--types",
        "agency,country",
    ]);
    assert_eq!(keys(&only.stdout), ["agency", "country", "micro"]);
    assert_eq!(json(&only.stdout)["micro"]["gold"], 2);
}

#[test]
fn show_errors_lists_the_first_misses_and_false_alarms() {
    let dir = Dir::new();
    dir.create("gold/flawed.txt", FLAWED);
    let run = dir
        .run(&["eval", "--gold", "gold", "--show-errors", "1"])
        .success();
    let listed: Vec<&str> = run.stdout.lines().skip_while(|l| !l.is_empty()).collect();
    assert_eq!(
        listed,
        [
            "",
            "missed: 2",
            "  gold/flawed.txt:2: official `Ann Quill` (Ann Quill)",
            "spurious: 1",
            "  gold/flawed.txt:2: agency `ESA` (ESA)",
            "relaxed micro F1 0.571",
        ]
    );
    let none = dir.run(&["eval", "--gold", "gold"]).success();
    assert!(!none.stdout.contains("missed"), "{}", none.stdout);

    // With JSON the list goes to stderr, and stdout stays one object.
    let json_run = dir.run(&[
        "eval",
        "--gold",
        "gold",
        "--format",
        "json",
        "--show-errors",
        "5",
    ]);
    json(&json_run.stdout);
    assert!(
        json_run
            .stderr
            .contains("  gold/flawed.txt:2: official `Bo Reyes` (Bo Reyes)"),
        "{}",
        json_run.stderr
    );
}

#[test]
fn min_f1_exits_1_below_and_0_at_or_above() {
    let dir = Dir::new();
    dir.create("perfect/a.txt", PERFECT);
    dir.create("flawed/a.txt", FLAWED);
    for (gold, min, code) in [
        ("perfect", "1", 0),
        ("perfect", "0.5", 0),
        ("flawed", "0.5", 0),
        ("flawed", "0.6", 1),
        ("flawed", "1", 1),
        ("flawed", "0", 0),
    ] {
        let run = dir.run(&["eval", "--gold", gold, "--min-f1", min]);
        assert_eq!(
            run.code,
            Some(code),
            "{gold} --min-f1 {min}: {}",
            run.stderr
        );
        assert!(
            run.stdout.contains("relaxed micro F1"),
            "the table is written"
        );
        if code == 1 {
            assert!(
                run.stderr
                    .contains("relaxed micro F1 0.571 is below --min-f1"),
                "{}",
                run.stderr
            );
        }
    }
    let run = dir.run(&["eval", "--gold", "flawed", "--min-f1", "1.5"]);
    assert_eq!(run.code, Some(2), "a share above 1 is a usage error");
    assert!(
        run.stderr.contains("not a number from 0 to 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn malformed_gold_is_placed_and_the_other_files_still_scored() {
    let dir = Dir::new();
    dir.create("gold/a-good.txt", PERFECT);
    dir.create(
        "gold/b-unclosed.txt",
        "All well.\nThen [[country:FR|France came.\n",
    );
    dir.create("gold/c-unknown.txt", "The [[planet:MARS|Mars]] probe.\n");
    dir.create("gold/notes.md", "[[ not a gold file: only *.txt are read\n");
    // A bad gold file is an error even when the scores clear the bar: exit 2, not 0 or 1.
    let run = dir.run(&["eval", "--gold", "gold", "--min-f1", "0.5"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        errors,
        [
            "orbitext: gold/b-unclosed.txt:2:6: `[[` is not closed",
            "orbitext: gold/c-unknown.txt:1:7: unknown type `planet` \
             (the types are country, agency, official, date, agreement)",
        ]
    );
    assert!(
        run.stdout
            .contains("\nmicro          4     4  1.000/1.000/1.000"),
        "the good file is scored: {}",
        run.stdout
    );
}

#[test]
fn check_only_validates_the_gold_files() {
    let dir = Dir::new();
    dir.create("gold/a.txt", PERFECT);
    dir.create("gold/more/b.txt", FLAWED);
    // No dictionary is read, so a missing one does not matter.
    let run = dir.run(&["eval", "--gold", "gold", "--check", "--dict", "missing.tsv"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "2 gold files, 8 mentions, all well formed\n");

    dir.create("gold/c.txt", "NASA]] said.\n");
    let run = dir.run(&["eval", "--gold", "gold", "--check"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "orbitext: gold/c.txt:1:5: `]]` closes no `[[`\n\
         orbitext: 1 of 3 gold files have problems\n"
    );
}

#[test]
fn extraction_takes_the_dictionary_and_date_options_of_extract() {
    let dir = Dir::new();
    dir.create(
        "gold/a.txt",
        "The [[agency:ZSO|Zembla Survey Office]] met on [[date:2021-04-03|03/04/2021]].\n",
    );
    dir.create(
        "zembla.tsv",
        "type\tid\tname\taliases\tcountry\torg\trole\n\
         agency\tZSO\tZembla Survey Office\tZembla Survey Office\t\t\t\n",
    );
    let figures = |args: &[&str]| {
        let mut all = vec!["eval", "--gold", "gold", "--format", "json"];
        all.extend(args);
        let run = dir.run(&all);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        json(&run.stdout)
    };
    let plain = figures(&[]);
    assert_eq!(plain["agency"]["pred"], 0);
    assert_eq!(plain["date"]["key_acc"], 0.0, "read month first");
    let told = figures(&[
        "--dict",
        "zembla.tsv",
        "--date-order",
        "dmy",
        "--threads",
        "1",
    ]);
    assert_eq!(told["agency"]["relaxed_f1"], 1.0);
    assert_eq!(told["agency"]["key_acc"], 1.0);
    assert_eq!(told["date"]["key_acc"], 1.0);
}

#[test]
fn a_gold_year_of_xxxx_accepts_the_year_inferred() {
    let dir = Dir::new();
    dir.create("gold/a.txt", "It opens on [[date:XXXX-05-21|May 21]].\n");
    let run = dir.run(&[
        "eval",
        "--gold",
        "gold",
        "--format",
        "json",
        "--reference-date",
        "2030-01-01",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(json(&run.stdout)["date"]["key_acc"], 1.0);
}

#[test]
fn gold_files_are_decoded_as_extract_decodes_articles() {
    let dir = Dir::new();
    // "Zürich" in windows-1252: not UTF-8.
    dir.create("gold/a.txt", b"In Z\xfcrich, [[agency:NASA|NASA]] spoke.\n");
    let guessed = dir.run(&["eval", "--gold", "gold"]);
    assert_eq!(guessed.code, Some(0));
    assert!(
        guessed.stderr.contains("gold/a.txt: not valid UTF-8"),
        "warned: {}",
        guessed.stderr
    );
    let quiet = dir.run(&["eval", "--gold", "gold", "--quiet"]).success();
    assert_eq!(quiet.stderr, "");
    let told = dir
        .run(&["eval", "--gold", "gold", "--encoding", "windows-1252"])
        .success();
    assert_eq!(told.stderr, "");
    assert!(
        told.stdout.contains("\nagency         1     1  1.000"),
        "{}",
        told.stdout
    );
}

#[test]
fn a_folder_without_gold_files_is_an_error() {
    let dir = Dir::new();
    dir.create("gold/readme.md", "nothing here\n");
    let run = dir.run(&["eval", "--gold", "gold"]);
    run.refused("no gold files (*.txt) in gold", "empty gold folder");
}
