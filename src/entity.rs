//! The vocabulary every stage shares: the five entity kinds (what each covers, its span and
//! its key are stated in `docs/entities.md`) and the `Mention` a stage produces. Kept apart from the stages so that rules, gazetteer and output agree on one
//! definition without depending on each other.

use std::fmt;

use clap::ValueEnum;
use serde::Serialize;

/// The five entity types of `docs/entities.md`, named as records and `--types` name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A sovereign state (`US`, `Luxembourg`).
    Country,
    /// A government or intergovernmental body (`NASA`, `ESA`, `Ministry of Defence`).
    Agency,
    /// A person holding a public office (`Wilbur Ross`).
    Official,
    /// A calendar expression (`May 21, 2021`).
    Date,
    /// A kind of agreement instrument (`MoU`, `treaty`, `Artemis Accords`).
    Agreement,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Country,
        Kind::Agency,
        Kind::Official,
        Kind::Date,
        Kind::Agreement,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Agency => "agency",
            Kind::Official => "official",
            Kind::Date => "date",
            Kind::Agreement => "agreement",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mention's string: borrowed from the dictionaries or the rules where it can be, owned
/// where a rule builds it (a date's value, an official's name as written). Two words where
/// the standard `Cow` takes three: a mention holds five, and mentions are moved about as they
/// are found, sorted and merged, and at 104 bytes rather than 144 each move is a few vector
/// moves in place of a call to `memcpy`.
#[cfg(target_pointer_width = "64")]
pub type Text<'a> = beef::lean::Cow<'a, str>;
#[cfg(not(target_pointer_width = "64"))]
pub type Text<'a> = beef::Cow<'a, str>;

/// One entity mention: a byte span of the document with its canonical key. The strings
/// borrow the dictionaries of the extractor that found the mention where they come from one
/// (most mentions): a record then costs no allocation for its key and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention<'a> {
    pub kind: Kind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The canonical key (ISO code, acronym, full name, agreement kind or date value).
    pub id: Text<'a>,
    /// The canonical display name.
    pub name: Text<'a>,
    /// The ISO 8601 value for dates; empty for other kinds.
    pub value: Text<'a>,
    /// For officials: the title as the article writes it (`Commerce Secretary`), else the
    /// dictionary's; empty when unknown and for other kinds.
    pub role: Text<'a>,
    /// For officials: the agency id or country code they serve; empty when unknown.
    pub org: Text<'a>,
}

impl<'a> Mention<'a> {
    pub fn new(kind: Kind, start: usize, end: usize, id: impl Into<Text<'a>>) -> Mention<'a> {
        let id = id.into();
        Mention {
            kind,
            start,
            end,
            name: id.clone(),
            id,
            value: Text::borrowed(""),
            role: Text::borrowed(""),
            org: Text::borrowed(""),
        }
    }

    /// A mention whose display name differs from its key.
    pub fn named(
        kind: Kind,
        start: usize,
        end: usize,
        id: impl Into<Text<'a>>,
        name: impl Into<Text<'a>>,
    ) -> Mention<'a> {
        Mention {
            kind,
            start,
            end,
            id: id.into(),
            name: name.into(),
            value: Text::borrowed(""),
            role: Text::borrowed(""),
            org: Text::borrowed(""),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// The mentions of `sorted` that overlap `start..end`. `sorted` must be sorted by start with
/// no two mentions overlapping, so their ends are sorted too and the answer is one run,
/// found by binary search: this keeps the extractor linear in the number of mentions.
pub fn overlapping<'s, 'a>(
    sorted: &'s [Mention<'a>],
    start: usize,
    end: usize,
) -> &'s [Mention<'a>] {
    let lo = sorted.partition_point(|m| m.end <= start);
    let hi = sorted.partition_point(|m| m.start < end);
    &sorted[lo..hi.max(lo)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_mention_is_small_enough_to_move_without_memcpy() {
        // Five two-word strings, two offsets and the kind: what `Text` was chosen for.
        assert_eq!(std::mem::size_of::<Mention>(), 104);
    }

    #[test]
    fn overlapping_finds_the_run() {
        let sorted: Vec<Mention> = [(0, 4), (5, 9), (10, 14), (20, 24)]
            .iter()
            .map(|&(s, e)| Mention::new(Kind::Country, s, e, "X"))
            .collect();
        let spans = |start, end| -> Vec<(usize, usize)> {
            overlapping(&sorted, start, end)
                .iter()
                .map(|m| (m.start, m.end))
                .collect()
        };
        assert_eq!(spans(3, 11), [(0, 4), (5, 9), (10, 14)]);
        assert_eq!(spans(14, 20), []);
        assert_eq!(spans(4, 5), []);
        assert_eq!(spans(21, 22), [(20, 24)]);
    }
}
