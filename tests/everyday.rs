//! The everyday path of a new user, run as a shell runs it: no path with stdin a terminal, the
//! `--type`/`--types` flag, `-j`, every subcommand on a closed pipe and on a full disk, JSON
//! Lines errors in plain words, warnings marked as warnings, the files stdout and `-o` write
//! to never read back, and an EXIT STATUS section in every manual page.

#[allow(dead_code)]
mod util;

use std::fs;
use std::process::Stdio;

use util::{Dir, FIXTURES};

/// Every subcommand, with arguments that make it write something to stdout.
fn every_subcommand(dir: &Dir) -> Vec<Vec<String>> {
    dir.create(
        "good.tsv",
        "type\tid\tname\taliases\nagency\tZSA\tZembla Space Agency\tZSA\n",
    );
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/gold");
    let events = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/events");
    let scored = ["eval", "--events", events, "--articles", FIXTURES];
    let lines: &[&[&str]] = &[
        &["extract", FIXTURES],
        &["summary", FIXTURES],
        &["events", FIXTURES],
        &["eval", "--gold", gold],
        &["eval", "--gold", gold, "--show-errors", "5"],
        &["eval", "--gold", gold, "--format", "json"],
        &["eval", "--gold", gold, "--check"],
        &scored,
        &[&scored[..], &["--show-errors", "5"]].concat(),
        &[&scored[..], &["--format", "json"]].concat(),
        &[&scored[..], &["--check"]].concat(),
        &["dicts", "list"],
        &["dicts", "check", "good.tsv"],
        &["completions", "bash"],
        &["man"],
        &["man", "extract"],
    ];
    lines
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// A pipe whose reader is already gone: the write end, for a child's stdout.
#[cfg(unix)]
fn closed_pipe() -> Stdio {
    use std::os::fd::FromRawFd;
    let mut fds = [0; 2];
    // SAFETY: `pipe` fills both descriptors on success; each is owned once below.
    assert_eq!(
        unsafe { libc::pipe(fds.as_mut_ptr()) },
        0,
        "cannot make a pipe"
    );
    let reader = unsafe { std::os::fd::OwnedFd::from_raw_fd(fds[0]) };
    drop(reader);
    unsafe { Stdio::from(std::os::fd::OwnedFd::from_raw_fd(fds[1])) }
}

#[cfg(unix)]
#[test]
fn every_subcommand_is_quiet_on_a_closed_pipe() {
    let dir = Dir::new();
    for args in every_subcommand(&dir) {
        let out = dir
            .command(&args)
            .stdout(closed_pipe())
            .output()
            .expect("cannot run orbitext");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn every_subcommand_reports_a_full_disk_on_stdout() {
    let dir = Dir::new();
    for args in every_subcommand(&dir) {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = dir
            .command(&args)
            .stdout(full)
            .output()
            .expect("cannot run orbitext");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr, "orbitext: stdout: No space left on device\n",
            "{args:?}"
        );
    }
    // A workbook too, and a full file named by -o, which the message names.
    let xlsx = ["summary", "--format", "xlsx", FIXTURES];
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = dir.command(xlsx).stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "orbitext: stdout: No space left on device\n"
    );
    for args in [&xlsx[..], &["extract", FIXTURES], &["dicts", "list"]] {
        let mut args = args.to_vec();
        args.extend(["-o", "/dev/full"]);
        let out = dir.run(&args);
        assert_eq!(out.code, Some(2), "{args:?}");
        assert_eq!(
            out.stderr, "orbitext: cannot write /dev/full: No space left on device\n",
            "{args:?}"
        );
    }
}

/// The terminal end of a new pseudo-terminal, for a child's stdin, with the other end, which
/// must stay open while the child runs.
#[cfg(target_os = "linux")]
fn terminal() -> (fs::File, fs::File) {
    use std::ffi::CStr;
    use std::os::fd::FromRawFd;
    // SAFETY: plain calls on the descriptor `posix_openpt` returns, which the File then owns.
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        assert!(master >= 0, "cannot open a pseudo-terminal");
        let master_file = fs::File::from_raw_fd(master);
        assert_eq!(libc::grantpt(master), 0);
        assert_eq!(libc::unlockpt(master), 0);
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
        let path = CStr::from_ptr(name.as_ptr()).to_str().unwrap().to_string();
        let slave = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .unwrap();
        (slave, master_file)
    }
}

#[cfg(target_os = "linux")]
#[test]
fn no_path_with_stdin_a_terminal_is_an_error_with_a_hint() {
    let dir = Dir::new();
    for command in ["extract", "summary", "events"] {
        let (tty, _master) = terminal();
        let out = dir
            .command([command])
            .stdin(tty)
            .output()
            .expect("cannot run orbitext");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("no input: name the files or folders to read"),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("cat a.txt | orbitext {command}")),
            "{stderr}"
        );
        assert!(out.stdout.is_empty(), "{command}");
    }
    // Stdin that is not a terminal is read as ever.
    let out = dir.run_stdin(&["extract"], b"NASA said so.\n").success();
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
}

#[test]
fn type_and_types_are_one_flag_and_an_unknown_type_lists_the_valid_ones() {
    let dir = Dir::new();
    dir.create("a.txt", "NASA and India signed a deal on May 21, 2021.\n");
    for base in [
        &["extract", "a.txt"][..],
        &["summary", "a.txt"],
        &["dicts", "list"],
    ] {
        let with = |flag: &str| {
            let mut args = base.to_vec();
            args.extend([flag, "agency"]);
            dir.run(&args).success().stdout
        };
        let (one, other) = (with("--type"), with("--types"));
        assert_eq!(one, other, "{base:?}");
        assert!(one.lines().count() > 1, "{base:?}: {one}");
        assert!(one.lines().skip(1).all(|l| l.contains("agency")), "{one}");

        let mut args = base.to_vec();
        args.extend(["--type", "bogus"]);
        let out = dir.run(&args);
        assert_eq!(out.code, Some(2), "{base:?}");
        assert!(out.stdout.is_empty(), "{base:?}: {}", out.stdout);
        assert!(
            out.stderr.contains("invalid value 'bogus'")
                && out
                    .stderr
                    .contains("possible values: country, agency, official"),
            "{base:?}: {}",
            out.stderr
        );
    }
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/gold");
    let eval = |flag: &str| {
        dir.run(&["eval", "--gold", gold, flag, "agency"])
            .success()
            .stdout
    };
    assert_eq!(eval("--type"), eval("--types"));
}

#[test]
fn j_is_short_for_threads() {
    let dir = Dir::new();
    let long = dir.run(&["extract", "--threads", "2", FIXTURES]).success();
    let short = dir.run(&["extract", "-j", "2", FIXTURES]).success();
    assert_eq!(long.stdout, short.stdout);
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/gold");
    dir.run(&["eval", "-j", "1", "--gold", gold]).success();
    let zero = dir.run(&["extract", "-j", "0", FIXTURES]);
    assert_eq!(zero.code, Some(2), "{}", zero.stderr);
}

#[test]
fn json_lines_errors_are_in_plain_words() {
    let dir = Dir::new();
    dir.create(
        "in.jsonl",
        "{\"id\":\"a\",\"text\":\"NASA\"}\n{\"id\":\"b\" \"text\":\"x\"}\n{\"text\": nul}\nNASA\n",
    );
    let out = dir.run(&[
        "extract",
        "--input-format",
        "jsonl",
        "--format",
        "jsonl",
        "in.jsonl",
    ]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "orbitext: in.jsonl:2: not JSON (column 11: a `,` or `}` is missing)\n\
         orbitext: in.jsonl:3: not JSON (column 13: a word not in quotes; JSON's only bare \
         words are true, false and null)\n\
         orbitext: in.jsonl:4: not JSON (column 1: a line must be an object such as \
         {\"text\": \"…\"})\n"
    );
    assert_eq!(out.records().len(), 1, "{}", out.stdout);
}

#[test]
fn warnings_are_marked_as_warnings() {
    let dir = Dir::new();
    dir.create("news/a.txt", "NASA said so.\n");
    dir.create("news/b.bin", b"NASA\x00\x01\x02");
    let out = dir.run(&["extract", "news"]);
    assert_eq!(out.code, Some(0));
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    for line in lines {
        assert!(line.starts_with("orbitext: warning: news/"), "{line}");
    }
    // An error is no warning.
    let out = dir.run(&["extract", "missing.txt"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.starts_with("orbitext: missing.txt: "),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn the_file_stdout_writes_to_is_never_read() {
    let dir = Dir::new();
    dir.create("news/a.txt", "NASA said so.\n");
    // Output from an earlier run, full of names that would be found again.
    let earlier = "doc,type\nnews/a.txt,NASA and India and ESA\n";
    for append in [true, false] {
        let out_path = dir.create("news/out.csv", earlier);
        let file = fs::OpenOptions::new()
            .append(append)
            .write(true)
            .open(&out_path)
            .unwrap();
        // Named through the folder and by a path of its own.
        for args in [
            &["extract", "news"][..],
            &["extract", "news/a.txt", "./news/out.csv"],
        ] {
            let out = dir
                .command(args)
                .stdout(file.try_clone().unwrap())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
            assert!(
                stderr.starts_with("orbitext: warning: ")
                    && stderr.contains("out.csv: is the file stdout writes to; skipped"),
                "{args:?}: {stderr}"
            );
        }
        let written = fs::read_to_string(&out_path).unwrap();
        let records: Vec<&str> = written.lines().filter(|l| l.contains(",agency,")).collect();
        assert_eq!(records.len(), 2, "{written}");
        assert!(
            records.iter().all(|r| r.starts_with("news/a.txt,")),
            "{written}"
        );
    }
    // Another file is read as ever, and a run to a pipe skips nothing.
    let out = dir.run(&["extract", "news"]).success();
    assert!(out.stdout.contains("news/out.csv,"), "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn the_file_o_writes_to_is_never_read() {
    let dir = Dir::new();
    dir.create(
        "news/a.txt",
        "NASA and India signed a memorandum of understanding on May 21, 2021.\n",
    );
    for command in ["extract", "summary", "events"] {
        let out_path = dir.path().join("news/out.csv");
        let _ = fs::remove_file(&out_path);
        let args = [command, "news", "-o", "news/out.csv"];
        // The first run finds no output to skip; the second finds the first's and passes it over.
        let first = dir.run(&args).success();
        assert_eq!(first.stderr, "", "{command}");
        let written = fs::read_to_string(&out_path).unwrap();
        assert!(written.contains("NASA"), "{command}: {written}");
        let again = dir.run(&args);
        assert_eq!(again.code, Some(0), "{command}");
        assert_eq!(
            again.stderr, "orbitext: warning: news/out.csv: is the file -o writes to; skipped\n",
            "{command}"
        );
        assert_eq!(fs::read_to_string(&out_path).unwrap(), written, "{command}");
        // Named by a path of its own, through a link, it is the same file.
        let link = dir.path().join("news-link");
        let _ = fs::remove_file(&link);
        std::os::unix::fs::symlink(dir.path().join("news"), &link).unwrap();
        let out = dir.run(&[
            command,
            "news/a.txt",
            "news-link/out.csv",
            "-o",
            "news/out.csv",
        ]);
        assert_eq!(out.code, Some(0), "{command}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("news-link/out.csv: is the file -o writes to; skipped"),
            "{command}: {}",
            out.stderr
        );
        assert_eq!(fs::read_to_string(&out_path).unwrap(), written, "{command}");
    }
    let records = fs::read_to_string(dir.path().join("news/out.csv")).unwrap();
    assert!(!records.contains("news/out.csv"), "{records}");
    // Another run's output file is read as ever.
    let out = dir.run(&["extract", "news", "-o", "other.csv"]).success();
    assert_eq!(out.stderr, "");
    let other = fs::read_to_string(dir.path().join("other.csv")).unwrap();
    assert!(other.contains("news/out.csv,"), "{other}");
}

#[test]
fn every_manual_page_has_an_exit_status_section() {
    let dir = Dir::new();
    dir.run(&["man", "--dir", "pages"]).success();
    let mut pages: Vec<String> = fs::read_dir(dir.path().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(pages.len() >= 9, "{pages:?}");
    for page in &pages {
        let roff = fs::read_to_string(dir.path().join("pages").join(page)).unwrap();
        assert!(
            roff.contains(".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\n"),
            "{page}"
        );
        assert!(roff.contains("\\fB2\\fR"), "{page}");
    }
    let eval = fs::read_to_string(dir.path().join("pages/orbitext-eval.1")).unwrap();
    assert!(
        eval.contains("\\fB1\\fR\nThe relaxed micro F1 is below"),
        "{eval}"
    );
    let shown = dir.run(&["man", "dicts", "check"]).success().stdout;
    assert_eq!(
        shown,
        fs::read_to_string(dir.path().join("pages/orbitext-dicts-check.1")).unwrap()
    );
    // The page is still the whole page: options before the exit codes, version after.
    let main = dir.run(&["man"]).success().stdout;
    let at = |s: &str| main.find(s).unwrap_or_else(|| panic!("no {s}"));
    assert!(at(".SH OPTIONS") < at(".SH \"EXIT STATUS\""));
    assert!(at(".SH \"EXIT STATUS\"") < at(".SH VERSION"));
}
