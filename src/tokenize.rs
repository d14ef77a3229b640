//! Token-level facts about the text around a byte position: whether a match sits on word
//! boundaries, the characters and bounded windows next to it, and loose comparison of words.
//! Matchers find candidates by pattern; this module decides, at each match site only, whether
//! a candidate is a whole word. (UAX #29 word segmentation is not used: it makes `NASA’s` one
//! word, where the contract wants `NASA`, and segmenting every word cost a quarter of the run
//! time.)

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
    c.is_alphanumeric() || c == '_' || c == '\u{00AD}'
}

/// True when `start..end` is a whole word or phrase: no word character glued on either side.
/// Apostrophes, hyphens, slashes and punctuation all count as boundaries, so `NASA’s`,
/// `U.K.-based`, `(ESA)` and `Dhaka/Bangladesh` hold their names while `Chinese` does not
/// hold `China`.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before_ok = char_before(text, start).is_none_or(|c| !is_word_char(c));
    let after_ok = char_at(text, end).is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
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
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
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
        })
        .collect()
}

/// Every occurrence of every needle in `text` as `(start, end, needle index)`, sorted by
/// start, longest first. A few needles in a short text are found fastest by one SIMD search
/// each; many needles in a long text by one pass of an automaton (building it costs more than
/// the searches it saves on a short text).
pub fn find_all(text: &str, needles: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
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

    #[test]
    fn fold_removes_diacritics() {
        assert_eq!(fold("Fernández"), "fernandez");
        assert_eq!(fold("Wörner"), "worner");
    }
}
