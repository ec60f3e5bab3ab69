//! Reading the corpus on a thread of its own, in corpus order, handing
//! the documents over as they are read: a screen shows its first frame
//! once the first document is in, not after a million paragraphs
//! (issue 18). The files are listed first, at once, so a missing corpus
//! dir is still an error before anything starts. A screen keeps the
//! corpus for hours, so each document's texts are packed as it is read.

use super::document::{CorpusOptions, Document};
use super::read::{list_files, read_entry, CorpusError};
use rayon::prelude::*;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};

/// Files read together (in parallel) before they are handed over; the
/// first runs are short so the first document comes at once.
const RUNS: [usize; 6] = [1, 2, 4, 8, 16, 32];

/// Test hook: wait this many ms before each file (the tmux test of keys
/// working while reading goes on needs a read that takes a while).
const DELAY_VAR: &str = "BIAOZHU_TEST_READ_DELAY_MS";

/// Test hook: the first frame waits for every file (unless
/// [`DELAY_VAR`] is set). The terminal tests that are not about reading
/// set it, so their first keys meet the whole corpus on a loaded machine.
const ALL_FIRST_VAR: &str = "BIAOZHU_TEST_READ_ALL_FIRST";

/// What has been read since the last [`Reader::take`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// The documents read, in corpus order, following those taken before.
    pub documents: Vec<Document>,
    /// Files read so far, of `files`.
    pub read: usize,
    pub files: usize,
    /// Every file has been read (this batch holds the last documents).
    pub done: bool,
}

#[derive(Default)]
struct State {
    ready: Vec<Document>,
    read: usize,
    files: usize,
    done: bool,
}

/// The reading thread's results, shared with whoever takes them.
pub struct Reader {
    state: Mutex<State>,
    changed: Condvar,
    /// See [`ALL_FIRST_VAR`].
    all_first: bool,
}

impl Reader {
    /// List the files under `dir` now (an unusable dir is an error), then
    /// read them on a thread of their own.
    pub fn start(dir: &Path, opts: &CorpusOptions) -> Result<Arc<Reader>, CorpusError> {
        Listed::list(dir)?.start(opts)
    }
}

/// The corpus's files, listed (the dir is usable), not read yet: a screen
/// lists them before anything else, so a missing corpus dir is the first
/// thing it says, and starts reading when it is ready to.
pub struct Listed {
    dir: std::path::PathBuf,
    files: Vec<super::read::Entry>,
}

impl Listed {
    pub fn list(dir: &Path) -> Result<Listed, CorpusError> {
        Ok(Listed {
            dir: dir.to_owned(),
            files: list_files(dir)?,
        })
    }

    /// Read the files on a thread of their own.
    pub fn start(self, opts: &CorpusOptions) -> Result<Arc<Reader>, CorpusError> {
        let Listed { dir, files } = self;
        let dir = dir.as_path();
        let all_first =
            std::env::var_os(ALL_FIRST_VAR).is_some() && std::env::var_os(DELAY_VAR).is_none();
        let reader = Arc::new(Reader {
            state: Mutex::new(State {
                files: files.len(),
                ..State::default()
            }),
            changed: Condvar::new(),
            all_first,
        });
        let delay = std::env::var(DELAY_VAR)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .map(std::time::Duration::from_millis);
        let shared = Arc::clone(&reader);
        let opts = *opts;
        std::thread::Builder::new()
            .name("corpus-reader".into())
            .spawn(move || {
                let mut rest = &files[..];
                let mut runs = RUNS.iter().copied().chain(std::iter::repeat(RUNS[5]));
                // Once a document with paragraphs is in, the rest waits
                // for the screen's first frame: on 2 cores, reading on
                // slowed placing the stored labels on the first document.
                let mut held_back = all_first;
                while !rest.is_empty() {
                    let n = runs.next().unwrap_or(1).min(rest.len());
                    let documents: Vec<Document> = rest[..n]
                        .par_iter()
                        .map(|entry| {
                            if let Some(d) = delay {
                                std::thread::sleep(d);
                            }
                            let mut document = read_entry(entry, &opts);
                            document.pack();
                            document
                        })
                        .collect();
                    rest = &rest[n..];
                    let found = documents.iter().any(|d| !d.paragraphs.is_empty());
                    shared.hand_over(documents, rest.is_empty());
                    if found && !held_back {
                        held_back = true;
                        crate::threads::after_first_frame(crate::threads::FIRST_FRAME_WAIT);
                    }
                }
                shared.hand_over(Vec::new(), true);
            })
            .map_err(|source| CorpusError::Dir {
                dir: dir.to_owned(),
                source,
            })?;
        Ok(reader)
    }
}

impl Reader {
    fn hand_over(&self, documents: Vec<Document>, done: bool) {
        let mut state = self.lock();
        state.read += documents.len();
        state.ready.extend(documents);
        state.done = done;
        self.changed.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A reading thread that panicked leaves what it read.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many files there are to read.
    pub fn files(&self) -> usize {
        self.lock().files
    }

    /// What has been read since the last take (maybe nothing).
    pub fn take(&self) -> Batch {
        let mut state = self.lock();
        Batch {
            documents: std::mem::take(&mut state.ready),
            read: state.read,
            files: state.files,
            done: state.done,
        }
    }

    /// What has been read since the last take, up to the first document
    /// with paragraphs (maybe nothing): a screen's first frame need not
    /// wait for everything read while it was being made.
    pub fn take_first(&self) -> Batch {
        if self.all_first {
            return self.take_all();
        }
        let mut state = self.lock();
        let n = state
            .ready
            .iter()
            .position(|d| !d.paragraphs.is_empty())
            .map_or(state.ready.len(), |i| i + 1);
        let documents: Vec<Document> = state.ready.drain(..n).collect();
        // Files read: those handed over so far, the rest still waiting.
        let read = state.read - state.ready.len();
        Batch {
            documents,
            read,
            files: state.files,
            done: state.done && state.ready.is_empty(),
        }
    }

    /// Wait until a document with paragraphs has been read, or every
    /// file has; whether one has (taking nothing).
    pub fn wait_first(&self) -> bool {
        let mut state = self.lock();
        loop {
            let whole = !self.all_first || state.done;
            if whole && state.ready.iter().any(|d| !d.paragraphs.is_empty()) {
                return true;
            }
            if state.done {
                return false;
            }
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Wait for every file, then take what is left.
    pub fn take_all(&self) -> Batch {
        // No frame is drawn before everything is in: the reading thread
        // must not wait for one.
        crate::threads::first_frame_drawn();
        let mut state = self.lock();
        while !state.done {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        drop(state);
        self.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_arrive_in_corpus_order_and_all_of_them() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..70 {
            let sub = dir.path().join(format!("{}", i % 3));
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(
                sub.join(format!("报告{i:02}.txt")),
                format!("一、总体情况\n　　全年𠀀，增长{i}%。「十四五」ｶﾞ\n"),
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("空.txt"), "  \n").unwrap();
        let opts = CorpusOptions::default();
        let whole = crate::corpus::load(dir.path(), &opts).unwrap();
        let reader = Reader::start(dir.path(), &opts).unwrap();
        assert!(reader.wait_first());
        let first = reader.take();
        assert!(!first.documents.is_empty());
        assert_eq!(first.files, 71);
        let mut got = first.documents;
        loop {
            let batch = reader.take();
            got.extend(batch.documents);
            if batch.done {
                assert_eq!(batch.read, 71);
                break;
            }
            std::thread::yield_now();
        }
        got.extend(reader.take().documents);
        assert_eq!(got, whole.documents);
    }

    #[test]
    fn a_missing_dir_is_an_error_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("nope");
        assert!(Reader::start(&gone, &CorpusOptions::default()).is_err());
    }

    #[test]
    fn an_empty_corpus_is_done_with_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let reader = Reader::start(dir.path(), &CorpusOptions::default()).unwrap();
        assert!(!reader.wait_first());
        let batch = reader.take();
        assert!(batch.done);
        assert!(batch.documents.is_empty());
        assert_eq!(reader.take_all().read, 0);
    }
}
