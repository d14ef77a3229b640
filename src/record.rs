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
}

/// The header row of CSV and TSV output, in field order.
pub const FIELDS: [&str; 11] = [
    "doc", "type", "start", "end", "line", "text", "id", "name", "value", "role", "org",
];

/// The records of one document, with line numbers counted in one pass over the text.
pub fn records<'a>(doc: &'a str, text: &'a str, mentions: &'a [Mention]) -> Vec<Record<'a>> {
    let mut line = 1;
    let mut counted_to = 0;
    mentions
        .iter()
        .map(|m| {
            line += text.as_bytes()[counted_to..m.start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = m.start;
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
            }
        })
        .collect()
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
