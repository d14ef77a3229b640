//! How a document's bytes become text. A byte-order mark names the encoding (UTF-8, UTF-16LE,
//! UTF-16BE); otherwise valid UTF-8 is UTF-8, UTF-8 with a few damaged bytes is UTF-8 with
//! U+FFFD for them (and a warning), and anything else is read as windows-1252, the usual legacy
//! encoding of news pages, with a warning; `--encoding` forces an encoding. A NUL
//! byte in the first 8 KiB marks a binary file (as in grep), which is skipped. The text is
//! decoded whole, byte-order mark included (as U+FEFF), so for UTF-8 input every offset is a
//! byte offset into the file as stored; for other encodings offsets index the text decoded to
//! UTF-8.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How far into a document to look for a NUL byte that marks it as binary (as grep does).
pub(crate) const BINARY_PROBE: usize = 8 * 1024;

/// How much of a text is invalid UTF-8 and how much is UTF-8's own: enough to tell UTF-8 with
/// a few damaged bytes (a page saved with one stray byte) from a legacy encoding, where nearly
/// every byte past ASCII is invalid UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Utf8Scan {
    /// Bytes scanned.
    pub(crate) len: usize,
    /// Where the first invalid byte is.
    pub(crate) first_error: Option<usize>,
    /// How many invalid sequences there are (each becomes one U+FFFD).
    pub(crate) invalid: usize,
    /// How many valid characters of two bytes or more there are.
    pub(crate) multibyte: usize,
}

impl Utf8Scan {
    /// The scan of a whole text.
    pub(crate) fn of(bytes: &[u8]) -> Utf8Scan {
        let mut scan = Utf8Scan::default();
        scan.add(bytes, true);
        scan
    }

    /// Scan `bytes`, which follow what was scanned so far; when they are not `complete`, a
    /// character cut off at their end is no error, and its length is returned so that the
    /// caller passes its bytes again with the rest.
    pub(crate) fn add(&mut self, bytes: &[u8], complete: bool) -> usize {
        let mut rest = bytes;
        if check_utf8(rest).is_ok() {
            self.multibyte += lead_bytes(rest);
            self.len += rest.len();
            return 0;
        }
        // The standard library's check stops at the first error, so each error costs only
        // the bytes up to it.
        loop {
            let (valid, error_len) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), None),
                Err(e) => (e.valid_up_to(), Some(e.error_len())),
            };
            self.multibyte += lead_bytes(&rest[..valid]);
            match error_len {
                None => {
                    self.len += valid;
                    return 0;
                }
                Some(None) if !complete => {
                    self.len += valid;
                    return rest.len() - valid;
                }
                Some(len) => {
                    let len = len.map_or(rest.len() - valid, usize::from);
                    self.first_error.get_or_insert(self.len + valid);
                    self.invalid += 1;
                    self.len += valid + len;
                    rest = &rest[valid + len..];
                }
            }
        }
    }

    /// Whether the text is UTF-8 with a few damaged bytes rather than another encoding: fewer
    /// than one invalid sequence in a thousand bytes, and more valid multi-byte characters
    /// than invalid sequences (text in a legacy encoding has next to none).
    pub(crate) fn is_mostly_utf8(&self) -> bool {
        self.invalid * 1000 < self.len && self.multibyte > self.invalid
    }
}

/// How many characters of two bytes or more valid UTF-8 `bytes` hold: their lead bytes.
fn lead_bytes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b >= 0xC0).count()
}

/// The text of a whole document and the warnings its decoding gave; an error (why) if the
/// document is binary.
pub fn decode(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<(String, Vec<String>), String> {
    // The common case, valid UTF-8, is checked once and becomes the text without a copy.
    if check_utf8(&bytes).is_ok() {
        let (encoding, warnings) = choose_encoding(&bytes, &Utf8Scan::default(), forced)?;
        if encoding == UTF_8 {
            // SAFETY: `check_utf8` has just found every byte of `bytes` valid UTF-8.
            return Ok((unsafe { String::from_utf8_unchecked(bytes) }, warnings));
        }
    }
    let scan = Utf8Scan::of(&bytes);
    let (encoding, mut warnings) = choose_encoding(&bytes, &scan, forced)?;
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

/// The encoding of a document whose first bytes are `head`, given the scan for UTF-8 of the
/// whole document (or of as much of it as is known), and a warning if the encoding had to be
/// guessed; an error (why) if the document is binary. UTF-8 with a few damaged bytes is UTF-8:
/// the decoder then warns that it replaced them.
pub(crate) fn choose_encoding(
    head: &[u8],
    scan: &Utf8Scan,
    forced: Option<&'static Encoding>,
) -> Result<(&'static Encoding, Vec<String>), String> {
    let mut warnings = Vec::new();
    let encoding = if let Some(forced) = forced {
        forced
    } else if let Some((bom, _)) = Encoding::for_bom(head) {
        bom
    } else if let Some(at) = scan.first_error.filter(|_| !scan.is_mostly_utf8()) {
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

    #[test]
    fn damaged_utf8_stays_utf8_and_legacy_text_is_windows_1252() {
        let curly = "NASA’s “plan” — the agency’s ".repeat(40);
        let one_stray = [curly.as_bytes(), b"caf\xe9 ", curly.as_bytes()].concat();
        let (text, warnings) = decode(one_stray, None).unwrap();
        assert!(text.contains("NASA’s “plan”"), "read as UTF-8");
        assert!(text.contains("caf\u{fffd} "));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("U+FFFD"), "{warnings:?}");
        // Legacy text: every byte past ASCII is invalid UTF-8.
        let legacy = b"The minister\x92s \x93plan\x94 for caf\xe9s".repeat(20);
        let (text, warnings) = decode(legacy, None).unwrap();
        assert!(text.contains("minister’s “plan” for cafés"), "{text}");
        assert!(warnings[0].contains("windows-1252"), "{warnings:?}");
        // Mostly UTF-8 but damaged in more than one byte in a thousand: not UTF-8 with care.
        let dense = [curly.as_bytes(), &b"\xff".repeat(30)].concat();
        let (_, warnings) = decode(dense, None).unwrap();
        assert!(warnings[0].contains("windows-1252"), "{warnings:?}");
    }

    proptest::proptest! {
        /// A text scanned in parts, each cut character passed on to the next part as the
        /// stream does, counts what it counts scanned whole.
        #[test]
        fn scans_in_parts_add_up_to_the_whole(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => 0x20u8..0x7f,
                    2 => proptest::sample::select(vec![0xc3u8, 0xa9, 0xe2, 0x80, 0x99, 0xf0, 0x9f]),
                    1 => 0x80u8..=0xff,
                ],
                0..200,
            ),
            cuts in proptest::collection::vec(0usize..200, 0..6),
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            cuts.push(bytes.len());
            let mut scan = Utf8Scan::default();
            let (mut from, mut carried) = (0, Vec::new());
            for (i, &to) in cuts.iter().enumerate() {
                let part = [&carried[..], &bytes[from..to]].concat();
                let cut = scan.add(&part, i + 1 == cuts.len());
                carried = part[part.len() - cut..].to_vec();
                from = to;
            }
            proptest::prop_assert_eq!(scan, Utf8Scan::of(&bytes));
        }
    }
}
