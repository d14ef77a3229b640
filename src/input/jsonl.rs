//! JSON Lines input: each line of a file or of stdin is one document, an object such as
//! `{"id": "a1", "text": "…"}`.
//!
//! The thread that feeds the workers only splits the input into lines ([`Lines`]), so a file of
//! a million articles is never held in memory; each line travels to a worker as raw bytes
//! ([`Line`]) and [`parse`] turns it there into the document's text, named by its id, or into
//! an error naming `FILE:LINE`. Only the id and text fields are decoded: every other field is
//! skipped without being built. Offsets then index the decoded `text` value as UTF-8, so
//! `text[start..end]` is a record's text whatever escapes the line used.

use std::fmt;
use std::io::{self, BufRead};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::anyhow;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::decode::BINARY_PROBE;
use super::job::{end_on_failure, Fields, Job, Line, Piece};
use super::walk::doc_name;

/// The lines of a JSON Lines file, or why it cannot be read.
pub(crate) fn file_jobs(path: PathBuf, max_line: usize) -> Box<dyn Iterator<Item = Job> + Send> {
    let doc = doc_name(&path);
    let opened = std::fs::metadata(&path).and_then(|meta| {
        if meta.is_dir() {
            return Err(io::Error::other("is a folder"));
        }
        std::fs::File::open(&path)
    });
    match opened {
        Ok(file) => Box::new(Lines::new(
            doc,
            Box::new(io::BufReader::new(file)),
            max_line,
        )),
        Err(e) => Box::new(std::iter::once(Job::Failed {
            doc,
            error: anyhow!("{e}"),
        })),
    }
}

/// The lines of one file or of stdin, as jobs: a [`Job::Line`] for each line that is not blank,
/// read one at a time as the iterator is advanced.
pub struct Lines {
    file: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    /// Lines read so far.
    number: usize,
    /// The longest line read as a document.
    max_line: usize,
    done: bool,
}

impl Lines {
    pub fn new(file: String, reader: Box<dyn BufRead + Send>, max_line: usize) -> Lines {
        Lines {
            file: file.into(),
            reader,
            number: 0,
            max_line,
            done: false,
        }
    }

    /// Why the input cannot be JSON Lines at all, judged from its first bytes: a whole file of
    /// bad lines would say less than one message. `Ok(Some)` is a reason to skip it quietly
    /// (binary), `Err` a reason to report it as an error.
    fn check_start(&mut self) -> io::Result<Result<Option<String>, String>> {
        let head = self.reader.fill_buf()?;
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Ok(Err("UTF-16 text; JSON Lines must be UTF-8 \
                           (convert it with `iconv -f UTF-16 -t UTF-8`)"
                .into()));
        }
        let probe = &head[..head.len().min(BINARY_PROBE)];
        if let Some(at) = probe.iter().position(|&b| b == 0) {
            return Ok(Ok(Some(format!("binary file (NUL byte at {at}); skipped"))));
        }
        // A byte-order mark, as some Windows tools write, is no part of the first object.
        if head.starts_with(b"\xEF\xBB\xBF") {
            self.reader.consume(3);
        }
        Ok(Ok(None))
    }

    fn next_job(&mut self) -> io::Result<Option<Job>> {
        if self.number == 0 {
            match self.check_start()? {
                Ok(None) => {}
                Ok(Some(why)) => {
                    self.done = true;
                    let doc = self.file.to_string();
                    return Ok(Some(Job::Skipped { doc, why }));
                }
                Err(why) => {
                    self.done = true;
                    let doc = self.file.to_string();
                    let error = anyhow!(why);
                    return Ok(Some(Job::Failed { doc, error }));
                }
            }
        }
        loop {
            let mut bytes = Vec::new();
            // Room for the longest line and its line end (`\r\n`).
            let limit = u64::try_from(self.max_line).map_or(u64::MAX, |n| n.saturating_add(2));
            if io::Read::take(&mut *self.reader, limit).read_until(b'\n', &mut bytes)? == 0 {
                return Ok(None);
            }
            self.number += 1;
            // The line end goes, so that an object cut off inside a string is reported as
            // such, not as a string holding a line break.
            let whole = bytes.ends_with(b"\n");
            if whole {
                bytes.pop();
                if bytes.ends_with(b"\r") {
                    bytes.pop();
                }
            }
            if bytes.len() > self.max_line {
                if !whole {
                    self.skip_line()?;
                }
                return Ok(Some(Job::Failed {
                    doc: format!("{}:{}", self.file, self.number),
                    error: anyhow!(
                        "line longer than {} bytes (--max-line-size); skipped",
                        self.max_line
                    ),
                }));
            }
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some(Job::Line(Line {
                    file: self.file.clone(),
                    number: self.number,
                    bytes,
                })));
            }
        }
    }
}

impl Lines {
    /// Pass over the rest of the current line without keeping it.
    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buffer.is_empty() {
                return Ok(());
            }
            match memchr::memchr(b'\n', buffer) {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(());
                }
                None => {
                    let n = buffer.len();
                    self.reader.consume(n);
                }
            }
        }
    }
}

impl Iterator for Lines {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        let next = if self.done { Ok(None) } else { self.next_job() };
        end_on_failure(&mut self.done, next, || {
            format!("{}:{}", self.file, self.number + 1)
        })
    }
}

/// A line as the document it holds (`Job::Piece`), or as the error that makes it no document
/// (`Job::Failed`, named `FILE:LINE`).
pub fn parse(line: Line, fields: &Fields) -> Job {
    let mut de = serde_json::Deserializer::from_slice(&line.bytes);
    let parsed = DocumentSeed(fields)
        .deserialize(&mut de)
        .and_then(|doc| de.end().map(|()| doc));
    match parsed {
        Ok((id, text)) => Job::Piece(Piece::whole(
            id.unwrap_or_else(|| line.place()),
            text,
            Vec::new(),
        )),
        Err(e) => Job::Failed {
            doc: line.place(),
            error: anyhow!(describe(&e)),
        },
    }
}

/// A parse error as one line of a message in plain words: for a line that is not JSON, what
/// is wrong and at which column (`not JSON (column 12: a `,` or `}` is missing)`), rather than
/// serde_json's own terms (`expected ident`); serde_json's "at line 1 column N" is dropped, as
/// a line is always line 1 to it.
fn describe(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&position).unwrap_or(&full);
    let column = e.column();
    let plain = match e.classify() {
        serde_json::error::Category::Eof => match what.strip_prefix("EOF while parsing ") {
            Some("a string") => "the line ends inside a string: a closing `\"` is missing".into(),
            Some("a list") => "the line ends inside a list: a closing `]` is missing".into(),
            Some("an object") => "the line ends inside the object: a closing `}` is missing".into(),
            _ => "the line ends where a value should follow".into(),
        },
        serde_json::error::Category::Syntax => {
            let why = match what {
                "expected value" if column == 1 => {
                    "a line must be an object such as {\"text\": \"…\"}"
                }
                "expected value" => "no value where one should be",
                "expected ident" => {
                    "a word not in quotes; JSON's only bare words are true, false and null"
                }
                "expected `:`" => "a `:` is missing after a key",
                "expected `,` or `]`" => "a `,` or `]` is missing",
                "expected `,` or `}`" => "a `,` or `}` is missing",
                "expected `\"`" => "a key in quotes should be here",
                "key must be a string" => "a key must be a string in quotes",
                "trailing comma" => "a comma before the closing bracket",
                "trailing characters" => "more after the object; one document per line",
                "invalid escape" => "a `\\` escape JSON does not have",
                "invalid number" | "number out of range" => "a number JSON cannot read",
                "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
                    "a `\\u` escape cut short, or half of a surrogate pair"
                }
                "control character (\\u0000-\\u001F) found while parsing a string" => {
                    "a tab or control character inside a string: write it as \\t or \\u00XX"
                }
                other => other,
            };
            format!("column {column}: {why}")
        }
        _ => return found_instead(what),
    };
    format!("not JSON ({plain})")
}

/// serde's "invalid type: integer `5`, expected a string for `text`" as "expected a string
/// for `text`, found the number 5", in JSON's names for its values; other messages as they are.
fn found_instead(what: &str) -> String {
    let Some((found, expected)) = what
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return what.to_string();
    };
    let found = match found {
        "null" | "unit" => "null".to_string(),
        "sequence" => "an array".to_string(),
        "map" => "an object".to_string(),
        _ => match found.split_once(' ') {
            Some(("integer" | "floating point", n)) => {
                format!("the number {}", n.trim_matches('`'))
            }
            Some(("boolean", b)) => b.trim_matches('`').to_string(),
            _ => found.to_string(),
        },
    };
    format!("expected {expected}, found {found}")
}

/// Reads one document object: its id, if any, and its text.
struct DocumentSeed<'f>(&'f Fields);

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = (Option<String>, String);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = (Option<String>, String);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object with a `{}` string", self.0.text)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let fields = self.0;
        let mut id: Option<Option<String>> = None;
        let mut text: Option<String> = None;
        while let Some(key) = map.next_key_seed(KeySeed(fields))? {
            match key {
                Key::Text if text.is_some() => {
                    return Err(de::Error::custom(format!("duplicate `{}`", fields.text)))
                }
                Key::Id if id.is_some() => {
                    return Err(de::Error::custom(format!("duplicate `{}`", fields.id)))
                }
                Key::Text => text = Some(map.next_value_seed(TextSeed(&fields.text))?),
                Key::Id => {
                    let raw: &'de RawValue = map.next_value()?;
                    id = Some(id_text(raw, &fields.id).map_err(de::Error::custom)?);
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let text = text.ok_or_else(|| de::Error::custom(format!("no `{}` field", fields.text)))?;
        Ok((id.flatten(), text))
    }
}

/// A document's id as records carry it: a string's value, or a number as the line writes it
/// (`7`, `1.50`, `12345678901234567890` kept exactly); `None` for null.
fn id_text(raw: &RawValue, name: &str) -> Result<Option<String>, String> {
    let json = raw.get();
    match json.as_bytes()[0] {
        b'"' => serde_json::from_str(json)
            .map(Some)
            .map_err(|e| e.to_string()),
        b'-' | b'0'..=b'9' => Ok(Some(json.to_string())),
        b'n' => Ok(None),
        _ => Err(format!("`{name}` must be a string or a number, not {json}")),
    }
}

/// Which field a key names.
enum Key {
    Id,
    Text,
    Other,
}

/// Compares a key with the field names without allocating it.
struct KeySeed<'f>(&'f Fields);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.0.text {
            Key::Text
        } else if key == self.0.id {
            Key::Id
        } else {
            Key::Other
        })
    }
}

/// The text field's string, with a message that names the field when it is something else.
struct TextSeed<'f>(&'f str);

impl<'de> DeserializeSeed<'de> for TextSeed<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_string(self)
    }
}

impl Visitor<'_> for TextSeed<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a string for `{}`", self.0)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_string())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(json: &str) -> Line {
        Line {
            file: "in.jsonl".into(),
            number: 7,
            bytes: json.as_bytes().to_vec(),
        }
    }

    /// The (doc, text) a line gives, or its error message.
    type Parsed = Result<(String, String), String>;

    fn parsed(json: &str, fields: &Fields) -> Parsed {
        match parse(line(json), fields) {
            Job::Piece(p) => Ok((p.doc, p.text)),
            Job::Failed { doc, error } => {
                assert_eq!(doc, "in.jsonl:7");
                Err(format!("{error}"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn documents() {
        let ok = |doc: &str, text: &str| Ok((doc.to_string(), text.to_string()));
        // (name, line, expected (doc, text))
        let rows: &[(&str, &str, Parsed)] = &[
            (
                "string id",
                r#"{"id":"a1","text":"NASA"}"#,
                ok("a1", "NASA"),
            ),
            (
                "text first",
                r#"{"text":"NASA","id":"a1"}"#,
                ok("a1", "NASA"),
            ),
            ("integer id", r#"{"id": 42, "text": "x"}"#, ok("42", "x")),
            (
                "number as written",
                r#"{"id":1.50,"text":"x"}"#,
                ok("1.50", "x"),
            ),
            (
                "beyond u64",
                r#"{"id":12345678901234567890,"text":"x"}"#,
                ok("12345678901234567890", "x"),
            ),
            ("negative", r#"{"id":-3,"text":"x"}"#, ok("-3", "x")),
            ("escaped id", r#"{"id":"a\"b","text":"x"}"#, ok("a\"b", "x")),
            ("no id", r#"{"text":"x"}"#, ok("in.jsonl:7", "x")),
            (
                "null id",
                r#"{"id":null,"text":"x"}"#,
                ok("in.jsonl:7", "x"),
            ),
            (
                "escapes decoded",
                r#"{"id":"e","text":"a\nb\u00e9\ud83d\ude80"}"#,
                ok("e", "a\nbé🚀"),
            ),
            (
                "other fields skipped",
                r#"{"url":"u","id":"o","meta":{"text":"no","a":[1,{"id":2}]},"text":"yes"}"#,
                ok("o", "yes"),
            ),
            ("escaped key", r#"{"te\u0078t":"x","id":"k"}"#, ok("k", "x")),
            (
                "CRLF line end",
                "{\"id\":\"c\",\"text\":\"x\"}\r\n",
                ok("c", "x"),
            ),
            ("empty text", r#"{"id":"z","text":""}"#, ok("z", "")),
        ];
        for (name, json, want) in rows {
            assert_eq!(&parsed(json, &Fields::default()), want, "{name}");
        }
    }

    #[test]
    fn bad_lines() {
        // (name, line, a part of the message)
        let rows: &[(&str, &str, &str)] = &[
            (
                "not JSON",
                "NASA met ESA",
                "not JSON (column 1: a line must be an object such as {\"text\": \"…\"})",
            ),
            (
                "cut off",
                r#"{"id":"a","text":"NA"#,
                "not JSON (the line ends inside a string: a closing `\"` is missing)",
            ),
            (
                "trailing",
                r#"{"text":"x"} {"#,
                "not JSON (column 14: more after the object; one document per line)",
            ),
            (
                "a bare word",
                r#"{"text":nope}"#,
                "not JSON (column 10: a word not in quotes; JSON's only bare words are true, \
                 false and null)",
            ),
            (
                "missing comma",
                r#"{"id":"a" "text":"x"}"#,
                "not JSON (column 11: a `,` or `}` is missing)",
            ),
            ("no text", r#"{"id":"a"}"#, "no `text` field"),
            (
                "null text",
                r#"{"text":null}"#,
                "expected a string for `text`",
            ),
            (
                "number text",
                r#"{"text":5}"#,
                "expected a string for `text`, found the number 5",
            ),
            (
                "array",
                r#"["text"]"#,
                "expected a JSON object with a `text` string, found an array",
            ),
            (
                "bool id",
                r#"{"id":true,"text":"x"}"#,
                "`id` must be a string or a number, not true",
            ),
            (
                "object id",
                r#"{"id":{},"text":"x"}"#,
                "must be a string or a number",
            ),
            (
                "duplicate text",
                r#"{"text":"a","text":"b"}"#,
                "duplicate `text`",
            ),
            (
                "lone surrogate",
                r#"{"text":"\ud800"}"#,
                "not JSON (column 16: a `\\u` escape cut short, or half of a surrogate pair)",
            ),
        ];
        for (name, json, want) in rows {
            let got = parsed(json, &Fields::default()).unwrap_err();
            assert!(got.contains(want), "{name}: {got}");
            assert!(!got.contains("line 1"), "{name}: {got}");
        }
        let got = parse(
            Line {
                bytes: b"{\"text\":\"caf\xe9\"}".to_vec(),
                ..line("")
            },
            &Fields::default(),
        );
        assert!(matches!(got, Job::Failed { .. }), "invalid UTF-8: {got:?}");
    }

    #[test]
    fn renamed_fields() {
        let fields = Fields {
            id: "uuid".into(),
            text: "body".into(),
            ..Fields::default()
        };
        let got = parsed(r#"{"id":"no","text":"no","uuid":"u","body":"b"}"#, &fields);
        assert_eq!(got, Ok(("u".into(), "b".into())));
        let got = parsed(r#"{"text":"x"}"#, &fields).unwrap_err();
        assert!(got.contains("no `body` field"), "{got}");
    }

    /// The jobs of `input` as (kind, name, line number or text).
    fn lines(input: &[u8]) -> Vec<String> {
        Lines::new("f".into(), Box::new(io::Cursor::new(input.to_vec())), 64)
            .map(|job| match job {
                Job::Line(l) => format!("line {}: {}", l.number, String::from_utf8_lossy(&l.bytes)),
                Job::Skipped { doc, why } => format!("skipped {doc}: {why}"),
                Job::Failed { doc, error } => format!("failed {doc}: {error}"),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_line_longer_than_the_limit_is_an_error_naming_it_and_the_rest_is_read() {
        let long = format!("{{\"text\":\"{}\"}}", "Ministry of ".repeat(10));
        let exact = format!("{{\"text\":\"{}\"}}", "x".repeat(64 - 11));
        assert_eq!(exact.len(), 64);
        let input = format!("{{\"a\":1}}\n{long}\n{exact}\r\n{long}");
        let jobs = lines(input.as_bytes());
        assert_eq!(jobs.len(), 4, "{jobs:?}");
        assert_eq!(jobs[0], "line 1: {\"a\":1}");
        assert_eq!(
            jobs[1],
            "failed f:2: line longer than 64 bytes (--max-line-size); skipped"
        );
        assert_eq!(jobs[2], format!("line 3: {exact}"));
        assert!(jobs[3].starts_with("failed f:4: line longer"), "{jobs:?}");
    }

    #[test]
    fn splitting_into_lines() {
        assert_eq!(
            lines(b"\xEF\xBB\xBF{\"a\":1}\n\n  \r\n{\"b\":2}\r\n\t\n{\"c\":3}"),
            [
                "line 1: {\"a\":1}",
                "line 4: {\"b\":2}",
                "line 6: {\"c\":3}"
            ]
        );
        assert!(lines(b"").is_empty());
        assert!(lines(b"\n\n").is_empty());
        let skipped = lines(b"{\"a\":1}\n\x00\x01");
        assert!(
            skipped.len() == 1 && skipped[0].starts_with("skipped f: binary file"),
            "{skipped:?}"
        );
        let utf16 = lines(b"\xFF\xFE{\0\n\0");
        assert!(
            utf16.len() == 1 && utf16[0].starts_with("failed f: UTF-16"),
            "{utf16:?}"
        );
    }
}
