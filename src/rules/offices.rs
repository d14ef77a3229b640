//! Officials named after their office: the title first, then what it heads, then the
//! name after a comma or an honorific (`the Director-General of the Zembla Space Agency, Dr.
//! Ann Bell`, `Zembla's Minister of Science, Culture and Sport, Mr. Ben Ode`, `Ambassador to
//! Zembla Mr. Ben Ode`), or after the body when the name opens with a known given name
//! (`head of ZSA Carl Dunn`). Otherwise a body's next capitalised words are as often a unit
//! of it (`Mission Control`) as a person, and are not read. The title rule reads a name only
//! right after a title, and the apposition rule only before one; this reads the complement
//! between them. The complement is read within [`COMPLEMENT_LEN`] bytes, so each title costs
//! a bounded read.

use std::ops::Range;

use super::names::{is_given_name, HONORIFICS};
use super::officials::{name_start, read_name, title_context, Name, TitleHit};
use crate::entity::{overlapping, Kind, Mention, Text};
use crate::text::window_after;

/// The most bytes of a title's complement (`of the Ministry of Economy, Trade and
/// Industry`) and the name after it: the name must start within this window.
pub const COMPLEMENT_LEN: usize = 160;
/// The most commas inside a complement: a name is tried after each of them.
const MAX_COMMAS: usize = 4;

/// The words that open a title's complement (`Minister of`, `Ambassador to`).
const OPENERS: [&str; 4] = [" of ", " for ", " to ", " at "];

/// The name that follows the title `t` and its complement, if any: the name, the span of
/// the title with its complement, and the body or country served. A company's title
/// (`t.government` false) counts only when a body or country stands before it or in its
/// complement.
pub(super) fn after_office<'a>(
    text: &str,
    t: &TitleHit,
    others: &[Mention<'a>],
) -> Option<(Name, Range<usize>, Text<'a>)> {
    let window = window_after(text, t.end, COMPLEMENT_LEN);
    let (mut pos, direct) = if window.starts_with(", ") {
        (0, true)
    } else {
        let open = OPENERS.iter().find(|o| window.starts_with(*o))?;
        (open.len(), false)
    };
    let mut commas = 0;
    loop {
        // At `pos` either the comma that ends the complement or the complement's next token.
        if window[pos..].starts_with(", ") {
            let after = t.end + pos + 2;
            if let Some(found) = name_here(text, t, after, t.end + pos, others) {
                return Some(found);
            }
            commas += 1;
            if direct || commas >= MAX_COMMAS {
                return None;
            }
            pos += 2;
            continue;
        }
        let rest = &window[pos..];
        let len = rest.find([' ', ',']).unwrap_or(rest.len());
        let token = &rest[..len];
        // `Ambassador to Zembla Mr. Ann Bell`: an honorific after the complement opens the
        // name as a comma does.
        // Both open with a capital, which most complement words (`of`, `the`) do not.
        let opens = !direct && pos > 0 && token.starts_with(char::is_uppercase);
        if opens && HONORIFICS.contains(token) {
            return name_here(text, t, t.end + pos, t.end + pos - 1, others);
        }
        // `head of ZSA Ann Bell`, `Minister of Foreign Affairs Ann Bell`: a known given name
        // right after a body or a country, or in a government title's complement.
        let surname_follows = rest[len..]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(char::is_uppercase));
        if opens
            && surname_follows
            && (t.government || ends_a_mention(others, t.end + pos - 1))
            && is_given_name(token)
        {
            if let Some(found) = name_here(text, t, t.end + pos, t.end + pos - 1, others) {
                return Some(found);
            }
        }
        if len == 0 || len == rest.len() || !token.chars().all(is_complement_char) {
            return None;
        }
        pos += len + usize::from(rest[len..].starts_with(' '));
    }
}

/// Whether an agency or country mention of `others` (sorted by start) ends at `end`.
fn ends_a_mention(others: &[Mention], end: usize) -> bool {
    overlapping(others, end.saturating_sub(1), end)
        .iter()
        .any(|m| m.end == end && matches!(m.kind, Kind::Agency | Kind::Country))
}

/// Characters of a complement's words: letters, and those inside names and possessives.
fn is_complement_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '&')
}

/// The official whose name starts at `at`, after the complement ending at `complement_end`,
/// if a name of two parts or more starts there and ends where a clause may: at punctuation,
/// a parenthesis, a lower-case word or the end of the text.
fn name_here<'a>(
    text: &str,
    t: &TitleHit,
    at: usize,
    complement_end: usize,
    others: &[Mention<'a>],
) -> Option<(Name, Range<usize>, Text<'a>)> {
    let name = read_name(text, name_start(text, at)?)?;
    if name.parts < 2 {
        return None;
    }
    let after = &text[name.end..];
    let closes = after.is_empty()
        || after.starts_with([',', ';', ')', '\n'])
        || after.starts_with('.')
        || after.starts_with(" (")
        || after
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(char::is_lowercase));
    if !closes {
        return None;
    }
    let inside = overlapping(others, t.end, complement_end);
    let body = |kind| {
        inside
            .iter()
            .find(|m| m.start >= t.end && m.end <= complement_end && m.kind == kind)
    };
    let (role_start, lead) = title_context(text, t.start, others);
    let org = body(Kind::Agency)
        .map(|m| m.id.clone())
        .or(lead)
        .or_else(|| body(Kind::Country).map(|m| m.id.clone()));
    if org.is_none() && !t.government {
        return None;
    }
    Some((name, role_start..complement_end, org.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use crate::entity::Kind;
    use crate::extract::Extractor;

    /// The officials the whole extractor finds in `text`, as `name (org)`.
    fn officials(extractor: &Extractor, text: &str) -> Vec<String> {
        extractor
            .extract(text)
            .iter()
            .filter(|m| m.kind == Kind::Official)
            .map(|m| format!("{} ({})", &text[m.start..m.end], m.org))
            .collect()
    }

    #[test]
    fn names_after_an_office() {
        let rows: &[(&str, &str, &[&str])] = &[
            (
                "office, complement, comma, honorific",
                "The Director-General of the Zembla Space Agency, Dr. Ann Bellweather, led the team.",
                &["Ann Bellweather (Zembla Space Agency)"],
            ),
            (
                "a complement with commas of its own",
                "a letter from the Minister of Science, Culture and Sport, Mr. Bram Odelius.",
                &["Bram Odelius ()"],
            ),
            (
                "the title straight before the comma",
                "NASA's Administrator, Corwin Blake, will sign it.",
                &["Corwin Blake (NASA)"],
            ),
            (
                "without a comma the words after a body are not read",
                "First deputy head of NASA Alvar Tennick will chair the board.",
                &[],
            ),
            (
                "unless they open with a known given name",
                "First deputy head of NASA Alexander Tennick will chair the board.",
                &["Alexander Tennick (NASA)"],
            ),
            (
                "or, after a government title's complement, a known given name",
                "Deputy Minister of Foreign Affairs Hana Tennick met them.",
                &["Hana Tennick ()"],
            ),
            (
                "a given name not right after the body is complement",
                "the head of NASA Mission Alexander Tennick said",
                &[],
            ),
            (
                "an honorific after the complement opens the name",
                "with Zembla's Ambassador to Ruritania Mr. Bram Odelius. Then",
                &["Bram Odelius ()"],
            ),
            (
                "a company's title names no official",
                "the Chief Executive Officer of the firm, Doran Pike, said",
                &[],
            ),
            (
                "a one-word name after the comma is no official here",
                "the Minister of Trade, Industry and Energy said",
                &[],
            ),
            (
                "a name that runs on into more capitals is not closed",
                "the Director of NASA Mission Control Room opened",
                &[],
            ),
        ];
        let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
        for (name, text, want) in rows {
            assert_eq!(officials(&extractor, text), *want, "{name}: {text}");
        }
    }

    #[test]
    fn a_text_of_offices_is_read_in_bounded_windows() {
        // Titles and complements for a quarter megabyte: each title reads at most
        // `COMPLEMENT_LEN` bytes, so this runs in time proportional to the text.
        let text = "Minister of Science, ".repeat(12_000);
        let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
        assert!(officials(&extractor, &text).is_empty());
    }
}
