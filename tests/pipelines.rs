//! End-to-end tests of orbitext in pipelines (issue 8): JSON Lines input from files and stdin,
//! with its errors, streaming and thread count. Every test runs the real binary in a fresh
//! temp folder on articles written for the test or on the bundled fixtures.

mod util;

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

    let from_file = dir
        .run(&[
            "extract",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "all.jsonl",
        ])
        .success();
    assert_records_eq("a JSON Lines file", &files, &from_file.records());
    // The form a data engine uses: JSON Lines in, JSON Lines out, on stdin and stdout.
    let from_stdin = dir
        .run_stdin(
            &[
                "extract",
                "--input-format",
                "jsonl",
                "--format",
                "jsonl",
                "-",
            ],
            jsonl.as_bytes(),
        )
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
    let out = dir
        .run(&[
            "extract",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "docs.jsonl",
        ])
        .success();
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
            dir.run(&[
                "extract",
                "--input-format",
                "jsonl",
                "--format",
                "jsonl",
                "in.jsonl",
                "next.jsonl",
            ]),
            "in.jsonl",
        ),
        (
            dir.run_stdin(
                &[
                    "extract",
                    "--input-format",
                    "jsonl",
                    "--format",
                    "jsonl",
                    "-",
                    "next.jsonl",
                ],
                input.as_bytes(),
            ),
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
            (0, "not valid JSON"),
            (1, "no `text` field"),
            (2, "expected a JSON object"),
            (3, "`id` must be a string or a number"),
            (4, "not valid JSON: EOF while parsing a string"),
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
        let out = dir.run(&[
            "extract",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            path,
        ]);
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
    let out = dir.run(&[
        "extract",
        "--input-format",
        "jsonl",
        "--format",
        "jsonl",
        ".",
    ]);
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    let docs: Vec<String> = out.records().into_iter().map(|r| r.doc).collect();
    assert_eq!(docs, ["a"]);
    let stderr: Vec<&str> = out.stderr.lines().collect();
    assert!(
        stderr.len() == 2
            && stderr[0].starts_with("orbitext: ./b.bin: binary file")
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
    // read to its end first. 300 lines are more than one batch (256).
    let dir = Dir::new();
    let mut child = dir
        .command(["extract", "--input-format", "jsonl", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..300 {
        let text = "NASA and the UK signed an MoU on May 21, 2021. ".repeat(3);
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
