//! The comparison of sled with the journal that opening a store for use
//! makes (sled may lose entries without noticing; writing packs read from
//! such a store would carry the loss into the journal). It reads the whole
//! store and journal — most of a second for a store of 100,000 labels — so
//! it runs on a thread of its own while the screen comes up, and the
//! store's first write waits for it (issue 18: the first frame within a
//! second).

use crate::store::StoreError;
use std::path::PathBuf;
use std::thread::JoinHandle;

/// Journals up to this size are compared with sled whenever a session
/// opens its store; larger ones are left to `biaozhu check`.
pub(super) const VERIFY_AT_OPEN: u64 = 64 * 1024 * 1024;

/// The trees compared, as handles of their own (sled's are shared).
pub(super) struct Handles {
    pub(super) store: PathBuf,
    pub(super) journal: PathBuf,
    pub(super) labels: sled::Tree,
    pub(super) history: sled::Tree,
    pub(super) orphans: sled::Tree,
    pub(super) marker: sled::Tree,
}

/// A comparison under way, done, or refused. Dropping it waits for the
/// thread (its tree handles keep sled's files open).
#[derive(Default)]
pub(super) struct Verifying {
    running: Option<JoinHandle<Result<(), String>>>,
    /// What the comparison found wrong (kept: every write is refused).
    refused: Option<String>,
}

impl Verifying {
    /// Start comparing the trees of `handles` with the journal.
    pub(super) fn start(handles: Handles) -> Verifying {
        let running = std::thread::Builder::new()
            .name("store-verify".into())
            .spawn(move || compare(&handles))
            .ok();
        Verifying {
            running,
            refused: None,
        }
    }

    /// Wait for the comparison; an error when it found the store and its
    /// journal apart (or could not read them).
    pub(super) fn wait(&mut self, store: &std::path::Path) -> Result<(), StoreError> {
        if let Some(running) = self.running.take() {
            let result = running
                .join()
                .unwrap_or_else(|_| Err("the comparison with the journal failed".into()));
            self.refused = result.err();
        }
        match &self.refused {
            None => Ok(()),
            Some(reason) => Err(StoreError::BadValue {
                path: store.to_owned(),
                key: "the whole store".into(),
                reason: reason.clone(),
            }),
        }
    }
}

impl Drop for Verifying {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.join();
        }
    }
}

/// Compare: what is wrong, as the refusal says it.
fn compare(h: &Handles) -> Result<(), String> {
    let raw = super::raw::raw_trees(&h.store, &h.labels, &h.history, &h.orphans, &h.marker)
        .map_err(|e| e.to_string())?;
    match crate::store::check::differ(&h.journal, &raw).map_err(|e| e.to_string())? {
        None => Ok(()),
        Some((what, _)) => Err(format!(
            "{what}; it is left as it is: run `biaozhu check`, then `biaozhu repair`"
        )),
    }
}
