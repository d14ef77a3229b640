//! Calendar expressions: finding them and giving each its ISO 8601 value.
//!
//! Finding looks only where a date can start — a number, a month or weekday name, `FY` or
//! `fiscal` at a word start — and, at each such trigger in text order, reads the longest date
//! starting there with a few anchored readers and byte checks (`Friday, April 13, 2018`,
//! `21 May 2021`, `30/06/2019`, `Nov. 29 and 30`, `1996–97`, `1980s`, `FY26`, a bare `June`
//! after a time word, a bare `2016` that is not a count). In launch-schedule language
//! `NET March 2025` the span is `March 2025`: `NET` stays outside it like `by` or `early`, and
//! only serves as a time cue. The readers of the date shapes (module `read`) parse bytes by hand,
//! each exactly as the regex its tests keep as its specification; their word boundaries are
//! ASCII, as the regexes' were, so that curly quotes and dashes end words.
//!
//! Values follow `ENTITIES.md`. A phrase without a year takes the year the article makes
//! certain: the same day written with a year elsewhere in the article, else the article's own
//! date — its ` date YYYY-MM-DD` stamp, a dateline, or the caller's reference date when the
//! article has neither — moved to the neighbouring year when the sentence's tense says so,
//! else the year of an earlier dated mention; otherwise `XXXX`. Weekdays are resolved only
//! against the article's own date. An all-numeric date whose day and month could swap
//! (`03/04/2021`) is read in the order the article itself shows elsewhere (`30/06/2019` means
//! day first), else in the configured [`DateOrder`].

use std::fmt::Write as _;

use regex::Regex;

use self::read::Groups;

use super::word_list::WordList;
use crate::entity::{Kind, Mention};
use crate::matcher::WordFilter;
use crate::text::{char_at, char_before, is_word_byte, line_start, WordStart};

mod read;

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

/// The words besides [`WEEKDAYS`] a date may start with: month names, full and abbreviated,
/// and `fiscal`.
const TRIGGER_WORDS: WordList = WordList::new(&[
    "Apr",
    "April",
    "Aug",
    "August",
    "Dec",
    "December",
    "Feb",
    "February",
    "Fiscal",
    "Jan",
    "January",
    "Jul",
    "July",
    "Jun",
    "June",
    "Mar",
    "March",
    "May",
    "Nov",
    "November",
    "Oct",
    "October",
    "Sep",
    "Sept",
    "September",
    "fiscal",
]);

/// The token a date may start with at word start `at`: a run of digits, `FY` (often glued to
/// its year: `FY2024`), or a whole word of [`TRIGGER_WORDS`] or [`WEEKDAYS`]. Words end at an
/// ASCII word boundary, as in the readers.
fn trigger(text: &str, at: usize) -> Option<&str> {
    let rest = &text.as_bytes()[at..];
    let run = |keep: fn(&u8) -> bool| rest.iter().position(|b| !keep(b)).unwrap_or(rest.len());
    if rest[0].is_ascii_digit() {
        return Some(&text[at..at + run(u8::is_ascii_digit)]);
    }
    if rest.starts_with(b"FY") {
        return Some(&text[at..at + 2]);
    }
    let word = &text[at..at + run(|&b| is_word_byte(b))];
    (TRIGGER_WORDS.contains(word) || WEEKDAYS.contains(&word)).then_some(word)
}

/// Words that, right before a bare month, make it a time (`in June`, `by June`, `NET June`).
const MONTH_CUES: WordList = WordList::new(&[
    "a", "after", "an", "and", "around", "before", "between", "by", "during", "each", "early",
    "end", "every", "for", "from", "in", "last", "late", "mid", "net", "next", "of", "on", "or",
    "since", "this", "through", "till", "to", "until",
]);
/// `May` is also a name and a verb: only the plainest time cues make it a month.
const MAY_CUES: WordList = WordList::new(&[
    "after", "before", "by", "during", "early", "from", "in", "last", "late", "mid", "net", "next",
    "since", "this", "through", "till", "until",
]);
/// Capitalised words that may stand right before a year or a `May` without making it part of
/// a name (`In 2016`, `The 2019 report`, `NET May 2026`, `Q3 2025`), unlike `Horizon 2020` or
/// `Theresa May`: prepositions and determiners that open a sentence, and time words.
const TIME_LEADS: WordList = WordList::new(&[
    "A",
    "About",
    "After",
    "Ahead",
    "Also",
    "An",
    "And",
    "Around",
    "As",
    "At",
    "Autumn",
    "Back",
    "Before",
    "Between",
    "Beyond",
    "Both",
    "By",
    "Circa",
    "During",
    "Each",
    "Early",
    "End",
    "Even",
    "Every",
    "Fall",
    "For",
    "From",
    "H1",
    "H2",
    "Her",
    "His",
    "In",
    "Its",
    "Last",
    "Late",
    "Mid",
    "NET",
    "Next",
    "Of",
    "On",
    "Only",
    "Or",
    "Our",
    "Over",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Since",
    "Spring",
    "Summer",
    "That",
    "The",
    "Their",
    "Then",
    "These",
    "This",
    "Those",
    "Through",
    "Throughout",
    "Till",
    "To",
    "Under",
    "Until",
    "Winter",
    "With",
]);
/// Words that, after a number, show it counts or measures something rather than naming a year.
const UNITS: WordList = WordList::new(&[
    "billion",
    "ft",
    "ghz",
    "gw",
    "hp",
    "hz",
    "kg",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "km",
    "kph",
    "kw",
    "lbs",
    "m",
    "meter",
    "meters",
    "metre",
    "metres",
    "mhz",
    "million",
    "mph",
    "mw",
    "nm",
    "people",
    "per",
    "percent",
    "pound",
    "pounds",
    "staff",
    "t",
    "ton",
    "tonne",
    "tonnes",
    "tons",
]);
/// Words after a four-digit number that make it a clock time (`at 1900 GMT`).
const CLOCK_WORDS: WordList = WordList::new(&[
    "bst", "cdt", "cest", "cet", "cst", "edt", "est", "gmt", "h", "hours", "hrs", "ist", "jst",
    "local", "msk", "pdt", "pst", "utc", "z",
]);
/// Words before a number that make it a count or an identifier (`version 2019`, `No. 2020`,
/// `some 2000`).
const NUMBER_LEADS: WordList = WordList::new(&[
    "almost",
    "approximately",
    "build",
    "model",
    "nearly",
    "number",
    "page",
    "pages",
    "pp",
    "rev",
    "revision",
    "roughly",
    "some",
    "totaling",
    "totalling",
    "version",
    "weighing",
    "weighs",
]);
/// Abbreviations that, with their period, make the number after them an identifier
/// (`No. 2020`, `v. 2019`).
const NUMBER_ABBREVIATIONS: WordList = WordList::new(&["no", "nos", "p", "pp", "v", "ver", "vol"]);
/// Lower-case words ending in `s` that are not plural nouns, so a year before them is a year.
const NOT_PLURAL: WordList = WordList::new(&[
    "across",
    "afterwards",
    "always",
    "as",
    "becomes",
    "begins",
    "brings",
    "comes",
    "ends",
    "follows",
    "has",
    "his",
    "is",
    "its",
    "looks",
    "marks",
    "means",
    "perhaps",
    "plus",
    "remains",
    "represents",
    "saw",
    "says",
    "sees",
    "this",
    "thus",
    "towards",
    "unless",
    "us",
    "was",
    "whereas",
]);
/// Words between a date and the start of its sentence that point forward in time: a weekday
/// after them is the next one, a yearless date may fall in the next year.
const FUTURE_CUES: WordList = WordList::new(&[
    "aims",
    "anticipated",
    "due",
    "expected",
    "intends",
    "next",
    "plan",
    "planned",
    "plans",
    "rescheduled",
    "scheduled",
    "shall",
    "slated",
    "targeted",
    "targeting",
    "upcoming",
    "will",
    "would",
]);
/// Verbs that place what follows them in the past. `be`/`been` before one (`will be signed`)
/// makes it passive, not past.
const PAST_CUES: WordList = WordList::new(&[
    "added",
    "ago",
    "agreed",
    "announced",
    "approved",
    "began",
    "completed",
    "confirmed",
    "did",
    "earlier",
    "had",
    "held",
    "issued",
    "landed",
    "launched",
    "met",
    "noted",
    "posted",
    "previously",
    "published",
    "released",
    "reported",
    "revealed",
    "said",
    "signed",
    "stated",
    "told",
    "took",
    "unveiled",
    "visited",
    "was",
    "were",
    "wrote",
]);
/// A line that opens with one of these and a date is the article's own date stamp.
const STAMP_WORDS: &[&str] = &[
    "date",
    "dated",
    "published",
    "posted",
    "updated",
    "last updated",
    "released",
    "issued",
];

/// How to read an all-numeric date whose first two numbers could each be the month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Month first, as in US usage: `03/04/2021` is 4 March 2021.
    #[default]
    Mdy,
    /// Day first, as in most of the world: `03/04/2021` is 3 April 2021.
    Dmy,
}

/// What the caller knows that the text may not say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateOptions {
    /// The reading of an ambiguous numeric date when the article shows no order of its own.
    pub order: DateOrder,
    /// The article's date `(year, month, day)` for articles without a date stamp or dateline
    /// of their own; it anchors yearless dates and weekdays the way a stamp would.
    pub reference: Option<(i32, u32, u32)>,
}

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
    /// `first/second/year` before the article's day-month order is known.
    Numeric {
        first: u32,
        second: u32,
        year: i32,
    },
    /// 0 = Monday.
    Weekday(u32),
    Decade(i32),
}

/// Which way the words before a date point in time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tense {
    #[default]
    Unknown,
    Past,
    Future,
}

#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    shape: Shape,
    /// `this year` (0), `next year` (+1), `last year` (-1) after a bare month or day.
    year_shift: Option<i32>,
    /// Filled in only where a value depends on it: weekdays and yearless dates.
    tense: Tense,
}

/// The date rules, compiled once per run.
pub struct DateRules {
    options: DateOptions,
    /// Where a trigger word may start; digits are tested apart, as they would fill it.
    words: WordFilter,
    stamp: Regex,
}

impl Default for DateRules {
    fn default() -> Self {
        Self::new()
    }
}

impl DateRules {
    /// The rules with default options: month-first numeric dates, no reference date.
    pub fn new() -> DateRules {
        DateRules::with_options(DateOptions::default())
    }

    /// The rules with the caller's numeric order and reference date; the one regex, for the
    /// date stamp, is compiled here, once.
    pub fn with_options(options: DateOptions) -> DateRules {
        // `FY` with its year glued on (`FY2024`) or apart (`FY 2024`, `FY-24`).
        let fy: Vec<String> = (0..10)
            .map(|d| format!("FY{d}"))
            .chain(["FY".into()])
            .collect();
        let words: Vec<&str> = TRIGGER_WORDS
            .words
            .iter()
            .chain(&WEEKDAYS)
            .copied()
            .chain(fy.iter().map(String::as_str))
            .collect();
        DateRules {
            options,
            words: WordFilter::new(&words, false),
            stamp: Regex::new(r"^\s*date\s+([0-9]{4})-([0-9]{2})-([0-9]{2})(?-u:\b)")
                .expect("date stamp rule compiles"),
        }
    }

    /// True when a date may start at `start`: the cheap test before [`find`](Self::find)
    /// reads the token there.
    #[inline]
    pub fn may_start(&self, text: &str, start: WordStart) -> bool {
        text.as_bytes()[start.at].is_ascii_digit() || self.words.may_start(start)
    }

    /// The filter of the words a date may start with; [`may_start`] also lets through every
    /// place that starts with a digit.
    ///
    /// [`may_start`]: Self::may_start
    pub fn word_filter(&self) -> &WordFilter {
        &self.words
    }

    /// Every date mention of `text` with its value, sorted by start, none overlapping; dates
    /// are tried at `starts` (from [`word_starts`](crate::text::word_starts)).
    pub fn find(&self, text: &str, starts: &[WordStart]) -> Vec<Mention<'static>> {
        // Leftmost-longest: the longest date starting at the first trigger wins, and triggers
        // inside it are skipped, so `2021` in `May 21, 2021` is never a year of its own.
        let mut found: Vec<Candidate> = Vec::new();
        let mut free = 0;
        for &start in starts {
            let at = start.at;
            if at < free || !self.may_start(text, start) {
                continue;
            }
            let Some(token) = trigger(text, at) else {
                continue;
            };
            if let Some(c) = self.longest_at(text, at, token) {
                free = c.end;
                found.push(c);
            }
        }
        self.resolve_numeric(&mut found);
        let anchor = self.article_date(text, &found);
        if anchor.is_some() {
            for c in found.iter_mut().filter(|c| needs_tense(c)) {
                c.tense = tense(text, c.start);
            }
        }
        found
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = value(c, &found[..i], &found, anchor);
                let mut m = Mention::new(Kind::Date, c.start, c.end, v.clone());
                m.value = v.into();
                m
            })
            .collect()
    }

    /// The longest date starting at trigger `token` at byte `pos`. Only the rules that can
    /// start with that kind of token are tried; on a tie the first (most specific) wins.
    fn longest_at(&self, text: &str, pos: usize, token: &str) -> Option<Candidate> {
        let bytes = &text.as_bytes()[pos..];
        if bytes[0].is_ascii_digit() {
            // `token` is the whole run of digits.
            let n = token.len();
            let sep = matches!(bytes.get(n), Some(b'-' | b'/' | b'.'));
            return match n {
                4 => {
                    // A span before ISO: `2009-10` is a season more often than a month.
                    let iso = if sep { self.iso(text, pos) } else { None };
                    let best = longer(self.year_span(text, pos), iso);
                    longer(longer(best, decade(text, pos)), year(text, pos))
                }
                1 | 2 => {
                    let numeric = if sep { self.numeric(text, pos) } else { None };
                    longer(numeric, self.day_month(text, pos))
                }
                _ => None,
            };
        }
        if token == "FY" || token.eq_ignore_ascii_case("fiscal") {
            return self.fiscal(text, pos);
        }
        if let Some(index) = WEEKDAYS.iter().position(|d| *d == token) {
            let alone = candidate(pos, pos + token.len(), Shape::Weekday(index as u32));
            let dated = longer(self.month_day(text, pos), self.day_month(text, pos));
            return longer(dated, Some(alone));
        }
        let dated = longer(self.month_day(text, pos), self.month_year(text, pos));
        longer(dated, self.bare_month(text, pos, token))
    }

    fn iso(&self, text: &str, pos: usize) -> Option<Candidate> {
        let c = read::iso(text, pos)?;
        let last = match c.get(4) {
            Some(sep) if Some(sep) == c.get(2) => 5,
            Some(_) => return None,
            // A year and month only in the strict ISO shape `2023-07`.
            None if c.get(2) == Some("-") && c.get(3)?.len() == 2 => 3,
            None => return None,
        };
        let p = point(num(&c, 1), num(&c, 3), num(&c, 5))?;
        Some(candidate(pos, c.span(last)?.1, Shape::Point(p)))
    }

    /// `30/06/2019`, `06/30/2019`, `30.06.2019`: kept with both readings open until the whole
    /// article has been read.
    fn numeric(&self, text: &str, pos: usize) -> Option<Candidate> {
        let c = read::numeric(text, pos)?;
        let end = c.end();
        // Part of a longer dotted or slashed number (a version, a phone number, a ratio).
        let glued_before = char_before(text, pos)
            .is_some_and(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '/' | '-' | ','));
        let glued_after = matches!(char_at(text, end), Some('.' | '/' | '-'))
            && char_at(text, end + 1).is_some_and(|ch| ch.is_ascii_digit());
        // Dotted dates write the month with two digits (`3.06.2019`); `1.2.2019` is a version.
        let dotted_loose = c.get(2) == Some(".") && c.get(3)?.len() != 2;
        if c.get(2) != c.get(4) || glued_before || glued_after || dotted_loose {
            return None;
        }
        let (first, second, year): (u32, u32, i32) = (num(&c, 1)?, num(&c, 3)?, num(&c, 5)?);
        let mdy = point(Some(year), Some(first), Some(second));
        let dmy = point(Some(year), Some(second), Some(first));
        if mdy.is_none() && dmy.is_none() {
            return None;
        }
        let shape = Shape::Numeric {
            first,
            second,
            year,
        };
        Some(candidate(pos, end, shape))
    }

    fn month_day(&self, text: &str, pos: usize) -> Option<Candidate> {
        let c = read::month_day(text, pos)?;
        let m = c.get(2)?;
        if c.get(1).is_none() && !month_is_date(text, c.span(2)?.0, m) {
            return None;
        }
        let month = month_number(m)?;
        let first_end = c.span(4).or_else(|| c.span(3))?.1;
        let span = Span {
            start: pos,
            first_end,
            end: c.end(),
        };
        let first = (month, num(&c, 3)?);
        let second = match (c.get(5), c.get(7)) {
            (Some(joint), Some(d2)) => Some(RangeEnd {
                joint,
                month: c.get(6).and_then(month_number).unwrap_or(month),
                day: digits(d2)?,
                both_named: c.get(6).is_some(),
            }),
            _ => None,
        };
        let year = c.get(8).and_then(|y| y.parse().ok());
        if second.is_none() && year.is_none() && counts_something(text, span.end) {
            return None;
        }
        let cand = day_phrase(span, first, second, year, true)?;
        Some(self.with_shift(text, cand))
    }

    fn day_month(&self, text: &str, pos: usize) -> Option<Candidate> {
        let c = read::day_month(text, pos)?;
        // `3.5 May` and `12 May` inside `112 May` are not dates.
        if c.get(1).is_none()
            && char_before(text, pos).is_some_and(|ch| ch.is_ascii_digit() || ch == '.')
        {
            return None;
        }
        let month = month_number(c.get(6)?)?;
        let end = c.end();
        let day1 = num(&c, 2)?;
        let year = c.get(7).and_then(|y| y.parse().ok());
        let cand = match (c.get(4), c.get(5)) {
            (Some(joint), Some(d2)) => {
                // `28 February – 2 March`: the first end names its own month.
                let m1 = c.get(3).and_then(month_number);
                let span = Span {
                    start: pos,
                    first_end: c.span(3).or_else(|| c.span(2))?.1,
                    end,
                };
                let second = RangeEnd {
                    joint,
                    month,
                    day: digits(d2)?,
                    both_named: m1.is_some(),
                };
                // Here the shared month is the second one, so a range that does not hold
                // together is no date at all rather than its first half.
                day_phrase(span, (m1.unwrap_or(month), day1), Some(second), year, false)?
            }
            _ => candidate(
                pos,
                end,
                Shape::Point(point(year, Some(month), Some(day1))?),
            ),
        };
        Some(self.with_shift(text, cand))
    }

    fn month_year(&self, text: &str, pos: usize) -> Option<Candidate> {
        let c = read::month_year(text, pos)?;
        let m = c.get(1)?;
        if !month_is_date(text, pos, m) {
            return None;
        }
        let month = month_number(m)?;
        let year: i32 = num(&c, 4)?;
        let shape = match c.get(3).and_then(month_number) {
            Some(m2) => {
                // `Nov–Jan 2021` starts the year before.
                let y1 = num(&c, 2).unwrap_or(if m2 < month { year - 1 } else { year });
                if (y1, month) >= (year, m2) {
                    return None;
                }
                Shape::Range(
                    point(Some(y1), Some(month), None)?,
                    point(Some(year), Some(m2), None)?,
                )
            }
            None => Shape::Point(point(Some(year), Some(month), None)?),
        };
        Some(candidate(pos, c.end(), shape))
    }

    fn year_span(&self, text: &str, pos: usize) -> Option<Candidate> {
        let c = read::year_span(text, pos)?;
        let end = c.end();
        let from: i32 = num(&c, 1)?;
        let to_raw = c.get(2)?;
        let to: i32 = if to_raw.len() == 2 {
            from / 100 * 100 + to_raw.parse::<i32>().ok()?
        } else {
            to_raw.parse().ok()?
        };
        // `2025-11` is a year and month, not a span; a span runs forwards and not for ages.
        if to <= from
            || to - from > 100
            || text[end..].starts_with(['-', '–', '/'])
            || !year_context(text, pos, end)
        {
            return None;
        }
        let p = |y| Point {
            year: Some(y),
            ..Point::default()
        };
        Some(candidate(pos, end, Shape::Range(p(from), p(to))))
    }

    /// `FY2026`, `FY26`, `fiscal year 2026`, `FY 2025-26`: the value is the fiscal year's
    /// number as a year, or the span of years a split fiscal year names.
    fn fiscal(&self, text: &str, pos: usize) -> Option<Candidate> {
        let c = read::fiscal(text, pos)?;
        let raw = c.get(2)?;
        let n: i32 = raw.parse().ok()?;
        let from = match raw.len() {
            // `FY26`, `FY99`; `fiscal year 26` is too odd to trust.
            2 if c.get(1).is_some() => n + if n < 70 { 2000 } else { 1900 },
            4 if (1900..=2099).contains(&n) => n,
            _ => return None,
        };
        let year = |y| Point {
            year: Some(y),
            ..Point::default()
        };
        let shape = match c.get(3) {
            Some(to) => {
                let n: i32 = to.parse().ok()?;
                let to = if to.len() == 2 {
                    from / 100 * 100 + n
                } else {
                    n
                };
                // A fiscal year split over two calendar years, nothing longer.
                if to != from + 1 {
                    return None;
                }
                Shape::Range(year(from), year(to))
            }
            None => Shape::Point(year(from)),
        };
        Some(candidate(pos, c.end(), shape))
    }

    /// A full month name on its own is a date only after a time word (`in June`) or before
    /// `this/next/last year`.
    fn bare_month(&self, text: &str, pos: usize, token: &str) -> Option<Candidate> {
        let month = MONTH_NAMES
            .iter()
            .position(|m| m.eq_ignore_ascii_case(token))? as u32
            + 1;
        let before = previous_word(text, pos);
        let cues = if token == "May" {
            &MAY_CUES
        } else {
            &MONTH_CUES
        };
        let end = pos + token.len();
        if !cues.contains_any_case(before) && year_shift(&text[end..]).is_none() {
            return None;
        }
        let p = Point {
            month: Some(month),
            ..Point::default()
        };
        Some(self.with_shift(text, candidate(pos, end, Shape::Point(p))))
    }

    /// `January 9th this year`: the shift applies to the year of a phrase that has none.
    fn with_shift(&self, text: &str, mut c: Candidate) -> Candidate {
        if let Some(shift) = year_shift(&text[c.end..]) {
            c.year_shift = Some(shift);
        }
        c
    }

    /// Turns numeric dates into points. An article that writes `30/06/2019` writes day first
    /// throughout, and one that writes `06/30/2019` month first; with no such evidence, or
    /// with both, the configured order decides.
    fn resolve_numeric(&self, found: &mut [Candidate]) {
        let (mut day_first, mut month_first) = (false, false);
        for c in found.iter() {
            if let Shape::Numeric { first, second, .. } = c.shape {
                day_first |= first > 12;
                month_first |= second > 12;
            }
        }
        let order = match (day_first, month_first) {
            (true, false) => DateOrder::Dmy,
            (false, true) => DateOrder::Mdy,
            _ => self.options.order,
        };
        for c in found.iter_mut() {
            if let Shape::Numeric {
                first,
                second,
                year,
            } = c.shape
            {
                let mdy = point(Some(year), Some(first), Some(second));
                let dmy = point(Some(year), Some(second), Some(first));
                let p = match order {
                    DateOrder::Mdy => mdy.or(dmy),
                    DateOrder::Dmy => dmy.or(mdy),
                };
                // `numeric` kept only candidates with at least one valid reading.
                c.shape = Shape::Point(p.unwrap_or_default());
            }
        }
    }

    /// The article's own date: a ` date YYYY-MM-DD` stamp opening the text; else a full date
    /// near the top that is a dateline (`WASHINGTON, April 2, 2021 —`, a date alone on its
    /// line, `Published: April 2, 2021`); else the caller's reference date.
    fn article_date(&self, text: &str, dates: &[Candidate]) -> Option<Point> {
        if let Some(c) = self.stamp.captures(text) {
            let group = |i| c.get(i).map_or("", |m| m.as_str());
            if let Some(p) = point(digits(group(1)), digits(group(2)), digits(group(3))) {
                return Some(p);
            }
        }
        let dateline = dates.iter().take_while(|d| d.start < 400).find_map(|d| {
            let Shape::Point(p) = d.shape else {
                return None;
            };
            if !is_full(&p) {
                return None;
            }
            let lead = text[line_start(text, d.start)..d.start].trim();
            let lead = lead.trim_end_matches(':').trim_end();
            let lead = lead.strip_suffix(" on").unwrap_or(lead);
            if STAMP_WORDS.iter().any(|w| lead.eq_ignore_ascii_case(w)) {
                return Some(p);
            }
            let after = text[d.end..].trim_start_matches([' ', '\t']);
            let closes = after.is_empty()
                || after.starts_with(['\n', '\r', '—', '–', '-', ':', '(', '/', '|']);
            (closes && is_place(lead)).then_some(p)
        });
        dateline.or_else(|| {
            let (y, m, d) = self.options.reference?;
            point(Some(y), Some(m), Some(d))
        })
    }
}

/// Where a day phrase and, if it is a range, its first end stop.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    first_end: usize,
    end: usize,
}

/// The second end of a day range as written.
struct RangeEnd<'a> {
    /// What joins the ends: a dash, `and`, `to`…
    joint: &'a str,
    /// The second end's month.
    month: u32,
    day: u32,
    /// Whether each end names its own month (`Nov. 16 to Nov. 19`, `28 February – 2 March`).
    both_named: bool,
}

/// A day phrase (`Nov. 29 and 30`, `Nov. 30 – Dec. 2, 2021`, `1–5 October`) as a point or a
/// range. Two full dates joined by a word (`from Nov. 16 to Nov. 19`) are two mentions: only
/// the first is returned here, with the year written after the second, and the second is read
/// at its own trigger. A range that does not run forward is cut to its first end when
/// `fallback` is set.
fn day_phrase(
    span: Span,
    first: (u32, u32),
    second: Option<RangeEnd>,
    year: Option<i32>,
    fallback: bool,
) -> Option<Candidate> {
    let (m1, d1) = first;
    let Some(second) = second else {
        let p = point(year, Some(m1), Some(d1))?;
        return Some(candidate(span.start, span.end, Shape::Point(p)));
    };
    let m2 = second.month;
    // A range that crosses New Year (`Dec. 30 – Jan. 2, 2022`) starts the year before.
    let wraps = (m2, second.day) < (m1, d1);
    let y1 = year.map(|y| if wraps { y - 1 } else { y });
    let word_joint = second.joint.chars().any(char::is_alphabetic);
    if word_joint && second.both_named {
        let p = point(y1, Some(m1), Some(d1))?;
        return Some(candidate(span.start, span.first_end, Shape::Point(p)));
    }
    let forward = m2 != m1 || second.day > d1;
    let ends = point(y1, Some(m1), Some(d1)).zip(point(year, Some(m2), Some(second.day)));
    match ends {
        Some((a, b)) if forward => Some(candidate(span.start, span.end, Shape::Range(a, b))),
        _ if fallback => {
            let p = point(None, Some(m1), Some(d1))?;
            Some(candidate(span.start, span.first_end, Shape::Point(p)))
        }
        _ => None,
    }
}

/// The longer of two candidates starting at the same place; the first on a tie.
fn longer(a: Option<Candidate>, b: Option<Candidate>) -> Option<Candidate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.end > a.end { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn candidate(start: usize, end: usize, shape: Shape) -> Candidate {
    Candidate {
        start,
        end,
        shape,
        year_shift: None,
        tense: Tense::Unknown,
    }
}

/// `1980s` (or `1980's`): a decade.
fn decade(text: &str, pos: usize) -> Option<Candidate> {
    let rest = &text[pos..];
    let b = rest.as_bytes();
    if b[3] != b'0' || !matches!(&rest[..2], "18" | "19" | "20") {
        return None;
    }
    let suffix = ["s", "'s", "’s"]
        .into_iter()
        .find(|s| rest[4..].starts_with(s))?;
    let end = pos + 4 + suffix.len();
    if char_at(text, end).is_some_and(|ch| ch.is_alphanumeric())
        || matches!(char_before(text, pos), Some('$' | '€' | '£' | '#'))
    {
        return None;
    }
    Some(candidate(pos, end, Shape::Decade(rest[..3].parse().ok()?)))
}

/// A four-digit number used as a year: 1900–2099, and not a count, amount or name.
fn year(text: &str, pos: usize) -> Option<Candidate> {
    let end = pos + 4;
    let y: i32 = text[pos..end].parse().ok()?;
    if !(1900..=2099).contains(&y)
        || char_at(text, end).is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
        || !year_context(text, pos, end)
    {
        return None;
    }
    let p = Point {
        year: Some(y),
        ..Point::default()
    };
    Some(candidate(pos, end, Shape::Point(p)))
}

fn num<T: TryFrom<u64>>(c: &Groups, i: usize) -> Option<T> {
    c.get(i).and_then(digits)
}

/// The number at the start of `s`, ignoring an ordinal suffix (`21st`): what parsing its
/// digits would give, `None` for no digits or a number too large for `T`. Summed by hand, as
/// every part of every date is read this way.
fn digits<T: TryFrom<u64>>(s: &str) -> Option<T> {
    let mut digits = s.bytes().take_while(u8::is_ascii_digit).peekable();
    digits.peek()?;
    let n = digits.try_fold(0u64, |n, d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })?;
    T::try_from(n).ok()
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

/// The month that `s` names in full or in part (at least three letters, a period after them
/// or not), in any case.
fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.');
    let s = if s == "Sept" { "Sep" } else { s };
    if s.len() < 3 {
        return None;
    }
    // No two months share their first three letters, so these find the one month to compare.
    let first = s.as_bytes()[..3].to_ascii_lowercase();
    let i = MONTH_NAMES
        .iter()
        .position(|m| m.as_bytes()[..3] == first)?;
    let m = MONTH_NAMES[i];
    (m.len() >= s.len() && m[..s.len()].eq_ignore_ascii_case(s)).then_some(i as u32 + 1)
}

/// `May` before a day or year is still a surname in `Theresa May 2019`: a capitalised word
/// right before it marks a name, unless that word is a time word or a weekday. `March` after
/// `Long` names a rocket.
fn month_is_date(text: &str, start: usize, month: &str) -> bool {
    match month {
        "May" => !glued_to_name(text, start, previous_word(text, start)),
        // China's Long March rockets (`Long March 5`).
        "March" => previous_word(text, start) != "Long",
        _ => true,
    }
}

/// True when `before`, the word right before `start`, is a capitalised word of the same phrase
/// (no punctuation between) that is not a time word: `Horizon 2020`, `Theresa May`.
fn glued_to_name(text: &str, start: usize, before: &str) -> bool {
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
fn is_place(lead: &str) -> bool {
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

/// The year shift that `after`, the text right after a date or a month, opens with:
/// `, this year` (0), ` of next year` (+1), ` last year` (−1). Read by hand: it is tried
/// after every date and bare month, and a regex cost more there than the rest of the date.
fn year_shift(after: &str) -> Option<i32> {
    // At least one space, as a regex's `\s+`.
    fn spaced(s: &str) -> Option<&str> {
        let rest = s.trim_start_matches(char::is_whitespace);
        (rest.len() < s.len()).then_some(rest)
    }
    let rest = spaced(after.strip_prefix(',').unwrap_or(after))?;
    let rest = rest.strip_prefix("of").and_then(spaced).unwrap_or(rest);
    let (shift, rest) = [("this", 0), ("next", 1), ("last", -1)]
        .into_iter()
        .find_map(|(word, shift)| Some((shift, rest.strip_prefix(word)?)))?;
    let rest = spaced(rest)?.strip_prefix("year")?;
    let glued = rest.bytes().next().is_some_and(is_word_byte);
    (!glued).then_some(shift)
}

/// The word right before byte `i`, skipping spaces and a hyphen (`mid-June`).
fn previous_word(text: &str, i: usize) -> &str {
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
fn next_word(text: &str, i: usize) -> &str {
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

fn is_unit(word: &str) -> bool {
    // One-letter units only in lower case: `2021 T` is more likely a name than tonnes.
    if word.len() == 1 {
        UNITS.contains(word)
    } else {
        UNITS.contains_any_case(word)
    }
}

/// Whether the number ending at `end` is followed by what it counts or measures: a unit or a
/// lower-case plural noun (`2000 satellites`, `March 2 years ago`).
fn counts_something(text: &str, end: usize) -> bool {
    text[end..].starts_with(' ') && is_counted(next_word(text, end))
}

/// Whether `next`, the word after a number, is what the number counts or measures.
fn is_counted(next: &str) -> bool {
    let plural = next.len() > 3
        && next.ends_with('s')
        && !NOT_PLURAL.contains(next)
        && next.chars().next().is_some_and(char::is_lowercase);
    plural || is_unit(next)
}

/// Whether a number that looks like a year (or year span) at `start..end` is used as a time:
/// not money, not a count, not a measurement or clock time, not a part of a longer number, not
/// an identifier, not inside a name (`Horizon 2020`).
fn year_context(text: &str, start: usize, end: usize) -> bool {
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
        if is_counted(next) || CLOCK_WORDS.contains_any_case(next) {
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

/// Whether a candidate's value depends on the tense of its sentence.
fn needs_tense(c: &Candidate) -> bool {
    match c.shape {
        Shape::Weekday(_) => true,
        Shape::Point(p) | Shape::Range(p, _) => p.year.is_none() && p.month.is_some(),
        _ => false,
    }
}

/// The words of the sentence before byte `i`: back to the last line break or sentence end
/// (`. `, `! `, `? `), and never more than a few hundred bytes.
fn sentence_lead(text: &str, i: usize) -> &str {
    let mut from = i.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..i];
    let b = head.as_bytes();
    let start = (0..b.len())
        .rev()
        .find(|&k| {
            b[k] == b'\n' || matches!(b[k], b'.' | b'!' | b'?') && b.get(k + 1) == Some(&b' ')
        })
        .map_or(0, |k| k + 1);
    &head[start..]
}

/// Which way the sentence before byte `i` points: the cue nearest the date wins, so in
/// `said that nothing is expected on Wednesday` it is `expected`, and in `will hand over
/// what was confirmed on Friday` it is `confirmed`.
fn tense(text: &str, i: usize) -> Tense {
    let lead = sentence_lead(text, i);
    let mut words = lead
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    let mut nearest = true;
    while let Some(w) = words.next() {
        let before = words.peek().copied().unwrap_or("");
        if nearest && w.eq_ignore_ascii_case("last") {
            return Tense::Past;
        }
        // `set to`, `is to`, `are to`, `going to` launch
        let to_future = w.eq_ignore_ascii_case("to")
            && ["set", "is", "are", "was", "going"]
                .iter()
                .any(|b| before.eq_ignore_ascii_case(b));
        if FUTURE_CUES.contains_any_case(w) || w == "NET" || to_future {
            return Tense::Future;
        }
        let passive = ["be", "been", "being"]
            .iter()
            .any(|b| before.eq_ignore_ascii_case(b));
        if PAST_CUES.contains_any_case(w) && !passive {
            return Tense::Past;
        }
        nearest = false;
    }
    Tense::Unknown
}

/// The ISO 8601 value of a kept candidate, with a missing year taken from the article.
fn value(c: &Candidate, earlier: &[Candidate], all: &[Candidate], anchor: Option<Point>) -> String {
    let year_for = |p: &Point| -> Option<i32> {
        if let Some(y) = p.year {
            return Some(y);
        }
        let anchor_year = anchor.and_then(|a| a.year);
        if let Some(shift) = c.year_shift {
            return anchor_year
                .or_else(|| earlier_year(earlier))
                .map(|y| y + shift);
        }
        same_day_with_year(p, all)
            .or_else(|| anchor.and_then(|a| year_near(a, p, c.tense)))
            .or_else(|| earlier_year(earlier))
    };
    let mut s = String::with_capacity(24);
    match c.shape {
        Shape::Point(p) => push_point(&mut s, &p, year_for(&p)),
        Shape::Range(a, b) => {
            let ya = year_for(&a);
            // The second end follows the first, into the next year if it comes earlier.
            let yb = b.year.or_else(|| {
                let wraps = b.month.is_some() && (b.month, b.day) < (a.month, a.day);
                ya.map(|y| y + i32::from(wraps))
            });
            push_point(&mut s, &a, ya);
            s.push('/');
            push_point(&mut s, &b, yb);
        }
        Shape::Decade(d) => {
            let _ = write!(s, "{d}X");
        }
        Shape::Weekday(index) => {
            if let Some(a) = anchor {
                push_weekday(&mut s, a, index, c.tense == Tense::Future);
            }
        }
        Shape::Numeric { .. } => unreachable!("numeric dates are resolved in find"),
    }
    s
}

/// The year of a yearless `p` in an article dated `anchor`: the anchor's year, unless the
/// date then falls more than six months away on the side the sentence's tense contradicts
/// (a Dec. 28 that already happened, in a January article, was last year), or more than nine
/// months away when the tense is unknown.
fn year_near(anchor: Point, p: &Point, tense: Tense) -> Option<i32> {
    let (ay, am, ad) = (anchor.year?, anchor.month?, anchor.day?);
    let Some(m) = p.month else {
        return Some(ay);
    };
    let d = p.day.unwrap_or(15).min(days_in_month(ay, m));
    let ahead = days_from_civil(ay, m, d) - days_from_civil(ay, am, ad);
    let (back_after, forward_after) = match tense {
        Tense::Past => (183, i64::MAX),
        Tense::Future => (i64::MAX, 183),
        Tense::Unknown => (274, 274),
    };
    Some(if ahead > back_after {
        ay - 1
    } else if -ahead > forward_after {
        ay + 1
    } else {
        ay
    })
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
        Shape::Point(p) | Shape::Range(p, _) if p.month.is_some() => p.year,
        _ => None,
    })
}

fn push_point(s: &mut String, p: &Point, year: Option<i32>) {
    match year {
        Some(y) => push_padded(s, i64::from(y), 4),
        None => s.push_str("XXXX"),
    }
    if let Some(m) = p.month {
        s.push('-');
        push_padded(s, i64::from(m), 2);
        if let Some(d) = p.day {
            s.push('-');
            push_padded(s, i64::from(d), 2);
        }
    }
}

/// `n` in decimal with at least `width` digits, as `{n:0width$}` writes it. Every date value
/// is written this way, and the formatting machinery cost more than the rest of the value: the
/// two widths dates use are written out, digit by digit, each a division by a constant.
fn push_padded(s: &mut String, n: i64, width: usize) {
    let digit = |d: i64| char::from(b'0' + d as u8);
    match (width, n) {
        (2, 0..=99) => {
            s.push(digit(n / 10));
            s.push(digit(n % 10));
        }
        (4, 0..=9999) => {
            s.push(digit(n / 1000));
            s.push(digit(n / 100 % 10));
            s.push(digit(n / 10 % 10));
            s.push(digit(n % 10));
        }
        _ => {
            let _ = write!(s, "{n:0width$}");
        }
    }
}

/// The day named `index` (0 = Monday) nearest the article's date: on or before it, or on or
/// after it when the sentence points forward.
fn push_weekday(s: &mut String, anchor: Point, index: u32, future: bool) {
    let (Some(y), Some(m), Some(d)) = (anchor.year, anchor.month, anchor.day) else {
        return;
    };
    let days = days_from_civil(y, m, d);
    let anchor_index = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday
    let index = i64::from(index);
    let shift = if future {
        (index - anchor_index).rem_euclid(7)
    } else {
        -(anchor_index - index).rem_euclid(7)
    };
    let (y, m, d) = civil_from_days(days + shift);
    push_padded(s, y, 4);
    s.push('-');
    push_padded(s, i64::from(m), 2);
    s.push('-');
    push_padded(s, i64::from(d), 2);
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

    fn dates_with(options: DateOptions, text: &str) -> Vec<(String, String)> {
        DateRules::with_options(options)
            .find(text, &crate::text::word_starts(text))
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.value.into_owned()))
            .collect()
    }

    fn dates(text: &str) -> Vec<(String, String)> {
        dates_with(DateOptions::default(), text)
    }

    #[test]
    fn triggers() {
        // (text, the token a date may start with at byte 0)
        let rows: &[(&str, Option<&str>)] = &[
            ("2021-05-21", Some("2021")),
            ("21st", Some("21")),
            ("FY2024", Some("FY")),
            ("May 21", Some("May")),
            ("Mayor Smith", None),
            ("Sept. 3", Some("Sept")),
            ("Wednesday,", Some("Wednesday")),
            ("fiscal year", Some("fiscal")),
            ("Fiscal", Some("Fiscal")),
            ("march on", None),
            ("Mars", None),
            ("The", None),
        ];
        for (text, want) in rows {
            assert_eq!(trigger(text, 0), *want, "{text}");
        }
    }

    #[test]
    fn word_lists_are_sorted() {
        // (list, looked up in any case, so written in lower case)
        let lists: &[(&WordList, bool)] = &[
            (&TRIGGER_WORDS, false),
            (&MONTH_CUES, true),
            (&MAY_CUES, true),
            (&TIME_LEADS, false),
            (&UNITS, true),
            (&CLOCK_WORDS, true),
            (&NUMBER_LEADS, true),
            (&NUMBER_ABBREVIATIONS, true),
            (&NOT_PLURAL, false),
            (&FUTURE_CUES, true),
            (&PAST_CUES, true),
        ];
        for (list, any_case) in lists {
            let words = list.words;
            assert!(
                words.windows(2).all(|w| w[0] < w[1]),
                "not sorted: {words:?}"
            );
            assert!(words.iter().all(|w| w.is_ascii()), "not ASCII: {words:?}");
            if *any_case {
                assert!(
                    words.iter().all(|w| *w == w.to_ascii_lowercase()),
                    "not lower case: {words:?}"
                );
            }
        }
    }

    #[test]
    fn words_are_looked_up_as_the_lists_say() {
        // (list, word): the answers must be those of comparing with every word, in any case
        // for the lists in lower case
        let rows: &[(&WordList, &str)] = &[
            (&UNITS, "km"),
            (&UNITS, "KM"),
            (&UNITS, "Kilometres"),
            (&UNITS, "kilometre"),
            (&UNITS, "kilo"),
            (&UNITS, ""),
            (&UNITS, "per"),
            (&UNITS, "perk"),
            (&UNITS, "m"),
            (&UNITS, "M"),
            (&CLOCK_WORDS, "Z"),
            (&CLOCK_WORDS, "gmt"),
            (&CLOCK_WORDS, "GMT"),
            (&CLOCK_WORDS, "gmtx"),
            (&CLOCK_WORDS, "élocal"),
            (&NUMBER_ABBREVIATIONS, "No"),
            (&NOT_PLURAL, "was"),
            (&NOT_PLURAL, "Was"),
            (&PAST_CUES, "Announcedé"),
            (&PAST_CUES, "ANNOUNCED"),
            (&TIME_LEADS, "The"),
            (&TIME_LEADS, "the"),
            (&TIME_LEADS, "Q3"),
            (&TIME_LEADS, "NET"),
            (&TIME_LEADS, "Net"),
            (&TRIGGER_WORDS, "Sept"),
            (&TRIGGER_WORDS, "sept"),
            (&TRIGGER_WORDS, "fiscal"),
            (&TRIGGER_WORDS, "FISCAL"),
        ];
        for (list, word) in rows {
            assert_eq!(list.contains(word), list.words.contains(word), "{word}");
            if list.words.iter().all(|w| *w == w.to_ascii_lowercase()) {
                let any = list.words.iter().any(|w| w.eq_ignore_ascii_case(word));
                assert_eq!(list.contains_any_case(word), any, "{word} in any case");
            }
        }
    }

    proptest::proptest! {
        /// Every list answers for any word as comparing it with every listed word would.
        #[test]
        fn word_lists_answer_as_their_words(
            which in 0..11usize,
            pick in 0..100usize,
            cut in 0..3usize,
            case in 0..3u8,
            tail in "[a-zé]{0,1}",
        ) {
            let list = [
                &TRIGGER_WORDS, &MONTH_CUES, &MAY_CUES, &TIME_LEADS, &UNITS, &CLOCK_WORDS,
                &NUMBER_LEADS, &NUMBER_ABBREVIATIONS, &NOT_PLURAL, &FUTURE_CUES, &PAST_CUES,
            ][which];
            // A listed word, or one cut short, in some case, perhaps with a letter more.
            let word = list.words[pick % list.words.len()];
            let word = &word[..word.len() - cut.min(word.len())];
            let word = match case {
                0 => word.to_string(),
                1 => word.to_uppercase(),
                _ => word.to_lowercase(),
            } + &tail;
            proptest::prop_assert_eq!(list.contains(&word), list.words.contains(&word.as_str()));
            if list.words.iter().all(|w| *w == w.to_ascii_lowercase()) {
                let any = list.words.iter().any(|w| w.eq_ignore_ascii_case(&word));
                proptest::prop_assert_eq!(list.contains_any_case(&word), any);
            }
        }
    }

    /// (name, text, [(span, value)])
    type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    fn check(options: DateOptions, rows: &[Row]) {
        for (name, text, want) in rows {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(dates_with(options, text), want, "{name}: {text:?}");
        }
    }

    #[test]
    fn day_month_year() {
        check(
            DateOptions::default(),
            &[
                (
                    "mdy",
                    "It flew on May 21, 2021 at last.",
                    &[("May 21, 2021", "2021-05-21")],
                ),
                (
                    "dmy",
                    "It flew on 21 May 2021 at last.",
                    &[("21 May 2021", "2021-05-21")],
                ),
                (
                    "ordinal comma",
                    "signed on 10th May, 2019.",
                    &[("10th May, 2019", "2019-05-10")],
                ),
                (
                    "the of",
                    "on the 5th of March 2022 it",
                    &[("5th of March 2022", "2022-03-05")],
                ),
                (
                    "sept",
                    "due Sept. 3, 2024, they said",
                    &[("Sept. 3, 2024", "2024-09-03")],
                ),
                (
                    "no comma",
                    "since Oct 2 2018 the",
                    &[("Oct 2 2018", "2018-10-02")],
                ),
                (
                    "abbrev dmy",
                    "dated 9 Mar. 2016 and",
                    &[("9 Mar. 2016", "2016-03-09")],
                ),
                (
                    "weekday prefix",
                    "Friday, April 13, 2018 was calm",
                    &[("Friday, April 13, 2018", "2018-04-13")],
                ),
                (
                    "weekday in parentheses",
                    "on June 3 (Thu), 2021 the",
                    &[("June 3 (Thu), 2021", "2021-06-03")],
                ),
                (
                    "weekday before dmy",
                    "on Tuesday 3 June 2025 the",
                    &[("Tuesday 3 June 2025", "2025-06-03")],
                ),
                (
                    "hyphenated",
                    "filed 21-May-2021 by",
                    &[("21-May-2021", "2021-05-21")],
                ),
                (
                    "clock time after",
                    "at 12 March 2020 09:30 GMT",
                    &[("12 March 2020", "2020-03-12")],
                ),
                (
                    "ordinal mdy",
                    "on March 2nd the",
                    &[("March 2nd", "XXXX-03-02")],
                ),
                (
                    "may with lead",
                    "In May 2019, the",
                    &[("May 2019", "2019-05")],
                ),
            ],
        );
    }

    #[test]
    fn numeric() {
        check(
            DateOptions::default(),
            &[
                ("iso", "stamp 2021-05-21 x", &[("2021-05-21", "2021-05-21")]),
                (
                    "iso with time",
                    "at 2021-05-21T09:30Z.",
                    &[("2021-05-21", "2021-05-21")],
                ),
                ("iso month", "report 2023-07 out", &[("2023-07", "2023-07")]),
                (
                    "season not month",
                    "the 2009-10 season",
                    &[("2009-10", "2009/2010")],
                ),
                (
                    "day first",
                    "filed on 30/06/2019.",
                    &[("30/06/2019", "2019-06-30")],
                ),
                (
                    "month first",
                    "filed on 06/30/2019.",
                    &[("06/30/2019", "2019-06-30")],
                ),
                (
                    "dotted",
                    "filed on 30.06.2019.",
                    &[("30.06.2019", "2019-06-30")],
                ),
                (
                    "ambiguous defaults to mdy",
                    "filed on 03/04/2021.",
                    &[("03/04/2021", "2021-03-04")],
                ),
                (
                    "day first inferred from the article",
                    "It began on 30/06/2019 and ended on 03/04/2021.",
                    &[("30/06/2019", "2019-06-30"), ("03/04/2021", "2021-04-03")],
                ),
                ("impossible", "code 31/02/2020 here", &[]),
                ("version", "release 1.2.2019 is out", &[]),
                ("longer number", "ref 12/03/2020/7 here", &[]),
            ],
        );
        let dmy = DateOptions {
            order: DateOrder::Dmy,
            ..DateOptions::default()
        };
        check(
            dmy,
            &[
                (
                    "option dmy",
                    "filed on 03/04/2021.",
                    &[("03/04/2021", "2021-04-03")],
                ),
                (
                    "article says month first despite the option",
                    "It began on 06/30/2019 and ended on 03/04/2021.",
                    &[("06/30/2019", "2019-06-30"), ("03/04/2021", "2021-03-04")],
                ),
            ],
        );
    }

    #[test]
    fn months_years_and_ranges() {
        check(
            DateOptions::default(),
            &[
                ("month year", "in July 2021.", &[("July 2021", "2021-07")]),
                (
                    "month comma year",
                    "in July, 2021.",
                    &[("July, 2021", "2021-07")],
                ),
                (
                    "month range",
                    "from March–May 2022 the",
                    &[("March–May 2022", "2022-03/2022-05")],
                ),
                (
                    "month range over new year",
                    "over Nov 2020 – Jan 2021 the",
                    &[("Nov 2020 – Jan 2021", "2020-11/2021-01")],
                ),
                ("bare month", "by June, the crew", &[("June", "XXXX-06")]),
                ("mid month", "until mid-June the", &[("June", "XXXX-06")]),
                ("bare may", "late in May the", &[("May", "XXXX-05")]),
                (
                    "no day before a count",
                    "in March 2 years ago",
                    &[("March", "XXXX-03")],
                ),
                ("year", "a plan drafted in 2016 for", &[("2016", "2016")]),
                ("year possessive", "2016’s budget grew", &[("2016", "2016")]),
                (
                    "year after a determiner",
                    "The 2019 report found",
                    &[("2019", "2019")],
                ),
                (
                    "year after a quarter",
                    "due in Q3 2025.",
                    &[("2025", "2025")],
                ),
                ("decade", "in the 1980s.", &[("1980s", "198X")]),
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
                    "slash year span",
                    "the 2021/22 season",
                    &[("2021/22", "2021/2022")],
                ),
                (
                    "day range and",
                    "on Nov. 27 and 28, when",
                    &[("Nov. 27 and 28", "XXXX-11-27/XXXX-11-28")],
                ),
                (
                    "day range dash",
                    "Apr. 4-6 in Rome",
                    &[("Apr. 4-6", "XXXX-04-04/XXXX-04-06")],
                ),
                (
                    "day range october",
                    "on Oct. 3-5 the",
                    &[("Oct. 3-5", "XXXX-10-03/XXXX-10-05")],
                ),
                (
                    "dmy range",
                    "during 2–6 October, a",
                    &[("2–6 October", "XXXX-10-02/XXXX-10-06")],
                ),
                (
                    "range with year",
                    "on Nov. 29-30, 2021 the",
                    &[("Nov. 29-30, 2021", "2021-11-29/2021-11-30")],
                ),
                (
                    "range across months",
                    "from Nov. 30 – Dec. 2 the",
                    &[("Nov. 30 – Dec. 2", "XXXX-11-30/XXXX-12-02")],
                ),
                (
                    "dmy range across months",
                    "from 28 February – 2 March 2022 the",
                    &[("28 February – 2 March 2022", "2022-02-28/2022-03-02")],
                ),
                (
                    "range across new year",
                    "from Dec. 30 – Jan. 2, 2022 the",
                    &[("Dec. 30 – Jan. 2, 2022", "2021-12-30/2022-01-02")],
                ),
                (
                    "two dates joined by a word",
                    "slipped from Aug. 7 to Aug. 11, awaiting",
                    &[("Aug. 7", "XXXX-08-07"), ("Aug. 11", "XXXX-08-11")],
                ),
                (
                    "two dates share a year",
                    "on June 3 and June 10, 2021 the",
                    &[("June 3", "2021-06-03"), ("June 10, 2021", "2021-06-10")],
                ),
                (
                    "two dmy dates",
                    "on 28 February and 2 March 2022 the",
                    &[
                        ("28 February", "2022-02-28"),
                        ("2 March 2022", "2022-03-02"),
                    ],
                ),
                (
                    "backward range is one date",
                    "on May 5 and 3 more",
                    &[("May 5", "XXXX-05-05")],
                ),
                ("weekday", "spoke on Tuesday.", &[("Tuesday", "")]),
                ("last weekday", "said last Friday.", &[("Friday", "")]),
            ],
        );
    }

    #[test]
    fn fiscal_years_and_schedules() {
        check(
            DateOptions::default(),
            &[
                ("fy", "the FY2026 budget", &[("FY2026", "2026")]),
                ("fy spaced", "the FY 2026 budget", &[("FY 2026", "2026")]),
                ("fy short", "the FY26 request", &[("FY26", "2026")]),
                ("fy apostrophe", "the FY'26 request", &[("FY'26", "2026")]),
                (
                    "fiscal year",
                    "in fiscal year 2026 it",
                    &[("fiscal year 2026", "2026")],
                ),
                ("fiscal", "Fiscal 2027 spending", &[("Fiscal 2027", "2027")]),
                (
                    "split fiscal year",
                    "in FY 2025-26 it",
                    &[("FY 2025-26", "2025/2026")],
                ),
                (
                    "net month year",
                    "launch NET March 2025.",
                    &[("March 2025", "2025-03")],
                ),
                (
                    "net may",
                    "launch NET May 2026.",
                    &[("May 2026", "2026-05")],
                ),
                ("net bare month", "launch NET June.", &[("June", "XXXX-06")]),
                (
                    "no earlier than",
                    "no earlier than April 2027",
                    &[("April 2027", "2027-04")],
                ),
            ],
        );
    }

    #[test]
    fn non_dates() {
        let rows: &[(&str, &str)] = &[
            ("may the person", "Prof. Alma May spoke to the board."),
            ("may the surname before a year", "Theresa May 2019 remarks"),
            ("may the surname before a day", "with Theresa May 21 times"),
            ("may the verb", "The agency may launch soon."),
            ("may at sentence start", "It works. May it last."),
            ("march the verb", "Protesters march on the capital."),
            ("march at sentence start", "March on, they said."),
            ("mars is no month", "Mars 2020 rover"),
            ("mayor is no month", "the Mayor of the city"),
            ("the rocket", "a Long March 5 rocket"),
            ("count", "a constellation of 2000 satellites"),
            ("count after some", "some 2000 new staff"),
            ("measurement", "an orbit of 2000 km"),
            ("hyphenated measurement", "a 2000-km orbit"),
            ("money", "cost $2000 each"),
            ("thousands", "worth 12,2020 units"),
            ("percent", "up 2020% on"),
            ("version dotted", "version 2.2019.1"),
            ("version word", "running version 2019 now"),
            ("number abbreviation", "see No. 2020 there"),
            ("clock", "at 18:04 hours"),
            ("military clock", "lifted off at 2030 GMT"),
            ("clock hours", "at 1900 hours sharp"),
            ("name", "the Horizon 2020 programme"),
            ("name with span", "the Horizon 2014-2020 budget"),
            ("name vision", "under Vision 2030 goals"),
            ("fy is not a word", "FYI the team"),
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
                " date 2018-04-11 x\nQUITO, April 11: it",
                "2018-04-11",
            ),
            (
                "dateline in capitals",
                "WASHINGTON, April 2, 2021 — By Sept. 30",
                "2021-09-30",
            ),
            (
                "dateline of a city",
                "Lyon, France, April 2, 2021 — By Sept. 30",
                "2021-09-30",
            ),
            (
                "date alone on the first line",
                "March 9, 2015\n\nBy Sept. 30",
                "2015-09-30",
            ),
            (
                "published line",
                "Published: April 2, 2021 10:00\nBy Sept. 30",
                "2021-09-30",
            ),
            (
                "earlier full date",
                "On 3 May 2019 x. On June 4",
                "2019-06-04",
            ),
            (
                "earlier month and year",
                "In July 2021 x. By June",
                "2021-06",
            ),
            (
                "same day later with year",
                "met on March 14th in Oslo. Their accord of March 14th 2018",
                "2018-03-14",
            ),
            (
                "this year",
                " date 2019-09-10 x\nlate in October this year",
                "2019-10",
            ),
            (
                "next year",
                " date 2019-09-10 x\nor February next year",
                "2020-02",
            ),
            ("no anchor", "on Aug. 7 it", "XXXX-08-07"),
            (
                "past date before a january stamp",
                " date 2021-01-05 x\nThe probe was launched on Dec. 28.",
                "2020-12-28",
            ),
            (
                "future date after a december stamp",
                " date 2021-12-20 x\nThe probe will launch in January.",
                "2022-01",
            ),
            (
                "range after a december stamp",
                " date 2021-12-20 x\nTalks will run Dec. 30 – Jan. 2.",
                "2021-12-30/2022-01-02",
            ),
            (
                "near date keeps the stamp year",
                " date 2021-03-05 x\nThe probe was launched on Jan. 28.",
                "2021-01-28",
            ),
            (
                "unknown tense keeps the stamp year within nine months",
                " date 2021-03-05 x\nA review on Nov. 2.",
                "2021-11-02",
            ),
            (
                "weekday past",
                " date 2022-07-16 x\nopened on Wednesday a",
                "2022-07-13",
            ),
            (
                "weekday same day",
                " date 2019-09-10 x\nspoke on Tuesday.",
                "2019-09-10",
            ),
            (
                "weekday future",
                " date 2022-09-05 x\nno delay is anticipated on Thursday.",
                "2022-09-08",
            ),
            (
                "weekday scheduled",
                " date 2022-09-05 x\nThe rover is scheduled to drive on Thursday.",
                "2022-09-08",
            ),
            (
                "nearest cue wins: future after said",
                " date 2022-09-05 x\nShe said that docking is expected on Thursday.",
                "2022-09-08",
            ),
            (
                "nearest cue wins: past after will",
                " date 2021-05-24 x\nIt will act, the office confirmed on Friday.",
                "2021-05-21",
            ),
            (
                "passive is not past",
                " date 2021-05-24 x\nThe pact will be signed on Friday.",
                "2021-05-28",
            ),
            (
                "next weekday",
                " date 2021-05-24 x\nTalks resume next Friday.",
                "2021-05-28",
            ),
            (
                "last weekday",
                " date 2021-05-24 x\nTalks ended last Friday.",
                "2021-05-21",
            ),
            ("weekday no anchor", "said on Friday.", ""),
            (
                "weekday not anchored to an earlier date",
                "On 3 May 2019 it flew. It landed on Friday.",
                "",
            ),
            (
                "line date anchors weekdays",
                "March 9, 2015\n\nIt opened on Friday.",
                "2015-03-06",
            ),
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

    #[test]
    fn reference_date() {
        let options = DateOptions {
            reference: Some((2021, 5, 24)),
            ..DateOptions::default()
        };
        // (name, text, the value of the last date)
        let rows: &[(&str, &str, &str)] = &[
            ("anchors a weekday", "It was said on Friday.", "2021-05-21"),
            ("gives a year", "It flew on Sept. 30.", "2021-09-30"),
            (
                "the article's own stamp wins",
                " date 2019-09-10 x\nspoke on Tuesday.",
                "2019-09-10",
            ),
            (
                "the article's own dateline wins",
                "PARIS, March 9, 2015 — it opened on Friday.",
                "2015-03-06",
            ),
        ];
        for (name, text, want) in rows {
            let got = dates_with(options, text);
            assert_eq!(
                got.last().map(|d| d.1.as_str()),
                Some(*want),
                "{name}: {got:?}"
            );
        }
    }

    #[test]
    fn options_default_is_mdy_without_reference() {
        assert_eq!(
            DateOptions::default(),
            DateOptions {
                order: DateOrder::Mdy,
                reference: None
            }
        );
    }

    #[test]
    fn year_shifts_read_by_hand() {
        // (text after a date, the shift)
        let rows: &[(&str, Option<i32>)] = &[
            (" this year", Some(0)),
            (", next year.", Some(1)),
            (" of last year", Some(-1)),
            ("\u{a0}of\tnext  year", Some(1)),
            (" this years", None),
            (" this year_", None),
            (" this year’s", Some(0)),
            ("this year", None),
            (",this year", None),
            (" ofthis year", None),
            (" This year", None),
            (" this  year", Some(0)),
            (" this", None),
            ("", None),
        ];
        for (after, want) in rows {
            assert_eq!(year_shift(after), *want, "{after:?}");
        }
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The hand reading answers as the regex it replaced.
        #[test]
        fn year_shift_reads_as_the_regex(
            after in ",?[ \u{a0}x]{0,2}(of)?[ x]{0,2}(this|next|last|thus)?[ \t]{0,2}(year)?[s_’.]?"
        ) {
            let shift = Regex::new(r"^,?\s+(?:of\s+)?(this|next|last)\s+year(?-u:\b)").unwrap();
            let want = shift.captures(&after).map(|c| match &c[1] {
                "next" => 1,
                "last" => -1,
                _ => 0,
            });
            proptest::prop_assert_eq!(year_shift(&after), want);
        }

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

        /// Numbers are read as parsing their digits reads them.
        #[test]
        fn digits_read_as_parsed(s in "[0-9]{0,12}(st|th|x|é|-3)?") {
            let run = &s[..s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len())];
            proptest::prop_assert_eq!(digits::<u32>(&s), run.parse::<u32>().ok());
            proptest::prop_assert_eq!(digits::<i32>(&s), run.parse::<i32>().ok());
        }

        /// A month is named as comparing the word with every month's name in any case finds.
        #[test]
        fn months_are_named_as_by_every_name(
            s in proptest::prop_oneof![
                (
                    proptest::sample::select(MONTH_NAMES.to_vec()),
                    0..11usize,
                    0..3u8,
                    "[a-zé.]{0,2}",
                )
                    .prop_map(|(name, len, case, tail): (&str, usize, u8, String)| {
                        let part = &name[..len.min(name.len())];
                        let part = match case {
                            0 => part.to_string(),
                            1 => part.to_uppercase(),
                            _ => {
                                let (head, rest) = part.split_at(1.min(part.len()));
                                head.to_uppercase() + rest
                            }
                        };
                        part + &tail
                    }),
                "([JjFfMmAaSsOoNnDd][a-zA-Z]{0,9}|Sept|Mär|[a-z]{0,3})[.]{0,2}",
            ],
        ) {
            let t = s.trim_end_matches('.');
            let t = if t == "Sept" { "Sep" } else { t };
            let want = (t.len() >= 3).then(|| {
                MONTH_NAMES
                    .iter()
                    .position(|m| m.len() >= t.len() && m[..t.len()].eq_ignore_ascii_case(t))
                    .map(|i| i as u32 + 1)
            });
            proptest::prop_assert_eq!(month_number(&s), want.flatten());
        }

        /// Numbers are padded as the formatting machinery pads them, in range or not.
        #[test]
        fn numbers_are_padded_as_format_pads_them(
            n in proptest::prop_oneof![0i64..12_000, i64::from(i32::MIN)..=i64::from(i32::MAX)],
            width in proptest::sample::select(vec![1usize, 2, 3, 4]),
        ) {
            let mut s = String::from("x");
            push_padded(&mut s, n, width);
            proptest::prop_assert_eq!(s, format!("x{n:0width$}"));
        }
    }
}
