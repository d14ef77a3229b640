//! Government bodies named by pattern rather than by dictionary: `Ministry of …`,
//! `Department of …`, `Office of the …`, `… Space Agency`. No list of ministries is complete,
//! but their names follow a few shapes; a body found this way is keyed by its own name.

use regex::Regex;

use crate::entity::{Kind, Mention};

/// Capitalised words joined by the small words that occur inside body names. Word boundaries
/// in these rules are ASCII (`(?-u:\b)`): Unicode ones stop the regex engine from using its
/// DFA on any text with a non-ASCII character, which is most news.
const NAME: &str =
    r"[A-Z][\p{L}'’&-]*(?:(?:,|(?:\s+(?:and|of|for|on|the|&))+)?\s+[A-Z][\p{L}'’&-]*)*";

/// The body-name rules, compiled once per run.
pub struct BodyRules {
    rules: Vec<Regex>,
}

impl Default for BodyRules {
    fn default() -> Self {
        Self::new()
    }
}

impl BodyRules {
    pub fn new() -> BodyRules {
        let re = |s: String| Regex::new(&s).expect("body rule compiles");
        BodyRules {
            rules: vec![
                re(format!(
                    r"(?-u:\b)(?:(?:Federal|Union|State|National|Royal)\s+)?(?:Ministry|Department|Office|Secretariat|Directorate)\s+(?:of|for)\s+(?:the\s+)?{NAME}"
                )),
                re(r"(?-u:\b)(?:[A-Z][\p{L}-]+\s+){1,3}(?:Space|Aerospace)\s+(?:Agency|Administration|Authority|Office|Commission)(?-u:\b)".into()),
            ],
        }
    }

    /// Every body named by a rule in `text`.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut found = Vec::new();
        for re in &self.rules {
            for m in re.find_iter(text) {
                let span = trim_name(m.as_str());
                let start = m.start() + leading_article(span);
                let end = m.start() + span.len();
                if end > start {
                    found.push(Mention::new(Kind::Agency, start, end, &text[start..end]));
                }
            }
        }
        found
    }
}

/// Words that start a title, not a body's name: `Department of National Defense
/// Officer-in-Charge` names the department and then a post.
const TITLE_WORDS: &[&str] = &[
    "Officer",
    "Officer-in-Charge",
    "Secretary",
    "Minister",
    "Director",
    "Chief",
    "Head",
    "Spokesperson",
    "Spokesman",
    "Administrator",
    "Chairman",
    "President",
    "Dr",
    "Dr.",
    "Mr",
    "Ms",
];

/// Words that make a title word part of the name before it.
const TITLE_LEADS: &[&str] = &[
    "the", "Prime", "Deputy", "Vice", "Chief", "Foreign", "Attorney",
];

/// The body's name within a match: up to a title word, and a comma list only when it closes
/// with `and` (`Department of Industry, Science and Resources`); otherwise the comma ends it
/// (`Department of Space, Dr S. Somnath`).
fn trim_name(span: &str) -> &str {
    let mut end = span.len();
    let mut at = 0;
    let mut previous = "";
    for word in span.split(' ') {
        let bare = word.trim_end_matches(',');
        // `Office of the President` and `Office of the Prime Minister` hold the title as
        // their own last word.
        if at > 0 && TITLE_WORDS.contains(&bare) && !TITLE_LEADS.contains(&previous) {
            end = at - 1;
            break;
        }
        previous = bare;
        at += word.len() + 1;
    }
    let mut span = &span[..end];
    if let Some(comma) = span.find(',') {
        if !span[span.rfind(',').unwrap_or(comma)..].contains(" and ") {
            span = &span[..comma];
        }
    }
    span.trim_end_matches([',', ' '])
}

/// Bytes of a leading `The ` to skip: the article is not part of a name.
fn leading_article(span: &str) -> usize {
    if span.starts_with("The ") {
        4
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_names() {
        let rows: &[(&str, &[&str])] = &[
            (
                "Egypt’s Ministry of International Cooperation said",
                &["Ministry of International Cooperation"],
            ),
            (
                "the Federal Ministry for Economic Affairs and Energy (BMWi)",
                &["Federal Ministry for Economic Affairs and Energy"],
            ),
            (
                "the Department of Industry, Science and Resources",
                &["Department of Industry, Science and Resources"],
            ),
            (
                "of the Office of the President (OP)",
                &["Office of the President"],
            ),
            ("the Rwanda Space Agency will", &["Rwanda Space Agency"]),
            (
                "Secretary, Department of Space, Dr S. Somnath",
                &["Department of Space"],
            ),
            (
                "the Department of National Defense Officer-in-Charge (OIC)",
                &["Department of National Defense"],
            ),
            ("the Minister of the Economy said", &[]),
            ("a national space agency", &[]),
        ];
        for (text, want) in rows {
            let got: Vec<String> = BodyRules::new()
                .find(text)
                .into_iter()
                .map(|m| m.id)
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
