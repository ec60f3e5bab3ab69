//! Progress of long commands on stderr: reading the corpus, reading and
//! writing stores, import, export, repair. Drawn by indicatif only when
//! stderr is a terminal and `--quiet` was not given, and cleared when the
//! step ends, so nothing of it stays in a log or a pipe.

use crate::corpus::Watch;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: no progress at all.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn shown() -> bool {
    !QUIET.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

/// One step of a command, with a count of `unit`s done (of a total once
/// known). Cleared when dropped.
pub struct Step {
    bar: ProgressBar,
}

impl Step {
    /// A step called `what` (`reading the corpus`), counting `unit`s.
    pub fn new(what: &str, unit: &str) -> Step {
        let bar = if shown() {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        let template = format!(
            "{{spinner}} {what}: {{human_pos}}/{{human_len}} {unit} {{wide_bar}} {{elapsed}}"
        );
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(120));
        Step { bar }
    }

    /// The total is `n`.
    pub fn total(&self, n: u64) {
        self.bar.set_length(n);
    }

    /// `n` more done.
    pub fn add(&self, n: u64) {
        self.bar.inc(n);
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

impl Watch for Step {
    fn listed(&self, files: usize) {
        self.total(files as u64);
    }
    fn read(&self) {
        self.add(1);
    }
}
