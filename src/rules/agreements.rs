//! Agreement instruments (`MoU`, `framework agreement`, `treaty`, `Artemis Accords`…): the
//! wordings of the agreement kinds in `docs/entities.md`, found at word starts by a small
//! case-insensitive trie and each mapped to its kind. A modifier that is part of the instrument's name
//! joins the span; uses of the same words that name no instrument (`deal with`, `convention
//! centre`, `of its own accord`) are dropped.

use crate::entity::{Kind, Mention};
use crate::matcher::{WordFilter, WordMatcher};
use crate::text::{char_at, char_before, is_word_char, window_after, window_before, WordStart};

/// Every wording of an instrument, singular and plural; matched in any case.
const WORDINGS: &[&str] = &[
    "memorandum of understanding",
    "memoranda of understanding",
    "memorandum of cooperation",
    "memoranda of cooperation",
    "memorandum of co-operation",
    "memoranda of co-operation",
    "letter of intent",
    "letters of intent",
    "joint statement",
    "joint statements",
    "joint declaration",
    "joint declarations",
    "joint statement of intent",
    "statement of intent",
    "statements of intent",
    "declaration of intent",
    "declarations of intent",
    "memorandum",
    "memoranda",
    "agreement",
    "agreements",
    "pact",
    "pacts",
    "treaty",
    "treaties",
    "convention",
    "conventions",
    "accord",
    "accords",
    "arrangement",
    "arrangements",
    "contract",
    "contracts",
    "deal",
    "deals",
];
/// Acronyms, matched only as written (`mou` is no MoU).
const ACRONYMS: &[&str] = &["MoU", "MOU", "MoUs", "MOUs", "LOI", "LoI", "LOIs", "LoIs"];
/// Modifiers that make one name with the instrument word after them.
const MODIFIERS: &[&str] = &[
    "framework",
    "bilateral",
    "multilateral",
    "trilateral",
    "cooperative",
    "cooperation",
    "co-operation",
    "implementing",
    "intergovernmental",
    "inter-governmental",
    "interagency",
    "inter-agency",
    "technology safeguards",
    "safeguards",
    "partnership",
    "free trade",
    "trade",
    "umbrella",
    "reciprocal",
    "loan",
    "launch services",
    "data sharing",
    "data-sharing",
    "host country",
    "hosting",
    "definitive",
];

/// The agreement rules, compiled once per run.
pub struct AgreementRules {
    words: WordMatcher,
    /// By wording, its kind ([`kind_of`]): read once here rather than at every match.
    kinds: Vec<Option<&'static str>>,
}

impl Default for AgreementRules {
    fn default() -> Self {
        Self::new()
    }
}

impl AgreementRules {
    pub fn new() -> AgreementRules {
        AgreementRules {
            words: WordMatcher::new(&[WORDINGS, ACRONYMS].concat(), true),
            kinds: WORDINGS.iter().map(|w| kind_of(w)).collect(),
        }
    }

    /// The word starts where an agreement wording may begin.
    pub fn filter(&self) -> &WordFilter {
        self.words.filter()
    }

    /// Every agreement mention of `text`, sorted by start, tried at `starts` (from
    /// [`word_starts`](crate::text::word_starts)).
    pub fn find(&self, text: &str, starts: &[WordStart]) -> Vec<Mention<'static>> {
        // Room for what a long article names, so that the vector is not copied as it grows.
        let mut found = Vec::with_capacity(32);
        for m in self.words.find(text, starts) {
            let (start, end) = (m.start, m.end);
            let wording = &text[start..end];
            if m.pattern >= WORDINGS.len() {
                let kind = if wording.eq_ignore_ascii_case("mou")
                    || wording.eq_ignore_ascii_case("mous")
                {
                    "mou"
                } else {
                    "letter_of_intent"
                };
                if ACRONYMS.contains(&wording) {
                    found.push(instrument(start, end, kind));
                }
                continue;
            }
            // The matcher ignores case, so the wording it matched is the one in the list, in
            // lower case.
            let lower = WORDINGS[m.pattern];
            let Some(kind) = self.kinds[m.pattern] else {
                continue;
            };
            let named_from = modifier_before(text, start);
            if named_from.is_none() && !names_an_instrument(text, start, end, lower) {
                continue;
            }
            let end = if text[start..].starts_with(|c: char| c.is_ascii_uppercase()) {
                complement_end(text, end)
            } else {
                end
            };
            found.push(instrument(named_from.unwrap_or(start), end, kind));
        }
        found
    }
}

/// The most bytes of an instrument's complement (`on the Functioning of the Zembla Union`).
const COMPLEMENT_LEN: usize = 160;
/// Words that open the complement of a named instrument.
const COMPLEMENT_OPENERS: [&str; 5] = [" on ", " for ", " of ", " concerning ", " regarding "];
/// Lower-case words that join the capitalised words of a complement.
const COMPLEMENT_JOINERS: [&str; 8] = ["and", "of", "the", "on", "for", "in", "to", "&"];
/// Where a capitalised instrument's name ends with its complement, if one follows the word
/// ending at `end` (`Treaty on the Functioning of the Zembla Union`, `Agreement for
/// Cooperation in the Exploration of Outer Space`): an opener, an optional `the`, and
/// capitalised words joined by single spaces and [`COMPLEMENT_JOINERS`], read within
/// [`COMPLEMENT_LEN`] bytes; a comma, a date's word or a lower-case word ends it. `end`
/// itself when none follows.
fn complement_end(text: &str, end: usize) -> usize {
    let window = window_after(text, end, COMPLEMENT_LEN);
    let Some(opener) = COMPLEMENT_OPENERS.iter().find(|o| window.starts_with(*o)) else {
        return end;
    };
    let mut pos = opener.len();
    if window[pos..].starts_with("the ") {
        pos += 4;
    }
    // Where the last capitalised word read ends, relative to `end`.
    let mut last = None;
    loop {
        let rest = &window[pos..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '&')))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        // A word the window cuts is not read.
        if len == 0 || len == rest.len() {
            break;
        }
        if word.starts_with(|c: char| c.is_uppercase()) {
            // A date starts here, not a complement's word (`Agreement on Monday`).
            if super::dates::is_month_or_weekday(word) {
                break;
            }
            last = Some(pos + len);
        } else if last.is_none() || !COMPLEMENT_JOINERS.contains(&word) {
            break;
        }
        if !rest[len..].starts_with(' ') {
            break;
        }
        pos += len + 1;
    }
    last.map_or(end, |l| end + l)
}

/// Where a modifier that joins the instrument's name starts (`framework agreement`), if one
/// stands right before the instrument word at `start`.
fn modifier_before(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let space = start.checked_sub(1).filter(|&s| bytes[s] == b' ')?;
    let last = bytes[space.checked_sub(1)?].to_ascii_lowercase();
    MODIFIERS
        .iter()
        // Modifiers are in lower case: most differ from the word before in its last letter.
        .filter(|m| m.as_bytes().last() == Some(&last))
        .filter_map(|m| {
            let from = space.checked_sub(m.len())?;
            // Modifiers are ASCII, so equal bytes mean `from` is a character boundary.
            let fits = bytes[from..space].eq_ignore_ascii_case(m.as_bytes())
                && char_before(text, from).is_none_or(|c| !is_word_char(c));
            fits.then_some(from)
        })
        .min()
}

/// An agreement mention keyed by its kind, named as a reader would say the kind.
fn instrument(start: usize, end: usize, kind: &'static str) -> Mention<'static> {
    let name = match kind {
        "mou" => "memorandum of understanding",
        "joint_statement" => "joint statement",
        "letter_of_intent" => "letter of intent",
        other => other,
    };
    Mention::named(Kind::Agreement, start, end, kind, name)
}

/// The kind of an instrument wording, in lower case.
fn kind_of(w: &str) -> Option<&'static str> {
    let kind = if w.starts_with("memorand") {
        "mou"
    } else if w.starts_with("letter") {
        "letter_of_intent"
    } else if w.starts_with("joint") || w.contains("of intent") {
        "joint_statement"
    } else if w.starts_with("agreement") || w.starts_with("pact") {
        "agreement"
    } else if w.starts_with("treat") || w.starts_with("convention") {
        "treaty"
    } else if w.starts_with("accord") {
        "accords"
    } else if w.starts_with("arrangement") {
        "arrangement"
    } else if w.starts_with("contract") {
        "contract"
    } else if w.starts_with("deal") {
        "deal"
    } else {
        return None;
    };
    Some(kind)
}

/// Words before a noun, telling `the deal with` from the verb `deal with`.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "their", "our", "his", "her", "new",
];

/// False for the everyday senses of the words: `deal with`, `a great deal`, `convention
/// centre`, `of its own accord`, `in accord with`, `to contract`, and generic plural
/// `arrangements` (travel and training arrangements are no instruments).
fn names_an_instrument(text: &str, start: usize, end: usize, word: &str) -> bool {
    // Only the words next to the match matter, compared with ASCII words in any case: no
    // copy of the text is lower-cased.
    let before = window_before(text, start, 24).trim_end();
    let after = window_after(text, end, 24).trim_start();
    // Equal to an ASCII word, a slice's ends are character boundaries.
    let next_is = |w: &str| {
        after
            .as_bytes()
            .get(..w.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
            && char_at(after, w.len()).is_none_or(|c| !c.is_alphanumeric())
    };
    let prev_is = |w: &str| {
        let Some(from) = before.len().checked_sub(w.len()) else {
            return false;
        };
        before.as_bytes()[from..].eq_ignore_ascii_case(w.as_bytes())
            && char_before(before, from).is_none_or(|c| !c.is_alphanumeric())
    };
    match word {
        // `the deal with Berlin` is an instrument, `to deal with debris` is not.
        "deal" | "deals" => {
            let determined = DETERMINERS.iter().any(|d| prev_is(d));
            !(next_is("with") && !determined || prev_is("great") || prev_is("good"))
        }
        "convention" | "conventions" => {
            !(next_is("centre") || next_is("center") || next_is("hall") || prev_is("naming"))
        }
        "accord" => !(prev_is("own") || prev_is("in") || next_is("with")),
        "contract" => !(prev_is("to") || prev_is("will")),
        "arrangements" => false,
        "agreement" => !(prev_is("in") && next_is("with")),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        AgreementRules::new()
            .find(text, &crate::text::word_starts(text))
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.id.into_owned()))
            .collect()
    }

    #[test]
    fn modifiers_are_written_in_lower_case() {
        // `modifier_before` compares a modifier's last letter to the lower-cased text.
        for m in MODIFIERS {
            assert_eq!(*m, m.to_lowercase(), "{m}");
        }
    }

    #[test]
    fn wordings_are_distinct_and_in_lower_case() {
        // `find` takes the matched pattern's wording as the lower-cased match, so no two
        // patterns may spell the same in any case.
        for (i, w) in WORDINGS.iter().enumerate() {
            assert_eq!(*w, w.to_lowercase(), "{w}");
            let clash = WORDINGS[..i]
                .iter()
                .chain(ACRONYMS)
                .find(|other| other.eq_ignore_ascii_case(w));
            assert_eq!(clash, None, "{w}");
        }
    }

    #[test]
    fn wordings_and_kinds() {
        let rows: &[(&str, &[(&str, &str)])] = &[
            ("signed an MoU today", &[("MoU", "mou")]),
            (
                "a memorandum of understanding",
                &[("memorandum of understanding", "mou")],
            ),
            ("the memorandum was", &[("memorandum", "mou")]),
            (
                "a new framework agreement",
                &[("framework agreement", "agreement")],
            ),
            ("a new agreement", &[("agreement", "agreement")]),
            (
                "the Technology Safeguards Agreement",
                &[("Technology Safeguards Agreement", "agreement")],
            ),
            (
                "space cooperation agreement",
                &[("cooperation agreement", "agreement")],
            ),
            (
                "the implementing arrangement",
                &[("implementing arrangement", "arrangement")],
            ),
            (
                "a letter of intent and an LOI",
                &[
                    ("letter of intent", "letter_of_intent"),
                    ("LOI", "letter_of_intent"),
                ],
            ),
            (
                "a joint statement",
                &[("joint statement", "joint_statement")],
            ),
            (
                "a declaration of intent",
                &[("declaration of intent", "joint_statement")],
            ),
            ("international space treaties", &[("treaties", "treaty")]),
            ("the convention", &[("convention", "treaty")]),
            ("the accords", &[("accords", "accords")]),
            ("won a contract", &[("contract", "contract")]),
            ("inked a deal", &[("deal", "deal")]),
            ("the deal with Berlin", &[("deal", "deal")]),
            (
                "signed a contract with the firm",
                &[("contract", "contract")],
            ),
            ("a defence pact", &[("pact", "agreement")]),
            ("The DEAL With Berlin", &[("DEAL", "deal")]),
            ("A Treaty", &[("Treaty", "treaty")]),
            (
                "the Treaty on the Functioning of the Zembla Union (TFZU)",
                &[("Treaty on the Functioning of the Zembla Union", "treaty")],
            ),
            (
                "the Framework Agreement for Cooperation in the Exploration of Outer Space, including",
                &[(
                    "Framework Agreement for Cooperation in the Exploration of Outer Space",
                    "agreement",
                )],
            ),
            (
                "the Agreement on Monday",
                &[("Agreement", "agreement")],
            ),
            (
                "an agreement on Space Exploration",
                &[("agreement", "agreement")],
            ),
            (
                "the Agreement on Space Exploration and the",
                &[("Agreement on Space Exploration", "agreement")],
            ),
            (
                "the Agreement for the new station",
                &[("Agreement", "agreement")],
            ),
        ];
        for (text, want) in rows {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn everyday_senses_are_not_instruments() {
        for text in [
            "to deal with debris",
            "a great deal of work",
            "to Deal With debris",
            "A Great Deal of work",
            "In Accord With the rules",
            "at the convention centre",
            "of its own accord",
            "training arrangements for crews",
            "a partnership on cooperation",
            "new space regulations",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
