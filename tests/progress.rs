//! The progress display never reaches the output: `--progress` with stdout a pipe and stderr a
//! file leaves stdout byte for byte what it is without it, for every command that reads
//! documents, and `--no-progress` and the last of the two flags are taken as given. Under a
//! pseudo-terminal (util-linux `script`), the rule itself: a bar when stdout is a file, a
//! counter with no `[…]` below 80 columns, nothing when stdout is a pipe.

#[allow(dead_code)]
mod util;

use std::fs::File;
use std::process::{Command, Stdio};

use util::{Dir, FIXTURES};

/// stdout (piped) and stderr (into a file) of a run with `args`, which must succeed.
fn run(dir: &Dir, args: &[&str]) -> (Vec<u8>, String) {
    let log = dir.path().join("stderr.log");
    let output = dir
        .command(args)
        .stderr(Stdio::from(File::create(&log).unwrap()))
        .output()
        .expect("orbitext runs");
    assert!(output.status.success(), "{args:?}: {:?}", output.status);
    (output.stdout, std::fs::read_to_string(&log).unwrap())
}

#[test]
fn progress_flags_leave_the_output_as_it_is() {
    let dir = Dir::new();
    for command in ["extract", "summary", "events"] {
        for format in ["csv", "jsonl"] {
            let plain: &[&str] = &[command, "--format", format, FIXTURES];
            let (want, stderr) = run(&dir, plain);
            assert!(want.len() > 100, "{plain:?}: too little output");
            assert_eq!(stderr, "", "{plain:?}");
            for flags in [
                &["--progress"][..],
                &["--no-progress"],
                &["--no-progress", "--progress"],
                &["--progress", "--no-progress"],
                &["--progress", "--threads", "1"],
            ] {
                let args: Vec<&str> = plain.iter().chain(flags).copied().collect();
                let (got, stderr) = run(&dir, &args);
                assert!(
                    got == want,
                    "{args:?}: stdout differs from a run without the flags"
                );
                // stderr is no terminal: nothing is drawn there either.
                assert_eq!(stderr, "", "{args:?}");
            }
        }
    }
}

#[test]
fn progress_with_dash_o_writes_the_same_file() {
    let dir = Dir::new();
    let (want, _) = run(&dir, &["extract", FIXTURES]);
    let (stdout, stderr) = run(&dir, &["extract", "--progress", FIXTURES, "-o", "out.csv"]);
    assert!(stdout.is_empty() && stderr.is_empty(), "{stderr}");
    assert!(std::fs::read(dir.path().join("out.csv")).unwrap() == want);
}

/// Whether util-linux `script` is there to give stderr a pseudo-terminal. Without it, a test
/// is skipped with a notice on a developer's machine, and fails under CI (`CI` set).
fn script() -> bool {
    const HOW: &str = "the terminal tests of tests/progress.rs need util-linux `script` \
                       (Debian's bsdutils, installed everywhere)";
    let why = match Command::new("script").arg("--version").output() {
        Ok(out) if String::from_utf8_lossy(&out.stdout).contains("util-linux") => return true,
        Ok(_) => "`script --version` is not util-linux's".to_string(),
        Err(e) => format!("cannot run `script --version` ({e})"),
    };
    assert!(std::env::var_os("CI").is_none(), "{why}; {HOW}");
    eprintln!("skipped: {why}; {HOW}");
    false
}

/// What a terminal `columns` wide shows while `shell` runs in `dir` with stderr (and stdin)
/// on it, `orbitext` being the test binary.
fn on_terminal(dir: &Dir, columns: u16, shell: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_orbitext");
    let command = format!("stty cols {columns} rows 24; orbitext() {{ '{bin}' \"$@\"; }}; {shell}");
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn at_a_terminal_progress_is_drawn_only_where_it_cannot_tear_output() {
    if !script() {
        return;
    }
    let dir = Dir::new();
    let (want, _) = run(&dir, &["extract", FIXTURES]);
    let fixtures = format!("'{FIXTURES}'");
    // (what, columns, shell command writing out.csv, what the terminal shows)
    let cases = [
        (
            "stdout a file",
            120,
            format!("orbitext extract {fixtures} > out.csv"),
            Some(true),
        ),
        (
            "-o FILE",
            120,
            format!("orbitext extract {fixtures} -o out.csv"),
            Some(true),
        ),
        (
            "60 columns",
            60,
            format!("orbitext extract {fixtures} > out.csv"),
            Some(false),
        ),
        (
            "stdout a pipe",
            120,
            format!("orbitext extract {fixtures} | cat > out.csv"),
            None,
        ),
        (
            "--no-progress",
            120,
            format!("orbitext extract --no-progress {fixtures} > out.csv"),
            None,
        ),
        (
            "--progress, stdout a pipe",
            120,
            format!("orbitext extract --progress {fixtures} | cat > out.csv"),
            Some(true),
        ),
        (
            "--quiet",
            120,
            format!("orbitext extract -q {fixtures} > out.csv"),
            None,
        ),
    ];
    for (what, columns, shell, bar) in cases {
        let shown = visible(&on_terminal(&dir, columns, &shell));
        match bar {
            None => assert_eq!(shown, "", "{what}: nothing drawn"),
            Some(bar) => {
                assert!(
                    shown.contains("15 files"),
                    "{what}: the counter of files: {shown:?}"
                );
                assert_eq!(
                    shown.contains('['),
                    bar,
                    "{what}: a bar or a counter: {shown:?}"
                );
                // Each line drawn fits the terminal.
                for line in shown.split(['\r', '\n']) {
                    assert!(
                        line.chars().count() <= usize::from(columns),
                        "{what}: {line:?} is too wide"
                    );
                }
            }
        }
        let file = std::fs::read(dir.path().join("out.csv")).unwrap();
        assert!(file == want, "{what}: the output is as without a terminal");
    }
}

/// `shown` without the terminal's control sequences (`ESC [ 2 K` and the like).
fn visible(shown: &str) -> String {
    let control = regex::Regex::new("\x1b\\[[0-9;?]*[A-Za-z]").unwrap();
    control.replace_all(shown, "").into_owned()
}
