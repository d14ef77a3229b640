//! Government bodies named by pattern rather than by dictionary: `Ministry of …`,
//! `Department of …`, `Office of the …`, `… Space Agency`. No list of ministries is complete,
//! but their names follow a few shapes; a body found this way is keyed by its own name.

use regex::Regex;

use crate::entity::{Kind, Mention};

/// Capitalised words joined by the small words that occur inside body names.
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
                    r"\b(?:(?:Federal|Union|State|National|Royal)\s+)?(?:Ministry|Department|Office|Secretariat|Directorate)\s+(?:of|for)\s+(?:the\s+)?{NAME}"
                )),
                re(r"\b(?:[A-Z][\p{L}-]+\s+){1,3}(?:Space|Aerospace)\s+(?:Agency|Administration|Authority|Office|Commission)\b".into()),
            ],
        }
    }

    /// Every body named by a rule in `text`.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut found = Vec::new();
        for re in &self.rules {
            for m in re.find_iter(text) {
                // A list such as `Ministry of Science, Technology` may end on a comma's word;
                // a trailing `and`-less comma list is kept, a dangling comma is not.
                let span = m.as_str().trim_end_matches([',', ' ']);
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
