//! How a document's bytes become text. A byte-order mark names the encoding (UTF-8, UTF-16LE,
//! UTF-16BE); otherwise valid UTF-8 is UTF-8 and anything else is read as windows-1252, the
//! usual legacy encoding of news pages, with a warning; `--encoding` forces an encoding. A NUL
//! byte in the first 8 KiB marks a binary file (as in grep), which is skipped. The text is
//! decoded whole, byte-order mark included (as U+FEFF), so for UTF-8 input every offset is a
//! byte offset into the file as stored; for other encodings offsets index the text decoded to
//! UTF-8.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How far into a document to look for a NUL byte that marks it as binary (as grep does).
pub(crate) const BINARY_PROBE: usize = 8 * 1024;

/// The text of a whole document and the warnings its decoding gave; an error (why) if the
/// document is binary.
pub fn decode(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<(String, Vec<String>), String> {
    // The common case, valid UTF-8, is checked once and becomes the text without a copy.
    let utf8_error = utf8_error(&bytes, true);
    if utf8_error.is_none() {
        let (encoding, warnings) = choose_encoding(&bytes, None, forced)?;
        if encoding == UTF_8 {
            // SAFETY: `utf8_error` has just found every byte of `bytes` valid UTF-8.
            return Ok((unsafe { String::from_utf8_unchecked(bytes) }, warnings));
        }
    }
    let (encoding, mut warnings) = choose_encoding(&bytes, utf8_error, forced)?;
    if encoding == UTF_8 {
        let (text, _) = UTF_8.decode_without_bom_handling(&bytes);
        warnings.push(replaced(UTF_8));
        return Ok((text.into_owned(), warnings));
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    if had_errors {
        warnings.push(replaced(encoding));
    }
    Ok((text.into_owned(), warnings))
}

/// The standard library's verdict on `bytes` as UTF-8, which says where the first bad byte is,
/// reached by simdutf8's check when they are valid: several times faster on news text, and
/// every document is checked.
pub(crate) fn check_utf8(bytes: &[u8]) -> Result<(), std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(_) => std::str::from_utf8(bytes).map(|_| ()),
    }
}

/// Where the first byte of `bytes` that is not valid UTF-8 is, if anywhere; when `bytes` is
/// not `complete`, a character cut off at the end is no error (the rest follows).
pub(crate) fn utf8_error(bytes: &[u8], complete: bool) -> Option<usize> {
    match check_utf8(bytes) {
        Ok(()) => None,
        Err(e) if e.error_len().is_none() && !complete => None,
        Err(e) => Some(e.valid_up_to()),
    }
}

/// The encoding of a document whose first bytes are `head`, given where its first byte that is
/// not valid UTF-8 is, and a warning if the encoding had to be guessed; an error (why) if the
/// document is binary.
pub(crate) fn choose_encoding(
    head: &[u8],
    utf8_error: Option<usize>,
    forced: Option<&'static Encoding>,
) -> Result<(&'static Encoding, Vec<String>), String> {
    let mut warnings = Vec::new();
    let encoding = if let Some(forced) = forced {
        forced
    } else if let Some((bom, _)) = Encoding::for_bom(head) {
        bom
    } else if let Some(at) = utf8_error {
        warnings.push(format!(
            "not valid UTF-8 (byte {at}); decoded as windows-1252, so offsets index the text \
             converted to UTF-8"
        ));
        WINDOWS_1252
    } else {
        UTF_8
    };
    // UTF-16 text is full of NUL bytes; any other text has none.
    if encoding != UTF_16LE && encoding != UTF_16BE {
        let probe = &head[..head.len().min(BINARY_PROBE)];
        if let Some(at) = memchr::memchr(0, probe) {
            return Err(format!("binary file (NUL byte at {at}); skipped"));
        }
    }
    Ok((encoding, warnings))
}

pub(crate) fn replaced(encoding: &'static Encoding) -> String {
    format!(
        "bytes that are not valid {} replaced by U+FFFD, so offsets after them index the \
         decoded text",
        encoding.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_keeps_utf8_and_says_where_it_is_not() {
        let text = "Roscosmos and Ñ€ — ünïcödé";
        assert_eq!(
            decode(text.as_bytes().to_vec(), None),
            Ok((text.into(), vec![]))
        );
        let (legacy, warnings) = decode(b"caf\xe9 and ESA".to_vec(), None).expect("text");
        assert_eq!(legacy, "café and ESA");
        assert!(warnings[0].contains("(byte 3)"), "{warnings:?}");
    }

    #[test]
    fn decoding() {
        // (name, bytes, expected text, a warning expected)
        let rows: &[(&str, &[u8], &str, bool)] = &[
            ("UTF-8", "ESA’s".as_bytes(), "ESA’s", false),
            ("UTF-8 BOM kept", b"\xef\xbb\xbfESA", "\u{feff}ESA", false),
            ("UTF-16LE", b"\xff\xfeE\0S\0A\0", "\u{feff}ESA", false),
            ("UTF-16BE", b"\xfe\xff\0E\0S\0A", "\u{feff}ESA", false),
            (
                "windows-1252",
                b"fran\xe7aise \x93ok\x94",
                "française “ok”",
                true,
            ),
            (
                "UTF-8 BOM then bad byte",
                b"\xef\xbb\xbfa\xffb",
                "\u{feff}a\u{fffd}b",
                true,
            ),
            ("empty", b"", "", false),
        ];
        for (name, bytes, text, warned) in rows {
            let (got, warnings) = decode(bytes.to_vec(), None).unwrap();
            assert_eq!(
                (got.as_str(), !warnings.is_empty()),
                (*text, *warned),
                "{name}"
            );
        }
        assert!(decode(b"%PDF-1.4\n\0\0".to_vec(), None).is_err());
        let latin = Encoding::for_label(b"latin1");
        assert_eq!(decode(b"\xe9".to_vec(), latin).unwrap().0, "é");
    }
}
