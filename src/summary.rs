//! The summary table: one row per entity with how often and in how many documents it is
//! mentioned, the table analysts paste into a spreadsheet. Counts are kept as the mentions go
//! by, so memory grows with the number of distinct entities, never with the size of the input.
//!
//! An entity is its type and id, but for two kinds of mention whose id alone would lump
//! different things together. Agreements are keyed by kind *and* name: every generic mention
//! of a kind carries the kind's display name (`memorandum of understanding`), so the kinds
//! make one row each, and a named instrument (`Outer Space Treaty`, `Artemis Accords`) makes a
//! row of its own rather than joining every `treaty`. A mention without an id (a weekday
//! with no date to count from) is keyed by its text, case-folded, so that `Tuesday` is a row
//! and no row has an empty id. The table never depends on the order of the input: a row's
//! name is the one its mentions give most often (the smallest of those, on a tie), and rows
//! are sorted on every column that tells them apart.

use std::collections::HashMap;

use serde::Serialize;

use crate::entity::{Kind, Mention, Text};

/// The header row of CSV and TSV summaries, in field order.
pub const FIELDS: [&str; 5] = ["type", "id", "name", "mentions", "documents"];

/// One entity of the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row<'a> {
    /// `country`, `agency`, `official`, `date` or `agreement`.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// The canonical key, as in the records' `id`; for a mention without one, its text in
    /// lower case.
    pub id: &'a str,
    /// The canonical display name: the one most mentions give.
    pub name: &'a str,
    /// How many times the entity is mentioned.
    pub mentions: u64,
    /// How many documents mention it: files, stdin, or lines of JSON Lines.
    pub documents: u64,
}

/// Give each mention of `text` without an id (a weekday with no date to count from) its text,
/// case-folded, as id and its text as name, so that the summary can count it as an entity.
pub fn keyed<'a>(text: &str, mut mentions: Vec<Mention<'a>>) -> Vec<Mention<'a>> {
    for m in mentions.iter_mut().filter(|m| m.id.is_empty()) {
        let written = text.get(m.start..m.end).unwrap_or_default();
        m.id = Text::owned(written.to_lowercase());
        m.name = Text::owned(written.to_string());
    }
    mentions
}

/// An entity's key within its type: the id, and for agreements the name too.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Key {
    id: String,
    /// The name for agreements (kind and instrument are told apart by it); else empty.
    name: String,
}

/// Counts per entity, filled piece by piece in input order.
#[derive(Debug, Default)]
pub struct Summary {
    entities: HashMap<Kind, HashMap<Key, Counts>>,
    /// The document the last piece belonged to, to tell its later pieces from a new document.
    last_doc: String,
    /// Documents seen so far; the current one's number.
    documents: u64,
}

#[derive(Debug)]
struct Counts {
    /// Each name its mentions give, with how many give it: nearly always just one.
    names: Vec<(String, u64)>,
    mentions: u64,
    documents: u64,
    /// The number of the last document that mentioned the entity.
    last_document: u64,
}

impl Counts {
    /// The name most mentions give, the smallest of them on a tie: the same whatever the
    /// order the mentions came in.
    fn name(&self) -> &str {
        self.names
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map_or("", |(name, _)| name)
    }
}

impl Summary {
    /// Count the mentions of one piece of a document: `doc` is its name and `offset` where the
    /// piece starts in it, so that the pieces of one large file count as one document.
    pub fn add(&mut self, doc: &str, offset: usize, mentions: Vec<Mention>) {
        if offset == 0 || doc != self.last_doc || self.documents == 0 {
            self.documents += 1;
            doc.clone_into(&mut self.last_doc);
        }
        let document = self.documents;
        for m in mentions {
            let key = Key {
                id: m.id.into_owned(),
                name: match m.kind {
                    Kind::Agreement => m.name.to_string(),
                    _ => String::new(),
                },
            };
            let counts = self
                .entities
                .entry(m.kind)
                .or_default()
                .entry(key)
                .or_insert(Counts {
                    names: Vec::new(),
                    mentions: 0,
                    documents: 0,
                    last_document: 0,
                });
            match counts.names.iter_mut().find(|(name, _)| *name == *m.name) {
                Some((_, n)) => *n += 1,
                None => counts.names.push((m.name.into_owned(), 1)),
            }
            counts.mentions += 1;
            if counts.last_document != document {
                counts.last_document = document;
                counts.documents += 1;
            }
        }
    }

    /// The rows, most mentioned first; rows with as many mentions by type, then id, then name,
    /// so that the order never depends on hashing or on the input's order.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row> = self
            .entities
            .iter()
            .flat_map(|(&kind, by_key)| {
                by_key.iter().map(move |(key, c)| Row {
                    kind,
                    id: &key.id,
                    name: c.name(),
                    mentions: c.mentions,
                    documents: c.documents,
                })
            })
            .collect();
        rows.sort_unstable_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.kind.as_str().cmp(b.kind.as_str()))
                .then_with(|| a.id.cmp(b.id))
                .then_with(|| a.name.cmp(b.name))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m<'a>(kind: Kind, id: &'a str, name: &'a str) -> Mention<'a> {
        Mention::named(kind, 0, 1, id, name)
    }

    /// (type, id, name, mentions, documents) of each row.
    fn table(summary: &Summary) -> Vec<(&str, &str, &str, u64, u64)> {
        summary
            .rows()
            .into_iter()
            .map(|r| (r.kind.as_str(), r.id, r.name, r.mentions, r.documents))
            .collect()
    }

    #[test]
    fn counts_mentions_and_documents() {
        let mut s = Summary::default();
        let nasa = || {
            m(
                Kind::Agency,
                "NASA",
                "National Aeronautics and Space Administration",
            )
        };
        let us = || m(Kind::Country, "US", "United States");
        s.add("a.txt", 0, vec![nasa(), us(), nasa()]);
        // A later piece of a.txt: the same document.
        s.add(
            "a.txt",
            4096,
            vec![nasa(), m(Kind::Country, "LU", "Luxembourg")],
        );
        s.add("b.txt", 0, vec![us()]);
        // Two JSON Lines documents of the same id are two documents.
        s.add("x", 0, vec![us()]);
        s.add(
            "x",
            0,
            vec![us(), m(Kind::Agency, "ESA", "European Space Agency")],
        );
        s.add("empty.txt", 0, vec![]);
        assert_eq!(
            table(&s),
            [
                ("country", "US", "United States", 4, 4),
                (
                    "agency",
                    "NASA",
                    "National Aeronautics and Space Administration",
                    3,
                    1
                ),
                ("agency", "ESA", "European Space Agency", 1, 1),
                ("country", "LU", "Luxembourg", 1, 1),
            ]
        );
    }

    #[test]
    fn ties_are_ordered_by_type_then_id() {
        let mut s = Summary::default();
        s.add(
            "a",
            0,
            vec![
                m(Kind::Official, "Wilbur Ross", "Wilbur Ross"),
                m(Kind::Country, "US", "United States"),
                m(Kind::Country, "GB", "United Kingdom"),
                m(Kind::Agreement, "mou", "memorandum of understanding"),
                m(Kind::Date, "2021", "2021"),
                m(Kind::Agency, "ESA", "European Space Agency"),
            ],
        );
        let order: Vec<(&str, &str)> = s.rows().iter().map(|r| (r.kind.as_str(), r.id)).collect();
        assert_eq!(
            order,
            [
                ("agency", "ESA"),
                ("agreement", "mou"),
                ("country", "GB"),
                ("country", "US"),
                ("date", "2021"),
                ("official", "Wilbur Ross"),
            ]
        );
    }

    #[test]
    fn agreements_are_rows_by_kind_and_by_named_instrument() {
        let mut s = Summary::default();
        let treaty = || m(Kind::Agreement, "treaty", "treaty");
        let ost = || m(Kind::Agreement, "treaty", "Outer Space Treaty");
        s.add(
            "a",
            0,
            vec![
                ost(),
                treaty(),
                m(Kind::Agreement, "treaty", "Registration Convention"),
                ost(),
                m(Kind::Agreement, "mou", "memorandum of understanding"),
            ],
        );
        s.add("b", 0, vec![treaty(), ost()]);
        assert_eq!(
            table(&s),
            [
                ("agreement", "treaty", "Outer Space Treaty", 3, 2),
                ("agreement", "treaty", "treaty", 2, 2),
                ("agreement", "mou", "memorandum of understanding", 1, 1),
                ("agreement", "treaty", "Registration Convention", 1, 1),
            ]
        );
    }

    #[test]
    fn a_mention_without_an_id_is_keyed_by_its_text() {
        let text = "Tuesday, then TUESDAY, then tuesday and Tuesday.";
        let weekday = |start: usize, len: usize| Mention::new(Kind::Date, start, start + len, "");
        let mentions = vec![
            weekday(0, 7),
            weekday(14, 7),
            weekday(28, 7),
            weekday(40, 7),
        ];
        let mut s = Summary::default();
        s.add("a", 0, keyed(text, mentions));
        // The name most mentions give.
        assert_eq!(table(&s), [("date", "tuesday", "Tuesday", 4, 1)]);
    }

    #[test]
    fn the_table_is_the_same_whatever_the_order_of_the_documents() {
        let docs: [(&str, Vec<Mention>); 3] = [
            ("a", vec![m(Kind::Official, "Jane Roe", "Jane Roe")]),
            ("b", vec![m(Kind::Official, "Jane Roe", "J. Roe")]),
            (
                "c",
                vec![
                    m(Kind::Official, "Jane Roe", "J. Roe"),
                    m(Kind::Official, "Jane Roe", "Jane Roe"),
                ],
            ),
        ];
        let mut tables = Vec::new();
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
            let mut s = Summary::default();
            for i in order {
                s.add(docs[i].0, 0, docs[i].1.clone());
            }
            let rows: Vec<(String, u64)> = s
                .rows()
                .iter()
                .map(|r| (r.name.to_string(), r.mentions))
                .collect();
            tables.push(rows);
        }
        // Two mentions each: the smaller name, whichever came first.
        assert_eq!(tables[0], [("J. Roe".to_string(), 4)]);
        assert!(tables.iter().all(|t| *t == tables[0]), "{tables:?}");
    }
}
