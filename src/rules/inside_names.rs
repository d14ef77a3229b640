//! Names of things that are no entity but open with one: an organisation, an event, a prize
//! or a project named after a country or a body (`Zembla Airlines`, `Zembla–Ruritania Space
//! Dialogue`, `Zembla Prize`, `Zembla Exim Bank`, `G20 Space Economy Leaders Meeting`), and
//! designations built on a body's acronym (`ZSF-44`, a mission). A country or a body at the
//! start of such a name is no mention (`docs/entities.md`: a country's name inside a
//! company's, a conference's or a programme's is none). Only the few words after a mention
//! are read, so the test costs the same at every dictionary hit.

use super::word_list::WordList;
use crate::text::window_after;

/// Words right after a country that make it part of an organisation's name (`Japan
/// Airlines`, `China Institute of International Studies`).
const ORG_WORDS: WordList = WordList::new(&[
    "Academy",
    "Aerospace",
    "Airlines",
    "Airways",
    "Bank",
    "Company",
    "Corp",
    "Corporation",
    "Daily",
    "Group",
    "Holdings",
    "Inc",
    "Industries",
    "Institute",
    "Limited",
    "Ltd",
    "Post",
    "Radio",
    "Railways",
    "Telecom",
    "Television",
    "Times",
    "Today",
    "University",
]);

/// Words that end the name of an organisation, an event, a prize or a project a few
/// capitalised words after a country or a body (`Zembla Exim Bank`, `Zembla–Ruritania Space
/// Dialogue`, `Zembla Space Centre Project`). None of them names a government body, so none
/// ends the name of one (`Congress`, `Council` and `Commission` are left out).
const NAME_ENDS: WordList = WordList::new(&[
    "Bank",
    "Company",
    "Conference",
    "Corporation",
    "Dialogue",
    "Exhibition",
    "Expo",
    "Festival",
    "Forum",
    "Group",
    "Holdings",
    "Inc",
    "Industries",
    "Limited",
    "Ltd",
    "Meeting",
    "Olympiad",
    "Prize",
    "Program",
    "Programme",
    "Project",
    "Roundtable",
    "Summit",
    "Symposium",
    "University",
    "Workshop",
]);

/// Ends of names that are events or prizes: a headline's verb (`Zembla Hosts Space Summit`)
/// may stand before them, as the name of an event often has a plural in it (`Leaders
/// Meeting`). Before the other ends, a word ending in `s` is taken for a headline's verb
/// (`Zembla Joins Artemis Program`), and the country stays.
const EVENT_ENDS: WordList = WordList::new(&[
    "Conference",
    "Dialogue",
    "Exhibition",
    "Expo",
    "Festival",
    "Forum",
    "Meeting",
    "Olympiad",
    "Prize",
    "Roundtable",
    "Summit",
    "Symposium",
    "Workshop",
]);

/// Capitalised words that join phrases in a headline's Title Case (`Zembla To Host Forum`):
/// no name of a thing is read past them.
const LINKS: WordList = WordList::new(&[
    "A", "An", "And", "As", "At", "By", "For", "From", "In", "Of", "On", "The", "To", "With",
]);

/// The most capitalised words after a mention that may end the name it opens (`G20 Space
/// Economy Leaders Meeting`).
const MAX_WORDS: usize = 4;
/// How many bytes after a mention are read: a dash and a second name, and [`MAX_WORDS`]
/// words of ordinary length.
const REACH: usize = 96;

/// Whether the country or body mention ending at `end` opens the name of something else:
/// an end of [`EVENT_ENDS`] within a few capitalised words, also after a second name joined
/// by a dash (`Zembla–Ruritania Space Dialogue`), or a dash and a number (`ZSF-44`). After
/// a country, also an organisation's word right after it and the other ends of
/// [`NAME_ENDS`]; a body's name takes such words (`Zembla Space Institute`), and a body's
/// programme (`ZSA Lunar Program`) is left to the body.
pub fn opens_other_name(text: &str, end: usize, country: bool) -> bool {
    let after = window_after(text, end, REACH);
    if after
        .strip_prefix('-')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        return true;
    }
    let mut rest = after;
    if let Some(joined) = ["-", "–", "—"].iter().find_map(|d| rest.strip_prefix(d)) {
        if !joined.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        let len = joined
            .find(|c: char| !(c.is_alphanumeric() || c == '.'))
            .unwrap_or(joined.len());
        rest = &joined[len..];
    }
    let mut plural = false;
    for at in 0..MAX_WORDS {
        let Some(r) = rest.strip_prefix(' ') else {
            break;
        };
        let len = r
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
            .unwrap_or(r.len());
        let word = &r[..len];
        if !word.starts_with(|c: char| c.is_uppercase()) || LINKS.contains(word) {
            break;
        }
        if at == 0 && country && ORG_WORDS.contains(word) {
            return true;
        }
        if EVENT_ENDS.contains(word) || (country && !plural && NAME_ENDS.contains(word)) {
            return true;
        }
        plural |= word.ends_with('s') && !word.ends_with("ss");
        rest = &r[len..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_other_things() {
        // (text, the mention at its start, whether a country, whether it opens another name)
        let rows: &[(&str, &str, bool, bool)] = &[
            ("Zembla Airlines flew", "Zembla", true, true),
            ("Zembla Aerospace Agency", "Zembla", false, false),
            ("Zembla Exim Bank lent it", "Zembla", true, true),
            ("Zembla–Ruritania Space Dialogue", "Zembla", true, true),
            ("Zembla-Ruritania Space Dialogue", "Zembla", true, true),
            ("Z.R.—Ruritania Dialogue", "Z.R.", true, true),
            ("Zembla-Ruritania relations", "Zembla", true, false),
            ("Zembla-based firms", "Zembla", true, false),
            ("Zembla Space Centre Project began", "Zembla", true, true),
            ("G7 Space Economy Leaders Meeting", "G7", false, true),
            ("Zembla Prize winners", "Zembla", true, true),
            ("ZSF-44 launched", "ZSF", false, true),
            ("ZSF-led team", "ZSF", false, false),
            ("Zembla Joins Artemis Program", "Zembla", true, false),
            ("Zembla Hosts Space Summit", "Zembla", true, true),
            ("Zembla To Host Space Forum", "Zembla", true, false),
            ("Zembla and the Ruritania Forum", "Zembla", true, false),
            (
                "Zembla Space Agency Research Council",
                "Zembla",
                true,
                false,
            ),
            (
                "Zembla signed it in Ruritania University",
                "Zembla",
                true,
                false,
            ),
            ("Zembla One Two Three Four Forum", "Zembla", true, false),
            ("ZSA Institute staff", "ZSA", false, false),
            ("ZSA Lunar Program", "ZSA", false, false),
            ("ZSA Lunar Forum", "ZSA", false, true),
            ("Zembla", "Zembla", true, false),
        ];
        for (text, mention, country, want) in rows {
            assert!(text.starts_with(mention));
            assert_eq!(
                opens_other_name(text, mention.len(), *country),
                *want,
                "{text}"
            );
        }
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [ORG_WORDS, NAME_ENDS, EVENT_ENDS, LINKS] {
            assert!(
                list.words.windows(2).all(|w| w[0] < w[1]),
                "not sorted: {:?}",
                list.words
            );
        }
    }
}
