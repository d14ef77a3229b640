//! Agreement-event gold, and the scores of the events found in an article against it.
//!
//! A gold file holds one JSON object per line for each event of one article (`EVENTS.md`):
//! `kind`, `status`, `parties`, `signatories`, `date`, and `start`/`end`, the byte span of the
//! anchor; blank lines are skipped and other members ignored. [`parse_gold_events`] reads one,
//! or gives every line that is not a well-formed event. [`EventEvaluation`] pairs the events
//! found in each article with its gold events and counts the pairs and, per field, the values
//! that agree. Pairing, normalisation and the figures are those of the team's reference scorer
//! (`score_events.py`), so that both give the same numbers on the same events. Pure: no I/O.
//!
//! ```
//! use orbitext::eval::events::{parse_gold_events, EventEvaluation, Scored};
//!
//! let gold = parse_gold_events(
//!     r#"{"kind": "mou", "status": "signed", "parties": ["NASA", "ESA"], "signatories": [], "date": "2021-05-03", "start": 22, "end": 49}"#,
//! )
//! .unwrap();
//! let text = "NASA and ESA signed a memorandum of understanding on May 3, 2021.";
//! let extractor = orbitext::Extractor::from_dictionaries(true, &[]).unwrap();
//! let found: Vec<Scored> = orbitext::events::find(text, &extractor.extract(text))
//!     .iter()
//!     .map(Scored::of_event)
//!     .collect();
//! let mut evaluation = EventEvaluation::default();
//! evaluation.add("a.jsonl", "a.txt", &gold, &found);
//! assert_eq!(evaluation.report().events.f1, 1.0);
//! ```

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::{any_year, norm_key, python_float};
use crate::events::Event;

/// The agreement kinds an event can have (`ENTITIES.md`).
pub const KINDS: [&str; 9] = [
    "mou",
    "agreement",
    "treaty",
    "accords",
    "joint_statement",
    "letter_of_intent",
    "arrangement",
    "contract",
    "deal",
];

/// The statuses an event can have.
pub const STATUSES: [&str; 3] = ["signed", "planned", "ended"];

/// A field whose values are scored, in the order of the reference scorer's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Parties,
    Signatories,
    Date,
    Status,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::Parties,
        Field::Signatories,
        Field::Date,
        Field::Status,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Parties => "parties",
            Field::Signatories => "signatories",
            Field::Date => "date",
            Field::Status => "status",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An event as the scorer compares it: a gold event, or one found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored {
    pub kind: String,
    /// The anchor's byte span.
    pub start: i64,
    pub end: i64,
    /// The 1-based line of the event: in the gold file for a gold event, in the article for
    /// one found.
    pub line: usize,
    /// Per field (in [`Field::ALL`] order), each value as compared, with the value as written.
    /// Parties, signatories and the date are compared normalised ([`norm_key`]); a party or
    /// signatory of only white space is none, and so is a date that normalises to nothing.
    values: [BTreeMap<String, String>; 4],
}

impl Scored {
    /// An event found by [`crate::events::find`], as the reference scorer reads the record
    /// `orbitext events` writes for it.
    pub fn of_event(event: &Event) -> Scored {
        Scored::new(
            event.kind.clone(),
            event.status.as_str(),
            event.parties.iter().map(String::as_str),
            event.signatories.iter().map(String::as_str),
            &event.date,
            (to_i64(event.start), to_i64(event.end)),
            event.line,
        )
    }

    /// An event from one JSON object of a gold file, or of the JSON Lines `orbitext events`
    /// writes, found on `line`; or everything that makes it no event. `parties` and
    /// `signatories` are arrays of strings or one `|`-joined string.
    pub fn from_record(record: &Value, line: usize) -> Result<Scored, Vec<String>> {
        let Value::Object(record) = record else {
            return Err(vec![format!(
                "an event is a JSON object, not {}",
                json_type(record)
            )]);
        };
        let mut problems = Vec::new();
        let mut one_of = |name: &str, allowed: &[&str]| -> String {
            match record.get(name) {
                Some(Value::String(s)) if allowed.contains(&s.as_str()) => return s.clone(),
                None | Some(Value::Null) => problems.push(format!("no `{name}`")),
                Some(other) => problems.push(format!(
                    "{name} {other} is unknown (it is one of {})",
                    allowed.join(", ")
                )),
            }
            String::new()
        };
        let kind = one_of("kind", &KINDS);
        let status = one_of("status", &STATUSES);
        let before = problems.len();
        let parties = list(record.get("parties"), "parties", &mut problems);
        // A list that is no list of keys is reported as such, not as empty.
        if problems.len() == before && parties.iter().all(|p| is_blank(p)) {
            problems.push("no parties: an event names at least one side".into());
        }
        let signatories = list(record.get("signatories"), "signatories", &mut problems);
        let date = match record.get("date") {
            None | Some(Value::Null) => "",
            Some(Value::String(s)) => s.as_str(),
            Some(other) => {
                problems.push(format!("date {other} is not a string"));
                ""
            }
        };
        let mut offset = |name: &str| -> i64 {
            match record.get(name).and_then(Value::as_i64) {
                Some(n) if n >= 0 => n,
                _ => {
                    let what = record.get(name).map_or("missing".into(), Value::to_string);
                    problems.push(format!(
                        "{name} ({what}) is not a byte offset (a whole number from 0)"
                    ));
                    -1
                }
            }
        };
        let span = (offset("start"), offset("end"));
        if span.0 >= 0 && span.1 >= 0 && span.0 >= span.1 {
            problems.push(format!(
                "the anchor span {}..{} is empty: start comes before end",
                span.0, span.1
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Scored::new(
            kind,
            &status,
            parties.iter().copied(),
            signatories.iter().copied(),
            date,
            span,
            line,
        ))
    }

    fn new<'a>(
        kind: String,
        status: &str,
        parties: impl Iterator<Item = &'a str>,
        signatories: impl Iterator<Item = &'a str>,
        date: &str,
        (start, end): (i64, i64),
        line: usize,
    ) -> Scored {
        let date: BTreeMap<String, String> = Some((norm_key(date), date.to_string()))
            .filter(|(key, _)| !key.is_empty())
            .into_iter()
            .collect();
        let status = Some((status.to_string(), status.to_string()))
            .filter(|(s, _)| !s.is_empty())
            .into_iter()
            .collect();
        Scored {
            kind,
            start,
            end,
            line,
            values: [keyed(parties), keyed(signatories), date, status],
        }
    }

    /// The values of `field` as written, in the order of their compared form.
    pub fn values(&self, field: Field) -> impl Iterator<Item = &str> {
        self.values[field as usize].values().map(String::as_str)
    }

    fn keys(&self, field: Field) -> &BTreeMap<String, String> {
        &self.values[field as usize]
    }

    fn overlaps(&self, other: &Scored) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Keys as compared, each with the key as written; a key of only white space is none.
fn keyed<'a>(items: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    items
        .filter(|s| !is_blank(s))
        .map(|s| (norm_key(s), s.to_string()))
        .collect()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether `s` holds only white space, as Python's `str.strip` sees it (which also strips the
/// separators U+001C to U+001F).
fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// The items of a list member: an array of strings, or one `|`-joined string; none when the
/// member is missing, null or empty.
fn list<'a>(value: Option<&'a Value>, name: &str, problems: &mut Vec<String>) -> Vec<&'a str> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) if s.is_empty() => Vec::new(),
        Some(Value::String(s)) => s.split('|').collect(),
        Some(Value::Array(items)) => {
            let strings: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            if strings.len() < items.len() {
                problems.push(format!(
                    "{name} are keys: strings, not {}",
                    json_type_of(items)
                ));
            }
            strings
        }
        Some(other) => {
            problems.push(format!(
                "{name} are a list of keys or one `|`-joined string, not {}",
                json_type(other)
            ));
            Vec::new()
        }
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The type of the first item of `items` that is not a string.
fn json_type_of(items: &[Value]) -> &'static str {
    items
        .iter()
        .find(|v| !v.is_string())
        .map_or("strings", json_type)
}

/// A line of a gold file that is not a well-formed event: its 1-based number and what is
/// wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

/// The events of a gold file (JSON Lines, one event a line, blank lines skipped), or every
/// line that is not valid JSON or not a well-formed event.
pub fn parse_gold_events(jsonl: &str) -> Result<Vec<Scored>, Vec<LineError>> {
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for (i, text) in jsonl.lines().enumerate() {
        let line = i + 1;
        if is_blank(text) {
            continue;
        }
        let record: Value = match serde_json::from_str(text) {
            Ok(record) => record,
            Err(e) => {
                errors.push(LineError {
                    line,
                    message: json_error(&e),
                });
                continue;
            }
        };
        match Scored::from_record(&record, line) {
            Ok(event) => events.push(event),
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|message| LineError { line, message }),
            ),
        }
    }
    if errors.is_empty() {
        Ok(events)
    } else {
        Err(errors)
    }
}

/// serde_json's message with the column it gives, less its line (always 1 for one line).
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let what = message.strip_suffix(&place).unwrap_or(&message);
    format!("not valid JSON at column {}: {what}", e.column())
}

/// The gold events whose anchor does not lie in the article `name`, whose text is `article`:
/// past its end, or not on the boundaries of its characters.
pub fn check_anchors(gold: &[Scored], name: &str, article: &str) -> Vec<LineError> {
    let fits = |at: i64| usize::try_from(at).is_ok_and(|at| article.is_char_boundary(at));
    let inside = |at: i64| usize::try_from(at).is_ok_and(|at| at <= article.len());
    gold.iter()
        .filter(|e| !fits(e.start) || !fits(e.end))
        .map(|e| {
            let span = format!("the anchor span {}..{}", e.start, e.end);
            let message = if inside(e.end) {
                format!("{span} cuts a character of {name}")
            } else {
                format!(
                    "{span} is not text of {name}, which has {} bytes",
                    article.len()
                )
            };
            LineError {
                line: e.line,
                message,
            }
        })
        .collect()
}

/// True positives, false positives and false negatives: of events, or of one field's values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// The figures of one row, with the reference scorer's JSON member names and order. Unlike
/// the entity scorer's, a precision or recall with nothing to count is 0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Figures {
    #[serde(serialize_with = "python_float")]
    pub p: f64,
    #[serde(serialize_with = "python_float")]
    pub r: f64,
    #[serde(serialize_with = "python_float")]
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Tally {
    pub fn figures(&self) -> Figures {
        let ratio = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Figures {
            p,
            r,
            f1,
            tp: self.tp,
            fp: self.fp,
            fn_: self.fn_,
        }
    }
}

/// Everything the reference scorer's `--json` writes, member for member.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Report {
    pub events: Figures,
    pub parties: Figures,
    pub signatories: Figures,
    pub date: Figures,
    pub status: Figures,
    /// The values of all four fields together.
    pub values: Figures,
    /// Articles scored.
    pub docs: usize,
    pub gold_events: usize,
}

impl Report {
    /// The rows of the score table, in order: `events`, each field, `values`.
    pub fn rows(&self) -> [(&'static str, Figures); 6] {
        [
            ("events", self.events),
            ("parties", self.parties),
            ("signatories", self.signatories),
            ("date", self.date),
            ("status", self.status),
            ("values", self.values),
        ]
    }
}

/// What went wrong with one event, in the reference scorer's order: per article, the fields
/// of each pair that disagree, then the gold events missed, then the events found that pair
/// with none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slip {
    /// A gold event and the event found paired with it give `field` different values.
    Values {
        /// The gold file and the gold event's line in it.
        doc: String,
        line: usize,
        kind: String,
        field: Field,
        gold: Vec<String>,
        found: Vec<String>,
    },
    /// A gold event that no event found pairs with.
    Missed {
        doc: String,
        line: usize,
        kind: String,
        parties: Vec<String>,
    },
    /// An event found that pairs with no gold event: the article and the anchor's line.
    Spurious {
        doc: String,
        line: usize,
        kind: String,
        parties: Vec<String>,
    },
}

impl fmt::Display for Slip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |items: &[String]| format!("[{}]", items.join(", "));
        match self {
            Slip::Values {
                doc,
                line,
                kind,
                field,
                gold,
                found,
            } => write!(
                f,
                "{doc}:{line}: {kind} {field}: gold {} found {}",
                list(gold),
                list(found)
            ),
            Slip::Missed {
                doc,
                line,
                kind,
                parties,
            } => write!(f, "{doc}:{line}: missed {kind} {}", list(parties)),
            Slip::Spurious {
                doc,
                line,
                kind,
                parties,
            } => write!(f, "{doc}:{line}: spurious {kind} {}", list(parties)),
        }
    }
}

/// The counts of the articles scored so far, and what went wrong in them, in article order.
#[derive(Clone, Debug, Default)]
pub struct EventEvaluation {
    events: Tally,
    fields: [Tally; 4],
    docs: usize,
    gold_events: usize,
    pub slips: Vec<Slip>,
}

impl EventEvaluation {
    /// Score one article: the events `found` in it against its `gold` events. `gold_doc` and
    /// `article_doc` name the gold file and the article in slips.
    ///
    /// Events pair within the article, greedily by the most agreement, among pairs of the
    /// same kind that share a party or whose anchor spans overlap. A pair scores one per party,
    /// signatory, date and status they agree on, and half a point for overlapping spans; ties
    /// go to the earlier gold event, then the earlier event found.
    pub fn add(&mut self, gold_doc: &str, article_doc: &str, gold: &[Scored], found: &[Scored]) {
        self.docs += 1;
        self.gold_events += gold.len();
        let pairs = pair(gold, found);
        self.events += Tally {
            tp: pairs.len(),
            fp: found.len() - pairs.len(),
            fn_: gold.len() - pairs.len(),
        };
        let mut paired_gold = vec![false; gold.len()];
        let mut paired_found = vec![false; found.len()];
        for &(i, j) in &pairs {
            paired_gold[i] = true;
            paired_found[j] = true;
            let (g, p) = (&gold[i], &found[j]);
            for field in Field::ALL {
                let tally = field_tally(field, Some(g), Some(p));
                self.fields[field as usize] += tally;
                if tally.fp > 0 || tally.fn_ > 0 {
                    self.slips.push(Slip::Values {
                        doc: gold_doc.to_string(),
                        line: g.line,
                        kind: g.kind.clone(),
                        field,
                        gold: g.values(field).map(str::to_string).collect(),
                        found: p.values(field).map(str::to_string).collect(),
                    });
                }
            }
        }
        for (g, _) in gold
            .iter()
            .zip(&paired_gold)
            .filter(|(_, paired)| !**paired)
        {
            for field in Field::ALL {
                self.fields[field as usize] += field_tally(field, Some(g), None);
            }
            self.slips.push(Slip::Missed {
                doc: gold_doc.to_string(),
                line: g.line,
                kind: g.kind.clone(),
                parties: g.values(Field::Parties).map(str::to_string).collect(),
            });
        }
        for (p, _) in found
            .iter()
            .zip(&paired_found)
            .filter(|(_, paired)| !**paired)
        {
            for field in Field::ALL {
                self.fields[field as usize] += field_tally(field, None, Some(p));
            }
            self.slips.push(Slip::Spurious {
                doc: article_doc.to_string(),
                line: p.line,
                kind: p.kind.clone(),
                parties: p.values(Field::Parties).map(str::to_string).collect(),
            });
        }
    }

    /// The counts of the event pairs.
    pub fn events(&self) -> Tally {
        self.events
    }

    /// The counts of one field's values.
    pub fn field(&self, field: Field) -> Tally {
        self.fields[field as usize]
    }

    /// Every figure, as the reference scorer reports it.
    pub fn report(&self) -> Report {
        let mut all = Tally::default();
        for tally in self.fields {
            all += tally;
        }
        let field = |f: Field| self.field(f).figures();
        Report {
            events: self.events.figures(),
            parties: field(Field::Parties),
            signatories: field(Field::Signatories),
            date: field(Field::Date),
            status: field(Field::Status),
            values: all.figures(),
            docs: self.docs,
            gold_events: self.gold_events,
        }
    }
}

/// Whether a found date (normalised) is the gold one, a gold year `xxxx` standing for any
/// four digits.
fn date_match(gold: &str, found: &str) -> bool {
    !gold.is_empty() && !found.is_empty() && (gold == found || any_year(gold, found))
}

fn shared(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> usize {
    a.keys().filter(|k| b.contains_key(*k)).count()
}

/// The pairs (gold index, found index) of one article, as [`EventEvaluation::add`] says.
fn pair(gold: &[Scored], found: &[Scored]) -> Vec<(usize, usize)> {
    let only = |e: &Scored, f: Field| e.keys(f).keys().next().cloned().unwrap_or_default();
    let mut candidates = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in found.iter().enumerate() {
            if g.kind != p.kind {
                continue;
            }
            let parties = shared(g.keys(Field::Parties), p.keys(Field::Parties));
            let overlap = g.overlaps(p);
            if parties == 0 && !overlap {
                continue;
            }
            let agree = parties
                + shared(g.keys(Field::Signatories), p.keys(Field::Signatories))
                + usize::from(date_match(&only(g, Field::Date), &only(p, Field::Date)))
                + usize::from(g.keys(Field::Status) == p.keys(Field::Status));
            // Twice the reference scorer's score, which counts an overlap as half a point, so
            // that scores stay whole numbers and compare exactly.
            let score = 2 * agree + usize::from(overlap);
            candidates.push((Reverse(score), i, j));
        }
    }
    candidates.sort_unstable();
    let mut used_gold = vec![false; gold.len()];
    let mut used_found = vec![false; found.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_gold[i] && !used_found[j] {
            used_gold[i] = true;
            used_found[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

/// The counts of one field for a gold event and the event found paired with it; either may be
/// missing (an unpaired event). A date that matches counts one hit however it is written.
fn field_tally(field: Field, gold: Option<&Scored>, found: Option<&Scored>) -> Tally {
    let empty = BTreeMap::new();
    let g = gold.map_or(&empty, |e| e.keys(field));
    let p = found.map_or(&empty, |e| e.keys(field));
    if field == Field::Date {
        if let (Some(gd), Some(pd)) = (g.keys().next(), p.keys().next()) {
            if date_match(gd, pd) {
                return Tally {
                    tp: 1,
                    fp: 0,
                    fn_: 0,
                };
            }
        }
    }
    let tp = shared(g, p);
    Tally {
        tp,
        fp: p.len() - tp,
        fn_: g.len() - tp,
    }
}

#[cfg(test)]
mod tests;
