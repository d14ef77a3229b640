//! Bodies named by their head word alone once the article has named them: `the Commission`
//! after `Zembla Space Affairs Commission`, `the Board` after `National Remote Sensing Board`. In an
//! article about the European Union, `the Commission` and `the Council` name the European
//! Commission and the Council of the EU, as EU texts use them, even when never named in full.
//! `the Agency` and `the Ministry` are left alone: news uses them as loosely for a body
//! named long before as for a new one.

use std::sync::LazyLock;

use crate::entity::{overlapping, Kind, Mention};
use crate::matcher::{Capitals, Needles};
use crate::text::on_word_boundaries;

/// Head words that stand for the body last named with them.
const HEADS: [&str; 5] = ["Authority", "Board", "Commission", "Committee", "Council"];
/// [`HEADS`] compiled once for the searches of every article.
static HEAD_NEEDLES: LazyLock<Needles> = LazyLock::new(|| Needles::new(&HEADS));
/// Bodies whose mention makes an article one about the European Union.
const EU_BODIES: [&str; 5] = [
    "Council of the European Union",
    "EU",
    "European Commission",
    "European Council",
    "European Parliament",
];
/// The EU body a head word alone names in such an article, by head.
const EU_SHORT_FORMS: [(&str, &str); 2] = [
    ("Commission", "European Commission"),
    ("Council", "Council of the European Union"),
];
/// Words after a head that make it the start of another name (`Committee on Space Research`).
const OPENERS: [&str; 5] = [" of", " on", " for", " to", " and"];

/// Mentions of the bodies that `mentions` (sorted by start) name in full, by their head word
/// alone after `the` or another lower-case word, sorted by start; none overlaps a mention.
pub fn find<'a>(text: &str, capitals: &Capitals, mentions: &[Mention<'a>]) -> Vec<Mention<'a>> {
    // (head, the mention naming it in full), in text order.
    let mut named: Vec<(usize, usize)> = Vec::new();
    let mut eu = false;
    for (at, m) in mentions.iter().enumerate() {
        if m.kind != Kind::Agency {
            continue;
        }
        eu |= EU_BODIES.contains(&&*m.id);
        let surface = &text[m.start..m.end];
        if let Some(head) = HEADS
            .iter()
            .position(|h| surface.len() > h.len() && surface.ends_with(h))
        {
            if surface[..surface.len() - HEADS[head].len()].ends_with(' ') {
                named.push((head, at));
            }
        }
    }
    if named.is_empty() && !eu {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (start, end, head) in capitals.find_compiled(&HEAD_NEEDLES) {
        if !on_word_boundaries(text, start, end)
            || !after_lower_case_word(text, start)
            || opens_a_name(&text[end..])
            || !overlapping(mentions, start, end).is_empty()
        {
            continue;
        }
        let last = named
            .iter()
            .rev()
            .find(|&&(h, at)| h == head && mentions[at].end <= start);
        if let Some(&(_, at)) = last {
            let mut m = mentions[at].clone();
            (m.start, m.end) = (start, end);
            found.push(m);
        } else if eu {
            if let Some((_, body)) = EU_SHORT_FORMS.iter().find(|(h, _)| *h == HEADS[head]) {
                found.push(Mention::named(Kind::Agency, start, end, *body, *body));
            }
        }
    }
    found
}

/// Whether the word before `start` is a lower-case word (`the`, `accompanying`), one space
/// before it: not a name's word, nor a sentence's end.
fn after_lower_case_word(text: &str, start: usize) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let word = &before[before.rfind(' ').map_or(0, |p| p + 1)..];
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether `after`, the text after a head word, makes it the start of another name: a
/// capitalised word or a complement follows.
fn opens_a_name(after: &str) -> bool {
    let capital = after
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(char::is_uppercase));
    capital
        || OPENERS.iter().any(|o| {
            after
                .strip_prefix(o)
                .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
        })
}

#[cfg(test)]
mod tests {
    use crate::entity::Kind;
    use crate::extract::Extractor;

    #[test]
    fn short_forms_of_bodies_named_before() {
        // (text, the agencies found as surface:id)
        let rows: &[(&str, &[&str])] = &[
            (
                "The Zembla Space Affairs Commission met. Later the Commission said no.",
                &[
                    "Zembla Space Affairs Commission:Zembla Space Affairs Commission",
                    "Commission:Zembla Space Affairs Commission",
                ],
            ),
            ("Later the Commission said no.", &[]),
            (
                "The European Parliament asked; the Commission replied and the Council agreed.",
                &[
                    "European Parliament:European Parliament",
                    "Commission:European Commission",
                    "Council:Council of the European Union",
                ],
            ),
            (
                "The European Parliament asked the Committee on Space Research.",
                &["European Parliament:European Parliament"],
            ),
            (
                "The European Parliament met. Commission staff came.",
                &["European Parliament:European Parliament"],
            ),
            (
                "The Zembla Space Affairs Commission met the Commission of Ruritania.",
                &[
                    "Zembla Space Affairs Commission:Zembla Space Affairs Commission",
                    "Commission of Ruritania:Commission of Ruritania",
                ],
            ),
            (
                "The European Parliament met the Board.",
                &["European Parliament:European Parliament"],
            ),
        ];
        let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
        for (text, want) in rows {
            let got: Vec<String> = extractor
                .extract(text)
                .iter()
                .filter(|m| m.kind == Kind::Agency)
                .map(|m| format!("{}:{}", &text[m.start..m.end], m.id))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
