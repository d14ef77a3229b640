//! The vocabulary of input: how documents are read ([`Options`]), the units of work they
//! become ([`Job`]) and the text a worker extracts from ([`Piece`]).

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::anyhow;
use encoding_rs::Encoding;

/// How documents are read.
#[derive(Clone, Debug)]
pub struct Options {
    /// Decode every document with this encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// A regular file of at most this many bytes is read whole; anything larger (and stdin) is
    /// streamed in pieces of about this many bytes of text.
    pub piece: usize,
    /// Read every source as JSON Lines with these field names, one document a line.
    pub jsonl: Option<Fields>,
}

/// How JSON Lines are read: the names of the fields that hold a document's id and text, and
/// the longest line taken as a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    pub id: String,
    pub text: String,
    /// A longer line is reported as an error and skipped: reading it would hold it whole.
    pub max_line: usize,
}

/// The longest JSON Lines line read by default: far more than any article, far less than
/// memory.
pub const MAX_LINE: usize = 64 << 20;

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            id: "id".into(),
            text: "text".into(),
            max_line: MAX_LINE,
        }
    }
}

/// One line of JSON Lines input, not yet parsed.
#[derive(Debug)]
pub struct Line {
    /// The file the line comes from, as messages name it (`-` for stdin).
    pub file: Arc<str>,
    /// Its 1-based line number.
    pub number: usize,
    pub bytes: Vec<u8>,
}

impl Line {
    /// How the line is named when it has no id, and in messages: `FILE:LINE`.
    pub(crate) fn place(&self) -> String {
        format!("{}:{}", self.file, self.number)
    }
}

/// Text to extract from: a whole document, or one piece of a large one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The document's name, as records carry it.
    pub doc: String,
    pub text: String,
    /// Byte offset of `text` in the document's text.
    pub offset: usize,
    /// How many lines of the document come before `text`.
    pub lines: usize,
    /// Warnings about the document found while reading this piece (say, its encoding).
    pub warnings: Vec<String>,
    /// The piece starts inside a word that the piece before it began: a mention at its start
    /// would be part of that word, not a word of its own.
    pub starts_in_word: bool,
    /// The piece ends inside a word that the next piece goes on with.
    pub ends_in_word: bool,
}

impl Piece {
    /// A whole document's text.
    pub fn whole(doc: String, text: String, warnings: Vec<String>) -> Piece {
        Piece {
            doc,
            text,
            offset: 0,
            lines: 0,
            warnings,
            starts_in_word: false,
            ends_in_word: false,
        }
    }

    /// Whether a mention from `start` to `end` in the piece is a word of the document: not
    /// the part of a longer word that a cut between pieces shows as a word of its own.
    pub fn holds_word(&self, start: usize, end: usize) -> bool {
        let cut_before = self.starts_in_word && start == 0;
        let cut_after = self.ends_in_word && end == self.text.len();
        !(cut_before || cut_after)
    }
}

/// One unit of work, in input order.
#[derive(Debug)]
pub enum Job {
    /// A regular file small enough to read whole, with its size; [`read_file`](super::files::read_file) reads it.
    File { path: PathBuf, len: u64 },
    /// Text ready to extract from.
    Piece(Piece),
    /// A line of JSON Lines input; [`parse`](super::jsonl::parse) turns it into a piece.
    Line(Line),
    /// A document left out on purpose (binary), with why.
    Skipped { doc: String, why: String },
    /// A document or path that could not be read.
    Failed { doc: String, error: anyhow::Error },
}

impl Job {
    /// About how many bytes of text the job holds once read.
    pub fn text_len(&self) -> usize {
        match self {
            Job::File { len, .. } => usize::try_from(*len).unwrap_or(usize::MAX),
            Job::Piece(p) => p.text.len(),
            Job::Line(l) => l.bytes.len(),
            Job::Skipped { .. } | Job::Failed { .. } => 0,
        }
    }
}

/// The next job of a reader that yields jobs until its input ends or fails: the end, and a
/// failure after one failed job named by `doc`, leave `done` set. What was read before a
/// failure stays read; the rest of the input is lost.
pub fn end_on_failure(
    done: &mut bool,
    next: io::Result<Option<Job>>,
    doc: impl FnOnce() -> String,
) -> Option<Job> {
    match next {
        Ok(Some(job)) => Some(job),
        Ok(None) => {
            *done = true;
            None
        }
        Err(e) => {
            *done = true;
            Some(Job::Failed {
                doc: doc(),
                error: anyhow!("{e}"),
            })
        }
    }
}
