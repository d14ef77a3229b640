//! Writers for the output formats: one small writer per format over any `io::Write`, each
//! writing records as they come so output streams whatever the number of documents.

use std::io::{self, Write};

use clap::ValueEnum;

use serde::Serialize;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row: for spreadsheets.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// JSON Lines: one JSON object per record, for pipelines.
    Jsonl,
    /// One JSON array of all records.
    Json,
}

/// A writer for one format.
pub enum Writer<W: Write> {
    Delimited(Box<csv::Writer<W>>),
    JsonLines(W),
    JsonArray { out: W, first: bool },
}

impl<W: Write> Writer<W> {
    /// A writer for `format`; `header` is the header row of CSV and TSV, if wanted.
    pub fn new(format: Format, header: Option<&[&str]>, out: W) -> io::Result<Writer<W>> {
        Ok(match format {
            Format::Csv | Format::Tsv => {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
                    .has_headers(false)
                    .from_writer(out);
                if let Some(fields) = header {
                    w.write_record(fields).map_err(csv_to_io)?;
                }
                Writer::Delimited(Box::new(w))
            }
            Format::Jsonl => Writer::JsonLines(out),
            Format::Json => {
                let mut out = out;
                out.write_all(b"[")?;
                Writer::JsonArray { out, first: true }
            }
        })
    }

    /// Write one row: a struct whose fields are the columns, in header order.
    pub fn write<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        match self {
            Writer::Delimited(w) => w.serialize(record).map_err(csv_to_io),
            Writer::JsonLines(out) => {
                serde_json::to_writer(&mut *out, record)?;
                out.write_all(b"\n")
            }
            Writer::JsonArray { out, first } => {
                out.write_all(if *first { b"\n" } else { b",\n" })?;
                *first = false;
                serde_json::to_writer(&mut *out, record)?;
                Ok(())
            }
        }
    }

    /// Push what is buffered to the output, so that a message on stderr comes after the
    /// records written before it.
    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Writer::Delimited(w) => w.flush(),
            Writer::JsonLines(out) | Writer::JsonArray { out, .. } => out.flush(),
        }
    }

    /// Close the JSON array and flush.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Writer::Delimited(mut w) => w.flush(),
            Writer::JsonLines(mut out) => out.flush(),
            Writer::JsonArray { mut out, first } => {
                out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
                out.flush()
            }
        }
    }
}

/// The I/O error inside a CSV error, so that a closed pipe is still seen as one.
fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}
