//! CSV and TSV: rows written by a `csv::Writer`, which owns the quoting rules (a field is
//! quoted when it holds the delimiter, a quote or a line break, and its quotes are doubled).

use std::io::{self, Write};

use serde::Serialize;

/// A `csv::Writer` over `out` separating fields by `delimiter`; it writes no header row of its
/// own, as the header is written once per run and rows are rendered in many pieces.
pub fn writer<W: Write>(delimiter: u8, out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_writer(out)
}

/// `rows` appended to `out`, one line each, every field of a row in its struct's order.
pub fn render<T: Serialize>(delimiter: u8, rows: &[T], out: &mut Vec<u8>) -> io::Result<()> {
    let mut w = writer(delimiter, out);
    for row in rows {
        w.serialize(row).map_err(to_io)?;
    }
    w.flush()
}

/// The I/O error inside a CSV error, so that a closed pipe is still seen as one.
pub fn to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}
