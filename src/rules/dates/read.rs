//! Byte-level readers of the date shapes a trigger may open: each reads, anchored at the
//! trigger, exactly what its rule's regex would capture there (the regexes are kept in the
//! tests as the specification). Every number and month name in the text is such a trigger, and
//! a regex's captures cost more to set up there than the whole reading does by hand.
//!
//! A reader follows the regex's choices: the first alternative that leads to a match, and a
//! greedy or optional part taken whenever the rest can still match after it. Where taking a
//! part can make a later required part fail, the reader tries the other way too, in the order
//! the regex would; everywhere else a comment says why the first choice is the only one. As in
//! the regexes, `\s` is Unicode White_Space and a word boundary is ASCII.

use super::words;
use crate::text::{is_word_byte, space_at, spaces, spaces1};

/// A reader's match in byte offsets of the whole text: `spans[0]` is the match, `spans[i]` is
/// group `i` of the rule's regex, `None` where the match did not take that group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Groups<'t> {
    text: &'t str,
    pub(super) spans: [Option<(usize, usize)>; 9],
}

impl<'t> Groups<'t> {
    fn new(text: &'t str) -> Groups<'t> {
        Groups {
            text,
            spans: [None; 9],
        }
    }

    fn set(&mut self, group: usize, start: usize, end: usize) {
        self.spans[group] = Some((start, end));
    }

    /// Where the match ends.
    pub(super) fn end(&self) -> usize {
        self.spans[0].map_or(0, |(_, end)| end)
    }

    /// Where group `i` starts and ends, if the match took it.
    pub(super) fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.spans[i]
    }

    /// The text of group `i`, if the match took it.
    pub(super) fn get(&self, i: usize) -> Option<&'t str> {
        self.spans[i].map(|(start, end)| &self.text[start..end])
    }
}

/// Words in the order of a regex's alternation, with the set of their first bytes: a place
/// where no word can start, which is most places a reader looks, is turned away by one test
/// instead of a comparison with every word.
struct Alternatives {
    words: &'static [&'static str],
    /// Bit `b % 64` of `initials[b / 64]` is set when a word starts with byte `b`.
    initials: [u64; 4],
}

impl Alternatives {
    const fn new(words: &'static [&'static str]) -> Alternatives {
        let mut initials = [0; 4];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes()[0] as usize;
            initials[b / 64] |= 1 << (b % 64);
            i += 1;
        }
        Alternatives { words, initials }
    }

    /// The first word that the bytes from `i` start with.
    fn first_at(&self, b: &[u8], i: usize) -> Option<&'static str> {
        let rest = b.get(i..)?;
        let first = *rest.first()?;
        if self.initials[usize::from(first / 64)] >> (first % 64) & 1 == 0 {
            return None;
        }
        self.words
            .iter()
            .copied()
            .find(|w| w.as_bytes()[0] == first && rest.starts_with(w.as_bytes()))
    }
}

/// Month and weekday names as the regexes spell them, in their order.
const MONTHS: Alternatives = Alternatives::new(&[
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
]);
/// `Sept` comes before `Sep`, so that `Sept.` is read whole.
const MONTH_ABBREVIATIONS: Alternatives = Alternatives::new(&[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
]);
const WEEKDAYS: Alternatives = Alternatives::new(&words::WEEKDAYS);
const WEEKDAY_ABBREVIATIONS: Alternatives =
    Alternatives::new(&["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
/// The words that join the ends of a range, in the regex's order.
const RANGE_WORDS: Alternatives =
    Alternatives::new(&["and", "to", "through", "thru", "until", "till"]);
/// The marks between two ends of a range of days (`RANGE`), of months or years, and of a split
/// fiscal year; only that last one leaves out the em dash.
const RANGE_DASHES: Alternatives = Alternatives::new(&["-", "–", "—"]);
const SPAN_DASHES: Alternatives = Alternatives::new(&["-", "–", "—", "/"]);
const FISCAL_DASHES: Alternatives = Alternatives::new(&["-", "–", "/"]);
/// The marks `FY` may have before its year (`FY'26`, `FY-26`).
const APOSTROPHES: Alternatives = Alternatives::new(&["'", "’", "-"]);

fn word_at(b: &[u8], i: usize) -> bool {
    b.get(i).copied().is_some_and(is_word_byte)
}

/// An ASCII word boundary at `i`.
fn boundary(b: &[u8], i: usize) -> bool {
    (i > 0 && word_at(b, i - 1)) != word_at(b, i)
}

/// How many ASCII digits start at `i`, counting at most five: no rule reads more than four in
/// a row, and five tell a run of four from a longer one.
fn run(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .unwrap_or_default()
        .iter()
        .take(5)
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// `,?\s+` from `i`. Without the comma, `\s+` would have to match the comma itself.
fn comma_spaces(text: &str, i: usize) -> Option<usize> {
    let i = i + usize::from(text.as_bytes().get(i) == Some(&b','));
    spaces1(text, i)
}

/// One of `dashes` at `i`: where it ends.
fn dash(b: &[u8], i: usize, dashes: &Alternatives) -> Option<usize> {
    dashes.first_at(b, i).map(|d| i + d.len())
}

/// `\s*(?:dashes)\s*` from `i`.
fn spaced_dash(text: &str, i: usize, dashes: &Alternatives) -> Option<usize> {
    let at = dash(text.as_bytes(), spaces(text, i), dashes)?;
    Some(spaces(text, at))
}

/// `(?:\s+|-)` from `i`.
fn space_or_hyphen(text: &str, i: usize) -> Option<usize> {
    spaces1(text, i).or_else(|| (text.as_bytes().get(i) == Some(&b'-')).then_some(i + 1))
}

/// `MONTH`: a full month name, or an abbreviation with its period or a word boundary after it,
/// so that `Janet` and `Mars` are not months. No month name is a prefix of another, and an
/// abbreviation needs what a full name cannot have after its first letters, so at most one
/// reading exists; where the period could also be left out for the boundary before it, every
/// rule needs white space or a dash next, which the period is not.
fn month(b: &[u8], i: usize) -> Option<usize> {
    if let Some(m) = MONTHS.first_at(b, i) {
        return Some(i + m.len());
    }
    let end = i + MONTH_ABBREVIATIONS.first_at(b, i)?.len();
    if b.get(end) == Some(&b'.') {
        Some(end + 1)
    } else {
        boundary(b, end).then_some(end)
    }
}

/// `(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?B`: a day of one or two digits, perhaps with an
/// ordinal suffix. A shorter reading of the digits or one without the suffix would leave a
/// word character right after it, so the boundary decides alone.
fn day(b: &[u8], i: usize) -> Option<usize> {
    let number = match (run(b, i), b.get(i..i + 2)) {
        (1, _) => b[i] != b'0',
        (2, Some([d1, d2])) => matches!(
            (d1, d2),
            (b'0', b'1'..=b'9') | (b'1' | b'2', _) | (b'3', b'0' | b'1')
        ),
        _ => false,
    };
    if !number {
        return None;
    }
    let end = i + run(b, i);
    let suffixed = end + 2;
    if matches!(b.get(end..suffixed), Some(b"st" | b"nd" | b"rd" | b"th")) && boundary(b, suffixed)
    {
        return Some(suffixed);
    }
    boundary(b, end).then_some(end)
}

/// `YEAR`: `1[89][0-9]{2}|20[0-9]{2}|21[0-9]{2}`, then a word boundary.
fn year(b: &[u8], i: usize) -> Option<usize> {
    let century = matches!(b.get(i..i + 2), Some(b"18" | b"19" | b"20" | b"21"));
    (century && run(b, i) == 4 && boundary(b, i + 4)).then_some(i + 4)
}

/// `[0-9]{4}|[0-9]{2}` then a word boundary: four digits or two, and nothing else of a word
/// after them (taking two of four would leave a digit next).
fn two_or_four_digits(b: &[u8], i: usize) -> Option<usize> {
    let n = run(b, i);
    (matches!(n, 2 | 4) && boundary(b, i + n)).then_some(i + n)
}

/// `RANGE`: `\s*(?:-|–|—)\s*` or `\s+(?:and|to|through|thru|until|till)\s+`. The rules keep
/// it as a group, because a word between two full dates makes two mentions and a dash one
/// range.
fn range(text: &str, i: usize) -> Option<usize> {
    if let Some(end) = spaced_dash(text, i, &RANGE_DASHES) {
        return Some(end);
    }
    let at = spaces1(text, i)?;
    let word = RANGE_WORDS.first_at(text.as_bytes(), at)?;
    spaces1(text, at + word.len())
}

/// `\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\)`: a weekday in parentheses.
fn paren_weekday(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let open = spaces(text, i);
    if b.get(open) != Some(&b'(') {
        return None;
    }
    let mut at = open + 1 + WEEKDAY_ABBREVIATIONS.first_at(b, open + 1)?.len();
    while b.get(at).is_some_and(u8::is_ascii_lowercase) {
        at += 1;
    }
    if b.get(at) == Some(&b'.') {
        at += 1;
    }
    (b.get(at) == Some(&b')')).then_some(at + 1)
}

/// `({WEEKDAY}),?\s+` at `i`: the weekday's end and where the rest starts. No weekday name is
/// a month or a number, so a rule that fails after the weekday cannot match without it either.
fn weekday_lead(text: &str, i: usize) -> Option<(usize, usize)> {
    let end = i + WEEKDAYS.first_at(text.as_bytes(), i)?.len();
    Some((end, comma_spaces(text, end)?))
}

/// The groups of a phrase at `pos` with the weekday that may open it (`Friday, `) in group 1,
/// and where the rest starts after that weekday, if there is one.
fn lead_groups(text: &str, pos: usize) -> (Groups<'_>, Option<usize>) {
    let mut g = Groups::new(text);
    let lead = weekday_lead(text, pos).map(|(end, at)| {
        g.set(1, pos, end);
        at
    });
    (g, lead)
}

/// `(?:word\s+)?` at `i`: where what follows starts. What follows is a day or a month, which
/// cannot start with the word, so when the word is there it must be taken.
fn skip_word(text: &str, i: usize, word: &str) -> usize {
    if text.as_bytes()[i..].starts_with(word.as_bytes()) {
        spaces1(text, i + word.len()).unwrap_or(i)
    } else {
        i
    }
}

/// `^([0-9]{4})([-/.])([0-9]{1,2})(?:([-/.])([0-9]{1,2}))?(?:T[0-9]|B)`: `2021-05-21`,
/// `2021-05-21T09:30`, `2021-05`. Groups: 1 year, 2 separator, 3 month, 4 separator, 5 day.
pub(super) fn iso(text: &str, pos: usize) -> Option<Groups<'_>> {
    let b = text.as_bytes();
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b'/' | b'.'));
    // Ends with a time or a word boundary.
    let tail = |i: usize| {
        if b.get(i) == Some(&b'T') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            Some(i + 2)
        } else {
            boundary(b, i).then_some(i)
        }
    };
    if run(b, pos) != 4 || !sep(pos + 4) {
        return None;
    }
    let mut g = Groups::new(text);
    g.set(1, pos, pos + 4);
    g.set(2, pos + 4, pos + 5);
    // One digit of two would leave a digit next, which neither a separator nor the end takes.
    let month = pos + 5;
    let month_end = month + run(b, month).min(2);
    if month_end == month {
        return None;
    }
    g.set(3, month, month_end);
    if sep(month_end) {
        let day = month_end + 1;
        let day_end = day + run(b, day).min(2);
        if let Some(end) = tail(day_end).filter(|_| day_end > day) {
            g.set(4, month_end, day);
            g.set(5, day, day_end);
            g.set(0, pos, end);
            return Some(g);
        }
    }
    g.set(0, pos, tail(month_end)?);
    Some(g)
}

/// `^([0-9]{1,2})([-/.])([0-9]{1,2})([-/.])([0-9]{4})B`: `30/06/2019`. Each short number is
/// followed by a separator, which a digit left over from it cannot be. Groups: 1 number,
/// 2 separator, 3 number, 4 separator, 5 year.
pub(super) fn numeric(text: &str, pos: usize) -> Option<Groups<'_>> {
    let b = text.as_bytes();
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b'/' | b'.'));
    let first_end = pos + run(b, pos).min(2);
    if first_end == pos || !sep(first_end) {
        return None;
    }
    let second = first_end + 1;
    let second_end = second + run(b, second).min(2);
    if second_end == second || !sep(second_end) {
        return None;
    }
    let year = second_end + 1;
    if run(b, year) != 4 || !boundary(b, year + 4) {
        return None;
    }
    let mut g = Groups::new(text);
    g.set(0, pos, year + 4);
    g.set(1, pos, first_end);
    g.set(2, first_end, second);
    g.set(3, second, second_end);
    g.set(4, second_end, year);
    g.set(5, year, year + 4);
    Some(g)
}

/// `^(?:({WEEKDAY}),?\s+)?({MONTH})\s+(?:the\s+)?({DAY})({paren_weekday})?`
/// `(?:{RANGE}(?:({MONTH})\s+)?({DAY}))?(?:,?\s+({YEAR}))?`:
/// `Friday, April 13, 2018`, `Nov. 29 and 30`, `Nov. 30 – Dec. 2, 2021`, `June 3 (Thu)`.
/// Groups: 1 weekday, 2 month, 3 day, 4 `(Thu)`, 5 joint, 6 month, 7 day, 8 year.
pub(super) fn month_day(text: &str, pos: usize) -> Option<Groups<'_>> {
    let (mut g, lead) = lead_groups(text, pos);
    let at = lead.unwrap_or(pos);
    let b = text.as_bytes();
    let month_end = month(b, at)?;
    let day_start = skip_word(text, spaces1(text, month_end)?, "the");
    let mut end = day(b, day_start)?;
    g.set(2, at, month_end);
    g.set(3, day_start, end);
    // Everything after the day is optional, so each part is taken when it is there.
    if let Some(close) = paren_weekday(text, end) {
        g.set(4, end, close);
        end = close;
    }
    if let Some(joint_end) = range(text, end) {
        // A month before the second day must be followed by one: a day cannot start with it.
        let month2 = month(b, joint_end).and_then(|m| Some((m, spaces1(text, m)?)));
        let day2_start = month2.map_or(joint_end, |(_, at)| at);
        if let Some(day2_end) = day(b, day2_start) {
            g.set(5, end, joint_end);
            if let Some((m, _)) = month2 {
                g.set(6, joint_end, m);
            }
            g.set(7, day2_start, day2_end);
            end = day2_end;
        }
    }
    if let Some(year_end) = comma_spaces(text, end).and_then(|at| Some((at, year(b, at)?))) {
        g.set(8, year_end.0, year_end.1);
        end = year_end.1;
    }
    g.set(0, pos, end);
    Some(g)
}

/// `^(?:({WEEKDAY}),?\s+(?:the\s+)?)?({DAY})(?:(?:(?:\s+|-)({MONTH}))?{RANGE}({DAY}))?`
/// `(?:\s+|-)(?:of\s+)?({MONTH})(?:(?:,?\s+|-)({YEAR}))?`:
/// `21 May 2021`, `Tuesday 3 June`, `the 5th of March`, `2–6 October`, `28 February – 2 March`.
/// Groups: 1 weekday, 2 day, 3 month, 4 joint, 5 day, 6 month, 7 year.
pub(super) fn day_month(text: &str, pos: usize) -> Option<Groups<'_>> {
    let (mut g, lead) = lead_groups(text, pos);
    let at = lead.map_or(pos, |at| skip_word(text, at, "the"));
    let b = text.as_bytes();
    let day_end = day(b, at)?;
    g.set(2, at, day_end);
    // The month after the day is required, so a range that reads but leaves no month after
    // it is given up: first the range's own first month, then the whole range.
    let first_month = space_or_hyphen(text, day_end).and_then(|at| Some((at, month(b, at)?)));
    if let Some((m_start, m_end)) = first_month {
        if let Some((joint_end, day2_end, tail)) = day_range(text, m_end) {
            g.set(3, m_start, m_end);
            return Some(month_tail(g, pos, (m_end, joint_end, day2_end), tail));
        }
    }
    if let Some((joint_end, day2_end, tail)) = day_range(text, day_end) {
        return Some(month_tail(g, pos, (day_end, joint_end, day2_end), tail));
    }
    let tail = day_month_tail(text, day_end)?;
    g.set(6, tail.month.0, tail.month.1);
    if let Some(y) = tail.year {
        g.set(7, y.0, y.1);
    }
    g.set(0, pos, tail.end);
    Some(g)
}

/// What follows a day or range in `day_month`: its month and year.
struct MonthTail {
    month: (usize, usize),
    year: Option<(usize, usize)>,
    end: usize,
}

/// `{RANGE}({DAY})` at `i` with the required month after it: where the joint and the second
/// day end, and the month.
fn day_range(text: &str, i: usize) -> Option<(usize, usize, MonthTail)> {
    let joint_end = range(text, i)?;
    let day2_end = day(text.as_bytes(), joint_end)?;
    Some((joint_end, day2_end, day_month_tail(text, day2_end)?))
}

/// Fills in a `day_month` range: the joint from `ends.0` to `ends.1`, the second day to
/// `ends.2`, then the month and year.
fn month_tail<'t>(
    mut g: Groups<'t>,
    pos: usize,
    ends: (usize, usize, usize),
    tail: MonthTail,
) -> Groups<'t> {
    let (joint_start, joint_end, day2_end) = ends;
    g.set(4, joint_start, joint_end);
    g.set(5, joint_end, day2_end);
    g.set(6, tail.month.0, tail.month.1);
    if let Some(y) = tail.year {
        g.set(7, y.0, y.1);
    }
    g.set(0, pos, tail.end);
    g
}

/// `(?:\s+|-)(?:of\s+)?({MONTH})(?:(?:,?\s+|-)({YEAR}))?` at `i`.
fn day_month_tail(text: &str, i: usize) -> Option<MonthTail> {
    let b = text.as_bytes();
    let month_start = skip_word(text, space_or_hyphen(text, i)?, "of");
    let month_end = month(b, month_start)?;
    // `,?\s+` and `-` cannot both start at one place.
    let year_start = if b.get(month_end) == Some(&b'-') {
        Some(month_end + 1)
    } else {
        comma_spaces(text, month_end)
    };
    let year = year_start.and_then(|at| Some((at, year(b, at)?)));
    Some(MonthTail {
        month: (month_start, month_end),
        year,
        end: year.map_or(month_end, |y| y.1),
    })
}

/// `^({MONTH})(?:(?:,?\s+({YEAR}))?\s*(?:-|–|—|/)\s*({MONTH}))?,?\s+({YEAR})`: `July 2021`,
/// `March–May 2022`, `Dec 2021 – Jan 2022`. Groups: 1 month, 2 year, 3 month, 4 year.
pub(super) fn month_year(text: &str, pos: usize) -> Option<Groups<'_>> {
    let b = text.as_bytes();
    let month1_end = month(b, pos)?;
    let year_at = |i: usize| comma_spaces(text, i).and_then(|at| Some((at, year(b, at)?)));
    // The closing year is required: a range that leaves none after it is given up, first its
    // own first year, then the whole range.
    let to_month = |i: usize| {
        let at = spaced_dash(text, i, &SPAN_DASHES)?;
        let end = month(b, at)?;
        Some(((at, end), year_at(end)?))
    };
    let mut g = Groups::new(text);
    g.set(1, pos, month1_end);
    let first_year = year_at(month1_end);
    let ranged = first_year
        .and_then(|y1| Some((Some(y1), to_month(y1.1)?)))
        .or_else(|| Some((None, to_month(month1_end)?)));
    let last_year = match ranged {
        Some((y1, (m2, y2))) => {
            if let Some(y1) = y1 {
                g.set(2, y1.0, y1.1);
            }
            g.set(3, m2.0, m2.1);
            y2
        }
        None => first_year?,
    };
    g.set(4, last_year.0, last_year.1);
    g.set(0, pos, last_year.1);
    Some(g)
}

/// `^({YEAR})\s*(?:-|–|—|/)\s*([0-9]{4}|[0-9]{2})B`: `2014-2020`, `1996–97`, `2021/22`.
/// Groups: 1 first year, 2 last year as written.
pub(super) fn year_span(text: &str, pos: usize) -> Option<Groups<'_>> {
    let b = text.as_bytes();
    let from_end = year(b, pos)?;
    let to = spaced_dash(text, from_end, &SPAN_DASHES)?;
    let to_end = two_or_four_digits(b, to)?;
    let mut g = Groups::new(text);
    g.set(0, pos, to_end);
    g.set(1, pos, from_end);
    g.set(2, to, to_end);
    Some(g)
}

/// `^(?:(FY)\s?['’-]?|[Ff]iscal\s+(?:[Yy]ear\s+)?)([0-9]{4}|[0-9]{2})`
/// `(?:\s*(?:-|–|/)\s*([0-9]{4}|[0-9]{2}))?B`: `FY2026`, `FY'26`, `fiscal year 2026`,
/// `FY 2025-26`. Groups: 1 `FY` (absent for `fiscal year`), 2 year, 3 end year.
pub(super) fn fiscal(text: &str, pos: usize) -> Option<Groups<'_>> {
    let b = text.as_bytes();
    let mut g = Groups::new(text);
    // Each optional mark before the year is not a digit, so leaving one out cannot help.
    let number = if b[pos..].starts_with(b"FY") {
        g.set(1, pos, pos + 2);
        let at = pos + 2 + space_at(text, pos + 2);
        at + APOSTROPHES.first_at(b, at).map_or(0, str::len)
    } else if matches!(b.get(pos), Some(b'F' | b'f')) && b[pos + 1..].starts_with(b"iscal") {
        let at = spaces1(text, pos + 6)?;
        match b.get(at) {
            Some(b'Y' | b'y') if b[at + 1..].starts_with(b"ear") => {
                spaces1(text, at + 4).unwrap_or(at)
            }
            _ => at,
        }
    } else {
        return None;
    };
    // The year is four digits or two; the split year's end is optional, and the boundary
    // after both is required, so each is tried in the regex's order until one holds.
    let n = run(b, number);
    for len in [4, 2] {
        if n < len {
            continue;
        }
        let from_end = number + len;
        g.set(2, number, from_end);
        let to = spaced_dash(text, from_end, &FISCAL_DASHES);
        let to_end = to.and_then(|at| two_or_four_digits(b, at));
        if let (Some(to), Some(to_end)) = (to, to_end) {
            g.set(3, to, to_end);
            g.set(0, pos, to_end);
            return Some(g);
        }
        if boundary(b, from_end) {
            g.set(0, pos, from_end);
            return Some(g);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::{any, Just, Strategy};
    use proptest::sample::select;
    use proptest::strategy::BoxedStrategy;
    use regex::Regex;

    use super::*;

    // The specification: the regexes the readers replaced, as the rules compiled them.

    /// An ASCII word boundary.
    const B: &str = r"(?-u:\b)";
    const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?-u:\b)))";
    const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?-u:\b)";
    const YEAR: &str = r"(?:1[89][0-9]{2}|20[0-9]{2}|21[0-9]{2})(?-u:\b)";
    const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    const RANGE: &str = r"(\s*(?:-|–|—)\s*|\s+(?:and|to|through|thru|until|till)\s+)";
    const PAREN_WEEKDAY: &str = r"\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\)";

    type Reader = for<'t> fn(&'t str, usize) -> Option<Groups<'t>>;

    /// Each rule: its name, its regex and its reader.
    static RULES: LazyLock<Vec<(&str, Regex, Reader)>> = LazyLock::new(|| {
        let rule = |name, regex: String, reader: Reader| {
            (name, Regex::new(&regex).expect("rule compiles"), reader)
        };
        vec![
            rule(
                "iso",
                r"^([0-9]{4})([-/.])([0-9]{1,2})(?:([-/.])([0-9]{1,2}))?(?:T[0-9]|(?-u:\b))".into(),
                iso,
            ),
            rule(
                "numeric",
                r"^([0-9]{1,2})([-/.])([0-9]{1,2})([-/.])([0-9]{4})(?-u:\b)".into(),
                numeric,
            ),
            rule(
                "month_day",
                format!(
                    r"^(?:({WEEKDAY}),?\s+)?({MONTH})\s+(?:the\s+)?({DAY})({PAREN_WEEKDAY})?(?:{RANGE}(?:({MONTH})\s+)?({DAY}))?(?:,?\s+({YEAR}))?"
                ),
                month_day,
            ),
            rule(
                "day_month",
                format!(
                    r"^(?:({WEEKDAY}),?\s+(?:the\s+)?)?({DAY})(?:(?:(?:\s+|-)({MONTH}))?{RANGE}({DAY}))?(?:\s+|-)(?:of\s+)?({MONTH})(?:(?:,?\s+|-)({YEAR}))?"
                ),
                day_month,
            ),
            rule(
                "month_year",
                format!(
                    r"^({MONTH})(?:(?:,?\s+({YEAR}))?\s*(?:-|–|—|/)\s*({MONTH}))?,?\s+({YEAR})"
                ),
                month_year,
            ),
            rule(
                "year_span",
                format!(r"^({YEAR})\s*(?:-|–|—|/)\s*([0-9]{{4}}|[0-9]{{2}}){B}"),
                year_span,
            ),
            rule(
                "fiscal",
                format!(
                    r"^(?:(FY)\s?['’-]?|[Ff]iscal\s+(?:[Yy]ear\s+)?)([0-9]{{4}}|[0-9]{{2}})(?:\s*(?:-|–|/)\s*([0-9]{{4}}|[0-9]{{2}}))?{B}"
                ),
                fiscal,
            ),
        ]
    });

    /// What `regex` captures anchored at `pos`, in offsets of the whole text.
    fn captured(regex: &Regex, text: &str, pos: usize) -> Option<[Option<(usize, usize)>; 9]> {
        let c = regex.captures(&text[pos..])?;
        let mut spans = [None; 9];
        for (i, span) in spans.iter_mut().enumerate().take(c.len()) {
            *span = c.get(i).map(|m| (pos + m.start(), pos + m.end()));
        }
        Some(spans)
    }

    /// The first rule whose reader answers otherwise than its regex at some character of
    /// `text`, with both answers.
    fn disagreement(text: &str) -> Option<String> {
        let places = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for pos in places {
            for (name, regex, read) in RULES.iter() {
                let want = captured(regex, text, pos);
                let got = read(text, pos).map(|g| g.spans);
                if got != want {
                    return Some(format!(
                        "{name} at {pos} of {text:?}:\n  read  {got:?}\n  regex {want:?}"
                    ));
                }
            }
        }
        None
    }

    #[test]
    fn readers_answer_as_their_regexes_on_near_misses() {
        let rows = [
            // Months: abbreviations need a period or a boundary, `Sept` comes before `Sep`.
            "Jan. 5",
            "Jan 5",
            "Janu 5",
            "Sept. 3, 2024",
            "Sept 3",
            "Sep. 3",
            "Sep 3",
            "Septe 3",
            "September 3",
            "Mayor 5",
            "May. 5",
            "Mars 2020",
            "Jun_ 5",
            "MAY 5",
            "Dec.5",
            // Days: two digits at most, 1 to 31, an ordinal suffix then a boundary.
            "May 0",
            "May 00",
            "May 09",
            "May 31st",
            "May 32",
            "May 3rdx",
            "May 123",
            "May 3_",
            "May 3é",
            "1 Jan_",
            "1 Sept_",
            "May the 3rd",
            "May then 3",
            // Weekdays, the parenthesised weekday, white space beyond ASCII.
            "Friday, April 13, 2018",
            "Fridays, April 13",
            "Friday,April 13",
            "June 3 (Thu), 2021",
            "June 3 (Thursday.)",
            "June 3 (Thu",
            "June 3 (thu)",
            "June 3 (ThuRS)",
            "June\u{a0}3\u{2009}–\u{3000}5",
            "June\u{200b}3",
            "June\u{85}3",
            "June\u{180e}3",
            // Ranges and the joints that make them.
            "Nov. 29 and 30",
            "Nov. 29 andy 30",
            "Nov. 30 – Dec. 2, 2021",
            "Nov. 30 —Dec 2",
            "Nov. 30 - Decem 2",
            "Aug. 7 to Aug. 11",
            "May 5 through 7",
            "May 5 thru7",
            "May 5 till 7",
            "May 5 until 7",
            // Day first: the month is required, so a range that leaves none is given up.
            "21 May 2021",
            "21-May-2021",
            "the 5th of March 2022",
            "Tuesday the 3rd of June",
            "2–6 October",
            "28 February – 2 March 2022",
            "28 February and 2 March",
            "3 May - 5 June",
            "3 May and 5 miles",
            "3 and 5 May",
            "3 to 5 miles in May",
            "3 May, 2021",
            "3 May,2021",
            "3 May-2021",
            "3 ofMay",
            // Month and year.
            "July 2021",
            "July, 2021",
            "March–May 2022",
            "March 2021 - May 2022",
            "March 2021 - May",
            "March - May",
            "Dec 2021 / Jan 2022",
            "Dec. / Jan. 2022",
            // Numbers.
            "2021-05-21",
            "2021-05-21T09:30",
            "2021-05-1x",
            "2021-05-123",
            "2021-5",
            "2021-05",
            "2021/05.21",
            "20211-05-21",
            "2021-",
            "30/06/2019",
            "3.06.2019",
            "30/06/20199",
            "30/06/2019x",
            "300/06/2019",
            "2014-2020",
            "1996–97",
            "2021/22",
            "2021 — 22",
            "2021-222",
            "2021-22x",
            "2200-22",
            "1799-1800",
            // Fiscal years.
            "FY2026",
            "FY26",
            "FY'26",
            "FY’26",
            "FY 2025-26",
            "FY2025-26x",
            "FY2025–2026",
            "FY2025—26",
            "FY 2025 / 26",
            "FY  2025",
            "FY- 2025",
            "FY -2025",
            "FY202",
            "FY20256",
            "FYI",
            "fiscal year 2026",
            "Fiscal Year 26",
            "fiscal year2026",
            "fiscal  2026",
            "fiscally 2026",
            "FISCAL 2026",
            "",
        ];
        for text in rows {
            if let Some(problem) = disagreement(text) {
                panic!("{problem}");
            }
        }
    }

    // Generators of date-like text. Each shape follows one rule's regex piece by piece, with
    // its optional parts present or not; at a noise level of `n`, `n` pieces in 20 are near
    // misses (a wrong case, a boundary broken by a letter, a dash or space the rule does not
    // take, a number out of range) and some are swapped for any piece or character at all.

    type Text = BoxedStrategy<String>;

    fn one_of(words: &[&'static str]) -> Text {
        select(words.to_vec()).prop_map(String::from).boxed()
    }

    /// One of `good` mostly, one of `near` `noise` times in 20.
    fn pick(good: &[&'static str], near: &[&'static str], noise: u32) -> Text {
        if noise == 0 {
            return one_of(good);
        }
        proptest::prop_oneof![20 - noise => one_of(good), noise => one_of(near)].boxed()
    }

    /// The pieces one after the other.
    fn cat(pieces: Vec<Text>) -> Text {
        pieces.prop_map(|parts| parts.concat()).boxed()
    }

    /// A piece that is there or not, as an optional part of a regex.
    fn maybe(s: Text) -> Text {
        proptest::prop_oneof![s, Just(String::new())].boxed()
    }

    fn month_like(noise: u32) -> Text {
        let mut good: Vec<&str> = MONTHS.words.to_vec();
        good.extend(MONTH_ABBREVIATIONS.words);
        good.extend([
            "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.", "Oct.",
            "Nov.", "Dec.",
        ]);
        let near = [
            "Ju", "Janu", "Septe", "Mars", "Marc", "Mayor", "Dece", "may", "MAY", "june", "Jan_",
            "Sep9", "Decé", "Jan..", "Sept_", "Mayé", "Sepx", "Nov.x", "Octo", "JANUARY",
        ];
        pick(&good, &near, noise)
    }

    fn day_like(noise: u32) -> Text {
        let good = (1..=31)
            .flat_map(|d| [format!("{d}"), format!("{d:02}")])
            .collect::<Vec<_>>();
        let number = select(good).boxed();
        let suffix = one_of(&["", "", "", "st", "nd", "rd", "th"]);
        let near = [
            "0", "00", "32", "39", "123", "3x", "3_", "3rdx", "3TH", "3sts", "99", "3é", "3s",
            "1st_", "007",
        ];
        let good = (number, suffix).prop_map(|(n, s)| n + &s).boxed();
        if noise == 0 {
            return good;
        }
        proptest::prop_oneof![20 - noise => good, noise => one_of(&near)].boxed()
    }

    fn year_like(noise: u32) -> Text {
        let good = (1800u32..2200).prop_map(|y| y.to_string()).boxed();
        let near = [
            "1799", "2200", "26", "202", "20211", "2021x", "2021_", "0021", "2021é",
        ];
        if noise == 0 {
            return good;
        }
        proptest::prop_oneof![20 - noise => good, noise => one_of(&near)].boxed()
    }

    /// The end of a span: four digits or two.
    fn short_year_like(noise: u32) -> Text {
        pick(
            &["26", "97", "00", "2022", "2020", "1999", "0000"],
            &["2", "202", "20221", "26x", "2022_", "26é", ""],
            noise,
        )
    }

    fn space_like(noise: u32) -> Text {
        pick(
            &[
                " ", " ", " ", "  ", "\t", "\u{a0}", "\n", "\r\n", "\u{2009}", "\u{3000}",
                "\u{85}", "\u{2028}", "\u{202f}", " \u{a0} ",
            ],
            &["", "\u{200b}", "\u{180e}", "_", "x", "\u{feff}", ".", "é"],
            noise,
        )
    }

    fn comma_like(noise: u32) -> Text {
        maybe(pick(&[","], &[";", ".", ",,", "’"], noise))
    }

    /// A dash: every dash some rule takes, as each is a near miss for another rule, or a
    /// look-alike.
    fn dash_like(noise: u32) -> Text {
        let near = [".", "−", "‒", "--", "", "‐", "―", "~"];
        pick(&["-", "-", "–", "—", "/"], &near, noise)
    }

    fn range_like(noise: u32) -> Text {
        let dashed = cat(vec![
            maybe(space_like(noise)),
            dash_like(noise),
            maybe(space_like(noise)),
        ]);
        let worded = cat(vec![
            space_like(noise),
            pick(
                &["and", "to", "through", "thru", "until", "till"],
                &[
                    "an", "tod", "thro", "untill", "And", "TO", "&", "andy", "til",
                ],
                noise,
            ),
            space_like(noise),
        ]);
        proptest::prop_oneof![dashed, worded].boxed()
    }

    fn weekday_like(noise: u32) -> Text {
        pick(
            &super::super::words::WEEKDAYS,
            &[
                "Mon", "Thurs", "monday", "Sundays", "Fri.", "Wednes", "FRIDAY",
            ],
            noise,
        )
    }

    fn paren_weekday_like(noise: u32) -> Text {
        let paren = pick(
            &[
                "(Thu)",
                "(Mon)",
                "(Tuesday)",
                "(Wed.)",
                "(Sat)",
                "(Sun)",
                "(Fri.)",
                "(Thurs)",
            ],
            &[
                "(Th)", "(TUE)", "(thu)", "(Thu", "(Thu1)", "(Thu..)", "[Thu]", "(Thu.", "(Tue_)",
                "(ThuRS)", "(MonDAY)", "(Satx.X)",
            ],
            noise,
        );
        cat(vec![maybe(space_like(noise)), paren])
    }

    fn word_like(word: &'static str, near: &[&'static str], noise: u32) -> Text {
        pick(&[word], near, noise)
    }

    /// A number of one or two digits, as in numeric and ISO dates.
    fn small_like(noise: u32) -> Text {
        pick(
            &["1", "5", "05", "12", "30", "31", "00", "99"],
            &["123", "", "x", "1x", "0123"],
            noise,
        )
    }

    fn tail_like(noise: u32) -> Text {
        pick(
            &["", "", " ", ".", ",", " x", "’s", ")", "\n"],
            &[
                "x", "_", "9", "T0", "T", "Tx", "é", "-", "–", "/", "s", " 2021", "-5", "st",
            ],
            noise,
        )
    }

    /// Any one piece, or any character at all.
    fn anything() -> Text {
        proptest::prop_oneof![
            month_like(4),
            day_like(4),
            year_like(4),
            space_like(4),
            range_like(4),
            weekday_like(4),
            comma_like(4),
            tail_like(4),
            one_of(&["the", "of", "FY", "fiscal", "year", "(", ")", "'", "’"]),
            any::<char>().prop_map(String::from),
        ]
        .boxed()
    }

    /// The pieces of a shape in order, each swapped for anything `noise` times in 40.
    fn shape(pieces: Vec<Text>, noise: u32) -> Text {
        let pieces = pieces
            .into_iter()
            .map(|p| {
                if noise == 0 {
                    return p;
                }
                proptest::prop_oneof![40 - noise => p, noise => anything()].boxed()
            })
            .collect();
        cat(pieces)
    }

    fn month_day_like(n: u32) -> Text {
        let lead = cat(vec![weekday_like(n), comma_like(n), space_like(n)]);
        let second = cat(vec![
            range_like(n),
            maybe(cat(vec![month_like(n), space_like(n)])),
            day_like(n),
        ]);
        let year = cat(vec![comma_like(n), space_like(n), year_like(n)]);
        let the = cat(vec![
            word_like("the", &["The", "th", "thee", "then"], n),
            space_like(n),
        ]);
        shape(
            vec![
                maybe(lead),
                month_like(n),
                space_like(n),
                maybe(the),
                day_like(n),
                maybe(paren_weekday_like(n)),
                maybe(second),
                maybe(year),
                tail_like(n),
            ],
            n,
        )
    }

    fn day_month_like(n: u32) -> Text {
        let the = cat(vec![
            word_like("the", &["The", "th", "thee", "then"], n),
            space_like(n),
        ]);
        let lead = cat(vec![
            weekday_like(n),
            comma_like(n),
            space_like(n),
            maybe(the),
        ]);
        let apart =
            || proptest::prop_oneof![space_like(n), word_like("-", &["–", "/", "."], n)].boxed();
        let first_month = cat(vec![apart(), month_like(n)]);
        let second = cat(vec![maybe(first_month), range_like(n), day_like(n)]);
        let of = cat(vec![word_like("of", &["ofs", "Of", "o"], n), space_like(n)]);
        let year_apart = proptest::prop_oneof![
            cat(vec![comma_like(n), space_like(n)]),
            word_like("-", &["–", "/"], n),
        ]
        .boxed();
        shape(
            vec![
                maybe(lead),
                day_like(n),
                maybe(second),
                apart(),
                maybe(of),
                month_like(n),
                maybe(cat(vec![year_apart, year_like(n)])),
                tail_like(n),
            ],
            n,
        )
    }

    fn month_year_like(n: u32) -> Text {
        let first_year = cat(vec![comma_like(n), space_like(n), year_like(n)]);
        let second = cat(vec![
            maybe(first_year),
            maybe(space_like(n)),
            dash_like(n),
            maybe(space_like(n)),
            month_like(n),
        ]);
        shape(
            vec![
                month_like(n),
                maybe(second),
                comma_like(n),
                space_like(n),
                year_like(n),
                tail_like(n),
            ],
            n,
        )
    }

    fn numbers_like(n: u32) -> Text {
        let sep = || pick(&["-", "/", "."], &[":", "–", "", ","], n);
        let iso = vec![
            year_like(n),
            sep(),
            small_like(n),
            maybe(cat(vec![sep(), small_like(n)])),
            tail_like(n),
        ];
        let numeric = vec![
            small_like(n),
            sep(),
            small_like(n),
            sep(),
            year_like(n),
            tail_like(n),
        ];
        proptest::prop_oneof![shape(iso, n), shape(numeric, n)].boxed()
    }

    fn year_span_like(n: u32) -> Text {
        let pieces = vec![
            year_like(n),
            maybe(space_like(n)),
            dash_like(n),
            maybe(space_like(n)),
            short_year_like(n),
            tail_like(n),
        ];
        shape(pieces, n)
    }

    fn fiscal_like(n: u32) -> Text {
        let fy = cat(vec![
            word_like("FY", &["fy", "Fy", "FYI", "F"], n),
            maybe(space_like(n)),
            maybe(pick(&["'", "’", "-"], &["‘", "`", "--", "–"], n)),
        ]);
        let year_word = cat(vec![
            pick(&["year", "Year"], &["YEAR", "yr", "years", "Years"], n),
            space_like(n),
        ]);
        let fiscal = cat(vec![
            pick(
                &["fiscal", "Fiscal"],
                &["FISCAL", "fiscally", "Fiscals", "fisc"],
                n,
            ),
            space_like(n),
            maybe(year_word),
        ]);
        let split = cat(vec![
            maybe(space_like(n)),
            dash_like(n),
            maybe(space_like(n)),
            short_year_like(n),
        ]);
        let pieces = vec![
            proptest::prop_oneof![fy, fiscal].boxed(),
            short_year_like(n),
            maybe(split),
            tail_like(n),
        ];
        shape(pieces, n)
    }

    fn date_like() -> Text {
        let jumble = proptest::collection::vec(anything(), 0..12)
            .prop_map(|parts| parts.concat())
            .boxed();
        let shapes = |n| {
            proptest::prop_oneof![
                3 => month_day_like(n),
                3 => day_month_like(n),
                2 => month_year_like(n),
                2 => numbers_like(n),
                1 => year_span_like(n),
                2 => fiscal_like(n),
            ]
            .boxed()
        };
        proptest::prop_oneof![2 => shapes(0), 3 => shapes(1), 3 => shapes(4), 1 => jumble].boxed()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// At every character of date-like text, every reader answers as its regex: the same
        /// match, every group's span, or no match.
        #[test]
        fn readers_answer_as_their_regexes(text in date_like()) {
            if let Some(problem) = disagreement(&text) {
                proptest::prop_assert!(false, "{}", problem);
            }
        }
    }
}
