//! Agreement instruments (`MoU`, `framework agreement`, `treaty`, `Artemis Accords`…): the
//! wordings of ENTITIES.md's table as one case-insensitive regex, each mapped to its kind. A
//! modifier that is part of the instrument's name joins the span; uses of the same words that
//! name no instrument (`deal with`, `convention centre`, `of its own accord`) are dropped.

use regex::Regex;

use crate::entity::{Kind, Mention};
use crate::tokenize::{char_at, window_after, window_before};

/// Modifiers that make one name with the instrument word after them.
const MODIFIERS: &str = r"framework|bilateral|multilateral|trilateral|cooperative|cooperation|co-operation|implementing|intergovernmental|inter-governmental|interagency|inter-agency|technology\s+safeguards|safeguards|partnership|free\s+trade|trade|umbrella|reciprocal|loan|launch\s+services|data[\s-]sharing|host\s+country|hosting|definitive";

/// The agreement rules, compiled once per run.
pub struct AgreementRules {
    words: Regex,
    acronyms: Regex,
}

impl Default for AgreementRules {
    fn default() -> Self {
        Self::new()
    }
}

impl AgreementRules {
    pub fn new() -> AgreementRules {
        let words = format!(
            r"(?i)(?-u:\b)(?:(?:{MODIFIERS})\s+)?(memorand(?:um|a)\s+of\s+(?:understanding|cooperation|co-operation)|letters?\s+of\s+intent|joint\s+(?:statement|declaration)s?|(?:joint\s+)?statements?\s+of\s+intent|declarations?\s+of\s+intent|memorand(?:um|a)|agreements?|pacts?|treat(?:y|ies)|conventions?|accords?|arrangements?|contracts?|deals?)(?-u:\b)"
        );
        AgreementRules {
            words: Regex::new(&words).expect("agreement rule compiles"),
            acronyms: Regex::new(r"(?-u:\b)(MoU|MOU|MoUs|MOUs|LOI|LoI|LOIs|LoIs)(?-u:\b)")
                .expect("agreement rule compiles"),
        }
    }

    /// Every agreement mention of `text`, sorted by start.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut found = Vec::new();
        for c in self.words.captures_iter(text) {
            let (all, word) = (c.get(0).expect("match"), c.get(1).expect("group"));
            let lower = word.as_str().to_lowercase();
            let modified = all.start() != word.start();
            let Some(kind) = kind_of(&lower) else {
                continue;
            };
            if !names_an_instrument(text, all.start(), all.end(), &lower, modified) {
                continue;
            }
            found.push(instrument(all.start(), all.end(), kind));
        }
        for m in self.acronyms.find_iter(text) {
            let kind = if m.as_str().to_lowercase().starts_with("mou") {
                "mou"
            } else {
                "letter_of_intent"
            };
            found.push(instrument(m.start(), m.end(), kind));
        }
        found.sort_by_key(|m| m.start);
        found
    }
}

/// An agreement mention keyed by its kind, named as a reader would say the kind.
fn instrument(start: usize, end: usize, kind: &str) -> Mention {
    let mut m = Mention::new(Kind::Agreement, start, end, kind);
    m.name = match kind {
        "mou" => "memorandum of understanding",
        "joint_statement" => "joint statement",
        "letter_of_intent" => "letter of intent",
        other => other,
    }
    .to_string();
    m
}

/// The kind of an instrument word (lower case, spaces normalised by the caller's regex).
fn kind_of(word: &str) -> Option<&'static str> {
    let w: String = word.split_whitespace().collect::<Vec<_>>().join(" ");
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
fn names_an_instrument(text: &str, start: usize, end: usize, word: &str, modified: bool) -> bool {
    // Only the words next to the match matter; lower-casing more would cost a pass over the
    // whole text per match.
    let before = window_before(text, start, 24).trim_end().to_lowercase();
    let after = window_after(text, end, 24).trim_start().to_lowercase();
    let next_is = |w: &str| {
        after.starts_with(w) && char_at(&after, w.len()).is_none_or(|c| !c.is_alphanumeric())
    };
    let prev_is = |w: &str| {
        before.ends_with(w)
            && before[..before.len() - w.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    if modified {
        return true;
    }
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
            .find(text)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.id))
            .collect()
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
