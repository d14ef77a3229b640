//! orbitext turns plain-text space-news articles into structured records: the countries,
//! space agencies and other government bodies, government officials, dates and agreement
//! types each article mentions, with exact byte offsets and canonical keys.
//!
//! The library's one job is [`Extractor::extract`]: a document's text in, its [`Mention`]s out,
//! sorted and never overlapping. [`records`] turns them into the [`Record`]s every output
//! format writes. The binary adds reading folders, streams and JSON Lines, threads, and the
//! output formats around it.
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
//!
//! The modules follow the pipeline: `input` (documents from files, folders, stdin and JSON
//! Lines, decoded), `text` (word starts and the facts around a position), `matcher` (the trie
//! and the word matcher over it), `gazetteer` (dictionaries), `rules` (dates, agreements,
//! bodies, officials), `extract` (resolution), `record` and `output` (the formats), `pipeline`
//! (documents in parallel, in order) and `commands` (one file per subcommand). [`eval`] reads
//! gold annotations and scores mentions against them, as `orbitext eval` does.

mod cli;
mod commands;
mod entity;
pub mod eval;
pub mod events;
mod extract;
mod gazetteer;
mod input;
mod matcher;
mod output;
mod pipeline;
mod progress;
mod record;
mod rules;
mod summary;
mod text;

pub use cli::Cli;
pub use commands::{is_broken_pipe, message, run, Outcome};
pub use entity::{Kind, Mention, Text};
pub use extract::Extractor;
pub use gazetteer::{load as load_dictionaries, Entry, EntryType, Problem, Problems};
pub use input::decode;
pub use record::{contract_violation, records, Record};
pub use rules::dates::{DateOptions, DateOrder};
