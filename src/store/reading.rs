//! How reading commands read a store: from its journal, never taking its
//! lock, so they work while a session holds the store open.

use super::journal::{self, Replica};
use super::lock::LOCK_WAIT;
use super::{SledStore, StoreError};
use std::path::Path;
use std::time::{Duration, Instant};

/// What to read besides the labels and parked labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum With {
    Labels,
    History,
}

/// Store `store` (an annotator's name, or [`GOLD`](super::GOLD)) under
/// `labels_dir` as its journal has it: every change any session committed
/// (and showed as saved) before this call. A store that no build with
/// journals has opened yet has none: it is opened once (taking its lock
/// for as long as writing its journal takes) and closed again.
pub fn read_store(labels_dir: &Path, store: &str, with: With) -> Result<Replica, StoreError> {
    let path = journal::path_of(labels_dir, store);
    let start = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        if let Some(replica) = Replica::read(&path, with == With::History)? {
            return Ok(replica);
        }
        // No journal yet: opening the store writes it.
        match SledStore::open_for_one_pass(labels_dir, store) {
            Ok(opened) => {
                drop(opened);
                return Replica::read(&path, with == With::History)?.ok_or_else(|| {
                    StoreError::Io {
                        path: path.clone(),
                        op: "reading the journal",
                        source: std::io::ErrorKind::NotFound.into(),
                    }
                });
            }
            // Held by a session of a build before journals, or by one of
            // this build writing the journal right now: wait for it.
            Err(StoreError::Locked { .. }) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(e) => return Err(e),
        }
    }
}
