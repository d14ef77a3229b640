//! End-to-end tests of the `orbitext` binary: each test writes small invented articles into a
//! fresh temp folder, runs the real binary there and compares its parsed output. They check
//! the output contract (fields, order, formats), where documents come from, error handling
//! and exit codes, user dictionaries, and a few extractions through the whole pipeline.

mod util;

use std::io::{BufRead, BufReader};

use util::{assert_records_eq, assert_text_eq, parse, Dir, Rec, FIELDS, FIXTURES};

/// An expected record, its id, name and value still empty (`.key()` fills them).
fn rec(doc: &str, kind: &str, (start, end): (usize, usize), line: usize, text: &str) -> Rec {
    Rec {
        doc: doc.into(),
        kind: kind.into(),
        start,
        end,
        line,
        text: text.into(),
        id: String::new(),
        name: String::new(),
        value: String::new(),
        role: String::new(),
        org: String::new(),
    }
}

impl Rec {
    fn key(mut self, id: &str, name: &str, value: &str) -> Rec {
        self.id = id.into();
        self.name = name.into();
        self.value = value.into();
        self
    }

    fn office(mut self, role: &str, org: &str) -> Rec {
        self.role = role.into();
        self.org = org.into();
        self
    }
}

const NASA: &str = "National Aeronautics and Space Administration";

/// Three lines, a multi-byte apostrophe before a mention, and a comma inside a mention (which
/// CSV must quote).
const SMALL: &str = "NASA’s rover team met the US envoy.\n\nThey signed on May 21, 2021.\n";

fn small_expected(doc: &str) -> Vec<Rec> {
    vec![
        rec(doc, "agency", (0, 4), 1, "NASA").key("NASA", NASA, ""),
        rec(doc, "country", (28, 30), 1, "US").key("US", "United States", ""),
        rec(doc, "date", (54, 66), 3, "May 21, 2021").key("2021-05-21", "2021-05-21", "2021-05-21"),
    ]
}

// ---- formats ----

#[test]
fn every_format_gives_the_same_records() {
    let dir = Dir::new();
    dir.create("small.txt", SMALL);
    let expected = small_expected("small.txt");
    // (format, --no-header given)
    let table = [
        ("csv", false),
        ("csv", true),
        ("tsv", false),
        ("tsv", true),
        ("jsonl", false),
        ("json", false),
    ];
    for (format, no_header) in table {
        let mut args = vec!["extract", "--format", format];
        if no_header {
            args.push("--no-header");
        }
        args.push("small.txt");
        let out = dir.run(&args).success();
        let got = parse(format, !no_header, &out.stdout);
        assert_records_eq(&format!("{args:?}"), &expected, &got);
    }
}

#[test]
fn officials_carry_role_and_org_in_every_format() {
    let dir = Dir::new();
    dir.create(
        "o.txt",
        "Commerce Secretary Wilbur Ross signed. Ross left.\n",
    );
    let expected = vec![
        rec("o.txt", "official", (19, 30), 1, "Wilbur Ross")
            .key("Wilbur Ross", "Wilbur Ross", "")
            .office("Commerce Secretary", "US"),
        rec("o.txt", "official", (39, 43), 1, "Ross")
            .key("Wilbur Ross", "Wilbur Ross", "")
            .office("Commerce Secretary", "US"),
    ];
    for format in ["csv", "tsv", "jsonl", "json"] {
        let out = dir.run(&["extract", "--format", format, "o.txt"]).success();
        assert_records_eq(format, &expected, &parse(format, true, &out.stdout));
    }
}

#[test]
fn header_row_is_the_fields_in_order_unless_no_header() {
    let dir = Dir::new();
    dir.create("small.txt", SMALL);
    for (format, sep) in [("csv", ","), ("tsv", "\t")] {
        let with = dir
            .run(&["extract", "--format", format, "small.txt"])
            .success();
        let without = dir
            .run(&["extract", "--format", format, "--no-header", "small.txt"])
            .success();
        let header = FIELDS.join(sep) + "\n";
        assert!(
            with.stdout.starts_with(&header),
            "{format}: no header row in\n{}",
            with.stdout
        );
        assert_text_eq(format, &with.stdout[header.len()..], &without.stdout);
    }
}

#[test]
fn default_format_is_csv() {
    let dir = Dir::new();
    dir.create("small.txt", SMALL);
    let default = dir.run(&["extract", "small.txt"]).success();
    let csv = dir
        .run(&["extract", "--format", "csv", "small.txt"])
        .success();
    assert_text_eq("default vs --format csv", &csv.stdout, &default.stdout);
}

#[test]
fn json_formats_write_one_array_or_one_object_a_line() {
    let dir = Dir::new();
    dir.create("small.txt", SMALL);
    let jsonl = dir
        .run(&["extract", "--format", "jsonl", "small.txt"])
        .success();
    assert_eq!(jsonl.stdout.lines().count(), small_expected("").len());
    assert!(jsonl.stdout.lines().all(|l| l.starts_with("{\"doc\":")));
    let json = dir
        .run(&["extract", "--format", "json", "small.txt"])
        .success();
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        value.as_array().map(Vec::len),
        Some(small_expected("").len())
    );
}

#[test]
fn no_records_is_a_header_an_empty_array_or_nothing() {
    let dir = Dir::new();
    dir.create("empty.txt", "Nothing to see here.\n");
    let table = [
        ("csv", FIELDS.join(",") + "\n"),
        ("tsv", FIELDS.join("\t") + "\n"),
        ("jsonl", String::new()),
        ("json", "[]\n".to_string()),
    ];
    for (format, expected) in table {
        let out = dir
            .run(&["extract", "--format", format, "empty.txt"])
            .success();
        assert_text_eq(format, &expected, &out.stdout);
    }
}

// ---- where documents come from ----

#[test]
fn stdin_is_read_with_no_path_or_dash() {
    let dir = Dir::new();
    for args in [
        &["extract", "--format", "jsonl"][..],
        &["extract", "--format", "jsonl", "-"],
    ] {
        let out = dir.run_stdin(args, SMALL.as_bytes()).success();
        assert_records_eq(&format!("{args:?}"), &small_expected("-"), &out.records());
    }
}

#[test]
fn stdin_keeps_its_place_among_files() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA\n");
    dir.create("b.txt", "NASA\n");
    let out = dir
        .run_stdin(&["extract", "a.txt", "-", "b.txt"], b"NASA\n")
        .success();
    let docs: Vec<String> = parse("csv", true, &out.stdout)
        .into_iter()
        .map(|r| r.doc)
        .collect();
    assert_eq!(docs, ["a.txt", "-", "b.txt"]);
}

#[test]
fn files_are_written_in_command_line_order() {
    let dir = Dir::new();
    for name in ["a.txt", "b.txt", "c.txt"] {
        dir.create(name, "The US and NASA.\n");
    }
    let out = dir.run(&["extract", "c.txt", "a.txt", "b.txt"]).success();
    let docs: Vec<(String, usize)> = parse("csv", true, &out.stdout)
        .into_iter()
        .map(|r| (r.doc, r.start))
        .collect();
    let expected: Vec<(String, usize)> = ["c.txt", "a.txt", "b.txt"]
        .iter()
        .flat_map(|d| [(d.to_string(), 4), (d.to_string(), 11)])
        .collect();
    assert_eq!(docs, expected);
}

#[test]
fn folders_are_walked_in_sorted_order_skipping_hidden_entries() {
    let dir = Dir::new();
    // Created out of order, so that creation order cannot pass for sorted order.
    for name in [
        "in/b/d/e.txt",
        ".git/x.txt",
        "in/.git/x.txt",
        "in/b/c.txt",
        "in/.hidden.txt",
        "in/c.txt",
        "in/a.txt",
        "in/b/.hidden/y.txt",
    ] {
        dir.create(name, "NASA\n");
    }
    // (working folder inside the temp folder, path given, docs expected)
    let table = [
        (
            "",
            "in",
            ["in/a.txt", "in/b/c.txt", "in/b/d/e.txt", "in/c.txt"],
        ),
        (
            "",
            "in/",
            ["in/a.txt", "in/b/c.txt", "in/b/d/e.txt", "in/c.txt"],
        ),
        (
            "",
            "./in",
            ["./in/a.txt", "./in/b/c.txt", "./in/b/d/e.txt", "./in/c.txt"],
        ),
        // The folder given is walked even though `.` looks hidden.
        (
            "in",
            ".",
            ["./a.txt", "./b/c.txt", "./b/d/e.txt", "./c.txt"],
        ),
        (
            "in/b",
            "..",
            ["../a.txt", "../b/c.txt", "../b/d/e.txt", "../c.txt"],
        ),
    ];
    for (cwd, path, expected) in table {
        let mut cmd = dir.command(["extract", path]);
        cmd.current_dir(dir.path().join(cwd));
        let out = util::Run::from(cmd.output().unwrap()).success();
        let docs: Vec<String> = parse("csv", true, &out.stdout)
            .into_iter()
            .map(|r| r.doc)
            .collect();
        assert_eq!(docs, expected, "extract {path} in {cwd:?}");
    }
}

// ---- offsets, lines, order ----

/// Check every record against the documents' bytes: `text` is `start..end`, `line` is 1 +
/// the newlines before `start`, and records come in (document order, start) order without
/// overlapping. `docs` lists the documents in the order their records must come.
fn check_offsets(docs: &[(String, Vec<u8>)], records: &[Rec]) {
    let mut last: Option<(usize, usize, usize)> = None; // (doc index, start, end)
    for r in records {
        let at = docs
            .iter()
            .position(|(name, _)| *name == r.doc)
            .unwrap_or_else(|| panic!("record of an unknown document: {r:?}"));
        let bytes = &docs[at].1;
        assert!(r.start < r.end && r.end <= bytes.len(), "bad span: {r:?}");
        assert_eq!(
            &bytes[r.start..r.end],
            r.text.as_bytes(),
            "text is not the bytes start..end: {r:?}"
        );
        let line = 1 + bytes[..r.start].iter().filter(|&&b| b == b'\n').count();
        assert_eq!(r.line, line, "wrong line: {r:?}");
        if let Some((prev_at, prev_start, prev_end)) = last {
            assert!(
                (prev_at, prev_start) < (at, r.start),
                "out of order after ({prev_at}, {prev_start}): {r:?}"
            );
            assert!(
                prev_at < at || prev_end <= r.start,
                "overlaps the previous one: {r:?}"
            );
        }
        last = Some((at, r.start, r.end));
    }
}

#[test]
fn offsets_and_lines_match_the_fixture_bytes() {
    let mut files: Vec<_> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    assert!(
        files.iter().all(|p| p.is_file()),
        "fixtures are expected to be flat"
    );
    let docs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
        .collect();
    let dir = Dir::new();
    for format in ["jsonl", "csv"] {
        let out = dir
            .run(&["extract", "--format", format, FIXTURES])
            .success();
        let records = parse(format, true, &out.stdout);
        assert!(
            records.len() > docs.len(),
            "suspiciously few records: {}",
            records.len()
        );
        check_offsets(&docs, &records);
    }
}

#[test]
fn offsets_and_lines_hold_for_awkward_text() {
    let text = "\u{feff}Über-headline: ESA and NASA\r\n\r\n\
                \t“NASA’s” chief met the US envoy — twice — on 3 March 2022.\n\
                Last line without newline: India";
    let dir = Dir::new();
    dir.create("awkward.txt", text);
    let out = dir
        .run(&["extract", "--format", "jsonl", "awkward.txt"])
        .success();
    let records = out.records();
    let found: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        found,
        ["ESA", "NASA", "NASA", "US", "3 March 2022", "India"]
    );
    check_offsets(&[("awkward.txt".into(), text.into())], &records);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    // 18 copies of the 15 fixtures: more documents than one chunk of work (256).
    let dir = Dir::new();
    for format in ["csv", "jsonl"] {
        let outputs: Vec<(&str, String)> = ["1", "2", "8"]
            .into_iter()
            .map(|n| {
                let mut args = vec!["extract", "--format", format, "--threads", n];
                args.extend(std::iter::repeat_n(FIXTURES, 18));
                (n, dir.run(&args).success().stdout)
            })
            .collect();
        let (_, one) = &outputs[0];
        assert!(one.lines().count() > 256, "too little output to compare");
        for (n, out) in &outputs[1..] {
            assert_text_eq(&format!("{format}: --threads 1 vs {n}"), one, out);
        }
    }
}

// ---- errors and exit codes ----

#[test]
fn missing_path_is_reported_and_the_other_files_still_written() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA met the US envoy.\n");
    dir.create("b.txt", "It launched on May 21, 2021.\n");
    let good = dir
        .run(&["extract", "--format", "jsonl", "a.txt", "b.txt"])
        .success();
    let out = dir.run(&[
        "extract",
        "--format",
        "jsonl",
        "a.txt",
        "missing.txt",
        "b.txt",
    ]);
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    assert!(
        out.stderr.starts_with("orbitext: missing.txt: ")
            && out.stderr.contains("No such file or directory")
            && out.stderr.lines().count() == 1,
        "stderr: {}",
        out.stderr
    );
    assert_records_eq("records of the good files", &good.records(), &out.records());
    assert_eq!(out.records().len(), 3);
}

#[test]
fn invalid_utf8_is_decoded_as_windows_1252_with_a_warning() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA met the US envoy.\n");
    dir.create(
        "latin1.txt",
        b"NASA and the Agence spatiale fran\xe7aise.\n",
    );
    dir.create("b.txt", "It launched on May 21, 2021.\n");
    let out = dir.run(&["extract", "a.txt", "latin1.txt", "b.txt"]);
    assert_eq!(out.code, Some(0), "stderr: {}", out.stderr);
    assert!(
        out.stderr.starts_with("orbitext: warning: latin1.txt: ")
            && out.stderr.contains("windows-1252")
            && out.stderr.lines().count() == 1,
        "stderr: {}",
        out.stderr
    );
    let docs: Vec<String> = parse("csv", true, &out.stdout)
        .into_iter()
        .map(|r| r.doc)
        .collect();
    assert_eq!(docs, ["a.txt", "a.txt", "latin1.txt", "b.txt"]);
}

#[test]
fn every_failed_file_is_reported_in_order() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA\n");
    dir.create("bad.txt", b"\xff\n");
    let out = dir.run(&["extract", "gone1.txt", "a.txt", "bad.txt", "gone2.txt"]);
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    let prefixes: Vec<&str> = out
        .stderr
        .lines()
        .map(|l| {
            let l = l.strip_prefix("orbitext: ").unwrap();
            let l = l.strip_prefix("warning: ").unwrap_or(l);
            l.split(": ").next().unwrap()
        })
        .collect();
    assert_eq!(
        prefixes,
        ["gone1.txt", "bad.txt", "gone2.txt"],
        "stderr: {}",
        out.stderr
    );
    assert_eq!(parse("csv", true, &out.stdout).len(), 1);
}

#[test]
fn documents_without_mentions_exit_zero() {
    let dir = Dir::new();
    dir.create(
        "plain.txt",
        "The weather was fine and the coffee was hot.\n",
    );
    dir.create("empty.txt", "");
    let out = dir.run(&["extract", "plain.txt", "empty.txt"]).success();
    assert_text_eq("csv", &(FIELDS.join(",") + "\n"), &out.stdout);
    let out = dir
        .run_stdin(&["extract", "--format", "jsonl"], b"")
        .success();
    assert_text_eq("empty stdin", "", &out.stdout);
}

#[test]
fn zero_threads_is_a_usage_error() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA\n");
    let out = dir.run(&["extract", "--threads", "0", "a.txt"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("--threads"), "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
}

/// Start a run whose output is far larger than a pipe buffer, read one line, close the pipe:
/// the run must end quietly with exit 0, as under `orbitext … | head -1`.
fn closed_pipe_is_quiet(format: &str) {
    let dir = Dir::new();
    let mut args = vec!["extract", "--format", format];
    // 30 copies of the fixtures: about 1 MB of CSV, more of JSON.
    args.extend(std::iter::repeat_n(FIXTURES, 30));
    let mut child = dir.command(&args).spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "no output at all");
    drop(reader);
    let out = util::Run::from(child.wait_with_output().unwrap());
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (Some(0), ""),
        "{format}: a closed pipe must be a quiet exit 0"
    );
}

#[test]
fn closed_pipe_is_quiet_csv() {
    closed_pipe_is_quiet("csv");
}

#[test]
fn closed_pipe_is_quiet_tsv() {
    closed_pipe_is_quiet("tsv");
}

#[test]
fn closed_pipe_is_quiet_jsonl() {
    closed_pipe_is_quiet("jsonl");
}

#[test]
fn closed_pipe_is_quiet_json() {
    closed_pipe_is_quiet("json");
}

// ---- dictionaries ----

const DICT_HEADER: &str = "type\tid\tname\taliases\tcountry\torg\trole\n";
const ZEMBLA: &str = "agency\tZSA\tZembla Space Agency\tZSA\t\t\t\n";
const ZEMBLA_TEXT: &str = "The Zembla Space Agency (ZSA) met NASA on 3 March 2022.\n";

/// (type, text, id) of each record.
fn found(records: &[Rec]) -> Vec<(&str, &str, &str)> {
    records
        .iter()
        .map(|r| (r.kind.as_str(), r.text.as_str(), r.id.as_str()))
        .collect()
}

#[test]
fn user_dictionary_entries_are_found() {
    let dir = Dir::new();
    dir.create("zembla.tsv", format!("{DICT_HEADER}{ZEMBLA}"));
    dir.create("a.txt", ZEMBLA_TEXT);
    let out = dir
        .run(&["extract", "--dict", "zembla.tsv", "a.txt"])
        .success();
    // The id `ZSA` comes from the user entry: without it the agency is still recognised by
    // rule, but keyed by its full name.
    assert_eq!(
        found(&parse("csv", true, &out.stdout)),
        [
            ("agency", "Zembla Space Agency", "ZSA"),
            ("agency", "ZSA", "ZSA"),
            ("agency", "NASA", "NASA"),
            ("date", "3 March 2022", "2022-03-03"),
        ]
    );
}

#[test]
fn several_dictionaries_can_be_given() {
    let dir = Dir::new();
    dir.create("zembla.tsv", format!("{DICT_HEADER}{ZEMBLA}"));
    dir.create(
        "country.tsv",
        "type\tid\tname\taliases\ncountry\tQZ\tQuixland\tQuixlandia\n",
    );
    dir.create("a.txt", "Quixlandia and the ZSA met in Quixland.\n");
    let out = dir
        .run(&[
            "extract",
            "--no-builtin",
            "--dict",
            "zembla.tsv",
            "--dict",
            "country.tsv",
            "a.txt",
        ])
        .success();
    assert_eq!(
        found(&parse("csv", true, &out.stdout)),
        [
            ("country", "Quixlandia", "QZ"),
            ("agency", "ZSA", "ZSA"),
            ("country", "Quixland", "QZ"),
        ]
    );
}

#[test]
fn no_builtin_drops_the_embedded_dictionaries() {
    let dir = Dir::new();
    dir.create("zembla.tsv", format!("{DICT_HEADER}{ZEMBLA}"));
    dir.create("a.txt", ZEMBLA_TEXT);
    let out = dir
        .run(&["extract", "--no-builtin", "--dict", "zembla.tsv", "a.txt"])
        .success();
    assert_eq!(
        found(&parse("csv", true, &out.stdout)),
        [
            ("agency", "Zembla Space Agency", "ZSA"),
            ("agency", "ZSA", "ZSA"),
            ("date", "3 March 2022", "2022-03-03"),
        ]
    );
}

#[test]
fn malformed_dictionary_stops_the_run_before_any_output() {
    let dir = Dir::new();
    // Line 2 is a comment and line 3 a good row: the bad row is physical line 4.
    dir.create(
        "bad.tsv",
        format!("{DICT_HEADER}# a comment\n{ZEMBLA}agency\tQSA\tQuix Space Agency\n"),
    );
    dir.create("a.txt", ZEMBLA_TEXT);
    for format in ["csv", "tsv", "jsonl", "json"] {
        let out = dir.run(&["extract", "--format", format, "--dict", "bad.tsv", "a.txt"]);
        out.refused("bad.tsv:4:", format);
    }
}

#[test]
fn missing_dictionary_file_stops_the_run() {
    let dir = Dir::new();
    dir.create("a.txt", ZEMBLA_TEXT);
    let out = dir.run(&["extract", "--dict", "nowhere.tsv", "a.txt"]);
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    assert!(out.stderr.contains("nowhere.tsv"), "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
}

// ---- version and help ----

#[test]
fn version_is_the_crate_version() {
    let out = Dir::new().run(&["--version"]).success();
    assert_eq!(
        out.stdout,
        format!("orbitext {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn extract_help_mentions_every_flag_and_format() {
    use clap::CommandFactory;

    let out = Dir::new().run(&["extract", "--help"]).success();
    let cli = orbitext::Cli::command();
    let extract = cli
        .find_subcommand("extract")
        .expect("an extract subcommand");
    let declared: Vec<String> = extract
        .get_arguments()
        .filter_map(|a| a.get_long())
        .map(|l| format!("--{l}"))
        .collect();
    let listed = [
        "--format",
        "--no-header",
        "--threads",
        "--dict",
        "--no-builtin",
        "--help",
    ];
    for flag in declared.iter().map(String::as_str).chain(listed) {
        assert!(
            out.stdout.contains(flag),
            "help lacks {flag}:\n{}",
            out.stdout
        );
    }
    for format in ["csv:", "tsv:", "jsonl:", "json:"] {
        assert!(
            out.stdout.contains(format),
            "help lacks format {format}\n{}",
            out.stdout
        );
    }
}

// ---- extraction through the binary ----

#[test]
fn extraction_end_to_end() {
    type Found = &'static [(&'static str, &'static str, &'static str, &'static str)];
    // (name, text, expected (type, text, id, value))
    let table: &[(&str, &str, Found)] = &[
        (
            "curly possessive",
            "NASA’s rover landed.",
            &[("agency", "NASA", "NASA", "")],
        ),
        (
            "straight possessive",
            "NASA's rover landed.",
            &[("agency", "NASA", "NASA", "")],
        ),
        ("lower-case us", "They told us about it.", &[]),
        (
            "upper-case US",
            "The US signed it.",
            &[("country", "US", "US", "")],
        ),
        (
            "agency named after a country",
            "The Luxembourg Space Agency said so.",
            &[("agency", "Luxembourg Space Agency", "LSA", "")],
        ),
        ("demonym", "Chinese engineers built it.", &[]),
        (
            "US date",
            "It launched on May 21, 2021.",
            &[("date", "May 21, 2021", "2021-05-21", "2021-05-21")],
        ),
    ];
    let dir = Dir::new();
    for (name, text, expected) in table {
        dir.create("t.txt", format!("{text}\n"));
        let out = dir
            .run(&["extract", "--format", "jsonl", "t.txt"])
            .success();
        let records = out.records();
        let got: Vec<(&str, &str, &str, &str)> = records
            .iter()
            .map(|r| {
                (
                    r.kind.as_str(),
                    r.text.as_str(),
                    r.id.as_str(),
                    r.value.as_str(),
                )
            })
            .collect();
        assert_eq!(got, *expected, "{name}: {text}");
    }
}
