//! The word lists the rules look tokens up in (stop words, honorifics, titles, time cues,
//! units), each a sorted static list indexed by first byte.

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
