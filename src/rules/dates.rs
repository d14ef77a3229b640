//! Calendar expressions: finding them with `regex` rules compiled once, and giving each its
//! ISO 8601 value. A phrase without a year takes the year the article makes certain — its
//! date stamp or dateline, the same day written with a year elsewhere in the article, or an
//! earlier dated mention — and weekdays are resolved only against the article's own date.

use regex::{Captures, Regex};

use crate::entity::{Kind, Mention};
use crate::tokenize::{char_at, char_before, sentence_start};

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A month as news writes it, full or abbreviated; an abbreviation needs its period or a word
/// boundary so that `Janet` and `Marine` are not months.
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b";
const YEAR: &str = r"(?:1[89][0-9]{2}|20[0-9]{2}|21[0-9]{2})\b";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const RANGE: &str = r"\s*(?:-|–|—|and|to|through|until)\s*";

/// Words that, right before a bare month, make it a time (`in June`, `by June`).
const MONTH_CUES: &[&str] = &[
    "in", "by", "since", "until", "till", "from", "through", "during", "early", "mid", "late",
    "before", "after", "this", "last", "next", "around", "between", "end", "of", "for", "every",
    "each", "an", "a", "and", "or", "to", "on",
];
/// `May` is also a name and a verb: only the plainest time cues make it a month.
const MAY_CUES: &[&str] = &[
    "in", "by", "since", "until", "till", "during", "early", "mid", "late", "before", "after",
    "this", "last", "next", "from", "through",
];
/// Words that, after a number, show it counts something rather than naming a year.
const UNITS: &[&str] = &[
    "km",
    "kg",
    "m",
    "ft",
    "mph",
    "kph",
    "t",
    "mw",
    "gw",
    "kw",
    "hp",
    "nm",
    "hz",
    "mhz",
    "ghz",
    "kilometres",
    "kilometers",
    "metres",
    "meters",
    "tonnes",
    "tons",
    "pounds",
    "lbs",
    "people",
    "staff",
    "million",
    "billion",
    "percent",
    "per",
];
/// Lower-case words ending in `s` that are not plural nouns, so a year before them is a year.
const NOT_PLURAL: &[&str] = &[
    "was",
    "is",
    "has",
    "as",
    "its",
    "this",
    "his",
    "us",
    "plus",
    "thus",
    "always",
    "perhaps",
    "across",
    "towards",
    "afterwards",
    "whereas",
    "unless",
    "says",
];
/// Capitalised words that may stand before a bare year without making it part of a name.
const YEAR_LEADS: &[&str] = &[
    "In", "Since", "By", "From", "Until", "Till", "Before", "After", "During", "Through", "Early",
    "Late", "Mid", "Around", "Circa", "Of", "And", "For", "Between", "As", "Also", "Back",
];
/// Words before a weekday or date that point forward, so the weekday is the next one.
const FUTURE_CUES: &[&str] = &[
    "will",
    "would",
    "scheduled",
    "anticipated",
    "expected",
    "planned",
    "set to",
    "due",
    "next",
    "upcoming",
    "plans",
    "is to",
    "are to",
];

/// A calendar point; missing parts are `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Point {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Point(Point),
    Range(Point, Point),
    Weekday { index: u32, future: bool },
    Decade(i32),
}

#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    shape: Shape,
    /// `this year` (0), `next year` (+1), `last year` (-1) after a bare month or day.
    year_shift: Option<i32>,
}

type Builder = fn(&DateRules, &str, &Captures) -> Option<Candidate>;

/// The date rules, compiled once per run.
pub struct DateRules {
    rules: Vec<(Regex, Builder)>,
    stamp: Regex,
    shift: Regex,
}

impl Default for DateRules {
    fn default() -> Self {
        Self::new()
    }
}

impl DateRules {
    pub fn new() -> DateRules {
        let re = |s: String| Regex::new(&s).expect("date rule compiles");
        let rules: Vec<(Regex, Builder)> = vec![
            (
                re(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b".into()),
                DateRules::iso,
            ),
            (
                re(format!(
                    r"(?:({WEEKDAY}),?\s+)?({MONTH})\s+({DAY})(?:\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\))?(?:{RANGE}(?:({MONTH})\s+)?({DAY}))?(?:,?\s+({YEAR}))?"
                )),
                DateRules::month_day,
            ),
            (
                re(format!(
                    r"(?:({WEEKDAY}),?\s+(?:the\s+)?)?\b({DAY})(?:{RANGE}({DAY}))?\s+(?:of\s+)?({MONTH})(?:,?\s+({YEAR}))?"
                )),
                DateRules::day_month,
            ),
            (
                re(format!(r"\b({MONTH}),?\s+({YEAR})")),
                DateRules::month_year,
            ),
            (
                re(format!(r"\b({YEAR})\s*(?:-|–|—)\s*([0-9]{{4}}|[0-9]{{2}})\b")),
                DateRules::year_span,
            ),
            (
                re(r"\b((?:1[89]|20)[0-9])0s\b".into()),
                DateRules::decade,
            ),
            (re(r"\b(1[89][0-9]{2}|20[0-9]{2})\b".into()), DateRules::year),
            (
                re(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b".into()),
                DateRules::bare_month,
            ),
            (re(format!(r"\b({WEEKDAY})\b")), DateRules::weekday),
        ];
        DateRules {
            rules,
            stamp: re(r"^\s*date\s+([0-9]{4})-([0-9]{2})-([0-9]{2})\b".into()),
            shift: re(r"^,?\s+(?:of\s+)?(this|next|last)\s+year\b".into()),
        }
    }

    /// Every date mention of `text` with its value, sorted by start, none overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut found: Vec<Candidate> = Vec::new();
        for (re, build) in &self.rules {
            for caps in re.captures_iter(text) {
                if let Some(c) = build(self, text, &caps) {
                    found.push(c);
                }
            }
        }
        found.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
        let mut kept: Vec<Candidate> = Vec::new();
        for c in found {
            if kept.iter().all(|k| k.end <= c.start || c.end <= k.start) {
                kept.push(c);
            }
        }
        kept.sort_by_key(|c| c.start);
        let anchor = self.article_date(text, &kept);
        kept.iter()
            .enumerate()
            .map(|(i, c)| {
                let mut m = Mention::new(Kind::Date, c.start, c.end, "");
                m.value = value(c, &kept[..i], &kept, anchor);
                m.id = m.value.clone();
                m.name = m.value.clone();
                m
            })
            .collect()
    }

    /// The article's own date: a ` date YYYY-MM-DD` stamp on its first line, or a full date
    /// that opens a line and ends it or is followed by a dateline dash or colon.
    fn article_date(&self, text: &str, dates: &[Candidate]) -> Option<Point> {
        if let Some(c) = self.stamp.captures(text) {
            return point(num(&c, 1), num(&c, 2), num(&c, 3)).filter(is_full);
        }
        dates.iter().take_while(|d| d.start < 400).find_map(|d| {
            let Shape::Point(p) = d.shape else {
                return None;
            };
            let after = text[d.end..].trim_start_matches([' ', '\t']);
            let line_lead = &text[crate::tokenize::line_start(text, d.start)..d.start];
            let opens_line = line_lead.trim().is_empty()
                || line_lead.trim_end().ends_with(',')
                    && line_lead.chars().filter(|c| c.is_lowercase()).count() == 0;
            let closes = after.is_empty()
                || after.starts_with(['\n', '\r', '—', '–', '-', ':', '('])
                || after.starts_with("/");
            (is_full(&p) && opens_line && closes).then_some(p)
        })
    }

    fn iso(&self, _text: &str, c: &Captures) -> Option<Candidate> {
        let p = point(num(c, 1), num(c, 2), num(c, 3))?;
        Some(candidate(c, Shape::Point(p)))
    }

    fn month_day(&self, text: &str, c: &Captures) -> Option<Candidate> {
        let month = month_number(c.get(2)?.as_str())?;
        if !month_is_date(text, c.get(2)?.start(), c.get(2)?.as_str()) {
            return None;
        }
        let year = c.get(6).and_then(|y| y.as_str().parse().ok());
        let first = point(year, Some(month), num(c, 3))?;
        let shape = match c.get(5) {
            Some(d2) => {
                let m2 = c
                    .get(4)
                    .and_then(|m| month_number(m.as_str()))
                    .unwrap_or(month);
                let second = point(year, Some(m2), digits(d2.as_str()))?;
                Shape::Range(first, second)
            }
            None => Shape::Point(first),
        };
        Some(self.with_shift(text, candidate(c, shape)))
    }

    fn day_month(&self, text: &str, c: &Captures) -> Option<Candidate> {
        let month = month_number(c.get(4)?.as_str())?;
        if char_before(text, c.get(0)?.start()).is_some_and(|ch| ch.is_ascii_digit() || ch == '.') {
            return None;
        }
        let year = c.get(5).and_then(|y| y.as_str().parse().ok());
        let first = point(year, Some(month), num(c, 2))?;
        let shape = match c.get(3) {
            Some(d2) => Shape::Range(first, point(year, Some(month), digits(d2.as_str()))?),
            None => Shape::Point(first),
        };
        Some(self.with_shift(text, candidate(c, shape)))
    }

    fn month_year(&self, text: &str, c: &Captures) -> Option<Candidate> {
        let month = month_number(c.get(1)?.as_str())?;
        if !month_is_date(text, c.get(1)?.start(), c.get(1)?.as_str()) {
            return None;
        }
        let p = point(num(c, 2), Some(month), None)?;
        Some(candidate(c, Shape::Point(p)))
    }

    fn year_span(&self, text: &str, c: &Captures) -> Option<Candidate> {
        let from: i32 = num(c, 1)?;
        let to_raw = c.get(2)?.as_str();
        let to: i32 = if to_raw.len() == 2 {
            from / 100 * 100 + to_raw.parse::<i32>().ok()?
        } else {
            to_raw.parse().ok()?
        };
        // `2025-11` is a year and month, not a span; a span runs forwards and not for ages.
        let after = &text[c.get(0)?.end()..];
        if to <= from || to - from > 100 || after.starts_with(['-', '–']) || !year_context(text, c)
        {
            return None;
        }
        let p = |y| Point {
            year: Some(y),
            ..Point::default()
        };
        Some(candidate(c, Shape::Range(p(from), p(to))))
    }

    fn decade(&self, _text: &str, c: &Captures) -> Option<Candidate> {
        Some(candidate(c, Shape::Decade(num(c, 1)?)))
    }

    fn year(&self, text: &str, c: &Captures) -> Option<Candidate> {
        let year: i32 = num(c, 1)?;
        if !(1900..=2099).contains(&year) || !year_context(text, c) {
            return None;
        }
        let p = Point {
            year: Some(year),
            ..Point::default()
        };
        Some(candidate(c, Shape::Point(p)))
    }

    fn bare_month(&self, text: &str, c: &Captures) -> Option<Candidate> {
        let m = c.get(1)?;
        let month = month_number(m.as_str())?;
        let before = previous_word(text, m.start()).to_lowercase();
        let cues = if m.as_str() == "May" {
            MAY_CUES
        } else {
            MONTH_CUES
        };
        let shift = self.shift.captures(&text[m.end()..]);
        if !cues.contains(&before.as_str()) && shift.is_none() {
            return None;
        }
        let p = Point {
            month: Some(month),
            ..Point::default()
        };
        Some(self.with_shift(text, candidate(c, Shape::Point(p))))
    }

    fn weekday(&self, text: &str, c: &Captures) -> Option<Candidate> {
        let w = c.get(1)?;
        let index = WEEKDAYS.iter().position(|d| *d == w.as_str())? as u32;
        let lead = &text[sentence_start(text, w.start())..w.start()];
        let lead = lead.to_lowercase();
        let future = FUTURE_CUES.iter().any(|cue| {
            lead.match_indices(cue).any(|(i, _)| {
                let before_ok = lead[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|ch| !ch.is_alphanumeric());
                let after_ok = lead[i + cue.len()..]
                    .chars()
                    .next()
                    .is_none_or(|ch| !ch.is_alphanumeric());
                before_ok && after_ok
            })
        }) && !lead.contains(" said")
            && !lead.contains(" was ");
        Some(candidate(c, Shape::Weekday { index, future }))
    }

    /// `January 9th this year`: the shift applies to the year of a phrase that has none.
    fn with_shift(&self, text: &str, mut c: Candidate) -> Candidate {
        if let Some(s) = self.shift.captures(&text[c.end..]) {
            c.year_shift = Some(match &s[1] {
                "next" => 1,
                "last" => -1,
                _ => 0,
            });
        }
        c
    }
}

fn candidate(c: &Captures, shape: Shape) -> Candidate {
    let m = c.get(0).expect("whole match");
    Candidate {
        start: m.start(),
        end: m.end(),
        shape,
        year_shift: None,
    }
}

fn num<T: std::str::FromStr>(c: &Captures, i: usize) -> Option<T> {
    c.get(i).and_then(|m| digits(m.as_str()))
}

/// The number at the start of `s`, ignoring an ordinal suffix (`21st`).
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s[..end].parse().ok()
}

fn point(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Option<Point> {
    let p = Point { year, month, day };
    let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = match (day, month) {
        (Some(d), Some(m)) => d >= 1 && d <= days_in_month(year.unwrap_or(2000), m),
        (Some(_), None) => false,
        _ => true,
    };
    (month_ok && day_ok).then_some(p)
}

fn is_full(p: &Point) -> bool {
    p.year.is_some() && p.month.is_some() && p.day.is_some()
}

fn month_number(s: &str) -> Option<u32> {
    let lower = s.trim_end_matches('.').to_lowercase();
    let lower = if lower == "sept" {
        "sep".to_string()
    } else {
        lower
    };
    MONTH_NAMES
        .iter()
        .position(|m| m.starts_with(&lower) && lower.len() >= 3)
        .map(|i| i as u32 + 1)
}

/// `May` before a day or year is still a surname in `Theresa May 2019`; a capitalised word
/// right before it (other than a weekday or sentence start) marks a name.
fn month_is_date(text: &str, start: usize, month: &str) -> bool {
    if month != "May" {
        return true;
    }
    let before = previous_word(text, start);
    let glued =
        text[..start].ends_with(' ') && !text[..start].trim_end().ends_with(['.', ',', '(']);
    !(glued && before.chars().next().is_some_and(char::is_uppercase) && !WEEKDAYS.contains(&before))
}

/// The word right before byte `i`, skipping spaces and a hyphen (`mid-June`).
fn previous_word(text: &str, i: usize) -> &str {
    let head = text[..i].trim_end_matches([' ', '-', '\u{a0}']);
    let start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| {
        p + head[p..].chars().next().map_or(1, char::len_utf8)
    });
    &head[start..]
}

/// The word right after byte `i`.
fn next_word(text: &str, i: usize) -> &str {
    let tail = text[i..].trim_start_matches(' ');
    let end = tail
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(tail.len());
    &tail[..end]
}

/// Whether a number that looks like a year is used as a time: not money, not a count, not a
/// measurement, not a part of a longer number, not inside a name (`Horizon 2020`).
fn year_context(text: &str, c: &Captures) -> bool {
    let m = c.get(0).expect("whole match");
    let (start, end) = (m.start(), m.end());
    if let Some(ch) = char_before(text, start) {
        if matches!(ch, '$' | '€' | '£' | '#' | '№' | '+') {
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
    }
    let next = next_word(text, end);
    let next_lower = next.to_lowercase();
    let spaced = text[end..].starts_with(' ');
    if spaced
        && next.chars().next().is_some_and(char::is_lowercase)
        && (UNITS.contains(&next_lower.as_str())
            || (next_lower.ends_with('s')
                && next_lower.len() > 3
                && !NOT_PLURAL.contains(&next_lower.as_str())))
    {
        return false;
    }
    let before = previous_word(text, start);
    let glued_to_name = text[..start].ends_with(' ')
        && !text[..start]
            .trim_end()
            .ends_with(['.', ',', ';', ':', '(', '"', '“'])
        && before.chars().next().is_some_and(char::is_uppercase)
        && !YEAR_LEADS.contains(&before)
        && month_number(before).is_none();
    !glued_to_name
}

/// The ISO 8601 value of a kept candidate, with a missing year taken from the article.
fn value(c: &Candidate, earlier: &[Candidate], all: &[Candidate], anchor: Option<Point>) -> String {
    let year_for = |p: &Point| -> Option<i32> {
        if let Some(y) = p.year {
            return Some(y);
        }
        let base = same_day_with_year(p, all)
            .or(anchor.and_then(|a| a.year))
            .or_else(|| earlier_year(earlier));
        match c.year_shift {
            Some(shift) => anchor
                .and_then(|a| a.year)
                .or_else(|| earlier_year(earlier))
                .map(|y| y + shift),
            None => base,
        }
    };
    match c.shape {
        Shape::Point(p) => format_point(&p, year_for(&p)),
        Shape::Range(a, b) => format!(
            "{}/{}",
            format_point(&a, year_for(&a)),
            format_point(&b, year_for(&b))
        ),
        Shape::Decade(d) => format!("{d}X"),
        Shape::Weekday { index, future } => anchor
            .map(|a| weekday_near(a, index, future))
            .unwrap_or_default(),
    }
}

/// The year of the same month and day written with a year elsewhere in the article.
fn same_day_with_year(p: &Point, all: &[Candidate]) -> Option<i32> {
    p.day?;
    all.iter().find_map(|c| match c.shape {
        Shape::Point(q) if q.year.is_some() && q.month == p.month && q.day == p.day => q.year,
        _ => None,
    })
}

/// The year of the nearest earlier mention that names a month and a year.
fn earlier_year(earlier: &[Candidate]) -> Option<i32> {
    earlier.iter().rev().find_map(|c| match c.shape {
        Shape::Point(p) if p.month.is_some() => p.year,
        Shape::Range(p, _) if p.month.is_some() => p.year,
        _ => None,
    })
}

fn format_point(p: &Point, year: Option<i32>) -> String {
    let mut s = match year {
        Some(y) => format!("{y:04}"),
        None => "XXXX".to_string(),
    };
    if let Some(m) = p.month {
        s.push_str(&format!("-{m:02}"));
        if let Some(d) = p.day {
            s.push_str(&format!("-{d:02}"));
        }
    }
    s
}

/// The day named `index` (0 = Monday) nearest the article's date: on or before it, or on or
/// after it when the sentence points forward.
fn weekday_near(anchor: Point, index: u32, future: bool) -> String {
    let (Some(y), Some(m), Some(d)) = (anchor.year, anchor.month, anchor.day) else {
        return String::new();
    };
    let days = days_from_civil(y, m, d);
    let anchor_index = (days + 3).rem_euclid(7) as u32; // 1970-01-01 was a Thursday
    let shift = if future {
        (index + 7 - anchor_index) % 7
    } else {
        0u32.wrapping_sub((anchor_index + 7 - index) % 7)
    } as i32 as i64;
    let (y, m, d) = civil_from_days(days + shift);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(String, String)> {
        DateRules::new()
            .find(text)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.value))
            .collect()
    }

    /// (name, text, [(span, value)])
    type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    #[test]
    fn forms_and_values() {
        let rows: &[Row] = &[
            (
                "mdy",
                "on May 21, 2021 the",
                &[("May 21, 2021", "2021-05-21")],
            ),
            (
                "dmy",
                "on 21 May 2021 the",
                &[("21 May 2021", "2021-05-21")],
            ),
            (
                "ordinal",
                "on 10th May, 2019.",
                &[("10th May, 2019", "2019-05-10")],
            ),
            (
                "of",
                "on the 5th of March 2022",
                &[("5th of March 2022", "2022-03-05")],
            ),
            (
                "abbrev",
                "Sept. 3, 2024",
                &[("Sept. 3, 2024", "2024-09-03")],
            ),
            ("no comma", "Oct 2 2018", &[("Oct 2 2018", "2018-10-02")]),
            (
                "abbrev dmy",
                "on 9 Mar. 2016",
                &[("9 Mar. 2016", "2016-03-09")],
            ),
            (
                "weekday prefix",
                "Friday, April 13, 2018",
                &[("Friday, April 13, 2018", "2018-04-13")],
            ),
            ("iso", "stamp 2021-05-21 x", &[("2021-05-21", "2021-05-21")]),
            ("month year", "in July 2021.", &[("July 2021", "2021-07")]),
            ("year", "proposal in 2016 to", &[("2016", "2016")]),
            ("month day", "said Sept. 30.", &[("Sept. 30", "XXXX-09-30")]),
            ("bare month", "by June, a plan", &[("June", "XXXX-06")]),
            (
                "day range and",
                "on Nov. 29 and 30,",
                &[("Nov. 29 and 30", "XXXX-11-29/XXXX-11-30")],
            ),
            (
                "day range dash",
                "Apr. 4-6",
                &[("Apr. 4-6", "XXXX-04-04/XXXX-04-06")],
            ),
            (
                "dmy range",
                "between 1–5 October.",
                &[("1–5 October", "XXXX-10-01/XXXX-10-05")],
            ),
            (
                "year span",
                "from 2014-2020 it",
                &[("2014-2020", "2014/2020")],
            ),
            (
                "short year span",
                "in 1996–97 it",
                &[("1996–97", "1996/1997")],
            ),
            (
                "clock",
                "on 12 March 2020 09:30",
                &[("12 March 2020", "2020-03-12")],
            ),
            ("weekday alone", "said on Tuesday.", &[("Tuesday", "")]),
            ("decade", "in the 1980s.", &[("1980s", "198X")]),
        ];
        for (name, text, want) in rows {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(dates(text), want, "{name}");
        }
    }

    #[test]
    fn non_dates() {
        let rows: &[(&str, &str)] = &[
            ("may the person", "Dr. Helen May said the plan works."),
            ("theresa may", "Theresa May 2019 remarks"),
            ("may the verb", "The agency may launch soon."),
            ("march the verb", "Protesters march on the capital."),
            ("count", "a constellation of 2000 satellites"),
            ("measurement", "an orbit of 2000 km"),
            ("money", "cost $2000 each"),
            ("big number", "worth 12,2020 units"),
            ("percent", "up 2020% on"),
            ("version", "version 2.2019.1"),
            ("clock", "at 18:04 hours"),
            ("name", "the Horizon 2020 programme"),
            ("sentence-start march", "March on, they said."),
        ];
        for (name, text) in rows {
            assert_eq!(dates(text), [], "{name}");
        }
    }

    #[test]
    fn anchoring() {
        // (name, text, the value of the last date)
        let rows: &[(&str, &str, &str)] = &[
            (
                "stamp gives the year",
                " date 2017-05-30 x\nDhaka, May 30: it",
                "2017-05-30",
            ),
            (
                "dateline",
                "WASHINGTON, April 2, 2021 — By Sept. 30",
                "2021-09-30",
            ),
            (
                "earlier full date",
                "On 3 May 2019 x. On June 4",
                "2019-06-04",
            ),
            (
                "same day later with year",
                "on January 12th in Warsaw. Signed January 12th 2017",
                "2017-01-12",
            ),
            (
                "this year",
                " date 2017-05-30 x\nin December this year",
                "2017-12",
            ),
            (
                "next year",
                " date 2017-05-30 x\nor January next year",
                "2018-01",
            ),
            ("no anchor", "on Nov. 16 it", "XXXX-11-16"),
            (
                "weekday past",
                " date 2024-03-02 x\nwitnessed on Wednesday the",
                "2024-02-28",
            ),
            (
                "weekday same day",
                " date 2017-05-30 x\nsaid on Tuesday.",
                "2017-05-30",
            ),
            (
                "weekday future",
                " date 2023-08-21 x\nno trouble is anticipated on Wednesday.",
                "2023-08-23",
            ),
            ("weekday no anchor", "said on Friday.", ""),
            ("line date", "June 2, 2016\n\nText on Monday.", "2016-05-30"),
        ];
        for (name, text, want) in rows {
            let got = dates(text);
            assert_eq!(
                got.last().map(|d| d.1.as_str()),
                Some(*want),
                "{name}: {got:?}"
            );
        }
    }
}
