//! Agreement events: who agreed what with whom, when, and who signed it (`EVENTS.md`), read
//! off the mentions `extract` finds in one document. The agreement mentions are the anchors;
//! each is read in its sentence (status wording, the roles of its sides and signers, the date
//! of the action, a dateline's date apart), with group words (`the two countries`) and a
//! title without sides resolved to the sides named before or in the lede; then later mentions
//! of the same instrument are merged into the event of its first mention, unless their words,
//! dates or status tell another instrument. Pure: no I/O, and every party, signatory and date
//! is a mention of the document.

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
    /// Whether its sentence is a headline or a heading: no stop ends it.
    headline: bool,
    /// Whether its sentence dates the action only with a day it does not resolve (`on
    /// Tuesday`): then the dateline is not the action's date.
    vague: bool,
    /// The group word of its sentence (`the two countries`), naming sides named before.
    group: Option<parties::Group>,
    /// Whether the mention introduces an instrument (`a first framework agreement`).
    indefinite: bool,
    /// The word that tells the instrument from others (`first`, `new`), if any.
    qualifier: Option<&'static str>,
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
    let head = head_end(text, &bounds, &split);
    let dateline = dateline(text, mentions, head);
    let mut readings = Vec::new();
    let mut cache = None;
    for (s, members) in of_sentence.iter().enumerate() {
        for &i in members {
            if mentions[i].kind == Kind::Agreement && is_anchor(text, &mentions[i]) {
                let place = Place {
                    bounds: &bounds,
                    of_sentence: &of_sentence,
                    dateline,
                };
                readings.push(read(text, mentions, &place, &mut cache, s, i));
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
        // `The document was signed by X` refers back; a later reading that reports a signing
        // of its own is another instrument's.
        let nearest = readings[lo..hi.max(lo)]
            .iter_mut()
            .filter(|r| r.sentence < s || r.status.is_none())
            .min_by_key(|r| (r.sentence.abs_diff(s), r.sentence > s));
        if let Some(r) = nearest {
            r.signatories.extend(officials);
            r.status.get_or_insert(Status::Signed);
        }
    }
    let mut events: Vec<Draft> = Vec::new();
    for mut r in readings {
        let context = Context {
            text,
            mentions,
            bounds: &bounds,
            split: &split,
            of_sentence: &of_sentence,
        };
        // A title that names no side is about the instrument its lede reports: it takes the
        // lede's sides, so that the lede's mentions join the title's event.
        if r.parties.is_empty() && r.headline && events.is_empty() && bounds[r.sentence].0 < head {
            r.parties = context.lede_sides(r.sentence);
        }
        if let Some(g) = r.group {
            let named = context.group_sides(g, r.sentence, &events);
            for j in named {
                if !r.parties.iter().any(|&k| mentions[k].id == mentions[j].id) {
                    r.parties.push(j);
                }
            }
        }
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
        .flat_map(|d| d.split(text, mentions))
        // A treaty no reading gives a status is cited as a framework, not reported on.
        .filter(|d| !d.parties.is_empty() && (d.status.is_some() || d.kind != "treaty"))
        .map(|d| {
            let vague = d.vague;
            let mut e = d.finish(text, mentions, &sides);
            // The dateline dates the first signing the article reports, unless the report
            // gives it a day of its own (`on Tuesday`).
            if first && !vague && e.date.is_empty() && e.status == Status::Signed {
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

/// Where readings are made: the sentences, the mentions of each, and the dateline's date (which
/// dates the article, not an action in its sentence).
struct Place<'a> {
    bounds: &'a [(usize, usize)],
    of_sentence: &'a [Vec<usize>],
    dateline: Option<usize>,
}

/// Read agreement mention `i` in sentence `s`.
fn read(
    text: &str,
    mentions: &[Mention],
    place: &Place,
    cache: &mut Option<Features>,
    s: usize,
    i: usize,
) -> Reading {
    let (bounds, of_sentence) = (place.bounds, place.of_sentence);
    let m = &mentions[i];
    // The sentence, clipped to [`REACH`] bytes either side of the mention, so that reading
    // every mention of a sentence without end costs time in proportion to the mentions.
    let (from, to) = reach(text, bounds[s], m);
    let sentence = &text[from..to];
    let at = (m.start - from, m.end - from);
    // The mentions of one sentence mostly read the same span: its wording is found once.
    if cache.as_ref().is_none_or(|c| c.span != (from, to)) {
        *cache = Some(Features::of(sentence, (from, to)));
    }
    let Some(features) = cache.as_ref() else {
        unreachable!("the features of the span are cached just above");
    };
    let wording = status::nearest_of(&features.wordings, sentence, at);
    let mut parties = Vec::new();
    let mut signatories = Vec::new();
    let verbs = &features.verbs;
    let aside = &features.asides;
    let mut dates = Vec::new();
    let members = &of_sentence[s];
    let first = members.partition_point(|&j| mentions[j].start < from);
    let last = members.partition_point(|&j| mentions[j].end <= to);
    let window = &members[first..last.max(first)];
    // Whether the sentence dates the action with a day it does not resolve (`on Tuesday`).
    let mut vague = false;
    let span = |j: usize| (mentions[j].start - from, mentions[j].end - from);
    // The other instruments of the sentence, less the mention's own other name in brackets
    // (`the Technology Safeguards Agreement (TSA)`).
    let others: Vec<(usize, usize)> = window
        .iter()
        .copied()
        .filter(|&j| j != i && mentions[j].kind == Kind::Agreement)
        .map(span)
        .filter(|&o| !bracketed(sentence, at, o))
        .collect();
    for (k, &j) in window.iter().enumerate() {
        let n = &mentions[j];
        let here = span(j);
        if aside.iter().any(|&(a, b)| a <= here.0 && here.1 <= b) {
            continue;
        }
        // A date just before the instrument's word describes it (`their 2002 agreement`):
        // it dates an earlier instrument, not this action (`on Friday signed an agreement`).
        let describes = n.kind == Kind::Date
            && n.end <= m.start
            && text[n.end..m.start].split_whitespace().count() <= 2
            && !text[n.end..m.start].contains([',', '.', ';'])
            && status::next_wording(&text[n.end..m.start], 0).is_none();
        match n.kind {
            Kind::Date if describes || place.dateline == Some(j) => {}
            Kind::Date if n.value.is_empty() => vague = true,
            Kind::Agency | Kind::Country
                if is_side(sentence, from, mentions, window, k)
                    && !others
                        .iter()
                        .any(|o| parties::bound_to(sentence, o.1, here.0)) =>
            {
                parties.push(j)
            }
            Kind::Official if parties::signs(sentence, here, verbs) => signatories.push(j),
            Kind::Date if !n.value.is_empty() => dates.push(j),
            _ => {}
        }
    }
    // A side written into a signer's title (`X, Member of the Y Parliament`) is no side of
    // its own, unless it is the signer's body (`NASA Administrator X`): the body stands for it.
    // So is a side in the title of an official who only comments (`X, Director of Y, said`).
    let commenting: Vec<usize> = window
        .iter()
        .copied()
        .filter(|&o| {
            mentions[o].kind == Kind::Official
                && !signatories.contains(&o)
                && parties::only_comments(sentence, span(o))
        })
        .collect();
    parties.retain(|&p| {
        let signer = signatories.iter().any(|&o| {
            let body = &mentions[o].org;
            !body.is_empty()
                && *body != mentions[p].id
                && parties::in_title(sentence, span(p), span(o))
        });
        let commenter = commenting
            .iter()
            .any(|&o| parties::in_title(sentence, span(p), span(o)));
        !signer && !commenter
    });
    // The date nearest the status wording (else the mention), else the next sentence's first;
    // a date after another instrument that follows the mention dates that one (`builds on an
    // earlier MoU, and on the Accords signed in October 2020`), while a date before both
    // dates the two (`On 19 May, an agreement and an arrangement were signed`).
    let key = wording.map_or(at, |(_, span)| span);
    let date = dates
        .iter()
        .copied()
        .filter(|&j| {
            let d = span(j);
            !others.iter().any(|&o| at.1 <= o.0 && o.1 <= d.0)
        })
        .min_by_key(|&j| status::distance(span(j), key));
    let mut next_date = None;
    // A headline is no sentence a date follows: the line after it is a byline or a stamp.
    let headline = !ends_sentence(sentence);
    // The next sentence dates the action only where it tells of it (`The text was signed in
    // July`), not of what the sides did next (`In 2021, the two discussed …`).
    if date.is_none() && wording.is_some() && !headline {
        next_date = of_sentence.get(s + 1).and_then(|next| {
            let agreement = next.iter().any(|&j| mentions[j].kind == Kind::Agreement);
            let (from, to) = bounds[s + 1];
            let tells = || status::next_wording(&text[from..to], 0).is_some();
            next.iter()
                .copied()
                .find(|&j| mentions[j].kind == Kind::Date && !mentions[j].value.is_empty())
                .filter(|&j| !agreement && place.dateline != Some(j) && tells())
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
        respectively: features.respectively,
        headline,
        vague: vague && date.is_none(),
        group: features.group,
        indefinite: is_indefinite(text, m),
        qualifier: qualifier(text, m),
    }
}

/// Words before an instrument's name that tell it from another of its kind.
const QUALIFIERS: [&str; 16] = [
    "first", "second", "third", "new", "earlier", "previous", "original", "old", "initial",
    "existing", "former", "current", "latest", "renewed", "revised", "updated",
];

/// The word right before agreement mention `m` that tells its instrument from another of its
/// kind (`a first framework agreement`, `the new MoU`), if any.
fn qualifier(text: &str, m: &Mention) -> Option<&'static str> {
    let mut from = m.start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let word = text[from..m.start]
        .split_whitespace()
        .next_back()?
        .to_lowercase();
    QUALIFIERS.iter().copied().find(|q| *q == word)
}

/// Whether a sentence ends with a stop (or a closing quote or bracket after one): a headline
/// or a heading does not.
fn ends_sentence(sentence: &str) -> bool {
    sentence
        .trim_end()
        .ends_with(['.', '!', '?', '"', '\u{201d}', ')'])
}

/// Where the document's head (its title lines, bylines and stamps) ends: at the first
/// sentence with a stop, or the first paragraph read whole.
fn head_end(text: &str, bounds: &[(usize, usize)], split: &[bool]) -> usize {
    bounds
        .iter()
        .zip(split)
        .find(|&(&(from, to), &split)| !split || ends_sentence(&text[from..to]))
        .map_or(text.len(), |(&(from, _), _)| from)
}

/// Whether the mention at `other` (relative to the sentence, as `at`) is the other name of the
/// mention at `at`, one of the two in brackets right after the other (`Agreement (TSA)`).
fn bracketed(sentence: &str, at: (usize, usize), other: (usize, usize)) -> bool {
    let (a, b) = if at.1 <= other.0 {
        (at, other)
    } else {
        (other, at)
    };
    a.1 <= b.0 && sentence[a.1..b.0].trim() == "("
}

/// Whether the country or agency at `window[k]` is a side in the sentence at `from`: not
/// only a place (`held in Bremen, Germany`, `a U.K.-based firm`), the source the report cites
/// (`…, the ministry said`), nor a country that qualifies an agency beside it (`the Israel
/// Ministry of Science`).
fn is_side(sentence: &str, from: usize, mentions: &[Mention], window: &[usize], k: usize) -> bool {
    let span = |j: usize| (mentions[j].start - from, mentions[j].end - from);
    let here = span(window[k]);
    if parties::is_place(sentence, here.0)
        || parties::is_source(sentence, here)
        || parties::is_base(sentence, here)
    {
        return false;
    }
    if mentions[window[k]].kind != Kind::Country {
        return true;
    }
    let neighbours = [k.checked_sub(1), Some(k + 1)];
    !neighbours
        .into_iter()
        .flatten()
        .filter_map(|n| window.get(n))
        .any(|&n| mentions[n].kind == Kind::Agency && parties::qualifies(sentence, here, span(n)))
}

/// Whether an agreement mention introduces an instrument: `a`, `an` or `another` among the
/// two words before it (`a first framework agreement`), with no definite word.
fn is_indefinite(text: &str, m: &Mention) -> bool {
    let mut from = m.start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let open = text[from..m.start]
        .split_whitespace()
        .rev()
        .take(2)
        .any(|w| {
            ["a", "an", "another"]
                .iter()
                .any(|o| w.eq_ignore_ascii_case(o))
        });
    open && !is_definite(text, m)
}

/// The document a reading is read in, for what a reading needs from beyond its sentence.
struct Context<'t, 'm> {
    text: &'t str,
    mentions: &'m [Mention<'m>],
    bounds: &'t [(usize, usize)],
    split: &'t [bool],
    of_sentence: &'t [Vec<usize>],
}

/// How many sentences on a lede may stand from its title, and a group word from the
/// sentence that names its sides.
const LEDE_REACH: usize = 8;
const GROUP_REACH: usize = 12;

impl Context<'_, '_> {
    /// The sides of sentence `s`, if it was split into sentences (a paragraph read whole is
    /// no sentence of a report).
    fn sides(&self, s: usize) -> Vec<usize> {
        if !self.split[s] {
            return Vec::new();
        }
        let (from, to) = self.bounds[s];
        let sentence = &self.text[from..to];
        let members = &self.of_sentence[s];
        (0..members.len())
            .filter(|&k| {
                matches!(self.mentions[members[k]].kind, Kind::Agency | Kind::Country)
                    && is_side(sentence, from, self.mentions, members, k)
            })
            .map(|k| members[k])
            .collect()
    }

    /// The sides of the first sentence after the title sentence `s` that names any.
    fn lede_sides(&self, s: usize) -> Vec<usize> {
        (s + 1..self.bounds.len().min(s + 1 + LEDE_REACH))
            .map(|t| self.sides(t))
            .find(|sides| !sides.is_empty())
            .unwrap_or_default()
    }

    /// The sides group word `g` in sentence `s` names: for the partners, every side of the
    /// latest event; for two of a kind, the two of the nearest sentence before that names
    /// exactly two, else the latest event's when it has exactly two.
    fn group_sides(&self, g: parties::Group, s: usize, events: &[Draft]) -> Vec<usize> {
        use parties::Group;
        let latest = events.last().map_or(&[][..], |d| &d.parties[..]);
        let fits = |j: &usize| match g {
            Group::Countries => self.mentions[*j].kind == Kind::Country,
            Group::Agencies => self.mentions[*j].kind == Kind::Agency,
            Group::Two | Group::Partners => true,
        };
        let distinct = |list: Vec<usize>| -> Vec<usize> {
            let mut out: Vec<usize> = Vec::new();
            for j in list {
                if !out
                    .iter()
                    .any(|&k| self.mentions[k].id == self.mentions[j].id)
                {
                    out.push(j);
                }
            }
            out
        };
        if g == Group::Partners {
            return distinct(latest.to_vec());
        }
        let two = |list: Vec<usize>| Some(distinct(list)).filter(|d| d.len() == 2);
        (s.saturating_sub(GROUP_REACH)..s)
            .rev()
            .find_map(|t| two(self.sides(t).into_iter().filter(fits).collect()))
            .or_else(|| two(latest.iter().copied().filter(fits).collect()))
            .unwrap_or_default()
    }
}

/// What a reading needs of the span of a sentence it reads, found once for the mentions that
/// read the same span.
struct Features {
    span: (usize, usize),
    wordings: Vec<status::Wording>,
    verbs: Vec<(usize, usize)>,
    asides: Vec<(usize, usize)>,
    group: Option<parties::Group>,
    /// Where `with` stands (in the document) when the span pairs sides `respectively`.
    respectively: Option<usize>,
}

impl Features {
    fn of(sentence: &str, span: (usize, usize)) -> Features {
        Features {
            span,
            wordings: status::wordings(sentence),
            verbs: parties::signing_verbs(sentence),
            asides: parties::asides(sentence),
            group: parties::group(sentence),
            respectively: RESPECTIVELY
                .is_match(sentence)
                .then(|| WITH.find(sentence).map(|w| span.0 + w.start()))
                .flatten(),
        }
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
        let official = members.iter().any(|&j| mentions[j].kind == Kind::Official);
        if !split[s] || !official || members.iter().any(|&j| mentions[j].kind == Kind::Agreement) {
            continue;
        }
        let (from, to) = bounds[s];
        let sentence = &text[from..to];
        let verbs = parties::signing_verbs(sentence);
        if verbs.is_empty() {
            continue;
        }
        let signers: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&j| {
                let n = &mentions[j];
                n.kind == Kind::Official
                    && parties::signs(sentence, (n.start - from, n.end - from), &verbs)
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
    /// Whether a reading in a body sentence (not a headline) gives its status.
    reported: bool,
    /// Whether a reading dates the action with a day it does not resolve.
    vague: bool,
    /// The words of its readings that tell it from other instruments (`first`, `new`).
    qualifiers: Vec<&'static str>,
}

/// Whether an agreement mention refers back to an instrument already named: `the`, `this`,
/// `that` or `their` before it, with up to two words between (`the new framework agreement`).
fn is_definite(text: &str, m: &Mention) -> bool {
    let mut from = m.start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..m.start]
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| {
            ["the", "this", "that", "their", "its"]
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d))
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
    // A mention told apart as before (`the signing of a first agreement in 2009`) is the
    // instrument so told apart, whatever else its sentence says.
    let same = r.qualifier.and_then(|q| {
        events[back..]
            .iter()
            .rposition(|d| interchangeable(&d.kind, &m.id) && d.qualifiers.contains(&q))
    });
    let target = same.or_else(|| {
        events[back..].iter().rposition(|d| {
            // Two kinds in one sentence are two instruments (`an agreement and an arrangement`).
            let other_kind = d.kind != *m.id;
            let beside = d
                .readings
                .iter()
                .any(|(s, kind)| *s == r.sentence && kind != &*m.id);
            if !interchangeable(&d.kind, &m.id)
                || beside
                || (other_kind && own.is_empty() && !definite)
            {
                return false;
            }
            let theirs = ids(&d.parties);
            let shares = own.is_empty() || definite || own.iter().any(|p| theirs.contains(p));
            let other_date = d.date.filter(|_| d.own_date).map(|j| &*mentions[j].value);
            // A date counts against joining only where the reading reports an action it dates.
            let dates_differ =
                r.status.is_some() && matches!((date, other_date), (Some(a), Some(b)) if a != b);
            // An instrument introduced anew, with a signing on another date, is another one than
            // the instrument a report already gave a status (`signed a new agreement … In 2009,
            // the two signed a first agreement`).
            let another = r.indefinite
                && !r.headline
                && r.status.is_some()
                && d.reported
                && date.is_some()
                && date != other_date;
            let ends_other = matches!(
                (r.status, d.status),
                (Some(Status::Ended), Some(Status::Signed | Status::Planned))
                    | (Some(Status::Signed | Status::Planned), Some(Status::Ended))
            );
            // Two instruments told apart by their words are two (`a new …`, `a first …`).
            let told_apart = r
                .qualifier
                .is_some_and(|q| !d.qualifiers.is_empty() && !d.qualifiers.contains(&q));
            shares && !dates_differ && !ends_other && !another && !told_apart
        })
    });
    let reports = r.status.is_some() && !r.headline;
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
            reported: reports,
            vague: r.vague,
            qualifiers: r.qualifier.into_iter().collect(),
        });
        return;
    };
    // A later mention adds what it says only where it says something about the instrument.
    let d = &mut events[t];
    d.readings.push((r.sentence, m.id.to_string()));
    d.reported |= reports;
    d.vague |= r.vague && r.status.is_some();
    if let Some(q) = r.qualifier.filter(|q| !d.qualifiers.contains(q)) {
        d.qualifiers.push(q);
    }
    if r.status.is_some() {
        // The latest word wins, except that a plan never undoes a reported signing, nor a
        // signing dated before an ending undoes it (`the signing … in 2009` of an instrument
        // that ended in 2015).
        let earlier = matches!(
            (date, d.date.map(|j| &*mentions[j].value)),
            (Some(a), Some(b)) if a < b
        );
        let undoes_ending = d.status == Some(Status::Ended) && earlier;
        let undoes_signing = d.status == Some(Status::Signed) && r.status == Some(Status::Planned);
        if !undoes_ending && !undoes_signing {
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
    fn split(self, text: &str, mentions: &[Mention]) -> Vec<Draft> {
        let Some(with) = self.respectively else {
            return vec![self];
        };
        let (subject, others): (Vec<usize>, Vec<usize>) = self
            .parties
            .iter()
            .partition(|&&j| mentions[j].start < with);
        // Each counterpart with its other name in brackets (`the Space Center (NSC)`).
        let mut counterparts: Vec<Vec<usize>> = Vec::new();
        for j in others {
            let id = &mentions[j].id;
            let known = subject
                .iter()
                .chain(counterparts.iter().flatten())
                .any(|&k| mentions[k].id == *id);
            let bracketed = counterparts
                .last()
                .and_then(|c| c.last())
                .is_some_and(|&k| {
                    mentions[k].end <= mentions[j].start
                        && text[mentions[k].end..mentions[j].start].trim() == "("
                });
            if known {
                continue;
            }
            match counterparts.last_mut() {
                Some(c) if bracketed => c.push(j),
                _ => counterparts.push(vec![j]),
            }
        }
        if subject.is_empty() || counterparts.len() < 2 {
            return vec![self];
        }
        counterparts
            .into_iter()
            .map(|c| {
                let mut d = self.clone();
                d.parties = subject.iter().copied().chain(c).collect();
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
        for &j in &all {
            let n = &mentions[j];
            // A body of a side (`DLR Executive Board` of `DLR`) is that side.
            let part_of = all.iter().any(|&k| {
                let side = &*mentions[k].id;
                n.id.len() > side.len()
                    && n.id.starts_with(side)
                    && n.id[side.len()..].starts_with(' ')
            });
            if !part_of && !parties.iter().any(|p| p == &*n.id) {
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

/// The date of the article's dateline, if it has one: a date in the first lines after a
/// place and before a dash or a bracket (`MOSCOW, March 9 —`, `Oslo, May 31 (Agency)`,
/// `OSLO (Agency - 9 March 2020)`), or alone on a line of the document's head (before
/// `head`).
fn dateline(text: &str, mentions: &[Mention], head: usize) -> Option<usize> {
    let first_lines = text.len().min(600);
    mentions
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.start < first_lines)
        .filter(|(_, m)| m.kind == Kind::Date && !m.value.is_empty())
        .find(|(_, m)| {
            let line_start = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[m.end..].find('\n').map_or(text.len(), |i| m.end + i);
            let before = &text[line_start..m.start];
            let after = text[m.end..line_end].trim_start_matches([' ', ',']);
            if before.trim().is_empty() && after.trim().is_empty() {
                return m.start < head;
            }
            after.starts_with(['—', '–', '-', '(', ')']) && DATELINE_PLACE.is_match(before)
        })
        .map(|(i, _)| i)
}

/// What stands before a dateline's date on its line: a place in capitalised words, with a
/// region after a comma, and an agency's bracket opened before the date.
static DATELINE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*\p{Lu}[\p{L}.'\u{2019} -]{0,30}?(?:,\s*\p{Lu}[\p{L}.]*)?,?\s*(?:\([^()]{0,60}?[-\u{2013}\u{2014},]\s*)?$",
    )
    .expect("the dateline pattern is a valid regex")
});

#[cfg(test)]
mod tests;
