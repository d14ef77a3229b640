//! Where words may start: the one pass over every byte of a document that all matchers share,
//! with every SIMD and `unsafe` block of the crate. A name can begin only where a word starts,
//! so the matchers try only the places this pass lists instead of running an automaton over
//! every byte. (UAX #29 word segmentation is not used: it makes `NASA’s` one word, where the
//! contract wants `NASA`.) Each fast path is held to a plain definition by a property test.
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

use super::{char_at, is_word_byte, is_word_char};

/// A place where a whole-word match may start: a character that is not whitespace and does
/// not follow a word character. A name can start nowhere else, so the matchers try only these
/// places instead of running an automaton over every byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordStart {
    /// The byte offset.
    pub at: usize,
    /// [`filter_key`] of the first three bytes there, computed once for every matcher.
    pub(crate) key: u32,
    /// [`prefix_key`] there, for every matcher's [`PrefixFilter`]; taken only at the places
    /// kept.
    pub(crate) prefix: u32,
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
/// where SSE2 takes two halves and joins them: the pass reads every byte of the text, so
/// halving its steps is worth a second build of it. Chosen at run time, so that the binary still runs
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
                // the push is mispredicted often. The room is left uninitialised, as filling
                // it costs more than the places kept.
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

/// Bits in a [`WordFilter`]: 8 KiB. The built-in dictionaries and rules set about 3,700 of
/// them, so one place in twenty gets through by chance. Larger filters would let fewer through,
/// but the matchers' filters, read at every word start, must fit in the first-level cache
/// together: missing it costs more than the walks a larger filter spares.
pub(crate) const FILTER_BITS: usize = 1 << 16;

/// Where up to four leading bytes, as one little-endian number, land in a filter; collisions
/// only let a place through. A multiplication hashes them: its top bits depend on all of them.
pub(crate) fn hash_key(bytes: u32) -> u32 {
    bytes.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS.ilog2())
}

/// Where three leading bytes land in a [`WordFilter`].
pub(crate) fn filter_key(b0: u8, b1: u8, b2: u8) -> u32 {
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
pub(crate) fn prefix_key(bytes: &[u8], at: usize) -> u32 {
    let four = four_at(bytes, at);
    let word = |i: u32| u32::from(ASCII_WORD[(four >> (8 * i)) as usize & 0xFF]);
    let w1 = word(1);
    let w2 = w1 & word(2);
    let len = 1 + w1 + w2 + (w2 & word(3));
    hash_key(four & (u32::MAX >> (32 - 8 * len)))
}

#[cfg(any(not(target_arch = "x86_64"), test))]
const ONES: u64 = 0x0101_0101_0101_0101;
#[cfg(any(not(target_arch = "x86_64"), test))]
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (all ASCII) set where the byte is in `lo..=hi`: adding
/// `0x80 - lo` sets it from `lo` up, adding `0x7f - hi` from past `hi`, and no sum carries
/// into the next byte.
#[cfg(any(not(target_arch = "x86_64"), test))]
pub fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7f - hi)) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

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


        #[test]
        fn word_starts_where_keeps_what_its_filter_accepts(text in "\\PC{0,80}", every in 1usize..4) {
            let kept = word_starts_where(&text, |s| s.at % every == 0);
            let all = word_starts(&text);
            proptest::prop_assert_eq!(
                kept,
                all.into_iter().filter(|s| s.at % every == 0).collect::<Vec<_>>()
            );
        }

    }
}
