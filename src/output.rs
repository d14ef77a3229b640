//! The output formats: rendering rows to bytes in any of them, and one writer that puts
//! rendered rows on the output with the header, separators and closing each format needs.
//! Rendering is separate so that worker threads can do it for their own documents, leaving
//! the thread that keeps the output in order only bytes to copy.

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

/// `rows` rendered in `format`, ready for [`Writer::write_rendered`]; JSON array rows are
/// joined by commas, the writer adds the brackets and the commas between renderings.
pub fn render<T: Serialize>(format: Format, rows: &[T]) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(rows.len() * 192);
    match format {
        Format::Csv | Format::Tsv => {
            let mut w = delimited(format, &mut buf);
            for row in rows {
                w.serialize(row).map_err(csv_to_io)?;
            }
            w.flush()?;
        }
        Format::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut buf, row)?;
                buf.push(b'\n');
            }
        }
        Format::Json => {
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    buf.extend_from_slice(b",\n");
                }
                serde_json::to_writer(&mut buf, row)?;
            }
        }
    }
    Ok(buf)
}

fn delimited<W: Write>(format: Format, out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
        .has_headers(false)
        .from_writer(out)
}

/// Puts rendered rows on the output, in order.
pub struct Writer<W: Write> {
    format: Format,
    out: W,
    /// No row written yet: a JSON array needs no comma before the next one.
    first: bool,
}

impl<W: Write> Writer<W> {
    /// A writer for `format`; `header` is the header row of CSV and TSV, if wanted, and `bom`
    /// asks for a UTF-8 byte-order mark first (for Excel; never wanted before JSON).
    pub fn new(
        format: Format,
        header: Option<&[&str]>,
        bom: bool,
        mut out: W,
    ) -> io::Result<Writer<W>> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        match (format, header) {
            (Format::Csv | Format::Tsv, Some(fields)) => {
                let mut w = delimited(format, &mut out);
                w.write_record(fields).map_err(csv_to_io)?;
                w.flush()?;
            }
            (Format::Json, _) => out.write_all(b"[")?,
            _ => {}
        }
        Ok(Writer {
            format,
            out,
            first: true,
        })
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Write rows made by [`render`] with this writer's format.
    pub fn write_rendered(&mut self, rendered: &[u8]) -> io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        if self.format == Format::Json {
            self.out
                .write_all(if self.first { b"\n" } else { b",\n" })?;
        }
        self.first = false;
        self.out.write_all(rendered)
    }

    /// Write one row: a struct whose fields are the columns, in header order.
    pub fn write<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        self.write_rendered(&render(self.format, std::slice::from_ref(row))?)
    }

    /// Push what is buffered to the output, so that a message on stderr comes after the
    /// records written before it.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Close the JSON array and flush.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

/// The I/O error inside a CSV error, so that a closed pipe is still seen as one.
fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}
