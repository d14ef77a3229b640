//! The progress display on stderr: files, megabytes done of the total, speed and time left.
//!
//! It is drawn only where it cannot tear output: stderr a terminal, and the output going to a
//! file (stdout redirected to one, or `-o FILE`), with more than one file to read and no
//! `--quiet`. Output on the same terminal, or piped into a program whose own output reaches
//! the terminal (`orbitext extract news/ | jq …`), would be torn by it, so neither ever sees
//! it; `--progress` and `--no-progress` override the rule. A terminal narrower than a bar
//! needs gets a one-line counter instead, so the line never wraps. The total is counted on a
//! thread of its own while the run goes, so a folder of a million files starts at once and is
//! still never listed in memory; until counting ends the total only grows.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::{self, Source};

/// Where stdout goes, as far as a progress display is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stdout {
    /// A terminal: output would be drawn over.
    Terminal,
    /// A pipe or socket: its reader may well write to the terminal.
    Pipe,
    /// A file or a device such as `/dev/null`: nothing a person watches.
    File,
}

impl Stdout {
    /// Where this process's stdout goes. Where the kind of file cannot be told, it is taken
    /// for a pipe, where nothing is drawn.
    pub fn detect() -> Stdout {
        let stdout = io::stdout();
        if stdout.is_terminal() {
            return Stdout::Terminal;
        }
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            use std::os::unix::fs::FileTypeExt;
            // A duplicate of the descriptor, closed again when the `File` is dropped.
            let kind = stdout
                .as_fd()
                .try_clone_to_owned()
                .and_then(|fd| std::fs::File::from(fd).metadata())
                .map(|meta| meta.file_type());
            if let Ok(kind) = kind {
                if !kind.is_fifo() && !kind.is_socket() {
                    return Stdout::File;
                }
            }
        }
        Stdout::Pipe
    }
}

/// What `--progress` and `--no-progress` ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// Neither: the rule decides.
    Auto,
    /// `--progress`: drawn whenever stderr is a terminal.
    Always,
    /// `--no-progress`: never drawn.
    Never,
}

/// Everything that decides whether and how progress is shown.
#[derive(Clone, Copy, Debug)]
pub struct Situation {
    pub asked: Asked,
    pub quiet: bool,
    pub stderr_terminal: bool,
    pub stdout: Stdout,
    /// The output goes to `-o FILE`, not stdout.
    pub output_file: bool,
    /// There is more than one file to read (one file or stdin is over before a bar helps).
    pub many_files: bool,
    /// The width of the terminal stderr is, in columns, when it can be told.
    pub width: Option<u16>,
}

/// How progress looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// A bar across the terminal with the figures beside it.
    Bar,
    /// The figures alone, on one line shorter than the narrowest usual terminal.
    Counter,
}

/// The narrowest terminal that gets a bar: the figures beside it take about 60 columns.
pub const BAR_WIDTH: u16 = 80;

/// Whether progress is shown and how: [`Situation`] in, the look or nothing out.
pub fn decide(s: Situation) -> Option<Look> {
    // indicatif draws nothing on a stderr that is no terminal: nothing to start.
    if !s.stderr_terminal {
        return None;
    }
    let shown = match s.asked {
        Asked::Always => true,
        Asked::Never => false,
        Asked::Auto => {
            let output_watched = !s.output_file && s.stdout != Stdout::File;
            !s.quiet && s.many_files && !output_watched
        }
    };
    shown.then(|| look(s.width))
}

/// The look for a terminal `width` columns wide (the counter where the width is unknown).
pub fn look(width: Option<u16>) -> Look {
    match width {
        Some(w) if w >= BAR_WIDTH => Look::Bar,
        _ => Look::Counter,
    }
}

/// Whether `paths` name more than one file: several paths, or a folder.
pub fn many_files(paths: &[PathBuf]) -> bool {
    paths.len() > 1 || paths.iter().any(|p| p.is_dir())
}

/// The width of the terminal stderr is, if it is one.
pub fn stderr_width() -> Option<u16> {
    console::Term::stderr()
        .size_checked()
        .map(|(_rows, cols)| cols)
}

/// How often the terminal's width is asked for while progress is shown.
const WIDTH_EVERY: Duration = Duration::from_millis(250);

/// The template of each look.
fn style(look: Look) -> ProgressStyle {
    let template = match look {
        Look::Bar => {
            "{spinner} {elapsed_precise} [{wide_bar}] {msg}  \
             {decimal_bytes}/{decimal_total_bytes}  {decimal_bytes_per_sec}  ETA {eta}"
        }
        // About 40 columns for a run of thousands of files and gigabytes.
        Look::Counter => "{msg}, {decimal_bytes}/{decimal_total_bytes}, ETA {eta}",
    };
    ProgressStyle::with_template(template)
        .expect("a valid template")
        .progress_chars("=> ")
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
    /// The look drawn now: it follows the terminal's width as the terminal is resized.
    look: Look,
    /// When the width was last asked for: a few times a second, not at each of a million
    /// lines of JSON Lines.
    width_asked: Instant,
}

impl Progress {
    /// Start showing progress, in `look`, for a run over `paths`, and counting their files
    /// and bytes.
    pub fn start(paths: &[PathBuf], look: Look) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
            .with_style(style(look))
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
            look,
            width_asked: Instant::now(),
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
        // A terminal made narrower than a bar needs gets the counter, and a wider one the bar.
        if self.width_asked.elapsed() >= WIDTH_EVERY {
            self.width_asked = Instant::now();
            let look = look(stderr_width());
            if look != self.look {
                self.look = look;
                self.bar.set_style(style(look));
            }
        }
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
    fn shown_only_where_it_cannot_tear_output() {
        let watching = Situation {
            asked: Asked::Auto,
            quiet: false,
            stderr_terminal: true,
            stdout: Stdout::File,
            output_file: false,
            many_files: true,
            width: Some(120),
        };
        let with = |f: &dyn Fn(&mut Situation)| {
            let mut s = watching;
            f(&mut s);
            decide(s)
        };
        // (name, the situation's difference from a run into a file watched at a terminal,
        // what is shown)
        type Change<'a> = &'a dyn Fn(&mut Situation);
        let rows: [(&str, Change, Option<Look>); 18] = [
            ("stdout into a file", &|_| {}, Some(Look::Bar)),
            ("stdout a pipe", &|s| s.stdout = Stdout::Pipe, None),
            (
                "stdout the terminal",
                &|s| s.stdout = Stdout::Terminal,
                None,
            ),
            (
                "-o FILE, stdout the terminal",
                &|s| (s.stdout, s.output_file) = (Stdout::Terminal, true),
                Some(Look::Bar),
            ),
            (
                "-o FILE, stdout a pipe",
                &|s| (s.stdout, s.output_file) = (Stdout::Pipe, true),
                Some(Look::Bar),
            ),
            ("one file", &|s| s.many_files = false, None),
            ("--quiet", &|s| s.quiet = true, None),
            (
                "stderr not a terminal",
                &|s| s.stderr_terminal = false,
                None,
            ),
            ("79 columns", &|s| s.width = Some(79), Some(Look::Counter)),
            ("80 columns", &|s| s.width = Some(80), Some(Look::Bar)),
            ("width unknown", &|s| s.width = None, Some(Look::Counter)),
            ("--no-progress", &|s| s.asked = Asked::Never, None),
            (
                "--progress, stdout a pipe",
                &|s| (s.asked, s.stdout) = (Asked::Always, Stdout::Pipe),
                Some(Look::Bar),
            ),
            (
                "--progress, stdout the terminal at 60 columns",
                &|s| (s.asked, s.stdout, s.width) = (Asked::Always, Stdout::Terminal, Some(60)),
                Some(Look::Counter),
            ),
            (
                "--progress, one file, --quiet",
                &|s| (s.asked, s.many_files, s.quiet) = (Asked::Always, false, true),
                Some(Look::Bar),
            ),
            (
                "--progress, stderr not a terminal",
                &|s| (s.asked, s.stderr_terminal) = (Asked::Always, false),
                None,
            ),
            (
                "--no-progress, -o FILE",
                &|s| (s.asked, s.output_file) = (Asked::Never, true),
                None,
            ),
            (
                "everything piped",
                &|s| (s.stdout, s.stderr_terminal) = (Stdout::Pipe, false),
                None,
            ),
        ];
        for (name, change, shown) in rows {
            assert_eq!(with(change), shown, "{name}");
        }
    }

    #[test]
    fn each_look_is_a_valid_template() {
        for look in [Look::Bar, Look::Counter] {
            let bar = ProgressBar::hidden().with_style(style(look));
            bar.finish_and_clear();
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
