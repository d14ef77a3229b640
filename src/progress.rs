//! The progress bar on stderr: files, megabytes done of the total, speed and time left.
//!
//! It is shown only to a person watching a long run: stderr a terminal, stdout not (records
//! written to the same terminal would tear through it), more than one file, and no
//! `--quiet`. Pipes, CI logs and data engines never see it. The total is counted on a thread
//! of its own while the run goes, so a folder of a million files starts at once and is still
//! never listed in memory; until counting ends the total only grows.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::{self, Source};

/// Whether a run shows the progress bar: only for a person at a terminal, never in pipes.
pub fn wanted(quiet: bool, stderr_terminal: bool, stdout_terminal: bool, many_files: bool) -> bool {
    !quiet && stderr_terminal && !stdout_terminal && many_files
}

/// Whether `paths` name more than one file: several paths, or a folder.
pub fn many_files(paths: &[PathBuf]) -> bool {
    paths.len() > 1 || paths.iter().any(|p| p.is_dir())
}

/// A progress bar being drawn, and the thread counting what there is to do.
pub struct Progress {
    bar: ProgressBar,
    /// Sources listed so far by the counting thread: files, stdin, and paths that failed.
    total: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    counter: Option<JoinHandle<()>>,
    /// The source whose jobs were last finished, counted from 1.
    current: u64,
}

impl Progress {
    /// Start drawing a bar for a run over `paths`, and counting their files and bytes.
    pub fn start(paths: &[PathBuf]) -> Progress {
        let style = ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {msg}  \
             {decimal_bytes}/{decimal_total_bytes}  {decimal_bytes_per_sec}  ETA {eta}",
        )
        .expect("a valid template")
        .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
            .with_style(style)
            .with_message("counting files");
        let total = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let counter = {
            let (bar, total, stop) = (bar.clone(), total.clone(), stop.clone());
            let sources = input::sources(paths);
            std::thread::spawn(move || {
                for source in sources {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    if let Ok(Source::File(path)) = source {
                        bar.inc_length(std::fs::metadata(path).map_or(0, |m| m.len()));
                    }
                    total.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        Progress {
            bar,
            total,
            stop,
            counter: Some(counter),
            current: 0,
        }
    }

    /// Count a finished job: `source` is the index of the source it came from, in input order,
    /// and `bytes` about how many bytes of input it held.
    pub fn advance(&mut self, source: usize, bytes: u64) {
        if self.current == 0 {
            // Drawn from the first finished job on, not before: by then the counting thread
            // has a total to show, and the time and speed keep moving during a slow document.
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
        self.current = source as u64 + 1;
        let total = self.total.load(Ordering::Relaxed).max(self.current);
        self.bar
            .set_message(format!("{}/{} files", self.current, total));
        self.bar.inc(bytes);
    }

    /// Run `f` (say, printing a warning) with the bar cleared, then draw it again below.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Stop counting and clear the bar.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(counter) = self.counter.take() {
            // It stops at the next file it lists: nothing touches the bar once it is cleared.
            let _ = counter.join();
        }
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_to_a_person_watching_several_files() {
        // (name, quiet, stderr a terminal, stdout a terminal, many files, shown)
        let rows = [
            ("watching a run into a file", false, true, false, true, true),
            ("one file", false, true, false, false, false),
            ("--quiet", true, true, false, true, false),
            ("stderr piped or in CI", false, false, false, true, false),
            (
                "records on the terminal too",
                false,
                true,
                true,
                true,
                false,
            ),
            ("everything piped", false, false, false, false, false),
        ];
        for (name, quiet, stderr, stdout, many, shown) in rows {
            assert_eq!(wanted(quiet, stderr, stdout, many), shown, "{name}");
        }
    }

    #[test]
    fn many_files_means_several_paths_or_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "NASA").unwrap();
        let folder = dir.path().to_path_buf();
        // (name, paths, many)
        let rows: [(&str, Vec<PathBuf>, bool); 5] = [
            ("stdin", vec![], false),
            ("one file", vec![file.clone()], false),
            ("a folder", vec![folder], true),
            ("two files", vec![file.clone(), file.clone()], true),
            ("a file and stdin", vec![file, PathBuf::from("-")], true),
        ];
        for (name, paths, many) in rows {
            assert_eq!(many_files(&paths), many, "{name}");
        }
    }
}
