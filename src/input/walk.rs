//! Which files the paths on the command line name: files, folders walked recursively in
//! sorted order (hidden entries skipped, symbolic links followed), and `-` for stdin. Listing
//! is lazy, so a folder of a million files is never held in memory. The files the run writes
//! to, stdout's (`orbitext extract news/ >> news/out.csv`) and the one `-o` names
//! (`orbitext extract news/ -o news/out.csv`, registered by [`never_read`]), are never read,
//! or the run would read its own output back: each is told by device and inode, as ripgrep
//! tells stdout's, and skipped with a warning.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::anyhow;
use walkdir::WalkDir;

/// One place to read a document from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// The name of the file at `path` in records and messages: the path as given or found, with
/// any bytes that are not UTF-8 shown as U+FFFD (as `Path::display` shows them, without going
/// through the formatting machinery once per file).
pub fn doc_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A source that could not be listed, with the reason; or, when `skipped`, one passed over
/// on purpose, which is a warning rather than an error.
#[derive(Debug)]
pub struct ListError {
    pub path: String,
    pub error: anyhow::Error,
    pub skipped: bool,
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
    let mut outputs: Vec<(FileId, &str)> = Vec::new();
    if let Some(id) = stdout_file() {
        outputs.push((id, "stdout"));
    }
    let named = NEVER_READ.lock().unwrap_or_else(|e| e.into_inner());
    outputs.extend(named.iter().map(|&id| (id, "-o")));
    drop(named);
    stdin_only
        .into_iter()
        .chain(
            paths
                .into_iter()
                .flat_map(expand)
                .map(move |source| match source {
                    Ok(Source::File(path)) if !outputs.is_empty() => {
                        let id = identity(&path);
                        match outputs.iter().find(|(out, _)| Some(*out) == id) {
                            Some((_, by)) => Err(ListError {
                                path: doc_name(&path),
                                error: anyhow!("is the file {by} writes to; skipped"),
                                skipped: true,
                            }),
                            None => Ok(Source::File(path)),
                        }
                    }
                    other => other,
                }),
        )
}

/// A file's device and inode, which name it whatever the path it is reached by.
type FileId = (u64, u64);
type Identity = Option<FileId>;

/// The files besides stdout's that this process writes to: what [`sources`] lists from the
/// moment one is registered passes them over. A file can be registered more than once, by
/// outputs open at the same time, and stays so until the last of them lets go.
static NEVER_READ: Mutex<Vec<FileId>> = Mutex::new(Vec::new());

/// The file at `path`, which the run writes to, is never read while the returned guard is
/// held; nothing is registered for a path that is not an existing regular file, since no
/// other file can be it.
pub fn never_read(path: &Path) -> NeverRead {
    let id = regular_file(path);
    if let Some(id) = id {
        NEVER_READ
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(id);
    }
    NeverRead(id)
}

/// A file registered by [`never_read`], registered until the guard is dropped: once the
/// output is replaced its inode may be used again by another file.
#[derive(Debug)]
pub struct NeverRead(Identity);

impl Drop for NeverRead {
    fn drop(&mut self) {
        let Some(id) = self.0 else { return };
        let mut ids = NEVER_READ.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = ids.iter().position(|&other| other == id) {
            ids.swap_remove(at);
        }
    }
}

/// The regular file stdout writes to, if it is one (not a pipe or a terminal).
#[cfg(unix)]
fn stdout_file() -> Identity {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
    let meta = std::fs::File::from(fd).metadata().ok()?;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

#[cfg(unix)]
fn identity(path: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.dev(), meta.ino()))
}

/// The identity of the regular file at `path`, if there is one.
#[cfg(unix)]
fn regular_file(path: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

/// Elsewhere no file is told apart from the outputs: none is skipped.
#[cfg(not(unix))]
fn stdout_file() -> Identity {
    None
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Identity {
    None
}

#[cfg(not(unix))]
fn regular_file(_: &Path) -> Identity {
    None
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
            skipped: false,
        })),
        Err(err) => {
            let at = doc_name(err.path().unwrap_or(&path));
            // walkdir's message repeats the path; keep only the reason.
            let error = match err.io_error() {
                Some(io) => anyhow!("{io}"),
                None => anyhow!("{err}"),
            };
            Some(Err(ListError {
                path: at,
                error,
                skipped: false,
            }))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn doc_names_show_bytes_that_are_not_utf8_as_path_display_does() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"news/caf\xe9.txt"));
        assert_eq!(doc_name(path), "news/caf\u{FFFD}.txt");
        assert_eq!(doc_name(path), path.display().to_string());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_is_passed_over_while_registered_and_listed_once_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        std::fs::write(&out, "doc\n").unwrap();
        let listed = || -> Vec<bool> {
            sources(&[dir.path().to_path_buf()])
                .map(|s| matches!(s, Ok(Source::File(_))))
                .collect()
        };
        // No registration for a file that does not exist: no other file can be it.
        drop(never_read(&dir.path().join("missing.csv")));
        let held = never_read(&out);
        let twice = never_read(&out);
        assert_eq!(listed(), [false]);
        let skipped = sources(std::slice::from_ref(&out))
            .next()
            .unwrap()
            .unwrap_err();
        assert!(skipped.skipped, "{:?}", skipped.error);
        assert!(
            skipped.error.to_string().contains("-o writes to"),
            "{}",
            skipped.error
        );
        drop(twice);
        assert_eq!(listed(), [false]);
        drop(held);
        assert_eq!(listed(), [true]);
    }
}
