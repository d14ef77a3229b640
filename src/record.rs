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
