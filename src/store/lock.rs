//! Opening a sled database under its lock.
//!
//! Locking: sled takes an exclusive, non-blocking `flock` on the store's
//! `db` file when it opens (fs2 `try_lock_exclusive`) and holds it until the
//! database is dropped. `flock` locks belong to the open file description,
//! so a second open fails both from another process and from a second
//! [`SledStore::open`] in the same process; sled reports it as an
//! `io::Error` ("could not acquire lock on …: … WouldBlock"), which we turn
//! into [`StoreError::Locked`].
//!
//! Dropping a store does not always release the lock at once: sled's
//! background writes (its global thread pool) and epoch-deferred frees hold
//! the `db` file open a little longer, a few milliseconds when other sled
//! databases in the process are busy. So [`SledStore::open`] keeps a
//! registry of the stores open in this process (a second open of one of
//! those is refused at once) and, for any other lock failure, retries for up
//! to [`LOCK_WAIT`] before reporting [`StoreError::Locked`]: a close-and-
//! reopen in one process always works, and a real second session is still
//! refused (after `LOCK_WAIT`).
//!
//! [`SledStore::open`]: super::SledStore::open
//! [`StoreError::Locked`]: super::StoreError::Locked

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long `SledStore::open` retries a lock held by no store open in this
/// process (see the module docs) before it reports `StoreError::Locked`.
pub const LOCK_WAIT: Duration = Duration::from_millis(1500);

/// The stores open in this process, by canonical path.
static OPEN_HERE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// A path's place in [`OPEN_HERE`], given up on drop.
pub(super) struct Registration(PathBuf);

impl Registration {
    /// Registers `key`, or None when a store of this process has it open.
    pub(super) fn take(key: PathBuf) -> Option<Registration> {
        let mut open = OPEN_HERE.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = open.insert(key.clone());
        drop(open);
        // Lazily (not `then_some`): building a Registration for a key
        // someone else holds would unregister it when dropped.
        fresh.then(|| Registration(key))
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut open = OPEN_HERE.lock().unwrap_or_else(|e| e.into_inner());
        open.remove(&self.0);
    }
}

/// What a store is opened for, which sets sled's page cache limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Reading and writing labels as they come (64 MiB; sled's default is
    /// 1 GiB, and export may open one store per annotator: a store of 100k
    /// labels is a few tens of MB).
    Any,
    /// One pass over every label (`agree`): each page is read once, so a
    /// small cache (16 MiB) only saves memory and the time to fill it.
    /// Measured on 3 × 1,000,000 labels: `agree` 7% faster than with 64 MiB;
    /// 8 MiB and 4 MiB were no better than 16.
    OnePass,
    /// A screen's store: one label written at a time (and the review's
    /// unanimous gold, in document order), so a small cache (8 MiB)
    /// loses nothing. sled's memory is several times its cache's (its
    /// nodes are copied on write): on the million-paragraph review
    /// (issue 18) peak memory 513–538 MB with 64 MiB, 508–512 with 16,
    /// and (with the later changes) 460–474 with 16, 459–469 with 8;
    /// labeling key → saved unchanged (p50 4.6–6.7 ms).
    Screen,
}

impl Use {
    fn cache_bytes(self) -> u64 {
        match self {
            Use::Any => 64 * 1024 * 1024,
            Use::OnePass => 16 * 1024 * 1024,
            Use::Screen => 8 * 1024 * 1024,
        }
    }
}

#[cfg(test)]
thread_local! {
    static INJECTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The next open of a sled database on this thread fails as sled does on
/// damaged files (tests of what opening does then).
#[cfg(test)]
pub(crate) fn inject_corruption() {
    INJECTED.with(|c| c.set(true));
}

pub(super) enum OpenError {
    Locked,
    /// sled found its files damaged (`sled::Error::Corruption`).
    Corrupt(std::io::Error),
    Other(std::io::Error),
}

/// Open the sled database at `path`, retrying a lock failure for up to
/// [`LOCK_WAIT`] (the lock of a store just closed in this process may
/// linger).
pub(super) fn open_db(path: &Path, usage: Use) -> Result<sled::Db, OpenError> {
    #[cfg(test)]
    if INJECTED.with(|c| c.replace(false)) {
        return Err(OpenError::Corrupt(std::io::Error::other(
            "injected corruption",
        )));
    }
    let start = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        let source: std::io::Error = match sled::Config::new()
            .path(path)
            .cache_capacity(usage.cache_bytes())
            .open()
        {
            Ok(db) => return Ok(db),
            Err(e @ sled::Error::Corruption { .. }) => return Err(OpenError::Corrupt(e.into())),
            Err(e) => e.into(),
        };
        let locked = source.kind() == std::io::ErrorKind::WouldBlock
            || source.to_string().contains("could not acquire lock");
        if !locked {
            return Err(OpenError::Other(source));
        }
        if start.elapsed() >= LOCK_WAIT {
            return Err(OpenError::Locked);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}
