//! The shapes a date takes in text, each read at a trigger: day phrases (`Friday, April 13,
//! 2018`, `21 May 2021`, `Nov. 29 and 30`), numeric dates (`2021-05-21`, `30/06/2019`), months
//! with years, year spans, fiscal years, decades, bare years and bare months. Each reader
//! turns what it matched into a [`Candidate`], or turns it away when the words around say it
//! is no date.

use super::context::{counts_something, month_is_date, previous_word, year_context, year_shift};
use super::read::{self, Groups};
use super::value::{digits, month_number, point};
use super::words::{MAY_CUES, MONTH_CUES, MONTH_NAMES, WEEKDAYS};
use super::{Candidate, Point, Shape, Tense};
use crate::text::{char_at, char_before};

/// The longest date starting at trigger `token` at byte `pos`. Only the rules that can
/// start with that kind of token are tried; on a tie the first (most specific) wins.
pub(super) fn longest_at(text: &str, pos: usize, token: &str) -> Option<Candidate> {
    let bytes = &text.as_bytes()[pos..];
    if bytes[0].is_ascii_digit() {
        // `token` is the whole run of digits.
        let n = token.len();
        let sep = matches!(bytes.get(n), Some(b'-' | b'/' | b'.'));
        return match n {
            4 => {
                // A span before ISO: `2009-10` is a season more often than a month.
                let iso = if sep { iso(text, pos) } else { None };
                let best = longer(year_span(text, pos), iso);
                longer(longer(best, decade(text, pos)), year(text, pos))
            }
            1 | 2 => {
                let numeric = if sep { numeric(text, pos) } else { None };
                longer(numeric, day_month(text, pos))
            }
            _ => None,
        };
    }
    if token == "FY" || token.eq_ignore_ascii_case("fiscal") {
        return fiscal(text, pos);
    }
    if let Some(index) = WEEKDAYS.iter().position(|d| *d == token) {
        let alone = candidate(pos, pos + token.len(), Shape::Weekday(index as u32));
        let dated = longer(month_day(text, pos), day_month(text, pos));
        return longer(dated, Some(alone));
    }
    let dated = longer(month_day(text, pos), month_year(text, pos));
    longer(dated, bare_month(text, pos, token))
}

pub(super) fn iso(text: &str, pos: usize) -> Option<Candidate> {
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
pub(super) fn numeric(text: &str, pos: usize) -> Option<Candidate> {
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

pub(super) fn month_day(text: &str, pos: usize) -> Option<Candidate> {
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
    Some(with_shift(text, cand))
}

pub(super) fn day_month(text: &str, pos: usize) -> Option<Candidate> {
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
    Some(with_shift(text, cand))
}

pub(super) fn month_year(text: &str, pos: usize) -> Option<Candidate> {
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

pub(super) fn year_span(text: &str, pos: usize) -> Option<Candidate> {
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
pub(super) fn fiscal(text: &str, pos: usize) -> Option<Candidate> {
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
pub(super) fn bare_month(text: &str, pos: usize, token: &str) -> Option<Candidate> {
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
    Some(with_shift(text, candidate(pos, end, Shape::Point(p))))
}

/// `January 9th this year`: the shift applies to the year of a phrase that has none.
pub(super) fn with_shift(text: &str, mut c: Candidate) -> Candidate {
    if let Some(shift) = year_shift(&text[c.end..]) {
        c.year_shift = Some(shift);
    }
    c
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

/// A four-digit number used as a year: 1900–2099, and not a count, amount or name.
pub(super) fn year(text: &str, pos: usize) -> Option<Candidate> {
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

pub(super) fn num<T: TryFrom<u64>>(c: &Groups, i: usize) -> Option<T> {
    c.get(i).and_then(digits)
}
