//! Who takes part in an instrument, read off the roles mentions play in the reporting
//! sentence: a country or agency is a party unless the sentence only places something in it
//! (`held in Bremen, Germany`), names it as the body others belong to (`member states of
//! ESA`), uses it to qualify an agency beside it (`the Israel Ministry of Science`), ties it to
//! another instrument (`the TSA with the US`) or writes it into a signer's title (`Chair of the
//! DLR Executive Board`); an official is a signatory when they sign (`X and Y signed`,
//! `signed by X`, `X signed … with Y`), not when they only look on, attend or comment. Group
//! words (`the two countries`, `both agencies`, `the partners`) name sides named before.

use std::sync::LazyLock;

use regex::Regex;

/// Words before a country that make it a place rather than a side: `in`, `at`, `based in`,
/// with up to two capitalised words (a city) between; or the body whose members are the sides
/// (`member states of the`).
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:(?:in|at|near|based in|held in|from)\s+(?:the\s+)?(?:\p{Lu}[\w.'-]*,?\s+){0,2}|member\s+(?:states|countries|nations)\s+of\s+(?:the\s+)?)$",
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

/// What closes a side that is only a source the report cites (`…, the Space Ministry
/// (SM) said`): the verb of saying after it, with its bracketed abbreviation between.
static SAID_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\([^)]*\)\s*|\)\s*)?(?:said|says|announced|stated|reported|noted|added)(?-u:\b)",
    )
    .expect("the attribution pattern is a valid regex")
});

/// What opens a cited source: a comma, then the name (and, for the abbreviation, the name and
/// its bracket).
static SAID_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s*(?:the\s+)?(?:[^,()]{0,100}\(\s*)?$")
        .expect("the attribution pattern is a valid regex")
});

/// Whether the side at `span` of `sentence` is only the source the report cites, in a clause
/// of its own after the report (`… signed an agreement, the Space Ministry said`).
pub fn is_source(sentence: &str, span: (usize, usize)) -> bool {
    let mut from = span.0.saturating_sub(120);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    SAID_AFTER.is_match(&sentence[span.1..]) && SAID_BEFORE.is_match(&sentence[from..span.0])
}

/// Whether the country at `span` of `sentence` only says where something is based
/// (`a U.K.-based firm`).
pub fn is_base(sentence: &str, span: (usize, usize)) -> bool {
    let after = &sentence[span.1..];
    after.starts_with("-based") || after.starts_with(" based ")
}

/// Whether the official at `span` of `sentence` only comments or looks on in the clause
/// after the name and title (`X, Director of Y, said`).
pub fn only_comments(sentence: &str, span: (usize, usize)) -> bool {
    // The watching word stands within the pattern's 80 bytes and a word of the name.
    let mut to = sentence.len().min(span.1 + 120);
    while !sentence.is_char_boundary(to) {
        to -= 1;
    }
    ONLY_WATCHES.is_match(&sentence[span.1..to])
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

/// The spans of the signing verbs of `sentence`, in order.
pub fn signing_verbs(sentence: &str) -> Vec<(usize, usize)> {
    SIGNING
        .find_iter(sentence)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// How many bytes an official who signs stands from the signing verb at most.
const NEAR: usize = 300;

/// Whether the official at `span` of `sentence` signs, given the sentence's signing verbs: as
/// the subject of the first verb after the name, or named after the last verb before it.
pub fn signs(sentence: &str, span: (usize, usize), verbs: &[(usize, usize)]) -> bool {
    let next = verbs.partition_point(|v| v.0 < span.1);
    let after = verbs.get(next).copied();
    let before = next
        .checked_sub(1)
        .map(|i| verbs[i])
        .filter(|v| v.1 <= span.0);
    after.is_some_and(|v| signs_before(sentence, span, v))
        || before.is_some_and(|v| signs_after(sentence, span, v))
}

/// Whether the official at `span`, before the verb at `verb`, is its subject: unless the
/// name's own clause says they only comment or watch before the verb comes.
fn signs_before(sentence: &str, span: (usize, usize), verb: (usize, usize)) -> bool {
    // A signer stands near the verb; the limit also keeps a sentence without end linear.
    if span.1 + NEAR < verb.0 {
        return false;
    }
    let between = &sentence[span.1..verb.0];
    !ONLY_WATCHES.is_match(between) && !OTHER_CLAUSE.is_match(between)
}

/// Whether the official at `span`, after the verb at `verb`, signs: `signed by X`, `signed …
/// with X`.
fn signs_after(sentence: &str, span: (usize, usize), verb: (usize, usize)) -> bool {
    if verb.1 + NEAR < span.0 {
        return false;
    }
    let between = &sentence[verb.1..span.0];
    AFTER_VERB.is_match(between) && !OTHER_CLAUSE.is_match(between)
}

/// An official's apposition after the name, up to a side in it: a comma, then title words with
/// no clause break, verb or list word (`, Chair of the `, `, head of the `).
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*,[^,;:"\u{201c}\u{201d}]{0,120}$"#)
        .expect("the apposition pattern is a valid regex")
});

/// Title words between a side and the official's name (`Administrator`, `Member of the Z
/// Parliament Dr.`): capitalised words and a few joining words only.
static TITLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:(?:\p{Lu}[\p{L}'\u{2019}.-]*|of|for|the)\s+){1,6}$")
        .expect("the title pattern is a valid regex")
});

/// Whether a country or agency at `side` of `sentence` is written into the title of the
/// official at `official`: in the apposition a comma opens after the name (`X, head of the Y
/// Agency`), or before the name with title words only between (`NASA Administrator X`).
pub fn in_title(sentence: &str, side: (usize, usize), official: (usize, usize)) -> bool {
    if official.1 <= side.0 {
        let between = &sentence[official.1..side.0];
        // A list word right after the comma opens another item or clause, not a title.
        APPOSITION.is_match(between)
            && !opens_item(between)
            && !SIGNING.is_match(between)
            && !ONLY_WATCHES.is_match(between)
    } else if side.1 <= official.0 {
        TITLE_BEFORE.is_match(&sentence[side.1..official.0])
    } else {
        false
    }
}

/// Whether the text after a name's comma opens another item or clause (`, and`, `, who`).
fn opens_item(between: &str) -> bool {
    let rest = between.trim_start().trim_start_matches(',').trim_start();
    let word = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "and"
            | "or"
            | "but"
            | "while"
            | "whilst"
            | "who"
            | "which"
            | "as"
            | "with"
            | "by"
            | "to"
            | "from"
            | "during"
            | "after"
            | "before"
            | "when"
            | "where"
            | "in"
            | "on"
    )
}

/// Whether a country at `country` only qualifies the agency at `agency` beside it: right
/// before it (`the Israel Ministry of Science`) or after it with `of` (`the Ministry of
/// Investment of Kazakhstan`).
pub fn qualifies(sentence: &str, country: (usize, usize), agency: (usize, usize)) -> bool {
    if country.1 <= agency.0 {
        let between = &sentence[country.1..agency.0];
        !between.is_empty() && between.chars().all(|c| c == ' ')
    } else if agency.1 <= country.0 {
        OF_THE.is_match(&sentence[agency.1..country.0])
    } else {
        false
    }
}

static OF_THE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+of\s+(?:the\s+)?$").expect("the of pattern is a valid regex")
});

/// What ties a side to an instrument mentioned right before it: `the TSA with the US`.
static BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s)]*(?:\([^)]*\)[\s)]*)?(?:signed\s+)?with\s+(?:the\s+)?$")
        .expect("the bound pattern is a valid regex")
});

/// Whether the side at `side` belongs to an instrument mentioned right before it, the
/// instrument ending at `instrument_end` (`the TSA with the US`).
pub fn bound_to(sentence: &str, instrument_end: usize, side: usize) -> bool {
    instrument_end <= side && BOUND.is_match(&sentence[instrument_end..side])
}

/// Which sides a group word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// `the two countries`, `both nations`, `the two governments`.
    Countries,
    /// `the two agencies`, `both organizations`.
    Agencies,
    /// `both sides`, `the two parties`.
    Two,
    /// `the partners`, `the partner governments`: every side named before.
    Partners,
}

/// A group word that names sides named before.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:the\s+two|both)\s+(?:space\s+)?(?:(countries|nations|states|governments)|(agencies|organi[sz]ations)|(sides|parties))|(partners|partner\s+(?:governments|countries|states|nations|agencies)))(?-u:\b)",
    )
    .expect("the group pattern is a valid regex")
});

/// The group word of `sentence`, if it has one.
pub fn group(sentence: &str) -> Option<Group> {
    // The fast search finds the word; only its few bytes are read for which group it is.
    let found = GROUP.find(sentence)?;
    let c = GROUP.captures(found.as_str())?;
    Some(if c.get(1).is_some() {
        Group::Countries
    } else if c.get(2).is_some() {
        Group::Agencies
    } else if c.get(3).is_some() {
        Group::Two
    } else {
        Group::Partners
    })
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
            (
                "subject of a second verb",
                "Ann Roe signed the pact for Ruritania, whilst Bob Poe, head of the agency, \
                 signed for Freedonia.",
                "Bob Poe",
                true,
            ),
            (
                "second verb, first subject",
                "Ann Roe signed the pact for Ruritania, whilst Bob Poe signed for Freedonia.",
                "Ann Roe",
                true,
            ),
            (
                "comments before a second verb",
                "Ann Roe signed the pact, and Bob Poe said he signed the minutes.",
                "Bob Poe",
                false,
            ),
            (
                "by, twice",
                "The pact was signed by Ann Roe for Ruritania and by Bob Poe for Freedonia.",
                "Bob Poe",
                true,
            ),
        ];
        for (name, sentence, official, want) in rows {
            let at = sentence.find(official).unwrap();
            let verbs = signing_verbs(sentence);
            let span = (at, at + official.len());
            let aside = asides(sentence)
                .iter()
                .any(|&(a, b)| a <= span.0 && span.1 <= b);
            let got = signs(sentence, span, &verbs) && !aside;
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn sources_bases_and_comments() {
        let sentence = "Chile and Peru signed a pact, the Space Ministry (SM) said.";
        assert!(is_source(sentence, span(sentence, "Space Ministry", 0)));
        assert!(is_source(sentence, span(sentence, "SM", 0)));
        assert!(!is_source(sentence, span(sentence, "Chile", 0)));
        let sentence = "The Space Ministry said Chile and Peru signed a pact.";
        assert!(!is_source(sentence, span(sentence, "Space Ministry", 0)));
        let sentence = "A U.K.-based firm won a contract from ESA.";
        assert!(is_base(sentence, span(sentence, "U.K.", 0)));
        assert!(!is_base(sentence, span(sentence, "ESA", 0)));
        let sentence = "Ann Roe, Director of the SO, said the states signed a pact.";
        assert!(only_comments(sentence, span(sentence, "Ann Roe", 0)));
        let sentence = "Ann Roe, Director of the SO, signed a pact.";
        assert!(!only_comments(sentence, span(sentence, "Ann Roe", 0)));
    }

    #[test]
    fn member_states_are_no_place_but_their_body_is_no_side() {
        let sentence = "Envoys of Chile and member states of the European Space Agency met.";
        let at = sentence.find("European").unwrap();
        assert!(is_place(sentence, at));
        assert!(!is_place(sentence, sentence.find("Chile").unwrap()));
    }

    /// The span of `word` in `sentence`, searched from byte `from`.
    fn span(sentence: &str, word: &str, from: usize) -> (usize, usize) {
        let at = from + sentence[from..].find(word).unwrap();
        (at, at + word.len())
    }

    #[test]
    fn sides_in_a_title() {
        // (name, sentence, side, official, in the title)
        let rows: &[(&str, &str, &str, &str, bool)] = &[
            (
                "apposition",
                "It was signed by Ann Roe, Chair of the Ruritania Board, and Bob Poe.",
                "Ruritania Board",
                "Ann Roe",
                true,
            ),
            (
                "apposition with a bracket",
                "Ann Roe, head of the Space Office (RSO), signed it.",
                "RSO",
                "Ann Roe",
                true,
            ),
            (
                "title before the name",
                "It was signed by Member of the Ruritania Parliament Dr. Ann Roe.",
                "Ruritania Parliament",
                "Ann Roe",
                true,
            ),
            (
                "agency before its head",
                "RSO President Ann Roe signed it.",
                "RSO",
                "Ann Roe",
                true,
            ),
            (
                "next item of a list",
                "It was signed by Ann Roe, and the RSO joined.",
                "RSO",
                "Ann Roe",
                false,
            ),
            (
                "counterpart after a verb",
                "Ann Roe, the minister, signed it with the RSO.",
                "RSO",
                "Ann Roe",
                false,
            ),
            (
                "a side before a list word",
                "Ruritania and Ann Roe signed it.",
                "Ruritania",
                "Ann Roe",
                false,
            ),
        ];
        for (name, sentence, side, official, want) in rows {
            let o = span(sentence, official, 0);
            let s = span(sentence, side, 0);
            assert_eq!(in_title(sentence, s, o), *want, "{name}");
        }
    }

    #[test]
    fn countries_that_qualify_an_agency() {
        // (name, sentence, country, agency, qualifies)
        let rows: &[(&str, &str, &str, &str, bool)] = &[
            (
                "before",
                "The Ruritania Science Ministry signed.",
                "Ruritania",
                "Science Ministry",
                true,
            ),
            (
                "of",
                "The Science Ministry of Ruritania signed.",
                "Ruritania",
                "Science Ministry",
                true,
            ),
            (
                "of the",
                "The Science Ministry of the Ruritania signed.",
                "Ruritania",
                "Science Ministry",
                true,
            ),
            (
                "a side of its own",
                "The Science Ministry and Ruritania signed.",
                "Ruritania",
                "Science Ministry",
                false,
            ),
        ];
        for (name, sentence, country, agency, want) in rows {
            let c = span(sentence, country, 0);
            let a = span(sentence, agency, 0);
            assert_eq!(qualifies(sentence, c, a), *want, "{name}");
        }
    }

    #[test]
    fn sides_bound_to_another_instrument() {
        // (name, sentence, instrument, side, bound)
        let rows: &[(&str, &str, &str, &str, bool)] = &[
            (
                "with",
                "a safeguards pact with Freedonia",
                "pact",
                "Freedonia",
                true,
            ),
            (
                "abbreviation",
                "a Safeguards Pact (SP) with the Freedonia",
                "SP",
                "Freedonia",
                true,
            ),
            (
                "signed with",
                "the pact signed with Freedonia",
                "pact",
                "Freedonia",
                true,
            ),
            (
                "further on",
                "the pact on lunar science with Freedonia",
                "pact",
                "Freedonia",
                false,
            ),
        ];
        for (name, sentence, instrument, side, want) in rows {
            let i = span(sentence, instrument, 0);
            let s = span(sentence, side, 0);
            assert_eq!(bound_to(sentence, i.1, s.0), *want, "{name}");
        }
    }

    #[test]
    fn group_words() {
        let rows: &[(&str, Option<Group>)] = &[
            ("Then the two countries signed it.", Some(Group::Countries)),
            ("Both nations agreed.", Some(Group::Countries)),
            ("The two space agencies signed it.", Some(Group::Agencies)),
            ("Both organisations signed it.", Some(Group::Agencies)),
            ("Both sides signed it.", Some(Group::Two)),
            ("The partner governments agreed.", Some(Group::Partners)),
            ("The partners agreed.", Some(Group::Partners)),
            ("Ruritania joined as a partner.", None),
            ("Both signed it.", None),
        ];
        for (sentence, want) in rows {
            assert_eq!(group(sentence), *want, "{sentence}");
        }
    }
}
