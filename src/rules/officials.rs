//! Officials found the way a reader finds them: a person's name right after a title
//! (`Commerce Secretary Wilbur Ross`), or followed by a title in apposition (`Josef
//! Aschbacher, ESA Director General`, `Wilbur Ross (US’ Commerce Secretary)`), and later
//! mentions by surname alone, keyed by the full name given elsewhere in the article.
//! Titles that companies also use (`CEO`, `Director`, `President`) count only beside a
//! government body, so a company's chief executive is not an official.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use super::names::{HONORIFICS, HONORIFIC_LEN, OFFICE_WORDS, PARTICLES, STOP, SUFFIXES};
use super::word_list::WordList;
use crate::entity::{overlapping, Kind, Mention, Text};
use crate::matcher::Capitals;
use crate::text::{fold, is_capitalised, on_word_boundaries, window_after};

/// The most bytes an official's name spans, honorifics aside: seven parts at most, and the
/// longest names in news (`Ahmad bin Abdullah Humaid Belhoul Al Falasi`) take under fifty.
/// A name is read no further, so a text of name words costs a bounded read at each title.
pub const MAX_NAME_LEN: usize = 100;
/// The most bytes a word before a title or a name is read back over: a longer run of
/// letters is no word of a name or a title, and each look back stays short.
const MAX_WORD_LEN: usize = 64;
/// The most words that qualify a title before it (`Science and Technology Secretary`,
/// `Deputy Prime Minister`): a title is read back no further, so that a text of title words
/// (`Deputy Deputy …`) costs a bounded look back at each of them.
const MAX_QUALIFIERS: usize = 6;
/// The most honorifics read before a name (`Engr. Dr.`).
const MAX_HONORIFICS: usize = 4;

/// Words that open a sentence before a title without qualifying it (`Yesterday Economic
/// Development Minister Steven Joyce`).
const OPENERS: WordList = WordList::new(&[
    "After",
    "Also",
    "Before",
    "Earlier",
    "Finally",
    "Former",
    "Here",
    "However",
    "Last",
    "Later",
    "Meanwhile",
    "Next",
    "Now",
    "Outgoing",
    "Recently",
    "Separately",
    "Then",
    "There",
    "Today",
    "Tomorrow",
    "When",
    "While",
    "Yesterday",
]);
/// Title words that alone mark a public office when they head an apposition.
const OFFICE_HEADS: WordList = WordList::new(&[
    "administrator",
    "ambassador",
    "chancellor",
    "commissioner",
    "congressman",
    "congresswoman",
    "envoy",
    "governor",
    "lawmaker",
    "minister",
    "mp",
    "premier",
    "secretary",
    "senator",
    "spokesperson",
    "under-secretary",
    "undersecretary",
]);
/// Title words that mark a public office only beside a government body.
const BODY_HEADS: WordList = WordList::new(&[
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chief",
    "commander",
    "deputy",
    "director",
    "director-general",
    "general",
    "head",
    "manager",
    "member",
    "officer",
    "president",
    "spokesman",
    "spokeswoman",
]);

/// A title found by the dictionary, and whether it alone marks a public office.
#[derive(Clone, Copy, Debug)]
pub struct TitleHit {
    pub start: usize,
    pub end: usize,
    pub government: bool,
}

/// A person's name in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Name {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Name words and initials, not particles or suffixes.
    pub(super) parts: usize,
}

/// How far after a name an apposition's office word may stand (`, the head of …`).
const APPOSITION_REACH: usize = 60;
/// The most bytes of an apposition's clause, after the name and its `, ` or ` (`, read for
/// its office: a clause ends at the first `;`, `)` or full stop, or here.
const CLAUSE_LEN: usize = 140;

/// The commas and opening parentheses of `bytes` that a title follows closely enough to open
/// an apposition, in order: those from [`APPOSITION_REACH`] bytes before each title up to its
/// start (a name ends at the comma, or at the space before the parenthesis, and the title
/// must start within the reach after that end). `titles` are sorted by start. Commas are
/// common: searching the whole text for them was 1.3% of a run's instructions.
fn apposition_marks<'b>(
    bytes: &'b [u8],
    titles: &'b [TitleHit],
) -> impl Iterator<Item = usize> + 'b {
    let mut searched = 0;
    titles.iter().flat_map(move |t| {
        let to = (t.start + 1).min(bytes.len()).max(searched);
        let from = t.start.saturating_sub(APPOSITION_REACH).clamp(searched, to);
        searched = to;
        memchr::memchr2_iter(b',', b'(', &bytes[from..to]).map(move |i| from + i)
    })
}

/// An official the rules name: the name's span, the title's span as the text writes it
/// (empty when it gives none) and the body or country served. Spans, so that nothing is
/// copied from the text before the name has won its place among the mentions.
#[derive(Clone, Debug)]
pub struct Named<'a> {
    pub start: usize,
    pub end: usize,
    pub role: Range<usize>,
    pub org: Text<'a>,
}

/// Officials named after a title or before an apposition, sorted by start and none
/// overlapping another. `titles` are the title words found in any case, sorted: besides
/// introducing names, they show where an apposition may be (only just before one). `others`
/// are the mentions already found (countries, agencies), which tell a government title from
/// a company one.
pub fn find<'a>(text: &str, titles: &[TitleHit], others: &[Mention<'a>]) -> Vec<Named<'a>> {
    // By start: the first name found for a place keeps it, and whether a later one overlaps
    // any is one look at its neighbour before it.
    let mut found: BTreeMap<usize, Named<'a>> = BTreeMap::new();
    // A name may already be a dictionary official (then this only adds its role and org),
    // but not start inside another kind of mention.
    let taken = |found: &BTreeMap<usize, Named<'a>>, start: usize, end: usize| {
        found
            .range(..end)
            .next_back()
            .is_some_and(|(_, m)| m.end > start)
    };
    let push = |found: &mut BTreeMap<usize, Named<'a>>, name: Name, role, org| {
        let inside_other = overlapping(others, name.start, name.start + 1)
            .iter()
            .any(|m| m.kind != Kind::Official);
        if !(inside_other || taken(found, name.start, name.end)) {
            let (start, end) = (name.start, name.end);
            found.insert(
                start,
                Named {
                    start,
                    end,
                    role,
                    org,
                },
            );
        }
    };
    for t in titles {
        let Some(rest) = text[t.end..].strip_prefix(' ') else {
            continue;
        };
        let Some(start) = name_start(text, text.len() - rest.len()) else {
            continue;
        };
        // A name that starts inside one found already is not kept, whatever its length: the
        // cheap test comes before the name and its title are read.
        if taken(&found, start, start + 1) {
            continue;
        }
        // A company's title names an official only beside a body or a country; whether one
        // may stand before the title is a look at the mentions, made before the title is read.
        let plain = t.government || plain_lead(text, t.start);
        if !plain && !mention_ends_within(others, t.start.saturating_sub(TITLE_REACH), t.start) {
            continue;
        }
        let Some(name) = read_name(text, start) else {
            continue;
        };
        if name.parts < 2 && !t.government {
            continue;
        }
        let (role_start, org) = title_context(text, t.start, others);
        if !plain && org.is_none() {
            continue;
        }
        push(&mut found, name, role_start..t.end, org.unwrap_or_default());
    }
    // `Director-General of the Zembla Space Agency, Dr. Ann Bell`: the office, then the name.
    for t in titles {
        if let Some((name, role, org)) = super::offices::after_office(text, t, others) {
            push(&mut found, name, role, org);
        }
    }
    // Appositions: a name right before `, ` or ` (` whose clause names an office. The marks
    // come in text order, and so do the names found after titles (in order of start, and so
    // of end, as none overlaps another) and the titles: each is followed by a cursor rather
    // than searched for at every mark. (A name found here ends before any later mark, so
    // only the names found after titles can end at one.)
    let bytes = text.as_bytes();
    let titled: Vec<usize> = found.values().map(|m| m.end).collect();
    let (mut named, mut next_title) = (0, 0);
    for mark in apposition_marks(bytes, titles) {
        // The name ends at the comma, or at the space before the parenthesis; both are ASCII,
        // so `end` is a character boundary.
        let end = match bytes[mark] {
            b',' if bytes.get(mark + 1) == Some(&b' ') => mark,
            b'(' if mark > 0 && bytes[mark - 1] == b' ' => mark - 1,
            _ => continue,
        };
        while titled.get(named).is_some_and(|&e| e < end) {
            named += 1;
        }
        if titled.get(named) == Some(&end) {
            continue;
        }
        while titles.get(next_title).is_some_and(|t| t.start <= end) {
            next_title += 1;
        }
        if titles
            .get(next_title)
            .is_none_or(|t| t.start > end + APPOSITION_REACH)
        {
            continue;
        }
        let Some(name) = name_ending_at(text, end) else {
            continue;
        };
        if ends_a_body_name(text, name.start) {
            continue;
        }
        if let Some((role, org)) = apposition(text, name.end, others) {
            push(&mut found, name, role, org);
        }
    }
    found.into_values().collect()
}

/// Whether the words starting at `start` end a body's name rather than start a person's:
/// they follow a joiner after a capitalised word, as in a body's name or a title (`Minister
/// for Digital Affairs, Member of …`), or the `and` that closes a list of single words (`Minister of Business,
/// Energy and Industrial Strategy, Member of …`), where a list of persons names each in
/// full (`Ann Bell, Carl Dunn and Ed Fox`).
fn ends_a_body_name(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let Some(head) = head.strip_suffix(' ') else {
        return false;
    };
    let Some(joiner) = last_word_start(head, |c| c == ' ') else {
        return false;
    };
    let before = head[..joiner].trim_end_matches(' ');
    let previous = last_word_start(before, |c| c == ' ');
    match &head[joiner..] {
        // `in the presence of Ann Bell`: a lower-case word before the joiner is no name's.
        "of" | "for" | "on" | "&" => previous.is_some_and(|w| is_capitalised(&before[w..])),
        "and" => {
            previous.is_some_and(|w| is_capitalised(&before[w..]) && before[..w].ends_with(", "))
        }
        _ => false,
    }
}

/// Mentions of officials by surname alone (`Ross said`, `President Fernandez`), keyed by the
/// full name the article gives: single-word officials already found are re-keyed, and the
/// surname's other uses are added. A surname shared by two officials resolves to neither.
/// `mentions` is sorted by start and stays so.
pub fn resolve_surnames(text: &str, capitals: &Capitals, mentions: &mut Vec<Mention>) {
    // (folded surname, the surname as written, the place of the official's first mention): a
    // row for each key of each official, sorted so that a surname's rows are one run, in text
    // order. An official's other mentions have the same keys, and add no row.
    let mut rows: Vec<(String, String, usize)> = Vec::new();
    let mut parts: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (at, m) in mentions.iter().enumerate() {
        if m.kind != Kind::Official || !seen.insert(&m.id) {
            continue;
        }
        parts.clear();
        parts.extend(
            m.id.split_whitespace()
                .filter(|p| !SUFFIXES.contains(p) && !PARTICLES.contains(p)),
        );
        if parts.len() < 2 {
            continue;
        }
        let family = is_east_asian(&parts).then(|| parts[0]);
        for key in [Some(parts[parts.len() - 1]), family]
            .into_iter()
            .flatten()
            .filter(|k| k.chars().count() > 2 && !k.ends_with('.'))
        {
            rows.push((fold(key), key.to_string(), at));
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    // (folded surname, the official it names if only one, the surname as first written),
    // sorted by the folded surname.
    let mut by_surname: Vec<(String, Option<String>, String)> = Vec::new();
    for run in rows.chunk_by_mut(|a, b| a.0 == b.0) {
        let first = &mentions[run[0].2].id;
        let only = run.iter().all(|r| mentions[r.2].id == *first);
        let id = only.then(|| first.to_string());
        by_surname.push((
            std::mem::take(&mut run[0].0),
            id,
            std::mem::take(&mut run[0].1),
        ));
    }
    let full_name = |word: &str| {
        let folded = fold(word);
        by_surname
            .binary_search_by(|(f, ..)| f.as_str().cmp(&folded))
            .ok()
            .and_then(|at| by_surname[at].1.clone())
    };
    for m in mentions.iter_mut() {
        if m.kind == Kind::Official && !m.id.contains(' ') {
            if let Some(id) = full_name(&m.id) {
                m.name = id.clone().into();
                m.id = id.into();
            }
        }
    }
    // Every form of every surname, found in one pass over the text.
    let mut forms: Vec<(String, &str)> = Vec::new();
    for (folded, id, written) in &by_surname {
        let Some(id) = id else { continue };
        forms.push((written.clone(), id));
        // `Fernandez` names `Alberto Fernández` too: search the form without diacritics. (An
        // ASCII surname folds to its lower case, and has no other form.)
        if !written.is_ascii() && *folded != written.to_lowercase() {
            forms.push((capitalise(folded), id));
        }
    }
    if forms.is_empty() {
        return;
    }
    let needles: Vec<&str> = forms.iter().map(|(form, _)| form.as_str()).collect();
    let mut found = Vec::new();
    let mut free = 0;
    for (start, end, i) in capitals.find(&needles) {
        if start >= free
            && overlapping(mentions, start, end).is_empty()
            && on_word_boundaries(text, start, end)
        {
            found.push(Mention::new(
                Kind::Official,
                start,
                end,
                forms[i].1.to_string(),
            ));
            free = end;
        }
    }
    if !found.is_empty() {
        mentions.extend(found);
        // Two sorted runs, which the stable sort merges in one pass.
        mentions.sort_by_key(|m| m.start);
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Korean, Chinese and Vietnamese names put the family name first (`Yoon Suk Yeol` →
/// `Yoon`); three short parts or a hyphenated given name are the usual shapes in English news.
fn is_east_asian(parts: &[&str]) -> bool {
    (parts.len() == 3 && parts.iter().all(|p| p.chars().count() <= 5))
        || (parts.len() == 2 && parts[1].contains('-') && parts[0].chars().count() <= 4)
}

/// How far before a title [`title_context`] may look for the body it serves: past the most
/// qualifiers, each a space and a word that [`last_word_start`] finds (the longest, and the
/// character before it), then the spaces and a possessive after the body.
const TITLE_REACH: usize = MAX_QUALIFIERS * (MAX_WORD_LEN + 8) + MAX_GAP + 4;
/// The most spaces between a body and the title after it (`NASA  Administrator`).
const MAX_GAP: usize = 8;

/// Whether a mention of `sorted` (sorted by start, none overlapping another) ends in
/// `from..=to`.
fn mention_ends_within(sorted: &[Mention], from: usize, to: usize) -> bool {
    let first = sorted.partition_point(|m| m.end < from);
    sorted.get(first).is_some_and(|m| m.end <= to)
}

/// Where the title before a name starts, taking in the capitalised words that qualify it
/// (`Commerce Secretary`, `Deputy Prime Minister`), and the body or country right before it
/// (`NASA Administrator`, `Argentina’s President`), whose id is the official's org.
pub(super) fn title_context<'a>(
    text: &str,
    title_start: usize,
    others: &[Mention<'a>],
) -> (usize, Option<Text<'a>>) {
    let mention_ending_at = |end: usize| {
        overlapping(others, end.saturating_sub(1), end)
            .iter()
            .find(|m| m.end == end && matches!(m.kind, Kind::Agency | Kind::Country))
    };
    let mut start = title_start;
    for _ in 0..MAX_QUALIFIERS {
        let Some(head) = text[..start].strip_suffix(' ') else {
            break;
        };
        // The space before the word may be multi-byte (a no-break space).
        let Some(word_start) = last_word_start(head, char::is_whitespace) else {
            break;
        };
        let word = &head[word_start..];
        // `Science and Technology Secretary`: `and` joins two qualifiers.
        let joins = word == "and" && start < title_start && {
            let before = head[..word_start].trim_end_matches(char::is_whitespace);
            last_word_start(before, |c| c == ' ').is_some_and(|w| is_capitalised(&before[w..]))
        };
        if joins {
            start = word_start;
            continue;
        }
        let qualifies = is_capitalised(word)
            && word.chars().all(|c| c.is_alphabetic() || c == '-')
            && !STOP.contains(word)
            && !is_demonym(word)
            && !OPENERS.contains(word)
            && mention_ending_at(head.len()).is_none();
        if !qualifies {
            break;
        }
        start = word_start;
    }
    if text[start..title_start].starts_with("and ") {
        start += 4;
    }
    let head = &text[..start];
    let gap = head.bytes().rev().take(MAX_GAP).take_while(|&b| b == b' ');
    let head = &head[..head.len() - gap.count()];
    let head = ["’s", "'s", "’"]
        .iter()
        .find_map(|p| head.strip_suffix(p))
        .unwrap_or(head);
    (start, mention_ending_at(head.len()).map(|m| m.id.clone()))
}

/// True when no name stands before a title (`said President Yoon`, `Argentine President`):
/// a capitalised word that is neither a body, a country nor a demonym is a company's name
/// (`SpaceX President`), and a company's titles make no official.
fn plain_lead(text: &str, start: usize) -> bool {
    let head = text[..start].trim_end_matches(' ');
    let Some(word_start) = last_word_start(head, |c| !c.is_alphanumeric() && c != '-') else {
        return false;
    };
    let word = &head[word_start..];
    !is_capitalised(word) || is_demonym(word) || STOP.contains(word)
}

/// Where the word that ends `head` starts: after the last character that `ends` accepts, or
/// at the start of `head`. `None` when the word is longer than [`MAX_WORD_LEN`], as no word
/// of a name or title is: the look back goes no further.
fn last_word_start(head: &str, ends: impl Fn(char) -> bool) -> Option<usize> {
    // Room for the character before the longest word, which may take four bytes.
    let mut from = head.len().saturating_sub(MAX_WORD_LEN + 4);
    while !head.is_char_boundary(from) {
        from -= 1;
    }
    match head[from..].rfind(ends) {
        Some(p) => {
            let at = from + p;
            Some(at + head[at..].chars().next().map_or(1, char::len_utf8))
        }
        None => (from == 0).then_some(0),
    }
}

/// `Argentine`, `Egyptian`, `French`, `Chinese`: adjectives of nationality before a title.
pub(crate) fn is_demonym(word: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "French",
        "Dutch",
        "Czech",
        "Swiss",
        "Greek",
        "Thai",
        "Argentine",
        "Philippine",
        "Filipino",
        "Emirati",
        "Kuwaiti",
        "Qatari",
        "Omani",
    ];
    IRREGULAR.contains(&word)
        || (["an", "ese", "ish", "i"].iter().any(|s| word.ends_with(s)) && word.chars().count() > 3)
}

/// The office an apposition after a name gives (`, ESA Director General`, ` (US’ Commerce
/// Secretary)`, `, CEO of the Luxembourg Space Agency`): the span of the title as written and
/// the body or country it names, or `None` when the text after the name is no office.
fn apposition<'a>(
    text: &str,
    end: usize,
    others: &[Mention<'a>],
) -> Option<(Range<usize>, Text<'a>)> {
    let rest = &text[end..];
    if !rest.starts_with(", ") && !rest.starts_with(" (") {
        return None;
    }
    let clause_start = end + 2;
    let tail = window_after(text, clause_start, CLAUSE_LEN);
    let clause_end = tail
        .find([';', '\n', ')', '.', '“', '"'])
        .unwrap_or(tail.len());
    let clause = &tail[..clause_end];
    let lead = || {
        clause
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .take(8)
            .map(|w| w.trim_end_matches(['’', '\'']))
    };
    // An apposition opens with its title (`ESA Director General`), an article (`the head
    // of`) or a possessive (`Luxembourg's Minister`); `whilst Dr X, Chairman` is another clause.
    let opens_like_a_title = clause.starts_with(char::is_uppercase)
        || lead().next().is_some_and(|w| {
            ["the", "a", "an", "its", "their"]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(w))
                || OFFICE_HEADS.contains_any_case(w)
                || BODY_HEADS.contains_any_case(w)
        });
    if !opens_like_a_title {
        return None;
    }
    let clause_end = clause_start + clause_end;
    let bodies: Vec<&Mention> = overlapping(others, clause_start, clause_end)
        .iter()
        .filter(|m| {
            m.start >= clause_start
                && m.end <= clause_end
                && matches!(m.kind, Kind::Agency | Kind::Country)
        })
        .collect();
    let is_office = lead().any(|w| {
        let w = w.trim_end_matches(['’', '\'', 's', 'S']);
        // `under-secretary`, `vice-chairman`: the last part of a hyphenated title heads it.
        OFFICE_HEADS.contains_any_case(w)
            || OFFICE_HEADS.contains_any_case(w.rsplit('-').next().unwrap_or(w))
            || (BODY_HEADS.contains_any_case(w) && !bodies.is_empty())
    });
    if !is_office {
        return None;
    }
    // The title runs from after a leading body (`ESA`, `US’`, `Luxembourg's`) to the next
    // body or the end of the phrase; the body it names is the org, an agency before a country.
    let mut role_start = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| text[clause_start..].strip_prefix(a))
        .map_or(clause_start, |r| text.len() - r.len());
    if let Some(lead_body) = bodies.iter().find(|m| m.start == role_start) {
        let after = &text[lead_body.end..clause_end];
        let after = ["’s ", "'s ", "’ ", "' ", " "]
            .iter()
            .find_map(|p| after.strip_prefix(p))
            .unwrap_or(after);
        role_start = clause_end - after.len();
    }
    let body_end = bodies
        .iter()
        .find(|m| m.start >= role_start)
        .map_or(clause_end, |m| m.start);
    let role_end = text[role_start..body_end]
        .find([',', '('])
        .map_or(body_end, |p| role_start + p);
    let role = text[role_start..role_end].trim_end();
    let role = [
        " of the", " at the", " for the", " of", " at", " for", " the",
    ]
    .iter()
    .fold(role, |r, suffix| r.strip_suffix(suffix).unwrap_or(r))
    .trim_end();
    // Each step above trims the end only: the title starts where its first word does.
    let role = role_start..role_start + strip_demonym_tail(role).len();
    let org = bodies
        .iter()
        .find(|m| m.kind == Kind::Agency)
        .or(bodies.first())
        .map(|m| m.id.clone())
        .unwrap_or_default();
    Some((role, org))
}

/// `Parliamentary State Secretary at the German` names its body after the demonym: the
/// demonym belongs to the body, not the title.
fn strip_demonym_tail(role: &str) -> &str {
    match role.rsplit_once(' ') {
        Some((head, last)) if is_demonym(last) && is_capitalised(last) => head
            .trim_end()
            .strip_suffix(" at the")
            .or_else(|| head.strip_suffix(" of the"))
            .unwrap_or(head),
        _ => role,
    }
}

/// How long the token that starts `rest` is: up to white space or punctuation that no name
/// holds (`,;:()"“”!?/`). ASCII bytes, most of a name, are looked up in a table; a search
/// testing each character against a string of the marks was a fifth of reading a name.
fn token_len(rest: &str) -> usize {
    const ENDS: [bool; 128] = {
        let mut ends = [false; 128];
        let marks = b"\t\n\x0b\x0c\r ,;:()\"!?/";
        let mut i = 0;
        while i < marks.len() {
            ends[marks[i] as usize] = true;
            i += 1;
        }
        ends
    };
    let bytes = rest.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if ENDS[usize::from(b)] {
                return i;
            }
            i += 1;
        } else {
            let c = rest[i..]
                .chars()
                .next()
                .expect("i is on a character boundary");
            if c.is_whitespace() || c == '“' || c == '”' {
                return i;
            }
            i += c.len_utf8();
        }
    }
    bytes.len()
}

/// The person's name starting at byte `i` (after optional honorifics), if any: name words,
/// initials, particles before a name word and a final suffix, joined by single spaces. A
/// possessive or any punctuation other than an initial's or suffix's period ends it.
fn parse_name(text: &str, i: usize) -> Option<Name> {
    read_name(text, name_start(text, i)?)
}

/// Where a name starting at byte `i` may start, after its honorifics; `None` when no name can
/// start there.
pub(super) fn name_start(text: &str, mut i: usize) -> Option<usize> {
    // Honorifics, initials and name words all start with a capital; most words after a title
    // do not, and are turned away here before any word is read.
    if !is_capitalised(&text[i..]) {
        return None;
    }
    // An honorific is a short word and a space: look no further than the longest one.
    for _ in 0..MAX_HONORIFICS {
        let Some(len) = text.as_bytes()[i..]
            .iter()
            .take(HONORIFIC_LEN + 1)
            .position(|&b| b == b' ')
        else {
            break;
        };
        if !HONORIFICS.contains(&text[i..i + len]) {
            break;
        }
        i += len + 1;
    }
    Some(i)
}

/// The name whose first word starts at byte `i`, if any (see [`parse_name`]).
pub(super) fn read_name(text: &str, i: usize) -> Option<Name> {
    // The name is read from a window of its longest length; a token the window cuts is not
    // read, as the name would end inside a word.
    let mut limit = (i + MAX_NAME_LEN).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[..limit];
    let (start, mut end, mut parts, mut seen, mut pos) = (i, i, 0, 0, i);
    while seen < 7 {
        let rest = &window[pos..];
        let raw_len = token_len(rest);
        if raw_len == rest.len() && token_len(window_after(text, limit, 4)) > 0 {
            break;
        }
        let raw = &rest[..raw_len];
        let (len, counts) = if is_initial(raw) {
            (raw.len(), true)
        } else if seen > 0
            && (SUFFIXES.contains(raw)
                || PARTICLES.contains(raw) && next_is_capitalised(text, pos + raw_len))
        {
            (raw.len(), false)
        } else {
            let stem = crate::text::strip_possessive(raw).trim_end_matches(['.', '’', '\'']);
            if !is_name_word(stem) || STOP.contains(stem) || OFFICE_WORDS.contains(stem) {
                break;
            }
            (stem.len(), true)
        };
        parts += usize::from(counts);
        seen += 1;
        end = pos + len;
        if len != raw_len || !text[pos + raw_len..].starts_with(' ') {
            break;
        }
        pos += raw_len + 1;
    }
    (parts > 0).then_some(Name { start, end, parts })
}

/// The name of at least two parts that ends exactly at byte `end`, if any: the longest of
/// the names that start a few space-separated tokens back.
fn name_ending_at(text: &str, end: usize) -> Option<Name> {
    // Where the token ending at `pos` starts: after the space or line break before it (a
    // paragraph may open with the name), found by a plain loop back over its few bytes (both
    // are ASCII, never part of another character), as the library's search backwards costs
    // more to set up than such a token takes to read; `None` past the longest word.
    let token_start = |pos: usize| {
        let from = pos.saturating_sub(MAX_WORD_LEN + 1);
        match text.as_bytes()[from..pos]
            .iter()
            .rposition(|&b| b == b' ' || b == b'\n')
        {
            Some(p) => Some(from + p + 1),
            None => (from == 0).then_some(0),
        }
    };
    // Cheap test first: most commas follow a lower-case word.
    let last = &text[token_start(end)?..end];
    if !(is_capitalised(last) || SUFFIXES.contains(last)) {
        return None;
    }
    let mut starts = [0; 7];
    let mut count = 0;
    let mut pos = end;
    while count < starts.len() {
        let Some(start) = token_start(pos) else {
            break;
        };
        starts[count] = start;
        count += 1;
        if start == 0 || !text[..start - 1].ends_with(|c: char| c.is_alphabetic() || c == '.') {
            break;
        }
        pos = start - 1;
    }
    starts[..count]
        .iter()
        .rev()
        .copied()
        .filter_map(|s| parse_name(text, s))
        .find(|n| n.end == end && n.parts >= 2)
}

/// `S.`, `R.`: one capital and a period.
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Whether the token after byte `i` is capitalised, or is another particle that one follows
/// (`de la Vega`, `van der Berg`).
fn next_is_capitalised(text: &str, i: usize) -> bool {
    let Some(rest) = text[i..].strip_prefix(' ') else {
        return false;
    };
    if is_capitalised(rest) {
        return true;
    }
    let len = rest.find(' ').unwrap_or(rest.len());
    PARTICLES.contains(&rest[..len]) && rest[len..].strip_prefix(' ').is_some_and(is_capitalised)
}

/// A capitalised word of letters, with hyphens or apostrophes inside (`Jean-Yves`,
/// `Al-Mashat`, `O'Keefe`), and some lower-case letters (so not an acronym).
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && w.chars().any(char::is_lowercase)
        && !w.ends_with(['-', '\'', '’'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_at(text: &str) -> Option<&str> {
        parse_name(text, 0).map(|n| &text[n.start..n.end])
    }

    #[test]
    fn names_at_a_paragraph_start_and_after_a_rank() {
        // (text, the officials found)
        let rows: &[(&str, &[&str])] = &[
            (
                "It was signed.\n\nAnna Kovacs, Minister of Space, said so.",
                &["Anna Kovacs"],
            ),
            (
                "the acting director-general Col. Anna Kovacs of NASA said",
                &["Anna Kovacs"],
            ),
            ("Col. Anna Kovacs of NASA said", &["Anna Kovacs"]),
            // Words of offices are no one's name, though they qualify a title.
            ("Deputy Deputy Deputy Deputy said", &[]),
            ("Vice Minister Anna Kovacs said", &["Anna Kovacs"]),
            (
                "Minister Anna Kovacs Deputy Minister Ivo Roe",
                &["Anna Kovacs", "Ivo Roe"],
            ),
        ];
        let extractor =
            crate::extract::Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
        for (text, want) in rows {
            let found = extractor.extract(text);
            let got: Vec<&str> = found
                .iter()
                .filter(|m| m.kind == Kind::Official)
                .map(|m| &text[m.start..m.end])
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            HONORIFICS.words,
            PARTICLES.words,
            SUFFIXES.words,
            STOP.words,
            OFFICE_WORDS.words,
            OPENERS.words,
            OFFICE_HEADS.words,
            BODY_HEADS.words,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "not sorted: {list:?}");
        }
    }

    #[test]
    fn word_lists_find_their_words_only() {
        for list in [&HONORIFICS, &PARTICLES, &SUFFIXES, &STOP, &OPENERS] {
            for word in list.words {
                assert!(list.contains(word), "{word} not found");
                for other in [&word[1..], &word[..word.len() - 1], &format!("{word}x")] {
                    assert_eq!(list.contains(other), list.words.contains(&other));
                }
            }
            assert!(!list.contains(""));
        }
    }

    #[test]
    fn names_that_end_a_body_name() {
        // (what, text, the name's first word, whether it ends a body's name)
        let rows = [
            (
                "after `for`",
                "Minister for Digital Affairs, Member",
                "Digital",
                true,
            ),
            (
                "after `of`",
                "Office of Strategic Studies, head",
                "Strategic",
                true,
            ),
            (
                "after a list of single words",
                "Business, Energy and Industrial Strategy, Member",
                "Industrial",
                true,
            ),
            (
                "after a list of full names",
                "Ann Bell, Carl Dunn and Ed Fox, Minister",
                "Ed",
                false,
            ),
            (
                "after `and` alone",
                "Bell and Ed Fox, Minister",
                "Ed",
                false,
            ),
            ("after a verb", "said Ed Fox, Minister", "Ed", false),
            (
                "after a lower-case word and `of`",
                "in the presence of Ed Fox, Minister",
                "Ed",
                false,
            ),
            ("at the start", "Ed Fox, Minister", "Ed", false),
        ];
        for (what, text, first, want) in rows {
            let start = text.find(first).expect("the name is in the row");
            assert_eq!(ends_a_body_name(text, start), want, "{what}: {text}");
        }
    }

    #[test]
    fn heads_match_in_any_case_only() {
        let rows = [
            ("minister", true),
            ("Minister", true),
            ("MINISTER", true),
            ("Under-Secretary", true),
            ("Ministers", false),
            ("Minist", false),
            ("", false),
        ];
        for (word, want) in rows {
            assert_eq!(OFFICE_HEADS.contains_any_case(word), want, "{word}");
        }
    }

    #[test]
    fn names() {
        let rows: &[(&str, Option<&str>)] = &[
            ("Wilbur Ross (US’ Commerce Secretary)", Some("Wilbur Ross")),
            ("Jean-Jacques Dordain said", Some("Jean-Jacques Dordain")),
            ("S. Somanath, chairman", Some("S. Somanath")),
            ("Simonetta Di Pippo and", Some("Simonetta Di Pippo")),
            ("Kim Min-jun.", Some("Kim Min-jun")),
            (
                "Joel Joseph Marciano Jr. was",
                Some("Joel Joseph Marciano Jr."),
            ),
            ("Dr. Marc Serres, CEO", Some("Marc Serres")),
            ("Engr. Dr. Ada Obi said", Some("Ada Obi")),
            ("Drs Ada Obi", Some("Drs Ada Obi")),
            (
                "Ahmad bin Abdullah Al Falasi said",
                Some("Ahmad bin Abdullah Al Falasi"),
            ),
            ("Fernández's view", Some("Fernández")),
            ("Alberto Fernández Monday took", Some("Alberto Fernández")),
            ("NASA said", None),
            ("the minister", None),
        ];
        for (text, want) in rows {
            assert_eq!(name_at(text), *want, "{text}");
        }
    }

    #[test]
    fn names_and_titles_are_read_within_their_bounds() {
        // A name stops before a token that would take it past its bound, and a token longer
        // than a word is no name word.
        let long = format!("Anna {}", "Kovacs ".repeat(20));
        let name = name_at(&long).expect("a name");
        assert!(
            name.len() <= MAX_NAME_LEN && name.ends_with("Kovacs"),
            "{name}"
        );
        let word = "K".to_string() + &"o".repeat(MAX_NAME_LEN);
        assert_eq!(name_at(&format!("Anna {word} said")), Some("Anna"));
        // Honorifics are skipped no further than the most a name has.
        assert_eq!(name_at(&"Dr. ".repeat(MAX_HONORIFICS + 1)), Some("Dr"));
        assert_eq!(name_at("Dr. Dr. Anna Kovacs"), Some("Anna Kovacs"));
        // A word is looked back over only as far as the longest.
        let short = "x ".to_string() + &"a".repeat(MAX_WORD_LEN);
        assert_eq!(last_word_start(&short, |c| c == ' '), Some(2));
        let longer = "x ".to_string() + &"a".repeat(MAX_WORD_LEN + 8);
        assert_eq!(last_word_start(&longer, |c| c == ' '), None);
        assert_eq!(last_word_start("abc", |c| c == ' '), Some(0));
    }

    #[test]
    fn a_body_is_found_before_the_most_qualifiers() {
        // The longest title [`TITLE_REACH`] allows for: the most qualifiers, each of the
        // longest word, after a body; a company title then names an official serving it.
        let qualifier = "Q".to_string() + &"q".repeat(MAX_WORD_LEN - 1);
        let qualifiers = [qualifier.as_str(); MAX_QUALIFIERS].join(" ");
        let text = format!("ESA’s {qualifiers} Director Anna Kovacs said");
        let start = text.find("Director").expect("the title");
        let titles = [TitleHit {
            start,
            end: start + "Director".len(),
            government: false,
        }];
        let others = [Mention::new(Kind::Agency, 0, 3, "ESA")];
        let found = find(&text, &titles, &others);
        let [official] = &found[..] else {
            panic!("one official in {found:?}")
        };
        assert_eq!(&text[official.start..official.end], "Anna Kovacs");
        assert_eq!(official.org, "ESA");
        assert_eq!(
            &text[official.role.clone()],
            format!("{qualifiers} Director")
        );
        assert!(start - 3 <= TITLE_REACH);
    }

    proptest::proptest! {
        /// The marks searched before titles are every mark an apposition may open at, once
        /// each and in order: a comma whose name ends there, or a parenthesis whose name ends
        /// a byte before it, with a title starting within the reach after that end.
        #[test]
        fn apposition_marks_are_those_a_title_follows(
            bytes in proptest::collection::vec(
                proptest::sample::select(b"a ,(".to_vec()),
                0..400,
            ),
            mut starts in proptest::collection::vec(0usize..420, 0..8),
        ) {
            starts.sort_unstable();
            let titles: Vec<TitleHit> = starts
                .iter()
                .map(|&start| TitleHit { start, end: start + 1, government: false })
                .collect();
            let want: Vec<usize> = (0..bytes.len())
                .filter(|&m| {
                    let end = match bytes[m] {
                        b',' => m,
                        b'(' if m > 0 => m - 1,
                        _ => return false,
                    };
                    starts.iter().any(|&t| end < t && t <= end + APPOSITION_REACH)
                })
                .collect();
            let got: Vec<usize> = apposition_marks(&bytes, &titles).collect();
            proptest::prop_assert!(got.windows(2).all(|w| w[0] < w[1]), "{:?}", got);
            proptest::prop_assert!(got.iter().all(|&m| b",(".contains(&bytes[m])));
            let missing: Vec<&usize> = want.iter().filter(|m| !got.contains(m)).collect();
            proptest::prop_assert!(missing.is_empty(), "missing {:?}", missing);
        }

        /// A token ends where the definition says: at the first white space or mark.
        #[test]
        fn tokens_end_at_white_space_or_marks(rest in "[a-zA-Z.'’-]{0,6}[ \t\n\x0b\x0c\r\u{85}\u{a0}\u{2009}\u{3000},;:()\"“”!?/a-z‘é€\x1c]{0,4}.{0,4}") {
            let want = rest
                .find(|c: char| c.is_whitespace() || ",;:()\"“”!?/".contains(c))
                .unwrap_or(rest.len());
            proptest::prop_assert_eq!(token_len(&rest), want);
        }
    }
}
