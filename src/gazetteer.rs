//! Dictionaries of names (`dictionaries/*.tsv` and user files): parsing and checking them, and
//! matching all their aliases at word starts with one trie. A raw trie match becomes a `Hit`
//! only when it is a whole word and its case fits the alias; choosing among
//! overlapping hits is left to the extractor, which also sees the rule-based candidates.
//! A user row whose type and id are an embedded entry's extends that entry instead of adding
//! one, so that one alias can be added without copying a whole dictionary.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use crate::entity::Kind;
use crate::matcher::{WordFilter, WordMatcher};
use crate::text::WordStart;

/// The dictionaries compiled into the binary, as (file name, contents). The names are what
/// messages cite: an installed binary has no `dictionaries/` folder to point to.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "(built-in) countries.tsv",
        include_str!("../dictionaries/countries.tsv"),
    ),
    (
        "(built-in) agencies.tsv",
        include_str!("../dictionaries/agencies.tsv"),
    ),
    (
        "(built-in) officials.tsv",
        include_str!("../dictionaries/officials.tsv"),
    ),
    (
        "(built-in) titles.tsv",
        include_str!("../dictionaries/titles.tsv"),
    ),
    (
        "(built-in) instruments.tsv",
        include_str!("../dictionaries/instruments.tsv"),
    ),
    (
        "(built-in) non_entities.tsv",
        include_str!("../dictionaries/non_entities.tsv"),
    ),
];

const REQUIRED: [&str; 4] = ["type", "id", "name", "aliases"];
const OPTIONAL: [&str; 3] = ["country", "org", "role"];

/// What an entry names: an entity of the contract, a title that introduces an official, or a
/// name that is no entity but holds one (`North America`, `Rocket Lab USA`) and so must win
/// over the country inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryType {
    Entity(Kind),
    Title,
    Ignore,
}

impl EntryType {
    fn parse(s: &str) -> Option<EntryType> {
        match s {
            "title" => Some(EntryType::Title),
            "ignore" => Some(EntryType::Ignore),
            _ => Kind::parse(s).map(EntryType::Entity),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntryType::Entity(kind) => kind.as_str(),
            EntryType::Title => "title",
            EntryType::Ignore => "ignore",
        }
    }
}

/// One dictionary row. Laid out in this order and on a cache line of its own: the fields a
/// mention is made from come first, so that a country's or agency's take one line, and an
/// official's two.
#[derive(Clone, Debug)]
#[repr(C, align(64))]
pub struct Entry {
    pub etype: EntryType,
    pub id: String,
    pub name: String,
    pub role: String,
    pub org: String,
    pub aliases: Vec<String>,
    pub country: String,
    /// Where the row came from, for error messages.
    pub file: String,
    pub line: usize,
}

/// What the names of the embedded files start with.
const BUILTIN: &str = "(built-in) ";

impl Entry {
    /// Whether the entry comes from an embedded dictionary.
    pub fn builtin(&self) -> bool {
        self.file.starts_with(BUILTIN)
    }

    /// The name and every alias: all the forms matched in text.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A problem in a dictionary file, reported as `FILE:LINE: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0 is a problem with the file as a whole (it could not be read).
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// Every problem found while loading dictionaries; shown one per line.
#[derive(Debug)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad dictionary:")?;
        self.0.iter().try_for_each(|p| write!(f, "\n{p}"))
    }
}

impl std::error::Error for Problems {}

/// A user row that extends an embedded entry: it adds its aliases to that entry and replaces
/// the fields it gives, rather than adding an entry of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    /// Where the row is.
    pub file: String,
    pub line: usize,
    /// The entry it extends, as it is listed: its type, id and where it is.
    pub etype: EntryType,
    pub id: String,
    pub base_file: String,
    pub base_line: usize,
}

impl fmt::Display for Extension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: extends the {} entry `{}` at {}:{}",
            self.file,
            self.line,
            self.etype.as_str(),
            self.id,
            self.base_file,
            self.base_line
        )
    }
}

/// The embedded dictionaries (unless `builtin` is false) followed by the user files, parsed
/// and checked together: the entries, or every problem found in any of them.
pub fn load(builtin: bool, user: &[PathBuf]) -> Result<Vec<Entry>, Problems> {
    load_extending(builtin, user).map(|(entries, _)| entries)
}

/// [`load`], and the user rows that extend an embedded entry. Such a row has the type and id
/// of an embedded entry (for agreements, whose ids are kinds and repeat, the name too); it
/// adds its aliases to that entry, which keeps its place, and replaces the fields it gives:
/// an empty field keeps the embedded value, and a replaced name stays a form that is matched.
pub fn load_extending(
    builtin: bool,
    user: &[PathBuf],
) -> Result<(Vec<Entry>, Vec<Extension>), Problems> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let embedded = EMBEDDED
        .iter()
        .filter(|_| builtin)
        .map(|(name, text)| (name.to_string(), Ok(Cow::Borrowed(*text))));
    let files = user.iter().map(|p| {
        let text = std::fs::read_to_string(p)
            .map(Cow::Owned)
            .map_err(|e| format!("cannot read: {e}"));
        (p.display().to_string(), text)
    });
    for (name, text) in embedded.chain(files) {
        match text {
            Ok(text) => {
                let (e, p) = parse(&text, &name);
                entries.extend(e);
                problems.extend(p);
            }
            Err(message) => problems.push(Problem {
                file: name,
                line: 0,
                message,
            }),
        }
    }
    problems.extend(check(&entries));
    let (entries, extensions) = extend(entries);
    problems.extend(entries.iter().filter(|e| e.name.is_empty()).map(|e| {
        Problem {
            file: e.file.clone(),
            line: e.line,
            message: match e.etype {
                EntryType::Entity(Kind::Agreement) => "empty `name` (an agreement row \
                        extends the embedded instrument of its id and name, so it needs the name)"
                    .to_string(),
                _ => format!(
                    "empty `name` (only a row that extends an embedded entry may leave it \
                         out: no embedded {} entry has the id `{}`)",
                    e.etype.as_str(),
                    e.id
                ),
            },
        }
    }));
    if problems.is_empty() {
        Ok((entries, extensions))
    } else {
        Err(Problems(problems))
    }
}

/// The user entries that extend an embedded one merged into it, and which did.
fn extend(entries: Vec<Entry>) -> (Vec<Entry>, Vec<Extension>) {
    // Without user entries there is nothing to merge, and start-up need not key every entry.
    if entries.iter().all(Entry::builtin) {
        return (entries, Vec::new());
    }
    let key = |e: &Entry| {
        let name = match e.etype {
            EntryType::Entity(Kind::Agreement) => e.name.clone(),
            _ => String::new(),
        };
        (e.etype, e.id.clone(), name)
    };
    let mut base: HashMap<_, usize> = HashMap::new();
    let mut merged: Vec<Entry> = Vec::with_capacity(entries.len());
    let mut extensions = Vec::new();
    for e in entries {
        if e.builtin() {
            base.entry(key(&e)).or_insert(merged.len());
            merged.push(e);
            continue;
        }
        let Some(&at) = base.get(&key(&e)) else {
            merged.push(e);
            continue;
        };
        let target = &mut merged[at];
        extensions.push(Extension {
            file: e.file,
            line: e.line,
            etype: target.etype,
            id: target.id.clone(),
            base_file: target.file.clone(),
            base_line: target.line,
        });
        if !e.name.is_empty() && e.name != target.name {
            let old = std::mem::replace(&mut target.name, e.name);
            target.aliases.push(old);
        }
        for alias in e.aliases {
            if !target.forms().any(|f| f == alias) {
                target.aliases.push(alias);
            }
        }
        target.aliases.retain(|a| *a != target.name);
        for (field, given) in [
            (&mut target.country, e.country),
            (&mut target.org, e.org),
            (&mut target.role, e.role),
        ] {
            if !given.is_empty() {
                *field = given;
            }
        }
    }
    (merged, extensions)
}

/// Parse one dictionary file. Rows with problems are left out and each problem is returned.
///
/// The file is TSV as the `csv` crate reads it with no quoting: a field holds any character but
/// a tab or a line break, quotes included. Lines that start with `#` and blank lines are
/// skipped; the first other line is the header.
pub fn parse(text: &str, file: &str) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let problem = |line: usize, message: String| Problem {
        file: file.to_string(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // A line of only white space is blank too, as a person editing the file sees it. Comments
    // are told apart here rather than by the reader, whose line count skips some of them.
    let mut rows = reader.records().filter(|row| {
        row.as_ref().map_or(true, |r| {
            !r.iter().all(|f| f.trim().is_empty()) && !r.get(0).is_some_and(|f| f.starts_with('#'))
        })
    });
    // A row's line, counted from where it starts: the reader's own line count misses some line
    // ends (the LF of a CR LF), and its offset for a row may point at the line end before it,
    // which no row starts with. Rows come in order, so the count goes on from the last.
    let counted = std::cell::Cell::new((0, 1));
    let line_of = |position: Option<&csv::Position>| {
        let at = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let (from, line) = counted.get();
        let mut at = at.clamp(from, text.len());
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        let line = line + memchr::memchr_iter(b'\n', &text.as_bytes()[from..at]).count();
        counted.set((at, line));
        line
    };
    let header = match rows.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => {
            problems.push(problem(line_of(e.position()), e.to_string()));
            return (entries, problems);
        }
        None => {
            problems.push(problem(1, "no header row".into()));
            return (entries, problems);
        }
    };
    let header_line = line_of(header.position());
    let columns: Vec<&str> = header.iter().map(str::trim).collect();
    for col in &columns {
        if !REQUIRED.contains(col) && !OPTIONAL.contains(col) {
            problems.push(problem(header_line, format!("unknown column `{col}`")));
        }
    }
    let column = |name: &str| columns.iter().position(|c| *c == name);
    let mut required = [0; REQUIRED.len()];
    for (at, name) in required.iter_mut().zip(REQUIRED) {
        match column(name) {
            Some(i) => *at = i,
            None => problems.push(problem(
                header_line,
                format!("missing column `{name}` in the header"),
            )),
        }
    }
    if problems
        .iter()
        .any(|p| p.message.starts_with("missing column"))
    {
        return (entries, problems);
    }
    let [type_at, id_at, name_at, aliases_at] = required;
    let [country_at, org_at, role_at] = OPTIONAL.map(column);
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push(problem(line_of(e.position()), e.to_string()));
                continue;
            }
        };
        let line = line_of(row.position());
        if row.len() != columns.len() {
            problems.push(problem(
                line,
                format!(
                    "{} fields, the header has {} (fields are separated by tabs)",
                    row.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let field = |i: usize| row[i].trim();
        let optional = |at: Option<usize>| at.map_or("", field);
        let Some(etype) = EntryType::parse(field(type_at)) else {
            problems.push(problem(
                line,
                format!(
                    "unknown type `{}` (expected country, agency, official, agreement, title or ignore)",
                    field(type_at)
                ),
            ));
            continue;
        };
        // An empty name is left to `load`: a row that extends an embedded entry may keep its.
        let (id, name) = (field(id_at), field(name_at));
        if id.is_empty() {
            problems.push(problem(line, "empty `id`".into()));
            continue;
        }
        let raw_aliases = &row[aliases_at];
        let mut aliases = Vec::new();
        let mut bad = false;
        if !raw_aliases.trim().is_empty() {
            for alias in raw_aliases.split('|') {
                if alias.trim().is_empty() {
                    problems.push(problem(line, "empty alias in `aliases`".into()));
                    bad = true;
                } else if alias.trim() != alias {
                    problems.push(problem(
                        line,
                        format!("alias `{alias}` has spaces at its ends"),
                    ));
                    bad = true;
                } else {
                    aliases.push(alias.to_string());
                }
            }
        }
        if bad {
            continue;
        }
        entries.push(Entry {
            etype,
            id: id.to_string(),
            name: name.to_string(),
            aliases,
            country: optional(country_at).to_string(),
            org: optional(org_at).to_string(),
            role: optional(role_at).to_string(),
            file: file.to_string(),
            line,
        });
    }
    (entries, problems)
}

/// Problems across entries: a duplicate id within a type (agreement ids are kinds and repeat),
/// and an alias claimed by entries of different types (the same alias within one type is a
/// deliberate ambiguity that the extractor resolves from context). A user entry with the id of
/// an embedded one is no duplicate: it extends that entry (see [`load_extending`]).
pub fn check(entries: &[Entry]) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Sized for the embedded dictionaries' thousands of entries and aliases, which growing
    // would hash again and again at every start-up.
    let mut ids: HashMap<(EntryType, &str), &Entry> = HashMap::with_capacity(entries.len());
    let mut owners: HashMap<&str, &Entry> = HashMap::with_capacity(2 * entries.len());
    let mut seen: HashSet<&str> = HashSet::new();
    for e in entries {
        let keyed_by_kind = e.etype == EntryType::Entity(Kind::Agreement);
        let extends = |first: &&Entry| first.builtin() && !e.builtin();
        if let Some(first) = ids
            .insert((e.etype, e.id.as_str()), e)
            .filter(|first| !keyed_by_kind && !extends(first))
        {
            problems.push(Problem {
                file: e.file.clone(),
                line: e.line,
                message: format!(
                    "duplicate {} id `{}` (first at {}:{})",
                    e.etype.as_str(),
                    e.id,
                    first.file,
                    first.line
                ),
            });
        }
        // A form an entry lists twice is checked once: a set, as one entry may list many.
        seen.clear();
        for form in e.forms() {
            // An empty name is a row that keeps the name of the entry it extends.
            if form.is_empty() || !seen.insert(form) {
                continue;
            }
            match owners.get(form) {
                Some(other) if other.etype != e.etype => problems.push(Problem {
                    file: e.file.clone(),
                    line: e.line,
                    message: format!(
                        "alias `{form}` is already claimed by the {} entry `{}` at {}:{}",
                        other.etype.as_str(),
                        other.id,
                        other.file,
                        other.line
                    ),
                }),
                Some(_) => {}
                None => {
                    owners.insert(form, e);
                }
            }
        }
    }
    problems
}

/// A surface form in the trie: the entries it may name, best-known first, and what a hit on
/// it is read as.
#[derive(Debug)]
struct Pattern {
    entries: Vec<usize>,
    reading: Reading,
}

/// What a hit is read as, by its default entry. Worked out when the trie is built: a document
/// has a hundred hits, and each would otherwise read its entry (and a title's role) from
/// wherever on the heap they lie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A title word, which introduces an official: a government's (`President`) or not.
    Title { government: bool },
    /// A name that holds an entity's name but is none (`China Great Wall Industry
    /// Corporation`).
    Ignored,
    /// An entity of this kind.
    Entity(Kind),
}

impl Reading {
    fn of(e: &Entry) -> Reading {
        match e.etype {
            EntryType::Title => Reading::Title {
                government: e.role == "government",
            },
            EntryType::Ignore => Reading::Ignored,
            EntryType::Entity(kind) => Reading::Entity(kind),
        }
    }
}

/// A whole-word, case-correct occurrence of a dictionary form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pattern: usize,
}

/// All dictionary entries and one trie over all their forms.
pub struct Gazetteer {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    matcher: WordMatcher,
    /// By entry: whether some form names it and another entry too (`ESA`).
    contested: Vec<bool>,
}

impl Gazetteer {
    /// Build the trie. Entries are taken in order, so the first entry claiming an
    /// ambiguous alias is its default reading.
    pub fn new(entries: Vec<Entry>) -> Gazetteer {
        // Each spelling is kept once, as the key of the map that numbers the patterns.
        let mut by_text: HashMap<String, usize> = HashMap::with_capacity(4 * entries.len());
        let mut patterns: Vec<Pattern> = Vec::with_capacity(4 * entries.len());
        for (i, e) in entries.iter().enumerate() {
            for form in e.forms() {
                let lowered = e.etype == EntryType::Title;
                for variant in spelling_variants(form)
                    .iter()
                    .flat_map(|v| case_variants(v, lowered))
                {
                    let p = match by_text.get(&variant) {
                        Some(&p) => p,
                        None => {
                            by_text.insert(variant, patterns.len());
                            patterns.push(Pattern {
                                entries: Vec::new(),
                                reading: Reading::of(e),
                            });
                            patterns.len() - 1
                        }
                    };
                    // Entries come in order, so entry `i` is already listed only as the last.
                    if patterns[p].entries.last() != Some(&i) {
                        patterns[p].entries.push(i);
                    }
                }
            }
        }
        // Case-sensitive: which capitalisations of a form name it is decided per form
        // (`case_variants`), and each one is a pattern of its own.
        let mut texts = vec![""; patterns.len()];
        for (text, &p) in &by_text {
            texts[p] = text;
        }
        let matcher = WordMatcher::new(&texts, false);
        let mut contested = vec![false; entries.len()];
        for p in patterns.iter().filter(|p| p.entries.len() > 1) {
            for &e in &p.entries {
                contested[e] = true;
            }
        }
        Gazetteer {
            entries,
            patterns,
            matcher,
            contested,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every whole-word occurrence of a dictionary form, leftmost-longest, none overlapping,
    /// tried at `starts` (from [`word_starts`](crate::text::word_starts)). A form glued
    /// to a word (`India` in `Indians`) does not match there: the longest form that ends on a
    /// word boundary does, if any.
    pub fn find(&self, text: &str, starts: &[WordStart]) -> Vec<Hit> {
        // Sized once: collected, the hits grew five or six times a document. On news, fewer
        // than a third of the places tried are hits.
        let mut hits = Vec::with_capacity(starts.len() / 2);
        hits.extend(self.matcher.find(text, starts).map(|m| Hit {
            start: m.start,
            end: m.end,
            pattern: m.pattern,
        }));
        hits
    }

    /// True when `s` is, as written, a form of an agency: every whole-word use of it is a
    /// dictionary hit already.
    pub fn names_agency(&self, s: &str) -> bool {
        self.matcher.pattern_of(s).is_some_and(|p| {
            self.patterns[p]
                .entries
                .iter()
                .all(|&e| self.entries[e].etype == EntryType::Entity(Kind::Agency))
        })
    }

    /// The word starts where a dictionary form may begin.
    pub fn filter(&self) -> &WordFilter {
        self.matcher.filter()
    }

    /// Whether a form of entry `e` may name another entry too, so that which one an article
    /// means depends on which it has named in full.
    pub fn contested(&self, e: usize) -> bool {
        self.contested[e]
    }

    /// Indices into `entries()` of the entries a hit may name, default reading first.
    pub fn candidates(&self, hit: &Hit) -> &[usize] {
        &self.patterns[hit.pattern].entries
    }

    /// What a hit is read as: what its first candidate is.
    pub fn reading(&self, hit: &Hit) -> Reading {
        self.patterns[hit.pattern].reading
    }
}

/// The capitalisations of a form that name the same thing: as written, and for forms with
/// lower-case letters and more than three characters, in ALL CAPS (`LUXEMBOURG`) and in
/// Title Case (`Ministry Of Science And ICT`) as headlines write them; titles also in lower
/// case (`chairman of ISRO`), as running text writes them. Acronyms and short forms match
/// only as written: `US` is not `us`, `ESA` is not `Esa`.
fn case_variants(form: &str, lowered: bool) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if form.chars().any(char::is_lowercase) && form.chars().count() > 3 {
        let lower = lowered.then(|| form.to_lowercase());
        for v in [form.to_uppercase(), title_case(form)]
            .into_iter()
            .chain(lower)
        {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

fn title_case(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    let mut word_start = true;
    for c in form.chars() {
        if word_start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        word_start = c == ' ';
    }
    out
}

/// The form and the spellings news writes for it interchangeably: straight and curly
/// apostrophes, British and American spellings of the words that recur in agency names.
fn spelling_variants(form: &str) -> Vec<String> {
    const SWAPS: [(&str, &str); 5] = [
        ("'", "’"),
        ("Centre", "Center"),
        ("Organisation", "Organization"),
        ("Defence", "Defense"),
        ("Programme", "Program"),
    ];
    // Most forms hold no spelling to swap: one search for all of them tells, where a search
    // per spelling was a tenth of the start-up.
    static SWAPPABLE: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(SWAPS.iter().flat_map(|&(a, b)| [a, b]))
                .expect("the spellings compile")
        });
    let mut out = vec![form.to_string()];
    if !SWAPPABLE.is_match(form) {
        return out;
    }
    for (a, b) in SWAPS {
        for i in 0..out.len() {
            for (from, to) in [(a, b), (b, a)] {
                if out[i].contains(from) {
                    let v = out[i].replace(from, to);
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "type\tid\tname\taliases\tcountry\torg\trole\n";

    fn gazetteer(rows: &str) -> Gazetteer {
        let (entries, problems) = parse(&format!("{HEADER}{rows}"), "test.tsv");
        assert!(problems.is_empty(), "{problems:?}");
        Gazetteer::new(entries)
    }

    fn ids(g: &Gazetteer, text: &str) -> Vec<String> {
        g.find(text, &crate::text::word_starts(text))
            .iter()
            .map(|h| {
                let e = &g.entries()[g.candidates(h)[0]];
                format!("{}:{}", e.id, &text[h.start..h.end])
            })
            .collect()
    }

    #[test]
    fn agency_forms_are_known_whole() {
        let g = gazetteer(
            "country\tUS\tUnited States\tUS\tUS\t\t\n\
             agency\tNASA\tNational Aeronautics and Space Administration\tNASA\tUS\t\t\n",
        );
        for (s, want) in [
            ("NASA", true),
            ("National Aeronautics and Space Administration", true),
            ("NAS", false),
            ("NASA’s", false),
            ("US", false),
            ("TSA", false),
        ] {
            assert_eq!(g.names_agency(s), want, "{s}");
        }
    }

    #[test]
    fn matching_respects_words_and_case() {
        let g = gazetteer(
            "country\tUS\tUnited States\tUS|U.S.|America\tUS\t\t\n\
             country\tCN\tChina\t\tCN\t\t\n\
             country\tLU\tLuxembourg\t\tLU\t\t\n\
             country\tIN\tIndia\t\tIN\t\t\n\
             agency\tNASA\tNational Aeronautics and Space Administration\tNASA\tUS\t\t\n\
             agency\tLSA\tLuxembourg Space Agency\tLSA\tLU\t\t\n\
             agency\tCNES\tCentre national d'études spatiales\tCNES\tFR\t\t\n",
        );
        // (name, text, expected "id:surface" hits)
        let rows: &[(&str, &str, &[&str])] = &[
            ("pronoun", "join us today", &[]),
            ("acronym", "the US and China", &["US:US", "CN:China"]),
            ("possessive", "NASA’s plan", &["NASA:NASA"]),
            ("demonym", "Chinese firms", &[]),
            ("period kept", "the U.S. plan", &["US:U.S."]),
            ("hyphen", "U.S.-based", &["US:U.S."]),
            ("headline caps", "LUXEMBOURG JOINS", &["LU:LUXEMBOURG"]),
            ("acronym not lowered", "Nasa said", &[]),
            (
                "longest wins",
                "Luxembourg Space Agency",
                &["LSA:Luxembourg Space Agency"],
            ),
            ("glued match skipped", "Indians and India", &["IN:India"]),
            (
                "all caps headline",
                "LUXEMBOURG SPACE AGENCY",
                &["LSA:LUXEMBOURG SPACE AGENCY"],
            ),
            (
                "title case headline",
                "Centre National D'études Spatiales",
                &["CNES:Centre National D'études Spatiales"],
            ),
            ("lowered name is no name", "luxembourg space agency", &[]),
            (
                "curly apostrophe variant",
                "Centre national d’études spatiales",
                &["CNES:Centre national d’études spatiales"],
            ),
            (
                "american spelling variant",
                "Center national d'études spatiales",
                &["CNES:Center national d'études spatiales"],
            ),
        ];
        for (name, text, want) in rows {
            assert_eq!(ids(&g, text), *want, "{name}");
        }
    }

    #[test]
    fn problems_name_file_and_line() {
        let text = format!("{HEADER}country\tUS\tUnited States\tUS||USA\tUS\t\t\nplanet\tX\tMars\t\t\t\t\ncountry\tFR\tFrance\n");
        let (_, problems) = parse(&text, "user.tsv");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "user.tsv:2: empty alias in `aliases`",
                "user.tsv:3: unknown type `planet` (expected country, agency, official, agreement, title or ignore)",
                "user.tsv:4: 3 fields, the header has 7 (fields are separated by tabs)",
            ]
        );
        let (_, problems) = parse("type\tid\tname\n", "bad.tsv");
        assert_eq!(
            problems[0].to_string(),
            "bad.tsv:1: missing column `aliases` in the header"
        );
    }

    #[test]
    fn tsv_rows_are_read_as_written() {
        // (name, file, expected (id, aliases, line) of each entry, expected problems)
        type Row<'a> = (
            &'a str,
            &'a str,
            &'a [(&'a str, &'a [&'a str], usize)],
            &'a [&'a str],
        );
        let rows: &[Row] = &[
            (
                "comments, blank and white-space lines are skipped; lines keep their numbers",
                "# a comment\ntype\tid\tname\taliases\n\n   \nagency\tA\tAlpha\tAL\n# more\nagency\tB\tBeta\t\n",
                &[("A", &["AL"], 5), ("B", &[], 7)],
                &[],
            ),
            (
                "quotes are plain characters and CRLF ends a line",
                "type\tid\tname\taliases\r\nagency\tQ\tThe \"Quoted\" Office\t\"Q\"\r\n",
                &[("Q", &["\"Q\""], 2)],
                &[],
            ),
            (
                "a byte-order mark is no part of the first column",
                "\u{feff}type\tid\tname\taliases\nagency\tA\tAlpha\t\n",
                &[("A", &[], 2)],
                &[],
            ),
            (
                "an empty file has no header",
                "",
                &[],
                &["f.tsv:1: no header row"],
            ),
            (
                "a row with too many fields is named by its line",
                "type\tid\tname\taliases\nagency\tA\tAlpha\t\textra\n",
                &[],
                &["f.tsv:2: 5 fields, the header has 4 (fields are separated by tabs)"],
            ),
        ];
        for (name, text, want, want_problems) in rows {
            let (entries, problems) = parse(text, "f.tsv");
            let got: Vec<(&str, Vec<&str>, usize)> = entries
                .iter()
                .map(|e| {
                    (
                        e.id.as_str(),
                        e.aliases.iter().map(String::as_str).collect(),
                        e.line,
                    )
                })
                .collect();
            let want: Vec<(&str, Vec<&str>, usize)> =
                want.iter().map(|(i, a, l)| (*i, a.to_vec(), *l)).collect();
            assert_eq!(got, want, "{name}");
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert_eq!(shown, *want_problems, "{name}");
        }
    }

    #[test]
    fn an_entry_with_many_aliases_is_checked_in_linear_time() {
        // Quadratic in the aliases, this check would take hours; linear, milliseconds.
        let aliases: Vec<String> = (0..200_000).map(|i| format!("Alias {i}")).collect();
        let mut entry = parse(&format!("{HEADER}agency\tX\tX Office\t\t\t\t\n"), "t.tsv").0;
        entry[0].aliases = aliases;
        entry[0].aliases.push("Alias 7".into());
        assert!(check(&entry).is_empty());
    }

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let (entries, problems) = parse(
            "role\tname\taliases\tid\ttype\nAdministrator\tJane Roe\tRoe\tJane Roe\tofficial\n",
            "o.tsv",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let e = &entries[0];
        assert_eq!(e.etype, EntryType::Entity(Kind::Official));
        assert_eq!((e.id.as_str(), e.name.as_str()), ("Jane Roe", "Jane Roe"));
        assert_eq!(e.aliases, ["Roe"]);
        // Absent optional columns read as empty.
        assert_eq!(
            (e.role.as_str(), e.country.as_str(), e.org.as_str()),
            ("Administrator", "", "")
        );
    }

    #[test]
    fn check_finds_duplicates_and_type_clashes() {
        let text = format!(
            "{HEADER}country\tGE\tGeorgia\t\tGE\t\t\ncountry\tGE\tSakartvelo\t\tGE\t\t\nagency\tGEO\tGroup on Earth Observations\tGeorgia\t\t\t\n"
        );
        let (entries, problems) = parse(&text, "d.tsv");
        assert!(problems.is_empty());
        let shown: Vec<String> = check(&entries).iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "d.tsv:3: duplicate country id `GE` (first at d.tsv:2)",
                "d.tsv:4: alias `Georgia` is already claimed by the country entry `GE` at d.tsv:2",
            ]
        );
    }
}
