//! Government bodies named by pattern rather than by dictionary: `Ministry of …`,
//! `Department of …`, `Office of the …`, `… Space Agency`. No list of ministries is complete,
//! but their names follow a few shapes; a body found this way is keyed by its own name.
//!
//! The head words (`Ministry`, `Space Agency`) are found at word starts by a small trie;
//! a name is read from each only: forward with an anchored regex, or back over the capitalised
//! words before `Space Agency`. A regex over the whole text would have to search backwards
//! for where such names start, which cost half of all extraction time.

use regex::Regex;

use crate::entity::{Kind, Mention};
use crate::tokenize::{is_capitalised, WordFilter, WordMatcher, WordStart};

/// Capitalised words joined by the small words that occur inside body names.
const NAME: &str =
    r"[A-Z][\p{L}'’&-]*(?:(?:,|(?:\s+(?:and|of|for|on|the|&))+)?\s+[A-Z][\p{L}'’&-]*)*";

/// Heads of names read forward: `Ministry of …`.
const FORWARD: [&str; 5] = [
    "Ministry",
    "Department",
    "Office",
    "Secretariat",
    "Directorate",
];
/// Heads of names read backward: `Rwanda Space Agency`.
const BACKWARD: [&str; 10] = [
    "Space Agency",
    "Space Administration",
    "Space Authority",
    "Space Office",
    "Space Commission",
    "Aerospace Agency",
    "Aerospace Administration",
    "Aerospace Authority",
    "Aerospace Office",
    "Aerospace Commission",
];
/// Words before `Ministry` that belong to its name.
const QUALIFIERS: [&str; 5] = ["Federal", "Union", "State", "National", "Royal"];

/// The body-name rules, compiled once per run.
pub struct BodyRules {
    heads: WordMatcher,
    forward: Regex,
}

impl Default for BodyRules {
    fn default() -> Self {
        Self::new()
    }
}

impl BodyRules {
    pub fn new() -> BodyRules {
        BodyRules {
            heads: WordMatcher::new(&[&FORWARD[..], &BACKWARD[..]].concat(), false),
            forward: Regex::new(&format!(
                r"^(?:Ministry|Department|Office|Secretariat|Directorate)\s+(?:of|for)\s+(?:the\s+)?{NAME}"
            ))
            .expect("body rule compiles"),
        }
    }

    /// The word starts where a body's head word may begin.
    pub fn filter(&self) -> &WordFilter {
        self.heads.filter()
    }

    /// Every body named by a rule in `text`, its heads tried at `starts` (from
    /// [`word_starts`](crate::tokenize::word_starts)).
    pub fn find(&self, text: &str, starts: &[WordStart]) -> Vec<Mention<'static>> {
        // Room for what a long article names, so that the vector is not copied as it grows.
        let mut found = Vec::with_capacity(16);
        for head in self.heads.find(text, starts) {
            let span = if head.pattern < FORWARD.len() {
                self.forward
                    .find(&text[head.start..])
                    .map(|m| (qualified_start(text, head.start), head.start + m.end()))
            } else {
                named_start(text, head.start).map(|start| (start, head.end))
            };
            let Some((start, end)) = span else { continue };
            if text[end..].starts_with(char::is_alphanumeric) {
                continue;
            }
            // The name is a prefix of the match, less a leading `The`.
            let name = trim_name(&text[start..end]);
            let (start, end) = (start + leading_article(name), start + name.len());
            if end > start {
                found.push(Mention::new(
                    Kind::Agency,
                    start,
                    end,
                    text[start..end].to_string(),
                ));
            }
        }
        found
    }
}

/// Where a `Ministry of …` name starts: at a qualifier right before it (`Federal Ministry`).
fn qualified_start(text: &str, head: usize) -> usize {
    let before = &text[..head];
    QUALIFIERS
        .iter()
        .find_map(|q| {
            let rest = before.strip_suffix(' ')?.strip_suffix(q)?;
            (!rest.ends_with(char::is_alphanumeric)).then_some(rest.len())
        })
        .unwrap_or(head)
}

/// Where an `… Space Agency` name starts: up to three capitalised words back, joined by single
/// spaces; `None` when there is none.
fn named_start(text: &str, head: usize) -> Option<usize> {
    let mut start = head;
    for _ in 0..3 {
        let Some(before) = text[..start].strip_suffix(' ') else {
            break;
        };
        let word_start = before
            .rfind(|c: char| !(c.is_alphabetic() || c == '-'))
            .map_or(0, |p| {
                p + before[p..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[word_start..];
        if word.chars().count() < 2 || !is_capitalised(word) {
            break;
        }
        start = word_start;
    }
    (start < head).then_some(start)
}

/// Words that start a title, not a body's name: `Department of National Defense
/// Officer-in-Charge` names the department and then a post.
const TITLE_WORDS: &[&str] = &[
    "Officer",
    "Officer-in-Charge",
    "Secretary",
    "Minister",
    "Director",
    "Chief",
    "Head",
    "Spokesperson",
    "Spokesman",
    "Administrator",
    "Chairman",
    "President",
    "Dr",
    "Dr.",
    "Mr",
    "Ms",
];

/// Words that make a title word part of the name before it.
const TITLE_LEADS: &[&str] = &[
    "the", "Prime", "Deputy", "Vice", "Chief", "Foreign", "Attorney",
];

/// The body's name within a match: up to a title word, and a comma list only when it closes
/// with `and` (`Department of Industry, Science and Resources`); otherwise the comma ends it
/// (`Department of Space, Dr S. Somnath`).
fn trim_name(span: &str) -> &str {
    let mut end = span.len();
    let mut at = 0;
    let mut previous = "";
    for word in span.split(' ') {
        let bare = word.trim_end_matches(',');
        // `Office of the President` and `Office of the Prime Minister` hold the title as
        // their own last word.
        if at > 0 && TITLE_WORDS.contains(&bare) && !TITLE_LEADS.contains(&previous) {
            end = at - 1;
            break;
        }
        previous = bare;
        at += word.len() + 1;
    }
    let mut span = &span[..end];
    if let Some(comma) = span.find(',') {
        if !span[span.rfind(',').unwrap_or(comma)..].contains(" and ") {
            span = &span[..comma];
        }
    }
    span.trim_end_matches([',', ' '])
}

/// Bytes of a leading `The ` to skip: the article is not part of a name.
fn leading_article(span: &str) -> usize {
    if span.starts_with("The ") {
        4
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_names() {
        let rows: &[(&str, &[&str])] = &[
            (
                "Egypt’s Ministry of International Cooperation said",
                &["Ministry of International Cooperation"],
            ),
            (
                "the Federal Ministry for Economic Affairs and Energy (BMWi)",
                &["Federal Ministry for Economic Affairs and Energy"],
            ),
            (
                "the Department of Industry, Science and Resources",
                &["Department of Industry, Science and Resources"],
            ),
            (
                "of the Office of the President (OP)",
                &["Office of the President"],
            ),
            ("the Rwanda Space Agency will", &["Rwanda Space Agency"]),
            (
                "Secretary, Department of Space, Dr S. Somnath",
                &["Department of Space"],
            ),
            (
                "the Department of National Defense Officer-in-Charge (OIC)",
                &["Department of National Defense"],
            ),
            ("the Minister of the Economy said", &[]),
            ("a national space agency", &[]),
        ];
        for (text, want) in rows {
            let got: Vec<String> = BodyRules::new()
                .find(text, &crate::tokenize::word_starts(text))
                .into_iter()
                .map(|m| m.id.into_owned())
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
