//! `Extractor::extract`: one document's text in, its entity mentions out, sorted and never
//! overlapping. This is where dictionary hits and rule candidates meet: the longest span wins,
//! ambiguous acronyms take the reading the article has established, abbreviations defined in
//! parentheses spread to their later uses, and officials are found beside the bodies they
//! serve. Pure: no I/O, so it is shared by the CLI, the tests and any library user.

use std::collections::{BTreeMap, HashMap};

use regex::Regex;

use crate::entity::{overlapping, Kind, Mention};
use crate::gazetteer::{self, Entry, EntryType, Gazetteer};
use crate::rules::agreements::AgreementRules;
use crate::rules::bodies::BodyRules;
use crate::rules::dates::{DateOptions, DateRules};
use crate::rules::officials::{self, TitleHit};
use crate::tokenize::{word_starts, WordFilter};

/// Words after a country name that make it part of an organisation's name (`Japan Airlines`,
/// `China Institute of International Studies`), where it is no country mention.
const ORG_WORDS: &[&str] = &[
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Limited",
    "Airlines",
    "Airways",
    "Aerospace",
    "Industries",
    "Institute",
    "University",
    "Telecom",
    "Today",
    "Post",
    "Times",
    "Daily",
    "Academy",
    "Group",
    "Company",
    "Holdings",
    "Bank",
    "Railways",
    "Television",
    "Radio",
];

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

#[derive(Clone, Debug)]
struct Candidate<'a> {
    mention: Mention,
    source: Source,
    /// Dictionary entries the span may name, default first; empty for rules.
    entries: &'a [usize],
    /// A name that is no entity but must win over the entity inside it.
    ignore: bool,
}

/// Dictionaries and compiled rules, built once per run and shared by all threads.
pub struct Extractor {
    gazetteer: Gazetteer,
    dates: DateRules,
    agreements: AgreementRules,
    bodies: BodyRules,
    /// Where any matcher but the dates' may match: one test per word start for all of them.
    likely: WordFilter,
    abbreviation: Regex,
}

impl Extractor {
    /// An extractor over the given dictionary entries.
    pub fn new(entries: Vec<Entry>) -> anyhow::Result<Extractor> {
        let gazetteer = Gazetteer::new(entries)?;
        let agreements = AgreementRules::new();
        let bodies = BodyRules::new();
        let likely = gazetteer
            .filter()
            .union(agreements.filter())
            .union(bodies.filter());
        Ok(Extractor {
            gazetteer,
            dates: DateRules::new(),
            agreements,
            bodies,
            likely,
            abbreviation: Regex::new(r"^\s*\(\s*([A-Z][A-Za-z0-9&.-]{1,11})\s*\)")?,
        })
    }

    /// An extractor over the embedded dictionaries (unless `builtin` is false) and the user
    /// dictionary files given; any problem in any file is an error listing them all.
    pub fn from_dictionaries(
        builtin: bool,
        user: &[std::path::PathBuf],
    ) -> anyhow::Result<Extractor> {
        Extractor::new(gazetteer::load(builtin, user)?)
    }

    /// The same extractor reading dates with these options (`--date-order`,
    /// `--reference-date`).
    pub fn with_date_options(mut self, options: DateOptions) -> Extractor {
        self.dates = DateRules::with_options(options);
        self
    }

    pub fn entries(&self) -> &[Entry] {
        self.gazetteer.entries()
    }

    /// All entity mentions of `text`, sorted by start, none overlapping another.
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        let (candidates, titles) = self.candidates(text);
        let mut mentions = self.resolve(candidates);
        self.spread_abbreviations(text, &mut mentions);
        let named = officials::find(text, &titles, &mentions);
        add_officials(&mut mentions, named);
        officials::resolve_surnames(text, &mut mentions);
        debug_assert!(
            mentions.is_sorted_by_key(|m| m.start),
            "every stage keeps the order"
        );
        share_roles(&mut mentions);
        mentions
    }

    /// Every dictionary hit and rule match, plus the titles that introduce officials.
    fn candidates(&self, text: &str) -> (Vec<Candidate<'_>>, Vec<TitleHit>) {
        // Most words start no name, date or instrument: turn them away once for all the
        // matchers instead of once in each.
        let mut starts = word_starts(text);
        starts.retain(|&s| self.likely.may_start(s) || self.dates.may_start(text, s));
        let hits = self.gazetteer.find(text, &starts);
        let dates = self.dates.find(text, &starts);
        let agreements = self.agreements.find(text, &starts);
        // Candidates are large: reserve once rather than copy them as the vector grows.
        let mut candidates = Vec::with_capacity(hits.len() + dates.len() + agreements.len());
        let mut titles = Vec::new();
        let entries = self.gazetteer.entries();
        for hit in hits {
            let ids = self.gazetteer.candidates(&hit);
            let first = &entries[ids[0]];
            match first.etype {
                EntryType::Title => titles.push(TitleHit {
                    start: hit.start,
                    end: hit.end,
                    government: first.role == "government",
                }),
                EntryType::Ignore | EntryType::Entity(_) => {
                    // An ignored name takes part in resolution only to win over what it holds,
                    // and is dropped after it; the kind it carries until then does not matter.
                    let kind = match first.etype {
                        EntryType::Entity(kind) => kind,
                        _ => Kind::Country,
                    };
                    if first.etype == EntryType::Entity(Kind::Country)
                        && !is_country_here(text, hit.start, hit.end, &first.id)
                    {
                        continue;
                    }
                    let mut mention =
                        Mention::named(kind, hit.start, hit.end, &first.id, &first.name);
                    if kind == Kind::Official {
                        mention.role.clone_from(&first.role);
                        mention.org.clone_from(&first.org);
                    }
                    candidates.push(Candidate {
                        mention,
                        source: Source::Dictionary,
                        entries: ids,
                        ignore: first.etype == EntryType::Ignore,
                    });
                }
            }
        }
        let rule = |mention: Mention, source: Source| Candidate {
            mention,
            source,
            entries: &[],
            ignore: false,
        };
        for m in dates.into_iter().chain(agreements) {
            candidates.push(rule(m, Source::Rule));
        }
        // A shape rule may run on into a dictionary name (`Ministry of Foreign Affairs and the
        // Korea Aerospace Research Institute`, `Funding To European Space Agency`): the body
        // is what the rule still finds in the text before that name, if anything.
        let mut names: Vec<usize> = candidates
            .iter()
            .filter(|c| c.source == Source::Dictionary && !c.ignore)
            .map(|c| c.mention.start)
            .collect();
        names.sort_unstable();
        let mut bodies = Vec::new();
        for b in self.bodies.find(text, &starts) {
            let cut = names
                .get(names.partition_point(|&s| s <= b.start))
                .copied()
                .filter(|&s| s < b.end);
            match cut {
                None => bodies.push(rule(b, Source::ShapeRule)),
                Some(cut) => bodies.extend(
                    self.bodies
                        .find(&text[b.start..cut], &word_starts(&text[b.start..cut]))
                        .into_iter()
                        .filter(|m| m.start == 0)
                        .map(|mut m| {
                            m.start += b.start;
                            m.end += b.start;
                            rule(m, Source::ShapeRule)
                        }),
                ),
            }
        }
        candidates.extend(bodies);
        (candidates, titles)
    }

    /// Longest first, then the most trusted source, then leftmost; nothing nests.
    fn resolve(&self, candidates: Vec<Candidate<'_>>) -> Vec<Mention> {
        // Order indices rather than the large candidates themselves; the index breaks ties, so
        // the order is the same on every run.
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            let (ca, cb) = (&candidates[a].mention, &candidates[b].mention);
            cb.len()
                .cmp(&ca.len())
                .then(candidates[b].source.cmp(&candidates[a].source))
                .then(ca.start.cmp(&cb.start))
                .then(a.cmp(&b))
        });
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        let mut kept: Vec<usize> = Vec::with_capacity(candidates.len());
        for i in order {
            let (start, end) = (candidates[i].mention.start, candidates[i].mention.end);
            let clash = taken
                .range(..end)
                .next_back()
                .is_some_and(|(_, &e)| e > start);
            if !clash {
                taken.insert(start, end);
                kept.push(i);
            }
        }
        // Kept spans never overlap: distinct starts, so unstable is deterministic.
        kept.sort_unstable_by_key(|&i| candidates[i].mention.start);
        let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
        let kept = kept
            .into_iter()
            .map(|i| slots[i].take().expect("each candidate is kept once"));
        let entries = self.gazetteer.entries();
        // The reading an article has established for an ambiguous acronym: the body named
        // most recently before it, else the best-known one (listed first).
        let mut last_seen: HashMap<&str, usize> = HashMap::new();
        let mut out = Vec::with_capacity(kept.len());
        for (i, c) in kept.enumerate() {
            if c.ignore {
                continue;
            }
            let mut m = c.mention;
            match c.entries {
                [] => {}
                [only] => {
                    last_seen.insert(entries[*only].id.as_str(), i);
                }
                many => {
                    let chosen = many
                        .iter()
                        .filter_map(|&e| last_seen.get(entries[e].id.as_str()).map(|&at| (at, e)))
                        .max()
                        .map_or(many[0], |(_, e)| e);
                    m.id.clone_from(&entries[chosen].id);
                    m.name.clone_from(&entries[chosen].name);
                }
            }
            out.push(m);
        }
        out
    }

    /// `Technology Safeguards Agreement (TSA)`, `Office of the President (OP)`: an
    /// abbreviation defined in parentheses right after a mention names the same thing there
    /// and everywhere else in the article.
    fn spread_abbreviations(&self, text: &str, mentions: &mut Vec<Mention>) {
        let mut defined: Vec<(String, Mention)> = Vec::new();
        for m in mentions.iter() {
            // Most mentions are not followed by a parenthesis: test that before the regex.
            let defines = text[m.end..].trim_start_matches(' ').starts_with('(');
            if !defines || !matches!(m.kind, Kind::Agency | Kind::Agreement) {
                continue;
            }
            let Some(c) = self.abbreviation.captures(&text[m.end..]) else {
                continue;
            };
            let abbr = c.get(1).expect("group");
            let upper = abbr
                .as_str()
                .chars()
                .filter(char::is_ascii_uppercase)
                .count();
            if upper >= 2 && abbr.as_str().len() <= upper * 3 {
                defined.push((abbr.as_str().to_string(), m.clone()));
            }
        }
        if defined.is_empty() {
            return;
        }
        let needles: Vec<&str> = defined.iter().map(|(abbr, _)| abbr.as_str()).collect();
        let mut spread = Vec::new();
        let mut free = 0;
        for (start, end, i) in crate::tokenize::find_all(text, &needles) {
            if start >= free
                && crate::tokenize::on_word_boundaries(text, start, end)
                && overlapping(mentions, start, end).is_empty()
            {
                let mut m = defined[i].1.clone();
                m.start = start;
                m.end = end;
                spread.push(m);
                free = end;
            }
        }
        if !spread.is_empty() {
            mentions.extend(spread);
            // Spans never overlap, so starts are distinct and an unstable sort is
            // deterministic (and needs no scratch buffer, unlike a stable sort).
            mentions.sort_unstable_by_key(|m| m.start);
        }
    }
}

/// Officials named by title or apposition join the mentions. One the dictionary already found
/// takes the role and org the text gives it; a new one replaces the country or agency mentions
/// inside its name (a name is longer than what it holds). `mentions` is sorted by start and
/// stays so.
fn add_officials(mentions: &mut Vec<Mention>, named: Vec<Mention>) {
    for o in named {
        let lo = mentions.partition_point(|m| m.end <= o.start);
        let hi = mentions.partition_point(|m| m.start < o.end).max(lo);
        let run = &mut mentions[lo..hi];
        if let [known] = run {
            if known.kind == Kind::Official && (known.start, known.end) == (o.start, o.end) {
                if !o.role.is_empty() {
                    known.role = o.role;
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
        mentions.splice(lo..hi, [o]);
    }
}

/// Every mention of an official says who they are: the role and org of the first mention
/// that has them (`Ross said` after `Commerce Secretary Wilbur Ross`).
fn share_roles(mentions: &mut [Mention]) {
    // id → the first mention with a role and the first with an org, by index.
    let mut known: HashMap<&str, (Option<usize>, Option<usize>)> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == Kind::Official {
            let (role, org) = known.entry(m.id.as_str()).or_default();
            if role.is_none() && !m.role.is_empty() {
                *role = Some(i);
            }
            if org.is_none() && !m.org.is_empty() {
                *org = Some(i);
            }
        }
    }
    let fills: Vec<(usize, Option<usize>, Option<usize>)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == Kind::Official && (m.role.is_empty() || m.org.is_empty()))
        .map(|(i, m)| {
            let (role, org) = known[m.id.as_str()];
            (i, role, org)
        })
        .collect();
    for (i, role, org) in fills {
        if let Some(from) = role.filter(|_| mentions[i].role.is_empty()) {
            mentions[i].role = mentions[from].role.clone();
        }
        if let Some(from) = org.filter(|_| mentions[i].org.is_empty()) {
            mentions[i].org = mentions[from].org.clone();
        }
    }
}

/// False where a country's name is part of an organisation's name or names a sub-national
/// namesake.
fn is_country_here(text: &str, start: usize, end: usize, id: &str) -> bool {
    let next: String = text[end..]
        .strip_prefix(' ')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    if ORG_WORDS.contains(&next.as_str()) {
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
        extractor
            .extract(text)
            .iter()
            .map(|m| format!("{}:{}:{}", m.kind, &text[m.start..m.end], m.id))
            .collect()
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
        ];
        for (name, text, want) in rows {
            assert_eq!(extract(text), *want, "{name}");
        }
    }
}
