//! The summary table: one row per entity with how often and in how many documents it is
//! mentioned, the table analysts paste into a spreadsheet. Counts are kept as the mentions go
//! by, so memory grows with the number of distinct entities, never with the size of the input.

use std::collections::HashMap;

use serde::Serialize;

use crate::entity::{Kind, Mention};

/// The header row of CSV and TSV summaries, in field order.
pub const FIELDS: [&str; 5] = ["type", "id", "name", "mentions", "documents"];

/// One entity of the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row<'a> {
    /// `country`, `agency`, `official`, `date` or `agreement`.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// The canonical key, as in the records' `id`.
    pub id: &'a str,
    /// The canonical display name (the first one met, should two mentions differ).
    pub name: &'a str,
    /// How many times the entity is mentioned.
    pub mentions: u64,
    /// How many documents mention it: files, stdin, or lines of JSON Lines.
    pub documents: u64,
}

/// Counts per entity, filled piece by piece in input order.
#[derive(Debug, Default)]
pub struct Summary {
    /// Per type, the entities by id: looked up by `&str`, so a mention of a known entity
    /// allocates nothing.
    entities: HashMap<Kind, HashMap<String, Counts>>,
    /// The document the last piece belonged to, to tell its later pieces from a new document.
    last_doc: String,
    /// Documents seen so far; the current one's number.
    documents: u64,
}

#[derive(Debug)]
struct Counts {
    name: String,
    mentions: u64,
    documents: u64,
    /// The number of the last document that mentioned the entity.
    last_document: u64,
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
            let by_id = self.entities.entry(m.kind).or_default();
            let counts = match by_id.get_mut(&*m.id) {
                Some(counts) => counts,
                None => by_id.entry(m.id.into_owned()).or_insert(Counts {
                    name: m.name.into_owned(),
                    mentions: 0,
                    documents: 0,
                    last_document: 0,
                }),
            };
            counts.mentions += 1;
            if counts.last_document != document {
                counts.last_document = document;
                counts.documents += 1;
            }
        }
    }

    /// The rows, most mentioned first; rows with as many mentions by type, then id, so that
    /// the order never depends on hashing.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row> = self
            .entities
            .iter()
            .flat_map(|(&kind, by_id)| {
                by_id.iter().map(move |(id, c)| Row {
                    kind,
                    id,
                    name: &c.name,
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
}
