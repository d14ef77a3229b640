//! JSON and JSON Lines: each row one object written by `serde_json`, keys in the struct's
//! field order.

use std::io;

use serde::Serialize;

/// `rows` appended to `out` as JSON objects, each followed by a line break (JSON Lines) or,
/// for the rows of a JSON array, separated by a comma and a line break; the array's brackets
/// and the commas between renderings are the [`Writer`](super::Writer)'s.
pub fn render<T: Serialize>(rows: &[T], lines: bool, out: &mut Vec<u8>) -> io::Result<()> {
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && !lines {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut *out, row)?;
        if lines {
            out.push(b'\n');
        }
    }
    Ok(())
}
