//! Government bodies named by pattern rather than by dictionary: `Ministry of …`,
//! `Department of …`, `Office of the …`, `… Space Agency`. No list of ministries is complete,
//! but their names follow a few shapes; a body found this way is keyed by its own name.
//!
//! The head words (`Ministry`, `Space Agency`) are found at word starts by a small trie;
//! a name is read from each only: forward by hand, as an anchored regex (kept in the tests)
//! would read it, or back over the capitalised words before `Space Agency`. A regex over the
//! whole text would have to search backwards for where such names start, which cost half of
//! all extraction time; an anchored one took 6% of start-up to compile, and more to run.
//! No name is longer than [`MAX_NAME_LEN`], so a name is read from a bounded window and the
//! rule costs the same at every head, whatever the text around it.

use std::collections::VecDeque;
use std::ops::Range;

use regex::Regex;

use super::word_list::WordList;
use crate::matcher::{WordFilter, WordMatcher};
use crate::text::{is_capitalised, spaces1, window_after, WordStart};

/// The most bytes a body's name spans, from a qualifier (`Federal`) to its last word: the
/// longest names in news (`Ministry of Education, Culture, Sports, Science and Technology`)
/// take about 90. A name is read no further, and one that would run on is cut after its last
/// word within the bound, so that a text of heads and joiners (`Ministry of Ministry of …`)
/// costs a bounded read at each head instead of a read to the end of the text.
pub const MAX_NAME_LEN: usize = 160;

/// The characters after the capital of a word in a body's name, as a regex class: what
/// [`name_word`] reads by hand for ASCII.
const NAME_CHARS: &str = r"[\p{L}'’&-]";

/// The small words that join the capitalised words of a body's name (`and`, `of the`).
const JOINERS: [&str; 6] = ["and", "of", "for", "on", "the", "&"];

/// Heads of names read forward: `Ministry of …`, `State Administration for …`. Each needs
/// `of` or `for` and a capitalised complement after it, which a company's or a programme's
/// name rarely has; `Institute` and `Centre` are left out, as universities and think tanks
/// take the same shape (`Institute of Technology`, `Centre for Strategic Studies`).
const FORWARD: [&str; 16] = [
    "Ministry",
    "Ministries",
    "Embassy",
    "Consulate",
    "Division",
    "Department",
    "Office",
    "Secretariat",
    "Directorate",
    "Administration",
    "Agency",
    "Authority",
    "Bureau",
    "Commission",
    "Committee",
    "Council",
];
/// Heads of names read backward: `Rwanda Space Agency`, `Zembla Space Centre`, `Ruritania
/// Parliament`. Each ends a name that some capitalised word before it completes; alone
/// (`the Space Centre`) it names nothing.
const BACKWARD: [&str; 43] = [
    "Board",
    "Space Agency",
    "Space Administration",
    "Space Authority",
    "Space Office",
    "Space Commission",
    "Space Centre",
    "Space Center",
    "Space Committee",
    "Space Council",
    "Space Directorate",
    "Space Institute",
    "Space Command",
    "Space Research Centre",
    "Space Research Center",
    "Space Research Institute",
    "Space Flight Center",
    "Space Flight Centre",
    "Aerospace Agency",
    "Aerospace Administration",
    "Aerospace Authority",
    "Aerospace Office",
    "Aerospace Commission",
    "Aerospace Centre",
    "Aerospace Center",
    "Air Force",
    "Space Force",
    "Navy",
    "Army",
    "Armed Forces",
    "Defence Force",
    "Defense Force",
    "Defence Forces",
    "Defense Forces",
    "Parliament",
    "Affairs Bureau",
    "Affairs Commission",
    "Affairs Committee",
    "Affairs Council",
    "Affairs Department",
    "Affairs Directorate",
    "Affairs Division",
    "Affairs Office",
];
/// Heads that name a body alone (`the Foreign Ministry`), and with the capitalised words
/// before them (`the Zembla Foreign Ministry`).
const WHOLE: [&str; 16] = [
    "House Committee",
    "Joint Committee",
    "Parliamentary Committee",
    "Select Committee",
    "Senate Committee",
    "Standing Committee",
    "Defence Ministry",
    "Defense Ministry",
    "Economy Ministry",
    "Education Ministry",
    "Finance Ministry",
    "Foreign Ministry",
    "Foreign Office",
    "Interior Ministry",
    "Science Ministry",
    "Trade Ministry",
];
/// Words before a forward head that belong to its name (`Federal Ministry`, `State
/// Administration`).
const QUALIFIERS: [&str; 7] = [
    "Central", "Federal", "Union", "State", "National", "Royal", "High",
];

/// Capitalised words that open a sentence or a phrase, not a body's name: a name read
/// backward stops before them (`In Zembla Space Centre` names `Zembla Space Centre`).
const STARTERS: WordList = WordList::new(&[
    "A", "After", "An", "And", "As", "At", "Before", "But", "By", "During", "For", "From", "How",
    "If", "In", "Its", "Of", "On", "Our", "Since", "So", "That", "The", "Their", "This", "To",
    "Under", "When", "While", "With",
]);

/// The words of the name last read forward (start and end), from the first a later head may
/// start at, the starts of those [`trim_name`] would cut the name before, and the window it
/// was read in. A name word's successor depends only on the text after it, so a head whose
/// first word is one of them continues that name from its last word, within a window at
/// least as wide: a run of heads and joiners (`Ministry of Ministry of …`) is then read once,
/// not once for each head.
#[derive(Default)]
struct Chain {
    words: VecDeque<(usize, usize)>,
    titles: VecDeque<usize>,
    limit: usize,
}

impl Chain {
    /// Add the name word `start..end` of `text`, and whether a title there cuts the name.
    /// [`trim_name`] reads tokens to the next space: unless the word is a name's last (whose
    /// token ends with the name, and which is judged again there), the word is a title's
    /// token if only commas and then a space follow it.
    fn push(&mut self, text: &str, (start, end): (usize, usize)) {
        self.words.push_back((start, end));
        let after = &text.as_bytes()[end..];
        let commas = after
            .iter()
            .take(MAX_NAME_LEN)
            .take_while(|&&b| b == b',')
            .count();
        if after.get(commas) == Some(&b' ') && cuts_before(text, start, end) {
            self.titles.push_back(start);
        }
    }
}

/// Whether [`trim_name`] cuts a name before the word `start..end` of `text`, which is not
/// the first of its name: a title word after a single space, after a token that is no lead.
/// A token before it that starts more than a name's length back starts with the name's first
/// word, and is no lead.
fn cuts_before(text: &str, start: usize, end: usize) -> bool {
    if start == 0 || text.as_bytes()[start - 1] != b' ' || !TITLE_WORDS.contains(&text[start..end])
    {
        return false;
    }
    let before = &text.as_bytes()[start.saturating_sub(MAX_NAME_LEN + 1)..start - 1];
    let previous = memchr::memrchr(b' ', before).map_or(&[][..], |p| &before[p + 1..]);
    let previous = std::str::from_utf8(previous).unwrap_or("");
    !TITLE_LEADS.contains(previous.trim_end_matches(','))
}

/// The body-name rules, compiled once per run.
pub struct BodyRules {
    heads: WordMatcher,
    /// The rest of a name word from its first character past ASCII.
    name_chars: Regex,
}

impl Default for BodyRules {
    fn default() -> Self {
        Self::new()
    }
}

impl BodyRules {
    pub fn new() -> BodyRules {
        BodyRules {
            heads: WordMatcher::new(&[&FORWARD[..], &BACKWARD[..], &WHOLE[..]].concat(), false),
            name_chars: Regex::new(&format!("^{NAME_CHARS}*")).expect("body rule compiles"),
        }
    }

    /// The word starts where a body's head word may begin.
    pub fn filter(&self) -> &WordFilter {
        self.heads.filter()
    }

    /// Where the name read forward from a head word ending at `at` ends (`Ministry` + ` of
    /// the Interior`), if one follows within the first `limit` bytes of `text`: `of` or
    /// `for`, an optional `the`, and capitalised words joined by spaces, commas or
    /// [`JOINERS`]. Read by hand as the regex
    /// `\s+(?:of|for)\s+(?:the\s+)?W(?:(?:,|(?:\s+(?:and|of|for|on|the|&))+)?\s+W)*`, with
    /// `W` = `[A-Z]` and [`NAME_CHARS`]`*`, would match it (the tests hold it to that regex),
    /// but for a word that runs past `limit`, where the name ends before it. No joiner starts
    /// with a capital, so where the regex may skip `the` or some joiners, skipping fewer
    /// never makes a name word follow. With the end comes where the first word that
    /// [`trim_name`] cuts the name before starts, if any. `chain` holds the name read before,
    /// which this name continues when its first word is one of that name's.
    fn forward_end(
        &self,
        text: &str,
        at: usize,
        limit: usize,
        chain: &mut Chain,
    ) -> Option<(usize, Option<usize>)> {
        let mut cut = limit.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[..cut];
        // A word the window cuts is not read: it would end the name inside a word.
        let word = |at: usize| {
            self.name_word(window, at)
                .filter(|&end| {
                    end < window.len() || self.name_word_len(window_after(text, end, 4)) == 0
                })
                .map(|end| (at, end))
        };
        let at = spaces1(window, at)?;
        let rest = &window[at..];
        let at = at + ["of", "for"].iter().find(|w| rest.starts_with(*w))?.len();
        let mut end = spaces1(window, at)?;
        if let Some(after) = window[end..]
            .strip_prefix("the")
            .and_then(|_| spaces1(window, end + 3))
        {
            end = after;
        }
        let first = word(end)?;
        while chain.words.front().is_some_and(|&w| w < first) {
            chain.words.pop_front();
        }
        while chain.titles.front().is_some_and(|&t| t < first.0) {
            chain.titles.pop_front();
        }
        if chain.words.front() != Some(&first) || chain.limit > cut {
            chain.words.clear();
            chain.titles.clear();
            chain.push(text, first);
        }
        chain.limit = cut;
        let mut last = *chain.words.back().expect("the chain holds the first word");
        while let Some(next) = self.next_name_word(window, last.1, word) {
            chain.push(text, next);
            last = next;
        }
        // The last word ends its span, and its token there with it.
        let title = chain.titles.front().copied().or_else(|| {
            let (start, end) = last;
            cuts_before(window, start, end).then_some(start)
        });
        Some((last.1, title))
    }

    /// Where the next word of a name starts and ends, if one follows the word ending at `at`:
    /// after a comma, or after all the joiners that follow. `word` reads a name word.
    fn next_name_word(
        &self,
        text: &str,
        at: usize,
        word: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        if text[at..].starts_with(',') {
            return spaces1(text, at + 1).and_then(word);
        }
        let mut end = at;
        let mut and = false;
        while let Some(next) = spaces1(text, end) {
            let rest = &text[next..];
            let Some(joiner) = JOINERS.iter().find(|j| rest.starts_with(*j)) else {
                break;
            };
            and |= *joiner == "and";
            end = next + joiner.len();
        }
        // `Ministry of Energy and the Ministry of Trade` names two bodies.
        spaces1(text, end)
            .and_then(word)
            .filter(|&(start, end)| !(and && FORWARD.contains(&&text[start..end])))
    }

    /// Where the name word starting at `at` ends: a capital, then letters, apostrophes, `&`
    /// and hyphens.
    fn name_word(&self, text: &str, at: usize) -> Option<usize> {
        if !text.as_bytes().get(at)?.is_ascii_uppercase() {
            return None;
        }
        Some(at + 1 + self.name_word_len(&text[at + 1..]))
    }

    /// How many bytes at the start of `rest` may continue a name word ([`NAME_CHARS`]).
    fn name_word_len(&self, rest: &str) -> usize {
        let bytes = rest.as_bytes();
        let mut end = 0;
        while let Some(&b) = bytes.get(end) {
            if b >= 0x80 {
                // Letters past ASCII are the regex's to judge (`\p{L}` has no test in std).
                return end + self.name_chars.find(&rest[end..]).map_or(0, |m| m.end());
            }
            if !(b.is_ascii_alphabetic() || matches!(b, b'\'' | b'&' | b'-')) {
                break;
            }
            end += 1;
        }
        end
    }

    /// The span of every body named by a rule in `text`, its heads tried at `starts` (from
    /// [`word_starts`](crate::text::word_starts)); none is longer than [`MAX_NAME_LEN`]. Spans,
    /// not mentions: a name is copied only once it has won its place.
    pub fn find(&self, text: &str, starts: &[WordStart]) -> Vec<Range<usize>> {
        // Room for what a long article names, so that the vector is not copied as it grows.
        let mut found = Vec::with_capacity(16);
        let mut chain = Chain::default();
        for head in self.heads.find(text, starts) {
            let span = if head.pattern < FORWARD.len() {
                let start = qualified_start(text, head.start);
                self.forward_end(text, head.end, start + MAX_NAME_LEN, &mut chain)
                    .map(|(end, title)| (start, end, title))
            } else {
                backward_start(text, head.pattern, head.start, head.end)
                    .map(|start| (start, head.end, None))
            };
            let Some((start, end, title)) = span else {
                continue;
            };
            if text[end..].starts_with(char::is_alphanumeric) {
                continue;
            }
            // The name is a prefix of the match, less a leading `The`. A forward name knows
            // where a title cuts it, and is not read again for it.
            let name = match title {
                Some(title) => trim_commas(&text[start..title - 1]),
                None if head.pattern < FORWARD.len() => trim_commas(&text[start..end]),
                None => trim_name(&text[start..end]),
            };
            let name = before_blank_line(name);
            let (start, end) = (start + leading_article(name), start + name.len());
            if end > start {
                found.push(start..end);
            }
        }
        found
    }
}

/// Where a `Ministry of …` name starts: at a qualifier right before it (`Federal Ministry`).
fn qualified_start(text: &str, head: usize) -> usize {
    let before = &text[..head];
    QUALIFIERS
        .iter()
        .find_map(|q| {
            let rest = before.strip_suffix(' ')?.strip_suffix(q)?;
            (!rest.ends_with(char::is_alphanumeric)).then_some(rest.len())
        })
        .unwrap_or(head)
}

/// Where the name ending with the backward or whole head `pattern` (`start..end`) starts,
/// unless it names something else or, for a backward head, has no word before the head.
fn backward_start(text: &str, pattern: usize, start: usize, end: usize) -> Option<usize> {
    if names_other_thing(window_after(text, end, NEXT_WORD_REACH)) {
        return None;
    }
    let named = named_start(text, start, end.saturating_sub(MAX_NAME_LEN));
    if pattern >= FORWARD.len() + BACKWARD.len() {
        return named.or(Some(start));
    }
    // Companies and newspapers have boards too: a `… Board` is a body only when a qualifier
    // opens its name (`National Remote Sensing Board`).
    if BACKWARD[pattern - FORWARD.len()] == "Board" {
        return named.filter(|&s| {
            let first = &text[s..];
            QUALIFIERS
                .iter()
                .any(|q| first.strip_prefix(q).is_some_and(|r| r.starts_with(' ')))
        });
    }
    named
}

/// Where an `… Space Agency` name starts: up to three capitalised words back, joined by single
/// spaces, none starting before byte `from`; `None` when there is none.
fn named_start(text: &str, head: usize, mut from: usize) -> Option<usize> {
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..head];
    // A word the window cuts is not read: it would start the name inside a word.
    let cut = text[..from].ends_with(|c: char| c.is_alphabetic() || c == '-');
    let mut start = window.len();
    for _ in 0..3 {
        let Some(before) = window[..start].strip_suffix(' ') else {
            break;
        };
        let word_start = match before.rfind(|c: char| !(c.is_alphabetic() || c == '-')) {
            Some(p) => p + before[p..].chars().next().map_or(1, char::len_utf8),
            None if cut => break,
            None => 0,
        };
        let word = &before[word_start..];
        if word.chars().count() < 2 || !is_capitalised(word) || STARTERS.contains(word) {
            break;
        }
        start = word_start;
    }
    (start < window.len()).then_some(from + start)
}

/// Words after a name read backward that make it part of the name of something else: a
/// place (`… Air Force Base`, `… Space Centre Station`), a programme or project, a school,
/// or a law (`… Space Agency Act`).
const OTHER_THINGS: WordList = WordList::new(&[
    "Academy",
    "Act",
    "Base",
    "Bill",
    "Campus",
    "College",
    "Complex",
    "Museum",
    "Program",
    "Programme",
    "Project",
    "Range",
    "School",
    "Station",
]);
/// How many bytes after a head the word naming something else is read in: a space and the
/// longest of [`OTHER_THINGS`], and the byte after it.
const NEXT_WORD_REACH: usize = 12;

/// Whether `after`, the text right after a head read backward, opens with a word of
/// [`OTHER_THINGS`] as a whole word (one the window does not cut, unless the text ends).
fn names_other_thing(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let whole = len < rest.len() || after.len() < NEXT_WORD_REACH;
    whole && OTHER_THINGS.contains(&rest[..len])
}

/// Words that start a title, not a body's name: `Department of National Defense
/// Officer-in-Charge` names the department and then a post.
const TITLE_WORDS: WordList = WordList::new(&[
    "Administrator",
    "Chairman",
    "Chief",
    "Director",
    "Dr",
    "Dr.",
    "Head",
    "Minister",
    "Mr",
    "Ms",
    "Officer",
    "Officer-in-Charge",
    "President",
    "Secretary",
    "Spokesman",
    "Spokesperson",
]);

/// Words that make a title word part of the name before it.
const TITLE_LEADS: WordList = WordList::new(&[
    "Attorney", "Chief", "Deputy", "Foreign", "Prime", "Vice", "the",
]);

/// The body's name within a match: up to a title word, and a comma list only when it closes
/// with `and` (`Department of Industry, Science and Resources`); otherwise the comma ends it
/// (`Department of Space, Dr S. Somnath`).
fn trim_name(span: &str) -> &str {
    let bytes = span.as_bytes();
    let mut end = span.len();
    // The tokens between single spaces, read by hand: only one that starts as a title word
    // does is looked up, and a name is read at every head.
    let (mut at, mut previous) = (0, "");
    loop {
        let len = memchr::memchr(b' ', &bytes[at..]).unwrap_or(bytes.len() - at);
        let word = &span[at..at + len];
        let may_be_title = word
            .as_bytes()
            .first()
            .is_some_and(|&b| !TITLE_WORDS.starting_with(b).is_empty());
        // `Office of the President` and `Office of the Prime Minister` hold the title as
        // their own last word.
        if at > 0
            && may_be_title
            && TITLE_WORDS.contains(word.trim_end_matches(','))
            && !TITLE_LEADS.contains(previous.trim_end_matches(','))
        {
            end = at - 1;
            break;
        }
        if at + len == bytes.len() {
            break;
        }
        previous = word;
        at += len + 1;
    }
    trim_commas(&span[..end])
}

/// A name's comma list, kept only when it closes with `and`, and no comma or space after it.
fn trim_commas(mut span: &str) -> &str {
    if let Some(comma) = span.find(',') {
        if !span[span.rfind(',').unwrap_or(comma)..].contains(" and ") {
            span = &span[..comma];
        }
    }
    span.trim_end_matches([',', ' '])
}

/// A name up to a blank line: a paragraph's end ends it, even where the next paragraph opens
/// with a capitalised word (`Office of the Spokesperson` and then `The text …`).
fn before_blank_line(name: &str) -> &str {
    let bytes = name.as_bytes();
    let blank = memchr::memchr_iter(b'\n', bytes).find(|&p| {
        let rest = &bytes[p + 1..];
        rest.starts_with(b"\n") || rest.starts_with(b"\r\n")
    });
    match blank {
        Some(p) => name[..p].trim_end(),
        None => name,
    }
}

/// Bytes of a leading `The ` to skip: the article is not part of a name.
fn leading_article(span: &str) -> usize {
    if span.starts_with("The ") {
        4
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A name is read forward exactly as the regex it was once matched with reads it:
        /// texts of spaces of every kind, joiners, commas, capitalised and lower-case words,
        /// letters past ASCII and characters that only look like letters.
        #[test]
        fn names_are_read_forward_as_the_regex_reads_them(
            lead in prop::collection::vec(prop::sample::select(&[
                " ", " of ", " for ", " of", "of ", " ofa ", " Of ", " of the ", " for the",
                " of theory ", " of\u{a0}the\n", "\tof\t",
            ][..]), 1..3),
            parts in prop::collection::vec((
                prop::sample::select(&[
                    " ", " ", ", ", ",", " and ", " & ", " of the ", " on ", "\u{a0}", "\n",
                    " the ", " and the ", " andes ", " for ", "  ", "", " - ",
                ][..]),
                prop::sample::select(&[
                    "Science", "S", "Of", "The", "Éire", "É", "X7y", "A&B", "Q_", "x", "ǅ",
                    "Ⅳ", "A\u{301}", "Aß", "7", ".", "O’Neil", "D-Day", "and", "&", "of",
                ][..]),
            ), 0..8),
        ) {
            let word = format!("[A-Z]{NAME_CHARS}*");
            let spec = Regex::new(&format!(
                r"^Ministry\s+(?:of|for)\s+(?:the\s+)?{word}(?:(?:,|(?:\s+(?:and|of|for|on|the|&))+)?\s+{word})*"
            ))
            .unwrap();
            let name: String = parts.iter().map(|(sep, word)| format!("{sep}{word}")).collect();
            let text = format!("Ministry{}Science{name}", lead.concat());
            let want = spec.find(&text).map(|m| m.end());
            let got = BodyRules::new()
                .forward_end(&text, "Ministry".len(), text.len(), &mut Chain::default())
                .map(|(end, _)| end);
            prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    proptest! {
        /// A name continued from the one read before ends where a name read afresh does:
        /// texts of heads, joiners and name words, names read within their bound.
        #[test]
        fn names_continued_end_where_names_read_afresh_end(
            words in prop::collection::vec(prop::sample::select(&[
                "Ministry", "Department", "Office", "of", "for", "the", "and", "Science",
                "Ministry,", "Space", "Éire", "x", "&",
            ][..]), 0..80),
        ) {
            let text = words.join(" ");
            let rules = BodyRules::new();
            let mut chain = Chain::default();
            for head in rules.heads.find(&text, &crate::text::word_starts(&text)) {
                if head.pattern >= FORWARD.len() {
                    continue;
                }
                let limit = qualified_start(&text, head.start) + MAX_NAME_LEN;
                let fresh = rules.forward_end(&text, head.end, limit, &mut Chain::default());
                let continued = rules.forward_end(&text, head.end, limit, &mut chain);
                prop_assert_eq!(continued, fresh, "{:?} at {}", text, head.start);
            }
        }
    }

    /// [`BodyRules::find`] as it is defined: each head's name read afresh, and trimmed by
    /// [`trim_name_by_definition`].
    fn find_by_definition(rules: &BodyRules, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        for head in rules.heads.find(text, &crate::text::word_starts(text)) {
            let span = if head.pattern < FORWARD.len() {
                let start = qualified_start(text, head.start);
                let limit = start + MAX_NAME_LEN;
                rules
                    .forward_end(text, head.end, limit, &mut Chain::default())
                    .map(|(end, _)| (start, end))
            } else {
                backward_start(text, head.pattern, head.start, head.end)
                    .map(|start| (start, head.end))
            };
            let Some((start, end)) = span else { continue };
            if text[end..].starts_with(char::is_alphanumeric) {
                continue;
            }
            let name = trim_name_by_definition(&text[start..end]);
            let name = before_blank_line(name);
            let (start, end) = (start + leading_article(name), start + name.len());
            if end > start {
                found.push(start..end);
            }
        }
        found
    }

    proptest! {
        /// Names continued from the one before and cut where the reading found a title are
        /// those read afresh and trimmed by definition.
        #[test]
        fn bodies_are_found_as_defined(
            words in prop::collection::vec((
                prop::sample::select(&[" ", " ", " ", " ", ", ", "\t", ". ", ",, ", ",,"][..]),
                prop::sample::select(&[
                    "Ministry", "Department", "Office", "of", "for", "the", "and", "Science",
                    "Director", "Dr", "Prime", "Minister", "Deputy", "Space Agency", "Chief",
                    "Federal", "The", "Head", "x", "Officer-in-Charge",
                ][..]),
            ), 0..60),
        ) {
            let text: String = words.iter().map(|(sep, word)| format!("{word}{sep}")).collect();
            let rules = BodyRules::new();
            let got = rules.find(&text, &crate::text::word_starts(&text));
            prop_assert_eq!(got, find_by_definition(&rules, &text), "{:?}", text);
        }
    }

    #[test]
    fn names_stop_within_their_bound() {
        let rules = BodyRules::new();
        let found = |text: &str| -> Vec<String> {
            rules
                .find(text, &crate::text::word_starts(text))
                .into_iter()
                .map(|span| text[span].to_string())
                .collect()
        };
        // A list that runs past the bound ends at its last word within it, and the comma
        // list without `and` is cut at its first comma.
        let long = format!("the Ministry of Alpha{} said", ", Beta".repeat(40));
        assert_eq!(found(&long), ["Ministry of Alpha"]);
        let joined = format!("the Ministry of Alpha{}", " and Beta".repeat(40));
        let [name] = &found(&joined)[..] else {
            panic!("one name in {joined:?}")
        };
        assert!(name.len() <= MAX_NAME_LEN && name.len() > MAX_NAME_LEN - " and Beta".len());
        assert!(name.ends_with(" and Beta"), "{name}");
        // A word longer than a name is none; nor is a name word that the bound cuts.
        let word = "A".to_string() + &"b".repeat(MAX_NAME_LEN);
        assert_eq!(
            found(&format!("the Ministry of {word} said")),
            [] as [&str; 0]
        );
        assert_eq!(
            found(&format!("the {word} Space Agency said")),
            [] as [&str; 0]
        );
        let cut = format!("the Ministry of Alpha {}", &word[..MAX_NAME_LEN - 10]);
        assert_eq!(found(&cut), ["Ministry of Alpha"]);
        assert_eq!(
            found("the Alpha Beta Gamma Space Agency"),
            ["Alpha Beta Gamma Space Agency"]
        );
    }

    #[test]
    fn names_in_a_text_of_heads_are_bounded() {
        // Heads and joiners for a megabyte (a quarter in a debug build): every head's name is
        // read within the bound, so this runs in time proportional to the text.
        let size = if cfg!(debug_assertions) {
            250_000
        } else {
            1_000_000
        };
        for unit in [
            "Ministry of ",
            "Deputy Ministry of the ",
            "Ministry of Space, ",
            "Rwanda Space Agency ",
        ] {
            let text = unit.repeat(size / unit.len());
            let found = BodyRules::new().find(&text, &crate::text::word_starts(&text));
            assert!(!found.is_empty(), "{unit}");
            assert!(
                found.iter().all(|span| span.len() <= MAX_NAME_LEN),
                "{unit}"
            );
        }
    }

    /// [`trim_name`] as it is defined: the words between single spaces, cut before the first
    /// title word after the first word that no lead precedes.
    fn trim_name_by_definition(span: &str) -> &str {
        let mut end = span.len();
        let mut at = 0;
        let mut previous = "";
        for word in span.split(' ') {
            let bare = word.trim_end_matches(',');
            if at > 0 && TITLE_WORDS.words.contains(&bare) && !TITLE_LEADS.words.contains(&previous)
            {
                end = at - 1;
                break;
            }
            previous = bare;
            at += word.len() + 1;
        }
        let mut span = &span[..end];
        if let Some(comma) = span.find(',') {
            if !span[span.rfind(',').unwrap_or(comma)..].contains(" and ") {
                span = &span[..comma];
            }
        }
        span.trim_end_matches([',', ' '])
    }

    proptest! {
        #[test]
        fn names_are_trimmed_as_defined(
            words in prop::collection::vec(prop::sample::select(&[
                "Ministry", "Director", "Director,", "Prime", "Minister", "the", "and", "",
                "Dr.", "Dr", "Deputy,", "Science,", "Head", "Officer-in-Charge", "Mr", "Ms",
                "É", ",", "Chief", "x",
            ][..]), 0..12),
        ) {
            let span = words.join(" ");
            prop_assert_eq!(trim_name(&span), trim_name_by_definition(&span), "{:?}", span);
        }
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            TITLE_WORDS.words,
            TITLE_LEADS.words,
            STARTERS.words,
            OTHER_THINGS.words,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "not sorted: {list:?}");
        }
    }

    #[test]
    fn body_names() {
        let rows: &[(&str, &[&str])] = &[
            (
                "Egypt’s Ministry of International Cooperation said",
                &["Ministry of International Cooperation"],
            ),
            (
                "the Federal Ministry for Economic Affairs and Energy (BMWi)",
                &["Federal Ministry for Economic Affairs and Energy"],
            ),
            (
                "the Department of Industry, Science and Resources",
                &["Department of Industry, Science and Resources"],
            ),
            (
                "of the Office of the President (OP)",
                &["Office of the President"],
            ),
            ("the Rwanda Space Agency will", &["Rwanda Space Agency"]),
            (
                "Secretary, Department of Space, Dr S. Somnath",
                &["Department of Space"],
            ),
            (
                "the Department of National Defense Officer-in-Charge (OIC)",
                &["Department of National Defense"],
            ),
            ("the Minister of the Economy said", &[]),
            ("a national space agency", &[]),
            ("the Zembla Space Centre (ZSC)", &["Zembla Space Centre"]),
            (
                "In Ruritania Space Research Institute staff",
                &["Ruritania Space Research Institute"],
            ),
            (
                "the Zembla Space Committee met",
                &["Zembla Space Committee"],
            ),
            ("the Space Centre opened", &[]),
            (
                "a vote in the Ruritania Parliament",
                &["Ruritania Parliament"],
            ),
            ("the Parliament voted", &[]),
            ("The Parliament voted", &[]),
            ("the Zembla Air Force launched", &["Zembla Air Force"]),
            (
                "the State Administration for Science and Industry",
                &["State Administration for Science and Industry"],
            ),
            (
                "the National Commission for Space Activities",
                &["National Commission for Space Activities"],
            ),
            ("the Council of Ministers agreed", &["Council of Ministers"]),
            ("the Committee on Space Research met", &[]),
            (
                "the Agency for Remote Sensing",
                &["Agency for Remote Sensing"],
            ),
            ("the Bureau of Space Affairs", &["Bureau of Space Affairs"]),
            ("the agency for that", &[]),
            ("at Zembla Air Force Base today", &[]),
            ("the Zembla Space Centre Project began", &[]),
            ("the Ruritania Space Agency Act 2020", &[]),
            (
                "the Zembla Space Centre Programmes",
                &["Zembla Space Centre"],
            ),
            ("a Commission for the", &[]),
            ("the Embassy of Zembla in Ruritania", &["Embassy of Zembla"]),
            (
                "Zembla's National Remote Sensing Board (NRSB) said",
                &["National Remote Sensing Board"],
            ),
            ("the Zembla Editorial Board said", &[]),
            ("the Board said", &[]),
            (
                "teams from the Ministries of Energy and of Trade met",
                &["Ministries of Energy and of Trade"],
            ),
            (
                "Office of the Spokesperson\n\nThe statement",
                &["Office of the Spokesperson"],
            ),
            (
                "Office of the Spokesperson\r\n\r\nThe statement",
                &["Office of the Spokesperson"],
            ),
            (
                "the Ministry of Foreign\nAffairs said",
                &["Ministry of Foreign\nAffairs"],
            ),
            (
                "the Zembla Navy and the Ruritania Armed Forces",
                &["Zembla Navy", "Ruritania Armed Forces"],
            ),
            ("the Navy said", &[]),
            (
                "the Senate Committee on Commerce and the Parliamentary Standing Committee met",
                &["Senate Committee", "Parliamentary Standing Committee"],
            ),
            (
                "the Ministry of Energy and the Ministry of Trade",
                &["Ministry of Energy", "Ministry of Trade"],
            ),
            (
                "the Ministry of Energy and Department Stores",
                &["Ministry of Energy"],
            ),
            (
                "the High Commission of Zembla said",
                &["High Commission of Zembla"],
            ),
        ];
        for (text, want) in rows {
            let got: Vec<String> = BodyRules::new()
                .find(text, &crate::text::word_starts(text))
                .into_iter()
                .map(|span| text[span].to_string())
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
