//! End-to-end tests of orbitext in pipelines and spreadsheets (issue 8): JSON Lines input
//! with its errors, streaming and thread count; the summary table; --types, --context and
//! --bom; the progress bar; shell completions and manual pages. Every test runs the real
//! binary in a fresh temp folder on articles written for the test or on the bundled fixtures.

mod util;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use serde_json::json;
use util::{assert_records_eq, assert_text_eq, Dir, Rec, FIXTURES};

/// The fixture articles as (file name, text), sorted by name.
fn fixtures() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(files.len() >= 10, "fixtures missing");
    files
}

/// The arguments of `extract` reading and writing JSON Lines, then `rest`.
fn jsonl_extract<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["extract", "--input-format", "jsonl", "--format", "jsonl"];
    args.extend_from_slice(rest);
    args
}

/// One line of JSON Lines input.
fn line(value: serde_json::Value) -> String {
    value.to_string() + "\n"
}

/// Panic unless every record's `text` is the bytes `start..end` of its document's text and
/// its `line` the line of `start` there; `text_of` gives a document's text from its `doc`.
fn check_offsets<'a>(records: &[Rec], text_of: impl Fn(&str) -> &'a str) {
    for r in records {
        let text = text_of(&r.doc);
        assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()), "{r:?}");
        assert_eq!(r.line, 1 + text[..r.start].matches('\n').count(), "{r:?}");
    }
}

// ---- JSON Lines input ----

#[test]
fn json_lines_documents_give_the_records_of_the_same_text_in_files() {
    let dir = Dir::new();
    let articles = fixtures();
    let mut jsonl = String::new();
    for (name, text) in &articles {
        dir.create(name, text);
        jsonl += &line(json!({"id": name, "source": "fixture", "text": text}));
    }
    dir.create("all.jsonl", &jsonl);
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend(articles.iter().map(|(name, _)| name.as_str()));
    let files = dir.run(&args).success().records();
    assert!(files.len() > 100, "too few records: {}", files.len());

    let from_file = dir.run(&jsonl_extract(&["all.jsonl"])).success();
    assert_records_eq("a JSON Lines file", &files, &from_file.records());
    // The form a data engine uses: JSON Lines in, JSON Lines out, on stdin and stdout.
    let from_stdin = dir
        .run_stdin(&jsonl_extract(&["-"]), jsonl.as_bytes())
        .success();
    assert_records_eq("JSON Lines on stdin", &files, &from_stdin.records());
}

#[test]
fn ids_name_documents_and_offsets_index_the_text_value() {
    let dir = Dir::new();
    // Escapes that change byte positions: \n and \" become one byte, \u00e9 two, \ud83d\ude80
    // four; the text holds three lines.
    let lines = concat!(
        r#"{"id":"a-1","text":"\"NASA\" and caf\u00e9 \ud83d\ude80 talk.\nThe UK signed an MoU\non May 21, 2021."}"#,
        "\n",
        r#"{"text":"ESA met India.","id":42}"#,
        "\n",
        r#"{"id":7.50,"text":"Japan."}"#,
        "\n",
        r#"{"lang":"en","text":"Canada and JAXA."}"#,
        "\n",
        r#"{"id":null,"text":"Brazil."}"#,
    );
    dir.create("docs.jsonl", lines);
    let out = dir.run(&jsonl_extract(&["docs.jsonl"])).success();
    let records = out.records();
    let found: Vec<(&str, &str, usize, usize)> = records
        .iter()
        .map(|r| (r.doc.as_str(), r.text.as_str(), r.start, r.line))
        .collect();
    assert_eq!(
        found,
        [
            ("a-1", "NASA", 1, 1),
            ("a-1", "UK", 32, 2),
            ("a-1", "MoU", 45, 2),
            ("a-1", "May 21, 2021", 52, 3),
            ("42", "ESA", 0, 1),
            ("42", "India", 8, 1),
            ("7.50", "Japan", 0, 1),
            // No id: the document is named by its file and line.
            ("docs.jsonl:4", "Canada", 0, 1),
            ("docs.jsonl:4", "JAXA", 11, 1),
            ("docs.jsonl:5", "Brazil", 0, 1),
        ]
    );
    let texts = [
        (
            "a-1",
            "\"NASA\" and café 🚀 talk.\nThe UK signed an MoU\non May 21, 2021.",
        ),
        ("42", "ESA met India."),
        ("7.50", "Japan."),
        ("docs.jsonl:4", "Canada and JAXA."),
        ("docs.jsonl:5", "Brazil."),
    ];
    check_offsets(&records, |doc| {
        texts.iter().find(|(d, _)| *d == doc).unwrap().1
    });
}

#[test]
fn renamed_id_and_text_fields() {
    let dir = Dir::new();
    let input = line(json!({"id": "no", "text": "Canada", "uuid": "u-9", "body": "NASA"}));
    let out = dir
        .run_stdin(
            &[
                "extract",
                "--input-format",
                "jsonl",
                "--id-field",
                "uuid",
                "--text-field",
                "body",
                "--format",
                "jsonl",
            ],
            input.as_bytes(),
        )
        .success();
    let found: Vec<(String, String)> = out.records().into_iter().map(|r| (r.doc, r.text)).collect();
    assert_eq!(found, [("u-9".to_string(), "NASA".to_string())]);
}

#[test]
fn bad_lines_are_reported_by_file_and_line_and_the_rest_is_processed() {
    let dir = Dir::new();
    let input = [
        line(json!({"id": "one", "text": "NASA"})),
        "NASA met ESA\n".to_string(),
        line(json!({"id": "no-text", "body": "Canada"})),
        "   \n".to_string(),
        line(json!({"id": "two", "text": "India"})),
        line(json!(["text", "Japan"])),
        line(json!({"id": true, "text": "Japan"})),
        r#"{"id": "cut", "text": "Jap"#.to_string() + "\n",
        line(json!({"id": "three", "text": "Brazil"})),
    ]
    .concat();
    dir.create("in.jsonl", &input);
    dir.create("next.jsonl", line(json!({"id": "four", "text": "Canada"})));
    let expected_docs = ["one", "two", "three", "four"];
    // (how the input is given, how messages name it)
    let runs = [
        (
            dir.run(&jsonl_extract(&["in.jsonl", "next.jsonl"])),
            "in.jsonl",
        ),
        (
            dir.run_stdin(&jsonl_extract(&["-", "next.jsonl"]), input.as_bytes()),
            "-",
        ),
    ];
    for (out, name) in runs {
        assert_eq!(out.code, Some(2), "{name}: stderr: {}", out.stderr);
        let docs: Vec<String> = out.records().into_iter().map(|r| r.doc).collect();
        assert_eq!(docs, expected_docs, "{name}");
        let places: Vec<&str> = out
            .stderr
            .lines()
            .map(|l| {
                assert!(l.starts_with("orbitext: "), "{l}");
                l.split(": ").nth(1).unwrap()
            })
            .collect();
        let expected: Vec<String> = [2, 3, 6, 7, 8]
            .iter()
            .map(|n| format!("{name}:{n}"))
            .collect();
        assert_eq!(places, expected, "{name}: stderr:\n{}", out.stderr);
        for (n, what) in [
            (0, "not JSON ("),
            (1, "no `text` field"),
            (2, "expected a JSON object"),
            (3, "`id` must be a string or a number"),
            (4, "not JSON (the line ends inside a string"),
        ] {
            let message = out.stderr.lines().nth(n).unwrap();
            assert!(message.contains(what), "{name}: {message}");
        }
        // --quiet silences warnings, never errors.
    }
    let quiet = dir.run(&["extract", "--quiet", "--input-format", "jsonl", "in.jsonl"]);
    assert_eq!(quiet.code, Some(2));
    assert_eq!(quiet.stderr.lines().count(), 5, "{}", quiet.stderr);
}

#[test]
fn a_missing_or_unreadable_json_lines_file_is_an_error() {
    let dir = Dir::new();
    dir.create("folder/a.txt", "NASA");
    for (path, why) in [
        ("missing.jsonl", "No such file"),
        ("folder/a.txt/x.jsonl", "Not a directory"),
    ] {
        let out = dir.run(&jsonl_extract(&[path]));
        out.refused(&format!("{path}: {why}"), path);
    }
}

#[test]
fn binary_and_utf16_files_are_not_read_as_json_lines() {
    let dir = Dir::new();
    dir.create("a.jsonl", line(json!({"id": "a", "text": "NASA"})));
    dir.create("b.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let utf16: Vec<u8> = "\u{feff}{\"text\":\"NASA\"}\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    dir.create("c.jsonl", utf16);
    let out = dir.run(&jsonl_extract(&["."]));
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    let docs: Vec<String> = out.records().into_iter().map(|r| r.doc).collect();
    assert_eq!(docs, ["a"]);
    let stderr: Vec<&str> = out.stderr.lines().collect();
    assert!(
        stderr.len() == 2
            && stderr[0].starts_with("orbitext: warning: ./b.bin: binary file")
            && stderr[1].starts_with("orbitext: ./c.jsonl: UTF-16"),
        "stderr: {}",
        out.stderr
    );
}

#[test]
fn json_lines_output_is_identical_whatever_the_thread_count() {
    let dir = Dir::new();
    // 20 copies of the fixtures: more documents than one batch of work (256).
    let mut input = String::new();
    for copy in 0..20 {
        for (name, text) in fixtures() {
            input += &line(json!({"id": format!("{copy}/{name}"), "text": text}));
        }
    }
    dir.create("many.jsonl", &input);
    let run = |threads: &str| {
        dir.run(&[
            "extract",
            "--input-format",
            "jsonl",
            "--threads",
            threads,
            "many.jsonl",
        ])
        .success()
        .stdout
    };
    let one = run("1");
    assert!(one.lines().count() > 2000, "too little output to compare");
    for n in ["2", "8"] {
        assert_text_eq(&format!("--threads 1 vs {n}"), &one, &run(n));
    }
}

#[test]
fn json_lines_on_stdin_are_streamed() {
    // Records for the first lines must come out while stdin is still open: the input is not
    // read to its end first, and a finished batch is flushed, however little it wrote. 300
    // lines are more than one batch (256).
    let dir = Dir::new();
    let mut child = dir
        .command(jsonl_extract(&[]))
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..300 {
        let text = "NASA and the UK signed an MoU on May 21, 2021.";
        stdin
            .write_all(line(json!({"id": i, "text": text})).as_bytes())
            .unwrap();
    }
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut first = String::new();
        let _ = BufReader::new(stdout).read_line(&mut first);
        let _ = send.send(first);
    });
    let first = receive.recv_timeout(Duration::from_secs(60));
    drop(stdin);
    let status = child.wait().unwrap();
    let first = first.expect("no record before the end of stdin: the input is not streamed");
    assert!(
        first.starts_with(r#"{"doc":"0","type":"agency""#),
        "{first}"
    );
    assert!(status.success());
}

#[test]
fn input_flags_that_do_not_go_together_are_usage_errors() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA\n");
    // (arguments, the flag the message must name)
    let table: [(&[&str], &str); 3] = [
        (&["extract", "--id-field", "uuid", "a.txt"], "--id-field"),
        (
            &["extract", "--text-field", "body", "a.txt"],
            "--text-field",
        ),
        (
            &[
                "extract",
                "--input-format",
                "jsonl",
                "--encoding",
                "latin1",
                "a.txt",
            ],
            "--encoding",
        ),
    ];
    for (args, flag) in table {
        let out = dir.run(args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(flag), "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
    }
}

// ---- summary ----

/// The rows of a summary in any format, header checked, as (type, id, name, mentions,
/// documents).
type Row = (String, String, String, u64, u64);

fn summary_rows(format: &str, header: bool, out: &str) -> Vec<Row> {
    const FIELDS: [&str; 5] = ["type", "id", "name", "mentions", "documents"];
    match format {
        "csv" | "tsv" => {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(if format == "tsv" { b'\t' } else { b',' })
                .has_headers(false)
                .from_reader(out.as_bytes());
            let mut rows = reader.records().map(Result::unwrap);
            if header {
                assert_eq!(rows.next().unwrap().iter().collect::<Vec<_>>(), FIELDS);
            }
            rows.map(|r| {
                assert_eq!(r.len(), 5, "{r:?}");
                let n = |i: usize| r[i].parse().unwrap();
                (r[0].into(), r[1].into(), r[2].into(), n(3), n(4))
            })
            .collect()
        }
        "jsonl" | "json" => {
            let objects: Vec<String> = if format == "jsonl" {
                out.lines().map(String::from).collect()
            } else {
                let array: Vec<serde_json::Value> = serde_json::from_str(out).unwrap();
                array.iter().map(|v| v.to_string()).collect()
            };
            objects
                .iter()
                .map(|o| {
                    // serde_json keeps the written order only when parsing into a struct.
                    if format == "jsonl" {
                        assert_eq!(util::keys(o), FIELDS, "{o}");
                    }
                    let v: serde_json::Value = serde_json::from_str(o).unwrap();
                    let s = |k: &str| v[k].as_str().unwrap().to_string();
                    let n = |k: &str| v[k].as_u64().unwrap();
                    (s("type"), s("id"), s("name"), n("mentions"), n("documents"))
                })
                .collect()
        }
        other => panic!("no parser for {other}"),
    }
}

fn row(kind: &str, id: &str, name: &str, mentions: u64, documents: u64) -> Row {
    (kind.into(), id.into(), name.into(), mentions, documents)
}

#[test]
fn summary_counts_mentions_and_documents_most_mentioned_first() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA and ESA met. NASA said the US would sign.\n");
    dir.create("b.txt", "ESA and the US signed an MoU.\n");
    dir.create("c.txt", "The US launched.\n");
    let expected = vec![
        row("country", "US", "United States", 3, 3),
        // Two mentions each: agency before country would go by type, ESA before NASA by id.
        row("agency", "ESA", "European Space Agency", 2, 2),
        row(
            "agency",
            "NASA",
            "National Aeronautics and Space Administration",
            2,
            1,
        ),
        row("agreement", "mou", "memorandum of understanding", 1, 1),
    ];
    for format in ["csv", "tsv", "jsonl", "json"] {
        let out = dir
            .run(&["summary", "--format", format, "a.txt", "b.txt", "c.txt"])
            .success();
        assert_eq!(
            summary_rows(format, true, &out.stdout),
            expected,
            "{format}"
        );
    }
    let out = dir
        .run(&["summary", "--no-header", "a.txt", "b.txt", "c.txt"])
        .success();
    assert_eq!(summary_rows("csv", false, &out.stdout), expected);
}

/// The summary the records of `extract` give: mentions per (type, id), and per name too for
/// agreements; a record without an id keyed by its text in lower case; each row named by the
/// name most of its records give (the smallest on a tie); documents counted by distinct
/// `doc`; sorted as the summary must be.
fn summary_of(records: &[Rec]) -> Vec<Row> {
    type Counts = (BTreeMap<String, u64>, u64, Vec<String>);
    let mut counts: BTreeMap<(String, String, String), Counts> = BTreeMap::new();
    for r in records {
        let (id, name) = match r.id.is_empty() {
            true => (r.text.to_lowercase(), r.text.clone()),
            false => (r.id.clone(), r.name.clone()),
        };
        let by_name = if r.kind == "agreement" {
            name.clone()
        } else {
            String::new()
        };
        let entry = counts.entry((r.kind.clone(), id, by_name)).or_default();
        *entry.0.entry(name).or_default() += 1;
        entry.1 += 1;
        if !entry.2.contains(&r.doc) {
            entry.2.push(r.doc.clone());
        }
    }
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|((kind, id, _), (names, n, docs))| {
            let most = names.values().max().copied().unwrap_or(0);
            let name = names.into_iter().find(|(_, c)| *c == most).unwrap().0;
            (kind, id, name, n, docs.len() as u64)
        })
        .collect();
    rows.sort_by(|a, b| {
        b.3.cmp(&a.3)
            .then_with(|| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)))
    });
    rows
}

#[test]
fn summary_agrees_with_the_records_for_text_and_json_lines_input() {
    let dir = Dir::new();
    let records = dir
        .run(&["extract", "--format", "jsonl", FIXTURES])
        .success()
        .records();
    let expected = summary_of(&records);
    assert!(expected.len() > 50, "too few entities: {}", expected.len());
    let out = dir.run(&["summary", "--format", "tsv", FIXTURES]).success();
    assert_eq!(summary_rows("tsv", true, &out.stdout), expected);

    let jsonl: String = fixtures()
        .iter()
        .map(|(name, text)| line(json!({"id": name, "text": text})))
        .collect();
    let out = dir
        .run_stdin(&["summary", "--input-format", "jsonl"], jsonl.as_bytes())
        .success();
    assert_eq!(summary_rows("csv", true, &out.stdout), expected);
}

#[test]
fn summary_of_a_large_file_counts_it_as_one_document() {
    // Larger than a piece (1 MiB): read in pieces, still one document.
    let dir = Dir::new();
    let paragraph = "NASA and the UK signed an MoU on May 21, 2021.\n\n";
    let copies = (1 << 20) / paragraph.len() + 100;
    dir.create("big.txt", paragraph.repeat(copies));
    dir.create("small.txt", "NASA.\n");
    let out = dir
        .run(&["summary", "--types", "agency", "big.txt", "small.txt"])
        .success();
    let nasa = "National Aeronautics and Space Administration";
    assert_eq!(
        summary_rows("csv", true, &out.stdout),
        [row("agency", "NASA", nasa, copies as u64 + 1, 2)]
    );
}

#[test]
fn summary_goes_on_past_bad_input_and_exits_2() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA\n");
    dir.create("b.txt", "NASA and ESA\n");
    let out = dir.run(&["summary", "a.txt", "missing.txt", "b.txt"]);
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    assert!(
        out.stderr.starts_with("orbitext: missing.txt: ") && out.stderr.lines().count() == 1,
        "stderr: {}",
        out.stderr
    );
    let ids: Vec<(String, u64)> = summary_rows("csv", true, &out.stdout)
        .into_iter()
        .map(|r| (r.1, r.4))
        .collect();
    assert_eq!(ids, [("NASA".to_string(), 2), ("ESA".to_string(), 1)]);
    // A bad dictionary stops it before any output, as it stops extract.
    dir.create("bad.tsv", "type\tid\tname\taliases\nagency\tQSA\n");
    let out = dir.run(&["summary", "--dict", "bad.tsv", "a.txt"]);
    out.refused("bad.tsv:2:", "summary with a bad dictionary");
}

// ---- --types, --context, --bom ----

#[test]
fn types_keep_only_the_named_types() {
    let dir = Dir::new();
    let all = dir
        .run(&["extract", "--format", "jsonl", FIXTURES])
        .success()
        .records();
    // (arguments, the types kept)
    let table: [(&[&str], &[&str]); 3] = [
        (&["--types", "agency"], &["agency"]),
        (&["--types", "date,official"], &["date", "official"]),
        (
            &["--types", "country", "--types", "agreement"],
            &["country", "agreement"],
        ),
    ];
    for (flags, kinds) in table {
        let args = [&["extract", "--format", "jsonl"], flags, &[FIXTURES]].concat();
        let got = dir.run(&args).success().records();
        let expected: Vec<Rec> = all
            .iter()
            .filter(|r| kinds.contains(&r.kind.as_str()))
            .cloned()
            .collect();
        assert!(!expected.is_empty(), "{flags:?}: nothing to compare");
        assert_records_eq(&format!("{flags:?}"), &expected, &got);
    }
    // The longest name still wins: no country inside the agency's name.
    let out = dir
        .run_stdin(
            &["extract", "--types", "country", "--format", "jsonl"],
            b"The Luxembourg Space Agency met.\n",
        )
        .success();
    assert_eq!(out.stdout, "");
    let bad = dir.run(&["extract", "--types", "agency,planet", FIXTURES]);
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr.contains("planet") && bad.stderr.contains("country, agency"),
        "{}",
        bad.stderr
    );
    assert_eq!(bad.stdout, "");
}

/// Up to `n` characters either side of `start..end`, line breaks and tabs as spaces: the
/// definition the `context` column is checked against.
fn expected_context(text: &str, start: usize, end: usize, n: usize) -> String {
    let before: Vec<char> = text[..start].chars().collect();
    let after: Vec<char> = text[end..].chars().collect();
    let window: String = before[before.len().saturating_sub(n)..]
        .iter()
        .chain(text[start..end].chars().collect::<Vec<_>>().iter())
        .chain(after[..after.len().min(n)].iter())
        .collect();
    window.replace("\r\n", " ").replace(['\n', '\r', '\t'], " ")
}

#[test]
fn context_adds_a_last_column_of_characters_either_side() {
    let dir = Dir::new();
    let text = "Über café: NASA’s 🚀 crew\r\nmet the\tUK envoy.\n\nOn May 21, 2021 — in Paris.";
    dir.create("a.txt", text);
    for n in [0, 1, 5, 12, 1000] {
        let n_text = n.to_string();
        let out = dir
            .run(&[
                "extract",
                "--format",
                "jsonl",
                "--context",
                &n_text,
                "a.txt",
            ])
            .success();
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(lines.len(), 3, "{}", out.stdout);
        for l in lines {
            let keys = util::keys(l);
            assert_eq!(keys.last().map(String::as_str), Some("context"), "{l}");
            assert_eq!(keys.len(), 12, "{l}");
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let (start, end) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
            let want = expected_context(text, start as usize, end as usize, n);
            assert_eq!(v["context"], want.as_str(), "--context {n}: {l}");
            assert!(!want.contains(['\n', '\r', '\t']));
        }
    }
    for (format, sep) in [("csv", ','), ("tsv", '\t')] {
        let out = dir
            .run(&["extract", "--format", format, "--context", "4", "a.txt"])
            .success();
        let header = out.stdout.lines().next().unwrap();
        assert_eq!(
            header,
            [&util::FIELDS[..], &["context"]]
                .concat()
                .join(&sep.to_string())
        );
        // One row per record: the context folds the line breaks away.
        assert_eq!(out.stdout.lines().count(), 4, "{format}: {}", out.stdout);
    }
}

#[test]
fn context_works_on_json_lines_text() {
    let dir = Dir::new();
    let input = line(json!({"id": "d", "text": "café\nNASA\ttoday"}));
    let out = dir
        .run_stdin(&jsonl_extract(&["--context", "3"]), input.as_bytes())
        .success();
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(v["context"], "fé NASA to");
}

#[test]
fn bom_starts_csv_and_tsv_and_is_refused_for_json() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA and the UK signed an MoU on May 21, 2021.\n");
    const BOM: &str = "\u{feff}";
    for command in ["extract", "summary"] {
        for format in ["csv", "tsv"] {
            for header in [true, false] {
                let mut args = vec![command, "--format", format, "a.txt"];
                if !header {
                    args.push("--no-header");
                }
                let plain = dir.run(&args).success().stdout;
                args.push("--bom");
                let with = dir.run(&args).success().stdout;
                assert!(with.starts_with(BOM), "{args:?}");
                assert_text_eq(&format!("{args:?}"), &plain, &with[BOM.len()..]);
                assert!(!plain.contains(BOM));
            }
        }
        for format in ["jsonl", "json"] {
            let out = dir.run(&[command, "--format", format, "--bom", "a.txt"]);
            assert_eq!(out.code, Some(2), "{command} {format}");
            assert!(
                out.stderr.contains("--bom") && out.stderr.contains("JSON"),
                "{}",
                out.stderr
            );
            assert_eq!(out.stdout, "");
        }
    }
}

// ---- progress bar ----

/// A folder of `n` copies of the fixtures and a binary file, for runs long enough to draw.
fn many_files(dir: &Dir, n: usize) -> Vec<String> {
    let mut paths = Vec::new();
    for copy in 0..n {
        for (name, text) in fixtures() {
            dir.create(&format!("news{copy}/{name}"), text);
        }
        paths.push(format!("news{copy}"));
    }
    dir.create("news0/zz-image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    paths
}

#[test]
fn no_progress_bar_in_pipes() {
    let dir = Dir::new();
    let paths = many_files(&dir, 3);
    let mut args = vec!["extract"];
    args.extend(paths.iter().map(String::as_str));
    let out = dir.run(&args);
    assert_eq!(out.code, Some(0));
    // The one warning, and nothing drawn: no bar, no escape sequences, no carriage returns.
    assert_eq!(
        out.stderr,
        "orbitext: warning: news0/zz-image.bin: binary file (NUL byte at 8); skipped\n"
    );
}

/// What a terminal 100 columns wide shows on stderr while `args` run in `dir` with stdout into
/// a file (or on the same terminal): `script` gives the run a pseudo-terminal.
fn on_a_terminal(dir: &Dir, args: &[&str], stdout_to_file: bool) -> String {
    let mut command = format!("stty cols 100 rows 24; {}", env!("CARGO_BIN_EXE_orbitext"));
    for a in args {
        command += &format!(" '{a}'");
    }
    if stdout_to_file {
        command += " > out.txt";
    }
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("`script` (util-linux) runs a command on a pseudo-terminal; install bsdutils");
    assert!(out.status.success(), "{command}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn progress_bar_only_on_a_terminal_for_several_files_without_quiet() {
    let dir = Dir::new();
    let paths = many_files(&dir, 4);
    let mut args = vec!["extract"];
    args.extend(paths.iter().map(String::as_str));

    let shown = on_a_terminal(&dir, &args, true);
    for part in ["files", "kB", "/s", "ETA"] {
        assert!(shown.contains(part), "no {part} in the bar: {shown:?}");
    }
    // The warning is printed whole on a line of its own, the bar cleared before it.
    let warning = "orbitext: warning: news0/zz-image.bin: binary file (NUL byte at 8); skipped";
    let lines: Vec<&str> = shown
        .split(['\r', '\n'])
        .map(|l| l.trim_start_matches("\x1b[2K"))
        .collect();
    assert!(lines.contains(&warning), "{shown:?}");
    let records = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(
        !records.contains("files") && records.lines().count() > 400,
        "the bar must stay out of the records"
    );

    // (what differs, arguments, stdout into a file)
    let quiet = [&["extract", "--quiet"][..], &paths_of(&paths)].concat();
    let one_file = ["extract", "news0/01-luxembourg-us-mou.txt"];
    let cases: [(&str, &[&str], bool); 3] = [
        ("--quiet", &quiet, true),
        ("one file", &one_file, true),
        ("records on the terminal too", &args, false),
    ];
    for (what, args, to_file) in cases {
        let shown = on_a_terminal(&dir, args, to_file);
        assert!(
            !shown.contains("ETA") && !shown.contains("\x1b["),
            "{what}: {shown:?}"
        );
    }
}

fn paths_of(paths: &[String]) -> Vec<&str> {
    paths.iter().map(String::as_str).collect()
}

// ---- completions and manual pages ----

#[test]
fn completions_for_every_shell() {
    let dir = Dir::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = dir.run(&["completions", shell]).success();
        // fish names long flags without their dashes (`-l input-format`).
        for word in ["extract", "summary", "input-format", "context", "jsonl"] {
            assert!(out.stdout.contains(word), "{shell}: no {word}");
        }
    }
    let bad = dir.run(&["completions", "tcsh"]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("bash"), "{}", bad.stderr);
}

#[test]
fn manual_pages() {
    let dir = Dir::new();
    let main = dir.run(&["man"]).success().stdout;
    assert!(main.starts_with(".ie"), "not roff: {main:.80}");
    assert!(main.contains(".TH orbitext 1"), "{main}");
    for word in ["extract", "summary", "completions"] {
        assert!(main.contains(word), "orbitext(1) does not name {word}");
    }
    let extract = dir.run(&["man", "extract"]).success().stdout;
    assert!(
        extract.contains(".TH orbitext-extract 1") && extract.contains("\"orbitext 0."),
        "{extract}"
    );
    for flag in [
        "input\\-format",
        "\\-\\-context",
        "\\-\\-types",
        "\\-\\-bom",
    ] {
        assert!(extract.contains(flag), "orbitext-extract(1) lacks {flag}");
    }
    let list = dir.run(&["man", "dicts", "list"]).success().stdout;
    assert!(list.contains(".TH orbitext-dicts-list 1"), "{list}");

    let out = dir.run(&["man", "nope"]);
    out.refused("no command `nope`", "an unknown command");
    assert!(out.stderr.contains("extract, summary"), "{}", out.stderr);

    dir.run(&["man", "--dir", "pages"]).success();
    for page in [
        "orbitext.1",
        "orbitext-extract.1",
        "orbitext-summary.1",
        "orbitext-dicts-list.1",
        "orbitext-completions.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join("pages").join(page)).unwrap();
        assert!(text.contains(".TH"), "{page}");
    }
}
