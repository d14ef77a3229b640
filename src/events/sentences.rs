//! Sentence bounds of a document, as Unicode's sentence rules (UAX #29) find them in news: a
//! stop and the spaces after it end a sentence unless a lower-case letter follows, and every
//! line break ends one, so that a headline or a dateline is a sentence of its own. Paragraphs
//! part at blank lines; one regex finds the candidates within them: the `unicode-segmentation` crate does the same for all scripts but
//! cost more than extraction itself. The bounds are mended where a full stop only ends an
//! abbreviation (`Dr.`, `Sept.`, an initial such as `S.`) or a mention (`U.S.`).

use std::sync::LazyLock;

use regex::Regex;

use crate::entity::{Kind, Mention};

/// Words whose full stop is no sentence end: titles, months and the like written before a
/// name or a number.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Prof", "Gen", "Lt", "Col", "Capt", "Sen", "Rep", "Gov", "St", "No",
    "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Amb", "Hon", "Adm",
];

/// The ends of the blank lines of `text`, where paragraphs part: a line break, spaces, tabs or
/// carriage returns only, another line break, and the white space after it. One look at each
/// line break (found by `memchr`) does what a regex does here at a fraction of its cost.
fn blank_line_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'\n', &bytes[at..]).map(|i| at + i) {
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if bytes.get(j) == Some(&b'\n') {
            let rest = &text[j + 1..];
            let end = text.len() - rest.trim_start().len();
            out.push(end);
            at = end;
        } else {
            at = i + 1;
        }
        if at >= bytes.len() {
            break;
        }
    }
    out
}

/// The byte spans of the sentences of `text`, in order, covering it, each with whether it
/// was split: only the paragraphs with an agreement mention, and those either side of them,
/// are split into sentences (most of any article); any other
/// paragraph is one span that no reading looks into. `mentions` are sorted; no sentence ends
/// inside one or right after one that ends with a full stop.
pub fn bounds(text: &str, mentions: &[Mention]) -> (Vec<(usize, usize)>, Vec<bool>) {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for end in blank_line_ends(text) {
        paragraphs.push((start, end));
        start = end;
    }
    if start < text.len() || paragraphs.is_empty() {
        paragraphs.push((start, text.len()));
    }
    let mut wanted = vec![false; paragraphs.len()];
    let mut p = 0;
    for m in mentions.iter().filter(|m| m.kind == Kind::Agreement) {
        while p + 1 < paragraphs.len() && paragraphs[p].1 <= m.start {
            p += 1;
        }
        for w in &mut wanted[p.saturating_sub(1)..(p + 2).min(paragraphs.len())] {
            *w = true;
        }
    }
    let mut out = Vec::new();
    let mut split = Vec::new();
    for (&(from, to), &wanted) in paragraphs.iter().zip(&wanted) {
        if wanted {
            let before = out.len();
            segment(text, (from, to), mentions, &mut out);
            split.resize(split.len() + out.len() - before, true);
        } else {
            out.push((from, to));
            split.push(false);
        }
    }
    (out, split)
}

/// Append the sentences of `text[from..to]` to `out`.
fn segment(
    text: &str,
    (from, to): (usize, usize),
    mentions: &[Mention],
    out: &mut Vec<(usize, usize)>,
) {
    let first_own = out.len();
    // The first mention that may reach into the last sentence found.
    let mut first = mentions.partition_point(|m| m.end < from);
    for (start, end) in pieces(text, from, to) {
        let piece = &text[start..end];
        let last = (out.len() > first_own).then(|| out[out.len() - 1]);
        let glued = last.is_some_and(|(from, to)| {
            while first < mentions.len() && mentions[first].end < from {
                first += 1;
            }
            let before = &text[from..to];
            let held = mentions[first..]
                .iter()
                .take_while(|m| m.start < start)
                .any(|m| m.end > start || ends_mention_with_stop(text, m, to));
            // A blank line is no sentence: it belongs to the one before it.
            held || piece.trim().is_empty()
                || (!before.ends_with('\n') && ends_with_abbreviation(before))
        });
        match out.last_mut() {
            Some(last) if glued => last.1 = end,
            _ => out.push((start, end)),
        }
    }
}

/// Where a sentence may end: after a full stop, question or exclamation mark (with any
/// closing quotes or brackets) and the spaces after it, or after a line break.
static BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.!?]+["'\u{201d}\u{2019})\]]*[ \t]+|\n"#)
        .expect("the break pattern is a valid regex")
});

/// The candidate sentences of `text[from..to]`, as UAX #29 finds them in news: a stop and
/// spaces end one unless a lower-case letter follows (`Sept. 21 in`, `e.g. this`), and every
/// line break ends one, so that a headline or a dateline stands alone.
fn pieces(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    for b in BREAK.find_iter(&text[from..to]) {
        let end = from + b.end();
        let lower_next = !b.as_str().ends_with('\n')
            && text[end..to]
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if !lower_next {
            out.push((start, end));
            start = end;
        }
    }
    if start < to {
        out.push((start, to));
    }
    out
}

/// Whether mention `m` ends with a full stop at the end of the sentence that ends at `to`.
fn ends_mention_with_stop(text: &str, m: &Mention, to: usize) -> bool {
    text[m.start..m.end].ends_with('.') && text[m.end..to].trim().is_empty()
}

/// Whether `sentence` ends with an abbreviation's full stop or an initial (`S.`).
fn ends_with_abbreviation(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    let Some(word) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last = word
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    initial || ABBREVIATIONS.contains(&last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        segment(text, (0, text.len()), &[], &mut out);
        out.into_iter().map(|(a, b)| text[a..b].trim()).collect()
    }

    #[test]
    fn sentences() {
        // (name, text, expected sentences)
        let rows: &[(&str, &str, &[&str])] = &[
            ("two", "Ann came. Bob left.", &["Ann came.", "Bob left."]),
            (
                "title",
                "Dr. Ann Lee came. Bob left.",
                &["Dr. Ann Lee came.", "Bob left."],
            ),
            (
                "month",
                "It opened Sept. 21 in Oslo.",
                &["It opened Sept. 21 in Oslo."],
            ),
            (
                "initial",
                "S. Kumar spoke. Then rain.",
                &["S. Kumar spoke.", "Then rain."],
            ),
            (
                "headline",
                "Big News\nThe body text.",
                &["Big News", "The body text."],
            ),
        ];
        for (name, text, want) in rows {
            assert_eq!(&split(text), want, "{name}");
        }
    }

    #[test]
    fn blank_lines_as_the_pattern_finds_them() {
        let blank = Regex::new(r"\n[ \t\r]*\n\s*").unwrap();
        for text in [
            "a\n\nb",
            "a\n \t\r\n  \n\u{a0}b\n\n",
            "a\nb\n c\n",
            "\n\n",
            "a\n \n",
            "",
            "a\n\u{2003}\nb",
        ] {
            let want: Vec<usize> = blank.find_iter(text).map(|m| m.end()).collect();
            assert_eq!(blank_line_ends(text), want, "{text:?}");
        }
    }

    #[test]
    fn no_sentence_ends_after_a_mention_with_a_stop() {
        let text = "Ties with the U.S. Army grew.";
        let start = text.find("U.S.").unwrap();
        let m = Mention::new(Kind::Country, start, start + 4, "US");
        let mut out = Vec::new();
        segment(text, (0, text.len()), &[m], &mut out);
        assert_eq!(out, [(0, text.len())]);
    }

    #[test]
    fn only_paragraphs_near_an_agreement_are_split() {
        let text = "A b. C d.\n\nE f. G h.\n\nThe pact. I j.\n\nK l. M n.\n\nO p. Q r.";
        let at = text.find("pact").unwrap();
        let m = Mention::new(Kind::Agreement, at, at + 4, "agreement");
        let (spans, split) = bounds(text, &[m]);
        let shown: Vec<(&str, bool)> = spans
            .iter()
            .zip(split)
            .map(|(&(a, b), s)| (text[a..b].trim(), s))
            .collect();
        let want = [
            ("A b. C d.", false),
            ("E f.", true),
            ("G h.", true),
            ("The pact.", true),
            ("I j.", true),
            ("K l.", true),
            ("M n.", true),
            ("O p. Q r.", false),
        ];
        assert_eq!(shown, want);
    }
}
