//! Token-level facts about the text: where words may start, whether a match sits on word
//! boundaries, the characters and bounded windows next to a position, and loose comparison of
//! words. Every matcher searches only where a word starts ([`word_starts`], [`WordMatcher`]):
//! one cheap pass finds those places for all of them, and a name cannot begin anywhere else.
//! (UAX #29 word segmentation is not used: it makes `NASA’s` one word, where the contract
//! wants `NASA`, and segmenting every word cost a quarter of the run time.)

#[cfg(any(not(target_arch = "x86_64"), test))]
use crate::swar::{ascii_in, HIGH, ONES};
use crate::trie::Trie;

/// The character before byte `i`, if any.
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character at byte `i`, if any.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// True when `c` continues a word: letters, digits and the marks that join them.
pub fn is_word_char(c: char) -> bool {
    match c {
        // The non-ASCII characters news uses most, decided without the Unicode tables (whose
        // lookup cost more than the rest of a word start): Latin letters with diacritics, and
        // the general punctuation block (’ “ ” – — …), which holds no letter or digit.
        '\u{00C0}'..='\u{024F}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphanumeric() || c == '_' || c == '\u{00AD}',
    }
}

/// True when `start..end` is a whole word or phrase: no word character glued on either side.
/// Apostrophes, hyphens, slashes and punctuation all count as boundaries, so `NASA’s`,
/// `U.K.-based`, `(ESA)` and `Dhaka/Bangladesh` hold their names while `Chinese` does not
/// hold `China`.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before_ok = char_before(text, start).is_none_or(|c| !is_word_char(c));
    before_ok && !word_char_at(text, end)
}

/// Whether `b` is an ASCII word byte, `[0-9A-Za-z_]`: what a word character is among the ASCII
/// ones, and what `\w` and an ASCII word boundary mean to the regex crate.
pub const fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// True when the character at byte `i` is a word character; ASCII is decided from the byte,
/// as this runs after every candidate match.
pub fn word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => is_word_byte(b),
        Some(_) => char_at(text, i).is_some_and(is_word_char),
        None => false,
    }
}

/// A place where a whole-word match may start: a character that is not whitespace and does
/// not follow a word character. A name can start nowhere else, so the matchers try only these
/// places instead of running an automaton over every byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordStart {
    /// The byte offset.
    pub at: usize,
    /// [`filter_key`] of the first three bytes there, computed once for every matcher.
    key: u32,
    /// [`prefix_key`] there, for every matcher's [`PrefixFilter`]; taken only at the places
    /// kept.
    prefix: u32,
}

/// Every place in `text` where a whole-word match may start, in order.
pub fn word_starts(text: &str) -> Vec<WordStart> {
    word_starts_where(text, |_| true)
}

/// The places of [`word_starts`] that `keep` accepts: a filter applied as they are found
/// spares storing the many that no matcher wants.
pub fn word_starts_where(text: &str, keep: impl FnMut(WordStart) -> bool) -> Vec<WordStart> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { word_starts_avx2(text, keep) };
    }
    word_starts_by(text, keep, block_classes)
}

/// [`word_starts_where`] compiled for AVX2, which classifies a block's 32 bytes in one go
/// where SSE2 takes two halves and joins them: the pass reads every byte of the text, and
/// this takes 2% off a run's instructions. Chosen at run time, so that the binary still runs
/// on any x86-64 processor.
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn word_starts_avx2(text: &str, keep: impl FnMut(WordStart) -> bool) -> Vec<WordStart> {
    // SAFETY: this function runs only where AVX2 is there.
    word_starts_by(text, keep, |block| unsafe { block_classes_avx2(block) })
}

/// The word-start pass, with `classes` giving [`block_classes`] of each block.
#[inline(always)]
fn word_starts_by(
    text: &str,
    mut keep: impl FnMut(WordStart) -> bool,
    classes: impl Fn(&[u8]) -> (u64, u64, u64),
) -> Vec<WordStart> {
    let bytes = text.as_bytes();
    let mut starts: Vec<WordStart> = Vec::with_capacity(bytes.len() / 16 + 16);
    let mut after_word = false;
    let mut i = 0;
    while i < bytes.len() {
        // Thirty-two bytes at a time, with the three after them that the last places' keys
        // read: English text is mostly ASCII, and deciding each byte on its own was one of
        // the largest costs of a run; and each block's loop over its places costs a set-up,
        // which 32 bytes share better than 16. The ASCII bytes before the first that is not
        // ASCII (a curly quote, a dash) are decided from the block's classes too; only that
        // character is read on its own, and the next block starts after it.
        if let Some(window) = bytes.get(i..i + BLOCK + 3) {
            let (word, space, wide) = classes(&window[..BLOCK]);
            let ascii = (wide | 1 << BLOCK).trailing_zeros();
            let follows_word = word << 1 | u64::from(after_word);
            let mut found = !space & !follows_word & ((1 << ascii) - 1);
            if found != 0 {
                // Every place is written past the end and counted only if kept: whether a
                // place is kept is a coin toss to the branch predictor, and a branch around
                // the push was mispredicted often. The room is left uninitialised, as filling
                // it cost more than the places kept.
                starts.reserve(BLOCK);
                let room = starts.spare_capacity_mut();
                let mut kept = 0;
                while found != 0 {
                    // Below BLOCK, which spares the key's load a bounds check.
                    let k = found.trailing_zeros() as usize % BLOCK;
                    let four = u32::from_le_bytes(window[k..k + 4].try_into().expect("4"));
                    let start = WordStart {
                        at: i + k,
                        key: hash_key(four & 0x00FF_FFFF),
                        prefix: 0,
                    };
                    room[kept].write(start);
                    kept += usize::from(keep(start));
                    found &= found - 1;
                }
                // SAFETY: the `kept` places after the old length were written just above.
                unsafe { starts.set_len(starts.len() + kept) };
            }
            if ascii > 0 {
                after_word = word >> (ascii - 1) & 1 != 0;
                i += ascii as usize;
            }
            if ascii as usize == BLOCK {
                continue;
            }
        }
        let c = char_at(text, i).expect("i is on a character boundary");
        if !after_word && !c.is_whitespace() {
            let start = WordStart {
                at: i,
                key: key_at(bytes, i),
                prefix: 0,
            };
            if keep(start) {
                starts.push(start);
            }
        }
        after_word = is_word_char(c);
        i += c.len_utf8();
    }
    for s in &mut starts {
        s.prefix = prefix_key(bytes, s.at);
    }
    starts
}

/// Bytes the word-start pass decides at once.
const BLOCK: usize = 32;

/// [`byte_classes`] of the [`BLOCK`] bytes of `block`.
#[inline]
fn block_classes(block: &[u8]) -> (u64, u64, u64) {
    let (low, high) = block.split_at(16);
    let (w0, s0, n0) = byte_classes(low);
    let (w1, s1, n1) = byte_classes(high);
    let join = |a: u32, b: u32| u64::from(a) | u64::from(b) << 16;
    (join(w0, w1), join(s0, s1), join(n0, n1))
}

/// [`block_classes`] with AVX2, the [`BLOCK`] bytes at once.
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn block_classes_avx2(block: &[u8]) -> (u64, u64, u64) {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
    };
    assert_eq!(block.len(), BLOCK);
    // As in `byte_classes`: signed comparisons order the ASCII bytes and leave the others
    // out of every range. (AVX2 compares only by greater-than.)
    macro_rules! within {
        ($v:expr, $lo:expr, $hi:expr) => {
            _mm256_and_si256(
                _mm256_cmpgt_epi8($v, _mm256_set1_epi8($lo as i8 - 1)),
                _mm256_cmpgt_epi8(_mm256_set1_epi8($hi as i8 + 1), $v),
            )
        };
    }
    // SAFETY: the load reads the 32 bytes of `block`, checked above, with no alignment
    // required.
    let x = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
    let lower = _mm256_or_si256(x, _mm256_set1_epi8(0x20));
    let word = _mm256_or_si256(
        _mm256_or_si256(within!(x, b'0', b'9'), within!(lower, b'a', b'z')),
        _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'_' as i8)),
    );
    let space = _mm256_or_si256(
        within!(x, b'\t', b'\r'),
        _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b' ' as i8)),
    );
    let mask = |v| u64::from(_mm256_movemask_epi8(v) as u32);
    (mask(word), mask(space), mask(x))
}

/// For 16 bytes, the ASCII word bytes (`[0-9A-Za-z_]`), the ASCII whitespace (as
/// `char::is_whitespace` has it: tab to carriage return, and space) and the bytes that are not
/// ASCII, one bit per byte.
#[cfg(target_arch = "x86_64")]
fn byte_classes(chunk: &[u8]) -> (u32, u32, u32) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    assert_eq!(chunk.len(), 16);
    // SAFETY: SSE2 is part of every x86_64 processor, and the load reads the 16 bytes of
    // `chunk`, checked above, with no alignment required.
    unsafe {
        let x = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        // ASCII bytes are non-negative as i8, so signed comparisons order them; the others
        // are negative, and lowering keeps them so: no range holds them.
        let within = |v: __m128i, lo: u8, hi: u8| {
            let above = _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1));
            _mm_and_si128(above, _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)))
        };
        let lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
        let word = _mm_or_si128(
            _mm_or_si128(within(x, b'0', b'9'), within(lower, b'a', b'z')),
            _mm_cmpeq_epi8(x, _mm_set1_epi8(b'_' as i8)),
        );
        let space = _mm_or_si128(
            within(x, b'\t', b'\r'),
            _mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8)),
        );
        (
            _mm_movemask_epi8(word) as u32,
            _mm_movemask_epi8(space) as u32,
            _mm_movemask_epi8(x) as u32,
        )
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn byte_classes(chunk: &[u8]) -> (u32, u32, u32) {
    byte_classes_swar(chunk)
}

/// [`byte_classes`] eight bytes at a time in ordinary registers, where SSE2 is not there.
#[cfg(any(not(target_arch = "x86_64"), test))]
fn byte_classes_swar(chunk: &[u8]) -> (u32, u32, u32) {
    let mut classes = (0, 0, 0);
    for (half, shift) in chunk.chunks_exact(8).zip([0, 8]) {
        let x = u64::from_le_bytes(half.try_into().expect("eight bytes"));
        // A byte past ASCII is tested as its low seven bits, so that no sum carries, and then
        // turned away by its own high bit.
        let (low, ascii) = (x & !HIGH, !x & HIGH);
        classes.0 |= bitmask(ascii_word(low) & ascii) << shift;
        classes.1 |= bitmask(ascii_space(low) & ascii) << shift;
        classes.2 |= bitmask(x & HIGH) << shift;
    }
    classes
}

/// The high bits of the eight bytes of `x`, as the low eight bits of the result.
#[cfg(any(not(target_arch = "x86_64"), test))]
fn bitmask(x: u64) -> u32 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// The high bit of each byte of `x` (all ASCII) set where it is a word byte, `[0-9A-Za-z_]`.
#[cfg(any(not(target_arch = "x86_64"), test))]
fn ascii_word(x: u64) -> u64 {
    ascii_in(x, b'0', b'9') | ascii_in(x | (ONES * 0x20), b'a', b'z') | ascii_in(x, b'_', b'_')
}

/// The high bit of each byte of `x` (all ASCII) set where it is whitespace.
#[cfg(any(not(target_arch = "x86_64"), test))]
fn ascii_space(x: u64) -> u64 {
    ascii_in(x, b'\t', b'\r') | ascii_in(x, b' ', b' ')
}

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

/// Bits in a [`WordFilter`]: 8 KiB. The built-in dictionaries and rules set about 3,700 of
/// them, so one place in twenty gets through by chance; at 32 KiB the matchers' filters, read
/// at every word start, did not fit in the first-level cache together, and missing it cost
/// more than the walks that the larger filters spared.
const FILTER_BITS: usize = 1 << 16;

/// Where up to four leading bytes, as one little-endian number, land in a filter; collisions
/// only let a place through. A multiplication hashes them: its top bits depend on all of them.
fn hash_key(bytes: u32) -> u32 {
    bytes.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS.ilog2())
}

/// Where three leading bytes land in a [`WordFilter`].
fn filter_key(b0: u8, b1: u8, b2: u8) -> u32 {
    hash_key(u32::from_le_bytes([b0, b1, b2, 0]))
}

/// The four bytes at `at` as one number, zeros past the end: one load where four bytes
/// remain, as every word start takes a key.
#[inline]
fn four_at(bytes: &[u8], at: usize) -> u32 {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    match bytes.get(at..at + 4) {
        Some(&[b0, b1, b2, b3]) => u32::from_le_bytes([b0, b1, b2, b3]),
        _ => u32::from_le_bytes([byte(at), byte(at + 1), byte(at + 2), byte(at + 3)]),
    }
}

/// [`filter_key`] of the bytes at `at`.
#[inline]
fn key_at(bytes: &[u8], at: usize) -> u32 {
    hash_key(four_at(bytes, at) & 0x00FF_FFFF)
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

/// Which bytes are ASCII word bytes (`[0-9A-Za-z_]`): a table, as a key takes three tests.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_word_byte(b as u8);
        b += 1;
    }
    table
};

/// Where the first byte at `at` and the ASCII word bytes right after it (at most three) land
/// in a [`PrefixFilter`]. A byte that cannot continue a word, and every byte after it, is
/// left out: a pattern that ends before the fourth byte (`ESA`, `US`) then has one key
/// however its word ends (`ESA,` `ESA’s` `ESA ` and `ESA` at the end of the text all give
/// the key of `ESA`).
#[inline]
fn prefix_key(bytes: &[u8], at: usize) -> u32 {
    let four = four_at(bytes, at);
    let word = |i: u32| u32::from(ASCII_WORD[(four >> (8 * i)) as usize & 0xFF]);
    let w1 = word(1);
    let w2 = w1 & word(2);
    let len = 1 + w1 + w2 + (w2 & word(3));
    hash_key(four & (u32::MAX >> (32 - 8 * len)))
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

/// A sorted list of words (the lists' tests check the order) with, for each first byte,
/// where its words start: a lookup, made for many tokens of a text, compares the word only
/// with the few listed words that share its first byte, where a search of the whole list, or
/// a binary search of it, cost several times more on words this short. Lists matched in any
/// case are written in lower case.
pub struct WordList {
    pub words: &'static [&'static str],
    /// The words starting with byte `b` are `words[from[b]..from[b + 1]]`.
    from: [u16; 257],
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        assert!(words.len() < u16::MAX as usize);
        let mut from = [0; 257];
        let (mut b, mut i) = (0, 0);
        while b < from.len() {
            while i < words.len() && (words[i].as_bytes()[0] as usize) < b {
                i += 1;
            }
            from[b] = i as u16;
            b += 1;
        }
        WordList { words, from }
    }

    /// The listed words that start with byte `first`.
    pub fn starting_with(&self, first: u8) -> &'static [&'static str] {
        let b = usize::from(first);
        &self.words[usize::from(self.from[b])..usize::from(self.from[b + 1])]
    }

    /// Whether `word` is listed exactly as written.
    pub fn contains(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.starting_with(b).contains(&word))
    }

    /// Whether `word` in any ASCII case is listed, as `eq_ignore_ascii_case` with every listed
    /// word would say.
    pub fn contains_any_case(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&b| {
            self.starting_with(b.to_ascii_lowercase())
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
        })
    }
}

/// The byte length of the `\s` character (Unicode White_Space) at `i`, or 0.
pub fn space_at(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        Some(b'\t'..=b'\r' | b' ') => 1,
        // The lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000: only these
        // characters are worth decoding.
        Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// `\s*` from `i`: where the run of white space ends.
pub fn spaces(text: &str, mut i: usize) -> usize {
    loop {
        let n = space_at(text, i);
        if n == 0 {
            return i;
        }
        i += n;
    }
}

/// `\s+` from `i`.
pub fn spaces1(text: &str, i: usize) -> Option<usize> {
    let end = spaces(text, i);
    (end > i).then_some(end)
}

/// `w` without a trailing `’s` or `'s`.
pub fn strip_possessive(w: &str) -> &str {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    w
}

/// True when the word starts with an upper-case letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// ASCII-fold a word for loose comparison: lower case, diacritics of Latin letters removed.
pub fn fold(w: &str) -> String {
    // Most names are ASCII, where folding is lowering; the general path goes a character at
    // a time through Unicode's case tables.
    if w.is_ascii() {
        return w.to_ascii_lowercase();
    }
    fold_chars(w)
}

/// [`fold`] a character at a time, for any word.
fn fold_chars(w: &str) -> String {
    // Folding keeps a word's length in most scripts: room for it up front, as the string is
    // built one character at a time.
    let mut folded = String::with_capacity(w.len());
    folded.extend(w.chars().flat_map(char::to_lowercase).map(|c| match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ğ' => 'g',
        'ř' => 'r',
        'ť' | 'ț' => 't',
        'ď' => 'd',
        '’' => '\'',
        other => other,
    }));
    folded
}

/// Every occurrence of every needle in `text` as `(start, end, needle index)`, sorted by
/// start, longest first. A few needles in a short text are found fastest by one SIMD search
/// each; many needles in a long text by one pass of an automaton (building it costs more than
/// the searches it saves on a short text).
pub fn find_all(text: &str, needles: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::with_capacity(4 * needles.len());
    if needles.len() <= 8 || text.len() <= 1 << 16 {
        for (i, needle) in needles.iter().enumerate() {
            for start in memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
                found.push((start, start + needle.len(), i));
            }
        }
        found.sort_unstable_by_key(|&(start, end, i)| (start, std::cmp::Reverse(end), i));
    } else {
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(needles)
            .expect("needles compile");
        found.extend(
            automaton
                .find_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
        );
    }
    found
}

/// At most `n` bytes of `text` before byte `i`, cut on a character boundary.
pub fn window_before(text: &str, i: usize, n: usize) -> &str {
    let mut from = i.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..i]
}

/// At most `n` bytes of `text` from byte `i`, cut on a character boundary.
pub fn window_after(text: &str, i: usize, n: usize) -> &str {
    let mut to = (i + n).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[i..to]
}

/// The byte offset of the start of the line holding `i`.
pub fn line_start(text: &str, i: usize) -> usize {
    text[..i].rfind('\n').map_or(0, |p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        // (name, text, needle, whole word?)
        let rows: &[(&str, &str, &str, bool)] = &[
            ("possessive curly", "NASA’s budget", "NASA", true),
            ("possessive straight", "NASA's budget", "NASA", true),
            ("hyphenated", "a U.K.-based firm", "U.K.", true),
            ("parenthesised", "agency (ESA) said", "ESA", true),
            ("slash", "Dhaka/Bangladesh", "Bangladesh", true),
            ("demonym", "Indian officials", "India", false),
            ("inside a word", "Unesco", "nesco", false),
            ("digit glued", "G20s", "G20", false),
        ];
        for (name, text, needle, want) in rows {
            let start = text.find(needle).expect("needle in text");
            let got = on_word_boundaries(text, start, start + needle.len());
            assert_eq!(got, *want, "{name}: {text}");
        }
    }

    #[test]
    fn word_chars_are_letters_digits_and_joiners() {
        let mut buffer = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let by_definition = c.is_alphanumeric() || c == '_' || c == '\u{00AD}';
            assert_eq!(
                is_word_char(c),
                by_definition,
                "{c:?} U+{:04X}",
                u32::from(c)
            );
            let text: &str = c.encode_utf8(&mut buffer);
            assert_eq!(word_char_at(text, 0), by_definition, "{c:?} at a position");
        }
        assert!(!word_char_at("a", 1), "past the end");
    }

    #[test]
    fn find_all_gives_the_same_answer_both_ways() {
        let needles: Vec<String> = (0..12).map(|i| format!("Name{i}")).collect();
        let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
        let short = "Name3 met Name11 and Name3 again.";
        let long = short.repeat(4000); // past the size where the automaton is used
        let expected = |text: &str| -> Vec<(usize, usize, usize)> {
            let mut all: Vec<_> = needles
                .iter()
                .enumerate()
                .flat_map(|(i, n)| text.match_indices(n).map(move |(s, _)| (s, s + n.len(), i)))
                .collect();
            all.sort_unstable_by_key(|&(s, e, i)| (s, std::cmp::Reverse(e), i));
            // `Name1` inside `Name11` is a shorter match at the same start: the automaton,
            // leftmost-longest, reports only the longer one.
            all.dedup_by_key(|m| m.0);
            all
        };
        let mut got_short = find_all(short, &needles);
        got_short.dedup_by_key(|m| m.0);
        assert_eq!(got_short, expected(short));
        assert_eq!(find_all(&long, &needles), expected(&long));
    }

    /// The definition `word_starts` implements, one character at a time.
    fn starts_by_definition(text: &str) -> Vec<usize> {
        let mut after_word = false;
        let mut starts = Vec::new();
        for (i, c) in text.char_indices() {
            if !after_word && !c.is_whitespace() {
                starts.push(i);
            }
            after_word = is_word_char(c);
        }
        starts
    }

    #[test]
    fn word_starts_follow_the_definition() {
        let rows = [
            "",
            "NASA",
            "  the US and (ESA) said",
            "NASA’s budget, the U.K.-based firm",
            "tab\tseparated\r\nlines\x0cand_under_scores",
            "Fernández met 中国 officials\u{00A0}today",
            "a1 b2 c3 d4 e5 f6 g7 h8 i9 j0 !!! ??? ... 2021-05-21",
            "exactly8!more than eight bytes of ASCII text in a row",
        ];
        for text in rows {
            let got: Vec<usize> = word_starts(text).iter().map(|s| s.at).collect();
            assert_eq!(got, starts_by_definition(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_starts_follow_the_definition_on_any_text(text in "\\PC{0,80}") {
            let got: Vec<usize> = word_starts(&text).iter().map(|s| s.at).collect();
            proptest::prop_assert_eq!(&got, &starts_by_definition(&text));
            // The SSE2 pass too, which a processor with AVX2 never takes by itself.
            let sse2: Vec<usize> = word_starts_by(&text, |_| true, block_classes)
                .iter()
                .map(|s| s.at)
                .collect();
            proptest::prop_assert_eq!(sse2, got);
        }

        #[test]
        fn both_ways_of_classifying_bytes_agree(
            chunk in proptest::collection::vec(proptest::prop_oneof![3 => 0u8..128, 1 => 128u8..=255], 16)
        ) {
            let bits = |class: fn(&u8) -> bool| {
                chunk.iter().enumerate().filter(|(_, b)| class(b)).map(|(k, _)| 1 << k).sum()
            };
            let word = bits(|&b| b.is_ascii_alphanumeric() || b == b'_');
            let space = bits(|&b| b.is_ascii() && char::from(b).is_whitespace());
            let wide = bits(|&b| !b.is_ascii());
            proptest::prop_assert_eq!(byte_classes(&chunk), (word, space, wide));
            proptest::prop_assert_eq!(byte_classes_swar(&chunk), (word, space, wide));
        }

        /// A block classified at once with AVX2, where the processor has it, is its two
        /// halves classified with SSE2.
        #[test]
        #[cfg(target_arch = "x86_64")]
        fn avx2_classifies_a_block_as_its_halves(
            block in proptest::collection::vec(proptest::prop_oneof![3 => 0u8..128, 1 => 128u8..=255], BLOCK)
        ) {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is there, checked just above.
                let avx2 = unsafe { block_classes_avx2(&block) };
                proptest::prop_assert_eq!(avx2, block_classes(&block));
            }
        }

        #[test]
        fn word_starts_follow_the_definition_on_ascii(text in "[\\x00-\\x7f]{0,80}") {
            let got: Vec<usize> = word_starts(&text).iter().map(|s| s.at).collect();
            proptest::prop_assert_eq!(got, starts_by_definition(&text));
        }

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

        #[test]
        fn word_starts_where_keeps_what_its_filter_accepts(text in "\\PC{0,80}", every in 1usize..4) {
            let kept = word_starts_where(&text, |s| s.at % every == 0);
            let all = word_starts(&text);
            proptest::prop_assert_eq!(
                kept,
                all.into_iter().filter(|s| s.at % every == 0).collect::<Vec<_>>()
            );
        }

        #[test]
        fn fold_of_ascii_is_the_general_fold(w in "[ -~]{0,12}|[ -~áÁ’]{0,12}") {
            proptest::prop_assert_eq!(fold(&w), fold_chars(&w));
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

    #[test]
    fn fold_removes_diacritics() {
        assert_eq!(fold("Fernández"), "fernandez");
        assert_eq!(fold("Wörner"), "worner");
    }
}
