//! The output formats: rows rendered to bytes in any of them ([`render`]), and one writer that
//! puts rendered rows on the output with the header, separators and closing each format
//! needs. Each format is defined by its crate: CSV and TSV are written by `csv`
//! ([`delimited`]), JSON and JSON Lines by `serde_json` ([`json`]), Excel workbooks by
//! `rust_xlsxwriter` ([`xlsx`], from rows rendered as JSON Lines); records, the bulk of every
//! run's output, take the [`fast`] path, held byte for byte to [`render`]. Rendering is apart
//! from writing so that worker threads can render their own documents, leaving the thread
//! that keeps the output in order only bytes to write. Where the output goes, stdout or a file
//! replaced only at the end, is [`destination`]'s.

mod delimited;
pub mod destination;
pub mod fast;
mod json;
mod xlsx;

use std::borrow::Cow;
use std::io::{self, IoSlice, Write};

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
    /// An Excel workbook of one sheet, at most 1,048,576 rows: text stays text, numbers are
    /// numbers, the header is bold and frozen with a filter; not for a terminal (use -o FILE).
    Xlsx,
}

pub use destination::Destination;

/// Bytes to reserve per row: about what a record takes in JSON besides its document's name,
/// so that a rendering seldom grows and copies what it holds.
const ROW_BYTES: usize = 192;

/// The field separator of CSV and TSV.
fn delimiter(format: Format) -> u8 {
    if format == Format::Tsv {
        b'\t'
    } else {
        b','
    }
}

/// `rows` rendered in `format`, ready for [`Writer::write_rendered`]; JSON array rows are
/// joined by commas, the writer adds the brackets and the commas between renderings.
pub fn render<T: Serialize>(format: Format, rows: &[T]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(rows.len() * ROW_BYTES);
    match format {
        Format::Csv | Format::Tsv => delimited::render(delimiter(format), rows, &mut out)?,
        // A sheet takes its rows as JSON objects, which keep numbers apart from text.
        Format::Jsonl | Format::Xlsx => json::render(rows, true, &mut out)?,
        Format::Json => json::render(rows, false, &mut out)?,
    }
    Ok(out)
}

/// Puts rendered rows on the output, in order.
pub struct Writer<W: Write> {
    format: Format,
    out: W,
    /// No row written yet: a JSON array needs no comma before the next one.
    first: bool,
    /// Renderings handed over whole and not yet written, with the separators between them:
    /// written together by one vectored write, straight from where they were rendered.
    pending: Vec<Cow<'static, [u8]>>,
    pending_len: usize,
    /// The worksheet of xlsx output, which takes every row and is written out at the end.
    sheet: Option<Box<xlsx::Sheet>>,
}

/// Bytes of renderings gathered before a vectored write: a few hundred writes for the hundred
/// megabytes of records a large run makes, not one per document, and more than a `BufWriter`
/// holds, so that it passes them by rather than copying them. Each batch's records are
/// flushed when it is done, so a slow input still sees its output promptly.
const PENDING: usize = 256 << 10;

impl<W: Write> Writer<W> {
    /// A writer for `format`; `header` is the header row of CSV, TSV and xlsx, if wanted, and
    /// `bom` asks for a UTF-8 byte-order mark first (for Excel reading CSV; never wanted before
    /// JSON or in a workbook).
    pub fn new(
        format: Format,
        header: Option<&[&str]>,
        bom: bool,
        mut out: W,
    ) -> io::Result<Writer<W>> {
        let sheet = match format {
            Format::Xlsx => Some(Box::new(xlsx::Sheet::new("Sheet1", header)?)),
            _ => None,
        };
        if bom && sheet.is_none() {
            out.write_all("\u{feff}".as_bytes())?;
        }
        match (format, header) {
            (Format::Csv | Format::Tsv, Some(fields)) => {
                let mut w = delimited::writer(delimiter(format), &mut out);
                w.write_record(fields).map_err(delimited::to_io)?;
                w.flush()?;
            }
            (Format::Json, _) => out.write_all(b"[")?,
            _ => {}
        }
        Ok(Writer {
            format,
            out,
            first: true,
            pending: Vec::new(),
            pending_len: 0,
            sheet,
        })
    }

    /// Name the worksheet of xlsx output after what its rows are (`mentions`); other formats
    /// have no name to give.
    pub fn named(mut self, name: &str) -> io::Result<Writer<W>> {
        if let Some(sheet) = &mut self.sheet {
            sheet.rename(name)?;
        }
        Ok(self)
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Write rows made by [`render`] with this writer's format.
    pub fn write_rendered(&mut self, rendered: &[u8]) -> io::Result<()> {
        if let Some(sheet) = &mut self.sheet {
            return sheet.add_rendered(rendered);
        }
        if rendered.is_empty() {
            return Ok(());
        }
        self.write_pending()?;
        let separator = self.separator();
        self.out.write_all(separator)?;
        self.out.write_all(rendered)
    }

    /// [`write_rendered`](Self::write_rendered) for rows handed over whole: they are kept
    /// until enough have gathered to be written together, without a copy.
    pub fn take_rendered(&mut self, rendered: Vec<u8>) -> io::Result<()> {
        if let Some(sheet) = &mut self.sheet {
            return sheet.add_rendered(&rendered);
        }
        if rendered.is_empty() {
            return Ok(());
        }
        let separator = self.separator();
        if !separator.is_empty() {
            self.pending.push(Cow::Borrowed(separator));
        }
        self.pending_len += rendered.len();
        self.pending.push(Cow::Owned(rendered));
        if self.pending_len >= PENDING {
            self.write_pending()?;
        }
        Ok(())
    }

    /// What goes before the next rendering: a comma between the rows of a JSON array.
    fn separator(&mut self) -> &'static [u8] {
        let first = std::mem::replace(&mut self.first, false);
        match self.format {
            Format::Json if first => b"\n",
            Format::Json => b",\n",
            _ => b"",
        }
    }

    /// Write the renderings kept by [`take_rendered`](Self::take_rendered), all at once.
    fn write_pending(&mut self) -> io::Result<()> {
        let mut slices: Vec<IoSlice> = self.pending.iter().map(|p| IoSlice::new(p)).collect();
        let mut left = &mut slices[..];
        while !left.is_empty() {
            match self.out.write_vectored(left) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => IoSlice::advance_slices(&mut left, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.pending.clear();
        self.pending_len = 0;
        Ok(())
    }

    /// Write one row: a struct whose fields are the columns, in header order.
    pub fn write<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        self.write_rendered(&render(self.format, std::slice::from_ref(row))?)
    }

    /// Push what is buffered to the output, so that a message on stderr comes after the
    /// records written before it.
    pub fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.out.flush()
    }

    /// Close the JSON array, or write the workbook, and flush; the output is handed back, for
    /// a file to be put in place.
    pub fn finish(mut self) -> io::Result<W>
    where
        W: Send,
    {
        self.write_pending()?;
        if let Some(sheet) = self.sheet.take() {
            sheet.save(&mut self.out)?;
        } else if self.format == Format::Json {
            self.out
                .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes at most a few bytes per call, as a pipe may, and one slice at a time.
    struct Trickle(Vec<u8>);

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(3);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn records_come_out_as_each_format_writes_them() {
        use crate::entity::Kind;
        use crate::record::{header, Record};
        let record = |doc, text| Record {
            doc,
            kind: Kind::Agency,
            start: 7,
            end: 11,
            line: 2,
            text,
            id: "NASA",
            name: "National Aeronautics and Space Administration",
            value: "",
            role: "",
            org: "US",
            context: None,
        };
        let rows = [
            record("a.txt", "NASA"),
            record("b, \"c\".txt", "N\tA\n\"S\"A"),
        ];
        let name = "National Aeronautics and Space Administration";
        // (format, the whole output with a header where the format has one)
        let table = [
            (
                Format::Csv,
                format!(
                    "doc,type,start,end,line,text,id,name,value,role,org\n\
                     a.txt,agency,7,11,2,NASA,NASA,{name},,,US\n\
                     \"b, \"\"c\"\".txt\",agency,7,11,2,\"N\tA\n\"\"S\"\"A\",NASA,{name},,,US\n"
                ),
            ),
            (
                Format::Tsv,
                format!(
                    "doc\ttype\tstart\tend\tline\ttext\tid\tname\tvalue\trole\torg\n\
                     a.txt\tagency\t7\t11\t2\tNASA\tNASA\t{name}\t\t\tUS\n\
                     \"b, \"\"c\"\".txt\"\tagency\t7\t11\t2\t\"N\tA\n\"\"S\"\"A\"\tNASA\t{name}\t\t\tUS\n"
                ),
            ),
            (
                Format::Jsonl,
                format!(
                    "{{\"doc\":\"a.txt\",\"type\":\"agency\",\"start\":7,\"end\":11,\"line\":2,\
                     \"text\":\"NASA\",\"id\":\"NASA\",\"name\":\"{name}\",\"value\":\"\",\
                     \"role\":\"\",\"org\":\"US\"}}\n\
                     {{\"doc\":\"b, \\\"c\\\".txt\",\"type\":\"agency\",\"start\":7,\"end\":11,\
                     \"line\":2,\"text\":\"N\\tA\\n\\\"S\\\"A\",\"id\":\"NASA\",\"name\":\"{name}\",\
                     \"value\":\"\",\"role\":\"\",\"org\":\"US\"}}\n"
                ),
            ),
        ];
        for (format, want) in table {
            let mut out = Vec::new();
            let mut writer = Writer::new(format, Some(header(false)), false, &mut out).unwrap();
            writer
                .take_rendered(render(format, &rows[..1]).unwrap())
                .unwrap();
            writer
                .write_rendered(&render(format, &rows[1..]).unwrap())
                .unwrap();
            writer.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{format:?}");
        }
        // A JSON array: the JSON Lines objects, comma-separated, between brackets.
        let mut out = Vec::new();
        let mut writer = Writer::new(Format::Json, Some(header(false)), false, &mut out).unwrap();
        writer
            .take_rendered(render(Format::Json, &rows).unwrap())
            .unwrap();
        writer.write(&rows[0]).unwrap();
        writer.finish().unwrap();
        let lines = String::from_utf8(render(Format::Jsonl, &rows).unwrap()).unwrap();
        let lines: Vec<&str> = lines.lines().collect();
        let want = format!("[\n{},\n{},\n{}\n]\n", lines[0], lines[1], lines[0]);
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn renderings_taken_whole_come_out_in_order() {
        // A rendering larger than what is gathered before a write, and small ones.
        let big = "x".repeat(PENDING + 5) + "\n";
        let parts = ["a\n", "", "bb\n", &big, "c\n", "", "d\n"];
        for format in [Format::Csv, Format::Jsonl, Format::Json] {
            let (mut got, mut want) = (Trickle(Vec::new()), Vec::new());
            let mut writer = Writer::new(format, None, false, &mut got).unwrap();
            let mut plain = Writer::new(format, None, false, &mut want).unwrap();
            for (i, part) in parts.iter().enumerate() {
                // Borrowed and owned renderings mixed, as `write` and the workers make them.
                if i % 3 == 1 {
                    writer.write_rendered(part.as_bytes()).unwrap();
                } else {
                    writer.take_rendered(part.as_bytes().to_vec()).unwrap();
                }
                plain.write_rendered(part.as_bytes()).unwrap();
                // A flush, as before a warning, puts out everything taken so far.
                if i == 2 {
                    writer.flush().unwrap();
                    assert_eq!(writer.out.0, *plain.out, "{format:?} after a flush");
                }
            }
            writer.finish().unwrap();
            plain.finish().unwrap();
            assert_eq!(got.0, want, "{format:?}");
        }
    }
}
