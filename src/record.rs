//! The one output record: a mention as users and the scorer see it. Every format writes the
//! same fields in the same order, so a column means the same thing in CSV, TSV and JSON.

use serde::Serialize;

use crate::entity::{Kind, Mention};

/// One entity mention of one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Record<'a> {
    /// The document: the path as given or as found under a given folder; `-` for stdin.
    pub doc: &'a str,
    /// `country`, `agency`, `official`, `date` or `agreement`.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// Byte offset of the mention's first byte in the document.
    pub start: usize,
    /// Byte offset one past its last byte: `text` is exactly the bytes `start..end`.
    pub end: usize,
    /// The 1-based line of `start`.
    pub line: usize,
    /// The mention as written.
    pub text: &'a str,
    /// The canonical key: ISO alpha-2 code, agency acronym or name, official's full name,
    /// agreement kind, or a date's ISO 8601 value.
    pub id: &'a str,
    /// The canonical display name.
    pub name: &'a str,
    /// The ISO 8601 value for dates; empty for other types.
    pub value: &'a str,
    /// For officials: the title as written (`Commerce Secretary`), or the dictionary's.
    pub role: &'a str,
    /// For officials: the agency id or country code they serve.
    pub org: &'a str,
    /// With `--context N` only: the mention with up to N characters of the document either
    /// side, line breaks and tabs as spaces. Left out of every format without the flag, so the
    /// default schema stays the eleven fields above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// The fields of a record, in order; `context` is last and written with `--context` only.
const FIELDS: [&str; 12] = [
    "doc", "type", "start", "end", "line", "text", "id", "name", "value", "role", "org", "context",
];

/// The header row of CSV and TSV output, with the `context` column or without it.
pub fn header(context: bool) -> &'static [&'static str] {
    with_context(&FIELDS, context)
}

/// `fields`, whose last is `context`, with it or without it.
pub(crate) fn with_context(
    fields: &'static [&'static str],
    context: bool,
) -> &'static [&'static str] {
    if context {
        fields
    } else {
        &fields[..fields.len() - 1]
    }
}

/// The records of one document, with line numbers counted in one pass over the text.
pub fn records<'a>(doc: &'a str, text: &'a str, mentions: &'a [Mention]) -> Vec<Record<'a>> {
    each_record(doc, text, mentions).collect()
}

/// [`records`] one at a time, so that a caller can render them in bounded batches.
pub fn each_record<'a>(
    doc: &'a str,
    text: &'a str,
    mentions: &'a [Mention],
) -> impl Iterator<Item = Record<'a>> + 'a {
    // Mentions are sorted by start: each line number is the previous one plus the line breaks
    // passed since, read off the line breaks' positions (one counting call per mention cost
    // more than the counting).
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes()).peekable();
    let mut line = 1;
    mentions.iter().map(move |m| {
        while breaks.next_if(|&b| b < m.start).is_some() {
            line += 1;
        }
        Record {
            doc,
            kind: m.kind,
            start: m.start,
            end: m.end,
            line,
            text: &text[m.start..m.end],
            id: &m.id,
            name: &m.name,
            value: &m.value,
            role: &m.role,
            org: &m.org,
            context: None,
        }
    })
}

/// `text[start..end]` with up to `n` characters either side, on one line: CR LF, and any
/// other line break, tab or control character, become one space each. Counted in characters
/// (Unicode scalar values), so a character is never split.
pub fn context(text: &str, start: usize, end: usize, n: usize) -> String {
    let from = text[..start]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(start, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| end + i);
    let window = &text[from..to];
    let mut folded = String::with_capacity(window.len());
    let mut chars = window.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        let breaks = c.is_control() || c == '\u{2028}' || c == '\u{2029}';
        folded.push(if breaks { ' ' } else { c });
    }
    folded
}

/// Why `mentions` break the output contract for `text`, if they do: every span is non-empty,
/// inside the text and on character boundaries; spans are sorted and never overlap; every
/// record's `text` is exactly its bytes and its `line` the line of its start. The property
/// tests and the fuzz target hold the extractor to this.
pub fn contract_violation(text: &str, mentions: &[Mention]) -> Option<String> {
    let mut last_end = 0;
    for m in mentions {
        if !(m.start < m.end && m.end <= text.len()) {
            return Some(format!("bad span {m:?}"));
        }
        if !(text.is_char_boundary(m.start) && text.is_char_boundary(m.end)) {
            return Some(format!("span not on character boundaries: {m:?}"));
        }
        if m.start < last_end {
            return Some(format!("out of order or overlapping: {m:?}"));
        }
        last_end = m.end;
    }
    records("doc", text, mentions).into_iter().find_map(|r| {
        let line = 1 + text[..r.start].matches('\n').count();
        (r.text != &text[r.start..r.end] || r.line != line)
            .then(|| format!("record {r:?} does not match its bytes or its line {line}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts() {
        // (name, text, mention, n, expected)
        let rows: &[(&str, &str, &str, usize, &str)] = &[
            ("both sides", "the NASA team", "NASA", 3, "he NASA te"),
            ("none", "the NASA team", "NASA", 0, "NASA"),
            ("clipped at the ends", "a NASA b", "NASA", 10, "a NASA b"),
            ("characters, not bytes", "éé€NASA€éé", "NASA", 2, "é€NASA€é"),
            (
                "four-byte characters",
                "🚀🚀NASA🚀🚀",
                "NASA",
                1,
                "🚀NASA🚀",
            ),
            ("LF", "one\nNASA\ntwo", "NASA", 4, "one NASA two"),
            (
                "CRLF is one space",
                "one\r\nNASA\r\ntwo",
                "NASA",
                5,
                "one NASA two",
            ),
            ("CRLF cut in half", "one\r\nNASA", "NASA", 1, " NASA"),
            ("tabs and lone CR", "a\tb\rNASA", "NASA", 4, "a b NASA"),
            (
                "inside the mention",
                "memorandum of\nunderstanding",
                "memorandum of\nunderstanding",
                0,
                "memorandum of understanding",
            ),
            (
                "Unicode line separator",
                "a\u{2028}NASA",
                "NASA",
                5,
                "a NASA",
            ),
        ];
        for (name, text, mention, n, want) in rows {
            let start = text.find(mention).unwrap();
            let got = context(text, start, start + mention.len(), *n);
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn contract_violations_are_named() {
        let text = "NASA and\nESA";
        let m = |start, end| Mention::new(Kind::Agency, start, end, "X");
        assert_eq!(contract_violation(text, &[m(0, 4), m(9, 12)]), None);
        let rows = [
            (vec![m(4, 4)], "bad span"),
            (vec![m(9, 13)], "bad span"),
            (vec![m(9, 12), m(0, 4)], "out of order"),
            (vec![m(0, 4), m(2, 6)], "out of order"),
        ];
        for (mentions, want) in rows {
            let got = contract_violation(text, &mentions).unwrap_or_default();
            assert!(got.starts_with(want), "{mentions:?}: {got}");
        }
        assert!(contract_violation("é", &[m(1, 2)])
            .unwrap_or_default()
            .starts_with("span not on character boundaries"));
    }
}
