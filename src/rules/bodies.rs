//! Government bodies named by pattern rather than by dictionary: `Ministry of …`,
//! `Department of …`, `Office of the …`, `… Space Agency`. No list of ministries is complete,
//! but their names follow a few shapes; a body found this way is keyed by its own name.
//!
//! The head words (`Ministry`, `Space Agency`) are found at word starts by a small trie;
//! a name is read from each only: forward by hand, as an anchored regex (kept in the tests)
//! would read it, or back over the capitalised words before `Space Agency`. A regex over the
//! whole text would have to search backwards for where such names start, which cost half of
//! all extraction time; an anchored one took 6% of start-up to compile, and more to run.

use regex::Regex;

use crate::entity::{Kind, Mention};
use crate::matcher::{WordFilter, WordMatcher};
use crate::text::{is_capitalised, spaces1, WordStart};

/// The characters after the capital of a word in a body's name, as a regex class: what
/// [`name_word`] reads by hand for ASCII.
const NAME_CHARS: &str = r"[\p{L}'’&-]";

/// The small words that join the capitalised words of a body's name (`and`, `of the`).
const JOINERS: [&str; 6] = ["and", "of", "for", "on", "the", "&"];

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
    /// The rest of a name word from its first character past ASCII.
    name_chars: Regex,
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
            name_chars: Regex::new(&format!("^{NAME_CHARS}*")).expect("body rule compiles"),
        }
    }

    /// The word starts where a body's head word may begin.
    pub fn filter(&self) -> &WordFilter {
        self.heads.filter()
    }

    /// Where the name read forward from a head word ending at `at` ends (`Ministry` + ` of
    /// the Interior`), if one follows: `of` or `for`, an optional `the`, and capitalised
    /// words joined by spaces, commas or [`JOINERS`]. Read by hand as the regex
    /// `\s+(?:of|for)\s+(?:the\s+)?W(?:(?:,|(?:\s+(?:and|of|for|on|the|&))+)?\s+W)*`, with
    /// `W` = `[A-Z]` and [`NAME_CHARS`]`*`, would match it (the tests hold it to that regex).
    /// No joiner starts with a capital, so where the regex
    /// may skip `the` or some joiners, skipping fewer never makes a name word follow.
    fn forward_end(&self, text: &str, at: usize) -> Option<usize> {
        let at = spaces1(text, at)?;
        let rest = &text[at..];
        let at = at + ["of", "for"].iter().find(|w| rest.starts_with(*w))?.len();
        let mut end = spaces1(text, at)?;
        if let Some(after) = text[end..]
            .strip_prefix("the")
            .and_then(|_| spaces1(text, end + 3))
        {
            end = after;
        }
        end = self.name_word(text, end)?;
        while let Some(next) = self.next_name_word(text, end) {
            end = next;
        }
        Some(end)
    }

    /// Where the next word of a name ends, if one follows the word ending at `at`: after a
    /// comma, or after all the joiners that follow.
    fn next_name_word(&self, text: &str, at: usize) -> Option<usize> {
        if text[at..].starts_with(',') {
            return spaces1(text, at + 1).and_then(|w| self.name_word(text, w));
        }
        let mut end = at;
        while let Some(word) = spaces1(text, end) {
            let rest = &text[word..];
            let Some(joiner) = JOINERS.iter().find(|j| rest.starts_with(*j)) else {
                break;
            };
            end = word + joiner.len();
        }
        spaces1(text, end).and_then(|w| self.name_word(text, w))
    }

    /// Where the name word starting at `at` ends: a capital, then letters, apostrophes, `&`
    /// and hyphens.
    fn name_word(&self, text: &str, at: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        if !bytes.get(at)?.is_ascii_uppercase() {
            return None;
        }
        let mut end = at + 1;
        while let Some(&b) = bytes.get(end) {
            if b >= 0x80 {
                // Letters past ASCII are the regex's to judge (`\p{L}` has no test in std).
                return Some(end + self.name_chars.find(&text[end..]).map_or(0, |m| m.end()));
            }
            if !(b.is_ascii_alphabetic() || matches!(b, b'\'' | b'&' | b'-')) {
                break;
            }
            end += 1;
        }
        Some(end)
    }

    /// Every body named by a rule in `text`, its heads tried at `starts` (from
    /// [`word_starts`](crate::text::word_starts)).
    pub fn find(&self, text: &str, starts: &[WordStart]) -> Vec<Mention<'static>> {
        // Room for what a long article names, so that the vector is not copied as it grows.
        let mut found = Vec::with_capacity(16);
        for head in self.heads.find(text, starts) {
            let span = if head.pattern < FORWARD.len() {
                self.forward_end(text, head.end)
                    .map(|end| (qualified_start(text, head.start), end))
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
    use proptest::prelude::*;

    proptest! {
        /// A name is read forward exactly as the regex it was once matched with reads it:
        /// texts of spaces of every kind, joiners, commas, capitalised and lower-case words,
        /// letters past ASCII and characters that only look like letters.
        #[test]
        fn names_are_read_forward_as_the_regex_reads_them(
            lead in prop::collection::vec(prop::sample::select(&[
                " ", " of ", " for ", " of", "of ", " ofa ", " Of ", " of the ", " for the",
                " of theory ", " of\u{a0}the\n", "\tof\t",
            ][..]), 1..3),
            parts in prop::collection::vec((
                prop::sample::select(&[
                    " ", " ", ", ", ",", " and ", " & ", " of the ", " on ", "\u{a0}", "\n",
                    " the ", " and the ", " andes ", " for ", "  ", "", " - ",
                ][..]),
                prop::sample::select(&[
                    "Science", "S", "Of", "The", "Éire", "É", "X7y", "A&B", "Q_", "x", "ǅ",
                    "Ⅳ", "A\u{301}", "Aß", "7", ".", "O’Neil", "D-Day", "and", "&", "of",
                ][..]),
            ), 0..8),
        ) {
            let word = format!("[A-Z]{NAME_CHARS}*");
            let spec = Regex::new(&format!(
                r"^Ministry\s+(?:of|for)\s+(?:the\s+)?{word}(?:(?:,|(?:\s+(?:and|of|for|on|the|&))+)?\s+{word})*"
            ))
            .unwrap();
            let name: String = parts.iter().map(|(sep, word)| format!("{sep}{word}")).collect();
            let text = format!("Ministry{}Science{name}", lead.concat());
            let want = spec.find(&text).map(|m| m.end());
            prop_assert_eq!(BodyRules::new().forward_end(&text, "Ministry".len()), want, "{:?}", text);
        }
    }

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
                .find(text, &crate::text::word_starts(text))
                .into_iter()
                .map(|m| m.id.into_owned())
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
