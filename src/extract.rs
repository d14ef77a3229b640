//! `Extractor::extract`: one document's text in, its entity mentions out, sorted and never
//! overlapping. This is where dictionary hits and rule candidates meet: the longest span wins,
//! ambiguous acronyms take the reading the article has established, abbreviations defined in
//! parentheses spread to their later uses, and officials are found beside the bodies they
//! serve. Pure: no I/O, so it is shared by the CLI, the tests and any library user.

use crate::entity::{overlapping, Kind, Mention, Text};
use crate::gazetteer::{self, Entry, EntryType, Gazetteer, Reading};
use crate::matcher::{Capitals, WordFilter};
use crate::rules::acronym_names::names_before_acronyms;
use crate::rules::agreements::AgreementRules;
use crate::rules::bodies::BodyRules;
use crate::rules::dates::{DateOptions, DateRules};
use crate::rules::inside_names::opens_other_name;
use crate::rules::officials::{self, Named, TitleHit};
use crate::rules::short_forms;
use crate::text::articles::article_starts;
use crate::text::{
    is_capitalised, on_word_boundaries, window_after, word_starts, word_starts_where, WordStart,
};

/// Countries that share their name with a sub-national place, and the words near a mention
/// that show the place is meant (`Atlanta, Georgia`).
const NAMESAKES: &[(&str, &[&str])] = &[(
    "GE",
    &[
        "Atlanta",
        "Savannah",
        "Georgia Tech",
        "state of Georgia",
        "Ga.",
        "U.S. state",
        "US state",
    ],
)];

/// How much a candidate's source is trusted when two candidates cover the same span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    ShapeRule,
    Rule,
    Dictionary,
}

/// A span some matcher claims, small enough to sort and move cheaply: a dictionary mention
/// is only built once its span has won, from the entry the article's context chooses.
#[derive(Clone, Copy, Debug)]
struct Candidate<'a> {
    start: usize,
    end: usize,
    source: Source,
    claim: Claim<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Claim<'a> {
    /// Dictionary entries the span may name, default first.
    Entries(&'a [usize]),
    /// A name that is no entity but must win over the entity inside it.
    Ignored,
    /// A rule's mention, by its index among the rule mentions.
    Rule(usize),
    /// A body named by shape, keyed by its name up to the byte given (less a country that
    /// completes it): copied from the text only if it wins.
    Body(usize),
}

impl Candidate<'_> {
    fn len(&self) -> usize {
        self.end - self.start
    }

    /// The order in which candidates claim their spans: longest first, then the most
    /// trusted source, then leftmost.
    fn rank(&self, other: &Candidate<'_>) -> std::cmp::Ordering {
        other
            .len()
            .cmp(&self.len())
            .then(other.source.cmp(&self.source))
            .then(self.start.cmp(&other.start))
    }
}

/// Dictionaries and compiled rules, built once per run and shared by all threads.
pub struct Extractor {
    gazetteer: Gazetteer,
    dates: DateRules,
    agreements: AgreementRules,
    bodies: BodyRules,
    /// Where any matcher may match, but for dates that start with a digit: one test per word
    /// start for all of them.
    likely: WordFilter,
}

impl Extractor {
    /// An extractor over the given dictionary entries, reading dates with the default options.
    pub fn new(entries: Vec<Entry>) -> Extractor {
        let (dates, agreements, bodies) = rules(DateOptions::default());
        Extractor::assemble(Gazetteer::new(entries), dates, agreements, bodies)
    }

    /// An extractor over the embedded dictionaries (unless `builtin` is false) and the user
    /// dictionary files given; any problem in any file is an error listing them all.
    pub fn from_dictionaries(
        builtin: bool,
        user: &[std::path::PathBuf],
    ) -> anyhow::Result<Extractor> {
        Extractor::from_dictionaries_with(builtin, user, DateOptions::default())
    }

    /// [`from_dictionaries`](Self::from_dictionaries), reading dates with these options
    /// (`--date-order`, `--reference-date`). The rules are compiled on a thread of their own
    /// while the dictionaries are read and their trie built: compiling is a third of the
    /// start-up, and start-up is most of the time a run over one article takes.
    pub fn from_dictionaries_with(
        builtin: bool,
        user: &[std::path::PathBuf],
        options: DateOptions,
    ) -> anyhow::Result<Extractor> {
        std::thread::scope(|scope| {
            let compiling = scope.spawn(|| rules(options));
            let gazetteer = gazetteer::load(builtin, user).map(Gazetteer::new);
            let (dates, agreements, bodies) = compiling
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok(Extractor::assemble(gazetteer?, dates, agreements, bodies))
        })
    }

    fn assemble(
        gazetteer: Gazetteer,
        dates: DateRules,
        agreements: AgreementRules,
        bodies: BodyRules,
    ) -> Extractor {
        let likely = likely(&gazetteer, &dates, &agreements, &bodies);
        Extractor {
            gazetteer,
            dates,
            agreements,
            bodies,
            likely,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        self.gazetteer.entries()
    }

    /// All entity mentions of `text`, sorted by start, none overlapping another. When the text
    /// holds several articles ([`article_starts`]), each is the context of its own mentions: a
    /// surname, an abbreviation or a yearless date reads as its article says.
    pub fn extract(&self, text: &str) -> Vec<Mention<'_>> {
        let starts = article_starts(text);
        if starts.is_empty() {
            return self.extract_article(text);
        }
        let mut mentions = Vec::new();
        let mut from = 0;
        for to in starts.into_iter().chain([text.len()]) {
            mentions.extend(
                self.extract_article(&text[from..to])
                    .into_iter()
                    .map(|mut m| {
                        m.start += from;
                        m.end += from;
                        m
                    }),
            );
            from = to;
        }
        mentions
    }

    /// The mentions of one article.
    fn extract_article(&self, text: &str) -> Vec<Mention<'_>> {
        let found = self.candidates(text);
        let capitals = Capitals::new(text, found.capitals);
        let mut mentions = self.resolve(text, found.candidates, found.rules);
        join_countries(text, &mut mentions);
        add_vouched_names(text, &mut mentions);
        self.spread_abbreviations(text, &capitals, &mut mentions);
        let short = short_forms::find(text, &capitals, &mentions);
        if !short.is_empty() {
            mentions.extend(short);
            mentions.sort_by_key(|m| m.start);
        }
        let named = officials::find(text, &found.titles, &mentions);
        add_officials(text, &mut mentions, named);
        officials::resolve_surnames(text, &capitals, &mut mentions);
        debug_assert!(
            mentions.is_sorted_by_key(|m| m.start),
            "every stage keeps the order"
        );
        share_roles(&mut mentions);
        mentions
    }

    /// Every dictionary hit and rule match, plus the titles that introduce officials.
    fn candidates(&self, text: &str) -> Found<'_> {
        // Most words start no name, date or instrument: turn them away once for all the
        // matchers instead of once in each. `likely` holds every matcher's words; the digit
        // test is the rest of `DateRules::may_start`, which the date rule applies again. Both
        // tests are made (`|`, not `||`), so that keeping a place takes no branch.
        // The same pass lists the places a document's own names (abbreviations, surnames)
        // may start, for the searches of them later.
        let bytes = text.as_bytes();
        let mut capitals = Vec::with_capacity(text.len() / 64 + 8);
        let starts = word_starts_where(text, |s| {
            if Capitals::holds(bytes[s.at]) {
                capitals.push(s);
            }
            self.likely.may_start(s) | bytes[s.at].is_ascii_digit()
        });
        let hits = self.gazetteer.find(text, &starts);
        let mut rules = self.dates.find(text, &starts);
        rules.extend(self.agreements.find(text, &starts));
        let mut candidates = Vec::with_capacity(hits.len() + rules.len());
        let mut titles = Vec::with_capacity(16);
        let entries = self.gazetteer.entries();
        for hit in hits {
            let ids = self.gazetteer.candidates(&hit);
            let claim = match self.gazetteer.reading(&hit) {
                Reading::Title { government } => {
                    titles.push(TitleHit {
                        start: hit.start,
                        end: hit.end,
                        government,
                    });
                    continue;
                }
                Reading::Ignored => Claim::Ignored,
                Reading::Entity(Kind::Country)
                    if !is_country_here(text, hit.start, hit.end, &entries[ids[0]].id) =>
                {
                    continue
                }
                Reading::Entity(Kind::Agency) if opens_other_name(text, hit.end, false) => continue,
                Reading::Entity(_) => Claim::Entries(ids),
            };
            candidates.push(Candidate {
                start: hit.start,
                end: hit.end,
                source: Source::Dictionary,
                claim,
            });
        }
        let rule = |i: usize, m: &Mention, source: Source| Candidate {
            start: m.start,
            end: m.end,
            source,
            claim: Claim::Rule(i),
        };
        candidates.extend(
            rules
                .iter()
                .enumerate()
                .map(|(i, m)| rule(i, m, Source::Rule)),
        );
        // A shape rule may run on into a dictionary name (`Ministry of Foreign Affairs and the
        // Korea Aerospace Research Institute`, `Funding To European Space Agency`): the body
        // is what the rule still finds in the text before that name, if anything. Dictionary
        // candidates come first and in order, so their starts are sorted.
        // A country that completes the body's name (`Embassy of Zembla`, `… of the Republic of
        // Zembla`) is no such name: the body holds it.
        // Such a country is its name's last word.
        let mut names: Vec<(usize, usize)> = Vec::with_capacity(candidates.len());
        let mut completing: Vec<(usize, usize)> = Vec::new();
        for c in &candidates {
            let Claim::Entries(ids) = c.claim else {
                continue;
            };
            if entries[ids[0]].etype != EntryType::Entity(Kind::Country) {
                names.push((c.start, c.end));
            } else if completes_a_name(text, c.start) {
                completing.push((c.start, c.end));
            } else {
                names.push((c.start, c.end));
            }
        }
        for mut b in self.bodies.find(text, &starts) {
            let at = completing.partition_point(|&(s, _)| s <= b.start);
            if let Some(&(_, end)) = completing.get(at).filter(|&&(s, _)| s < b.end) {
                b.end = b.end.min(end);
            }
            // A dictionary name that ends the body's right after a capitalised word is its
            // head (`Zembla Space Command`), which the body takes in; after a joiner it is a
            // name of its own (`… and the Korea Aerospace Research Institute`), and so is one
            // that a demonym opens (`New African Space Agency`).
            let head = |s: usize| {
                let first = &text[s..text[s..].find(' ').map_or(text.len(), |p| s + p)];
                if officials::is_demonym(first) {
                    return false;
                }
                let before = &text[b.start..s];
                before.strip_suffix(' ').is_some_and(|w| {
                    let word = &w[w.rfind(' ').map_or(0, |p| p + 1)..];
                    is_capitalised(word)
                })
            };
            let cut = names
                .get(names.partition_point(|&(s, _)| s <= b.start))
                .copied()
                .filter(|&(s, e)| s < b.end && !(e == b.end && head(s)))
                .map(|(s, _)| s);
            let body = match cut {
                None => Some(b),
                Some(cut) => {
                    let before = &text[b.start..cut];
                    self.bodies
                        .find(before, &word_starts(before))
                        .into_iter()
                        .find(|m| m.start == 0)
                        .map(|m| m.start + b.start..m.end + b.start)
                }
            };
            if let Some(body) = body {
                // `Ministry of the Economy of Zembla` is keyed `Ministry of the Economy`; a name
                // that is its head and the country (`Embassy of Zembla`) keeps it.
                let at = completing.partition_point(|&(_, e)| e < body.end);
                let key_end = completing
                    .get(at)
                    .filter(|&&(s, e)| e == body.end && s > body.start)
                    .map(|&(s, _)| {
                        let before = &text[..s];
                        let of = before
                            .strip_suffix(" of the ")
                            .or(before.strip_suffix(" of "));
                        of.map_or(s, str::len)
                    })
                    .filter(|&k| text[body.start..k].contains(' '))
                    .unwrap_or(body.end);
                candidates.push(Candidate {
                    start: body.start,
                    end: body.end,
                    source: Source::ShapeRule,
                    claim: Claim::Body(key_end),
                });
            }
        }
        Found {
            candidates,
            rules,
            titles,
            capitals,
        }
    }

    /// Longest first, then the most trusted source, then leftmost; nothing nests.
    fn resolve<'a>(
        &'a self,
        text: &str,
        candidates: Vec<Candidate<'_>>,
        rules: Vec<Mention<'a>>,
    ) -> Vec<Mention<'a>> {
        let kept = winners(&candidates);
        let entries = self.gazetteer.entries();
        let mut rules: Vec<Option<Mention>> = rules.into_iter().map(Some).collect();
        // The reading an article has established for an ambiguous acronym: the body named
        // most recently before it, else the best-known one (listed first). Only bodies some
        // acronym may name are remembered.
        let mut last_seen: Vec<(usize, usize)> = Vec::new();
        // Room for what the later stages add (abbreviations' uses, officials, surnames), so
        // that the vector is not copied as it grows.
        let mut out = Vec::with_capacity(kept.len() * 3 / 2 + 8);
        for (at, c) in kept.into_iter().map(|i| candidates[i]).enumerate() {
            let chosen = match c.claim {
                Claim::Ignored => continue,
                Claim::Rule(r) => {
                    out.push(rules[r].take().expect("each rule mention is kept once"));
                    continue;
                }
                Claim::Body(key_end) => {
                    let key = text[c.start..key_end].to_string();
                    let mut m = Mention::new(Kind::Agency, c.start, c.end, key);
                    if key_end != c.end {
                        m.name = text[c.start..c.end].to_string().into();
                    }
                    out.push(m);
                    continue;
                }
                Claim::Entries([only]) => {
                    if self.gazetteer.contested(*only) {
                        last_seen.retain(|&(e, _)| e != *only);
                        last_seen.push((*only, at));
                    }
                    *only
                }
                Claim::Entries(many) => many
                    .iter()
                    .filter_map(|&e| {
                        last_seen
                            .iter()
                            .find(|&&(seen, _)| seen == e)
                            .map(|&(_, at)| (at, e))
                    })
                    .max()
                    .map_or(many[0], |(_, e)| e),
            };
            let entry = &entries[chosen];
            let EntryType::Entity(kind) = entry.etype else {
                unreachable!("only entities are claimed")
            };
            let mut m =
                Mention::named(kind, c.start, c.end, entry.id.as_str(), entry.name.as_str());
            if kind == Kind::Official {
                m.role = Text::borrowed(&entry.role);
                m.org = Text::borrowed(&entry.org);
            }
            out.push(m);
        }
        out
    }

    /// `Technology Safeguards Agreement (TSA)`, `Office of the President (OP)`: an
    /// abbreviation defined in parentheses right after a mention names the same thing there
    /// and everywhere else in the article.
    fn spread_abbreviations(&self, text: &str, capitals: &Capitals, mentions: &mut Vec<Mention>) {
        // (abbreviation, the mention defining it): the first definition of each, which names
        // every use, as a later one defining it again names nothing more.
        let mut defined: Vec<(&str, usize)> = Vec::new();
        for (at, m) in mentions.iter().enumerate() {
            if !matches!(m.kind, Kind::Agency | Kind::Agreement) {
                continue;
            }
            let Some(abbr) = abbreviation_defined(window_after(text, m.end, ABBREVIATION_REACH))
            else {
                continue;
            };
            let upper = abbr.bytes().filter(u8::is_ascii_uppercase).count();
            // An agency's own acronym needs no spreading: the dictionary finds all its uses.
            if upper >= 2 && abbr.len() <= upper * 3 && !self.gazetteer.names_agency(abbr) {
                defined.push((abbr, at));
            }
        }
        if defined.is_empty() {
            return;
        }
        // A body named by shape is keyed by the acronym the article gives it (`National
        // Remote Sensing Board (NRSB)` is `NRSB`), as are its other mentions by name; a
        // dictionary body keeps its own key.
        let mut rekeyed: Vec<(String, &str)> = Vec::new();
        for &(abbr, at) in &defined {
            let m = &mentions[at];
            // A body named by shape is keyed by its name's start, which names no dictionary
            // body.
            if m.kind == Kind::Agency
                && text[m.start..m.end].starts_with(&*m.id)
                && !self.gazetteer.names_agency(&m.id)
                && !rekeyed.iter().any(|(id, _)| *id == *m.id)
            {
                rekeyed.push((m.id.to_string(), abbr));
            }
        }
        for (id, abbr) in &rekeyed {
            for m in mentions.iter_mut() {
                if m.kind == Kind::Agency && *m.id == **id {
                    m.id = abbr.to_string().into();
                }
            }
        }
        // Sorted by abbreviation, the first definition of each (in text order) first.
        defined.sort_unstable();
        defined.dedup_by_key(|(abbr, _)| *abbr);
        let needles: Vec<&str> = defined.iter().map(|(abbr, _)| *abbr).collect();
        let mut spread = Vec::new();
        let mut free = 0;
        for (start, end, i) in capitals.find(&needles) {
            if start >= free
                && on_word_boundaries(text, start, end)
                && overlapping(mentions, start, end).is_empty()
            {
                let mut m = mentions[defined[i].1].clone();
                m.start = start;
                m.end = end;
                spread.push(m);
                free = end;
            }
        }
        if !spread.is_empty() {
            mentions.extend(spread);
            // Two sorted runs: the stable sort merges them, moving each mention once, where
            // an unstable sort would partition the whole vector.
            mentions.sort_by_key(|m| m.start);
        }
    }
}

/// How many bytes after a mention an abbreviation defined for it is looked for in: room for
/// ` ( ` and twelve characters, and the spaces and parenthesis after them.
const ABBREVIATION_REACH: usize = 32;

/// The abbreviation `after` opens with in parentheses, as in ` (TSA)` or ` ( ESA )`: a capital
/// and one to eleven letters, digits or `&.-`. Read by hand, as it is tried after every
/// mention followed by a parenthesis, where a regex cost more than the rest of the test.
fn abbreviation_defined(after: &str) -> Option<&str> {
    let inside = after
        .trim_start_matches(' ')
        .strip_prefix('(')?
        .trim_start();
    let len = inside
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b"&.-".contains(&b)))
        .unwrap_or(inside.len());
    let abbr = &inside[..len];
    let capital = abbr.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
    let closed = inside[len..].trim_start().starts_with(')');
    (capital && (2..=12).contains(&len) && closed).then_some(abbr)
}

/// The rules, compiled: dates read with `options`, agreements and bodies.
fn rules(options: DateOptions) -> (DateRules, AgreementRules, BodyRules) {
    (
        DateRules::with_options(options),
        AgreementRules::new(),
        BodyRules::new(),
    )
}

/// The union of the matchers' filters, for [`Extractor::likely`].
fn likely(
    gazetteer: &Gazetteer,
    dates: &DateRules,
    agreements: &AgreementRules,
    bodies: &BodyRules,
) -> WordFilter {
    gazetteer
        .filter()
        .union(dates.word_filter())
        .union(agreements.filter())
        .union(bodies.filter())
}

/// What the matchers found in one document.
struct Found<'a> {
    candidates: Vec<Candidate<'a>>,
    /// The mentions rule candidates stand for, by [`Claim::Rule`] index.
    rules: Vec<Mention<'a>>,
    /// Title words, which introduce officials rather than compete for spans.
    titles: Vec<TitleHit>,
    /// The word starts with a capital, for [`Capitals`].
    capitals: Vec<WordStart>,
}

/// The candidates that win their spans, in order of start: longest first, then the most
/// trusted source, then leftmost, each kept unless a better one overlaps it.
fn winners(candidates: &[Candidate<'_>]) -> Vec<usize> {
    // Only candidates that overlap compete, and most overlap none: walk them by start, and
    // rank only each run of overlapping ones. A stable sort keeps equal starts in index
    // order, and merges the sorted runs each matcher produced.
    let mut by_start: Vec<usize> = (0..candidates.len()).collect();
    by_start.sort_by_key(|&i| candidates[i].start);
    let mut kept: Vec<usize> = Vec::with_capacity(candidates.len());
    let mut run: Vec<usize> = Vec::new();
    let mut reach = 0;
    for i in by_start {
        if candidates[i].start >= reach {
            settle(candidates, &mut run, &mut kept);
        }
        reach = reach.max(candidates[i].end);
        run.push(i);
    }
    settle(candidates, &mut run, &mut kept);
    kept
}

/// Runs of overlapping candidates longer than this are settled with a map of the spans kept.
const SHORT_RUN: usize = 16;

/// Rank one run of overlapping candidates and keep, in order of start, those no better one
/// overlaps; `run` is left empty. A run is most often a few candidates, so the ones kept
/// from it are searched for a clash one by one, which is faster than keeping them in a map;
/// a long run (a text of names that overlap one another, `Ministry of Ministry of …`) is
/// searched in a map by start, so that a clash costs one look at a neighbour.
fn settle(candidates: &[Candidate<'_>], run: &mut Vec<usize>, kept: &mut Vec<usize>) {
    match run[..] {
        [] => return,
        [only] => {
            kept.push(only);
            run.clear();
            return;
        }
        _ => {}
    }
    // The index breaks ties, so the order is the same on every run.
    run.sort_unstable_by(|&a, &b| candidates[a].rank(&candidates[b]).then(a.cmp(&b)));
    let from = kept.len();
    if run.len() <= SHORT_RUN {
        for i in run.drain(..) {
            let (start, end) = (candidates[i].start, candidates[i].end);
            let clash = kept[from..]
                .iter()
                .any(|&k| candidates[k].start < end && start < candidates[k].end);
            if !clash {
                kept.push(i);
            }
        }
    } else {
        // Kept spans by start; they never overlap, so only the last one starting before a
        // candidate's end can overlap it. (No candidate is empty.)
        let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
        for i in run.drain(..) {
            let (start, end) = (candidates[i].start, candidates[i].end);
            debug_assert!(start < end, "no candidate is empty");
            let clash = taken
                .range(..end)
                .next_back()
                .is_some_and(|(_, &kept_end)| kept_end > start);
            if !clash {
                taken.insert(start, end);
                kept.push(i);
            }
        }
    }
    // Kept spans never overlap: distinct starts, so unstable is deterministic.
    kept[from..].sort_unstable_by_key(|&i| candidates[i].start);
}

/// Officials named by title or apposition join the mentions. One the dictionary already found
/// takes the role and org the text gives it; a new one replaces the country or agency mentions
/// inside its name (a name is longer than what it holds). `mentions` and `named` are sorted by
/// start, none overlapping another, and `mentions` stays so: what each official does is
/// decided first, and then the mentions are merged with the new officials in one pass.
fn add_officials<'a>(text: &str, mentions: &mut Vec<Mention<'a>>, named: Vec<Named<'a>>) {
    // (the run of mentions an official replaces, the official), in order: the runs of two
    // officials never overlap, as a mention in both would stick out of each.
    let mut replacing: Vec<(std::ops::Range<usize>, Named)> = Vec::new();
    for o in named {
        let lo = mentions.partition_point(|m| m.end <= o.start);
        let hi = mentions.partition_point(|m| m.start < o.end).max(lo);
        let run = &mut mentions[lo..hi];
        if let [known] = run {
            if known.kind == Kind::Official && (known.start, known.end) == (o.start, o.end) {
                if !o.role.is_empty() {
                    known.role = text[o.role].to_string().into();
                }
                if !o.org.is_empty() {
                    known.org = o.org;
                }
                continue;
            }
        }
        if run.iter().any(|m| m.start < o.start || m.end > o.end) {
            continue;
        }
        replacing.push((lo..hi, o));
    }
    if replacing.is_empty() {
        return;
    }
    let old = std::mem::take(mentions);
    // The room the later stages were given, kept.
    *mentions = Vec::with_capacity(old.capacity().max(old.len() + replacing.len()));
    let mut next = 0;
    let mut old = old.into_iter();
    for (run, o) in replacing {
        mentions.extend(old.by_ref().take(run.start - next));
        old.by_ref().take(run.len()).for_each(drop);
        next = run.end;
        let name = text[o.start..o.end].to_string();
        let mut m = Mention::new(Kind::Official, o.start, o.end, name);
        m.role = text[o.role].to_string().into();
        m.org = o.org;
        mentions.push(m);
    }
    mentions.extend(old);
}

/// Every mention of an official says who they are: the role and org of the first mention
/// that has them (`Ross said` after `Commerce Secretary Wilbur Ross`).
fn share_roles(mentions: &mut [Mention]) {
    // The officials grouped by id, each group in text order (the sort is stable): a sort, as
    // an article names few officials and hashing each id cost more than ordering them.
    let mut officials: Vec<usize> = Vec::with_capacity(mentions.len());
    officials.extend((0..mentions.len()).filter(|&i| mentions[i].kind == Kind::Official));
    officials.sort_by(|&a, &b| mentions[a].id.cmp(&mentions[b].id));
    let mut rest = &officials[..];
    while let Some(&first) = rest.first() {
        let same = rest
            .iter()
            .take_while(|&&i| mentions[i].id == mentions[first].id)
            .count();
        let (group, after) = rest.split_at(same);
        rest = after;
        let role = group
            .iter()
            .copied()
            .find(|&i| !mentions[i].role.is_empty());
        let org = group.iter().copied().find(|&i| !mentions[i].org.is_empty());
        for &i in group {
            if let Some(from) = role.filter(|_| mentions[i].role.is_empty()) {
                mentions[i].role = mentions[from].role.clone();
            }
            if let Some(from) = org.filter(|_| mentions[i].org.is_empty()) {
                mentions[i].org = mentions[from].org.clone();
            }
        }
    }
}

/// Names a known acronym in parentheses vouches for ([`names_before_acronyms`]) join the
/// mentions as mentions of the acronym's body. `mentions` is sorted by start and stays so.
fn add_vouched_names(text: &str, mentions: &mut Vec<Mention>) {
    let vouched = names_before_acronyms(text, mentions);
    if vouched.is_empty() {
        return;
    }
    let added: Vec<Mention> = vouched
        .into_iter()
        .map(|(span, at)| {
            let mut m = mentions[at].clone();
            (m.start, m.end) = (span.start, span.end);
            m
        })
        .collect();
    mentions.extend(added);
    mentions.sort_by_key(|m| m.start);
}

/// `Zembla Ministry of Science`, `U.S. National Space Council`: a country right before a
/// body's name written out in words is part of that name (the longest name wins), and the
/// body's mention takes its place. Before an acronym (`Zembla ZSA`) it stays a country.
/// `mentions` is sorted by start and stays so.
fn join_countries(text: &str, mentions: &mut Vec<Mention>) {
    let joins = |country: &Mention, body: &Mention| {
        country.kind == Kind::Country
            && body.kind == Kind::Agency
            && country.end + 1 == body.start
            && text.as_bytes()[country.end] == b' '
            && text[body.start..body.end]
                .split(' ')
                .next()
                .is_some_and(|w| w.chars().skip(1).any(char::is_lowercase))
    };
    if !mentions.windows(2).any(|w| joins(&w[0], &w[1])) {
        return;
    }
    let old = std::mem::take(mentions);
    let mut old = old.into_iter().peekable();
    while let Some(m) = old.next() {
        match old.peek_mut() {
            Some(body) if joins(&m, body) => body.start = m.start,
            _ => mentions.push(m),
        }
    }
}

/// Whether a country's name starting at `start` completes a body's name before it: it follows
/// `of` or `of the` (`Ministry of the Economy of Zembla`).
fn completes_a_name(text: &str, start: usize) -> bool {
    let before = &text[..start];
    before.ends_with(" of ") || before.ends_with(" of the ")
}

/// False where a country's name opens the name of something else ([`opens_other_name`]) or
/// names a sub-national namesake.
fn is_country_here(text: &str, start: usize, end: usize, id: &str) -> bool {
    if opens_other_name(text, end, true) {
        return false;
    }
    let window = |from: usize, to: usize| {
        let mut a = from;
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = to.min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        &text[a..b]
    };
    NAMESAKES.iter().filter(|(c, _)| *c == id).all(|(_, cues)| {
        let near = window(start.saturating_sub(60), end + 60);
        !cues.iter().any(|cue| near.contains(cue))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(text: &str) -> Vec<String> {
        let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
        let found = extractor.extract(text);
        found
            .iter()
            .map(|m| format!("{}:{}:{}", m.kind, &text[m.start..m.end], m.id))
            .collect()
    }

    /// The ranking by its definition: every candidate in order of rank, kept unless an
    /// already kept one overlaps it.
    fn winners_by_definition(candidates: &[Candidate<'_>]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by(|&a, &b| candidates[a].rank(&candidates[b]));
        let mut kept: Vec<usize> = Vec::new();
        for i in order {
            let c = &candidates[i];
            if !kept
                .iter()
                .any(|&k| candidates[k].start < c.end && c.start < candidates[k].end)
            {
                kept.push(i);
            }
        }
        kept.sort_by_key(|&i| candidates[i].start);
        kept
    }

    /// A candidate as a test writes it: start, length, and source (0 shape, 1 rule, 2
    /// dictionary).
    type Span = (usize, usize, u8);

    fn spans(raw: &[Span]) -> Vec<Candidate<'static>> {
        let sources = [Source::ShapeRule, Source::Rule, Source::Dictionary];
        raw.iter()
            .enumerate()
            .map(|(i, &(start, len, source))| Candidate {
                start,
                end: start + len,
                source: sources[usize::from(source) % 3],
                claim: Claim::Rule(i),
            })
            .collect()
    }

    #[test]
    fn winners_table() {
        // (name, candidates, the winners)
        let rows: &[(&str, &[Span], &[usize])] = &[
            ("none", &[], &[]),
            (
                "apart, in any order",
                &[(20, 5, 0), (0, 5, 0), (10, 5, 0)],
                &[1, 2, 0],
            ),
            (
                "touching spans do not overlap",
                &[(0, 5, 0), (5, 5, 0)],
                &[0, 1],
            ),
            ("the longest wins", &[(0, 5, 2), (3, 10, 0)], &[1]),
            (
                "then the most trusted source",
                &[(0, 5, 0), (2, 5, 2)],
                &[1],
            ),
            ("then the leftmost", &[(2, 5, 1), (0, 5, 1)], &[1]),
            (
                "a chain: the middle loses to both ends",
                &[(0, 6, 1), (5, 4, 1), (8, 6, 1)],
                &[0, 2],
            ),
            (
                "a chain: the longest middle takes both neighbours' places",
                &[(0, 6, 1), (5, 8, 1), (12, 6, 1), (20, 2, 1)],
                &[1, 3],
            ),
        ];
        for (name, raw, want) in rows {
            assert_eq!(winners(&spans(raw)), *want, "{name}");
        }
    }

    proptest::proptest! {
        #[test]
        fn winners_match_their_definition(
            raw in proptest::collection::vec((0usize..200, 1usize..30, 0u8..3), 0..40)
        ) {
            let candidates = spans(&raw);
            proptest::prop_assert_eq!(winners(&candidates), winners_by_definition(&candidates));
        }

        /// Long runs of overlapping candidates, settled through the map.
        #[test]
        fn long_runs_match_the_definition(
            raw in proptest::collection::vec((0usize..400, 1usize..40, 0u8..3), 40..160)
        ) {
            let candidates = spans(&raw);
            proptest::prop_assert_eq!(winners(&candidates), winners_by_definition(&candidates));
        }
    }

    /// `unit` repeated to about `size` bytes.
    fn repeated(unit: &str, size: usize) -> String {
        unit.repeat(size / unit.len() + 1)
    }

    /// Extract a megabyte of each `unit` repeated, and check that each yields mentions of its
    /// kind, none longer than its kind's bound. These shapes made a rule read to the end of
    /// the text from each of its places: with every candidate bounded the extraction is
    /// linear, where quadratic growth would take minutes and gigabytes.
    fn assert_bounded(rows: &[(&str, Option<Kind>)]) {
        let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
        for (unit, kind) in rows {
            let text = repeated(unit, 1_000_000);
            let found = extractor.extract(&text);
            if let Some(kind) = kind {
                assert!(found.iter().any(|m| m.kind == *kind), "{unit:?}");
            }
            for m in &found {
                let longest = match m.kind {
                    Kind::Agency => crate::rules::bodies::MAX_NAME_LEN,
                    Kind::Official => crate::rules::officials::MAX_NAME_LEN,
                    _ => 100,
                };
                assert!(m.len() <= longest, "{unit:?}: {} bytes", m.len());
                assert!(
                    m.id.len() <= longest,
                    "{unit:?}: an id of {} bytes",
                    m.id.len()
                );
            }
        }
    }

    #[test]
    fn hostile_bodies_are_bounded() {
        assert_bounded(&[
            ("Ministry of ", Some(Kind::Agency)),
            ("Deputy Ministry of the ", Some(Kind::Agency)),
            ("Ministry of Science and ", Some(Kind::Agency)),
            ("NASA,", Some(Kind::Agency)),
            ("the Zembla Space Agency (ZSA) and ZSA ", Some(Kind::Agency)),
        ]);
    }

    #[test]
    fn hostile_officials_are_bounded() {
        assert_bounded(&[
            ("Deputy ", None),
            ("Minister Anna Kovacs said. ", Some(Kind::Official)),
            ("Anna Kovacs, Minister of Space, ", Some(Kind::Official)),
            ("Deputy-", None),
            ("Science and Technology ", None),
        ]);
    }

    #[test]
    fn officials_and_abbreviations_merge_in_order() {
        // Many officials taking the roles the text gives them or replacing the country inside
        // their names, and many abbreviations spreading: the mentions stay sorted, none
        // overlapping another.
        let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
        let text = repeated(
            "NASA Administrator Bill Nelson met Secretary Anna Jordan of Ruritania. \
             The Zembla Space Agency (ZSA) said ZSA and Nelson agreed. ",
            50_000,
        );
        let found = extractor.extract(&text);
        assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
        let count = |kind, surface: &str| {
            found
                .iter()
                .filter(|m| m.kind == kind && &text[m.start..m.end] == surface)
                .count()
        };
        let units = text.matches("Bill Nelson met").count();
        assert_eq!(count(Kind::Official, "Bill Nelson"), units);
        assert_eq!(count(Kind::Official, "Anna Jordan"), units);
        assert_eq!(count(Kind::Official, "Nelson"), units);
        assert_eq!(count(Kind::Agency, "ZSA"), 2 * units);
        let nelson = found
            .iter()
            .find(|m| &text[m.start..m.end] == "Bill Nelson");
        assert_eq!(
            nelson.map(|m| (&*m.role, &*m.org)),
            Some(("Administrator", "NASA"))
        );
    }

    #[test]
    fn abbreviations_defined_in_parentheses() {
        // (after a mention, the abbreviation it defines)
        let rows: &[(&str, Option<&str>)] = &[
            (" (TSA) is", Some("TSA")),
            ("(TSA)", Some("TSA")),
            ("  ( U.S.-A&B )", Some("U.S.-A&B")),
            (" (NASA2)", Some("NASA2")),
            (" (AB)", Some("AB")),
            (" (A)", None),
            (" (ABCDEFGHIJKL)", Some("ABCDEFGHIJKL")),
            (" (ABCDEFGHIJKLM)", None),
            (" (tsa)", None),
            (" (TSA", None),
            (" (TSA and more)", None),
            (" (TSA’s)", None),
            ("\n(TSA)", None),
            (" TSA)", None),
            ("", None),
        ];
        for (after, want) in rows {
            assert_eq!(abbreviation_defined(after), *want, "{after:?}");
        }
    }

    #[test]
    fn context_decides() {
        // (name, text, expected type:surface:id)
        let rows: &[(&str, &str, &[&str])] = &[
            (
                "longest wins, nothing nests",
                "the Luxembourg Space Agency said",
                &["agency:Luxembourg Space Agency:LSA"],
            ),
            (
                "ambiguous acronym defaults to the best-known body",
                "ESA approved it.",
                &["agency:ESA:ESA"],
            ),
            (
                "ambiguous acronym follows the body the article named",
                "The Egyptian Space Agency (ESA) built it. ESA will run it.",
                &[
                    "agency:Egyptian Space Agency:Egyptian Space Agency",
                    "agency:ESA:Egyptian Space Agency",
                    "agency:ESA:Egyptian Space Agency",
                ],
            ),
            (
                "abbreviation defined in parentheses spreads",
                "the Technology Safeguards Agreement (TSA) is ready; the TSA covers it.",
                &[
                    "agreement:Technology Safeguards Agreement:agreement",
                    "agreement:TSA:agreement",
                    "agreement:TSA:agreement",
                ],
            ),
            (
                "a name holding a country is no country",
                "China Great Wall Industry Corporation and Rocket Lab USA",
                &[],
            ),
            (
                "a company word after a country",
                "Japan Airlines flew",
                &[],
            ),
            ("the US state is no country", "in Atlanta, Georgia, today", &[]),
            ("the country Georgia", "Georgia joined ESA.", &["country:Georgia:GE", "agency:ESA:ESA"]),
            (
                "a government named by a demonym is no entity",
                "the Polish Government agreed",
                &[],
            ),
            (
                "a body named by shape stops before a dictionary name",
                "the Ministry of Foreign Affairs and the Korea Aerospace Research Institute",
                &[
                    "agency:Ministry of Foreign Affairs:Ministry of Foreign Affairs",
                    "agency:Korea Aerospace Research Institute:KARI",
                ],
            ),
            (
                "a ministry named by shape",
                "the Ministry of Digital Affairs of Ruritania",
                &["agency:Ministry of Digital Affairs of Ruritania:Ministry of Digital Affairs of Ruritania"],
            ),
            (
                "a body named by shape takes the acronym defined for it",
                "the Ruritania Space Affairs Office (RSAO) met; the RSAO and the Ruritania Space Affairs Office agreed",
                &[
                    "agency:Ruritania Space Affairs Office:RSAO",
                    "agency:RSAO:RSAO",
                    "agency:RSAO:RSAO",
                    "agency:Ruritania Space Affairs Office:RSAO",
                ],
            ),
            (
                "a body named by shape takes in the dictionary name that ends it",
                "the Ruritania Space Command met",
                &["agency:Ruritania Space Command:Ruritania Space Command"],
            ),
            (
                "but not one a demonym opens",
                "New African Space Agency opens",
                &["agency:African Space Agency:AfSA"],
            ),
            (
                "a country completes a body's name",
                "the Ministry of Energy of Norway and the Embassy of the Republic of Korea met",
                &[
                    "agency:Ministry of Energy of Norway:Ministry of Energy",
                    "agency:Embassy of the Republic of Korea:Embassy of the Republic of Korea",
                ],
            ),
            (
                "a country joined to a body by `and` is no part of it",
                "the Ministry of Fisheries and Norway signed",
                &[
                    "agency:Ministry of Fisheries:Ministry of Fisheries",
                    "country:Norway:NO",
                ],
            ),
            (
                "a country before a body's name in words opens it",
                "the Norway Ministry of Energy and the U.S. National Space Council met",
                &[
                    "agency:Norway Ministry of Energy:Ministry of Energy",
                    "agency:U.S. National Space Council:National Space Council",
                ],
            ),
            (
                "a country before an acronym stays a country",
                "Norway NASA",
                &["country:Norway:NO", "agency:NASA:NASA"],
            ),
            (
                "a known acronym vouches for the name before it",
                "the Agenzia Spaziale Europea (ESA) and the Blue Orbit Holdings (ESA)",
                &[
                    "agency:Agenzia Spaziale Europea:ESA",
                    "agency:ESA:ESA",
                    "agency:ESA:ESA",
                ],
            ),
            (
                "countries in an event's name",
                "at the Norway–Sweden Space Dialogue and the Norway Prize",
                &[],
            ),
            (
                "a government's title names an official by surname alone",
                "The talks went on. Minister Kovacs said so.",
                &["official:Kovacs:Kovacs"],
            ),
            (
                "another title needs a full name or a body",
                "The talks went on. Director Kovacs said so.",
                &[],
            ),
        ];
        for (name, text, want) in rows {
            assert_eq!(extract(text), *want, "{name}");
        }
    }
}
