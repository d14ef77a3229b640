//! Scaling out with GNU parallel, as the README's "Scaling out" section shows it: the
//! documents split into groups, one `orbitext` process per group, `--keep-order` putting the
//! groups' output back in list order. These tests run that recipe through a real shell and
//! `parallel`, and check that it writes byte for byte what one run over the same documents
//! writes. They need GNU parallel (`.ci/run` installs it): without it they are skipped with a
//! notice, unless `CI` is set, when they fail.
//! A last test checks what lets engines run one process per core: orbitext reading JSON
//! Lines from stdin uses one thread unless told otherwise, by a flag only.

// The shared helpers serve several test files; this one uses only a few of them.
#[allow(dead_code)]
mod util;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use util::{assert_text_eq, Dir, FIXTURES};

/// Whether GNU parallel is there to run the recipe (moreutils ships a different program of the
/// same name that takes other options). Without it, a test is skipped with a notice on a
/// developer's machine, and fails under CI (`CI` set), whose image must have it.
fn gnu_parallel() -> bool {
    const HOW: &str = "tests/parallel.rs needs GNU parallel: `apt-get install parallel` \
                       (Debian, Ubuntu), `dnf install parallel` or `brew install parallel`";
    let why = match Command::new("parallel").arg("--version").output() {
        Ok(out) if String::from_utf8_lossy(&out.stdout).starts_with("GNU parallel") => {
            return true;
        }
        Ok(out) => format!(
            "`parallel --version` printed {:?}, not GNU parallel",
            String::from_utf8_lossy(&out.stdout)
        ),
        Err(e) => format!("cannot run `parallel --version` ({e})"),
    };
    assert!(std::env::var_os("CI").is_none(), "{why}; {HOW}");
    // Straight to stderr: the test harness keeps what `eprintln!` prints from a test that
    // passes, and a skip must be seen.
    let _ = writeln!(std::io::stderr(), "skipped: {why}; {HOW}");
    false
}

/// Run `script` with bash in `dir`, the test binary first on `PATH` as `orbitext`, and return
/// its stdout; panic with its stderr unless it succeeds. Any failing stage of a pipeline fails
/// the script, so a worker's error cannot pass unnoticed.
fn shell(dir: &Path, script: &str) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_orbitext"))
        .parent()
        .expect("the binary is in a folder");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH entries hold no separator");
    let out = Command::new("bash")
        .args(["-c", &format!("set -euo pipefail\n{script}")])
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .expect("cannot run bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "script failed with {}:\n{script}\n--- stderr ---\n{stderr}",
        out.status
    );
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

/// A folder `news/` holding the fixture articles and, in subfolders, names that a shell
/// would split or unquote, so that the recipe is seen to pass every name through intact, and
/// folders (`zz`, `zz more`) that a plain sort of whole paths puts in another order than
/// the walk.
fn news() -> Dir {
    let dir = Dir::new();
    let mut names: Vec<_> = std::fs::read_dir(FIXTURES)
        .expect("cannot list the fixtures")
        .map(|e| e.expect("cannot list the fixtures").path())
        .collect();
    names.sort();
    for (i, path) in names.iter().enumerate() {
        let text = std::fs::read(path).expect("cannot read a fixture");
        let name = path.file_name().unwrap().to_str().unwrap();
        // The last articles go where only careful quoting finds them again.
        let to = match i {
            0..=9 => format!("news/{name}"),
            10 | 11 => format!("news/zz/{name}"),
            12 => format!("news/zz more/it's {name}"),
            13 => format!("news/zz more/día $HOME {name}"),
            _ => format!("news/zz more/\"quoted\" {name}"),
        };
        dir.create(&to, text);
    }
    assert!(names.len() >= 15, "expected at least 15 fixture articles");
    dir
}

/// The file list the README builds, in the order `orbitext extract news/` reads the folder.
const LIST: &str =
    "find news -type f -not -path '*/.*' | tr / '\\001' | LC_ALL=C sort | tr '\\001' / > files.txt\n";

#[test]
fn csv_from_parallel_workers_is_one_run() {
    if !gnu_parallel() {
        return;
    }
    let dir = news();
    let one = shell(dir.path(), "orbitext extract news");
    assert!(one.lines().count() > 300, "too few records to test:\n{one}");

    // Five groups of 3 on 2 job slots, so a later group can finish before an earlier one.
    let scaled = shell(
        dir.path(),
        &format!(
            "{LIST}\
             orbitext extract < /dev/null > mentions.csv\n\
             parallel --will-cite --keep-order -j 2 -N 3 -a files.txt \\\n    \
                 orbitext extract --threads 1 --no-header >> mentions.csv\n\
             cat mentions.csv"
        ),
    );
    assert_text_eq("parallel CSV against one run", &one, &scaled);
}

#[test]
fn json_lines_from_parallel_workers_is_one_run() {
    if !gnu_parallel() {
        return;
    }
    let dir = news();
    let one = shell(dir.path(), "orbitext extract --format jsonl news");
    let scaled = shell(
        dir.path(),
        &format!(
            "{LIST}\
             parallel --will-cite --keep-order -j 2 -N 4 -a files.txt \\\n    \
                 orbitext extract --threads 1 --format jsonl"
        ),
    );
    assert_text_eq("parallel JSON Lines against one run", &one, &scaled);
}

#[test]
fn json_lines_documents_split_by_parallel_pipe_are_one_run() {
    if !gnu_parallel() {
        return;
    }
    let dir = Dir::new();
    let mut docs = String::new();
    for copy in ["a", "b", "c"] {
        for entry in std::fs::read_dir(FIXTURES).expect("cannot list the fixtures") {
            let path = entry.expect("cannot list the fixtures").path();
            let text = std::fs::read_to_string(&path).expect("cannot read a fixture");
            let id = format!("{copy}/{}", path.file_name().unwrap().to_str().unwrap());
            docs += &serde_json::json!({ "id": id, "text": text }).to_string();
            docs.push('\n');
        }
    }
    dir.create("docs.jsonl", docs);
    let one = shell(
        dir.path(),
        "orbitext extract --input-format jsonl --format jsonl docs.jsonl",
    );
    assert!(one.lines().count() > 900, "too few records to test:\n{one}");

    // Groups of 7 lines: each worker gets whole documents, never part of one.
    let scaled = shell(
        dir.path(),
        "parallel --will-cite --pipe --keep-order -j 2 -N 7 \\\n    \
             orbitext extract --input-format jsonl --format jsonl < docs.jsonl",
    );
    assert_text_eq("parallel --pipe against one run", &one, &scaled);
}

/// A worker that fails makes the whole pipeline fail, and the other groups are still written,
/// in order: `parallel` exits with the number of jobs that failed (orbitext exits 2 for a
/// missing file), and the worker's message reaches stderr.
#[test]
fn a_failing_worker_fails_the_run() {
    if !gnu_parallel() {
        return;
    }
    let dir = news();
    let out = Command::new("bash")
        .args([
            "-c",
            "set -o pipefail\n\
             printf '%s\\n' news/01*.txt missing.txt news/02*.txt \
             | parallel --will-cite --keep-order -j 2 -N 1 \"$0\" extract --no-header",
            env!("CARGO_BIN_EXE_orbitext"),
        ])
        .current_dir(dir.path())
        .output()
        .expect("cannot run bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "one job failed; stderr: {stderr}"
    );
    assert!(stderr.contains("missing.txt"), "stderr: {stderr}");
    let docs: Vec<&str> = stdout.lines().map(|l| &l[..l.find(',').unwrap()]).collect();
    assert!(
        docs.first().is_some_and(|d| d.starts_with("news/01"))
            && docs.last().is_some_and(|d| d.starts_with("news/02")),
        "the other groups are written in order:\n{stdout}"
    );
}

/// The threads of an `orbitext extract` reading JSON Lines from stdin with `flags` and the
/// environment variables `env`, counted once it has written a record: its worker pool is
/// built by then.
#[cfg(target_os = "linux")]
fn threads_reading_stdin(flags: &[&str], env: &[(&str, &str)]) -> usize {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::Stdio;

    let mut child = Command::new(env!("CARGO_BIN_EXE_orbitext"))
        .args(["extract", "--input-format", "jsonl", "--format", "jsonl"])
        .args(flags)
        .arg("-")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot run orbitext");
    // Several batches of documents, so that records come out while stdin is still open.
    let line = "{\"id\":\"a\",\"text\":\"NASA and the UK signed an MoU.\"}\n";
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let (close, closed) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        stdin.write_all(line.repeat(1000).as_bytes())?;
        let _ = closed.recv();
        Ok::<_, std::io::Error>(())
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("cannot read stdout");
    assert!(
        first.contains("NASA"),
        "no record while stdin is open: {first:?}"
    );
    let threads = std::fs::read_dir(format!("/proc/{}/task", child.id()))
        .expect("cannot list the process's threads")
        .count();
    close.send(()).expect("the writer waits");
    stdout
        .read_to_end(&mut Vec::new())
        .expect("cannot read stdout");
    writer
        .join()
        .expect("the writer panicked")
        .expect("cannot write stdin");
    assert!(child.wait().expect("cannot wait").success());
    threads
}

/// An engine runs one process per core and pipes JSON Lines into each, so orbitext reading
/// them from stdin uses one worker thread unless `--threads` says otherwise; rayon's
/// environment variable changes nothing, since every setting is a flag.
#[cfg(target_os = "linux")]
#[test]
fn json_lines_on_stdin_default_to_one_thread() {
    let one = threads_reading_stdin(&["--threads", "1"], &[]);
    assert_eq!(
        threads_reading_stdin(&["--threads", "3"], &[]),
        one + 2,
        "the count must see the workers"
    );
    assert_eq!(threads_reading_stdin(&[], &[]), one, "default");
    assert_eq!(
        threads_reading_stdin(&[], &[("RAYON_NUM_THREADS", "3")]),
        one,
        "RAYON_NUM_THREADS must not change the default"
    );
}
