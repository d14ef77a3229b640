//! Agreement events: who agreed what with whom, when, and who signed it (`EVENTS.md`), read
//! off the mentions `extract` finds in one document. The agreement mentions are the anchors;
//! each is read in its sentence (status wording, parties, signatories, date), then later
//! mentions of the same instrument are merged into the event of its first mention. Pure: no
//! I/O, and every party, signatory and date is a mention of the document.

pub mod dot;
mod parties;
mod sentences;
mod status;

use std::collections::HashMap;
use std::io::{self, Write};

use std::sync::LazyLock;

use regex::Regex;
use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::entity::{Kind, Mention};
use crate::output::{Format, Writer};
pub use status::Status;

/// One agreement event of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The anchor's agreement kind (`mou`, `agreement`, `treaty`…).
    pub kind: String,
    pub status: Status,
    /// The byte span of the anchor: the instrument's first mention.
    pub start: usize,
    pub end: usize,
    /// The 1-based line of `start`.
    pub line: usize,
    /// The anchor as written.
    pub text: String,
    /// Country and agency keys of the sides, in order of first mention.
    pub parties: Vec<String>,
    /// The parties' display names, one for each of `parties`.
    pub party_names: Vec<String>,
    /// Official keys of the signers.
    pub signatories: Vec<String>,
    /// The ISO 8601 value of the date of the action; empty when the article does not say.
    pub date: String,
    /// The instrument's name when it has one (`Artemis Accords`); else empty.
    pub name: String,
    /// With `--context N`: the anchor with up to N characters either side.
    pub context: Option<String>,
}

/// The fields of an event record, in order; `context` is last and written with `--context`
/// only.
const FIELDS: [&str; 12] = [
    "doc",
    "kind",
    "status",
    "start",
    "end",
    "line",
    "text",
    "parties",
    "signatories",
    "date",
    "name",
    "context",
];

/// The header row of CSV and TSV output, with the `context` column or without it.
pub fn header(context: bool) -> &'static [&'static str] {
    crate::record::with_context(&FIELDS, context)
}

/// An event as every format writes it.
#[derive(serde::Serialize)]
struct Record<'a> {
    doc: &'a str,
    kind: &'a str,
    status: Status,
    start: usize,
    end: usize,
    line: usize,
    text: &'a str,
    parties: List<'a>,
    signatories: List<'a>,
    date: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
}

/// A list of keys: a JSON array, or one `|`-joined field in CSV and TSV.
struct List<'a> {
    items: &'a [String],
    joined: bool,
}

impl Serialize for List<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.joined {
            return s.serialize_str(&self.items.join("|"));
        }
        let mut seq = s.serialize_seq(Some(self.items.len()))?;
        for item in self.items {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

/// Where events go: rows in a tabular or JSON format as they come, or a network written at
/// the end.
pub enum Output<W: Write> {
    Rows(Writer<W>),
    Graph { graph: dot::Graph, out: W },
}

impl<W: Write> Output<W> {
    /// Take the events of one document (or piece of one).
    pub fn add(&mut self, doc: &str, events: &[Event]) -> io::Result<()> {
        match self {
            Output::Rows(writer) => {
                // A cell holds one value: lists are joined there as in CSV.
                let joined = matches!(writer.format(), Format::Csv | Format::Tsv | Format::Xlsx);
                for e in events {
                    writer.write(&Record {
                        doc,
                        kind: &e.kind,
                        status: e.status,
                        start: e.start,
                        end: e.end,
                        line: e.line,
                        text: &e.text,
                        parties: List {
                            items: &e.parties,
                            joined,
                        },
                        signatories: List {
                            items: &e.signatories,
                            joined,
                        },
                        date: &e.date,
                        name: &e.name,
                        context: e.context.as_deref(),
                    })?;
                }
                Ok(())
            }
            Output::Graph { graph, .. } => {
                graph.add(events);
                Ok(())
            }
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Rows(writer) => writer.flush(),
            Output::Graph { .. } => Ok(()),
        }
    }

    /// Close the JSON array, write the workbook or the network, and flush; the output is
    /// handed back, for a file to be put in place.
    pub fn finish(self) -> io::Result<W>
    where
        W: Send,
    {
        match self {
            Output::Rows(writer) => writer.finish(),
            Output::Graph { graph, mut out } => {
                graph.write(&mut out)?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}

/// The events of a piece of a document that starts `offset` bytes and `lines` line breaks
/// into it, with spans and lines as in the whole document.
pub fn of_piece(
    text: &str,
    offset: usize,
    lines: usize,
    mentions: &[Mention],
    context: Option<usize>,
) -> Vec<Event> {
    let mut events = find(text, mentions);
    for e in &mut events {
        if let Some(n) = context {
            e.context = Some(crate::record::context(text, e.start, e.end, n));
        }
        e.start += offset;
        e.end += offset;
        e.line += lines;
    }
    events
}

/// What one agreement mention says about its instrument, read in its sentence.
#[derive(Debug)]
struct Reading {
    /// The index of the agreement mention.
    mention: usize,
    sentence: usize,
    /// The status wording near it, if any.
    status: Option<Status>,
    /// Mention indices of the parties, signatories and the date.
    parties: Vec<usize>,
    signatories: Vec<usize>,
    /// The date in its own sentence, else the first of the next sentence.
    date: Option<usize>,
    next_date: Option<usize>,
    /// Where `with` stands in a sentence that pairs one side with several `respectively`.
    respectively: Option<usize>,
}

/// The agreement events of one document, sorted by anchor.
pub fn find(text: &str, mentions: &[Mention]) -> Vec<Event> {
    let (bounds, split) = sentences::bounds(text, mentions);
    // The sentence of each mention, by one walk over both sorted lists.
    let mut of_sentence: Vec<Vec<usize>> = vec![Vec::new(); bounds.len()];
    let mut s = 0;
    for (i, m) in mentions.iter().enumerate() {
        while s + 1 < bounds.len() && bounds[s].1 <= m.start {
            s += 1;
        }
        if let Some(list) = of_sentence.get_mut(s) {
            list.push(i);
        }
    }
    let dateline = dateline(text, mentions);
    let mut readings = Vec::new();
    for (s, members) in of_sentence.iter().enumerate() {
        for &i in members {
            if mentions[i].kind == Kind::Agreement && is_anchor(text, &mentions[i]) {
                readings.push(read(text, mentions, &bounds, &of_sentence, s, i));
            }
        }
    }
    // Signers named in a sentence of their own (`The document was signed by X and Y`) go to
    // the nearest reading within a sentence of them.
    let signed_alone = signers_without_agreement(text, mentions, &bounds, &split, &of_sentence);
    for (s, officials) in signed_alone {
        // Readings are in sentence order: only those of the sentences beside `s` are looked at.
        let lo = readings.partition_point(|r| r.sentence + 1 < s);
        let hi = readings.partition_point(|r| r.sentence <= s + 1);
        let nearest = readings[lo..hi.max(lo)]
            .iter_mut()
            .min_by_key(|r| (r.sentence.abs_diff(s), r.sentence < s));
        if let Some(r) = nearest {
            r.signatories.extend(officials);
            r.status.get_or_insert(Status::Signed);
        }
    }
    let mut events: Vec<Draft> = Vec::new();
    for r in readings {
        merge(&mut events, r, text, mentions);
    }
    let mut sides: HashMap<&str, usize> = HashMap::new();
    for (j, n) in mentions.iter().enumerate() {
        if matches!(n.kind, Kind::Agency | Kind::Country) {
            sides.entry(&*n.id).or_insert(j);
        }
    }
    let mut first = true;
    events
        .into_iter()
        .flat_map(|d| d.split(mentions))
        .filter(|d| !d.parties.is_empty())
        .map(|d| {
            let mut e = d.finish(text, mentions, &sides);
            if first && e.date.is_empty() && e.status == Status::Signed {
                if let Some(i) = dateline {
                    e.date = mentions[i].value.to_string();
                }
            }
            first = false;
            e
        })
        .collect()
}

/// Whether an agreement mention can anchor an event: not a plural the text never tells apart
/// (`MoUs with 27 nations`), not a law cited as a framework (`under the Outer Space Treaty`).
fn is_anchor(text: &str, m: &Mention) -> bool {
    let written = &text[m.start..m.end];
    let word = if m.id == "letter_of_intent" {
        written.split_whitespace().next().unwrap_or("")
    } else {
        written.split_whitespace().last().unwrap_or("")
    };
    let lower = word.to_lowercase();
    let plural = m.id != "accords" && lower.ends_with('s') && !lower.ends_with("ss");
    let mut from = m.start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..m.start].trim_end().to_lowercase();
    let cited = ["under the", "under", "of the"]
        .iter()
        .any(|w| before.ends_with(w))
        && m.id == "treaty";
    !plural && !cited
}

/// Read agreement mention `i` in sentence `s`.
fn read(
    text: &str,
    mentions: &[Mention],
    bounds: &[(usize, usize)],
    of_sentence: &[Vec<usize>],
    s: usize,
    i: usize,
) -> Reading {
    let m = &mentions[i];
    // The sentence, clipped to [`REACH`] bytes either side of the mention, so that reading
    // every mention of a sentence without end costs time in proportion to the mentions.
    let (from, to) = reach(text, bounds[s], m);
    let sentence = &text[from..to];
    let at = (m.start - from, m.end - from);
    let wording = status::nearest(sentence, at);
    let mut parties = Vec::new();
    let mut signatories = Vec::new();
    let verb = parties::signing_verb(sentence);
    let aside = parties::asides(sentence);
    let mut dates = Vec::new();
    let members = &of_sentence[s];
    let first = members.partition_point(|&j| mentions[j].start < from);
    let last = members.partition_point(|&j| mentions[j].end <= to);
    for &j in &members[first..last.max(first)] {
        let n = &mentions[j];
        let span = (n.start - from, n.end - from);
        if aside.iter().any(|&(a, b)| a <= span.0 && span.1 <= b) {
            continue;
        }
        // A date just before the instrument's word describes it (`their 2002 agreement`):
        // it dates an earlier instrument, not this action.
        let describes = n.kind == Kind::Date
            && n.end <= m.start
            && text[n.end..m.start].split_whitespace().count() <= 2
            && !text[n.end..m.start].contains([',', '.', ';']);
        match n.kind {
            Kind::Date if describes => {}
            Kind::Agency | Kind::Country if !parties::is_place(sentence, span.0) => parties.push(j),
            Kind::Official if verb.is_some_and(|v| parties::signs(sentence, span, v)) => {
                signatories.push(j)
            }
            Kind::Date if !n.value.is_empty() => dates.push(j),
            _ => {}
        }
    }
    // The date nearest the status wording (else the mention), else the next sentence's first.
    let key = wording.map_or(at, |(_, span)| span);
    let date = dates.iter().copied().min_by_key(|&j| {
        let n = &mentions[j];
        status::distance((n.start - from, n.end - from), key)
    });
    let mut next_date = None;
    // A headline is no sentence a date follows: the line after it is a byline or a stamp.
    let headline = !sentence
        .trim_end()
        .ends_with(['.', '!', '?', '"', '\u{201d}', ')']);
    if date.is_none() && wording.is_some() && !headline {
        next_date = of_sentence.get(s + 1).and_then(|next| {
            let agreement = next.iter().any(|&j| mentions[j].kind == Kind::Agreement);
            next.iter()
                .copied()
                .find(|&j| mentions[j].kind == Kind::Date && !mentions[j].value.is_empty())
                .filter(|_| !agreement)
        });
    }
    Reading {
        mention: i,
        sentence: s,
        status: wording.map(|(st, _)| st),
        parties,
        signatories,
        date,
        next_date,
        respectively: RESPECTIVELY
            .is_match(sentence)
            .then(|| WITH.find(sentence).map(|w| from + w.start()))
            .flatten(),
    }
}

/// `respectively`: one instrument per side listed (`X signed agreements with Y and Z,
/// respectively`).
static RESPECTIVELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)respectively(?-u:\b)")
        .expect("the respectively pattern is a valid regex")
});

/// The `with` that parts a signer from its counterparts.
static WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)with(?-u:\b)").expect("the with pattern is a valid regex")
});

/// How far from an agreement mention its sentence is read, in bytes: more than any sentence
/// that reports an instrument needs.
const REACH: usize = 600;

/// The span of `sentence` within [`REACH`] bytes of mention `m`, on character boundaries.
fn reach(text: &str, (from, to): (usize, usize), m: &Mention) -> (usize, usize) {
    let mut start = from.max(m.start.saturating_sub(REACH));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = to.min(m.end + REACH);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start, end)
}

/// Per sentence with a signing verb and officials who sign but no agreement mention, those
/// officials.
fn signers_without_agreement(
    text: &str,
    mentions: &[Mention],
    bounds: &[(usize, usize)],
    split: &[bool],
    of_sentence: &[Vec<usize>],
) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    for (s, members) in of_sentence.iter().enumerate() {
        if !split[s] || members.iter().any(|&j| mentions[j].kind == Kind::Agreement) {
            continue;
        }
        let (from, to) = bounds[s];
        let sentence = &text[from..to];
        let Some(verb) = parties::signing_verb(sentence) else {
            continue;
        };
        let signers: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&j| {
                let n = &mentions[j];
                n.kind == Kind::Official
                    && parties::signs(sentence, (n.start - from, n.end - from), verb)
            })
            .collect();
        if !signers.is_empty() {
            out.push((s, signers));
        }
    }
    out
}

/// An event being assembled from its readings.
#[derive(Clone)]
struct Draft {
    anchor: usize,
    kind: String,
    status: Option<Status>,
    parties: Vec<usize>,
    signatories: Vec<usize>,
    /// The sentence and kind of each of its readings.
    readings: Vec<(usize, String)>,
    date: Option<usize>,
    /// Whether `date` comes from the sentence of a mention (not the one after it).
    own_date: bool,
    /// Where `with` stands in a `respectively` sentence of its readings.
    respectively: Option<usize>,
}

/// Whether an agreement mention refers back to an instrument already named: `the`, `this`,
/// `that` or `their` before it, with up to two words between (`the new framework agreement`).
fn is_definite(text: &str, m: &Mention) -> bool {
    let mut from = m.start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..m.start];
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    words.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the" | "this" | "that" | "their" | "its"
        )
    })
}

/// Whether two kinds can name one instrument: the generic words a report uses in turn for
/// one (`inked a deal`, `signed a MoU`, `the agreement`).
fn interchangeable(a: &str, b: &str) -> bool {
    const GENERIC: [&str; 4] = ["agreement", "mou", "deal", "arrangement"];
    a == b || (GENERIC.contains(&a) && GENERIC.contains(&b))
}

/// How many of the latest events a reading may join.
const LOOK_BACK: usize = 16;

/// Add reading `r` to the event of its instrument, or start one. A reading joins the latest
/// event of its kind that shares a party with it (or any, when it names none), unless the two
/// give different dates or one ends what the other signs; one that names no party and has
/// no event of its kind joins the latest event when it is a definite reference (`the deal`).
fn merge(events: &mut Vec<Draft>, r: Reading, text: &str, mentions: &[Mention]) {
    let m = &mentions[r.mention];
    let ids = |list: &[usize]| -> Vec<&str> { list.iter().map(|&j| &*mentions[j].id).collect() };
    let own = ids(&r.parties);
    let date = r.date.map(|j| &*mentions[j].value);
    let definite = is_definite(text, m);
    // Only the latest events are looked back on: a report refers back to a recent instrument,
    // and the cost of a document stays linear in its mentions.
    let back = events.len().saturating_sub(LOOK_BACK);
    let target = events[back..].iter().rposition(|d| {
        // Two kinds in one sentence are two instruments (`an agreement and an arrangement`).
        let other_kind = d.kind != *m.id;
        let beside = d
            .readings
            .iter()
            .any(|(s, kind)| *s == r.sentence && kind != &*m.id);
        if !interchangeable(&d.kind, &m.id) || beside || (other_kind && own.is_empty() && !definite)
        {
            return false;
        }
        let theirs = ids(&d.parties);
        let shares = own.is_empty() || definite || own.iter().any(|p| theirs.contains(p));
        let other_date = d.date.filter(|_| d.own_date).map(|j| &*mentions[j].value);
        let dates_differ = matches!((date, other_date), (Some(a), Some(b)) if a != b);
        let ends_other = matches!(
            (r.status, d.status),
            (Some(Status::Ended), Some(Status::Signed | Status::Planned))
                | (Some(Status::Signed | Status::Planned), Some(Status::Ended))
        );
        shares && !dates_differ && !ends_other
    });
    let Some(t) = target.map(|t| back + t) else {
        events.push(Draft {
            anchor: r.mention,
            kind: m.id.to_string(),
            status: r.status,
            parties: r.parties,
            signatories: r.signatories,
            readings: vec![(r.sentence, m.id.to_string())],
            date: r.date.or(r.next_date),
            own_date: r.date.is_some(),
            respectively: r.respectively,
        });
        return;
    };
    // A later mention adds what it says only where it says something about the instrument.
    let d = &mut events[t];
    d.readings.push((r.sentence, m.id.to_string()));
    if r.status.is_some() {
        // The latest word wins, except that a plan never undoes a reported signing.
        if !(d.status == Some(Status::Signed) && r.status == Some(Status::Planned)) {
            d.status = r.status;
        }
        d.parties.extend(r.parties);
        d.respectively = d.respectively.or(r.respectively);
        d.signatories.extend(r.signatories);
        if d.date.is_none() || (!d.own_date && r.date.is_some()) {
            d.own_date = r.date.is_some();
            d.date = r.date.or(r.next_date);
        }
    }
}

impl Draft {
    /// One draft per counterpart when the report pairs one side with several `respectively`:
    /// each has the side before `with` and one counterpart, and no signers and no date, since
    /// the text does not say which go with which.
    fn split(self, mentions: &[Mention]) -> Vec<Draft> {
        let Some(with) = self.respectively else {
            return vec![self];
        };
        let (subject, others): (Vec<usize>, Vec<usize>) = self
            .parties
            .iter()
            .partition(|&&j| mentions[j].start < with);
        let mut counterparts: Vec<usize> = Vec::new();
        for j in others {
            let id = &mentions[j].id;
            let known = subject
                .iter()
                .chain(&counterparts)
                .any(|&k| mentions[k].id == *id);
            if !known {
                counterparts.push(j);
            }
        }
        if subject.is_empty() || counterparts.len() < 2 {
            return vec![self];
        }
        counterparts
            .into_iter()
            .map(|c| {
                let mut d = self.clone();
                d.parties = subject.iter().copied().chain([c]).collect();
                d.signatories.clear();
                d.date = None;
                d
            })
            .collect()
    }

    /// The event, with `sides` the first mention of each country and agency key.
    fn finish(self, text: &str, mentions: &[Mention], sides: &HashMap<&str, usize>) -> Event {
        let a = &mentions[self.anchor];
        let mut parties = Vec::new();
        let mut party_names = Vec::new();
        let mut signatories: Vec<String> = Vec::new();
        for &j in &self.signatories {
            let n = &mentions[j];
            if !signatories.iter().any(|s| s == &*n.id) {
                signatories.push(n.id.to_string());
            }
        }
        // A signer's own body is a party, when the article mentions it.
        let bodies = self
            .signatories
            .iter()
            .filter_map(|&j| sides.get(&*mentions[j].org).copied());
        let all: Vec<usize> = self.parties.iter().copied().chain(bodies).collect();
        for j in all {
            let n = &mentions[j];
            if !parties.iter().any(|p| p == &*n.id) {
                parties.push(n.id.to_string());
                party_names.push(n.name.to_string());
            }
        }
        let generic = if a.id == "mou" {
            "memorandum of understanding".to_string()
        } else {
            a.id.replace('_', " ")
        };
        Event {
            kind: self.kind,
            status: self.status.unwrap_or(Status::Signed),
            start: a.start,
            end: a.end,
            line: 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..a.start]).count(),
            text: text[a.start..a.end].to_string(),
            parties,
            party_names,
            signatories,
            date: self
                .date
                .map_or_else(String::new, |j| mentions[j].value.to_string()),
            name: if *a.name == generic {
                String::new()
            } else {
                a.name.to_string()
            },
            context: None,
        }
    }
}

/// The date of the article's dateline (`MOSCOW, March 9 —`), if it has one: a date in the
/// first lines, after a place in capitals and before a dash.
fn dateline(text: &str, mentions: &[Mention]) -> Option<usize> {
    let head = text.len().min(600);
    mentions
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.start < head)
        .filter(|(_, m)| m.kind == Kind::Date && !m.value.is_empty())
        .find(|(_, m)| {
            let line_start = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..m.start];
            let after = text[m.end..].trim_start_matches([' ', ',']);
            let place = before.trim_end().trim_end_matches(',');
            let capitals = !place.is_empty()
                && place
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            capitals && after.starts_with(['—', '–', '-'])
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests;
