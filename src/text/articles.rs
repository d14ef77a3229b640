//! Where one article ends and the next begins in a text that holds several: a dump of a news
//! feed, a file of pasted articles. An article is the unit whose names, abbreviations and dates
//! give each other context (a surname names the person named in full earlier in the same
//! article, not in the one before it), and the unit a large file's pieces are cut at when they
//! can be.
//!
//! The boundaries are the ones a reader of such a file goes by, judged paragraph by paragraph
//! (a paragraph is a block of lines between blank lines):
//! - a form feed or a separator line (`----`, `====`, `* * *`): the next paragraph starts an
//!   article;
//! - a paragraph that opens with a dateline (`WASHINGTON, May 2 —`, `PARIS (AFP) -`), a byline
//!   (`By Jane Roe`) or a date stamp (` date 2021-05-02`), once the article before it has a
//!   paragraph of prose: the new article starts at the headline and other short lines right
//!   before it. An article's own headline, stamp, byline and dateline come before its prose, so
//!   they never split it.

use std::sync::LazyLock;

use regex::Regex;

/// How far into a paragraph a dateline, byline or stamp may reach: the shapes are anchored at
/// the paragraph's start, and this bounds what each test reads.
const OPENING: usize = 160;

/// A paragraph at least this long that ends a sentence is prose, not a headline or byline.
const PROSE: usize = 80;

/// `CITY[, STATE], Month D[, YYYY] [(AGENCY)] —` or `CITY (AGENCY) —`, dash or colon after.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"[A-Z][\p{L}.'’-]*";
    let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?";
    let date = format!(r",? {month} [0-9]{{1,2}}(?:st|nd|rd|th)?(?:,? [0-9]{{4}})?");
    // Unbounded repetitions where the opening bounds the text anyway: counted ones copy a
    // Unicode class once per count, which makes the regex slow to compile.
    let agency = r" ?\([A-Z][\p{L}&.' -]+\)";
    Regex::new(&format!(
        r"^{word}(?:[ /]{word}){{0,3}}(?:, {word}(?: {word}){{0,2}})?(?:{date}(?:{agency})?|{agency}) ?(?:—|–|--?|:)"
    ))
    .expect("the dateline shape compiles")
});

/// `By Jane Roe`, `By Jane Roe and John Doe, Space Desk`: a byline alone on its line.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^By [A-Z][\p{L}.'’-]+(?: (?:[A-Z][\p{L}.'’-]*|and|&|de|van|von|da|al|bin))*(?:,[^\n]*)?\s*$")
        .expect("the byline shape compiles")
});

/// ` date 2021-05-02`: the date stamp some feeds open an article with.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*date\s+[0-9]{4}-[0-9]{2}-[0-9]{2}\b").expect("the stamp shape compiles")
});

/// One paragraph: where it starts and ends, and what it opens with.
struct Paragraph {
    start: usize,
    end: usize,
    /// It follows a form feed or a separator line.
    after_separator: bool,
}

/// Where each article after the first starts, in order; empty when the text is one article.
pub fn article_starts(text: &str) -> Vec<usize> {
    let paragraphs = paragraphs(text);
    let mut starts = Vec::new();
    // Where the current article starts, by paragraph, and whether it has prose yet.
    let mut prose = false;
    for (i, p) in paragraphs.iter().enumerate() {
        let body = &text[p.start..p.end];
        if p.after_separator && i > 0 {
            starts.push(p.start);
            prose = is_prose(body);
            continue;
        }
        if prose && opens_article(body) {
            // The short lines just before it (a headline, a stamp) are the new article's.
            let mut first = i;
            while first > 0
                && !is_prose(&text[paragraphs[first - 1].start..paragraphs[first - 1].end])
            {
                if paragraphs[first].after_separator {
                    break;
                }
                first -= 1;
            }
            let at = paragraphs[first].start;
            if starts.last().is_none_or(|&last| last < at) && at > 0 {
                starts.push(at);
            }
            prose = is_prose(body);
            continue;
        }
        prose |= is_prose(body);
    }
    starts
}

/// The paragraphs of `text`: runs of lines that are not blank. A line holding a form feed, or
/// made only of a repeated separator mark, separates articles.
fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(text.len() / 512 + 1);
    let mut open: Option<usize> = None;
    let mut separated = false;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    // Most texts hold no form feed at all: one search spares looking for one on every line.
    let form_feeds = memchr::memchr(b'\x0c', bytes).is_some();
    while line_start < text.len() {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(text.len(), |i| line_start + i + 1);
        let line = &text[line_start..line_end];
        let form_feed = form_feeds && memchr::memchr(b'\x0c', line.as_bytes()).is_some();
        // Most lines open with a letter or digit: such a line is neither blank nor a
        // separator, which spares trimming and testing it.
        let text_first = line.as_bytes()[0].is_ascii_alphanumeric();
        let blank = !text_first && !form_feed && line.trim().is_empty();
        let separator = form_feed || (!text_first && is_separator_line(line));
        if blank || separator {
            if let Some(start) = open.take() {
                paragraphs.push(Paragraph {
                    start,
                    end: line_start,
                    after_separator: std::mem::take(&mut separated),
                });
            }
            separated |= separator;
        } else if open.is_none() {
            open = Some(line_start);
        }
        line_start = line_end;
    }
    if let Some(start) = open {
        paragraphs.push(Paragraph {
            start,
            end: text.len(),
            after_separator: separated,
        });
    }
    paragraphs
}

/// `----`, `====`, `* * *`, `###`: three or more of one mark and nothing else but spaces.
fn is_separator_line(line: &str) -> bool {
    let marks = line.trim();
    let mut chars = marks.chars().filter(|c| *c != ' ');
    let Some(first) = chars.next() else {
        return false;
    };
    "-=*_#~".contains(first) && chars.clone().all(|c| c == first) && chars.count() >= 2
}

/// Whether a paragraph is prose: long enough and ending a sentence, or several lines long.
fn is_prose(paragraph: &str) -> bool {
    let body = paragraph.trim_end();
    let ends_sentence = body.ends_with(['.', '!', '?', '"', '”', ')', '’', '\'']);
    (body.len() >= PROSE && ends_sentence) || (body.len() >= 2 * PROSE && body.contains('\n'))
}

/// Whether a paragraph opens an article: a dateline, a byline or a date stamp at its start.
fn opens_article(paragraph: &str) -> bool {
    let mut end = paragraph.len().min(OPENING);
    while !paragraph.is_char_boundary(end) {
        end -= 1;
    }
    let opening = &paragraph[..end];
    // Each regex runs only where a byte test shows that its shape may start: nearly every
    // paragraph fails those tests, and a regex at every paragraph would cost more than the
    // rest of reading an article.
    (opening.trim_start().starts_with("date") && STAMP.is_match(opening))
        || (opening.starts_with("By ") && BYLINE.is_match(paragraph.lines().next().unwrap_or("")))
        || (may_be_dateline(opening) && DATELINE.is_match(opening))
}

/// Whether `opening` may start with a dateline, tested on bytes: what [`DATELINE`] needs
/// before its first comma or parenthesis (one to four words, each with a capital A–Z first,
/// joined by single spaces or slashes), a capital after it, and a dash or colon later.
fn may_be_dateline(opening: &str) -> bool {
    let bytes = opening.as_bytes();
    let head = &bytes[..bytes.len().min(64)];
    let Some(at) = head.iter().position(|&b| b == b',' || b == b'(') else {
        return false;
    };
    let city = head[..at].strip_suffix(b" ").unwrap_or(&head[..at]);
    let mut words = city.split(|&b| b == b' ' || b == b'/');
    let after = &bytes[at + 1..];
    let capital_after = after
        .strip_prefix(b" ")
        .unwrap_or(after)
        .first()
        .is_some_and(u8::is_ascii_uppercase);
    let dash_or_colon = memchr::memchr2(b'-', b':', after).is_some()
        || memchr::memmem::find(after, "—".as_bytes()).is_some()
        || memchr::memmem::find(after, "–".as_bytes()).is_some();
    !city.is_empty()
        && capital_after
        && dash_or_colon
        && words.clone().count() <= 4
        && words.all(|w| w.first().is_some_and(u8::is_ascii_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE_A: &str =
        "The agency said on Monday that the satellite reached its orbit and that \
                           its instruments were working as planned.";
    const PROSE_B: &str = "Officials from both sides met in the capital to discuss a new round of \
                           cooperation on launch services and tracking.";

    /// The articles of `text`, as the texts between the starts.
    fn articles(text: &str) -> Vec<&str> {
        let mut cuts = vec![0];
        cuts.extend(article_starts(text));
        cuts.push(text.len());
        cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    #[test]
    fn boundaries_between_articles() {
        // (name, text, the articles it holds)
        let a = format!("{PROSE_A}\n\n");
        let rows: Vec<(&str, String, Vec<String>)> = vec![
            ("one article", format!("{PROSE_A}\n\n{PROSE_B}\n"), vec![format!("{PROSE_A}\n\n{PROSE_B}\n")]),
            (
                "a form feed",
                format!("{a}\u{c}\n{PROSE_B}\n"),
                vec![format!("{a}\u{c}\n"), format!("{PROSE_B}\n")],
            ),
            (
                "a separator line",
                format!("{a}* * *\n\n{PROSE_B}\n"),
                vec![format!("{a}* * *\n\n"), format!("{PROSE_B}\n")],
            ),
            (
                "a headline and a dateline",
                format!("{a}Zembla Joins Lunar Talks\n\nOSTRAVA, May 2, 2024 — {PROSE_B}\n"),
                vec![a.clone(), format!("Zembla Joins Lunar Talks\n\nOSTRAVA, May 2, 2024 — {PROSE_B}\n")],
            ),
            (
                "a headline and a byline",
                format!("{a}ZEMBLA JOINS LUNAR TALKS\n\nBy Jane Roe\n\n{PROSE_B}\n"),
                vec![a.clone(), format!("ZEMBLA JOINS LUNAR TALKS\n\nBy Jane Roe\n\n{PROSE_B}\n")],
            ),
            (
                "a wire dateline with an agency",
                format!("{a}PARIS (AFP) - {PROSE_B}\n"),
                vec![a.clone(), format!("PARIS (AFP) - {PROSE_B}\n")],
            ),
            (
                "a date stamp",
                format!("{a} date 2024-05-02 Zembla joins talks\n\n{PROSE_B}\n"),
                vec![a.clone(), format!(" date 2024-05-02 Zembla joins talks\n\n{PROSE_B}\n")],
            ),
            (
                "an article's own headline, stamp and dateline do not split it",
                format!(" date 2017-05-30 Zembla to launch\n\nOstrava/Zembla, May 30: {PROSE_A}\n\n{PROSE_B}\n"),
                vec![format!(" date 2017-05-30 Zembla to launch\n\nOstrava/Zembla, May 30: {PROSE_A}\n\n{PROSE_B}\n")],
            ),
            (
                "a byline of the first article",
                format!("HEADLINE HERE\n\nBy Jane Roe\n\n{PROSE_A}\n"),
                vec![format!("HEADLINE HERE\n\nBy Jane Roe\n\n{PROSE_A}\n")],
            ),
            (
                "a sentence opening with By is no byline",
                format!("{a}By the numbers, the agency spent less.\n"),
                vec![format!("{a}By the numbers, the agency spent less.\n")],
            ),
            (
                "a capitalised opening without a date or agency is no dateline",
                format!("{a}NASA — {PROSE_B}\n"),
                vec![format!("{a}NASA — {PROSE_B}\n")],
            ),
        ];
        for (name, text, want) in rows {
            assert_eq!(articles(&text), want, "{name}");
        }
    }

    #[test]
    fn a_megabyte_of_articles_or_of_one_paragraph_is_read_in_one_pass() {
        // Every paragraph opens an article: each test reads a bounded opening, so this is
        // linear; a walk back over all the short paragraphs before each would not be.
        let unit = format!("{PROSE_A}\n\nA headline\n\nPARIS, May 2 — {PROSE_B}\n\n");
        let text = unit.repeat((1 << 20) / unit.len());
        let n = text.len() / unit.len();
        let starts = article_starts(&text);
        assert_eq!(starts.len(), n);
        assert!(starts.iter().all(|&s| text[s..].starts_with("A headline")));
        // No paragraph break at all, nor a line end.
        assert!(article_starts(&"PARIS, May 2 — x ".repeat(60_000)).is_empty());
    }

    #[test]
    fn the_byte_test_lets_every_dateline_through() {
        for (opening, want) in [
            ("WASHINGTON, May 2, 2024 — The", true),
            ("PARIS (AFP) - The", true),
            ("Ostrava/Zembla, May 30: The", true),
            ("SAN JOSE, Costa Rica, May 2 —", true),
            ("NEW YORK CITY AREA (AP) —", true),
            ("The agency said, on Monday", false),
            ("NASA Administrator Jane Roe, who", false),
            ("NASA Administrator Jane Roe, Director — of", true),
            ("ONE TWO THREE FOUR FIVE, May 2 —", false),
            ("Officials (from both sides)", false),
            ("PARIS, May 2 and more", false),
            ("a city, May 2 —", false),
            ("", false),
        ] {
            assert_eq!(may_be_dateline(opening), want, "{opening:?}");
            if DATELINE.is_match(opening) {
                assert!(want, "{opening:?} is a dateline the byte test turns away");
            }
        }
    }

    #[test]
    fn separator_lines() {
        for (line, want) in [
            ("----\n", true),
            ("* * *\n", true),
            ("===", true),
            ("--", false),
            ("-=-\n", false),
            ("- item\n", false),
            ("", false),
        ] {
            assert_eq!(is_separator_line(line), want, "{line:?}");
        }
    }
}
