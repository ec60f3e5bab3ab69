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
    /// Start comparing the trees of `handles` with the journal (once a
    /// screen's first frame is drawn, with `after_first_frame`).
    pub(super) fn start(after_first_frame: bool, handles: Handles) -> Verifying {
        let running = std::thread::Builder::new()
            .name("store-verify".into())
            .spawn(move || {
                if after_first_frame {
                    crate::threads::after_first_frame(crate::threads::FIRST_FRAME_WAIT);
                }
                compare(&handles)
            })
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
    if same(h).unwrap_or(false) {
        return Ok(());
    }
    // Apart, or unsure: the whole comparison says how.
    let raw = super::raw::raw_trees(&h.store, &h.labels, &h.history, &h.orphans, &h.marker)
        .map_err(|e| e.to_string())?;
    match crate::store::check::differ(&h.journal, &raw).map_err(|e| e.to_string())? {
        None => Ok(()),
        Some((what, _)) => Err(format!(
            "{what}; it is left as it is: run `biaozhu check`, then `biaozhu repair`"
        )),
    }
}

/// Whether sled holds just what the journal does, found without copying
/// either: the journal replayed to a digest of each value, sled's trees
/// read entry by entry against it (a store of 100,000 labels: tens of MB,
/// not the hundreds both copies take). `false` when anything differs or
/// the marker asks for the whole comparison.
fn same(h: &Handles) -> Result<bool, crate::store::StoreError> {
    let digest = |value: &[u8]| xxhash_rust::xxh3::xxh3_128(value);
    let Some(applied) = super::raw::marker(&h.store, &h.marker)?.and_then(|m| m.c) else {
        return Ok(false);
    };
    let replayed =
        crate::store::journal::replica::replay(&h.journal, true, Some(applied), |v| digest(&v))?;
    let Some(replayed) = replayed else {
        return Ok(false);
    };
    if replayed.last_commit.is_none_or(|last| last < applied) {
        return Ok(false);
    }
    let [labels, history, orphans] = &replayed.trees;
    for (tree, journal) in [
        (&h.labels, labels),
        (&h.history, history),
        (&h.orphans, orphans),
    ] {
        let mut entries = 0;
        for entry in tree.iter() {
            let Ok((key, value)) = entry else {
                return Ok(false);
            };
            if journal.get(&*key) != Some(&digest(&value)) {
                return Ok(false);
            }
            entries += 1;
        }
        if entries != journal.len() {
            return Ok(false);
        }
    }
    Ok(true)
}
