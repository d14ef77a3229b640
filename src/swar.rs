//! Tests on bytes eight at a time in an ordinary register: which bytes of a word are in a
//! range or are a given byte, and whether any byte of a short string is special. The strings
//! tested on a hot path (output fields) are a few bytes long, and a loop over their bytes ends
//! after a varying count, which the branch predictor guesses wrong about once a string; here
//! a string shorter than eight bytes is one word, and only its length class decides the path.

pub const ONES: u64 = 0x0101_0101_0101_0101;
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Some high bit set if a byte of `x` is below `n` (at most 128); subtracting borrows only
/// past a byte that is below, so a set bit is never false as a whole.
pub fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH
}

/// Some high bit set if a byte of `x` is `b`.
pub fn equal(x: u64, b: u8) -> u64 {
    below(x ^ (ONES * u64::from(b)), 1)
}

/// The high bit of each byte of `x` (all ASCII) set where the byte is in `lo..=hi`: adding
/// `0x80 - lo` sets it from `lo` up, adding `0x7f - hi` from past `hi`, and no sum carries
/// into the next byte.
pub fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7f - hi)) & HIGH
}

/// The eight bytes at the start of `s`.
fn eight(s: &[u8]) -> u64 {
    u64::from_le_bytes(s[..8].try_into().expect("eight bytes"))
}

/// Every byte of `s`, one to seven of them, in one word; some bytes are there twice, at
/// places that depend only on the length.
fn short(s: &[u8]) -> u64 {
    let n = s.len();
    if n >= 4 {
        let four = |at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("four bytes"));
        u64::from(four(0)) | u64::from(four(n - 4)) << 32
    } else {
        // Every byte of one to three is among the first, middle and last.
        u64::from(u32::from_le_bytes([s[0], s[n / 2], s[n - 1], s[0]])) * (1 << 32 | 1)
    }
}

/// Whether `flags` flags a byte of `s`: `flags` sets the high bit of each byte of its word
/// that is special.
pub fn any_byte(s: &[u8], flags: impl Fn(u64) -> u64) -> bool {
    match s.len() {
        0 => false,
        1..=7 => flags(short(s)) != 0,
        // The last word overlaps the others when the length is no multiple of eight.
        n => s.chunks_exact(8).any(|w| flags(eight(w)) != 0) || flags(eight(&s[n - 8..])) != 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_byte_finds_what_a_byte_loop_finds(
            s in prop::collection::vec(any::<u8>(), 0..40),
            b: u8,
            n in 0u8..=128,
        ) {
            prop_assert_eq!(any_byte(&s, |x| equal(x, b)), s.contains(&b));
            prop_assert_eq!(any_byte(&s, |x| below(x, n)), s.iter().any(|&c| c < n));
        }
    }
}
