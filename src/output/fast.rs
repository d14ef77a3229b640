//! Records rendered straight to bytes: the bytes [`super::render`] gives for [`Record`]s, in
//! every format, without the generic serde path's work per field. Records are nearly all the
//! bytes a run writes, so this is the path the pipeline takes for them; every other row goes
//! through [`super::render`]. The crates keep the formats' rules: `csv_core` decides which
//! field to quote and quotes it, `serde_json` writes every JSON string. This module writes only
//! the punctuation, the keys and the numbers, and the differential tests hold it to
//! [`super::render`].

use std::io;

use super::{delimiter, Format, ROW_BYTES};
use crate::record::Record;

/// `rows` rendered in `format`: byte for byte what [`super::render`] gives for them.
pub fn render(format: Format, rows: &[Record<'_>]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(rows.len() * (first_doc(rows).len() + ROW_BYTES));
    match format {
        Format::Csv | Format::Tsv => delimited(delimiter(format), rows, &mut out),
        Format::Jsonl | Format::Xlsx => json(rows, true, &mut out)?,
        Format::Json => json(rows, false, &mut out)?,
    }
    Ok(out)
}

/// The document of the first record: the records of a rendering share one document (or a
/// few, for JSON Lines input), whose name is rendered once for all the records that share it.
fn first_doc<'a>(rows: &[Record<'a>]) -> &'a str {
    rows.first().map_or("", |r| r.doc)
}

/// Whether two documents' names are the same: nearly always one string shared by the records
/// of a document, told at once by its address.
#[inline]
fn same(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// CSV or TSV records, one line each, fields quoted as `csv::Writer` quotes them.
fn delimited(delimiter: u8, rows: &[Record<'_>], out: &mut Vec<u8>) {
    let core = csv_core::WriterBuilder::new().delimiter(delimiter).build();
    let field = |out: &mut Vec<u8>, s: &str| csv_field(&core, out, s.as_bytes());
    let mut number = itoa::Buffer::new();
    let (first, mut doc) = (first_doc(rows), Vec::new());
    field(&mut doc, first);
    for r in rows {
        if same(r.doc, first) {
            out.extend_from_slice(&doc);
        } else {
            field(out, r.doc);
        }
        out.push(delimiter);
        out.extend_from_slice(r.kind.as_str().as_bytes());
        for n in [r.start, r.end, r.line] {
            out.push(delimiter);
            out.extend_from_slice(number.format(n).as_bytes());
        }
        for s in [r.text, r.id, r.name, r.value, r.role, r.org] {
            out.push(delimiter);
            field(out, s);
        }
        if let Some(context) = &r.context {
            out.push(delimiter);
            field(out, context);
        }
        out.push(b'\n');
    }
}

/// One CSV or TSV field: as it is, or quoted when `core` says it must be (it holds the
/// delimiter, a quote or a line break), its quotes doubled by `csv_core`.
fn csv_field(core: &csv_core::Writer, out: &mut Vec<u8>, field: &[u8]) {
    if !core.should_quote(field) {
        out.extend_from_slice(field);
        return;
    }
    out.push(core.get_quote());
    // Room for the worst case, every byte a quote to double.
    let at = out.len();
    out.resize(at + 2 * field.len(), 0);
    let (_, read, written) = csv_core::quote(
        field,
        &mut out[at..],
        core.get_quote(),
        core.get_escape(),
        core.get_double_quote(),
    );
    debug_assert_eq!(read, field.len());
    out.truncate(at + written);
    out.push(core.get_quote());
}

/// JSON objects, keys in the order of [`Record`]'s fields: each followed by a line break
/// (JSON Lines), or separated by a comma and a line break (the rows of a JSON array).
fn json(rows: &[Record<'_>], lines: bool, out: &mut Vec<u8>) -> io::Result<()> {
    let mut number = itoa::Buffer::new();
    let (first, mut doc) = (first_doc(rows), Vec::new());
    serde_json::to_writer(&mut doc, first)?;
    for (i, r) in rows.iter().enumerate() {
        if i > 0 && !lines {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"{\"doc\":");
        if same(r.doc, first) {
            out.extend_from_slice(&doc);
        } else {
            serde_json::to_writer(&mut *out, r.doc)?;
        }
        out.extend_from_slice(b",\"type\":");
        serde_json::to_writer(&mut *out, &r.kind)?;
        let numbers: [(&[u8], usize); 3] = [
            (b",\"start\":", r.start),
            (b",\"end\":", r.end),
            (b",\"line\":", r.line),
        ];
        for (key, n) in numbers {
            out.extend_from_slice(key);
            out.extend_from_slice(number.format(n).as_bytes());
        }
        let strings: [(&[u8], &str); 6] = [
            (b",\"text\":", r.text),
            (b",\"id\":", r.id),
            (b",\"name\":", r.name),
            (b",\"value\":", r.value),
            (b",\"role\":", r.role),
            (b",\"org\":", r.org),
        ];
        for (key, s) in strings {
            out.extend_from_slice(key);
            serde_json::to_writer(&mut *out, s)?;
        }
        if let Some(context) = &r.context {
            out.extend_from_slice(b",\"context\":");
            serde_json::to_writer(&mut *out, context)?;
        }
        out.push(b'}');
        if lines {
            out.push(b'\n');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Kind;

    proptest::proptest! {
        /// A field is quoted exactly when `csv_core` would quote it, and reads back as itself.
        #[test]
        fn csv_fields_are_quoted_as_csv_core_quotes_them(
            field in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => proptest::prelude::any::<u8>(),
                    1 => proptest::sample::select(b",\t\"\r\n".to_vec()),
                ],
                0..24,
            ),
            tsv: bool,
        ) {
            let delimiter = if tsv { b'\t' } else { b',' };
            let core = csv_core::WriterBuilder::new().delimiter(delimiter).build();
            let mut out = Vec::new();
            csv_field(&core, &mut out, &field);
            let quoted = out.first() == Some(&b'"') && out != field;
            proptest::prop_assert_eq!(quoted, core.should_quote(&field));
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .from_reader(&out[..]);
            let read = reader.byte_records().next().transpose().expect("one record");
            let read = read.map(|r| r.as_slice().to_vec()).unwrap_or_default();
            proptest::prop_assert_eq!(read, field);
        }
    }

    proptest::proptest! {
        /// Records of one or more documents, with fields shared or not, awkward or plain,
        /// render as serde writes them.
        #[test]
        fn records_of_several_documents_render_as_serde_writes_them(
            picks in proptest::collection::vec(
                (0..5usize, 0..3usize, proptest::array::uniform6(0..8usize)),
                0..120,
            ),
            context: bool,
        ) {
            // The same bytes at two addresses, a prefix of one of them, the empty string,
            // and fields that need quoting or escaping.
            let owned = String::from("NASA");
            let pool: [&str; 8] = [
                "NASA",
                &owned,
                &owned[..2],
                "",
                "Ministry of Defence, \"MoD\"",
                "2021-05",
                "line\nbreak\ttab\r",
                "é € \\ \u{1}",
            ];
            let docs = ["a.txt", "b, \"c\".txt", "a.txt"];
            let rows: Vec<Record> = picks
                .iter()
                .enumerate()
                .map(|(i, &(kind, doc, [text, id, name, value, role, org]))| Record {
                    doc: docs[doc],
                    kind: Kind::ALL[kind],
                    start: i,
                    end: i * 997 + 4,
                    line: 1 + i / 3,
                    text: pool[text],
                    id: pool[id],
                    name: pool[name],
                    value: pool[value],
                    role: pool[role],
                    org: pool[org],
                    context: context.then(|| pool[org].to_string()),
                })
                .collect();
            for format in [Format::Csv, Format::Tsv, Format::Jsonl, Format::Json, Format::Xlsx] {
                let fast = render(format, &rows).expect("rendered");
                let serde = super::super::render(format, &rows).expect("rendered");
                proptest::prop_assert_eq!(
                    String::from_utf8_lossy(&fast),
                    String::from_utf8_lossy(&serde),
                    "{:?}",
                    format
                );
            }
        }
    }

    #[test]
    fn records_render_as_serde_writes_them() {
        // Fields that need quoting or escaping in some format, and one larger than the CSV
        // writer's buffer.
        let long = "a, \"b\"\n".repeat(3000);
        let awkward = [
            "plain",
            "",
            "comma, inside",
            "a \"quote\"",
            "tab\there",
            "line\nbreak",
            "cr\rhere",
            "back\\slash \u{1} \u{7f}",
            "only a back\\slash",
            "é € 🚀 \u{2028}",
            " spaces ",
            &long,
        ];
        // The records of one rendering: from one document, or (JSON Lines input pieces) from
        // several; with context on all or on none; offsets small and as large as they come.
        let rows = |context: bool, docs: &[&'static str]| -> Vec<Record> {
            let rows = awkward.iter().enumerate().map(|(i, field)| Record {
                doc: docs[i % docs.len()],
                kind: Kind::ALL[i % Kind::ALL.len()],
                start: i,
                end: i * 1000 + 7,
                line: usize::MAX - i,
                text: field,
                id: field,
                name: "name",
                value: field,
                role: "",
                org: field,
                context: context.then(|| format!("…{field}…")),
            });
            rows.collect()
        };
        let docs: &[&[&str]] = &[&["plain.txt"], &["a, \"b\".txt"], &["-", "x\ty.txt"]];
        for format in [
            Format::Csv,
            Format::Tsv,
            Format::Jsonl,
            Format::Json,
            Format::Xlsx,
        ] {
            for (context, docs) in [false, true]
                .into_iter()
                .flat_map(|c| docs.iter().map(move |d| (c, d)))
            {
                let rows = rows(context, docs);
                for some in rows.chunks(1).chain([&rows[..], &[]]) {
                    let fast = render(format, some).expect("rendered");
                    let serde = super::super::render(format, some).expect("rendered");
                    assert_eq!(
                        String::from_utf8_lossy(&fast),
                        String::from_utf8_lossy(&serde),
                        "{format:?}, context {context}, docs {docs:?}"
                    );
                }
            }
        }
    }
}
