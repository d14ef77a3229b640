//! Officials found the way a reader finds them: a person's name right after a title
//! (`Commerce Secretary Wilbur Ross`), or followed by a title in apposition (`Josef
//! Aschbacher, ESA Director General`, `Wilbur Ross (US’ Commerce Secretary)`), and later
//! mentions by surname alone, keyed by the full name given elsewhere in the article.
//! Titles that companies also use (`CEO`, `Director`, `President`) count only beside a
//! government body, so a company's chief executive is not an official.

use std::collections::HashMap;

use crate::entity::{Kind, Mention};
use crate::tokenize::{fold, is_capitalised, words};

/// Words said before a name that are not part of it.
const HONORIFICS: &[&str] = &[
    "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Prof.", "Prof", "Shri", "Smt.", "Sir",
    "Dame", "H.E.", "Hon.", "Engr.", "Eng.",
];
/// Lower-case particles inside names (`Ahmad bin Abdullah`, `Simonetta di Pippo`).
const PARTICLES: &[&str] = &[
    "bin", "bint", "binti", "al", "el", "de", "da", "di", "van", "von", "der", "den", "la", "le",
    "du", "dos", "das", "del", "y", "ibn",
];
const SUFFIXES: &[&str] = &["Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"];
/// Capitalised words that end a name: they start the next phrase, not a person.
const STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "To",
    "From",
    "With",
    "By",
    "As",
    "This",
    "That",
    "These",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Space",
    "Agency",
    "Administration",
    "Ministry",
    "Department",
    "Office",
    "Corporation",
    "Inc",
    "Ltd",
    "Group",
    "Council",
    "Commission",
    "Government",
    "State",
    "National",
    "International",
    "Center",
    "Centre",
    "Station",
    "Base",
    "Force",
    "Command",
    "University",
    "Institute",
    "Said",
    "Says",
    "Will",
    "Has",
    "Had",
    "Was",
    "Is",
    "Minister",
    "Secretary",
    "President",
    "Director",
    "Chairman",
    "Chief",
    "General",
];
/// Title words that alone mark a public office when they head an apposition.
const OFFICE_HEADS: &[&str] = &[
    "minister",
    "secretary",
    "administrator",
    "ambassador",
    "governor",
    "senator",
    "undersecretary",
    "under-secretary",
    "commissioner",
    "envoy",
    "lawmaker",
    "premier",
    "chancellor",
    "mp",
    "congressman",
    "congresswoman",
    "spokesperson",
];
/// Title words that mark a public office only beside a government body.
const BODY_HEADS: &[&str] = &[
    "president",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "director",
    "director-general",
    "head",
    "chief",
    "ceo",
    "member",
    "spokesman",
    "spokeswoman",
    "officer",
    "commander",
    "deputy",
    "general",
    "manager",
];

/// A title found by the dictionary, and whether it alone marks a public office.
#[derive(Clone, Copy, Debug)]
pub struct TitleHit {
    pub start: usize,
    pub end: usize,
    pub government: bool,
}

/// A person's name in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Name {
    start: usize,
    end: usize,
    /// Name words and initials, not particles or suffixes.
    parts: usize,
}

/// Officials named after a title or before an apposition. `others` are the mentions already
/// found (countries, agencies), which tell a government title from a company one.
pub fn find(text: &str, titles: &[TitleHit], others: &[Mention]) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    let push = |found: &mut Vec<Mention>, name: Name| {
        if !found.iter().any(|m| m.overlaps(name.start, name.end))
            && !others
                .iter()
                .any(|m| m.start <= name.start && name.start < m.end)
        {
            found.push(Mention::new(
                Kind::Official,
                name.start,
                name.end,
                &text[name.start..name.end],
            ));
        }
    };
    for t in titles {
        let Some(rest) = text[t.end..].strip_prefix(' ') else {
            continue;
        };
        let Some(name) = parse_name(text, text.len() - rest.len()) else {
            continue;
        };
        if !t.government && !beside_body(text, t.start, others) {
            continue;
        }
        if name.parts >= 2 || t.government {
            push(&mut found, name);
        }
    }
    for w in words(text) {
        if !is_capitalised(w.text) || found.iter().any(|m| m.overlaps(w.start, w.end)) {
            continue;
        }
        let Some(name) = parse_name(text, w.start) else {
            continue;
        };
        if name.start == w.start && name.parts >= 2 && apposition_is_office(text, name.end, others)
        {
            push(&mut found, name);
        }
    }
    found.sort_by_key(|m| m.start);
    found
}

/// Mentions of officials by surname alone (`Ross said`, `President Fernandez`), keyed by the
/// full name the article gives: single-word officials already found are re-keyed, and the
/// surname's other uses are added. A surname shared by two officials resolves to neither.
pub fn resolve_surnames(text: &str, mentions: &mut Vec<Mention>) {
    let mut by_surname: HashMap<String, Option<String>> = HashMap::new();
    for m in mentions.iter().filter(|m| m.kind == Kind::Official) {
        let parts: Vec<&str> =
            m.id.split_whitespace()
                .filter(|p| !SUFFIXES.contains(p) && !PARTICLES.contains(p))
                .collect();
        if parts.len() < 2 {
            continue;
        }
        let mut keys = vec![parts[parts.len() - 1]];
        if is_east_asian(&parts) {
            keys.push(parts[0]);
        }
        for key in keys
            .into_iter()
            .filter(|k| k.chars().count() > 2 && !k.ends_with('.'))
        {
            let entry = by_surname
                .entry(fold(key))
                .or_insert_with(|| Some(m.id.clone()));
            if entry.as_deref() != Some(m.id.as_str()) {
                *entry = None;
            }
        }
    }
    let full_name = |word: &str| by_surname.get(&fold(word)).cloned().flatten();
    for m in mentions.iter_mut() {
        if m.kind == Kind::Official && !m.id.contains(' ') {
            if let Some(id) = full_name(&m.id) {
                m.name.clone_from(&id);
                m.id = id;
            }
        }
    }
    let mut found = Vec::new();
    for w in words(text) {
        if !is_capitalised(w.text) || mentions.iter().any(|m| m.overlaps(w.start, w.end)) {
            continue;
        }
        if let Some(id) = full_name(w.text) {
            found.push(Mention::new(Kind::Official, w.start, w.end, id));
        }
    }
    mentions.extend(found);
}

/// Korean, Chinese and Vietnamese names put the family name first (`Yoon Suk Yeol` →
/// `Yoon`); three short parts or a hyphenated given name are the usual shapes in English news.
fn is_east_asian(parts: &[&str]) -> bool {
    (parts.len() == 3 && parts.iter().all(|p| p.chars().count() <= 5))
        || (parts.len() == 2 && parts[1].contains('-') && parts[0].chars().count() <= 4)
}

/// True when the title at `start` follows a government body or a country (`CNES President`,
/// `Argentina’s President`), or no capitalised word at all (`said President Yoon`). A
/// capitalised word that is neither is a company's name (`SpaceX President`).
fn beside_body(text: &str, start: usize, others: &[Mention]) -> bool {
    let head = text[..start].trim_end_matches(' ');
    let head = head
        .strip_suffix("’s")
        .or_else(|| head.strip_suffix("'s"))
        .unwrap_or(head);
    if others
        .iter()
        .any(|m| m.end == head.len() && matches!(m.kind, Kind::Agency | Kind::Country))
    {
        return true;
    }
    let word_start = head
        .rfind(|c: char| !c.is_alphanumeric() && c != '-')
        .map_or(0, |p| {
            p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &head[word_start..];
    !is_capitalised(word) || is_demonym(word) || STOP.contains(&word)
}

/// `Argentine`, `Egyptian`, `French`, `Chinese`: adjectives of nationality before a title.
fn is_demonym(word: &str) -> bool {
    ["an", "ese", "ish", "ch", "ian", "ine", "i", "ic"]
        .iter()
        .any(|s| word.ends_with(s))
        && word.chars().count() > 3
}

/// Whether the text after a name (`, ESA Director General` or ` (US’ Commerce Secretary)`)
/// gives it a public office.
fn apposition_is_office(text: &str, end: usize, others: &[Mention]) -> bool {
    let rest = &text[end..];
    if !rest.starts_with(", ") && !rest.starts_with(" (") {
        return false;
    }
    let clause_start = end + 2;
    let tail = &text[clause_start..];
    let mut clause_end = tail
        .find([';', '\n', ')', '.', '“', '"'])
        .unwrap_or(tail.len())
        .min(140);
    while !tail.is_char_boundary(clause_end) {
        clause_end -= 1;
    }
    let clause = &tail[..clause_end];
    let lead: Vec<String> = clause
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| w.trim_end_matches(['’', '\'']).to_lowercase())
        .collect();
    // An apposition opens with its title (`ESA Director General`), an article (`the head
    // of`) or a possessive (`Luxembourg's Minister`); `whilst Dr X, Chairman` is another clause.
    let opens_like_a_title = clause.starts_with(char::is_uppercase)
        || lead.first().is_some_and(|w| {
            ["the", "a", "an", "its", "their"].contains(&w.as_str())
                || OFFICE_HEADS.contains(&w.as_str())
                || BODY_HEADS.contains(&w.as_str())
        });
    if !opens_like_a_title {
        return false;
    }
    let body_in_clause = others.iter().any(|m| {
        m.start >= clause_start
            && m.end <= clause_start + clause_end
            && matches!(m.kind, Kind::Agency | Kind::Country)
    });
    lead.iter().any(|w| {
        let w = w.trim_end_matches(['’', '\'', 's']);
        OFFICE_HEADS
            .iter()
            .any(|h| w == *h || w.ends_with(&format!("-{h}")))
            || (BODY_HEADS.contains(&w) && body_in_clause)
    })
}

/// The person's name starting at byte `i` (after optional honorifics), if any: name words,
/// initials, particles before a name word and a final suffix, joined by single spaces. A
/// possessive or any punctuation other than an initial's or suffix's period ends it.
fn parse_name(text: &str, mut i: usize) -> Option<Name> {
    while let Some(h) = HONORIFICS
        .iter()
        .find(|h| text[i..].starts_with(*h) && text[i + h.len()..].starts_with(' '))
    {
        i += h.len() + 1;
    }
    let (start, mut end, mut parts, mut seen, mut pos) = (i, i, 0, 0, i);
    while seen < 7 {
        let rest = &text[pos..];
        let raw_len = rest
            .find(|c: char| c.is_whitespace() || ",;:()\"“”!?/".contains(c))
            .unwrap_or(rest.len());
        let raw = &rest[..raw_len];
        let (len, counts) = if is_initial(raw) {
            (raw.len(), true)
        } else if seen > 0
            && (SUFFIXES.contains(&raw)
                || PARTICLES.contains(&raw) && next_is_capitalised(text, pos + raw_len))
        {
            (raw.len(), false)
        } else {
            let stem = crate::tokenize::strip_possessive(raw).trim_end_matches(['.', '’', '\'']);
            if !is_name_word(stem) || STOP.contains(&stem) {
                break;
            }
            (stem.len(), true)
        };
        parts += usize::from(counts);
        seen += 1;
        end = pos + len;
        if len != raw_len || !text[pos + raw_len..].starts_with(' ') {
            break;
        }
        pos += raw_len + 1;
    }
    (parts > 0).then_some(Name { start, end, parts })
}

/// `S.`, `R.`: one capital and a period.
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn next_is_capitalised(text: &str, i: usize) -> bool {
    text[i..].strip_prefix(' ').is_some_and(is_capitalised)
}

/// A capitalised word of letters, with hyphens or apostrophes inside (`Jean-Yves`,
/// `Al-Mashat`, `O'Keefe`), and some lower-case letters (so not an acronym).
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && w.chars().any(char::is_lowercase)
        && !w.ends_with(['-', '\'', '’'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_at(text: &str) -> Option<&str> {
        parse_name(text, 0).map(|n| &text[n.start..n.end])
    }

    #[test]
    fn names() {
        let rows: &[(&str, Option<&str>)] = &[
            ("Wilbur Ross (US’ Commerce Secretary)", Some("Wilbur Ross")),
            ("Jean-Jacques Dordain said", Some("Jean-Jacques Dordain")),
            ("S. Somanath, chairman", Some("S. Somanath")),
            ("Simonetta Di Pippo and", Some("Simonetta Di Pippo")),
            ("Kim Min-jun.", Some("Kim Min-jun")),
            (
                "Joel Joseph Marciano Jr. was",
                Some("Joel Joseph Marciano Jr."),
            ),
            ("Dr. Marc Serres, CEO", Some("Marc Serres")),
            (
                "Ahmad bin Abdullah Al Falasi said",
                Some("Ahmad bin Abdullah Al Falasi"),
            ),
            ("Fernández's view", Some("Fernández")),
            ("Alberto Fernández Monday took", Some("Alberto Fernández")),
            ("NASA said", None),
            ("the minister", None),
        ];
        for (text, want) in rows {
            assert_eq!(name_at(text), *want, "{text}");
        }
    }
}
