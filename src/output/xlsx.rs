//! Excel workbooks: one worksheet whose cells `rust_xlsxwriter` writes, which owns the file
//! format. A row arrives as the JSON object [`super::render`] makes of it, so every row type
//! that serde writes as a flat object (records, summary rows, dictionary entries, events) is a
//! sheet row with no code of its own, and the records rendered on the workers reach the sheet
//! as they reach every other format: as bytes. A JSON string is a text cell, as it is: nothing
//! is read as a date or a number, so `2021-05-21`, `Sept. 30` and `1E5` stay text. A JSON
//! number is a number cell. The worksheet is in constant-memory mode: a row goes to a temporary
//! file as soon as the next one starts, so memory stays flat whatever the row count, and the
//! zip container is written at the end, when every row is known.

use std::fmt;
use std::io::{self, Write};

use rust_xlsxwriter::{Format as Style, Workbook, Worksheet, XlsxError};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// The most rows a worksheet holds in Excel (and LibreOffice), the header row included.
pub const MAX_ROWS: u32 = 1 << 20;

/// The widest column, in characters: a longer value is still whole in its cell, and shown
/// whole when the cell is selected.
const MAX_WIDTH: usize = 60;

/// One worksheet of rows under a header, written to its workbook at the end.
pub struct Sheet {
    workbook: Workbook,
    sheet: Worksheet,
    /// Rows written so far, the header's included: the next row's index.
    rows: u32,
    /// The most rows the sheet takes, the header's included.
    max_rows: u32,
    header: bool,
    /// Each column's width so far, in characters: the widest value written in it.
    widths: Vec<usize>,
}

impl Sheet {
    /// A sheet named `name` that starts with `header`, if given: bold, frozen so that it stays
    /// in view, with a filter button on each column.
    pub fn new(name: &str, header: Option<&[&str]>) -> io::Result<Sheet> {
        let mut workbook = Workbook::new();
        let mut sheet = workbook.new_worksheet_with_constant_memory();
        sheet.set_name(name).map_err(to_io)?;
        let mut widths = Vec::new();
        if let Some(fields) = header {
            let bold = Style::new().set_bold();
            for (col, field) in (0..).zip(fields) {
                sheet
                    .write_string_with_format(0, col, *field, &bold)
                    .map_err(to_io)?;
            }
            sheet.set_freeze_panes(1, 0).map_err(to_io)?;
            // Room for the filter button beside the name.
            widths = fields.iter().map(|f| f.chars().count() + 2).collect();
        }
        Ok(Sheet {
            workbook,
            sheet,
            rows: u32::from(header.is_some()),
            max_rows: MAX_ROWS,
            header: header.is_some(),
            widths,
        })
    }

    /// Give the sheet the name spreadsheets show on its tab.
    pub fn rename(&mut self, name: &str) -> io::Result<()> {
        self.sheet.set_name(name).map_err(to_io)?;
        Ok(())
    }

    /// Add the rows of a rendering: JSON objects, one a line, each value a cell in order.
    pub fn add_rendered(&mut self, rendered: &[u8]) -> io::Result<()> {
        for row in serde_json::Deserializer::from_slice(rendered).into_iter::<Row>() {
            self.add(row?.0)?;
        }
        Ok(())
    }

    /// Add one row, refusing one past the most a worksheet holds.
    fn add(&mut self, cells: Vec<Value>) -> io::Result<()> {
        if self.rows >= self.max_rows {
            return Err(io::Error::other(format!(
                "a worksheet holds at most {} rows (Excel's limit), the header's included: \
                 write csv or jsonl for output this large",
                self.max_rows
            )));
        }
        let row = self.rows;
        for (col, cell) in (0..).zip(cells) {
            let width = match cell {
                Value::String(s) => {
                    self.sheet.write_string(row, col, &s).map_err(to_io)?;
                    s.chars().count()
                }
                Value::Number(n) => {
                    match n.as_f64() {
                        Some(x) => self.sheet.write_number(row, col, x),
                        None => self.sheet.write_string(row, col, n.to_string()),
                    }
                    .map_err(to_io)?;
                    n.to_string().len()
                }
                Value::Bool(b) => {
                    self.sheet.write_boolean(row, col, b).map_err(to_io)?;
                    5
                }
                Value::Null => 0,
                nested @ (Value::Array(_) | Value::Object(_)) => {
                    let text = nested.to_string();
                    self.sheet.write_string(row, col, &text).map_err(to_io)?;
                    text.chars().count()
                }
            };
            let col = usize::from(col);
            if self.widths.len() <= col {
                self.widths.resize(col + 1, 0);
            }
            self.widths[col] = self.widths[col].max(width);
        }
        self.rows += 1;
        Ok(())
    }

    /// Write the workbook to `out`: the column widths, the header's filter over every row, and
    /// the zip container around them.
    pub fn save<W: Write + Send>(mut self, out: W) -> io::Result<()> {
        for (col, &width) in (0..).zip(&self.widths) {
            let width = width.clamp(4, MAX_WIDTH) + 1;
            self.sheet
                .set_column_width(col, width as f64)
                .map_err(to_io)?;
        }
        if self.header && !self.widths.is_empty() {
            let last_col = u16::try_from(self.widths.len() - 1).unwrap_or(u16::MAX);
            self.sheet
                .autofilter(0, 0, self.rows - 1, last_col)
                .map_err(to_io)?;
        }
        self.workbook.push_worksheet(self.sheet);
        self.workbook.save_to_writer(out).map_err(to_io)
    }
}

/// A row read back from its JSON object: the values in the object's order, keys dropped (the
/// header names the columns).
struct Row(Vec<Value>);

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Row, D::Error> {
        struct Cells;

        impl<'de> Visitor<'de> for Cells {
            type Value = Row;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a row as a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
                let mut cells = Vec::with_capacity(map.size_hint().unwrap_or(12));
                while let Some((IgnoredAny, value)) = map.next_entry::<IgnoredAny, Value>()? {
                    cells.push(value);
                }
                Ok(Row(cells))
            }
        }

        deserializer.deserialize_map(Cells)
    }
}

/// An I/O error as one of its kind (the zip container's keep theirs), so that a closed pipe is
/// still seen as one; any other error of the workbook as an I/O error with its message.
fn to_io(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(io) => io,
        XlsxError::ZipError(zip) => {
            // A write that failed under the zip container: its own message (which names the
            // output), not the container's "i/o error: …" before it again.
            let wrapped = io::Error::from(zip);
            let inner = wrapped
                .get_ref()
                .and_then(|e| e.source())
                .and_then(|s| s.downcast_ref::<io::Error>());
            match inner {
                Some(inner) => io::Error::new(inner.kind(), inner.to_string()),
                None => wrapped,
            }
        }
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_past_the_most_a_sheet_holds_is_refused() {
        assert_eq!(MAX_ROWS, 1_048_576, "Excel's limit");
        let mut sheet = Sheet::new("rows", Some(&["a", "b"])).unwrap();
        sheet.max_rows = 3;
        sheet
            .add_rendered(b"{\"a\":\"x\",\"b\":1}\n{\"a\":\"y\",\"b\":2}\n")
            .unwrap();
        let err = sheet.add_rendered(b"{\"a\":\"z\",\"b\":3}\n").unwrap_err();
        assert!(err.to_string().contains("at most 3 rows"), "{err}");
    }

    #[test]
    fn any_flat_serde_row_is_a_sheet_row_its_values_typed() {
        use calamine::{Data, Reader};

        /// A row of every kind of value serde may write for a field.
        #[derive(serde::Serialize)]
        struct Event<'a> {
            id: &'a str,
            share: f64,
            count: u64,
            confirmed: bool,
            signed: Option<&'a str>,
            parties: Vec<&'a str>,
        }
        let header = ["id", "share", "count", "confirmed", "signed", "parties"];
        let row = Event {
            id: "1E5",
            share: 0.25,
            count: 3,
            confirmed: true,
            signed: None,
            parties: vec!["NASA", "JAXA"],
        };
        let mut writer =
            super::super::Writer::new(super::super::Format::Xlsx, Some(&header), false, Vec::new())
                .unwrap()
                .named("events")
                .unwrap();
        writer.write(&row).unwrap();
        let bytes = writer.finish().unwrap();
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(io::Cursor::new(bytes)).unwrap();
        assert_eq!(workbook.sheet_names(), ["events"]);
        let range = workbook.worksheet_range("events").unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let text = |s: &str| Data::String(s.into());
        let want: Vec<Data> = header.iter().map(|h| text(h)).collect();
        assert_eq!(rows[0], &want[..]);
        let want = [
            text("1E5"),
            Data::Float(0.25),
            Data::Float(3.0),
            Data::Bool(true),
            Data::Empty,
            text(r#"["NASA","JAXA"]"#),
        ];
        assert_eq!(rows[1], &want[..]);
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn a_rendering_that_is_not_rows_is_an_error() {
        let mut sheet = Sheet::new("rows", None).unwrap();
        for bad in [&b"[1, 2]\n"[..], b"{\"a\":", b"\"text\"\n"] {
            assert!(sheet.add_rendered(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_closed_output_is_seen_as_one() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut sheet = Sheet::new("rows", Some(&["a"])).unwrap();
        sheet.add_rendered(b"{\"a\":\"x\"}\n").unwrap();
        let err = sheet.save(Closed).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe, "{err}");
    }
}
