//! Helpers for the integration tests: a fresh temp folder per test, the real `orbitext`
//! binary run inside it, its output parsed back into records whatever the format, and
//! assertions that print both sides in full when they differ.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// The output fields, in the order every format must write them.
pub const FIELDS: [&str; 11] = [
    "doc", "type", "start", "end", "line", "text", "id", "name", "value", "role", "org",
];

/// The bundled fixture articles.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");

/// A temp folder that is the working directory of every command run from it; removed on drop.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("cannot create a temp folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// The names in the folder, sorted.
    #[allow(
        dead_code,
        reason = "only the tests of written files list their folder"
    )]
    pub fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .expect("the folder lists")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    /// Write `contents` to `name` (relative to the folder), creating parent folders.
    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("cannot create a folder");
        }
        std::fs::write(&path, contents).expect("cannot write a test file");
        path
    }

    /// The binary with `args`, run in this folder, stdin empty unless given later.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_orbitext"));
        cmd.current_dir(self.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Run the binary with `args` to the end.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("cannot run orbitext"))
    }

    /// Run the binary with `args`, `input` on its stdin.
    pub fn run_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .spawn()
            .expect("cannot run orbitext");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let input = input.to_vec();
        // Write from another thread so that a large input cannot deadlock against stdout.
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output().expect("cannot wait for orbitext");
        writer
            .join()
            .expect("stdin writer panicked")
            .expect("cannot write stdin");
        Run::from(output)
    }
}

/// What a finished run left behind.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

impl From<std::process::Output> for Run {
    fn from(o: std::process::Output) -> Run {
        Run {
            stdout: String::from_utf8(o.stdout).expect("stdout is not UTF-8"),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            code: o.status.code(),
        }
    }
}

impl Run {
    /// The records of a `--format jsonl` run.
    pub fn records(&self) -> Vec<Rec> {
        parse("jsonl", false, &self.stdout)
    }

    /// Panic unless the run was refused before writing anything: exit 2, no output, and an
    /// `orbitext:` message naming `named`. `what` says which case failed.
    pub fn refused(&self, named: &str, what: &str) {
        assert_eq!(self.code, Some(2), "{what}: stderr: {}", self.stderr);
        assert!(
            self.stderr.starts_with("orbitext: ") && self.stderr.contains(named),
            "{what}: stderr should name {named}: {}",
            self.stderr
        );
        assert_eq!(self.stdout, "", "{what}: nothing may be written");
    }

    /// Panic, showing stderr, unless the run exited 0 with nothing on stderr.
    pub fn success(self) -> Run {
        assert!(
            self.code == Some(0) && self.stderr.is_empty(),
            "expected exit 0 and an empty stderr, got exit {:?}\n--- stderr ---\n{}",
            self.code,
            self.stderr
        );
        self
    }
}

/// One output record, parsed back.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rec {
    pub doc: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub id: String,
    pub name: String,
    pub value: String,
    pub role: String,
    pub org: String,
}

impl Rec {
    /// A record from a CSV/TSV row, field by field in contract order.
    fn from_row(row: &csv::StringRecord) -> Rec {
        assert_eq!(row.len(), FIELDS.len(), "row {row:?} has the wrong length");
        let number = |i: usize| -> usize {
            row[i]
                .parse()
                .unwrap_or_else(|e| panic!("field {} of {row:?}: {e}", FIELDS[i]))
        };
        Rec {
            doc: row[0].to_string(),
            kind: row[1].to_string(),
            start: number(2),
            end: number(3),
            line: number(4),
            text: row[5].to_string(),
            id: row[6].to_string(),
            name: row[7].to_string(),
            value: row[8].to_string(),
            role: row[9].to_string(),
            org: row[10].to_string(),
        }
    }

    /// The record on one line, for readable diffs.
    pub fn to_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{}\t{}",
            self.doc,
            self.kind,
            self.start,
            self.end,
            self.line,
            self.text,
            self.id,
            self.name,
            self.value,
            self.role,
            self.org
        )
    }
}

/// Parse the output of `--format format`, checking the field order and that a header row
/// is there exactly when `header` says so (it is ignored for JSON formats).
pub fn parse(format: &str, header: bool, out: &str) -> Vec<Rec> {
    match format {
        "csv" => parse_delimited(b',', header, out),
        "tsv" => parse_delimited(b'\t', header, out),
        "jsonl" => out
            .lines()
            .map(|line| {
                assert_eq!(keys(line), FIELDS, "field order in {line}");
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))
            })
            .collect(),
        "json" => {
            let order: Vec<Keys> =
                serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
            for k in order {
                assert_eq!(k.0, FIELDS, "field order in {out}");
            }
            serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
        }
        other => panic!("no parser for format {other}"),
    }
}

fn parse_delimited(delimiter: u8, header: bool, out: &str) -> Vec<Rec> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(out.as_bytes());
    let mut rows = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}: {out}")));
    if header {
        let first = rows.next().expect("no header row");
        assert_eq!(first.iter().collect::<Vec<_>>(), FIELDS, "header row");
    }
    rows.map(|row| {
        assert_ne!(
            row.iter().collect::<Vec<_>>(),
            FIELDS,
            "unexpected header row"
        );
        Rec::from_row(&row)
    })
    .collect()
}

/// The keys of one JSON object, in the order written.
pub fn keys(object: &str) -> Vec<String> {
    serde_json::from_str::<Keys>(object)
        .unwrap_or_else(|e| panic!("{e}: {object}"))
        .0
}

/// A JSON object's keys in order (serde_json's `Value` would sort them).
struct Keys(Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                    keys.push(k);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(KeyVisitor)
    }
}

/// Assert two texts are equal; otherwise show where they first differ and both in full.
#[track_caller]
pub fn assert_text_eq(what: &str, expected: &str, got: &str) {
    if expected == got {
        return;
    }
    let (e, g): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    let first = (0..e.len().max(g.len()))
        .find(|&i| e.get(i) != g.get(i))
        .unwrap_or(e.len().min(g.len()));
    let numbered = |lines: &[&str]| -> String {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mark = if i == first { ">" } else { " " };
                format!("{mark}{:>5} {l}\n", i + 1)
            })
            .collect()
    };
    panic!(
        "{what}: texts differ, first at line {}\n\
         expected: {:?}\n     got: {:?}\n\
         ===== expected ({} lines) =====\n{}===== got ({} lines) =====\n{}=====",
        first + 1,
        e.get(first),
        g.get(first),
        e.len(),
        numbered(&e),
        g.len(),
        numbered(&g),
    );
}

/// Assert two record lists are equal, showing both one record a line when they are not.
#[track_caller]
pub fn assert_records_eq(what: &str, expected: &[Rec], got: &[Rec]) {
    let text = |rs: &[Rec]| -> String { rs.iter().map(|r| r.to_line() + "\n").collect() };
    assert_text_eq(what, &text(expected), &text(got));
}
