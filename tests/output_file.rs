//! `-o/--output FILE`, end to end: the file holds the bytes stdout would, it is replaced only
//! when the run gets to the end, and no temporary file is left beside it.

// The shared helpers serve several test files; this one uses only a few of them.
#[allow(dead_code)]
mod util;

use std::fs;

use util::{Dir, FIXTURES};

fn with_o<'a>(args: &[&'a str], file: &'a str) -> Vec<&'a str> {
    args.iter().copied().chain(["-o", file]).collect()
}

#[test]
fn the_file_holds_the_bytes_stdout_would() {
    let dir = Dir::new();
    let commands: [&[&str]; 4] = [
        &["extract", FIXTURES, "--context", "20"],
        &[
            "extract",
            FIXTURES,
            "--bom",
            "--no-header",
            "--types",
            "date",
        ],
        &["summary", FIXTURES],
        &["dicts", "list", "--type", "agency"],
    ];
    for command in commands {
        for format in ["csv", "tsv", "jsonl", "json"] {
            if format.starts_with("json") && command.contains(&"--bom") {
                continue;
            }
            let args: Vec<&str> = command
                .iter()
                .copied()
                .chain(["--format", format])
                .collect();
            let stdout = dir.run(&args).success().stdout;
            assert!(!stdout.is_empty(), "{args:?}");
            let run = dir.run(&with_o(&args, "out")).success();
            assert_eq!(run.stdout, "", "{args:?}: nothing on stdout");
            let file = fs::read_to_string(dir.path().join("out")).expect("the file is there");
            util::assert_text_eq(&format!("{args:?}"), &stdout, &file);
            assert_eq!(dir.listing(), ["out"], "{args:?}: no temporary file left");
        }
    }
}

#[test]
fn an_existing_file_is_replaced_only_by_a_run_that_gets_to_the_end() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA met ESA.\n");
    dir.create("bad.tsv", "type\tid\tname\taliases\nagency\tX\n");
    dir.create("out.csv", "the old file\n");
    let old = || fs::read_to_string(dir.path().join("out.csv")).unwrap();
    let refusals: [&[&str]; 4] = [
        // A malformed dictionary stops the run before any output.
        &["extract", "a.txt", "--dict", "bad.tsv"],
        &["summary", "a.txt", "--dict", "bad.tsv"],
        &["dicts", "list", "--dict", "bad.tsv"],
        // Flags that do not go together are a usage error.
        &["extract", "a.txt", "--format", "jsonl", "--bom"],
    ];
    for args in refusals {
        let run = dir.run(&with_o(args, "out.csv"));
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert_eq!(old(), "the old file\n", "{args:?}");
        let names = dir.listing();
        assert_eq!(names, ["a.txt", "bad.tsv", "out.csv"], "{args:?}");
    }

    // A file in a folder that does not exist is refused before anything is read.
    let run = dir.run(&["extract", "a.txt", "-o", "no/such/out.csv"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("cannot write no/such/out.csv"),
        "{}",
        run.stderr
    );
    let run = dir.run(&["extract", "a.txt", "-o", "."]);
    assert!(run.stderr.contains("it is a folder"), "{}", run.stderr);

    dir.run(&["extract", "a.txt", "-o", "out.csv"]).success();
    let stdout = dir.run(&["extract", "a.txt"]).success().stdout;
    assert_eq!(old(), stdout);
    assert_eq!(dir.listing(), ["a.txt", "bad.tsv", "out.csv"]);
}

#[test]
fn a_run_with_unreadable_documents_still_writes_the_others() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA met ESA.\n");
    dir.create("out.jsonl", "the old file\n");
    for command in ["extract", "summary"] {
        let args = [command, "a.txt", "missing.txt", "--format", "jsonl"];
        let stdout = dir.run(&args);
        assert_eq!(stdout.code, Some(2));
        let run = dir.run(&with_o(&args, "out.jsonl"));
        assert_eq!(run.code, Some(2), "{command}");
        assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
        let file = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
        assert!(file.contains("NASA"), "{command}: {file}");
        assert_eq!(file, stdout.stdout, "{command}");
    }
}

#[test]
fn the_temporary_file_is_hidden_from_the_folder_being_read() {
    let dir = Dir::new();
    dir.create("in/a.txt", "NASA met ESA.\n");
    dir.run(&["extract", "in", "--format", "jsonl", "-o", "in/out.jsonl"])
        .success();
    let file = fs::read_to_string(dir.path().join("in/out.jsonl")).unwrap();
    let docs: Vec<String> = file.lines().map(|l| l[..18].to_string()).collect();
    assert_eq!(docs, [r#"{"doc":"in/a.txt","#; 2], "{file}");
}

#[cfg(unix)]
#[test]
fn a_new_file_has_the_mode_a_redirection_gives() {
    use std::os::unix::fs::PermissionsExt;

    let dir = Dir::new();
    dir.create("a.txt", "NASA met ESA.\n");
    let probe = dir.create("probe", "");
    dir.run(&["extract", "a.txt", "-o", "out.csv"]).success();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode();
    assert_eq!(mode(&dir.path().join("out.csv")), mode(&probe));
}
