//! Matching sets of patterns at the places where words start: a [`WordFilter`] turns most
//! places away by their first bytes, a [`PrefixFilter`] by up to four, and the trie
//! ([`trie::Trie`]) finds the longest whole-word pattern at each place left.
//! [`Capitals`] finds every occurrence of a document's own names (surnames, abbreviations)
//! that starts a word.

pub mod trie;

use crate::text::scan::{filter_key, prefix_key, FILTER_BITS};
use crate::text::{is_word_byte, word_char_at, word_starts_where, WordStart};
use trie::Trie;

/// Which word starts may begin one of a set of patterns, judged by their first three bytes
/// ([`filter_key`]). Several matchers' filters can be joined, so that one test per place
/// serves them all.
#[derive(Clone, Debug)]
pub struct WordFilter {
    /// Bit [`filter_key`] of a place's first three bytes is set when a pattern may start
    /// there (in either ASCII case, for a case-insensitive filter). A pattern shorter than
    /// three bytes sets every byte that can end a word after it, and then any byte.
    bits: Box<[u64; FILTER_BITS / 64]>,
}

/// Add `key` to a set of keys below [`FILTER_BITS`], held one bit each.
fn set_key(bits: &mut [u64; FILTER_BITS / 64], key: u32) {
    let key = key as usize;
    bits[key / 64] |= 1 << (key % 64);
}

/// Whether `key` is in a set made by [`set_key`].
#[inline]
fn has_key(bits: &[u64; FILTER_BITS / 64], key: u32) -> bool {
    // Keys are below FILTER_BITS already; saying so spares a bounds check per place.
    let key = key as usize % FILTER_BITS;
    bits[key / 64] & (1 << (key % 64)) != 0
}

impl WordFilter {
    /// The filter of `patterns`, matched in any ASCII case when asked.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], case_insensitive: bool) -> WordFilter {
        let cases = |b: u8| -> Vec<u8> {
            if case_insensitive && b.is_ascii_alphabetic() {
                vec![b.to_ascii_lowercase(), b.to_ascii_uppercase()]
            } else {
                vec![b]
            }
        };
        let word_enders: Vec<u8> = (0..=255).filter(|&b| !is_word_byte(b)).collect();
        let any: Vec<u8> = (0..=255).collect();
        let mut bits = Box::new([0u64; FILTER_BITS / 64]);
        for p in patterns {
            let (firsts, seconds, thirds) = match *p.as_ref() {
                [] => continue,
                [b0] => (cases(b0), word_enders.clone(), any.clone()),
                [b0, b1] => (cases(b0), cases(b1), word_enders.clone()),
                [b0, b1, b2, ..] => (cases(b0), cases(b1), cases(b2)),
            };
            for &b0 in &firsts {
                for &b1 in &seconds {
                    for &b2 in &thirds {
                        set_key(&mut bits, filter_key(b0, b1, b2));
                    }
                }
            }
        }
        WordFilter { bits }
    }

    /// True when a pattern may start at `start`.
    #[inline]
    pub fn may_start(&self, start: WordStart) -> bool {
        has_key(&self.bits, start.key)
    }

    /// A filter that lets through what either filter does.
    pub fn union(&self, other: &WordFilter) -> WordFilter {
        let mut bits = self.bits.clone();
        for (a, b) in bits.iter_mut().zip(&*other.bits) {
            *a |= b;
        }
        WordFilter { bits }
    }
}

/// The test a matcher makes before a trie walk, judging a place by up to four leading bytes:
/// the first byte and those after it that continue an ASCII word ([`prefix_key`]). Three
/// bytes tell `for` from `Fra` but not from the `for` of `foreign minister`; the fourth tells
/// `for ` from `fore`, and `The ` from `Thea`, and spared over a third of the walks on news
/// text. Its key costs more than a [`WordFilter`]'s, so it is taken only at the places the
/// joined filters keep.
struct PrefixFilter {
    bits: Box<[u64; FILTER_BITS / 64]>,
}

impl PrefixFilter {
    fn new<P: AsRef<[u8]>>(patterns: &[P], case_insensitive: bool) -> PrefixFilter {
        let mut bits = Box::new([0u64; FILTER_BITS / 64]);
        let variants = if case_insensitive { 16 } else { 1 };
        for p in patterns {
            let p = p.as_ref();
            // Every spelling of the head in the cases asked for (bit i of `variant` raises
            // byte i), zeros after a short head.
            for variant in 0..variants {
                let mut head = [0u8; 4];
                for (i, (h, &b)) in head.iter_mut().zip(p).enumerate() {
                    *h = if variant & (1 << i) != 0 {
                        b.to_ascii_uppercase()
                    } else if case_insensitive {
                        b.to_ascii_lowercase()
                    } else {
                        b
                    };
                }
                set_key(&mut bits, prefix_key(&head, 0));
            }
        }
        PrefixFilter { bits }
    }

    #[inline]
    fn may_start(&self, start: WordStart) -> bool {
        has_key(&self.bits, start.prefix)
    }
}

/// A set of patterns searched only at word starts, each search anchored there: the longest
/// pattern beginning at a place, ending on a word boundary. Filters turn most places away
/// before the trie is touched, so the cost is a few instructions a word rather than a trie
/// step a byte.
pub struct WordMatcher {
    trie: Trie,
    filter: WordFilter,
    prefixes: PrefixFilter,
}

/// One match of a [`WordMatcher`]: its span and the index of the pattern it matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

impl WordMatcher {
    /// A matcher over `patterns`, in ASCII case-insensitive mode when asked. Of patterns
    /// that spell the same, the first is reported.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], case_insensitive: bool) -> WordMatcher {
        WordMatcher {
            trie: Trie::new(patterns, case_insensitive),
            filter: WordFilter::new(patterns, case_insensitive),
            prefixes: PrefixFilter::new(patterns, case_insensitive),
        }
    }

    /// The places where this matcher may match.
    pub fn filter(&self) -> &WordFilter {
        &self.filter
    }

    /// The longest pattern starting at `start` and ending on a word boundary, if any.
    #[inline]
    pub fn longest_at(&self, text: &str, start: WordStart) -> Option<WordMatch> {
        if !self.prefixes.may_start(start) {
            return None;
        }
        self.search(text, start.at)
    }

    /// The index of the pattern `s` is, whole, if any.
    pub fn pattern_of(&self, s: &str) -> Option<usize> {
        self.search(s, 0)
            .filter(|m| m.end == s.len())
            .map(|m| m.pattern)
    }

    /// The anchored search behind [`longest_at`](Self::longest_at), kept out of line so that
    /// the prefix test inlines into the loops over word starts.
    #[inline(never)]
    fn search(&self, text: &str, at: usize) -> Option<WordMatch> {
        let bytes = text.as_bytes();
        let mut longest = None;
        for (pattern, len) in self.trie.prefixes(&bytes[at..]) {
            // Patterns and text are UTF-8, so a pattern ends on a character boundary.
            let end = at + len;
            if !word_char_at(text, end) {
                longest = Some(WordMatch {
                    start: at,
                    end,
                    pattern,
                });
            }
        }
        longest
    }

    /// Every whole-word match at the given word starts, leftmost-longest, none overlapping.
    pub fn find<'a>(
        &'a self,
        text: &'a str,
        starts: &'a [WordStart],
    ) -> impl Iterator<Item = WordMatch> + 'a {
        let mut free = 0;
        starts.iter().filter_map(move |&start| {
            if start.at < free {
                return None;
            }
            let m = self.longest_at(text, start)?;
            free = m.end;
            Some(m)
        })
    }
}

/// The places of a text where a document's own names (the abbreviations and surnames it
/// defines) are searched: the word starts with a capital, an ASCII upper-case letter or a
/// character past ASCII, which all such names begin with. Listed by the pass that finds the
/// word starts for the matchers, and shared by every search of the document.
pub struct Capitals<'t> {
    text: &'t str,
    starts: Vec<WordStart>,
}

/// Needles for [`Capitals::find_compiled`]: their trie, and the bytes they start with.
pub struct Needles {
    trie: Trie,
    firsts: [bool; 256],
}

impl Needles {
    pub fn new(needles: &[&str]) -> Needles {
        let mut firsts = [false; 256];
        for needle in needles {
            if let Some(&b) = needle.as_bytes().first() {
                firsts[usize::from(b)] = true;
            }
        }
        Needles {
            trie: Trie::new(needles, false),
            firsts,
        }
    }
}

impl<'t> Capitals<'t> {
    /// Whether a name may begin with byte `b`: the places listed are those it holds for.
    pub fn holds(b: u8) -> bool {
        b.is_ascii_uppercase() || b >= 0x80
    }

    /// The capitals of `text` among `starts`, which must hold every word start of `text`
    /// whose first byte [`holds`](Self::holds).
    pub fn new(text: &'t str, starts: Vec<WordStart>) -> Capitals<'t> {
        Capitals { text, starts }
    }

    /// Every occurrence of every needle that starts where a word may start (a [`WordStart`]),
    /// as `(start, end, needle index)`, sorted by start, longest first; of needles that spell
    /// the same, the first. Only such occurrences can be whole words. Each place is tried
    /// against one trie of the needles: the cost is the number of places plus the
    /// occurrences, however many needles there are. (A needle with no capital first, rare,
    /// takes a pass over the text of its own.)
    pub fn find(&self, needles: &[&str]) -> Vec<(usize, usize, usize)> {
        self.find_compiled(&Needles::new(needles))
    }

    /// [`find`](Self::find) with needles compiled once, for a fixed set searched in every
    /// article.
    pub fn find_compiled(&self, needles: &Needles) -> Vec<(usize, usize, usize)> {
        let (trie, firsts) = (&needles.trie, &needles.firsts);
        let bytes = self.text.as_bytes();
        let other;
        let starts = if (0..=255).all(|b| !firsts[usize::from(b)] || Capitals::holds(b)) {
            &self.starts
        } else {
            other = word_starts_where(self.text, |s| firsts[usize::from(bytes[s.at])]);
            &other
        };
        let mut found = Vec::new();
        for s in starts.iter().filter(|s| firsts[usize::from(bytes[s.at])]) {
            let from = found.len();
            found.extend(
                trie.prefixes(&bytes[s.at..])
                    .map(|(needle, len)| (s.at, s.at + len, needle)),
            );
            found[from..].reverse();
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_starts;

    proptest::proptest! {
        /// The occurrences found are those of a plain search that follow no word character
        /// (where a whole word may start, for needles that start with no white space): the
        /// first needle of a spelling only, in order of start, longest first.
        #[test]
        fn needles_are_found_where_a_plain_search_finds_them(
            needles in proptest::collection::vec("[aAbB.’é-]{1,4}", 1..12),
            text in "[aAbB .’é-]{0,60}",
        ) {
            let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
            let want = |needles: &[&str]| {
                let mut want = Vec::new();
                for (i, needle) in needles.iter().enumerate() {
                    if needles[..i].contains(needle) {
                        continue;
                    }
                    for at in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
                        let free = crate::text::char_before(&text, at)
                            .is_none_or(|c| !crate::text::is_word_char(c));
                        if free && text[at..].starts_with(needle) {
                            want.push((at, at + needle.len(), i));
                        }
                    }
                }
                want.sort_unstable_by_key(|&(s, e, i)| (s, std::cmp::Reverse(e), i));
                want
            };
            // Names with capitals first are found among the places listed; others, by a pass
            // of their own.
            let capital: Vec<&str> = needles
                .iter()
                .copied()
                .filter(|n| n.starts_with(['A', 'B', 'é']))
                .collect();
            let bytes = text.as_bytes();
            let starts = word_starts_where(&text, |s| Capitals::holds(bytes[s.at]));
            let capitals = Capitals::new(&text, starts);
            proptest::prop_assert_eq!(capitals.find(&capital), want(&capital));
            proptest::prop_assert_eq!(capitals.find(&needles), want(&needles));
            proptest::prop_assert_eq!(capitals.find(&capital), want(&capital));
        }
    }

    proptest::proptest! {
        /// The filter only spares the trie work: whatever it turns away, no pattern matched
        /// there. Short patterns and text ends are where a filter can go wrong.
        #[test]
        fn word_matcher_finds_what_a_naive_search_finds(
            patterns in proptest::collection::vec("[-abAB é.’_1]{1,5}", 1..12),
            text in "[-abcAB é.’_1\n]{0,40}",
            case_insensitive: bool,
        ) {
            let same = |a: &[u8], b: &[u8]| {
                if case_insensitive { a.eq_ignore_ascii_case(b) } else { a == b }
            };
            let mut want = Vec::new();
            let mut free = 0;
            for s in word_starts(&text) {
                if s.at < free {
                    continue;
                }
                let rest = &text.as_bytes()[s.at..];
                let longest = patterns
                    .iter()
                    .map(|p| p.as_bytes())
                    .filter(|p| p.len() <= rest.len() && same(p, &rest[..p.len()]))
                    .map(|p| p.len())
                    .filter(|&n| !word_char_at(&text, s.at + n))
                    .max();
                if let Some(n) = longest {
                    want.push((s.at, s.at + n));
                    free = s.at + n;
                }
            }
            let m = WordMatcher::new(&patterns, case_insensitive);
            let got: Vec<(usize, usize)> =
                m.find(&text, &word_starts(&text)).map(|w| (w.start, w.end)).collect();
            proptest::prop_assert_eq!(got, want);
        }

    }

    #[test]
    fn word_matcher_finds_whole_words_only_at_starts() {
        // (patterns, case-insensitive?, text, expected matched texts)
        let plain: &[&str] = &["US", "United States", "Kor", "Korea", "X"];
        // The longest pattern that ends on a word boundary, however many longer ones are
        // glued to the text.
        let nested: &[&str] = &["a", "a b", "a bc", "a bcd", "a bcde", "a bcdef"];
        let rows: &[(&[&str], bool, &str, &[&str])] = &[
            (
                plain,
                false,
                "the United States and the US",
                &["United States", "US"],
            ),
            (plain, false, "USA is not US", &["US"]),
            (plain, false, "South Korea, Korean, Kor.", &["Korea", "Kor"]),
            (plain, false, "X marks; Xavier does not", &["X"]),
            (plain, false, "aUS", &[]),
            (nested, false, "a bcdefg", &["a"]),
            (nested, false, "a bcd’s", &["a bcd"]),
            (nested, false, "a bcdé", &["a"]),
            (nested, false, "a b.", &["a b"]),
            (
                &["treaty"],
                true,
                "The Treaty, a TREATY, treaty-based",
                &["Treaty", "TREATY", "treaty"],
            ),
        ];
        for (patterns, case_insensitive, text, want) in rows {
            let m = WordMatcher::new(patterns, *case_insensitive);
            let got: Vec<&str> = m
                .find(text, &word_starts(text))
                .map(|w| &text[w.start..w.end])
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn word_filters_join() {
        let places = |f: &WordFilter, text: &str| -> Vec<usize> {
            word_starts(text)
                .into_iter()
                .filter(|&s| f.may_start(s))
                .map(|s| s.at)
                .collect()
        };
        let names = WordFilter::new(&["NASA", "US"], false);
        let words = WordFilter::new(&["treaty"], true);
        let text = "NASA, the US and a Treaty; USA";
        assert_eq!(places(&names, text), [0, 10]);
        assert_eq!(places(&words, text), [19]);
        assert_eq!(places(&names.union(&words), text), [0, 10, 19]);
    }

    #[test]
    fn prefix_filters_look_at_a_fourth_byte() {
        let filter = PrefixFilter::new(&["Foreign Minister", "ESA", "US"], true);
        let text = "for the fore ESA’s US, USA Esa";
        let kept: Vec<&str> = word_starts(text)
            .into_iter()
            .filter(|&s| filter.may_start(s))
            .map(|s| text[s.at..].split(' ').next().unwrap_or(""))
            .collect();
        // `fore` and `Esa` pass as `foreign` and `ESA` do, in any case; `for`, `the` and
        // `USA` do not.
        assert_eq!(kept, ["fore", "ESA’s", "US,", "Esa"]);
    }
}
