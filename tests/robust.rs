//! Robustness on inputs nobody curated (issue 6): encodings, binary and special files, empty,
//! large and single-line files, hostile dictionaries, exit codes and `--quiet`. Every hostile
//! file is generated here, in a fresh temp folder; the binary is run as a user runs it. The
//! property tests at the end drive the library with arbitrary text and bytes.

mod util;

use std::sync::OnceLock;

use proptest::prelude::*;
use util::{assert_records_eq, Dir, Rec, FIXTURES};

/// Check every record against the document's text as orbitext reads it: `text` is exactly the
/// bytes `start..end`, on character boundaries, `line` counts the line ends before `start`,
/// and the records are sorted and do not overlap.
#[track_caller]
fn check_records(text: &str, records: &[Rec]) {
    let (mut last_end, mut line) = (0, 1);
    for r in records {
        assert!(r.start < r.end && r.end <= text.len(), "bad span: {r:?}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "span not on character boundaries: {r:?}"
        );
        assert_eq!(
            &text[r.start..r.end],
            r.text,
            "text is not the slice: {r:?}"
        );
        assert!(last_end <= r.start, "out of order or overlapping: {r:?}");
        line += text[last_end..r.start]
            .bytes()
            .filter(|&b| b == b'\n')
            .count();
        assert_eq!(r.line, line, "wrong line: {r:?}");
        line += text[r.start..r.end].bytes().filter(|&b| b == b'\n').count();
        last_end = r.end;
    }
}

/// (type, text, id) of each record.
fn found(records: &[Rec]) -> Vec<(&str, &str, &str)> {
    records
        .iter()
        .map(|r| (r.kind.as_str(), r.text.as_str(), r.id.as_str()))
        .collect()
}

/// The records with `doc` set to `name`, to compare runs over differently named inputs.
fn renamed(records: &[Rec], name: &str) -> Vec<Rec> {
    records
        .iter()
        .map(|r| Rec {
            doc: name.into(),
            ..r.clone()
        })
        .collect()
}

/// An article with mentions on several lines, multi-byte characters and CRLF line ends.
const ARTICLE: &str = "NASA’s chief met the envoy of India.\r\n\r\n\
                       Zürich hosted the European Space Agency on 3 March 2022.\r\n";

// ---- encodings ----

#[test]
fn utf8_with_a_byte_order_mark_keeps_byte_offsets_into_the_file() {
    let dir = Dir::new();
    let text = format!("\u{feff}{ARTICLE}");
    dir.create("bom.txt", &text);
    let out = dir
        .run(&["extract", "--format", "jsonl", "bom.txt"])
        .success();
    let records = out.records();
    assert_eq!(
        found(&records),
        [
            ("agency", "NASA", "NASA"),
            ("country", "India", "IN"),
            ("agency", "European Space Agency", "ESA"),
            ("date", "3 March 2022", "2022-03-03"),
        ]
    );
    // The BOM's three bytes count: the first mention starts at byte 3.
    assert_eq!(records[0].start, 3);
    check_records(&text, &records);
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let dir = Dir::new();
    let text = format!("\u{feff}{ARTICLE}");
    dir.create("utf8.txt", &text);
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    dir.create("le.txt", le);
    dir.create("be.txt", be);
    let expected = dir
        .run(&["extract", "--format", "jsonl", "utf8.txt"])
        .success()
        .records();
    assert_eq!(expected.len(), 4);
    for name in ["le.txt", "be.txt"] {
        let out = dir.run(&["extract", "--format", "jsonl", name]).success();
        // Offsets index the decoded UTF-8 text, which is the UTF-8 file's.
        assert_records_eq(name, &renamed(&expected, name), &out.records());
    }
}

#[test]
fn every_fixture_gives_the_same_records_in_utf16() {
    let dir = Dir::new();
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    for name in &names {
        let text = format!(
            "\u{feff}{}",
            std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
        );
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        dir.create(&format!("utf8/{name}"), &text);
        dir.create(&format!("le/{name}"), le);
        dir.create(&format!("be/{name}"), be);
    }
    let records = |folder: &str| {
        let out = dir.run(&["extract", "--format", "jsonl", folder]).success();
        out.records()
            .into_iter()
            .map(|r| Rec {
                doc: r.doc.replacen(folder, "", 1),
                ..r
            })
            .collect::<Vec<Rec>>()
    };
    let utf8 = records("utf8");
    assert!(
        utf8.len() > names.len() * 5,
        "too few records: {}",
        utf8.len()
    );
    assert_records_eq("UTF-16LE", &utf8, &records("le"));
    assert_records_eq("UTF-16BE", &utf8, &records("be"));
}

#[test]
fn invalid_utf8_is_read_as_windows_1252_with_one_warning() {
    let dir = Dir::new();
    // windows-1252: é is 0xE9, the curly quotes 0x93 and 0x94, € is 0x80.
    let bytes = b"Fran\xe7ois met \x93NASA\x94 officials in Paris.\n\
                  The talks with Brazil cost \x8010m on 3 March 2022.\n";
    dir.create("legacy.txt", bytes);
    let out = dir.run(&["extract", "--format", "jsonl", "legacy.txt"]);
    assert_eq!(out.code, Some(0), "stderr: {}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one warning: {}", out.stderr);
    assert!(
        out.stderr.starts_with("orbitext: warning: legacy.txt: ")
            && out.stderr.contains("windows-1252"),
        "stderr: {}",
        out.stderr
    );
    let records = out.records();
    assert_eq!(
        found(&records),
        [
            ("agency", "NASA", "NASA"),
            ("country", "Brazil", "BR"),
            ("date", "3 March 2022", "2022-03-03"),
        ]
    );
    // Offsets index the text converted to UTF-8.
    let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    check_records(&decoded, &records);

    let quiet = dir
        .run(&["extract", "--quiet", "--format", "jsonl", "legacy.txt"])
        .success();
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn encoding_flag_forces_an_encoding() {
    let dir = Dir::new();
    let text = "In Zürich, Austria und die NASA: 3 €.\n";
    let (latin9, _, _) = encoding_rs::ISO_8859_15.encode(text);
    dir.create("latin9.txt", &latin9);
    // UTF-16 without a byte-order mark looks binary unless the encoding is given.
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    dir.create("utf16.txt", le);
    for (file, label) in [("latin9.txt", "iso-8859-15"), ("utf16.txt", "UTF-16LE")] {
        let out = dir
            .run(&["extract", "--format", "jsonl", "--encoding", label, file])
            .success();
        let records = out.records();
        assert_eq!(
            found(&records),
            [("country", "Austria", "AT"), ("agency", "NASA", "NASA")],
            "{file}"
        );
        check_records(text, &records);
    }
    let out = dir.run(&["extract", "utf16.txt"]);
    assert!(out.stderr.contains("binary"), "stderr: {}", out.stderr);
}

#[test]
fn unknown_encoding_is_a_usage_error() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA\n");
    let out = dir.run(&["extract", "--encoding", "klingon-8", "a.txt"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("klingon-8"), "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
}

#[test]
fn crlf_line_ends_count_one_line_each() {
    let dir = Dir::new();
    let text = "Intro line.\r\n\r\nIndia and Japan\r\nsigned on 3 March 2022.\r\n";
    dir.create("crlf.txt", text);
    let out = dir
        .run(&["extract", "--format", "jsonl", "crlf.txt"])
        .success();
    let records = out.records();
    let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 3, 4]);
    check_records(text, &records);
}

// ---- binary, empty and special files ----

#[test]
fn binary_files_are_skipped_with_a_warning() {
    let dir = Dir::new();
    dir.create("in/a.txt", "NASA met India.\n");
    dir.create(
        "in/b.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\0\0>>\nNASA\n",
    );
    dir.create("in/c.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    dir.create("in/d.txt", "It launched on 3 March 2022.\n");
    let out = dir.run(&["extract", "--format", "jsonl", "in"]);
    assert_eq!(out.code, Some(0), "stderr: {}", out.stderr);
    let warned: Vec<&str> = out
        .stderr
        .lines()
        .map(|l| l.split(": ").nth(2).unwrap_or(l))
        .collect();
    assert_eq!(warned, ["in/b.pdf", "in/c.png"], "stderr: {}", out.stderr);
    assert!(out
        .stderr
        .lines()
        .all(|l| l.starts_with("orbitext: warning: ") && l.contains("binary")));
    let docs: Vec<String> = out.records().into_iter().map(|r| r.doc).collect();
    assert_eq!(docs, ["in/a.txt", "in/a.txt", "in/d.txt"]);

    let quiet = dir
        .run(&["extract", "-q", "--format", "jsonl", "in"])
        .success();
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn empty_files_give_no_records_and_no_error() {
    let dir = Dir::new();
    dir.create("empty.txt", "");
    dir.create("bom-only.txt", "\u{feff}");
    dir.create("blank.txt", "\r\n\n\n");
    for format in ["csv", "jsonl", "json"] {
        let out = dir
            .run(&["extract", "--no-header", "--format", format])
            .success();
        let expected = if format == "json" { "[]\n" } else { "" };
        assert_eq!(out.stdout, expected, "{format} with empty stdin");
        let out = dir
            .run(&[
                "extract",
                "--no-header",
                "--format",
                format,
                "empty.txt",
                "bom-only.txt",
                "blank.txt",
            ])
            .success();
        assert_eq!(out.stdout, expected, "{format}");
    }
}

#[test]
fn a_failure_is_reported_after_everything_else_is_processed() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA met India.\n");
    dir.create("b.txt", "Japan too.\n");
    // --quiet silences warnings, never errors.
    for quiet in [false, true] {
        let mut args = vec!["extract", "--format", "jsonl"];
        if quiet {
            args.push("--quiet");
        }
        args.extend(["a.txt", "gone.txt", "b.txt"]);
        let out = dir.run(&args);
        assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
        assert!(
            out.stderr.starts_with("orbitext: gone.txt: ") && out.stderr.lines().count() == 1,
            "stderr: {}",
            out.stderr
        );
        assert_eq!(out.records().len(), 3);
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::{symlink, PermissionsExt};
    use std::process::{Command, Stdio};

    use super::*;

    /// The path named by each `orbitext: PATH: …` line of stderr.
    fn reported(stderr: &str) -> Vec<&str> {
        stderr
            .lines()
            .map(|l| {
                assert!(l.starts_with("orbitext: "), "stderr: {stderr}");
                l.split(": ").nth(1).unwrap_or(l)
            })
            .collect()
    }

    #[test]
    fn symlink_loops_and_broken_links_are_reported_and_skipped() {
        let dir = Dir::new();
        dir.create("in/a.txt", "NASA met India.\n");
        dir.create("in/z.txt", "Japan too.\n");
        let at = |name: &str| dir.path().join(name);
        symlink("self", at("in/self")).unwrap();
        symlink("pong", at("in/ping")).unwrap();
        symlink("ping", at("in/pong")).unwrap();
        symlink("nowhere.txt", at("in/broken")).unwrap();
        std::fs::create_dir(at("in/sub")).unwrap();
        symlink("..", at("in/sub/up")).unwrap();
        symlink("a.txt", at("in/linked.txt")).unwrap();
        let out = dir.run(&["extract", "--format", "jsonl", "in", "in/self"]);
        assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
        assert_eq!(
            reported(&out.stderr),
            [
                "in/broken",
                "in/ping",
                "in/pong",
                "in/self",
                "in/sub/up",
                "in/self"
            ],
            "stderr: {}",
            out.stderr
        );
        // A link to a file is read like the file.
        let docs: Vec<String> = out.records().into_iter().map(|r| r.doc).collect();
        assert_eq!(
            docs,
            [
                "in/a.txt",
                "in/a.txt",
                "in/linked.txt",
                "in/linked.txt",
                "in/z.txt"
            ]
        );
    }

    fn mkfifo(path: &std::path::Path) -> bool {
        Command::new("mkfifo")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn fifos_in_folders_are_reported_and_skipped() {
        let dir = Dir::new();
        dir.create("in/a.txt", "NASA met India.\n");
        if !mkfifo(&dir.path().join("in/pipe")) {
            eprintln!("no mkfifo here; test skipped");
            return;
        }
        // Nothing ever writes to the FIFO: opening it would wait for ever.
        let out = dir.run(&["extract", "--format", "jsonl", "in"]);
        assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
        assert_eq!(reported(&out.stderr), ["in/pipe"], "stderr: {}", out.stderr);
        assert!(out.stderr.contains("FIFO"), "stderr: {}", out.stderr);
        assert_eq!(out.records().len(), 2);
    }

    #[test]
    fn a_fifo_named_on_the_command_line_is_read() {
        let dir = Dir::new();
        let pipe = dir.path().join("pipe");
        if !mkfifo(&pipe) {
            eprintln!("no mkfifo here; test skipped");
            return;
        }
        // As with `orbitext extract <(zcat news.gz)`: a writer on the other end.
        let mut writer = Command::new("sh")
            .arg("-c")
            .arg("printf 'NASA met India.\\n' > pipe")
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let out = dir.run(&["extract", "--format", "jsonl", "pipe"]);
        // Should orbitext not have opened the FIFO, the writer would wait for ever.
        let _ = writer.kill();
        let _ = writer.wait();
        let out = out.success();
        assert_eq!(
            found(&out.records()),
            [("agency", "NASA", "NASA"), ("country", "India", "IN")]
        );
    }

    #[test]
    fn unreadable_files_and_folders_are_reported_and_skipped() {
        let dir = Dir::new();
        dir.create("in/a.txt", "NASA met India.\n");
        let secret = dir.create("in/b-secret.txt", "Japan too.\n");
        dir.create("in/c-locked/x.txt", "Japan too.\n");
        let locked = dir.path().join("in/c-locked");
        dir.create("in/d.txt", "Brazil too.\n");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let out = dir.run(&["extract", "--format", "jsonl", "in"]);
        // Let the temp folder be removed.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if std::fs::File::open(&secret).is_ok() {
            // Running as root: permissions do not stop reading; nothing to test.
            eprintln!("permissions are not enforced here; test skipped");
            return;
        }
        assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
        assert_eq!(
            reported(&out.stderr),
            ["in/b-secret.txt", "in/c-locked"],
            "stderr: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("ermission denied"),
            "stderr: {}",
            out.stderr
        );
        let docs: Vec<String> = out.records().into_iter().map(|r| r.doc).collect();
        assert_eq!(docs, ["in/a.txt", "in/a.txt", "in/d.txt"]);
    }
}

// ---- large files ----

/// A paragraph with four mentions, then plain filler, so that a large file stays fast to
/// extract even in a debug build.
const PARAGRAPH: &str = "NASA and the European Space Agency signed a memorandum of \
    understanding on May 21, 2021.\nThe rest is filler about orbits, fuel and the weather, \
    written long enough to look like a paragraph of news copy.\n\n";

#[test]
fn a_large_file_gives_the_records_of_its_paragraphs() {
    let dir = Dir::new();
    dir.create("one.txt", PARAGRAPH);
    let one = dir
        .run(&["extract", "--format", "jsonl", "one.txt"])
        .success()
        .records();
    assert_eq!(one.len(), 4);
    // About 3 MB: more than one piece whatever the piece size of the build.
    let copies = 3_000_000 / PARAGRAPH.len();
    let big = PARAGRAPH.repeat(copies);
    dir.create("big.txt", &big);
    let expected: Vec<Rec> = (0..copies)
        .flat_map(|i| {
            one.iter().map(move |r| Rec {
                doc: "big.txt".into(),
                start: r.start + i * PARAGRAPH.len(),
                end: r.end + i * PARAGRAPH.len(),
                line: r.line + i * 3,
                ..r.clone()
            })
        })
        .collect();
    let out = dir
        .run(&["extract", "--format", "jsonl", "big.txt"])
        .success();
    let got = out.records();
    assert_records_eq("big.txt", &expected, &got);
    check_records(&big, &got);

    // The same through stdin, which is always streamed.
    let out = dir
        .run_stdin(&["extract", "--format", "jsonl"], big.as_bytes())
        .success();
    assert_records_eq("stdin", &renamed(&expected, "-"), &out.records());
}

#[test]
fn a_ten_megabyte_single_line_works() {
    let dir = Dir::new();
    let filler = "lorem ipsum dolor sit amet, orbits fuel weather ".repeat(100_000);
    let line = format!("{filler} NASA met India {filler}");
    assert!(line.len() > 9_000_000 && !line.contains('\n'));
    dir.create("line.txt", &line);
    let out = dir
        .run(&["extract", "--format", "jsonl", "line.txt"])
        .success();
    let records = out.records();
    assert_eq!(
        found(&records),
        [("agency", "NASA", "NASA"), ("country", "India", "IN")]
    );
    assert_eq!(records[0].start, filler.len() + 1);
    check_records(&line, &records);
}

#[test]
fn utf8_with_one_stray_byte_stays_utf8() {
    let dir = Dir::new();
    let prose = "NASA’s “Artemis” talks with India’s agency went on. ".repeat(200);
    let bytes = [prose.as_bytes(), b"caf\xe9 ", prose.as_bytes()].concat();
    dir.create("stray.txt", &bytes);
    let out = dir.run(&["extract", "--format", "jsonl", "stray.txt"]);
    assert_eq!(out.code, Some(0), "stderr: {}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one warning: {}", out.stderr);
    assert!(out.stderr.contains("U+FFFD"), "stderr: {}", out.stderr);
    let records = out.records();
    // Every NASA and India on both sides of the stray byte, at its offsets in the file.
    let nasa = records.iter().filter(|r| r.text == "NASA").count();
    let india = records.iter().filter(|r| r.text == "India").count();
    assert_eq!((nasa, india), (400, 400));
    let decoded = String::from_utf8_lossy(&bytes);
    assert_eq!(decoded.len(), bytes.len() + 2, "one byte became U+FFFD");
    let after = prose.len() + "caf\u{fffd} ".len();
    assert!(
        records.iter().any(|r| r.start == after),
        "offsets past the byte shift by its replacement"
    );
    check_records(&decoded, &records);
}

#[test]
fn text_without_white_space_is_cut_between_words() {
    let dir = Dir::new();
    // Larger than any piece, with no space or line end anywhere.
    let text = "NASA,".repeat(600_000);
    dir.create("dense.txt", &text);
    let out = dir
        .run(&["extract", "--format", "jsonl", "dense.txt"])
        .success();
    let records = out.records();
    assert_eq!(records.len(), 600_000);
    assert!(records.iter().all(|r| r.text == "NASA" && r.start % 5 == 0));
    // One run of word characters larger than a piece is one word: nothing inside it is found.
    let word = format!("{}NASA{} NASA", "x".repeat(3_000_000), "y".repeat(10));
    dir.create("word.txt", &word);
    let out = dir
        .run(&["extract", "--format", "jsonl", "word.txt"])
        .success();
    let found: Vec<usize> = out.records().iter().map(|r| r.start).collect();
    assert_eq!(found, [word.len() - 4]);
}

#[test]
fn a_json_lines_line_over_the_size_limit_is_an_error_naming_it() {
    let dir = Dir::new();
    let big = format!(
        "{{\"id\":\"big\",\"text\":\"{}\"}}",
        "NASA orbit ".repeat(120_000)
    );
    let input =
        format!("{{\"id\":\"a\",\"text\":\"NASA\"}}\n{big}\n{{\"id\":\"b\",\"text\":\"India\"}}\n");
    dir.create("in.jsonl", &input);
    let jsonl = ["extract", "--input-format", "jsonl", "--format", "jsonl"];
    let out = dir.run(&[&jsonl[..], &["--max-line-size", "1M", "in.jsonl"]].concat());
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    assert_eq!(
        out.stderr.trim_end(),
        "orbitext: in.jsonl:2: line longer than 1048576 bytes (--max-line-size); skipped"
    );
    let docs: Vec<String> = out.records().into_iter().map(|r| r.doc).collect();
    assert_eq!(docs, ["a", "b"]);
    // Within the default limit the line is a document.
    let out = dir.run(&[&jsonl[..], &["in.jsonl"]].concat()).success();
    assert!(out.records().iter().any(|r| r.doc == "big"));
    let refused = dir.run(&["extract", "--max-line-size", "1M", "in.jsonl"]);
    assert_eq!(refused.code, Some(2));
    assert!(
        refused
            .stderr
            .starts_with("error: --max-line-size is only for --input-format jsonl"),
        "{}",
        refused.stderr
    );
}

// ---- hostile dictionaries ----

const DICT_HEADER: &str = "type\tid\tname\taliases\tcountry\torg\trole\n";

#[test]
fn malformed_dictionaries_stop_the_run_before_any_output() {
    // (file, contents, what stderr must name)
    let rows: &[(&str, &[u8], &str)] = &[
        ("empty.tsv", b"", "empty.tsv:1: no header row"),
        (
            "binary.tsv",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\0",
            "binary.tsv",
        ),
        ("nuls.tsv", b"\0\0type\tid\n\0\0\0\n", "nuls.tsv:1:"),
        (
            "short-row.tsv",
            b"type\tid\tname\taliases\r\nagency\tZSA\r\n",
            "short-row.tsv:2:",
        ),
    ];
    let dir = Dir::new();
    dir.create("a.txt", "NASA met India.\n");
    for (file, contents, named) in rows {
        dir.create(file, contents);
        for format in ["csv", "json"] {
            let out = dir.run(&["extract", "--format", format, "--dict", file, "a.txt"]);
            out.refused(named, file);
        }
    }
}

#[test]
fn odd_but_valid_dictionaries_work() {
    let dir = Dir::new();
    // A header and nothing else is an empty dictionary.
    dir.create("header-only.tsv", DICT_HEADER);
    // CRLF line ends are no part of the fields.
    dir.create(
        "crlf.tsv",
        format!("{DICT_HEADER}agency\tZSA\tZembla Space Agency\tZSA\t\t\t\n").replace('\n', "\r\n"),
    );
    // An alias of 10,000 characters (20,000 bytes).
    let long = "Ж".repeat(10_000);
    dir.create(
        "long.tsv",
        format!("{DICT_HEADER}agency\tLONG\tLong Agency\t{long}\t\t\t\n"),
    );
    let text = format!("The ZSA met {long} and NASA.\n");
    dir.create("a.txt", &text);
    let out = dir
        .run(&[
            "extract",
            "--format",
            "jsonl",
            "--dict",
            "header-only.tsv",
            "--dict",
            "crlf.tsv",
            "--dict",
            "long.tsv",
            "a.txt",
        ])
        .success();
    let records = out.records();
    assert_eq!(
        found(&records),
        [
            ("agency", "ZSA", "ZSA"),
            ("agency", long.as_str(), "LONG"),
            ("agency", "NASA", "NASA"),
        ]
    );
    check_records(&text, &records);
}

// ---- properties of the library ----

fn extractor() -> &'static orbitext::Extractor {
    static EXTRACTOR: OnceLock<orbitext::Extractor> = OnceLock::new();
    EXTRACTOR
        .get_or_init(|| orbitext::Extractor::from_dictionaries(true, &[]).expect("dictionaries"))
}

/// Extract from `text` and check every invariant of the output contract.
fn check_extraction(text: &str) -> Result<(), TestCaseError> {
    let mentions = extractor().extract(text);
    match orbitext::contract_violation(text, &mentions) {
        Some(violation) => Err(TestCaseError::fail(violation)),
        None => Ok(()),
    }
}

/// Text that looks like news often enough to find things: names, dates, agreement words,
/// punctuation, and characters whose case forms change length (`İ`, `ß`, `ﬁ`).
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        prop::sample::select(vec![
            "NASA",
            "ESA",
            "US",
            "U.S.",
            "India",
            "Georgia",
            "Luxembourg Space Agency",
            "European Space Agency",
            "Ministry of ",
            "Department of ",
            "Administrator ",
            "Commerce Secretary ",
            "Wilbur Ross",
            "Ross",
            "signed",
            "a memorandum of understanding",
            "(MoU)",
            "MoU",
            "treaty",
            "Artemis Accords",
            "May 21, 2021",
            "3 March 2022",
            "Sept. 30",
            "June",
            "2014-2020",
            "1980s",
            "this year",
            "on Wednesday",
            "’s",
            "'s",
            ", ",
            ". ",
            "(",
            ")",
            " — ",
            "\n",
            "\r\n",
            "\n\n",
            " ",
            "\u{feff}",
            "İ",
            "ß",
            "ﬁ",
            "ǅ",
            "\u{301}",
            "Ω",
            "🚀",
            "\0",
            "WASHINGTON, April 2, 2021 — ",
            " date 2021-05-21",
            // A no-break space before a title once split a character.
            "\u{a0}",
            "Minister ",
        ])
        .prop_map(str::to_string),
        "[A-Za-z]{1,8}",
        any::<String>(),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_unicode_text_gives_well_formed_mentions(text in any::<String>()) {
        check_extraction(&text)?;
    }

    #[test]
    fn newsy_text_gives_well_formed_mentions(text in newsy()) {
        check_extraction(&text)?;
    }

    #[test]
    fn any_bytes_decode_and_give_well_formed_mentions(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..600),
            // Without NUL bytes, so that the input is not taken for binary.
            prop::collection::vec(1u8.., 0..600),
            // News text with stray bytes, as in a page saved in a legacy encoding.
            (newsy(), prop::collection::vec(0x80u8.., 0..8)).prop_map(|(text, extra)| {
                let mut bytes = text.into_bytes();
                for (i, b) in extra.into_iter().enumerate() {
                    bytes.insert(i * 7 % (bytes.len() + 1), b);
                }
                bytes
            }),
        ],
    ) {
        // Binary input is skipped; anything else is decoded and extracted.
        if let Ok((text, _)) = orbitext::decode(bytes, None) {
            check_extraction(&text)?;
        }
    }
}
