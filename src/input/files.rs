//! Reading text files: a small file whole, on a worker thread ([`read_file`]); a large one, a
//! FIFO or stdin as a stream of pieces of about [`Options::piece`] bytes, each cut where
//! [`cut_point`] says, so that a multi-gigabyte dump never has to fit in memory.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use encoding_rs::Decoder;

use super::decode::{choose_encoding, decode, replaced, Utf8Scan, BINARY_PROBE};
use super::job::{end_on_failure, Job, Options, Piece};
use super::walk::doc_name;
use crate::text::articles::article_starts;
use crate::text::{is_word_char, word_char_at};

/// How much of a large file is checked for UTF-8 at a time.
const SCAN_BLOCK: usize = 1 << 20;

pub(crate) fn file_jobs(path: PathBuf, options: &Options) -> Box<dyn Iterator<Item = Job> + Send> {
    // The name is made only where it is needed here: a small file's is made by the worker
    // that reads it.
    let failed = |error: anyhow::Error| -> Box<dyn Iterator<Item = Job> + Send> {
        Box::new(std::iter::once(Job::Failed {
            doc: doc_name(&path),
            error,
        }))
    };
    let meta = match std::fs::metadata(&path) {
        Ok(meta) => meta,
        Err(e) => return failed(anyhow!("{e}")),
    };
    if meta.is_dir() {
        return failed(anyhow!("is a folder"));
    }
    if meta.is_file() && meta.len() <= options.piece as u64 {
        return Box::new(std::iter::once(Job::File {
            path,
            len: meta.len(),
        }));
    }
    // Large, or not a regular file (a FIFO or `/dev/stdin` named on the command line).
    let mut file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) => return failed(anyhow!("{e}")),
    };
    // A large file is checked for UTF-8 whole before its first piece is decoded, so that it is
    // read in one encoding throughout, as a small file is.
    let mut scanned = None;
    if meta.is_file() && options.encoding.is_none() {
        match scan_utf8(&mut file) {
            Ok(scan) => scanned = Some(scan),
            Err(e) => return failed(anyhow!("{e}")),
        }
    }
    Box::new(Stream::new(
        doc_name(&path),
        Box::new(file),
        options.clone(),
        scanned,
    ))
}

/// The rest of `file` scanned for UTF-8, block by block; the file is left where it was.
fn scan_utf8(file: &mut std::fs::File) -> io::Result<Utf8Scan> {
    use std::io::{Seek, SeekFrom};
    let start = file.stream_position()?;
    let mut block = vec![0; SCAN_BLOCK];
    let mut scan = Utf8Scan::default();
    // Bytes of a character cut at the end of the last block, moved to the front.
    let mut carried = 0;
    loop {
        let n = match file.read(&mut block[carried..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let filled = carried + n;
        carried = scan.add(&block[..filled], n == 0);
        block.copy_within(filled - carried..filled, 0);
        if n == 0 {
            break;
        }
    }
    file.seek(SeekFrom::Start(start))?;
    Ok(scan)
}

/// Read and decode a file whole, as a `Job::Piece`, `Job::Skipped` or `Job::Failed`; `len` is
/// its size when it was found, which sizes the buffer (`fs::read` would ask the file system
/// again, one call more per file on folders of small articles). A file that has grown since
/// is still read whole.
pub fn read_file(path: &Path, len: u64, options: &Options) -> Job {
    let doc = doc_name(path);
    let read = |path: &Path| -> io::Result<Vec<u8>> {
        let mut file = std::fs::File::open(path)?;
        // Room for one byte more than the size, so that a read that stops short of it at the
        // size found is the end (the reads of `read_to_end` ask for the size again, or grow
        // from 8 KiB). A read of a regular file stops short only at its end, so asking again
        // to be told so would be one call more per file.
        let len = usize::try_from(len).unwrap_or(0);
        let mut bytes = vec![0; len.saturating_add(1)];
        let mut filled = 0;
        loop {
            match file.read(&mut bytes[filled..]) {
                Ok(0) => break,
                Ok(n) if filled + n == len => {
                    filled = len;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
            if filled == bytes.len() {
                // The file has grown since it was found.
                bytes.resize(2 * filled, 0);
            }
        }
        bytes.truncate(filled);
        Ok(bytes)
    };
    let bytes = match read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Job::Failed {
                doc,
                error: anyhow!("{e}"),
            }
        }
    };
    match decode(bytes, options.encoding) {
        Ok((text, warnings)) => Job::Piece(Piece::whole(doc, text, warnings)),
        Err(why) => Job::Skipped { doc, why },
    }
}

/// A document read and decoded piece by piece: the pieces of a large file or of stdin.
///
/// The encoding is chosen from the first piece's bytes and, for a large file, a check of the
/// whole file for UTF-8; for stdin, bytes that turn out not to be UTF-8 after the first piece
/// are replaced. Each piece ends where [`cut_point`] says, so that pieces are independent
/// wherever paragraphs are.
pub(crate) struct Stream {
    doc: String,
    reader: Box<dyn Read + Send>,
    options: Options,
    /// The input scanned for UTF-8, when the whole of it was scanned beforehand.
    scanned: Option<Utf8Scan>,
    /// None until the first bytes have been read.
    decoder: Option<Decoder>,
    /// Text decoded and not yet handed out.
    text: String,
    /// Where `text` starts in the document: byte offset and lines before it.
    offset: usize,
    lines: usize,
    /// Invalid bytes were replaced, and said so.
    replaced: bool,
    /// The last piece ended inside a word, which the next piece goes on with.
    in_word: bool,
    eof: bool,
    done: bool,
}

impl Stream {
    pub(crate) fn new(
        doc: String,
        reader: Box<dyn Read + Send>,
        options: Options,
        scanned: Option<Utf8Scan>,
    ) -> Stream {
        Stream {
            doc,
            reader,
            options,
            scanned,
            decoder: None,
            text: String::new(),
            offset: 0,
            lines: 0,
            replaced: false,
            in_word: false,
            eof: false,
            done: false,
        }
    }

    /// The next piece; `Ok(None)` at the end.
    fn next_piece(&mut self) -> Result<Option<Job>, io::Error> {
        let mut warnings = Vec::new();
        if self.decoder.is_none() {
            let head = self.read_bytes(self.options.piece.max(BINARY_PROBE))?;
            let scan = self.scanned.unwrap_or_else(|| {
                let mut scan = Utf8Scan::default();
                scan.add(&head, self.eof);
                scan
            });
            match choose_encoding(&head, &scan, self.options.encoding) {
                Ok((encoding, w)) => {
                    warnings = w;
                    self.decoder = Some(encoding.new_decoder_without_bom_handling());
                    self.decode(&head, &mut warnings);
                }
                Err(why) => {
                    self.done = true;
                    let doc = self.doc.clone();
                    return Ok(Some(Job::Skipped { doc, why }));
                }
            }
        }
        // A byte past the piece size shows whether a cut there would fall inside a word.
        while !self.eof && self.text.len() <= self.options.piece {
            let bytes = self.read_bytes(self.options.piece + 1 - self.text.len())?;
            self.decode(&bytes, &mut warnings);
        }
        if self.text.is_empty() {
            return Ok(None);
        }
        let cut = if self.eof && self.text.len() <= self.options.piece {
            Cut {
                at: self.text.len(),
                mid_word: false,
            }
        } else {
            cut_point(&self.text, self.options.piece)
        };
        let rest = self.text.split_off(cut.at);
        let text = std::mem::replace(&mut self.text, rest);
        let piece = Piece {
            doc: self.doc.clone(),
            offset: self.offset,
            lines: self.lines,
            warnings,
            text,
            starts_in_word: std::mem::replace(&mut self.in_word, cut.mid_word),
            ends_in_word: cut.mid_word,
        };
        self.offset += piece.text.len();
        self.lines += count_lines(&piece.text);
        Ok(Some(Job::Piece(piece)))
    }

    /// Up to `n` bytes (fewer only at the end of the input).
    fn read_bytes(&mut self, n: usize) -> Result<Vec<u8>, io::Error> {
        let mut bytes = Vec::new();
        (&mut self.reader).take(n as u64).read_to_end(&mut bytes)?;
        if bytes.len() < n {
            self.eof = true;
        }
        Ok(bytes)
    }

    /// Decode `bytes` onto the end of the pending text (the last call is at the end of input).
    fn decode(&mut self, bytes: &[u8], warnings: &mut Vec<String>) {
        let decoder = self
            .decoder
            .as_mut()
            .expect("decoder chosen before decoding");
        let need = decoder
            .max_utf8_buffer_length(bytes.len())
            .expect("a piece's length cannot overflow");
        self.text.reserve(need);
        let (_, _, had_errors) = decoder.decode_to_string(bytes, &mut self.text, self.eof);
        if had_errors && !self.replaced {
            self.replaced = true;
            warnings.push(replaced(decoder.encoding()));
        }
    }
}

impl Iterator for Stream {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        let next = if self.done {
            Ok(None)
        } else {
            self.next_piece()
        };
        end_on_failure(&mut self.done, next, || self.doc.clone())
    }
}

/// Where a piece ends, and whether it ends inside a word (a run of word characters longer
/// than a piece, which the next piece goes on with).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    pub at: usize,
    pub mid_word: bool,
}

/// Where to end a piece of `text` of at most `max` bytes, so that a piece is whole articles
/// and paragraphs whenever it can be: at the last article start in it ([`article_starts`]),
/// else just after its last blank line (`\n\n` or `\n\r\n`), else after its last line end,
/// else after its last space or tab, else before its last character that is not a word
/// character; only a piece that is one word throughout is cut inside it, at the last
/// character boundary. Never 0 unless `text` is empty.
pub fn cut_point(text: &str, max: usize) -> Cut {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end == text.len() {
        return Cut {
            at: end,
            mid_word: false,
        };
    }
    let window = &text[..end];
    let bytes = window.as_bytes();
    let after = |i: Option<usize>, len: usize| i.map(|i| i + len);
    let article = article_starts(window).last().copied();
    let blank_line = || {
        after(memchr::memmem::rfind(bytes, b"\n\n"), 2)
            .max(after(memchr::memmem::rfind(bytes, b"\n\r\n"), 3))
    };
    let cut = article
        .or_else(blank_line)
        .or_else(|| after(memchr::memrchr(b'\n', bytes), 1))
        .or_else(|| after(memchr::memrchr2(b' ', b'\t', bytes), 1))
        .or_else(|| word_boundary_before(text, end))
        .filter(|&cut| cut > 0);
    if let Some(at) = cut {
        return Cut {
            at,
            mid_word: false,
        };
    }
    // One word throughout (or a piece size smaller than the first character, which is taken
    // whole).
    let at = if end > 0 {
        end
    } else {
        text.char_indices().nth(1).map_or(text.len(), |(i, _)| i)
    };
    let mid_word = word_char_at(text, at) && text[..at].ends_with(is_word_char);
    Cut { at, mid_word }
}

/// The last place at or before `end` (past 0) where `text` can be cut without cutting a
/// word: next to a character that is not a word character.
fn word_boundary_before(text: &str, end: usize) -> Option<usize> {
    let mut next_is_word = word_char_at(text, end);
    for (i, c) in text[..end].char_indices().rev() {
        let is_word = is_word_char(c);
        if !(is_word && next_is_word) {
            return Some(i + c.len_utf8());
        }
        next_is_word = is_word;
    }
    None
}

fn count_lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

#[cfg(test)]
mod tests {
    use std::io::Seek;

    use super::*;

    fn options(piece: usize) -> Options {
        Options {
            encoding: None,
            piece,
            jsonl: None,
        }
    }

    /// The pieces a stream over `bytes` gives.
    fn pieces(bytes: &[u8], piece: usize) -> Vec<Job> {
        let reader: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes.to_vec()));
        Stream::new("doc".into(), reader, options(piece), None).collect()
    }

    fn texts(jobs: &[Job]) -> Vec<&str> {
        jobs.iter()
            .map(|j| match j {
                Job::Piece(p) => p.text.as_str(),
                other => panic!("not a piece: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn cut_points() {
        let prose = "The agency said on Monday that the satellite reached its orbit and that \
                     its instruments worked.";
        let articles = format!("{prose}\n\nZembla Joins Talks\n\nPARIS (AFP) - {prose}\n\nMore.");
        let headline = prose.len() + 2;
        // (name, text, max, expected cut, whether it is inside a word)
        let rows: &[(&str, &str, usize, usize, bool)] = &[
            (
                "at the last article start",
                &articles,
                articles.len() - 1,
                headline,
                false,
            ),
            (
                "after the last blank line",
                "ab\n\ncd\n\nef\ngh",
                12,
                8,
                false,
            ),
            ("CRLF blank line", "ab\r\n\r\ncd\r\nef", 11, 6, false),
            ("no blank line: last line end", "ab\ncd\nef", 7, 6, false),
            ("one long line: after a space", "ab cdefgh", 5, 3, false),
            ("after a tab", "ab\tcdefgh", 5, 3, false),
            ("no space: before a comma", "NASA,NASA,NASA", 7, 5, false),
            (
                "no space: at max before a comma",
                "NASA,NASA,NASA",
                9,
                9,
                false,
            ),
            ("no space: after a dash", "ESA—NASA", 8, 6, false),
            ("one long word: at max, inside it", "abcdefgh", 5, 5, true),
            ("never inside a character", "aé€", 4, 3, false),
            ("inside a word, never inside a character", "aéb", 2, 1, true),
            ("a character longer than max", "€x", 1, 3, false),
            ("the whole text when it fits", "ab\n\ncd", 100, 6, false),
            ("empty", "", 10, 0, false),
        ];
        for &(name, text, max, at, mid_word) in rows {
            assert_eq!(cut_point(text, max), Cut { at, mid_word }, "{name}");
        }
    }

    #[test]
    fn pieces_join_into_the_text_with_offsets_and_line_counts() {
        let text = "NASA met ESA.\n\nIndia signed.\r\n\r\nA very long paragraph without a \
                    break, longer than a piece, with ünïcödé.\nLast line";
        for piece in [1, 2, 3, 7, 16, 40, 1000] {
            let jobs = pieces(text.as_bytes(), piece);
            let mut at = 0;
            let mut lines = 0;
            for job in &jobs {
                let Job::Piece(p) = job else {
                    panic!("not a piece: {job:?}")
                };
                assert_eq!((p.offset, p.lines), (at, lines), "piece size {piece}");
                assert!(
                    p.text.len() <= piece.max(4),
                    "piece size {piece}: {:?}",
                    p.text
                );
                assert_eq!(&text[at..at + p.text.len()], p.text);
                at += p.text.len();
                lines += count_lines(&p.text);
            }
            assert_eq!(at, text.len(), "piece size {piece}");
        }
    }

    #[test]
    fn pieces_end_at_paragraphs() {
        let text = "one one one\n\ntwo two\n\nthree three three\n";
        assert_eq!(
            texts(&pieces(text.as_bytes(), 18)),
            ["one one one\n\n", "two two\n\n", "three three three\n"]
        );
    }

    #[test]
    fn a_stream_chooses_its_encoding_from_the_first_piece() {
        // windows-1252 é (0xE9) and € (0x80), read in pieces smaller than the text.
        let jobs = pieces(b"caf\xe9 \x80 one\n\ntwo\n", 8);
        assert_eq!(texts(&jobs).concat(), "café € one\n\ntwo\n");
        let Job::Piece(first) = &jobs[0] else {
            unreachable!()
        };
        assert!(first.warnings[0].contains("windows-1252"), "{first:?}");
        // Valid UTF-8 for longer than the first read, bad bytes later: replaced, with one
        // warning.
        let good = "abc\n\n".repeat(BINARY_PROBE);
        let bytes = [good.as_bytes(), b"def\xff\n\nghi\xfe\n"].concat();
        let jobs = pieces(&bytes, 5);
        assert_eq!(texts(&jobs).concat(), good + "def\u{fffd}\n\nghi\u{fffd}\n");
        let warnings: Vec<&String> = jobs
            .iter()
            .flat_map(|j| match j {
                Job::Piece(p) => p.warnings.iter(),
                _ => [].iter(),
            })
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn a_character_split_between_reads_is_kept_whole() {
        let text = "€€€€\n\n€€";
        for piece in 1..12 {
            assert_eq!(
                texts(&pieces(text.as_bytes(), piece)).concat(),
                text,
                "piece {piece}"
            );
        }
    }

    #[test]
    fn a_large_file_is_read_in_one_encoding_throughout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("legacy.txt");
        // ASCII for longer than the first piece, then windows-1252 é (0xE9).
        let ascii = "NASA met ESA.\n\n".repeat(1000);
        std::fs::write(&path, [ascii.as_bytes(), b"caf\xe9\n"].concat()).unwrap();
        let paths = [path];
        let jobs: Vec<Job> = crate::input::jobs(&paths, &options(100))
            .map(|(_, job)| job)
            .collect();
        assert_eq!(texts(&jobs).concat(), ascii + "café\n");
        let Job::Piece(first) = &jobs[0] else {
            unreachable!()
        };
        assert!(first.warnings[0].contains("windows-1252"), "{first:?}");
    }

    #[test]
    fn a_file_is_read_whole_whatever_size_it_had_when_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("article.txt");
        let text = "NASA met ESA in Paris.\n".repeat(500);
        std::fs::write(&path, &text).unwrap();
        // The size when found, then as if the file had grown or shrunk since.
        let real = text.len() as u64;
        for len in [real, 0, 1, real - 1, real + 1, 10 * real] {
            let Job::Piece(piece) = read_file(&path, len, &options(100)) else {
                panic!("not read with size {len}")
            };
            assert_eq!(piece.text, text, "size {len}");
        }
        let missing = dir.path().join("gone.txt");
        assert!(matches!(
            read_file(&missing, 5, &options(100)),
            Job::Failed { .. }
        ));
    }

    #[test]
    fn utf8_is_checked_across_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        // (name, bytes, first invalid byte); the scan must also count what a scan of the
        // whole text in one go counts.
        let a = "a".repeat(SCAN_BLOCK - 1);
        let rows: Vec<(&str, Vec<u8>, Option<usize>)> = vec![
            ("valid", b"abc".to_vec(), None),
            (
                "a character across blocks",
                format!("{a}éb").into_bytes(),
                None,
            ),
            (
                "bad byte in the second block",
                [a.as_bytes(), "éb".as_bytes(), b"\xff"].concat(),
                Some(SCAN_BLOCK + 2),
            ),
            (
                "bad byte",
                [a.as_bytes(), b"\xe9b"].concat(),
                Some(SCAN_BLOCK - 1),
            ),
            (
                "cut-off character at the end",
                [a.as_bytes(), b"\xc3"].concat(),
                Some(SCAN_BLOCK - 1),
            ),
            ("empty", Vec::new(), None),
        ];
        for (name, bytes, want) in rows {
            std::fs::write(&path, &bytes).unwrap();
            let mut file = std::fs::File::open(&path).unwrap();
            let scan = scan_utf8(&mut file).unwrap();
            assert_eq!(scan.first_error, want, "{name}");
            assert_eq!(scan, Utf8Scan::of(&bytes), "{name}");
            assert_eq!(file.stream_position().unwrap(), 0, "{name}");
        }
    }

    #[test]
    fn binary_and_empty_streams() {
        let jobs = pieces(b"PK\x03\x04\x00\x00 zip", 4);
        assert!(
            matches!(&jobs[..], [Job::Skipped { why, .. }] if why.contains("binary")),
            "{jobs:?}"
        );
        assert!(pieces(b"", 4).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn cut_points_are_character_boundaries_within_the_limit(
            text in "[a-c \n\r€é]{0,60}",
            max in 1usize..70,
        ) {
            let cut = cut_point(&text, max).at;
            proptest::prop_assert!(text.is_char_boundary(cut));
            proptest::prop_assert!(cut > 0 || text.is_empty());
            let first = text.chars().next().map_or(0, char::len_utf8);
            proptest::prop_assert!(cut <= max.max(first).min(text.len()));
        }
    }
}
