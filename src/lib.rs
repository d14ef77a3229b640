//! orbitext turns plain-text space-news articles into structured records: the countries,
//! space agencies and other government bodies, government officials, dates and agreement
//! types each article mentions, with exact byte offsets and canonical keys.
//!
//! The pipeline is readable from the modules: [`input`] finds and reads documents (and
//! [`jsonl_input`] the documents of JSON Lines), [`gazetteer`] matches the dictionaries,
//! [`rules`] finds dates, agreements, bodies and officials by pattern, [`extract`] arbitrates
//! between them, [`record`] and [`output`] write the results.
//!
//! ```
//! let extractor = orbitext::Extractor::from_dictionaries(true, &[]).unwrap();
//! let text = "NASA and the UK signed an MoU on May 21, 2021.";
//! let mentions = extractor.extract(text);
//! let found: Vec<(&str, &str)> = mentions
//!     .iter()
//!     .map(|m| (&text[m.start..m.end], &*m.id))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [("NASA", "NASA"), ("UK", "GB"), ("MoU", "mou"), ("May 21, 2021", "2021-05-21")]
//! );
//! ```

pub mod app;
pub mod cli;
pub mod entity;
pub mod extract;
pub mod gazetteer;
pub mod input;
pub mod jsonl_input;
pub mod output;
pub mod progress;
pub mod record;
pub mod rules;
pub mod summary;
pub mod swar;
pub mod tokenize;
pub mod trie;

pub use entity::{Kind, Mention};
pub use extract::Extractor;
