//! Names that a known acronym in parentheses vouches for: `Agenzia Spaziale Zemblana (ZSA)`,
//! `Centre National d'Etudes Zemblanes (ZNES)`. A body's name in its own language, or
//! misspelt, is in no dictionary, but an article that follows it with the acronym of a body
//! it knows names that body: the capitalised words before the parenthesis are a mention of
//! it. Only the words right before a parenthesised acronym are read, so the rule costs a
//! bounded look back at each agency mention in parentheses.

use std::ops::Range;

use crate::entity::{Kind, Mention};
use crate::text::window_before;

/// The most bytes of a name read back from its acronym's parenthesis.
const REACH: usize = 120;
/// The most words of such a name.
const MAX_WORDS: usize = 8;
/// Lower-case words inside a body's name, in English and the languages of Europe's and Latin
/// America's agencies (`Agencia Espacial de Zembla`, `Instituto Nacional de Pesquisas`).
const JOINERS: &[&str] = &[
    "and", "de", "del", "der", "des", "di", "do", "du", "e", "for", "für", "la", "of", "the", "y",
];

/// For each agency mention of `mentions` that is an acronym alone in parentheses, the span of
/// the name before it that no mention covers, if one of two capitalised words or more stands
/// there and one of its words starts with the acronym's first letter: (the name's span, the
/// acronym's index in `mentions`). `mentions` is sorted by start.
pub fn names_before_acronyms(text: &str, mentions: &[Mention]) -> Vec<(Range<usize>, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (at, m) in mentions.iter().enumerate() {
        let acronym = &text[m.start..m.end];
        let enclosed = m.start >= 2
            && bytes[m.start - 1] == b'('
            && bytes[m.start - 2] == b' '
            && bytes.get(m.end) == Some(&b')');
        if m.kind != Kind::Agency
            || !enclosed
            || acronym.len() < 2
            || !acronym.bytes().all(|b| b.is_ascii_uppercase() || b == b'&')
        {
            continue;
        }
        let end = m.start - 2;
        // The name must not run into the mention before the acronym.
        let floor = at
            .checked_sub(1)
            .map_or(0, |p| mentions[p].end)
            .max(end.saturating_sub(REACH));
        if floor >= end {
            continue;
        }
        let Some(start) = name_start(window_before(text, end, end - floor), acronym) else {
            continue;
        };
        found.push((end - start..end, at));
    }
    found
}

/// How many bytes back from the end of `before` the name vouched for by `acronym` starts:
/// capitalised words (`Etudes`, `d'Etudes`) and [`JOINERS`] joined by single spaces, from a
/// capitalised word; `None` unless two capitalised words or more are read and one starts
/// with the acronym's first letter.
fn name_start(before: &str, acronym: &str) -> Option<usize> {
    let initial = acronym.chars().next()?;
    let (mut start, mut capitals, mut matches) = (None, 0, false);
    let mut rest = before;
    for _ in 0..MAX_WORDS {
        let word_at = rest.rfind(' ').map_or(0, |p| p + 1);
        let word = &rest[word_at..];
        let bare = word
            .strip_prefix("d'")
            .or_else(|| word.strip_prefix("d’"))
            .or_else(|| word.strip_prefix("l'"))
            .unwrap_or(word);
        let first = bare.chars().next()?;
        let name_word = first.is_uppercase()
            && bare
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
        if name_word {
            capitals += 1;
            matches |= first == initial;
            start = Some(word_at);
        } else if start.is_none() || !JOINERS.contains(&word) {
            break;
        }
        if word_at == 0 {
            break;
        }
        rest = &rest[..word_at - 1];
        if rest.ends_with(' ') {
            break;
        }
    }
    let start = start?;
    (capitals >= 2 && matches).then_some(before.len() - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_vouched_for_by_an_acronym() {
        // (the text before the acronym, the acronym, the name read back)
        let rows: &[(&str, &str, Option<&str>)] = &[
            (
                "the space agency, Agenzia Spaziale Zemblana",
                "ZSA",
                Some("Agenzia Spaziale Zemblana"),
            ),
            (
                "and Centre National d'Etudes Zemblanes",
                "CNEZ",
                Some("Centre National d'Etudes Zemblanes"),
            ),
            (
                "a visit to the Instituto Nacional de Astrofísica",
                "INAZ",
                Some("Instituto Nacional de Astrofísica"),
            ),
            ("1. Agencia Zemblana", "AZ", Some("Agencia Zemblana")),
            ("the agency", "ZSA", None),
            ("the Zembla agency", "ZSA", None),
            ("signed with Ruritania", "ZSA", None),
            ("the Blue Orbit Holdings", "ZSA", None),
            ("of the  Agencia Zemblana", "AZ", Some("Agencia Zemblana")),
            ("", "ZSA", None),
            ("the Agencia Zemblana of", "AZ", None),
        ];
        for (before, acronym, want) in rows {
            let got = name_start(before, acronym).map(|n| &before[before.len() - n..]);
            assert_eq!(got, *want, "{before}");
        }
    }

    #[test]
    fn only_agency_acronyms_alone_in_parentheses() {
        let text = "the Agencia Zemblana (AZ) and the Agencia Zemblana (AZ, 2020) and Agencia Zemblana(AZ)";
        let at = |needle: &str, from: usize| from + text[from..].find(needle).expect("in text");
        let first = at("AZ)", 0);
        let second = at("AZ,", 0);
        let third = at("AZ)", second);
        let mentions: Vec<Mention> = [first, second, third]
            .into_iter()
            .map(|s| Mention::new(Kind::Agency, s, s + 2, "AZ"))
            .collect();
        let found = names_before_acronyms(text, &mentions);
        let spans: Vec<&str> = found.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(spans, ["Agencia Zemblana"]);
        let countries: Vec<Mention> = mentions
            .iter()
            .map(|m| Mention::new(Kind::Country, m.start, m.end, "AZ"))
            .collect();
        assert!(names_before_acronyms(text, &countries).is_empty());
    }
}
