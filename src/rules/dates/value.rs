//! A candidate's ISO 8601 value: the calendar (valid points, days between dates, weekdays),
//! the year a yearless date takes from its article, and the writing of the value.

use std::fmt::Write as _;

use super::words::MONTH_NAMES;
use super::{Candidate, Point, Shape, Tense};

/// The value of each of `found`, in order.
pub(super) fn values(
    found: &[Candidate],
    anchor: Option<Point>,
) -> impl Iterator<Item = String> + '_ {
    let same_day = SameDay::new(found);
    // The year of the nearest earlier mention that names a month and a year.
    let mut earlier = None;
    found.iter().map(move |c| {
        let v = value(c, &same_day, earlier, anchor);
        earlier = written_year(c).or(earlier);
        v
    })
}

/// The year of each month and day an article writes with one, from the first mention that
/// does: a yearless date looks its day up here rather than among all the others.
struct SameDay {
    /// By [`SameDay::index`].
    years: [Option<i32>; 12 * 31],
}

impl SameDay {
    fn new(found: &[Candidate]) -> SameDay {
        let mut years = [None; 12 * 31];
        for c in found {
            if let Shape::Point(Point {
                year: Some(y),
                month: Some(m),
                day: Some(d),
            }) = c.shape
            {
                if let Some(i) = SameDay::index(m, d) {
                    years[i].get_or_insert(y);
                }
            }
        }
        SameDay { years }
    }

    fn index(month: u32, day: u32) -> Option<usize> {
        let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
        valid.then(|| (month as usize - 1) * 31 + day as usize - 1)
    }

    /// The year of the same month and day written with a year elsewhere in the article.
    fn year(&self, p: &Point) -> Option<i32> {
        self.years[SameDay::index(p.month?, p.day?)?]
    }
}

/// The year a mention writes, if it names a month and a year.
fn written_year(c: &Candidate) -> Option<i32> {
    match c.shape {
        Shape::Point(p) | Shape::Range(p, _) if p.month.is_some() => p.year,
        _ => None,
    }
}

/// The ISO 8601 value of a kept candidate, with a missing year taken from the article:
/// `earlier` is the year of the nearest earlier mention that names a month and a year.
fn value(c: &Candidate, same_day: &SameDay, earlier: Option<i32>, anchor: Option<Point>) -> String {
    let year_for = |p: &Point| -> Option<i32> {
        if let Some(y) = p.year {
            return Some(y);
        }
        let anchor_year = anchor.and_then(|a| a.year);
        if let Some(shift) = c.year_shift {
            return anchor_year.or(earlier).map(|y| y + shift);
        }
        same_day
            .year(p)
            .or_else(|| anchor.and_then(|a| year_near(a, p, c.tense)))
            .or(earlier)
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
                push_weekday(&mut s, a, index, c.tense);
            }
        }
        Shape::Numeric { .. } => unreachable!("numeric dates are resolved in find"),
    }
    s
}

/// The year of a yearless `p` in an article dated `anchor`: the occurrence on the side of the
/// anchor that `tense` points to, the nearest there (`last May` in a February article is the
/// May before; a Dec. 28 that already happened, in a January article, was last year). A month
/// alone is compared with the anchor's month. A dated event outside a past report takes the
/// occurrence nearest the anchor; when nothing points, the anchor's year holds unless that
/// puts the date more than nine months away.
pub(super) fn year_near(anchor: Point, p: &Point, tense: Tense) -> Option<i32> {
    use std::cmp::Ordering::{Greater, Less};
    let (ay, am, ad) = (anchor.year?, anchor.month?, anchor.day?);
    let Some(m) = p.month else {
        return Some(ay);
    };
    let side = match p.day {
        Some(d) => (m, d).cmp(&(am, ad)),
        None => m.cmp(&am),
    };
    Some(match tense {
        Tense::Last if side == Less => ay,
        Tense::Last => ay - 1,
        Tense::Next if side == Greater => ay,
        Tense::Next => ay + 1,
        Tense::Past if side == Greater => ay - 1,
        Tense::Future if side == Less => ay + 1,
        Tense::Past | Tense::Future | Tense::This => ay,
        Tense::Unknown | Tense::Present | Tense::Near => {
            let d = p.day.unwrap_or(15).min(days_in_month(ay, m));
            let ahead = days_from_civil(ay, m, d) - days_from_civil(ay, am, ad);
            let reach = if tense == Tense::Near { 183 } else { 274 };
            if ahead > reach {
                ay - 1
            } else if -ahead > reach {
                ay + 1
            } else {
                ay
            }
        }
    })
}

pub(super) fn push_point(s: &mut String, p: &Point, year: Option<i32>) {
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
pub(super) fn push_padded(s: &mut String, n: i64, width: usize) {
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

/// The day named `index` (0 = Monday) nearest the article's date on the side `tense` points
/// to: on or before it by default, on or after it for the future and the present, strictly
/// before for `last` and strictly after for `next`, the nearer for a dated event.
pub(super) fn push_weekday(s: &mut String, anchor: Point, index: u32, tense: Tense) {
    let (Some(y), Some(m), Some(d)) = (anchor.year, anchor.month, anchor.day) else {
        return;
    };
    let days = days_from_civil(y, m, d);
    let anchor_index = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday
    let index = i64::from(index);
    let shift = match tense {
        Tense::Last => -((anchor_index - index - 1).rem_euclid(7) + 1),
        Tense::Next => (index - anchor_index - 1).rem_euclid(7) + 1,
        Tense::Future | Tense::Present => (index - anchor_index).rem_euclid(7),
        // The nearer of the two, the one before on a tie.
        Tense::Near => {
            let back = (anchor_index - index).rem_euclid(7);
            let ahead = (index - anchor_index).rem_euclid(7);
            if ahead < back {
                ahead
            } else {
                -back
            }
        }
        Tense::Past | Tense::Unknown | Tense::This => -(anchor_index - index).rem_euclid(7),
    };
    let (y, m, d) = civil_from_days(days + shift);
    push_padded(s, y, 4);
    s.push('-');
    push_padded(s, i64::from(m), 2);
    s.push('-');
    push_padded(s, i64::from(d), 2);
}

pub(super) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(super) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn civil_from_days(z: i64) -> (i64, u32, u32) {
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

/// The number at the start of `s`, ignoring an ordinal suffix (`21st`): what parsing its
/// digits would give, `None` for no digits or a number too large for `T`. Summed by hand, as
/// every part of every date is read this way.
pub(super) fn digits<T: TryFrom<u64>>(s: &str) -> Option<T> {
    let mut digits = s.bytes().take_while(u8::is_ascii_digit).peekable();
    digits.peek()?;
    let n = digits.try_fold(0u64, |n, d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })?;
    T::try_from(n).ok()
}

pub(super) fn point(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Option<Point> {
    let p = Point { year, month, day };
    let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = match (day, month) {
        (Some(d), Some(m)) => d >= 1 && d <= days_in_month(year.unwrap_or(2000), m),
        (Some(_), None) => false,
        _ => true,
    };
    (month_ok && day_ok).then_some(p)
}

pub(super) fn is_full(p: &Point) -> bool {
    p.year.is_some() && p.month.is_some() && p.day.is_some()
}

/// The month that `s` names in full or in part (at least three letters, a period after them
/// or not), in any case.
pub(super) fn month_number(s: &str) -> Option<u32> {
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

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::strategy::Strategy;

    proptest::proptest! {
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
