//! Where documents come from: paths given on the command line, folders walked recursively in
//! sorted order (hidden entries skipped), and stdin. Listing is lazy, so a folder of a
//! million files is never held in memory; reading happens on the worker threads.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use walkdir::WalkDir;

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
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// A document: its name and its text.
#[derive(Clone, Debug)]
pub struct Document {
    pub name: String,
    pub text: String,
}

/// A source that could not be listed, with the reason.
#[derive(Debug)]
pub struct ListError {
    pub path: String,
    pub error: anyhow::Error,
}

/// The sources named by `paths` in order: `-` (or no path at all) is stdin, a folder is every
/// file below it in sorted path order. Missing paths come out as errors in their place.
pub fn sources(paths: &[PathBuf]) -> impl Iterator<Item = Result<Source, ListError>> + '_ {
    let stdin_only = paths.is_empty().then_some(Ok(Source::Stdin));
    stdin_only
        .into_iter()
        .chain(paths.iter().flat_map(|p| expand(p)))
}

fn expand(path: &Path) -> Box<dyn Iterator<Item = Result<Source, ListError>> + '_> {
    if path.as_os_str() == "-" {
        return Box::new(std::iter::once(Ok(Source::Stdin)));
    }
    if !path.is_dir() {
        return Box::new(std::iter::once(Ok(Source::File(path.to_path_buf()))));
    }
    let walk = WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    Box::new(walk.filter_map(|entry| match entry {
        Ok(e) if e.file_type().is_dir() => None,
        Ok(e) => Some(Ok(Source::File(e.into_path()))),
        Err(err) => {
            let at = err.path().unwrap_or(path).display().to_string();
            let error = match err.io_error() {
                Some(io) => anyhow!("{}", std::io::Error::new(io.kind(), io.to_string())),
                None => anyhow!("{err}"),
            };
            Some(Err(ListError { path: at, error }))
        }
    }))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Read a source whole.
pub fn read(source: &Source) -> anyhow::Result<Document> {
    let bytes = match source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .context("cannot read")?;
            buf
        }
        Source::File(path) => std::fs::read(path).map_err(|e| anyhow!("{e}"))?,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "not valid UTF-8 (byte {}); convert the file to UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Document {
        name: source.name(),
        text,
    })
}
