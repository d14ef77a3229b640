//! Records rendered field by field: the bytes [`super::render`] gives for records, written
//! without the generic serde path. Quoting stays with `csv_core`, and escaping with
//! `serde_json` for the strings that need any; the differential tests hold this to serde.

use std::io;

use super::{delimiter, Format};
use crate::entity::Kind;
use crate::record::Record;
use crate::text::scan::{any_byte, below, equal};

/// Records rendered in `format`: the bytes [`render`] gives, written field by field. Writing
/// records is a quarter of a run on dense news, and most of that was the generic path's cost
/// per field; the document's name, repeated in every record, is escaped once. Quoting stays
/// with `csv_core`, and escaping with `serde_json` for the strings that need any.
pub fn render_records(format: Format, rows: &[Record<'_>]) -> io::Result<Vec<u8>> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut number = itoa::Buffer::new();
    let mut tails = Tails::new(rows);
    let mut head = Head::new();
    match format {
        Format::Csv | Format::Tsv => {
            let delimiter = delimiter(format);
            let core = csv_core::WriterBuilder::new().delimiter(delimiter).build();
            let mut doc = Vec::new();
            csv_field(&core, &mut doc, first.doc.as_bytes());
            out.reserve(rows.len() * (doc.len() + ROOM_CSV));
            for (i, r) in rows.iter().enumerate() {
                // The records of a document borrow one name: comparing where it lies spares
                // comparing its bytes.
                if std::ptr::eq(r.doc, first.doc) || r.doc == first.doc {
                    out.extend_from_slice(&doc);
                } else {
                    csv_field(&core, &mut out, r.doc.as_bytes());
                }
                head.clear();
                head.push(&[delimiter]);
                head.kind(r.kind);
                for n in [r.start, r.end, r.line] {
                    head.push(&[delimiter]);
                    head.number(n, &mut number);
                }
                head.push(&[delimiter]);
                out.extend_from_slice(head.as_bytes());
                csv_field(&core, &mut out, r.text.as_bytes());
                tails.write(&mut out, i, |out| {
                    for field in [r.id, r.name, r.value, r.role, r.org] {
                        out.push(delimiter);
                        csv_field(&core, out, field.as_bytes());
                    }
                    Ok(())
                })?;
                if let Some(context) = &r.context {
                    out.push(delimiter);
                    csv_field(&core, &mut out, context.as_bytes());
                }
                out.push(b'\n');
            }
        }
        Format::Jsonl | Format::Json => {
            let mut doc = Vec::new();
            serde_json::to_writer(&mut doc, first.doc)?;
            out.reserve(rows.len() * (doc.len() + ROOM_JSON));
            for (i, r) in rows.iter().enumerate() {
                if i > 0 && format == Format::Json {
                    out.extend_from_slice(b",\n");
                }
                out.extend_from_slice(b"{\"doc\":");
                if std::ptr::eq(r.doc, first.doc) || r.doc == first.doc {
                    out.extend_from_slice(&doc);
                } else {
                    serde_json::to_writer(&mut out, r.doc)?;
                }
                head.clear();
                head.push(b",\"type\":\"");
                head.kind(r.kind);
                head.push(b"\",\"start\":");
                head.number(r.start, &mut number);
                head.push(b",\"end\":");
                head.number(r.end, &mut number);
                head.push(b",\"line\":");
                head.number(r.line, &mut number);
                head.push(b",\"text\":");
                out.extend_from_slice(head.as_bytes());
                json_string(&mut out, r.text)?;
                tails.write(&mut out, i, |out| {
                    let fields: [(&[u8], &str); 5] = [
                        (b",\"id\":", r.id),
                        (b",\"name\":", r.name),
                        (b",\"value\":", r.value),
                        (b",\"role\":", r.role),
                        (b",\"org\":", r.org),
                    ];
                    for (key, text) in fields {
                        out.extend_from_slice(key);
                        json_string(out, text)?;
                    }
                    Ok(())
                })?;
                if let Some(context) = &r.context {
                    out.extend_from_slice(b",\"context\":");
                    json_string(&mut out, context)?;
                }
                out.push(b'}');
                if format == Format::Jsonl {
                    out.push(b'\n');
                }
            }
        }
    }
    Ok(out)
}

/// Bytes a CSV or TSV record takes besides its document's name, with room to spare: a
/// rendering is sized once for all its records, as growing it copied what was rendered so far
/// (a fiftieth of a run writing JSON Lines).
const ROOM_CSV: usize = 128;
/// [`ROOM_CSV`] for JSON, whose keys alone are a hundred bytes a record.
const ROOM_JSON: usize = 192;

/// The middle of a record, from its type to where its text begins: the type and the numbers
/// with the punctuation between them, gathered in a buffer on the stack and copied out at
/// once. Written one by one, they were copies of a few bytes whose length changed from record
/// to record, and those copies and the numbers' digit counts were among the branches a run
/// mispredicted most.
struct Head {
    bytes: [u8; 128],
    len: usize,
}

/// Each type's name in sixteen bytes, so that it is copied whole whatever its length.
const KIND_NAMES: [[u8; 16]; 5] = {
    let mut names = [[0; 16]; 5];
    let mut k = 0;
    while k < Kind::ALL.len() {
        let name = Kind::ALL[k].as_str().as_bytes();
        let mut i = 0;
        while i < name.len() {
            names[k][i] = name[i];
            i += 1;
        }
        k += 1;
    }
    names
};

impl Head {
    fn new() -> Head {
        Head {
            bytes: [0; 128],
            len: 0,
        }
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    /// Append `s`: punctuation, a few bytes known where this is called.
    fn push(&mut self, s: &[u8]) {
        self.bytes[self.len..self.len + s.len()].copy_from_slice(s);
        self.len += s.len();
    }

    fn kind(&mut self, kind: Kind) {
        self.bytes[self.len..self.len + 16].copy_from_slice(&KIND_NAMES[kind as usize]);
        self.len += kind.as_str().len();
    }

    /// Append `n` in decimal: below 10^8, as eight digits written at once of which the
    /// leading zeros are then dropped; larger (offsets deep in a file of gigabytes), by itoa.
    fn number(&mut self, n: usize, large: &mut itoa::Buffer) {
        match u32::try_from(n) {
            Ok(n) if n < 100_000_000 => {
                let digits = eight_digits(n);
                // The leading zeros are the low zero bytes; a zero keeps its one digit.
                let zeros = (digits.trailing_zeros() / 8).min(7);
                let ascii = (digits | 0x3030_3030_3030_3030) >> (8 * zeros);
                self.bytes[self.len..self.len + 8].copy_from_slice(&ascii.to_le_bytes());
                self.len += 8 - zeros as usize;
            }
            _ => self.push(large.format(n).as_bytes()),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The eight decimal digits of `n` (below 10^8, with leading zeros) as byte values 0 to 9,
/// the first in the lowest byte. Every step works on all the digits at once: the upper and
/// lower four digits sit in two lanes of 32 bits, each lane is split in two by 100 and then
/// each half by 10, with multiplications that divide exactly for numbers of that size.
fn eight_digits(n: u32) -> u64 {
    debug_assert!(n < 100_000_000);
    let fours = u64::from(n / 10_000) | u64::from(n % 10_000) << 32;
    let hundreds = ((fours * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let twos = (fours - 100 * hundreds) << 16 | hundreds;
    let tens = ((twos * 103) >> 10) & 0x000F_000F_000F_000F;
    ((twos - 10 * tens) << 8) | tens
}

/// The fields that follow a record's `text` (`id`, `name`, `value`, `role`, `org`), rendered,
/// by where those fields lie in memory. An article names the same few entities again and
/// again, and their fields borrow one dictionary entry: rendering the tail once per entity
/// spares testing and copying five fields per record. Only within one rendering: every field
/// it reads is alive until it ends, so two fields at the same address and length hold the
/// same bytes.
struct Tails<'r> {
    rows: &'r [Record<'r>],
    /// Per slot: which record's tail was written first there (its index plus one; 0 for
    /// none), and where that tail lies in the rendering.
    slots: [(u32, u32, u32); TAIL_SLOTS],
}

/// Slots in [`Tails`]: several times the entities an article names, as a record whose fields
/// are its own (a date's value, an official's name as written) takes a slot too, and an
/// entity that lost its slot is rendered again.
const TAIL_SLOTS: usize = 256;

impl<'r> Tails<'r> {
    fn new(rows: &'r [Record<'r>]) -> Tails<'r> {
        Tails {
            rows,
            slots: [(0, 0, 0); TAIL_SLOTS],
        }
    }

    /// Append the tail of record `i` to `out`: copied from where an earlier record with the
    /// same fields has it, else rendered by `render` and remembered. `out` is the one
    /// rendering all the calls append to.
    fn write(
        &mut self,
        out: &mut Vec<u8>,
        i: usize,
        render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let key = |r: &Record<'_>| {
            let at = |s: &str| (s.as_ptr() as usize, s.len());
            [at(r.id), at(r.name), at(r.value), at(r.role), at(r.org)]
        };
        let mine = key(&self.rows[i]);
        // Dictionary strings lie apart on the heap: the id's and name's addresses are enough
        // to tell entities apart.
        let hash =
            ((mine[0].0 ^ mine[1].0.rotate_left(17)) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = &mut self.slots[(hash >> (u64::BITS - TAIL_SLOTS.ilog2())) as usize];
        let (seen, from, to) = *slot;
        if seen != 0 && key(&self.rows[seen as usize - 1]) == mine {
            out.extend_from_within(from as usize..to as usize);
            return Ok(());
        }
        let from = out.len();
        render(out)?;
        // A rendering past 4 GiB is not remembered from there on.
        if let (Ok(seen), Ok(from), Ok(to)) = (
            u32::try_from(i + 1),
            u32::try_from(from),
            u32::try_from(out.len()),
        ) {
            *slot = (seen, from, to);
        }
        Ok(())
    }
}

/// `s` as a JSON string. Most fields hold nothing JSON escapes (control characters, `"` and
/// `\`): those are copied between quotes, and the rest are left to `serde_json`.
fn json_string(out: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if any_byte(s.as_bytes(), |x| {
        below(x, 0x20) | equal(x, b'"') | equal(x, b'\\')
    }) {
        serde_json::to_writer(out, s)?;
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
    Ok(())
}

/// One CSV or TSV field, quoted when it must be: when it holds the delimiter, a quote or a
/// line break, which is what `core` quotes.
fn csv_field(core: &csv_core::Writer, out: &mut Vec<u8>, field: &[u8]) {
    let delimiter = core.get_delimiter();
    let special = |x| equal(x, delimiter) | equal(x, b'"') | equal(x, b'\n') | equal(x, b'\r');
    // Half the fields of a record are empty (`value`, `role` and `org` of most types): an
    // empty field among others is written as nothing, with no test of its own.
    if !any_byte(field, special) {
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

#[cfg(test)]
mod tests {
    use super::super::render;
    use super::*;

    proptest::proptest! {
        /// A field is quoted exactly when `csv_core` would quote it.
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
            let format = if tsv { Format::Tsv } else { Format::Csv };
            let core = csv_core::WriterBuilder::new().delimiter(delimiter(format)).build();
            let mut out = Vec::new();
            csv_field(&core, &mut out, &field);
            let quoted = out.first() == Some(&b'"') && out != field;
            proptest::prop_assert_eq!(quoted, core.should_quote(&field));
        }
    }

    proptest::proptest! {
        /// Records that share fields, by address or only by content, render as serde writes
        /// them: a tail is reused only for the very same fields.
        #[test]
        fn shared_tails_render_as_serde_writes_them(
            picks in proptest::collection::vec(
                (0..5usize, proptest::array::uniform5(0..8usize)),
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
                "line\nbreak",
                "é €",
            ];
            let rows: Vec<Record> = picks
                .iter()
                .enumerate()
                .map(|(i, &(kind, [id, name, value, role, org]))| Record {
                    doc: "a.txt",
                    kind: Kind::ALL[kind],
                    start: i,
                    end: i + 4,
                    line: 1,
                    text: pool[(i + id) % pool.len()],
                    id: pool[id],
                    name: pool[name],
                    value: pool[value],
                    role: pool[role],
                    org: pool[org],
                    context: context.then(|| pool[org].to_string()),
                })
                .collect();
            for format in [Format::Csv, Format::Tsv, Format::Jsonl, Format::Json] {
                let fast = render_records(format, &rows).expect("rendered");
                let serde = render(format, &rows).expect("rendered");
                proptest::prop_assert_eq!(
                    String::from_utf8_lossy(&fast),
                    String::from_utf8_lossy(&serde),
                    "{:?}",
                    format
                );
            }
        }
    }

    proptest::proptest! {
        /// A record's numbers come out as `itoa` writes them: short and long ones, and those
        /// either side of the eight digits written at once.
        #[test]
        fn numbers_are_written_as_itoa_writes_them(
            n in proptest::prop_oneof![
                0usize..1000,
                0usize..200_000_000,
                99_999_990usize..100_000_010,
                proptest::prelude::any::<usize>(),
            ],
        ) {
            let (mut head, mut large) = (Head::new(), itoa::Buffer::new());
            head.push(b"[");
            head.number(n, &mut large);
            head.push(b"]");
            let want = format!("[{n}]");
            proptest::prop_assert_eq!(head.as_bytes(), want.as_bytes());
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
        // several; with context on all or on none.
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
        for format in [Format::Csv, Format::Tsv, Format::Jsonl, Format::Json] {
            for (context, docs) in [false, true]
                .into_iter()
                .flat_map(|c| docs.iter().map(move |d| (c, d)))
            {
                let rows = rows(context, docs);
                for some in rows.chunks(1).chain([&rows[..], &[]]) {
                    let fast = render_records(format, some).expect("rendered");
                    let serde = render(format, some).expect("rendered");
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
