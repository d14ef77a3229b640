//! Sentence bounds of a document: Unicode's sentence rules (UAX #29, through
//! `unicode-segmentation`), which also end a sentence at every line break so that a headline
//! or a dateline is a sentence of its own, mended where a full stop only ends an abbreviation
//! (`Dr.`, `Sept.`, an initial such as `S.`) or a mention (`U.S.`), which UAX #29 cannot know.

use unicode_segmentation::UnicodeSegmentation;

use crate::entity::Mention;

/// Words whose full stop is no sentence end: titles, months and the like written before a
/// name or a number.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Prof", "Gen", "Lt", "Col", "Capt", "Sen", "Rep", "Gov", "St", "No",
    "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Amb", "Hon", "Adm",
];

/// The byte spans of the sentences of `text`, in order, covering it; `mentions` are sorted
/// and no sentence ends inside one or right after one that ends with a full stop.
pub fn bounds(text: &str, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    // The first mention that may reach into the last sentence found.
    let mut first = 0;
    for (start, piece) in text.split_sentence_bound_indices() {
        let end = start + piece.len();
        let glued = out.last().is_some_and(|&(from, to)| {
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
        bounds(text, &[])
            .into_iter()
            .map(|(a, b)| text[a..b].trim())
            .collect()
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
    fn no_sentence_ends_after_a_mention_with_a_stop() {
        let text = "Ties with the U.S. Army grew.";
        let start = text.find("U.S.").unwrap();
        let m = Mention::new(crate::entity::Kind::Country, start, start + 4, "US");
        assert_eq!(bounds(text, &[m]), [(0, text.len())]);
    }
}
