//! Entity gold annotations, and the scores of the mentions found in an article against them.
//!
//! A gold file is an article with each mention marked inline, `[[type:key|surface]]`, or
//! `[[type|surface]]` when it has no key; [`parse_gold`] gives back the article (the file with
//! its markup removed) and its mentions, or every place where the markup is malformed.
//! [`Evaluation`] matches the mentions found in each article to its gold mentions and counts,
//! per type, the strict (same span) and relaxed (same type, overlapping span) matches and the
//! keys that agree. Matching, key normalisation and the figures are those of the team's
//! reference scorer (`score.py`), so that both give the same numbers on the same articles.
//! Pure: no I/O.
//!
//! ```
//! use orbitext::eval::{parse_gold, Evaluation};
//!
//! let gold = parse_gold("[[agency:NASA|NASA]] and the [[country:FR|UK]] met.").unwrap();
//! assert_eq!(gold.text, "NASA and the UK met.");
//! let extractor = orbitext::Extractor::from_dictionaries(true, &[]).unwrap();
//! let mut evaluation = Evaluation::new(&[]);
//! evaluation.add("a.txt", &gold, &extractor.extract(&gold.text));
//! let micro = evaluation.micro().scores();
//! assert_eq!((micro.relaxed_f1, micro.key_acc), (1.0, Some(0.5))); // the UK is GB
//! ```

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::{any_year, norm_key, python_float, python_float_or_null};
use crate::entity::{Kind, Mention};

/// One mention's markup: `[[`, a type, optionally `:` and a key, `|`, the surface as the
/// article writes it (the shortest that reaches a `]]`, across lines if need be), `]]`.
static MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\[\[([a-z_]+)(?::([^|\]]*))?\|(.*?)\]\]").expect("the markup regex")
});

/// A mention marked in a gold file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldMention {
    pub kind: Kind,
    /// Byte offset of the surface's first byte in the article (the file without markup).
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The 1-based line of `start` in the article.
    pub line: usize,
    /// The key with the white space around it removed; empty when the markup has none.
    pub key: String,
}

/// A gold file read: the article and the mentions marked in it, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gold {
    pub text: String,
    pub mentions: Vec<GoldMention>,
}

/// A place where a gold file's markup is malformed: 1-based line and column (in characters)
/// of the gold file, and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The article and gold mentions of a gold file, or every place its markup is malformed: a
/// `[[` that starts no well-formed mention or is not closed, a `]]` that closes none, an
/// unknown type. Outside markup, a gold file holds no `[[` and no `]]`.
pub fn parse_gold(marked: &str) -> Result<Gold, Vec<MarkupError>> {
    let mut text = String::with_capacity(marked.len());
    let mut mentions = Vec::new();
    // Byte offsets into `marked` with what is wrong there, in increasing order.
    let mut problems: Vec<(usize, String)> = Vec::new();
    let mut line = 1;
    let mut pos = 0;
    for mark in MARK.captures_iter(marked) {
        let whole = mark.get(0).expect("group 0 is the match");
        let kind = mark.get(1).expect("the type group always takes part");
        let key = mark.get(2).map_or("", |k| k.as_str());
        let surface = mark.get(3).expect("the surface group always takes part");
        let gap = &marked[pos..whole.start()];
        stray_brackets(marked, pos, gap, &mut problems);
        if key.contains("[[") || surface.as_str().contains("[[") {
            problems.push((
                whole.start(),
                "`[[` is not closed: another `[[` comes before the next `]]`".into(),
            ));
        }
        text.push_str(gap);
        line += memchr::memchr_iter(b'\n', gap.as_bytes()).count();
        let start = text.len();
        text.push_str(surface.as_str());
        match Kind::parse(kind.as_str()) {
            Some(kind) => mentions.push(GoldMention {
                kind,
                start,
                end: text.len(),
                line,
                key: trim_space(key).to_string(),
            }),
            None => problems.push((
                kind.start(),
                format!(
                    "unknown type `{}` (the types are {})",
                    kind.as_str(),
                    Kind::ALL.map(Kind::as_str).join(", ")
                ),
            )),
        }
        line += memchr::memchr_iter(b'\n', surface.as_str().as_bytes()).count();
        pos = whole.end();
    }
    stray_brackets(marked, pos, &marked[pos..], &mut problems);
    text.push_str(&marked[pos..]);
    if problems.is_empty() {
        return Ok(Gold { text, mentions });
    }
    let mut place = Place::new(marked);
    let errors = problems
        .into_iter()
        .map(|(offset, message)| {
            let (line, column) = place.advance_to(offset);
            MarkupError {
                line,
                column,
                message,
            }
        })
        .collect();
    Err(errors)
}

/// `[[` or `]]`.
static BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\[|\]\]").expect("the brackets regex"));

/// The `[[` and `]]` of `gap`, text between mentions that starts at `offset` of `marked`: each
/// is markup that is not a mention. The `]]` that ends a malformed mention is not reported
/// again.
fn stray_brackets(marked: &str, offset: usize, gap: &str, problems: &mut Vec<(usize, String)>) {
    let mut open = false;
    for bracket in BRACKETS.find_iter(gap) {
        let at = offset + bracket.start();
        let message = match bracket.as_str() {
            "]]" if open => {
                open = false;
                continue;
            }
            "]]" => "`]]` closes no `[[`",
            _ if marked[at..].contains("]]") => {
                open = true;
                "`[[` starts no mention: the forms are [[type:key|surface]] and [[type|surface]]"
            }
            _ => "`[[` is not closed",
        };
        problems.push((at, message.into()));
    }
}

/// `s` without the white space around it, as Python's `str.strip` sees white space (which
/// also takes the separators U+001C to U+001F), so that a key of only white space is no key
/// for both scorers.
fn trim_space(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Line and column of increasing byte offsets of a text, counted in one pass.
struct Place<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Place<'a> {
    fn new(text: &'a str) -> Place<'a> {
        Place {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The 1-based line and column (in characters) of `offset`, at or after the last one asked.
    fn advance_to(&mut self, offset: usize) -> (usize, usize) {
        for c in self.text[self.offset..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// The counts behind the figures of one type, or of all the types scored together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold mentions.
    pub gold: usize,
    /// Mentions found.
    pub pred: usize,
    /// Gold mentions matched by a mention found with exactly their span.
    pub strict: usize,
    /// Gold mentions matched by a mention found with an overlapping span (strict ones too).
    pub relaxed: usize,
    /// Relaxed matches whose gold mention has a key.
    pub keyed: usize,
    /// Those of them whose mention found has the key as its id, name or value.
    pub key_ok: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.gold += other.gold;
        self.pred += other.pred;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.keyed += other.keyed;
        self.key_ok += other.key_ok;
    }
}

/// The figures of one type, or of all the types together (`micro`), with the reference
/// scorer's JSON member names. When there is nothing to find and nothing was found,
/// precision and recall are 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub gold: usize,
    pub pred: usize,
    #[serde(serialize_with = "python_float")]
    pub strict_p: f64,
    #[serde(serialize_with = "python_float")]
    pub strict_r: f64,
    #[serde(serialize_with = "python_float")]
    pub strict_f1: f64,
    #[serde(serialize_with = "python_float")]
    pub relaxed_p: f64,
    #[serde(serialize_with = "python_float")]
    pub relaxed_r: f64,
    #[serde(serialize_with = "python_float")]
    pub relaxed_f1: f64,
    /// The share of keyed relaxed matches whose key agrees; `None` when no match was keyed.
    #[serde(serialize_with = "python_float_or_null")]
    pub key_acc: Option<f64>,
}

impl Counts {
    pub fn scores(&self) -> Scores {
        let (strict_p, strict_r, strict_f1) = prf(self.strict, self.pred, self.gold);
        let (relaxed_p, relaxed_r, relaxed_f1) = prf(self.relaxed, self.pred, self.gold);
        Scores {
            gold: self.gold,
            pred: self.pred,
            strict_p,
            strict_r,
            strict_f1,
            relaxed_p,
            relaxed_r,
            relaxed_f1,
            key_acc: (self.keyed > 0).then(|| self.key_ok as f64 / self.keyed as f64),
        }
    }
}

/// Precision, recall and F1 of `hits` among `found` mentions and `gold` ones.
fn prf(hits: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |n: usize, of: usize, other: usize| match (of, other) {
        (0, 0) => 1.0,
        (0, _) => 0.0,
        _ => n as f64 / of as f64,
    };
    let p = ratio(hits, found, gold);
    let r = ratio(hits, gold, found);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// A gold mention not found (a miss), or a mention found that matches no gold one
/// (spurious): where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    /// The document's name, as given to [`Evaluation::add`].
    pub doc: String,
    /// The 1-based line of the mention's start in the article.
    pub line: usize,
    pub kind: Kind,
    /// The mention as the article writes it.
    pub text: String,
    /// The gold key, or the id of the mention found.
    pub key: String,
}

/// The counts of the articles scored so far, per type, and their misses and spurious
/// mentions in the order of the articles.
#[derive(Clone, Debug)]
pub struct Evaluation {
    kinds: Vec<Kind>,
    counts: [Counts; Kind::ALL.len()],
    pub misses: Vec<Slip>,
    pub spurious: Vec<Slip>,
}

impl Evaluation {
    /// An evaluation of the mentions of `kinds` only, in that order; all types if empty.
    pub fn new(kinds: &[Kind]) -> Evaluation {
        let mut wanted: Vec<Kind> = Vec::new();
        for &kind in kinds {
            if !wanted.contains(&kind) {
                wanted.push(kind);
            }
        }
        if wanted.is_empty() {
            wanted = Kind::ALL.to_vec();
        }
        Evaluation {
            kinds: wanted,
            counts: Default::default(),
            misses: Vec::new(),
            spurious: Vec::new(),
        }
    }

    /// The types scored, in the order of their rows.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// Score one article: the mentions `found` in `gold.text`, sorted by start and none
    /// overlapping another (as [`Extractor::extract`](crate::Extractor::extract) returns
    /// them), against its gold mentions. Each gold mention in turn takes the first mention
    /// found, not yet taken, of its type and with its span; failing that, the first one of its
    /// type that overlaps it.
    pub fn add(&mut self, doc: &str, gold: &Gold, found: &[Mention]) {
        let found: Vec<&Mention> = found.iter().filter(|m| self.wants(m.kind)).collect();
        debug_assert!(
            found.windows(2).all(|w| w[0].end <= w[1].start),
            "mentions found are sorted and do not overlap"
        );
        let mut taken = vec![false; found.len()];
        for m in &found {
            self.counts[m.kind as usize].pred += 1;
        }
        for g in &gold.mentions {
            if !self.wants(g.kind) {
                continue;
            }
            let counts = &mut self.counts[g.kind as usize];
            counts.gold += 1;
            // The mentions found that overlap the gold span lie together: found mentions are
            // sorted and disjoint, so their ends are sorted too.
            let from = found.partition_point(|m| m.end <= g.start);
            let to = found.partition_point(|m| m.start < g.end).max(from);
            let free = |i: &usize| !taken[*i] && found[*i].kind == g.kind;
            let exact = (from..to)
                .filter(free)
                .find(|&i| (found[i].start, found[i].end) == (g.start, g.end));
            let Some(hit) = exact.or_else(|| (from..to).find(free)) else {
                self.misses.push(Slip {
                    doc: doc.to_string(),
                    line: g.line,
                    kind: g.kind,
                    text: gold.text[g.start..g.end].to_string(),
                    key: g.key.clone(),
                });
                continue;
            };
            taken[hit] = true;
            counts.relaxed += 1;
            counts.strict += usize::from(exact.is_some());
            if let Some(agrees) = key_matches(&g.key, found[hit]) {
                counts.keyed += 1;
                counts.key_ok += usize::from(agrees);
            }
        }
        let mut lines = Place::new(&gold.text);
        for (m, _) in found.iter().zip(&taken).filter(|(_, taken)| !**taken) {
            self.spurious.push(Slip {
                doc: doc.to_string(),
                line: lines.advance_to(m.start).0,
                kind: m.kind,
                text: gold.text[m.start..m.end].to_string(),
                key: m.id.to_string(),
            });
        }
    }

    fn wants(&self, kind: Kind) -> bool {
        self.kinds.contains(&kind)
    }

    /// The counts of one type.
    pub fn counts(&self, kind: Kind) -> Counts {
        self.counts[kind as usize]
    }

    /// The counts of all the types scored, added up.
    pub fn micro(&self) -> Counts {
        let mut total = Counts::default();
        for &kind in &self.kinds {
            total += self.counts(kind);
        }
        total
    }

    /// The rows of the score table: each type scored, then `micro`.
    pub fn rows(&self) -> Vec<(&'static str, Scores)> {
        let types = self.kinds.iter().map(|&k| (k.as_str(), self.counts(k)));
        types
            .chain([("micro", self.micro())])
            .map(|(name, counts)| (name, counts.scores()))
            .collect()
    }
}

/// Whether the mention found has the gold key (`None` when the gold mention has none): as its
/// id, name or value, once each is normalised ([`norm_key`]); a year written `XXXX` in the
/// gold key stands for any four digits, for dates whose year the article leaves out.
fn key_matches(gold_key: &str, found: &Mention) -> Option<bool> {
    if gold_key.is_empty() {
        return None;
    }
    let gold = norm_key(gold_key);
    let agrees = [&*found.id, &*found.name, &*found.value]
        .into_iter()
        .filter(|v| !v.is_empty())
        .map(norm_key)
        .any(|found| found == gold || any_year(&gold, &found));
    Some(agrees)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Text;

    fn mention(kind: Kind, start: usize, end: usize, id: &str) -> Mention<'static> {
        Mention::new(kind, start, end, Text::owned(id.to_string()))
    }

    #[test]
    fn gold_files_give_back_their_article_and_mentions() {
        let marked = "[[country:FR|France]] and\n[[agency|the Zembla Office]] met [[date: 2020-01-02 |on\nMonday]].";
        let gold = parse_gold(marked).expect("well formed");
        assert_eq!(gold.text, "France and\nthe Zembla Office met on\nMonday.");
        let spans: Vec<_> = gold
            .mentions
            .iter()
            .map(|m| (m.kind, &gold.text[m.start..m.end], m.line, m.key.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                (Kind::Country, "France", 1, "FR"),
                (Kind::Agency, "the Zembla Office", 2, ""),
                (Kind::Date, "on\nMonday", 2, "2020-01-02"),
            ]
        );
    }

    #[test]
    fn malformed_markup_is_placed_by_line_and_column() {
        let kinds = "the types are country, agency, official, date, agreement";
        for (name, marked, expected) in [
            ("unclosed", "ok\nsee [[country:FR|France", vec![(2, 5, "`[[` is not closed")]),
            (
                "unknown type",
                "é [[planet:MARS|Mars]]",
                vec![(1, 5, &*format!("unknown type `planet` ({kinds})"))],
            ),
            (
                "no bar",
                "[[country:FR France]] x",
                vec![(1, 1, "`[[` starts no mention: the forms are [[type:key|surface]] and [[type|surface]]")],
            ),
            (
                "closed by a later mention",
                "[[country|France and [[country|Spain]]",
                vec![(1, 1, "`[[` is not closed: another `[[` comes before the next `]]`")],
            ),
            ("stray close", "France]] is", vec![(1, 7, "`]]` closes no `[[`")]),
            (
                "several",
                "[[Country|A]]\n[[agency|B]] ]]",
                vec![
                    (1, 1, "`[[` starts no mention: the forms are [[type:key|surface]] and [[type|surface]]"),
                    (2, 14, "`]]` closes no `[[`"),
                ],
            ),
        ] {
            let errors = parse_gold(marked).expect_err(name);
            let got: Vec<_> = errors
                .iter()
                .map(|e| (e.line, e.column, e.message.as_str()))
                .collect();
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn gold_mentions_take_exact_matches_first_then_the_first_overlap() {
        let gold = parse_gold(
            "[[country:US|United States]] and [[agency:NASA|NASA]] on [[date:XXXX-05-21|May 21]]",
        )
        .unwrap();
        let found = [
            mention(Kind::Country, 0, 6, "US"),
            mention(Kind::Country, 7, 13, "FR"),
            mention(Kind::Agency, 18, 22, "ESA"),
            mention(Kind::Date, 26, 32, "2021-05-21"),
        ];
        let mut eval = Evaluation::new(&[]);
        eval.add("a", &gold, &found);
        let c = |strict, relaxed, keyed, key_ok, pred| Counts {
            gold: 1,
            pred,
            strict,
            relaxed,
            keyed,
            key_ok,
        };
        assert_eq!(eval.counts(Kind::Country), c(0, 1, 1, 1, 2));
        assert_eq!(eval.counts(Kind::Agency), c(1, 1, 1, 0, 1));
        assert_eq!(eval.counts(Kind::Date), c(1, 1, 1, 1, 1));
        assert_eq!(eval.spurious.len(), 1);
        assert_eq!(eval.spurious[0].text, "States");
        assert!(eval.misses.is_empty());
        let micro = eval.micro();
        assert_eq!((micro.gold, micro.pred, micro.relaxed), (3, 4, 3));
    }

    #[test]
    fn only_the_types_asked_for_are_scored() {
        let gold = parse_gold("[[country:US|US]] [[agency|NASA]]").unwrap();
        let found = [mention(Kind::Country, 0, 2, "US")];
        let mut eval = Evaluation::new(&[Kind::Agency, Kind::Agency]);
        eval.add("a", &gold, &found);
        let names: Vec<_> = eval.rows().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["agency", "micro"]);
        assert_eq!(eval.micro().pred, 0);
        assert_eq!(eval.misses.len(), 1);
    }

    #[test]
    fn figures_follow_the_reference_scorer_at_the_edges() {
        for (hits, found, gold, expected) in [
            (0, 0, 0, (1.0, 1.0, 1.0)),
            (0, 3, 0, (0.0, 0.0, 0.0)),
            (0, 0, 3, (0.0, 0.0, 0.0)),
            (0, 2, 2, (0.0, 0.0, 0.0)),
            (1, 2, 4, (0.5, 0.25, 1.0 / 3.0)),
        ] {
            assert_eq!(prf(hits, found, gold), expected, "{hits}/{found}/{gold}");
        }
    }
}
