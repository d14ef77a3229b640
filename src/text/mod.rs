//! Facts about the text around a position, shared by every matcher and rule: which
//! characters continue a word, whether a match sits on word boundaries, the characters and
//! bounded windows next to a position, white space, and loose comparison of words. Finding
//! where words start is [`scan`]'s job, and where articles start [`articles`]'; matching
//! patterns is `crate::matcher`'s.

pub mod articles;
pub mod scan;

pub use scan::{word_starts, word_starts_where, WordStart};

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
        // lookup costs more than the rest of a word start): Latin letters with diacritics, and
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

    proptest::proptest! {
        #[test]
        fn fold_of_ascii_is_the_general_fold(w in "[ -~]{0,12}|[ -~áÁ’]{0,12}") {
            proptest::prop_assert_eq!(fold(&w), fold_chars(&w));
        }
    }

    #[test]
    fn fold_removes_diacritics() {
        assert_eq!(fold("Fernández"), "fernandez");
        assert_eq!(fold("Wörner"), "worner");
    }
}
