//! Where documents come from and how their bytes become text.
//!
//! Paths given on the command line are files, folders (walked recursively in sorted order,
//! hidden entries skipped, symbolic links followed) or `-` for stdin. Listing is lazy, so a
//! folder of a million files is never held in memory.
//!
//! With `--input-format jsonl` every source is JSON Lines instead, one document a line: see
//! [`crate::jsonl_input`]. Otherwise each document becomes one or more [`Job`]s in input
//! order. A regular file of at most [`Options::piece`] bytes is one `Job::File`, read and
//! decoded on a worker thread. Anything larger, and stdin, is streamed on the calling thread
//! as `Job::Piece`s of about that size, cut at blank lines, so that a multi-gigabyte dump never
//! has to fit in memory.
//!
//! Decoding: a byte-order mark names the encoding (UTF-8, UTF-16LE, UTF-16BE); otherwise valid
//! UTF-8 is UTF-8 and anything else is read as windows-1252, the usual legacy encoding of news
//! pages, with a warning; `--encoding` forces an encoding. A NUL byte in the first 8 KiB marks
//! a binary file (as in grep), which is skipped. The text is decoded whole, byte-order mark
//! included (as U+FEFF), so for UTF-8 input every offset is a byte offset into the file as
//! stored; for other encodings offsets index the text decoded to UTF-8.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use walkdir::WalkDir;

use crate::jsonl_input::{self, Line, Lines};

/// How far into a document to look for a NUL byte that marks it as binary (as grep does).
pub(crate) const BINARY_PROBE: usize = 8 * 1024;

/// How much of a large file is checked for UTF-8 at a time.
const SCAN_BLOCK: usize = 1 << 20;

/// How documents are read.
#[derive(Clone, Debug)]
pub struct Options {
    /// Decode every document with this encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// A regular file of at most this many bytes is read whole; anything larger (and stdin) is
    /// streamed in pieces of about this many bytes of text.
    pub piece: usize,
    /// Read every source as JSON Lines with these field names, one document a line.
    pub jsonl: Option<jsonl_input::Fields>,
}

/// One place to read a document from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// The name records carry in their `doc` field.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => doc_name(p),
        }
    }
}

/// The name of the file at `path` in records and messages: the path as given or found, with
/// any bytes that are not UTF-8 shown as U+FFFD (as `Path::display` shows them, without going
/// through the formatting machinery once per file).
pub fn doc_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A source that could not be listed, with the reason.
#[derive(Debug)]
pub struct ListError {
    pub path: String,
    pub error: anyhow::Error,
}

/// Text to extract from: a whole document, or one piece of a large one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The document's name, as records carry it.
    pub doc: String,
    pub text: String,
    /// Byte offset of `text` in the document's text.
    pub offset: usize,
    /// How many lines of the document come before `text`.
    pub lines: usize,
    /// Warnings about the document found while reading this piece (say, its encoding).
    pub warnings: Vec<String>,
}

/// One unit of work, in input order.
#[derive(Debug)]
pub enum Job {
    /// A regular file small enough to read whole, with its size; [`read_file`] reads it.
    File { path: PathBuf, len: u64 },
    /// Text ready to extract from.
    Piece(Piece),
    /// A line of JSON Lines input; [`jsonl_input::parse`] turns it into a piece.
    Line(Line),
    /// A document left out on purpose (binary), with why.
    Skipped { doc: String, why: String },
    /// A document or path that could not be read.
    Failed { doc: String, error: anyhow::Error },
}

impl Job {
    /// About how many bytes of text the job holds once read.
    pub fn text_len(&self) -> usize {
        match self {
            Job::File { len, .. } => usize::try_from(*len).unwrap_or(usize::MAX),
            Job::Piece(p) => p.text.len(),
            Job::Line(l) => l.bytes.len(),
            Job::Skipped { .. } | Job::Failed { .. } => 0,
        }
    }
}

/// The sources named by `paths` in order: `-` (or no path at all) is stdin, a folder is every
/// file below it in sorted path order. Paths that cannot be listed come out as errors in their
/// place: a folder that cannot be read, a symbolic link loop, a broken link, and a FIFO,
/// socket or device found inside a folder (such a file named on the command line is read).
/// The iterator owns what it lists, so that it can run on a thread of its own.
pub fn sources(
    paths: &[PathBuf],
) -> impl Iterator<Item = Result<Source, ListError>> + Send + 'static {
    let stdin_only = paths.is_empty().then_some(Ok(Source::Stdin));
    let paths = paths.to_vec();
    stdin_only
        .into_iter()
        .chain(paths.into_iter().flat_map(expand))
}

fn expand(path: PathBuf) -> Box<dyn Iterator<Item = Result<Source, ListError>> + Send> {
    if path.as_os_str() == "-" {
        return Box::new(std::iter::once(Ok(Source::Stdin)));
    }
    if !path.is_dir() {
        return Box::new(std::iter::once(Ok(Source::File(path))));
    }
    // Links are followed so that a linked article is read like any other; walkdir reports a
    // link that leads back to an ancestor instead of looping.
    let walk = WalkDir::new(&path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    Box::new(walk.filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_dir() => None,
        Ok(e) if e.file_type().is_file() => Some(Ok(Source::File(e.into_path()))),
        // Reading a FIFO would wait for a writer that may never come.
        Ok(e) => Some(Err(ListError {
            path: doc_name(e.path()),
            error: anyhow!("not a regular file ({}); skipped", kind_of(&e.file_type())),
        })),
        Err(err) => {
            let at = doc_name(err.path().unwrap_or(&path));
            // walkdir's message repeats the path; keep only the reason.
            let error = match err.io_error() {
                Some(io) => anyhow!("{io}"),
                None => anyhow!("{err}"),
            };
            Some(Err(ListError { path: at, error }))
        }
    }))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// A short name for a file type that is neither a file nor a folder.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_symlink() {
        return "a symbolic link";
    }
    "a special file"
}

/// The work for `paths`, in input order, each job with the index of its source (for the
/// progress bar): small files to read on a worker, and the pieces of large files and stdin,
/// or the lines of JSON Lines, read here as the iterator is advanced.
pub fn jobs(
    paths: &[PathBuf],
    options: &Options,
) -> impl Iterator<Item = (usize, Job)> + Send + 'static {
    let options = options.clone();
    sources(paths)
        .enumerate()
        .flat_map(move |(n, source)| source_jobs(source, &options).map(move |job| (n, job)))
}

/// The work for one source, in order (see [`jobs`]).
fn source_jobs(
    source: Result<Source, ListError>,
    options: &Options,
) -> Box<dyn Iterator<Item = Job> + Send> {
    match source {
        Err(e) => Box::new(std::iter::once(Job::Failed {
            doc: e.path,
            error: e.error,
        })),
        Ok(Source::Stdin) if options.jsonl.is_some() => {
            // Not `stdin().lock()`: the lines are read on the thread that lists the jobs, and
            // a lock cannot move to it.
            Box::new(Lines::new(
                "-".into(),
                Box::new(io::BufReader::new(io::stdin())),
            ))
        }
        Ok(Source::Stdin) => Box::new(Stream::new(
            "-".into(),
            Box::new(io::stdin()),
            options.clone(),
            None,
        )),
        Ok(Source::File(path)) if options.jsonl.is_some() => jsonl_file_jobs(path),
        Ok(Source::File(path)) => file_jobs(path, options),
    }
}

/// The lines of a JSON Lines file, or why it cannot be read.
fn jsonl_file_jobs(path: PathBuf) -> Box<dyn Iterator<Item = Job> + Send> {
    let doc = doc_name(&path);
    let opened = std::fs::metadata(&path).and_then(|meta| {
        if meta.is_dir() {
            return Err(io::Error::other("is a folder"));
        }
        std::fs::File::open(&path)
    });
    match opened {
        Ok(file) => Box::new(Lines::new(doc, Box::new(io::BufReader::new(file)))),
        Err(e) => Box::new(std::iter::once(Job::Failed {
            doc,
            error: anyhow!("{e}"),
        })),
    }
}

fn file_jobs(path: PathBuf, options: &Options) -> Box<dyn Iterator<Item = Job> + Send> {
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
    let mut utf8_error = None;
    if meta.is_file() && options.encoding.is_none() {
        match scan_utf8(&mut file) {
            Ok(scanned) => utf8_error = Some(scanned),
            Err(e) => return failed(anyhow!("{e}")),
        }
    }
    Box::new(Stream::new(
        doc_name(&path),
        Box::new(file),
        options.clone(),
        utf8_error,
    ))
}

/// Where the first byte that is not valid UTF-8 is in the rest of `file`, if anywhere, read
/// block by block; the file is left where it was.
fn scan_utf8(file: &mut std::fs::File) -> io::Result<Option<usize>> {
    use std::io::{Seek, SeekFrom};
    let start = file.stream_position()?;
    let mut block = vec![0; SCAN_BLOCK];
    // Bytes of a character cut at the end of the last block, moved to the front.
    let mut carried = 0;
    let mut offset = 0;
    let found = loop {
        let n = file.read(&mut block[carried..])?;
        let filled = carried + n;
        match check_utf8(&block[..filled]) {
            Ok(()) => carried = 0,
            Err(e) if e.error_len().is_none() && n > 0 => {
                block.copy_within(e.valid_up_to()..filled, 0);
                carried = filled - e.valid_up_to();
            }
            Err(e) => break Some(offset + e.valid_up_to()),
        }
        if n == 0 {
            break None;
        }
        offset += filled - carried;
    };
    file.seek(SeekFrom::Start(start))?;
    Ok(found)
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
        Ok((text, warnings)) => Job::Piece(Piece {
            doc,
            text,
            offset: 0,
            lines: 0,
            warnings,
        }),
        Err(why) => Job::Skipped { doc, why },
    }
}

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
fn check_utf8(bytes: &[u8]) -> Result<(), std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(_) => std::str::from_utf8(bytes).map(|_| ()),
    }
}

/// Where the first byte of `bytes` that is not valid UTF-8 is, if anywhere; when `bytes` is
/// not `complete`, a character cut off at the end is no error (the rest follows).
fn utf8_error(bytes: &[u8], complete: bool) -> Option<usize> {
    match check_utf8(bytes) {
        Ok(()) => None,
        Err(e) if e.error_len().is_none() && !complete => None,
        Err(e) => Some(e.valid_up_to()),
    }
}

/// The encoding of a document whose first bytes are `head`, given where its first byte that is
/// not valid UTF-8 is, and a warning if the encoding had to be guessed; an error (why) if the
/// document is binary.
fn choose_encoding(
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

fn replaced(encoding: &'static Encoding) -> String {
    format!(
        "bytes that are not valid {} replaced by U+FFFD, so offsets after them index the \
         decoded text",
        encoding.name()
    )
}

/// A document read and decoded piece by piece: the pieces of a large file or of stdin.
///
/// The encoding is chosen from the first piece's bytes and, for a large file, a check of the
/// whole file for UTF-8; for stdin, bytes that turn out not to be UTF-8 after the first piece
/// are replaced. Each piece ends where [`cut_point`] says, so that pieces are independent
/// wherever paragraphs are.
struct Stream {
    doc: String,
    reader: Box<dyn Read + Send>,
    options: Options,
    /// Where the first byte that is not UTF-8 is, when the whole input was checked beforehand.
    utf8_error: Option<Option<usize>>,
    /// None until the first bytes have been read.
    decoder: Option<Decoder>,
    /// Text decoded and not yet handed out.
    text: String,
    /// Where `text` starts in the document: byte offset and lines before it.
    offset: usize,
    lines: usize,
    /// Invalid bytes were replaced, and said so.
    replaced: bool,
    eof: bool,
    done: bool,
}

impl Stream {
    fn new(
        doc: String,
        reader: Box<dyn Read + Send>,
        options: Options,
        utf8_error: Option<Option<usize>>,
    ) -> Stream {
        Stream {
            doc,
            reader,
            options,
            utf8_error,
            decoder: None,
            text: String::new(),
            offset: 0,
            lines: 0,
            replaced: false,
            eof: false,
            done: false,
        }
    }

    /// The next piece; `Ok(None)` at the end.
    fn next_piece(&mut self) -> Result<Option<Job>, io::Error> {
        let mut warnings = Vec::new();
        if self.decoder.is_none() {
            let head = self.read_bytes(self.options.piece.max(BINARY_PROBE))?;
            let utf8_error = self
                .utf8_error
                .unwrap_or_else(|| utf8_error(&head, self.eof));
            match choose_encoding(&head, utf8_error, self.options.encoding) {
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
        while !self.eof && self.text.len() < self.options.piece {
            let bytes = self.read_bytes(self.options.piece - self.text.len())?;
            self.decode(&bytes, &mut warnings);
        }
        if self.text.is_empty() {
            return Ok(None);
        }
        let cut = if self.eof && self.text.len() <= self.options.piece {
            self.text.len()
        } else {
            cut_point(&self.text, self.options.piece)
        };
        let rest = self.text.split_off(cut);
        let text = std::mem::replace(&mut self.text, rest);
        let piece = Piece {
            doc: self.doc.clone(),
            offset: self.offset,
            lines: self.lines,
            warnings,
            text,
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

/// The next job of a reader that yields jobs until its input ends or fails: the end, and a
/// failure after one failed job named by `doc`, leave `done` set. What was read before a
/// failure stays read; the rest of the input is lost.
pub fn end_on_failure(
    done: &mut bool,
    next: io::Result<Option<Job>>,
    doc: impl FnOnce() -> String,
) -> Option<Job> {
    match next {
        Ok(Some(job)) => Some(job),
        Ok(None) => {
            *done = true;
            None
        }
        Err(e) => {
            *done = true;
            Some(Job::Failed {
                doc: doc(),
                error: anyhow!("{e}"),
            })
        }
    }
}

/// Where to end a piece of `text` of at most `max` bytes: just after the last blank line
/// (`\n\n` or `\n\r\n`) in it, else after its last line end, else after its last space (so
/// that no word is cut), else at the last character boundary; never 0 unless `text` is empty.
pub fn cut_point(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text.as_bytes()[..end];
    let after = |i: Option<usize>, len: usize| i.map(|i| i + len);
    let blank_line = after(window.windows(2).rposition(|w| w == b"\n\n"), 2)
        .max(after(window.windows(3).rposition(|w| w == b"\n\r\n"), 3));
    let cut = blank_line
        .or_else(|| after(window.iter().rposition(|&b| b == b'\n'), 1))
        .or_else(|| after(window.iter().rposition(|&b| b == b' '), 1))
        .unwrap_or(end);
    if cut > 0 {
        return cut;
    }
    // A piece size smaller than the first character: take that character whole.
    text.char_indices().nth(1).map_or(text.len(), |(i, _)| i)
}

fn count_lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

#[cfg(test)]
mod tests {
    use std::io::Seek;

    use super::*;

    #[cfg(unix)]
    #[test]
    fn doc_names_show_bytes_that_are_not_utf8_as_path_display_does() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"news/caf\xe9.txt"));
        assert_eq!(doc_name(path), "news/caf\u{FFFD}.txt");
        assert_eq!(doc_name(path), path.display().to_string());
    }

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
    fn cut_points() {
        // (name, text, max, expected cut)
        let rows: &[(&str, &str, usize, usize)] = &[
            ("after the last blank line", "ab\n\ncd\n\nef\ngh", 12, 8),
            ("CRLF blank line", "ab\r\n\r\ncd\r\nef", 12, 6),
            ("no blank line: last line end", "ab\ncd\nef", 8, 6),
            ("one long line: after a space", "ab cdefgh", 5, 3),
            ("one long word: at max", "abcdefgh", 5, 5),
            ("never inside a character", "aé€", 4, 3),
            ("a character longer than max", "€x", 1, 3),
            ("whole text when it fits", "ab\n\ncd", 100, 4),
            ("empty", "", 10, 0),
        ];
        for (name, text, max, want) in rows {
            assert_eq!(cut_point(text, *max), *want, "{name}");
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
        let jobs: Vec<Job> = super::jobs(&paths, &options(100))
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
        // (name, bytes, first invalid byte)
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
            assert_eq!(scan_utf8(&mut file).unwrap(), want, "{name}");
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
