//! Calendar expressions: finding them and giving each its ISO 8601 value.
//!
//! Finding looks only where a date can start — a number, a month or weekday name, `FY` or
//! `fiscal` at a word start — and, at each such trigger in text order, reads the longest date
//! starting there: each shape is one regex, searched anchored at the trigger (`Friday, April
//! 13, 2018`, `21 May 2021`, `30/06/2019`, `Nov. 29 and 30`, `1996–97`, `FY26`), and a few byte
//! checks read what needs the words around more than a pattern (`1980s`, a bare `June` after a
//! time word, a bare `2016` that is not a count). In launch-schedule language `NET March 2025`
//! the span is `March 2025`: `NET` stays outside it like `by` or `early`, and only serves as a
//! time cue.
//!
//! Values follow `docs/entities.md`. A phrase without a year takes the year the article makes
//! certain: the same day written with a year elsewhere in the article, else the article's own
//! date — its ` date YYYY-MM-DD` stamp, a dateline, or the caller's reference date when the
//! article has neither — in the year that puts it on the side of that date its words point to
//! (`tense`), else the year of an earlier dated mention; otherwise `XXXX`. Weekdays are
//! resolved only against the article's own date, on the side their words point to. An
//! all-numeric date whose day and month could swap (`03/04/2021`) is read in the order the
//! article itself shows elsewhere (`30/06/2019` means day first; failing that, most of its
//! dates with a month name, `26 October 2016`), else in the configured [`DateOrder`].
//!
//! The submodules follow the questions a reader asks: which words matter (`words`), which
//! shapes a date takes (`shapes`), what the words around a candidate say about it
//! (`context`), which way it points in time (`tense`), and what its value is (`value`).

use regex::Regex;

use self::context::is_place;
use self::shapes::{Shapes, MAX_DATE_LEN};
use self::tense::{needs_tense, tense};
use self::value::{digits, is_full, point, values};
use self::words::{MONTH_NAMES, STAMP_WORDS, TRIGGER_WORDS, WEEKDAYS};
use crate::entity::{Kind, Mention};
use crate::matcher::WordFilter;
use crate::text::{is_word_byte, line_start, WordStart};

mod context;
mod shapes;
mod tense;
mod value;
mod words;

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

/// Which way a date points from the article's date, as its words say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tense {
    /// Nothing says: the occurrence nearest the article's date, leaning back.
    #[default]
    Unknown,
    /// A past-tense clause or `since`: the nearest occurrence on or before the article's date.
    Past,
    /// A future clause, a plan or `until`: the nearest occurrence on or after it.
    Future,
    /// A present-tense clause (`the summit is on Friday`): weekdays look forward, dates with
    /// a month as when nothing says.
    Present,
    /// `last`, `previous`, `this past`: strictly before the article's date.
    Last,
    /// `next`, `this coming`, `upcoming`: strictly after it.
    Next,
    /// `this` before a month: the article's own year.
    This,
    /// A dated event outside a past-tense report (`at its Nov. 14 meeting`): the occurrence
    /// nearest the article's date.
    Near,
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
    /// The order of day and month in a day phrase written with a month name: `May 21` is
    /// month first, `21 May` day first.
    order: Option<DateOrder>,
}

/// How far into an article, in bytes, a date may start and still be its dateline.
const DATELINE_REACH: usize = 400;

/// The date rules, compiled once per run.
pub struct DateRules {
    options: DateOptions,
    /// Where a trigger word may start; digits are tested apart, as they would fill it.
    words: WordFilter,
    /// The date shapes' regexes.
    shapes: Shapes,
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

    /// The rules with the caller's numeric order and reference date; the regexes of the
    /// shapes and of the date stamp are compiled here, once.
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
            shapes: Shapes::new(),
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
        let mut shapes = self.shapes.reader(text);
        for &start in starts {
            let at = start.at;
            if at < free || !self.may_start(text, start) {
                continue;
            }
            let Some(token) = trigger(text, at) else {
                continue;
            };
            if let Some(c) = shapes.longest_at(at, token) {
                debug_assert!(c.end - c.start <= MAX_DATE_LEN, "a date is bounded");
                free = c.end;
                found.push(c);
            }
        }
        self.resolve_numeric(&mut found);
        let anchor = self.article_date(text, &found);
        if anchor.is_some() {
            for c in found.iter_mut().filter(|c| needs_tense(c)) {
                let weekday = matches!(c.shape, Shape::Weekday(_));
                c.tense = tense(text, c.start, c.end, weekday);
            }
        }
        found
            .iter()
            .zip(values(&found, anchor))
            .map(|(c, v)| {
                let mut m = Mention::new(Kind::Date, c.start, c.end, v.clone());
                m.value = v.into();
                m
            })
            .collect()
    }

    /// Turns numeric dates into points. An article that writes `30/06/2019` writes day first
    /// throughout, and one that writes `06/30/2019` month first; with no such evidence, or
    /// with both, the order most of its dates with a month name are written in (`26 October
    /// 2016` is day first); with no such dates, or as many of each, the configured order.
    fn resolve_numeric(&self, found: &mut [Candidate]) {
        let (mut day_first, mut month_first) = (false, false);
        let (mut dmy_words, mut mdy_words) = (0usize, 0usize);
        for c in found.iter() {
            if let Shape::Numeric { first, second, .. } = c.shape {
                day_first |= first > 12;
                month_first |= second > 12;
            }
            match c.order {
                Some(DateOrder::Dmy) => dmy_words += 1,
                Some(DateOrder::Mdy) => mdy_words += 1,
                None => {}
            }
        }
        let order = match (day_first, month_first) {
            (true, false) => DateOrder::Dmy,
            (false, true) => DateOrder::Mdy,
            _ if dmy_words > mdy_words => DateOrder::Dmy,
            _ if mdy_words > dmy_words => DateOrder::Mdy,
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
        let near_top = |d: &&Candidate| d.start < DATELINE_REACH;
        let dateline = dates.iter().take_while(near_top).find_map(|d| {
            let Shape::Point(p) = d.shape else {
                return None;
            };
            if !is_full(&p) {
                return None;
            }
            let lead = text[line_start(text, d.start)..d.start].trim();
            let lead = lead.trim_end_matches(':').trim_end();
            let lead = lead.strip_suffix(" on").unwrap_or(lead);
            let is_stamp = |w: &str| STAMP_WORDS.iter().any(|s| w.eq_ignore_ascii_case(s));
            // A capitalised stamp word after a byline: `Jane Roe Published April 2, 2021`.
            let last = lead.rsplit(' ').next().unwrap_or("");
            let bylined = last.starts_with(|c: char| c.is_uppercase()) && is_stamp(last);
            if is_stamp(lead) || bylined {
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

/// Whether `word` is the full name of a month or a day of the week, capitalised as in running
/// text (`May`, `Monday`).
pub fn is_month_or_weekday(word: &str) -> bool {
    let capitalised = |name: &str| {
        let (first, rest) = name.split_at(1);
        word.len() == name.len()
            && word.as_bytes()[0] == first.as_bytes()[0].to_ascii_uppercase()
            && &word[1..] == rest
    };
    MONTH_NAMES.iter().any(|m| capitalised(m)) || WEEKDAYS.contains(&word)
}

/// The token a date may start with at word start `at`: a run of digits, `FY` (often glued to
/// its year: `FY2024`), or a whole word of [`TRIGGER_WORDS`] or [`WEEKDAYS`]. Words end at an
/// ASCII word boundary, as in the shapes' regexes.
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

    /// Yearless dates repeated, each needing the year of others (the same day written with a
    /// year, an earlier dated mention): finding that year is a lookup, not a search of the
    /// other dates, so a megabyte of them is read in about the time of a megabyte of news (a
    /// search of the others would take minutes). Timing belongs to `scripts/bench.sh
    /// --hostile`; this holds what the lookup must give at that size.
    #[test]
    fn a_megabyte_of_yearless_dates_is_read_whole() {
        let text = "on Sept. 30, officials met. On Oct. 2, they signed. ".repeat(20_000);
        let found = DateRules::new().find(&text, &crate::text::word_starts(&text));
        assert_eq!(found.len(), 40_000);
        assert_eq!(found[found.len() - 1].value, "XXXX-10-02");
    }

    /// Anchored dates read the words of their clause for the way they point, each within a
    /// bounded window around itself, however long its sentence (here one sentence of 1 MB,
    /// every window full): the cost stays linear in the text.
    #[test]
    fn anchored_dates_read_bounded_windows() {
        let text =
            "officials who will meet, and said that on Friday and Sept. 30 it was ".repeat(15_000);
        let rules = DateRules::with_options(DateOptions {
            reference: Some((2021, 10, 8)),
            ..DateOptions::default()
        });
        let found = rules.find(&text, &crate::text::word_starts(&text));
        assert_eq!(found.len(), 30_000);
        assert_eq!(found[found.len() - 1].value, "2021-09-30");
        for m in &found {
            assert!(tense::sentence_lead(&text, m.start).len() <= tense::MAX_LEAD_LEN);
            assert!(tense::sentence_tail(&text, m.end).len() <= tense::MAX_TAIL_LEN);
        }
    }

    #[test]
    fn months_and_weekdays_as_written() {
        for (word, want) in [
            ("May", true),
            ("September", true),
            ("Monday", true),
            ("may", false),
            ("MAY", false),
            ("Sept", false),
            ("Mayday", false),
            ("Émile", false),
        ] {
            assert_eq!(is_month_or_weekday(word), want, "{word}");
        }
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
                (
                    "day first from dates written with a month name",
                    "Signed 26 October 2016; voted 11/09/2017.",
                    &[
                        ("26 October 2016", "2016-10-26"),
                        ("11/09/2017", "2017-09-11"),
                    ],
                ),
                (
                    "month first from dates written with a month name",
                    "Signed October 26, 2016; voted 11/09/2017.",
                    &[
                        ("October 26, 2016", "2016-10-26"),
                        ("11/09/2017", "2017-11-09"),
                    ],
                ),
                (
                    "numeric evidence outweighs words",
                    "On 3 May, 9 May and 06/30/2019 and 03/04/2021.",
                    &[
                        ("3 May", "XXXX-05-03"),
                        ("9 May", "XXXX-05-09"),
                        ("06/30/2019", "2019-06-30"),
                        ("03/04/2021", "2021-03-04"),
                    ],
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
    fn dates_before_nouns_and_old_years() {
        check(
            DateOptions::default(),
            &[
                (
                    "year before plural figures",
                    "compared with the 1990 figures",
                    &[("1990", "1990")],
                ),
                (
                    "year before plural agreements",
                    "under the 1992 accords",
                    &[("1992", "1992")],
                ),
                (
                    "day before a plural event",
                    "after the Aug. 7 bombings, police",
                    &[("Aug. 7", "XXXX-08-07")],
                ),
                (
                    "day before a singular event",
                    "after the Oct. 23 shooting, police",
                    &[("Oct. 23", "XXXX-10-23")],
                ),
                (
                    "day before a plural thing",
                    "the March 3 talks ended",
                    &[("March 3", "XXXX-03-03")],
                ),
                (
                    "day before a time unit is a count",
                    "in March 3 weeks later",
                    &[("March", "XXXX-03")],
                ),
                (
                    "day before countable objects is a count",
                    "in May 3 satellites failed",
                    &[("May", "XXXX-05")],
                ),
                (
                    "year before a plural event",
                    "since the 1992 protests the",
                    &[("1992", "1992")],
                ),
                (
                    "year before plural elections",
                    "ahead of the 2024 elections",
                    &[("2024", "2024")],
                ),
                (
                    "year before plural launches",
                    "all planned for 2027 liftoffs.",
                    &[("2027", "2027")],
                ),
                (
                    "year before y plural",
                    "the 2019 rallies drew",
                    &[("2019", "2019")],
                ),
                (
                    "year before a thing",
                    "the 2026 budget rose",
                    &[("2026", "2026")],
                ),
                (
                    "bare month before an event",
                    "the October launch slipped",
                    &[("October", "XXXX-10")],
                ),
                (
                    "bare month before plural events",
                    "since the November elections",
                    &[("November", "XXXX-11")],
                ),
                (
                    "may after a determiner before an event",
                    "after the May elections",
                    &[("May", "XXXX-05")],
                ),
                (
                    "old year after in",
                    "founded in 1898 by",
                    &[("1898", "1898")],
                ),
                (
                    "old year after since",
                    "open since 1850.",
                    &[("1850", "1850")],
                ),
                (
                    "old year of a season",
                    "in the summer of 1816 it",
                    &[("1816", "1816")],
                ),
                (
                    "old years between",
                    "between 1850 and 1870 the",
                    &[("1850", "1850"), ("1870", "1870")],
                ),
                (
                    "old year span",
                    "from 1861-65 the",
                    &[("1861-65", "1861/1865")],
                ),
                (
                    "old year in a full date",
                    "on July 4, 1776 the",
                    &[("July 4, 1776", "1776-07-04")],
                ),
                (
                    "old year in a day month date",
                    "on 14 July 1789 the",
                    &[("14 July 1789", "1789-07-14")],
                ),
                (
                    "count after a full date is no year",
                    "On Nov. 5, 2000 people marched",
                    &[("Nov. 5", "XXXX-11-05")],
                ),
                (
                    "count after a month is no year",
                    "in June 1500 workers struck",
                    &[("June", "XXXX-06")],
                ),
                (
                    "fiscal run of years",
                    "in fiscal 2020-2024 it",
                    &[("fiscal 2020-2024", "2020/2024")],
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
            ("old number without a time word", "a crowd of 1500 gathered"),
            (
                "old number after a preposition of place",
                "at 1200 metres up",
            ),
            ("model year", "drove his 1987 sedan home"),
            ("model year plural noun", "a fleet of 1965 trucks"),
            ("statute by its short title", "under the 2018 Act the"),
            (
                "identifier in parentheses",
                "see COM(2016)0705 and SWD(2016) 12",
            ),
            ("bare month before a name", "the October Revolution"),
            (
                "may before an event without a determiner",
                "Theresa May launch plan",
            ),
            ("march before an event", "a Long March launch"),
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
                "published after a byline",
                "Title\n\nJane Roe Published April 2, 2021 | 10:00 AM\nIt opened on Friday.",
                "2021-04-02",
            ),
            (
                "stamp word in lower case after a name is no stamp",
                "Title\n\nThe Roe report published April 2, 2021\nIt opened on Friday.",
                "",
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
                "the first year written for the day wins",
                "the accord of March 14th 2018, renewed March 14th 2019. Met on March 14th",
                "2018-03-14",
            ),
            (
                "the nearest earlier year wins",
                "In July 2021 x. In May 2019 y. By June",
                "2019-06",
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
            ("gives a year", "A test on Sept. 30.", "2021-09-30"),
            ("gives a past year", "It flew on Sept. 30.", "2020-09-30"),
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
}
