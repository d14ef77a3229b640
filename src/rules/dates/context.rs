//! What the words around a candidate say about what it is: whether a number is a year or a
//! count, a month a month or a name, a word an event, and whether a date line is a dateline.

use super::value::month_number;
use super::words::{
    CLOCK_WORDS, COUNTED_NOUNS, EVENT_NOUNS, MODEL_NOUNS, NOT_PLURAL, NUMBER_ABBREVIATIONS,
    NUMBER_LEADS, OLD_YEAR_LEADS, TIME_LEADS, UNITS, WEEKDAYS,
};
use crate::text::{char_at, char_before};

/// `May` before a day or year is still a surname in `Theresa May 2019`: a capitalised word
/// right before it marks a name, unless that word is a time word or a weekday. `March` after
/// `Long` names a rocket.
pub(super) fn month_is_date(text: &str, start: usize, month: &str) -> bool {
    match month {
        "May" => !glued_to_name(text, start, previous_word(text, start)),
        // China's Long March rockets (`Long March 5`).
        "March" => previous_word(text, start) != "Long",
        _ => true,
    }
}

/// True when `before`, the word right before `start`, is a capitalised word of the same phrase
/// (no punctuation between) that is not a time word: `Horizon 2020`, `Theresa May`.
pub(super) fn glued_to_name(text: &str, start: usize, before: &str) -> bool {
    let head = &text[..start];
    head.ends_with(' ')
        && !head
            .trim_end()
            .ends_with(['.', ',', ';', ':', '(', '"', '“', '—', '–'])
        && before.chars().next().is_some_and(char::is_uppercase)
        && !TIME_LEADS.contains(before)
        && !WEEKDAYS.contains(&before)
        && month_number(before).is_none()
}

/// Whether `text` before a dateline's date is a place: `WASHINGTON,`, `Paris, France,` or
/// nothing at all (the date alone on its line).
pub(super) fn is_place(lead: &str) -> bool {
    if lead.is_empty() {
        return true;
    }
    let Some(place) = lead.strip_suffix(',') else {
        return false;
    };
    let mut words = place.split([' ', ',', '/']).filter(|w| !w.is_empty());
    let mut count = 0;
    let all_capitalised = words.all(|w| {
        count += 1;
        w.chars().next().is_some_and(char::is_uppercase)
    });
    all_capitalised && (1..=4).contains(&count)
}

/// The word right before byte `i`, skipping spaces and a hyphen (`mid-June`).
pub(super) fn previous_word(text: &str, i: usize) -> &str {
    // Read as bytes while they are ASCII: only a word reaching a non-ASCII character, which may
    // be a letter too, is left to the search by characters.
    let b = text.as_bytes();
    let mut end = i;
    loop {
        if end > 0 && matches!(b[end - 1], b' ' | b'-') {
            end -= 1;
        } else if end >= 2 && b[end - 2..end] == *"\u{a0}".as_bytes() {
            end -= 2;
        } else {
            break;
        }
    }
    let head = &text[..end];
    let mut start = end;
    while start > 0 && b[start - 1].is_ascii_alphanumeric() {
        start -= 1;
    }
    if start > 0 && !b[start - 1].is_ascii() {
        start = head[..start]
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |p| {
                p + head[p..].chars().next().map_or(1, char::len_utf8)
            });
    }
    &head[start..]
}

/// The word right after byte `i`.
pub(super) fn next_word(text: &str, i: usize) -> &str {
    // As in `previous_word`: bytes while they are ASCII.
    let spaces = text.as_bytes()[i..]
        .iter()
        .take_while(|&&b| b == b' ')
        .count();
    let tail = &text[i + spaces..];
    let b = tail.as_bytes();
    let mut end = 0;
    while end < b.len() && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end < b.len() && !b[end].is_ascii() {
        end += tail[end..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(tail.len() - end);
    }
    &tail[..end]
}

pub(super) fn is_unit(word: &str) -> bool {
    // One-letter units only in lower case: `2021 T` is more likely a name than tonnes.
    if word.len() == 1 {
        UNITS.contains(word)
    } else {
        UNITS.contains_any_case(word)
    }
}

/// Whether the day number ending at `end` is followed by what it counts or measures: a unit,
/// a time unit or a countable object (`March 2 years ago`), not an event (`Aug. 7 bombings`).
pub(super) fn day_counts_something(text: &str, end: usize) -> bool {
    text[end..].starts_with(' ') && {
        let next = next_word(text, end);
        is_unit(next) || COUNTED_NOUNS.contains(next)
    }
}

/// Whether the year-like number ending at `end` is followed by what it counts or measures.
pub(super) fn year_counts_something(text: &str, end: usize) -> bool {
    text[end..].starts_with(' ') && is_counted(next_word(text, end))
}

/// Whether `next`, the word after a four-digit number, is what the number counts or
/// measures: a unit, a countable object, or a lower-case plural that names no event (`2000
/// satellites`, but `the 1992 protests`).
pub(super) fn is_counted(next: &str) -> bool {
    let plural = next.len() > 3
        && next.ends_with('s')
        && !NOT_PLURAL.contains(next)
        && next.chars().next().is_some_and(char::is_lowercase);
    is_unit(next) || COUNTED_NOUNS.contains(next) || plural && !is_event_noun(next)
}

/// Whether `word`, in lower case, singular or plural, names an event or a dated thing of
/// [`EVENT_NOUNS`]: `bombing`, `bombings`, `launches`, `rallies`.
pub(super) fn is_event_noun(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    let stem = |suffix: &str| {
        word.strip_suffix(suffix)
            .is_some_and(|w| EVENT_NOUNS.contains(w))
    };
    let y_plural = word.strip_suffix("ies").is_some_and(|w| {
        EVENT_NOUNS
            .starting_with(word.as_bytes()[0])
            .iter()
            .any(|e| e.strip_suffix('y') == Some(w))
    });
    EVENT_NOUNS.contains(word) || stem("s") || stem("es") || y_plural
}

/// Whether a year before 1900 starting at `start` follows a word that makes it a time: `in
/// 1898`, `since 1850`, `the summer of 1898`, and the second of `between 1850 and 1870`.
pub(super) fn old_year_is_time(text: &str, start: usize) -> bool {
    let lead = previous_word(text, start);
    if OLD_YEAR_LEADS.contains_any_case(lead) {
        return true;
    }
    let lead_start = lead.as_ptr() as usize - text.as_ptr() as usize;
    let before = previous_word(text, lead_start);
    match lead.to_ascii_lowercase().as_str() {
        "and" | "or" | "to" | "through" => {
            before.len() == 4 && before.bytes().all(|b| b.is_ascii_digit())
        }
        "of" => [
            "autumn",
            "beginning",
            "end",
            "fall",
            "middle",
            "spring",
            "start",
            "summer",
            "war",
            "winter",
        ]
        .iter()
        .any(|w| before.eq_ignore_ascii_case(w)),
        _ => false,
    }
}

/// Whether a number that looks like a year (or year span) at `start..end` is used as a time:
/// not money, not a count, not a measurement or clock time, not a part of a longer number, not
/// an identifier, not inside a name (`Horizon 2020`).
pub(super) fn year_context(text: &str, start: usize, end: usize) -> bool {
    // `COM(2016)0705`: a year in an identifier's parentheses.
    let opens_glued = char_before(text, start) == Some('(')
        && char_before(text, start - 1).is_some_and(char::is_alphanumeric);
    let closes_glued = char_at(text, end) == Some(')')
        && char_at(text, end + 1).is_some_and(char::is_alphanumeric);
    if opens_glued || closes_glued {
        return false;
    }
    if let Some(ch) = char_before(text, start) {
        if matches!(ch, '$' | '€' | '£' | '¥' | '#' | '№' | '+' | '×') {
            return false;
        }
        if matches!(ch, ',' | '.' | '-' | '–' | '/' | ':')
            && char_before(text, start - ch.len_utf8()).is_some_and(|p| p.is_ascii_digit())
        {
            return false;
        }
    }
    if let Some(ch) = char_at(text, end) {
        if ch == '%' {
            return false;
        }
        if matches!(ch, ',' | '.' | ':' | '/')
            && char_at(text, end + 1).is_some_and(|n| n.is_ascii_digit())
        {
            return false;
        }
        // `a 2000-km orbit`
        if ch == '-' && is_unit(next_word(text, end + 1)) {
            return false;
        }
    }
    if text[end..].starts_with(' ') {
        let next = next_word(text, end);
        // `his 1987 sedan` names a model, `the 2018 Act` a statute by its short title.
        if is_counted(next)
            || CLOCK_WORDS.contains_any_case(next)
            || MODEL_NOUNS.contains_any_case(next)
            || next == "Act"
        {
            return false;
        }
    }
    // `version 2019`, `some 2000`, and with an abbreviation's period `No. 2020`, `v. 2019`.
    let lead = previous_word(text, start);
    if NUMBER_LEADS.contains_any_case(lead) {
        return false;
    }
    let head = text[..start].trim_end();
    if let Some(abbrev) = head.strip_suffix('.') {
        let lead = previous_word(abbrev, abbrev.len());
        if NUMBER_ABBREVIATIONS.contains_any_case(lead) {
            return false;
        }
    }
    !glued_to_name(text, start, lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The words around a place are read as a search by characters reads them, in ASCII
        /// or not.
        #[test]
        fn words_around_read_as_by_characters(
            text in "[a-zA-Z0-9 \u{a0}\\-.,_é’中ß\u{2009}]{0,12}",
        ) {
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let head = text[..i].trim_end_matches([' ', '-', '\u{a0}']);
                let start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| {
                    p + head[p..].chars().next().map_or(1, char::len_utf8)
                });
                proptest::prop_assert_eq!(previous_word(&text, i), &head[start..]);
                let tail = text[i..].trim_start_matches(' ');
                let end = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
                proptest::prop_assert_eq!(next_word(&text, i), &tail[..end]);
            }
        }

    }
}
