//! The shapes a date takes in text, each one regex read at a trigger: day phrases (`Friday,
//! April 13, 2018`, `21 May 2021`, `Nov. 29 and 30`), numeric dates (`2021-05-21`,
//! `30/06/2019`), months with years, year spans and fiscal years; and beside them decades, bare
//! years and bare months, which need a look at the words around more than a pattern. Each
//! reader turns what its regex matched into a [`Candidate`], or turns it away when the words
//! around say it is no date.
//!
//! A regex is searched anchored at its trigger and within [`MAX_DATE_LEN`] bytes of it, so
//! that reading a date costs at most that much whatever follows; look-around (the word
//! boundaries) still sees the text outside that window. Word boundaries are ASCII, so that
//! curly quotes and dashes end words; `\s` is Unicode white space.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::meta::{Cache, Regex};
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input};

use super::context::{
    day_counts_something, is_event_noun, month_is_date, next_word, old_year_is_time, previous_word,
    year_context, year_counts_something,
};
use super::value::{digits, month_number, point};
use super::words::{DETERMINERS, MAY_CUES, MONTH_CUES, MONTH_NAMES, WEEKDAYS};
use super::{Candidate, DateOrder, Point, Shape, Tense};
use crate::text::{char_at, char_before};

/// The most bytes a date takes from its trigger to its end. The longest shape with every part
/// written out and single spaces (`Wednesday, September 30th (Wednesday.) through September
/// 30th, 2021`) takes 71; the rest leaves room for wider white space.
pub(super) const MAX_DATE_LEN: usize = 128;

/// An ASCII word boundary.
const B: &str = r"(?-u:\b)";
/// A month name in full, or abbreviated with its period or a word boundary after it, so that
/// `Janet` and `Mars` are not months. `Sept` comes before `Sep`, so that `Sept.` is read whole.
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?-u:\b)))";
/// A day of the month, perhaps with an ordinal suffix (`21st`).
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?-u:\b)";
/// A year from 1000 to 2199; a bare year before 1900 needs a time word before it as well.
const YEAR: &str = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?-u:\b)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
/// What joins the ends of a range of days, kept as a group: a word between two full dates
/// makes two mentions, a dash one range.
const RANGE: &str = r"(\s*(?:-|–|—)\s*|\s+(?:and|to|through|thru|until|till)\s+)";
/// A weekday in parentheses after a day: `June 3 (Thu)`.
const PAREN_WEEKDAY: &str = r"\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\)";

/// The regexes of the shapes, and of the year shift after a date; each names its groups in
/// its doc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    /// `2021-05-21`, `2021-05-21T09:30`, `2021-05`. 1 year, 2 separator, 3 month,
    /// 4 separator, 5 day.
    Iso,
    /// `30/06/2019`, `06/30/2019`, `30.06.2019`. 1 number, 2 separator, 3 number,
    /// 4 separator, 5 year.
    Numeric,
    /// `Friday, April 13, 2018`, `Nov. 29 and 30`, `Nov. 30 – Dec. 2, 2021`, `June 3 (Thu)`.
    /// 1 weekday, 2 month, 3 day, 4 `(Thu)`, 5 joint, 6 month, 7 day, 8 year.
    MonthDay,
    /// `21 May 2021`, `Tuesday 3 June`, `the 5th of March`, `2–6 October`,
    /// `28 February – 2 March`. 1 weekday, 2 day, 3 month, 4 joint, 5 day, 6 month, 7 year.
    DayMonth,
    /// `July 2021`, `March–May 2022`, `Dec 2021 – Jan 2022`. 1 month, 2 year, 3 month,
    /// 4 year.
    MonthYear,
    /// `2014-2020`, `1996–97`, `2021/22`. 1 first year, 2 last year as written.
    YearSpan,
    /// `FY2026`, `FY'26`, `fiscal year 2026`, `FY 2025-26`. 1 `FY` (absent for
    /// `fiscal year`), 2 year, 3 end year.
    Fiscal,
    /// `, this year`, ` of next year`, ` last year` right after a date. 1 the shift's word.
    YearShift,
}

impl Pattern {
    const ALL: [Pattern; 8] = [
        Pattern::Iso,
        Pattern::Numeric,
        Pattern::MonthDay,
        Pattern::DayMonth,
        Pattern::MonthYear,
        Pattern::YearSpan,
        Pattern::Fiscal,
        Pattern::YearShift,
    ];

    /// The regex, without the anchor: every search is anchored at its trigger.
    fn source(self) -> String {
        match self {
            Pattern::Iso => {
                r"([0-9]{4})([-/.])([0-9]{1,2})(?:([-/.])([0-9]{1,2}))?(?:T[0-9]|(?-u:\b))".into()
            }
            Pattern::Numeric => r"([0-9]{1,2})([-/.])([0-9]{1,2})([-/.])([0-9]{4})(?-u:\b)".into(),
            Pattern::MonthDay => format!(
                r"(?:({WEEKDAY}),?\s+)?({MONTH})\s+(?:the\s+)?({DAY})({PAREN_WEEKDAY})?(?:{RANGE}(?:({MONTH})\s+)?({DAY}))?(?:,?\s+({YEAR}))?"
            ),
            Pattern::DayMonth => format!(
                r"(?:({WEEKDAY}),?\s+(?:the\s+)?)?({DAY})(?:(?:(?:\s+|-)({MONTH}))?{RANGE}({DAY}))?(?:\s+|-)(?:of\s+)?({MONTH})(?:(?:,?\s+|-)({YEAR}))?"
            ),
            Pattern::MonthYear => {
                format!(r"({MONTH})(?:(?:,?\s+({YEAR}))?\s*(?:-|–|—|/)\s*({MONTH}))?,?\s+({YEAR})")
            }
            Pattern::YearSpan => format!(r"({YEAR})\s*(?:-|–|—|/)\s*([0-9]{{4}}|[0-9]{{2}}){B}"),
            Pattern::Fiscal => format!(
                r"(?:(FY)\s?['’-]?|[Ff]iscal\s+(?:[Yy]ear\s+)?)([0-9]{{4}}|[0-9]{{2}})(?:\s*(?:-|–|/)\s*([0-9]{{4}}|[0-9]{{2}}))?{B}"
            ),
            Pattern::YearShift => format!(r",?\s+(?:of\s+)?(this|next|last)\s+year{B}"),
        }
    }
}

/// The most groups a pattern has, the whole match included.
const MAX_GROUPS: usize = 9;

/// A search's scratch space for each pattern, in the order of [`Pattern::ALL`].
type Caches = [Cache; Pattern::ALL.len()];
type NewCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// The patterns, compiled once per run, and a pool of their caches: a thread takes one set
/// for a whole text, so the searches at its triggers share it.
pub(super) struct Shapes {
    regexes: [Regex; Pattern::ALL.len()],
    caches: Pool<Caches, NewCaches>,
}

impl Shapes {
    pub(super) fn new() -> Shapes {
        // Every search is anchored, so a prefilter to find where a match may start would go
        // unused; and a one-pass DFA searches these patterns more slowly than the lazy DFA with
        // the bounded backtracker for the groups.
        let config = Regex::config().auto_prefilter(false).onepass(false);
        let regexes = Pattern::ALL.map(|p| {
            let regex = Regex::builder()
                .configure(config.clone())
                .build(&p.source())
                .expect("date pattern compiles");
            assert!(
                regex.captures_len() <= MAX_GROUPS,
                "{p:?} has too many groups"
            );
            regex
        });
        let for_caches = regexes.clone();
        let new: NewCaches = Box::new(move || for_caches.each_ref().map(Regex::create_cache));
        Shapes {
            regexes,
            caches: Pool::new(new),
        }
    }

    /// The reader of the dates of `text`.
    pub(super) fn reader<'a>(&'a self, text: &'a str) -> Reader<'a> {
        Reader {
            text,
            regexes: &self.regexes,
            caches: self.caches.get(),
        }
    }
}

/// What a pattern matched, in byte offsets of the whole text.
pub(super) struct Groups<'t> {
    text: &'t str,
    /// Group `i` starts at slot `2 i` and ends at slot `2 i + 1`.
    slots: [Option<NonMaxUsize>; 2 * MAX_GROUPS],
}

impl<'t> Groups<'t> {
    /// Where group `i` starts and ends, if the match took it.
    fn span(&self, i: usize) -> Option<(usize, usize)> {
        let start = self.slots[2 * i]?.get();
        let end = self.slots[2 * i + 1]?.get();
        Some((start, end))
    }

    /// The text of group `i`, if the match took it.
    fn get(&self, i: usize) -> Option<&'t str> {
        self.span(i).map(|(start, end)| &self.text[start..end])
    }

    /// Where the match ends.
    fn end(&self) -> usize {
        self.span(0).map_or(0, |(_, end)| end)
    }
}

/// The shapes read in one text.
pub(super) struct Reader<'a> {
    text: &'a str,
    regexes: &'a [Regex; Pattern::ALL.len()],
    caches: PoolGuard<'a, Caches, NewCaches>,
}

impl<'a> Reader<'a> {
    /// What `pattern` matches starting at byte `pos`, within [`MAX_DATE_LEN`] bytes.
    fn groups(&mut self, pattern: Pattern, pos: usize) -> Option<Groups<'a>> {
        if !may_match(pattern, self.text.as_bytes(), pos) {
            return None;
        }
        self.search(pattern, pos)
    }

    /// [`groups`](Self::groups) without the cheap test first.
    fn search(&mut self, pattern: Pattern, pos: usize) -> Option<Groups<'a>> {
        let text = self.text;
        let mut end = text.len().min(pos + MAX_DATE_LEN);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let input = Input::new(text).range(pos..end).anchored(Anchored::Yes);
        let i = pattern as usize;
        let mut groups = Groups {
            text,
            slots: [None; 2 * MAX_GROUPS],
        };
        let regex = &self.regexes[i];
        // Exactly the pattern's slots: no engine is asked for groups it does not have.
        let slots = &mut groups.slots[..2 * regex.captures_len()];
        regex.search_slots_with(&mut self.caches[i], &input, slots)?;
        Some(groups)
    }

    /// The longest date starting at trigger `token` at byte `pos`. Only the shapes that can
    /// start with that kind of token are tried; on a tie the first (most specific) wins.
    pub(super) fn longest_at(&mut self, pos: usize, token: &str) -> Option<Candidate> {
        let text = self.text;
        let bytes = &text.as_bytes()[pos..];
        if bytes[0].is_ascii_digit() {
            // `token` is the whole run of digits.
            let n = token.len();
            let sep = matches!(bytes.get(n), Some(b'-' | b'/' | b'.'));
            return match n {
                4 => {
                    // A span before ISO: `2009-10` is a season more often than a month.
                    let iso = if sep { self.iso(pos) } else { None };
                    let best = longer(self.year_span(pos), iso);
                    longer(longer(best, decade(text, pos)), year(text, pos))
                }
                1 | 2 => {
                    let numeric = if sep { self.numeric(pos) } else { None };
                    longer(numeric, self.day_month(pos))
                }
                _ => None,
            };
        }
        if token == "FY" || token.eq_ignore_ascii_case("fiscal") {
            return self.fiscal(pos);
        }
        if let Some(index) = WEEKDAYS.iter().position(|d| *d == token) {
            let alone = candidate(pos, pos + token.len(), Shape::Weekday(index as u32));
            let dated = longer(self.month_day(pos), self.day_month(pos));
            return longer(dated, Some(alone));
        }
        let dated = longer(self.month_day(pos), self.month_year(pos));
        longer(dated, self.bare_month(pos, token))
    }

    /// The year shift right after a date or month ending at `end`: `this year` (0),
    /// `next year` (+1), `last year` (-1).
    fn year_shift(&mut self, end: usize) -> Option<i32> {
        let c = self.groups(Pattern::YearShift, end)?;
        Some(match c.get(1)? {
            "next" => 1,
            "last" => -1,
            _ => 0,
        })
    }

    fn iso(&mut self, pos: usize) -> Option<Candidate> {
        let c = self.groups(Pattern::Iso, pos)?;
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
    fn numeric(&mut self, pos: usize) -> Option<Candidate> {
        let text = self.text;
        let c = self.groups(Pattern::Numeric, pos)?;
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

    fn month_day(&mut self, pos: usize) -> Option<Candidate> {
        let text = self.text;
        let c = self.groups(Pattern::MonthDay, pos)?;
        let m = c.get(2)?;
        if c.get(1).is_none() && !month_is_date(text, c.span(2)?.0, m) {
            return None;
        }
        let month = month_number(m)?;
        let first_end = c.span(4).or_else(|| c.span(3))?.1;
        // `On Nov. 5, 2000 people marched`: the number after the day counts, it is no year.
        let mut year = c.get(8).and_then(|y| y.parse().ok());
        let mut end = c.end();
        if year.is_some() && year_counts_something(text, end) {
            year = None;
            end = c.span(7).or_else(|| c.span(4)).or_else(|| c.span(3))?.1;
        }
        let span = Span {
            start: pos,
            first_end,
            end,
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
        if second.is_none() && year.is_none() && day_counts_something(text, span.end) {
            return None;
        }
        let mut cand = day_phrase(span, first, second, year, true)?;
        cand.order = Some(DateOrder::Mdy);
        Some(self.with_shift(cand))
    }

    fn day_month(&mut self, pos: usize) -> Option<Candidate> {
        let text = self.text;
        let c = self.groups(Pattern::DayMonth, pos)?;
        // `3.5 May` and `12 May` inside `112 May` are not dates.
        if c.get(1).is_none()
            && char_before(text, pos).is_some_and(|ch| ch.is_ascii_digit() || ch == '.')
        {
            return None;
        }
        let month = month_number(c.get(6)?)?;
        let mut end = c.end();
        let day1 = num(&c, 2)?;
        let mut year = c.get(7).and_then(|y| y.parse().ok());
        if year.is_some() && year_counts_something(text, end) {
            year = None;
            end = c.span(6)?.1;
        }
        let mut cand = match (c.get(4), c.get(5)) {
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
        cand.order = Some(DateOrder::Dmy);
        Some(self.with_shift(cand))
    }

    fn month_year(&mut self, pos: usize) -> Option<Candidate> {
        let text = self.text;
        let c = self.groups(Pattern::MonthYear, pos)?;
        let m = c.get(1)?;
        if !month_is_date(text, pos, m) {
            return None;
        }
        let month = month_number(m)?;
        let year: i32 = num(&c, 4)?;
        if year_counts_something(text, c.end()) {
            return None;
        }
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

    fn year_span(&mut self, pos: usize) -> Option<Candidate> {
        let text = self.text;
        let c = self.groups(Pattern::YearSpan, pos)?;
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
            || from < 1900 && !old_year_is_time(text, pos)
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
    fn fiscal(&mut self, pos: usize) -> Option<Candidate> {
        let c = self.groups(Pattern::Fiscal, pos)?;
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
                // A fiscal year split over two calendar years, or a run of fiscal years
                // (`fiscal 2020-2024`), not longer than a decade.
                if to <= from || to - from > 10 {
                    return None;
                }
                Shape::Range(year(from), year(to))
            }
            None => Shape::Point(year(from)),
        };
        Some(candidate(pos, c.end(), shape))
    }

    /// A full month name on its own is a date only after a time word (`in June`), before
    /// `this/next/last year`, or before an event it dates (`the October launch`; `May` only
    /// after a determiner, `the May elections`).
    fn bare_month(&mut self, pos: usize, token: &str) -> Option<Candidate> {
        let text = self.text;
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
        let dates_event = text[end..].starts_with(' ')
            && is_event_noun(next_word(text, end))
            && (token != "May" || DETERMINERS.contains_any_case(before))
            && month_is_date(text, pos, token);
        if !cues.contains_any_case(before) && !dates_event && self.year_shift(end).is_none() {
            return None;
        }
        let p = Point {
            month: Some(month),
            ..Point::default()
        };
        Some(self.with_shift(candidate(pos, end, Shape::Point(p))))
    }

    /// `January 9th this year`: the shift applies to the year of a phrase that has none.
    fn with_shift(&mut self, mut c: Candidate) -> Candidate {
        if let Some(shift) = self.year_shift(c.end) {
            c.year_shift = Some(shift);
        }
        c
    }
}

/// False when `pattern` cannot match at `pos`, read from the few bytes its match must begin
/// with: most triggers (`May` the verb, `30 percent`, a year with no span after it) are turned
/// away here for the price of a few comparisons rather than a regex search. True means only
/// that the regex must decide; wherever the regex's `\s` could match a non-ASCII character,
/// this says true.
fn may_match(pattern: Pattern, b: &[u8], pos: usize) -> bool {
    let at = |i: usize| b.get(i).copied();
    match pattern {
        Pattern::Iso | Pattern::Numeric | Pattern::Fiscal => true,
        Pattern::YearShift => {
            let i = pos + usize::from(at(pos) == Some(b','));
            match space_then(b, i) {
                Next::Unknown => true,
                Next::At(j) if j > i => {
                    let rest = &b[j..];
                    ["of", "this", "next", "last"]
                        .iter()
                        .any(|w| rest.starts_with(w.as_bytes()))
                }
                Next::At(_) => false,
            }
        }
        Pattern::YearSpan => match space_then(b, pos + 4) {
            Next::Unknown => true,
            Next::At(j) => matches!(at(j), Some(b'-' | b'/')),
        },
        Pattern::MonthYear => {
            let i = after_word(b, pos);
            let i = i + usize::from(at(i) == Some(b','));
            match space_then(b, i) {
                Next::Unknown => true,
                Next::At(j) => at(j).is_some_and(|c| c.is_ascii_digit() || c == b'-' || c == b'/'),
            }
        }
        Pattern::MonthDay => {
            let mut i = pos;
            if let Some(w) = WEEKDAYS.iter().find(|w| b[pos..].starts_with(w.as_bytes())) {
                i += w.len();
                i += usize::from(at(i) == Some(b','));
                match space_then(b, i) {
                    Next::Unknown => return true,
                    Next::At(j) if j > i => i = j,
                    Next::At(_) => return false,
                }
            }
            let i = after_word(b, i);
            match space_then(b, i) {
                Next::Unknown => true,
                Next::At(j) if j > i => at(j).is_some_and(|c| c.is_ascii_digit() || c == b't'),
                Next::At(_) => false,
            }
        }
        Pattern::DayMonth => {
            if !at(pos).is_some_and(|c| c.is_ascii_digit()) {
                // A weekday first: rare enough to leave to the regex.
                return true;
            }
            let mut i = pos + b[pos..].iter().take_while(|c| c.is_ascii_digit()).count();
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| b[i..].starts_with(s.as_bytes()))
            {
                i += 2;
            }
            if at(i) == Some(b'-') {
                return true;
            }
            match space_then(b, i) {
                Next::Unknown => true,
                Next::At(j) if j > i => at(j).is_some_and(|c| {
                    c.is_ascii_uppercase() || matches!(c, b'o' | b'a' | b't' | b'u' | b'-')
                }),
                Next::At(_) => false,
            }
        }
    }
}

/// What follows a run of ASCII white space: the index of the first other byte, or
/// `Unknown` when that byte starts a non-ASCII character, which may be white space or a dash.
enum Next {
    At(usize),
    Unknown,
}

fn space_then(b: &[u8], i: usize) -> Next {
    let j = i + b
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_whitespace() || **c == 0x0b)
        .count();
    match b.get(j) {
        Some(c) if !c.is_ascii() => Next::Unknown,
        _ => Next::At(j),
    }
}

/// The index after the letters at `i` and a period after them: the end of a month's name as
/// the pattern may read it.
fn after_word(b: &[u8], i: usize) -> usize {
    let j = i + b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    j + usize::from(b.get(j) == Some(&b'.'))
}

/// Where a day phrase and, if it is a range, its first end stop.
#[derive(Clone, Copy)]
pub(super) struct Span {
    start: usize,
    first_end: usize,
    end: usize,
}

/// The second end of a day range as written.
pub(super) struct RangeEnd<'a> {
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
pub(super) fn day_phrase(
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
pub(super) fn longer(a: Option<Candidate>, b: Option<Candidate>) -> Option<Candidate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.end > a.end { b } else { a }),
        (a, b) => a.or(b),
    }
}

pub(super) fn candidate(start: usize, end: usize, shape: Shape) -> Candidate {
    Candidate {
        start,
        end,
        shape,
        year_shift: None,
        tense: Tense::Unknown,
        order: None,
    }
}

/// `1980s` (or `1980's`): a decade.
pub(super) fn decade(text: &str, pos: usize) -> Option<Candidate> {
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

/// A four-digit number used as a year: 1000–2099, and not a count, amount or name; before
/// 1900 only after a time word (`in 1898`).
pub(super) fn year(text: &str, pos: usize) -> Option<Candidate> {
    let end = pos + 4;
    let y: i32 = text[pos..end].parse().ok()?;
    if !(1000..=2099).contains(&y)
        || char_at(text, end).is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
        || !year_context(text, pos, end)
        || y < 1900 && !old_year_is_time(text, pos)
    {
        return None;
    }
    let p = Point {
        year: Some(y),
        ..Point::default()
    };
    Some(candidate(pos, end, Shape::Point(p)))
}

pub(super) fn num<T: TryFrom<u64>>(c: &Groups, i: usize) -> Option<T> {
    c.get(i).and_then(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `pattern` matches at the start of `text`.
    fn matched(shapes: &Shapes, pattern: Pattern, text: &str) -> Option<String> {
        let groups = shapes.reader(text).groups(pattern, 0)?;
        Some(text[..groups.end()].to_string())
    }

    #[test]
    fn patterns_match_as_written() {
        // (pattern, text, what it matches at the start): near misses of each part, the
        // white space and dashes beyond ASCII, the parts a longer match may leave out.
        let rows: &[(Pattern, &str, Option<&str>)] = &[
            (Pattern::MonthDay, "Jan. 5", Some("Jan. 5")),
            (Pattern::MonthDay, "Janu 5", None),
            (Pattern::MonthDay, "Sept. 3, 2024", Some("Sept. 3, 2024")),
            (Pattern::MonthDay, "Sep 3", Some("Sep 3")),
            (Pattern::MonthDay, "Mayor 5", None),
            (Pattern::MonthDay, "May. 5", None),
            (Pattern::MonthDay, "MAY 5", None),
            (Pattern::MonthDay, "Dec.5", None),
            (Pattern::MonthDay, "May 0", None),
            (Pattern::MonthDay, "May 09", Some("May 09")),
            (Pattern::MonthDay, "May 31st", Some("May 31st")),
            (Pattern::MonthDay, "May 32", None),
            (Pattern::MonthDay, "May 3rdx", None),
            (Pattern::MonthDay, "May 3é", Some("May 3")),
            (Pattern::MonthDay, "May the 3rd", Some("May the 3rd")),
            (
                Pattern::MonthDay,
                "Friday, April 13, 2018",
                Some("Friday, April 13, 2018"),
            ),
            (Pattern::MonthDay, "Fridays, April 13", None),
            (
                Pattern::MonthDay,
                "June 3 (Thu), 2021",
                Some("June 3 (Thu), 2021"),
            ),
            (Pattern::MonthDay, "June 3 (thu)", Some("June 3")),
            (
                Pattern::MonthDay,
                "June\u{a0}3\u{2009}–\u{3000}5",
                Some("June\u{a0}3\u{2009}–\u{3000}5"),
            ),
            (Pattern::MonthDay, "June\u{200b}3", None),
            (Pattern::MonthDay, "Nov. 29 and 30", Some("Nov. 29 and 30")),
            (Pattern::MonthDay, "Nov. 29 andy 30", Some("Nov. 29")),
            (
                Pattern::MonthDay,
                "Nov. 30 – Dec. 2, 2021",
                Some("Nov. 30 – Dec. 2, 2021"),
            ),
            (Pattern::DayMonth, "21-May-2021", Some("21-May-2021")),
            (Pattern::DayMonth, "the 5th of March 2022", None),
            (
                Pattern::DayMonth,
                "Tuesday the 3rd of June",
                Some("Tuesday the 3rd of June"),
            ),
            (
                Pattern::DayMonth,
                "28 February – 2 March 2022",
                Some("28 February – 2 March 2022"),
            ),
            (Pattern::DayMonth, "3 May and 5 miles", Some("3 May")),
            (Pattern::DayMonth, "3 to 5 miles in May", None),
            (Pattern::DayMonth, "3 ofMay", None),
            (Pattern::MonthYear, "July, 2021", Some("July, 2021")),
            (
                Pattern::MonthYear,
                "March 2021 - May 2022",
                Some("March 2021 - May 2022"),
            ),
            (Pattern::MonthYear, "March 2021 - May", Some("March 2021")),
            (
                Pattern::MonthYear,
                "Dec. / Jan. 2022",
                Some("Dec. / Jan. 2022"),
            ),
            (Pattern::Iso, "2021-05-21T09:30", Some("2021-05-21T0")),
            (Pattern::Iso, "2021-05-1x", Some("2021-05")),
            (Pattern::Iso, "2021-05-123", Some("2021-05")),
            (Pattern::Iso, "2021/05.21", Some("2021/05.21")),
            (Pattern::Numeric, "30/06/2019", Some("30/06/2019")),
            (Pattern::Numeric, "30/06/20199", None),
            (Pattern::Numeric, "300/06/2019", None),
            (Pattern::YearSpan, "1996–97", Some("1996–97")),
            (Pattern::YearSpan, "2021 — 22", Some("2021 — 22")),
            (Pattern::YearSpan, "2021-222", None),
            (Pattern::YearSpan, "1799-1800", Some("1799-1800")),
            (Pattern::YearSpan, "0999-1000", None),
            (Pattern::Fiscal, "FY'26", Some("FY'26")),
            (Pattern::Fiscal, "FY 2025-26", Some("FY 2025-26")),
            (Pattern::Fiscal, "FY2025-26x", Some("FY2025")),
            (Pattern::Fiscal, "FY  2025", None),
            (Pattern::Fiscal, "FY20256", None),
            (Pattern::Fiscal, "Fiscal Year 26", Some("Fiscal Year 26")),
            (Pattern::Fiscal, "fiscally 2026", None),
        ];
        let shapes = Shapes::new();
        for (pattern, text, want) in rows {
            let got = matched(&shapes, *pattern, text);
            assert_eq!(got.as_deref(), *want, "{pattern:?} on {text:?}");
        }
    }

    #[test]
    fn year_shifts() {
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
        let shapes = Shapes::new();
        for (after, want) in rows {
            assert_eq!(shapes.reader(after).year_shift(0), *want, "{after:?}");
        }
    }

    #[test]
    fn the_longest_shape_fits_the_window() {
        let text = "Wednesday, September 30th (Wednesday.) through September 30th, 2021";
        assert!(text.len() <= MAX_DATE_LEN);
        let shapes = Shapes::new();
        assert_eq!(
            matched(&shapes, Pattern::MonthDay, text).as_deref(),
            Some(text)
        );
    }

    #[test]
    fn a_date_is_read_no_further_than_the_window() {
        let shapes = Shapes::new();
        // (name, the white space before the year, the text after it, the match)
        let rows: &[(&str, usize, &str, &str)] = &[
            (
                "ends at the window's last byte",
                MAX_DATE_LEN - 10,
                "",
                "full",
            ),
            ("one byte too long", MAX_DATE_LEN - 9, "", "May 5"),
            // The word boundary after the year sees the digit past the window.
            (
                "boundary looks past the window",
                MAX_DATE_LEN - 10,
                "7",
                "May 5",
            ),
            (
                "boundary past the window holds",
                MAX_DATE_LEN - 10,
                ".",
                "full",
            ),
        ];
        for (name, spaces, after, want) in rows {
            let date = format!("May 5,{}2021", " ".repeat(*spaces));
            let text = format!("{date}{after}");
            let want = if *want == "full" { date.as_str() } else { want };
            assert_eq!(
                matched(&shapes, Pattern::MonthDay, &text).as_deref(),
                Some(want),
                "{name}"
            );
        }
    }

    /// Every pattern that matches at a place passes the cheap test there.
    fn assert_cheap_test_keeps_matches(shapes: &Shapes, text: &str) {
        let mut reader = shapes.reader(text);
        for pos in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            for pattern in Pattern::ALL {
                if reader.search(pattern, pos).is_some() {
                    assert!(
                        may_match(pattern, text.as_bytes(), pos),
                        "{pattern:?} matches {:?} but the cheap test turns it away",
                        &text[pos..]
                    );
                }
            }
        }
    }

    #[test]
    fn the_cheap_test_keeps_every_match_in_the_fixtures() {
        let shapes = Shapes::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            assert_cheap_test_keeps_matches(&shapes, &text);
        }
    }

    proptest::proptest! {
        /// Texts made of the parts dates are made of, joined by every kind of white space
        /// and dash the patterns read.
        #[test]
        fn the_cheap_test_keeps_every_match(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "May", "Sept.", "Sep", "Jan", "June", "Friday", "Tue", "(Thu)", "the", "of",
                "and", "to", "through", "until", "this", "next", "last", "year", "FY",
                "fiscal", "5", "05", "21st", "3rd", "30", "2021", "1996", "97", "2021-05",
                ",", ".", "-", "/", "–", "—", "'", "x", "this year", "of last year",
                "next year", "Sept. 30", "21 May", "2–6 October", "Nov. 30 – Dec. 2",
                "FY 2025-26", "2014-2020", "1996–97", "2021/22", "July 2021", "March–May 2022",
                "Friday, April 13", "Tuesday 3 June", "the 5th of March", "28 February-2 March",
            ]), 0..12),
            joints in proptest::collection::vec(proptest::sample::select(vec![
                "", " ", "  ", "\t", "\n", "\u{a0}", "\u{2009}", "\u{b}", "-", "–", ", ",
            ]), 12),
        ) {
            let text: String = parts
                .iter()
                .zip(&joints)
                .flat_map(|(p, j)| [*p, *j])
                .collect();
            assert_cheap_test_keeps_matches(&Shapes::new(), &text);
        }
    }
}
