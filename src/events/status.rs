//! The status an article gives an instrument: the status wording of `EVENTS.md` (signed,
//! planned, ended) nearest the agreement mention in its sentence, or an ending told in a
//! clause on the instrument right after it.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// Where an instrument stands, as the article's wording says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Signed, inked, concluded, agreed, joined (acceded), ratified, renewed, awarded, issued…
    Signed,
    /// Will sign, to be signed, under negotiation, in talks, proposed, ready for signing…
    Planned,
    /// Withdrew from, terminated, expired, suspended, cancelled.
    Ended,
}

impl Status {
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Signed => "signed",
            Status::Planned => "planned",
            Status::Ended => "ended",
        }
    }
}

/// The status wording, one pattern per status. Planned and ended wording comes first in
/// [`WORDING`] so that, at one position, `will sign` and `to be signed` are read whole rather
/// than as `sign`. Word bounds are ASCII ones, which keep the search on the regex crate's
/// fast DFA path.
const PLANNED: &str = r"(?:will|would|shall|to|set\ to|plans?\ to|planned\ to|hopes?\ to|hoped\ to
      |expected\ to|intends?\ to|aims?\ to|agreed\ to|ready\ to)\ (?:be\ )?
      (?:sign|ink|conclude|join|renew|signed|inked|concluded)\w*
    |ready\ for\ signing|under\ negotiation|negotiat\w+|in\ talks|talks\ on|drafted
    |draft|proposed|upcoming|forthcoming|would\ be\ signed|is\ to\ be\ signed";
const ENDED: &str = r"withdr[ae]w\w*|pull(?:ed|s)?\ out|came\ to\ an\ end|terminat\w+|expir\w+
    |suspend\w*|cancel\w*|scrapp\w+|revok\w+";
const SIGNED: &str = r"sign(?:s|ed|ing)?|inks?|inked|conclud(?:e|es|ed)|agreed|agrees|join(?:s|ed)
    |adopt(?:s|ed)|ratif(?:y|ies|ied)|renew(?:s|ed)?|extend(?:s|ed)
    |entered\ into\ force|in\ force|award(?:s|ed)?|sealed|struck|signatory|issued
    |accession|accede(?:s|d)?";

static WORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)(?-u:\b)(?:{PLANNED}|{ENDED}|{SIGNED})(?-u:\b)"
    ))
    .expect("the status wording is a valid regex")
});

/// The wording of one status, whole: to tell which status a match of [`WORDING`] is.
static PLANNED_WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?xi)^(?:{PLANNED})$")).expect("the planned wording is a valid regex")
});
static ENDED_WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?xi)^(?:{ENDED})$")).expect("the ended wording is a valid regex")
});

/// One match of the status wording in a sentence: its span and the status it tells.
#[derive(Clone, Copy, Debug)]
pub struct Wording {
    pub start: usize,
    pub end: usize,
    pub status: Status,
}

/// What makes a `signing` one to come: an approval of it (`approved the signing`, `granted a
/// nod to signing`), read only before that word so that the wording search stays small.
static APPROVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:approv\w*|authori[sz]\w*|nod\s+to|go-ahead\s+(?:to|for))\s+(?:the\s+)?$")
        .expect("the approval pattern is a valid regex")
});

/// Every status wording of `sentence`, in order.
pub fn wordings(sentence: &str) -> Vec<Wording> {
    WORDING
        .find_iter(sentence)
        .map(|m| {
            let approved = m.as_str().eq_ignore_ascii_case("signing") && {
                let mut from = m.start().saturating_sub(32);
                while !sentence.is_char_boundary(from) {
                    from += 1;
                }
                APPROVED.is_match(&sentence[from..m.start()])
            };
            Wording {
                start: m.start(),
                end: m.end(),
                status: if approved || PLANNED_WHOLE.is_match(m.as_str()) {
                    Status::Planned
                } else if ENDED_WHOLE.is_match(m.as_str()) {
                    Status::Ended
                } else {
                    Status::Signed
                },
            }
        })
        .collect()
}

/// The status wording nearest the span `at` of `sentence` (both relative to the sentence),
/// given the sentence's [`wordings`], with the wording's span; `None` when the sentence has no
/// status wording.
///
/// An ending told in a clause on the instrument right after it (`signed a first agreement,
/// which came to an end in 2015`) is the latest word on it, and wins over a nearer signing.
pub fn nearest_of(
    found: &[Wording],
    sentence: &str,
    at: (usize, usize),
) -> Option<(Status, (usize, usize))> {
    let m = found
        .iter()
        .min_by_key(|m| distance((m.start, m.end), at))?;
    let ending = found.iter().find(|e| {
        e.start >= at.1
            && e.start - at.1 <= CLAUSE
            && e.status == Status::Ended
            && ON_IT.is_match(&sentence[at.1..e.start])
    });
    let m = ending.unwrap_or(m);
    Some((m.status, (m.start, m.end)))
}

/// How many bytes after an instrument a clause on it tells its ending at most.
const CLAUSE: usize = 60;

/// A clause on the instrument just named: `, which`, `that`, with no stop between.
static ON_IT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^.;:]*?(?-u:\b)(?:which|that)(?-u:\b)[^.;:]*$")
        .expect("the clause pattern is a valid regex")
});

/// The first status wording of `sentence` at or after byte `from`.
pub fn next_wording(sentence: &str, from: usize) -> Option<regex::Match<'_>> {
    WORDING.find_at(sentence, from)
}

/// Bytes between two spans; 0 when they touch or overlap.
pub fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording() {
        // (name, sentence, the agreement word, expected)
        let rows: &[(&str, &str, &str, Option<Status>)] = &[
            (
                "signed",
                "Ruritania signed the pact on Monday.",
                "pact",
                Some(Status::Signed),
            ),
            (
                "inked",
                "The two inked a deal.",
                "deal",
                Some(Status::Signed),
            ),
            (
                "joined",
                "Freedonia joined the accords.",
                "accords",
                Some(Status::Signed),
            ),
            (
                "issued",
                "Both issued a joint statement.",
                "joint statement",
                Some(Status::Signed),
            ),
            (
                "accession",
                "Its accession to the treaty is complete.",
                "treaty",
                Some(Status::Signed),
            ),
            (
                "awarded",
                "The agency awarded a contract.",
                "contract",
                Some(Status::Signed),
            ),
            (
                "will sign",
                "They will sign a treaty.",
                "treaty",
                Some(Status::Planned),
            ),
            (
                "to be signed",
                "A pact is to be signed soon.",
                "pact",
                Some(Status::Planned),
            ),
            (
                "talks",
                "They are in talks on a deal.",
                "deal",
                Some(Status::Planned),
            ),
            (
                "negotiating",
                "Both are negotiating a pact.",
                "pact",
                Some(Status::Planned),
            ),
            (
                "approved the signing",
                "The cabinet approved the signing of a loan agreement.",
                "agreement",
                Some(Status::Planned),
            ),
            (
                "nod to signing",
                "The cabinet granted a nod to signing of an agreement.",
                "agreement",
                Some(Status::Planned),
            ),
            (
                "withdrew",
                "Ruritania withdrew from the pact.",
                "pact",
                Some(Status::Ended),
            ),
            (
                "expired",
                "The deal expired last year.",
                "deal",
                Some(Status::Ended),
            ),
            (
                "nearest wins",
                "After talks, both signed the pact.",
                "pact",
                Some(Status::Signed),
            ),
            ("none", "The pact covers lunar science.", "pact", None),
            (
                "an ending told right after it",
                "In 2009 they signed a first pact, which came to an end in 2015.",
                "pact",
                Some(Status::Ended),
            ),
            (
                "an ending of something else",
                "They signed a pact; the old rules expired.",
                "pact",
                Some(Status::Signed),
            ),
        ];
        for (name, sentence, word, want) in rows {
            let at = sentence.find(word).unwrap();
            let span = (at, at + word.len());
            let got = nearest_of(&wordings(sentence), sentence, span).map(|(s, _)| s);
            assert_eq!(got, *want, "{name}");
        }
    }
}
