//! Who takes part in an instrument, read off the roles mentions play in the reporting
//! sentence: a country or agency is a party unless the sentence only places something in it
//! (`held in Bremen, Germany`); an official is a signatory when they sign (`X and Y signed`,
//! `signed by X`, `X signed … with Y`), not when they only look on, attend or comment.

use std::sync::LazyLock;

use regex::Regex;

/// Words before a country that make it a place rather than a side: `in`, `at`, `based in`,
/// with up to two capitalised words (a city) between.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:in|at|near|based in|held in|from)\s+(?:the\s+)?(?:\p{Lu}[\w.'-]*,?\s+){0,2}$",
    )
    .expect("the place pattern is a valid regex")
});

/// A signing verb: what makes an official who stands before it a signatory.
static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:sign(?:s|ed|ing)?|inks?|inked|conclud(?:e|es|ed)|seal(?:s|ed)|signatories|put\s+(?:their|his|her)\s+names?\s+to)(?-u:\b)",
    )
    .expect("the signing pattern is a valid regex")
});

/// Between a signing verb and an official after it: `by`, `with` or `between` make them a
/// signer too (`signed by X`, `signed … with Y`).
static AFTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:by|with|between)(?-u:\b)")
        .expect("the after-verb pattern is a valid regex")
});

/// Words that stop an official after the verb from being a signer: what follows is another
/// clause (`while X looked on`, `as X watched`, `X said`).
static OTHER_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:while|as|when|where|witnessed|presence|attended|said|says|told)(?-u:\b)|[;:]")
        .expect("the clause pattern is a valid regex")
});

/// What an official does instead of signing, right after the name and its title.
static ONLY_WATCHES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[^.;:]{0,80}?(?-u:\b)(?:said|says|announced|welcomed|welcomes|attended|witnessed|looked on|look on|watched|approved|commented|noted|added|told)(?-u:\b)",
    )
    .expect("the watching pattern is a valid regex")
});

/// What opens an aside of people and bodies who only look on: from it to the next signing
/// verb (or the sentence's end), no mention is a side or a signer.
static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:in the presence of|witnessed by|attended by|watched by|as witnessed by)(?-u:\b)",
    )
    .expect("the aside pattern is a valid regex")
});

/// The spans of `sentence` that are asides (`in the presence of X and Y`).
pub fn asides(sentence: &str) -> Vec<(usize, usize)> {
    ASIDE
        .find_iter(sentence)
        .map(|a| {
            let end = SIGNING
                .find_at(sentence, a.end())
                .or_else(|| super::status::next_wording(sentence, a.end()))
                .map_or(sentence.len(), |v| v.start());
            (a.start(), end)
        })
        .collect()
}

/// Whether a country mentioned at `at` in `sentence` is only a place.
pub fn is_place(sentence: &str, at: usize) -> bool {
    // The words that make a place stand right before it: 80 bytes hold them.
    let mut from = at.saturating_sub(80);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    PLACE.is_match(&sentence[from..at])
}

/// Whether the sentence has a signing verb, and where the first one is.
pub fn signing_verb(sentence: &str) -> Option<(usize, usize)> {
    SIGNING.find(sentence).map(|m| (m.start(), m.end()))
}

/// How many bytes an official who signs stands from the signing verb at most.
const NEAR: usize = 300;

/// Whether the official at `span` of `sentence` signs, given the sentence's signing verb.
pub fn signs(sentence: &str, span: (usize, usize), verb: (usize, usize)) -> bool {
    // A signer stands near the verb; the limit also keeps a sentence without end linear.
    if span.1 + NEAR < verb.0 || verb.1 + NEAR < span.0 {
        return false;
    }
    if span.1 <= verb.0 {
        // Before the verb: the subject, unless the name's own clause says they only comment
        // or watch before the verb comes.
        let between = &sentence[span.1..verb.0];
        !ONLY_WATCHES.is_match(between) && !OTHER_CLAUSE.is_match(between)
    } else if span.0 >= verb.1 {
        let between = &sentence[verb.1..span.0];
        AFTER_VERB.is_match(between) && !OTHER_CLAUSE.is_match(between)
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places() {
        // (name, sentence, country, is a place)
        let rows: &[(&str, &str, &str, bool)] = &[
            (
                "city, country",
                "It was held in Oslo, Norway today.",
                "Norway",
                true,
            ),
            ("in country", "They met in Norway.", "Norway", true),
            (
                "subject",
                "Norway signed a pact with Chile.",
                "Norway",
                false,
            ),
            ("with", "Norway signed a pact with Chile.", "Chile", false),
            (
                "between",
                "A pact between Norway and Chile.",
                "Chile",
                false,
            ),
        ];
        for (name, sentence, country, want) in rows {
            let at = sentence.find(country).unwrap();
            assert_eq!(is_place(sentence, at), *want, "{name}");
        }
    }

    #[test]
    fn signatories() {
        // (name, sentence, official, signs)
        let rows: &[(&str, &str, &str, bool)] = &[
            (
                "subject",
                "Minister Ann Roe and Bob Poe signed the pact.",
                "Ann Roe",
                true,
            ),
            (
                "second subject",
                "Minister Ann Roe and Bob Poe signed the pact.",
                "Bob Poe",
                true,
            ),
            (
                "signed by",
                "The pact was signed by Ann Roe.",
                "Ann Roe",
                true,
            ),
            (
                "signed with",
                "Ann Roe signed the pact with Bob Poe.",
                "Bob Poe",
                true,
            ),
            (
                "looks on",
                "Ann Roe signed it while Bob Poe looked on.",
                "Bob Poe",
                false,
            ),
            (
                "comments",
                "Ann Roe said the two signed a pact.",
                "Ann Roe",
                false,
            ),
            (
                "witness",
                "Ann Roe signed the pact, witnessed by Bob Poe.",
                "Bob Poe",
                false,
            ),
        ];
        for (name, sentence, official, want) in rows {
            let at = sentence.find(official).unwrap();
            let verb = signing_verb(sentence).unwrap();
            let span = (at, at + official.len());
            let aside = asides(sentence)
                .iter()
                .any(|&(a, b)| a <= span.0 && span.1 <= b);
            let got = signs(sentence, span, verb) && !aside;
            assert_eq!(got, *want, "{name}");
        }
    }
}
