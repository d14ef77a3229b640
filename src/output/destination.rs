//! Where a command's output goes: stdout, or the file that `-o` names, written whole or not at
//! all. The output goes to a temporary file in the same folder (hidden, so that a folder being
//! read does not take it for input), which is renamed over the file once everything is written
//! and on disk. A run that stops on an error removes the temporary file and leaves the file as
//! it was; a run killed by a signal may leave the temporary file behind, never a half-written
//! file. A path that is not a regular file (`/dev/null`, a FIFO) cannot be replaced and is
//! written in place. A write that fails names where it went (`stdout: No space left on
//! device`), so that the message says which output is at fault. The file being replaced is
//! never read as input while it is open, as stdout's file is not.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufWriter, IoSlice, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tempfile::NamedTempFile;

use super::Format;
use crate::input::walk::{never_read, NeverRead};

/// An open output: written through a buffer, and put in place by [`Destination::commit`].
pub enum Destination {
    Stdout(BufWriter<io::Stdout>),
    /// A file being written beside `path`, renamed to it at the end; `path`, if it exists
    /// already, is not read as input meanwhile.
    Replace {
        temp: BufWriter<NamedTempFile>,
        path: PathBuf,
        _unread: NeverRead,
    },
    /// A special file (a device, a FIFO), written as it is, and its path.
    InPlace(BufWriter<File>, PathBuf),
}

impl Destination {
    /// Stdout, for output that is never a workbook.
    pub fn stdout() -> Destination {
        Destination::Stdout(BufWriter::new(io::stdout()))
    }

    /// Open `path`, or stdout without one, for output in `format`. A workbook is refused on a
    /// terminal, where its bytes would be noise; nothing is replaced yet.
    pub fn open(path: Option<&Path>, format: Format) -> anyhow::Result<Destination> {
        let Some(path) = path else {
            if let Some(why) = refusal(format, io::stdout().is_terminal()) {
                anyhow::bail!("{why}");
            }
            return Ok(Destination::stdout());
        };
        let cannot = || format!("cannot write {}", path.display());
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                anyhow::bail!("cannot write {}: it is a folder", path.display())
            }
            Ok(meta) if !meta.is_file() => {
                let file = File::options()
                    .write(true)
                    .open(path)
                    .with_context(cannot)?;
                if let Some(why) = refusal(format, file.is_terminal()) {
                    anyhow::bail!("{why}");
                }
                return Ok(Destination::InPlace(
                    BufWriter::new(file),
                    path.to_path_buf(),
                ));
            }
            _ => {}
        }
        // A symbolic link stays one: the file it points to is the one replaced.
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let path = match is_link {
            true => fs::canonicalize(path).with_context(cannot)?,
            false => path.to_path_buf(),
        };
        let temp = temporary_beside(&path).with_context(cannot)?;
        Ok(Destination::Replace {
            temp: BufWriter::new(temp),
            _unread: never_read(&path),
            path,
        })
    }

    /// Flush what is buffered and, for a file, put it in place of the one it replaces, with
    /// that file's permissions.
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.flush()?;
        match self {
            Destination::Stdout(_) | Destination::InPlace(..) => {}
            Destination::Replace { temp, path, .. } => {
                let cannot = || format!("cannot write {}", path.display());
                let temp = temp
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)
                    .with_context(cannot)?;
                if let Ok(meta) = fs::metadata(&path) {
                    temp.as_file()
                        .set_permissions(meta.permissions())
                        .with_context(cannot)?;
                }
                // On disk before the rename, so that a crash right after it cannot leave an
                // empty file in place of the old one.
                temp.as_file().sync_all().with_context(cannot)?;
                temp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(cannot)?;
            }
        }
        Ok(())
    }

    fn out(&mut self) -> &mut dyn Write {
        match self {
            Destination::Stdout(out) => out,
            Destination::Replace { temp, .. } => temp,
            Destination::InPlace(out, _) => out,
        }
    }

    /// `error`, from writing this output, as a [`WriteError`] that names the output; an
    /// interrupted write is left as it is, to be tried again.
    fn named<T>(&self, result: io::Result<T>) -> io::Result<T> {
        result.map_err(|error| {
            if error.kind() == io::ErrorKind::Interrupted
                || error.get_ref().is_some_and(|e| e.is::<WriteError>())
            {
                return error;
            }
            let to = match self {
                Destination::Stdout(_) => None,
                Destination::Replace { path, .. } => Some(path.clone()),
                Destination::InPlace(_, path) => Some(path.clone()),
            };
            io::Error::new(error.kind(), WriteError { to, error })
        })
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.out().write(buf);
        self.named(written)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        let written = self.out().write_vectored(bufs);
        self.named(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.out().flush();
        self.named(flushed)
    }
}

/// A write that failed, and where it went: stdout (`to` is `None`) or a file. Shown as
/// `stdout: No space left on device`, without the system's error number.
#[derive(Debug)]
pub struct WriteError {
    pub to: Option<PathBuf>,
    pub error: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.to {
            None => write!(f, "stdout: {}", plain(&self.error)),
            Some(path) => write!(f, "cannot write {}: {}", path.display(), plain(&self.error)),
        }
    }
}

/// The error's own source is not this one's: the message already says all of it.
impl std::error::Error for WriteError {}

/// The message of an I/O error in words only: `No space left on device`, not `No space left
/// on device (os error 28)`.
pub fn plain(error: &io::Error) -> String {
    let shown = error.to_string();
    match error.raw_os_error() {
        Some(code) => shown
            .strip_suffix(&format!(" (os error {code})"))
            .map_or_else(|| shown.clone(), str::to_string),
        None => shown,
    }
}

/// Why output in `format` is not written to a terminal, if it is not.
fn refusal(format: Format, terminal: bool) -> Option<&'static str> {
    (format == Format::Xlsx && terminal).then_some(
        "xlsx is a binary file, not for the terminal: write it with -o FILE (or redirect stdout)",
    )
}

/// A new, empty temporary file in the folder of `path`, named after it: `.out.csv.orbitext-…`.
/// It is created as a redirection creates a file (mode 0666 less the umask), not with the
/// owner-only mode of temporary files, since it becomes the output.
fn temporary_beside(path: &Path) -> io::Result<NamedTempFile> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let prefix = format!(".{}.orbitext-", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_workbook_is_refused_on_a_terminal() {
        // (format, stdout a terminal, refused)
        let table = [
            (Format::Xlsx, true, true),
            (Format::Xlsx, false, false),
            (Format::Csv, true, false),
            (Format::Tsv, true, false),
            (Format::Jsonl, true, false),
            (Format::Json, true, false),
        ];
        for (format, terminal, refused) in table {
            let why = refusal(format, terminal);
            assert_eq!(why.is_some(), refused, "{format:?}, terminal {terminal}");
            if let Some(why) = why {
                assert!(why.contains("-o FILE"), "{why}");
            }
        }
    }

    #[test]
    fn a_file_is_replaced_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, "old\n").unwrap();
        let listing = || {
            let mut names: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };

        // Dropped without a commit, as when a run stops on an error.
        let mut out = Destination::open(Some(&path), Format::Csv).unwrap();
        out.write_all(b"half").unwrap();
        out.flush().unwrap();
        let names = listing();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[0].starts_with(".out.csv.orbitext-"), "{names:?}");
        drop(out);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(listing(), ["out.csv"]);

        let mut out = Destination::open(Some(&path), Format::Csv).unwrap();
        out.write_all(b"new\n").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(listing(), ["out.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_link_stays_a_link() {
        use std::os::unix::fs::PermissionsExt;

        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        fs::write(&real, "old\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();

        let mut out = Destination::open(Some(&link), Format::Csv).unwrap();
        out.write_all(b"new\n").unwrap();
        out.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
        let mode = fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_special_file_is_written_in_place() {
        let mut out = Destination::open(Some(Path::new("/dev/null")), Format::Csv).unwrap();
        assert!(matches!(out, Destination::InPlace(..)));
        out.write_all(b"gone\n").unwrap();
        out.commit().unwrap();
        assert!(!fs::metadata("/dev/null").unwrap().file_type().is_file());
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Destination::open(Some(dir.path()), Format::Csv)
            .err()
            .unwrap();
        assert!(format!("{err:#}").contains("it is a folder"), "{err:#}");
    }
}
