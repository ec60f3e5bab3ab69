//! Opening a store: the lock, the trees, the format marker (packing an
//! earlier build's labels: see `packing`) and the next history `seq`.

use super::history::decode_history;
use super::journaling::JOURNAL_TREE;
use super::packing;
use super::verify::{Handles, Verifying, VERIFY_AT_OPEN};
use super::{io_error, SledStore, HISTORY_TREE, LABELS_TREE, ORPHANS_TREE};
use crate::store::journal::Replica;
use crate::store::keys::{self, describe_history_key};
use crate::store::lock::{open_db, OpenError, Registration, Use};
use crate::store::{validate_annotator, StoreError, GOLD};
use std::path::Path;

impl SledStore {
    /// Open (creating) the store of `annotator` under `labels_dir`:
    /// `<labels_dir>/<annotator>.sled/`. Creates `labels_dir` if missing.
    pub fn open(labels_dir: &Path, annotator: &str) -> Result<SledStore, StoreError> {
        validate_annotator(annotator)?;
        let mut store = Self::open_as(labels_dir, annotator, annotator, Use::Any)?;
        store.verify_against_journal(false);
        store.verifying.wait(&store.path)?;
        Ok(store)
    }

    /// [`SledStore::open`], but returning while the store is still being
    /// compared with its journal (see `verify`): a store sled damaged
    /// opens, and its first write is refused, saying so. For the labeling
    /// screen, whose first frame does not wait for the comparison: it
    /// starts once that frame is drawn (the cores go to the frame first).
    pub fn open_unverified(labels_dir: &Path, annotator: &str) -> Result<SledStore, StoreError> {
        validate_annotator(annotator)?;
        let mut store = Self::open_as(labels_dir, annotator, annotator, Use::Screen)?;
        store.verify_against_journal(true);
        Ok(store)
    }

    /// Open (creating) an annotator's store or the gold set's ([`GOLD`]) to
    /// read every label once, as `agree` does: with a small page cache,
    /// which a single pass is faster with. It can be written as well;
    /// history entries name `store`.
    pub fn open_for_one_pass(labels_dir: &Path, store: &str) -> Result<SledStore, StoreError> {
        if store != GOLD {
            validate_annotator(store)?;
        }
        Self::open_as(labels_dir, store, store, Use::OnePass)
    }

    /// Open (creating) the gold set's store, `<labels_dir>/gold.sled/`, for
    /// `reviewer`: its history entries name the reviewer; its
    /// [`annotator`](crate::store::LabelStore::annotator) is [`GOLD`].
    pub fn open_gold(labels_dir: &Path, reviewer: &str) -> Result<SledStore, StoreError> {
        validate_annotator(reviewer)?;
        let mut store = Self::open_as(labels_dir, GOLD, reviewer, Use::Screen)?;
        store.verify_against_journal(false);
        store.verifying.wait(&store.path)?;
        Ok(store)
    }

    /// Whether `labels_dir` has a gold store.
    pub fn gold_exists(labels_dir: &Path) -> bool {
        Self::path_of(labels_dir, GOLD).is_dir()
    }

    /// Open store `annotator` (a checked name, or [`GOLD`]); history entries
    /// name `actor`.
    fn open_as(
        labels_dir: &Path,
        annotator: &str,
        actor: &str,
        usage: Use,
    ) -> Result<SledStore, StoreError> {
        let (path, registration, db) = locked_db(labels_dir, annotator, usage, Damaged::Rebuild)?;
        let io = |op| io_error(&path, op);
        let labels = db
            .open_tree(LABELS_TREE)
            .map_err(io("opening the labels tree"))?;
        let history = db
            .open_tree(HISTORY_TREE)
            .map_err(io("opening the history tree"))?;
        let orphans = db
            .open_tree(ORPHANS_TREE)
            .map_err(io("opening the orphans tree"))?;
        let journal_tree = db
            .open_tree(JOURNAL_TREE)
            .map_err(io("opening the journal tree"))?;
        let packed = packing::is_packed(&path, &db)?;
        let mut store = SledStore {
            verifying: Verifying::default(),
            path,
            annotator: annotator.to_owned(),
            actor: actor.to_owned(),
            db,
            labels,
            history,
            orphans,
            journal_tree,
            journal: None,
            next_seq: 0,
            bulk: false,
            failed: false,
            _holder: crate::store::holder::HolderFile::write(labels_dir, annotator),
            _registration: registration,
        };
        // Packing an earlier build's labels, then the journal: written
        // from the packed labels, or replayed into them.
        if !packed {
            store.pack_all()?;
        }
        store.journal = Some(super::journaling::sync(
            &store.path,
            annotator,
            &super::journaling::Trees {
                labels: &store.labels,
                history: &store.history,
                orphans: &store.orphans,
                journal: &store.journal_tree,
            },
        )?);
        packing::mark_current(&store.path, &store.db)?;
        store.next_seq = next_seq(&store.path, &store.history)?;
        Ok(store)
    }
}

/// The `seq` after the last history entry of the store at `path` (0 when
/// it has none): the last value's key + the number of entries it holds.
fn next_seq(path: &Path, history: &sled::Tree) -> Result<u64, StoreError> {
    let Some((key, bytes)) = history
        .last()
        .map_err(io_error(path, "reading the history"))?
    else {
        return Ok(0);
    };
    let bad = |reason: &str| StoreError::BadValue {
        path: path.to_owned(),
        key: describe_history_key(&key),
        reason: reason.into(),
    };
    let first = keys::decode_history_key(&key).ok_or_else(|| bad("history keys are 8 bytes"))?;
    let entries = decode_history(path, &key, &bytes)?.len() as u64;
    first
        .checked_add(entries)
        .ok_or_else(|| bad("sequence number overflow"))
}

/// What opening does with sled files sled reports corrupt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Damaged {
    /// Move them aside and rebuild from a sound journal (opening for use).
    Rebuild,
    /// Report them and change nothing (`biaozhu check`).
    Report,
}

/// The sled database of store `store` under `labels_dir` (created if
/// missing, with the dir), opened under its lock: its path, this
/// process's registration of it, and the database.
pub(super) fn locked_db(
    labels_dir: &Path,
    store: &str,
    usage: Use,
    damaged: Damaged,
) -> Result<(std::path::PathBuf, Registration, sled::Db), StoreError> {
    std::fs::create_dir_all(labels_dir).map_err(|source| StoreError::Io {
        path: labels_dir.to_owned(),
        op: "creating the labels dir",
        source,
    })?;
    let path = SledStore::path_of(labels_dir, store);
    let locked = || StoreError::Locked {
        path: path.clone(),
        annotator: store.to_owned(),
        holder: crate::store::holder::read(labels_dir, store)
            .map(|h| format!(": {}", h.describe()))
            .unwrap_or_default(),
    };
    let canonical_dir = labels_dir.canonicalize().map_err(|source| StoreError::Io {
        path: labels_dir.to_owned(),
        op: "resolving the labels dir",
        source,
    })?;
    let registration =
        Registration::take(SledStore::path_of(&canonical_dir, store)).ok_or_else(locked)?;
    let opening = |source| StoreError::Io {
        path: path.clone(),
        op: "opening the store",
        source,
    };
    let db = match open_db(&path, usage) {
        Ok(db) => db,
        Err(OpenError::Locked) => return Err(locked()),
        Err(OpenError::Other(source)) => return Err(opening(source)),
        // Damaged sled files beside a sound journal (e.g. killed while an
        // import wrote): the files are moved aside and the store rebuilt
        // from its journal, which holds every change ever saved.
        Err(OpenError::Corrupt(source)) => {
            let journal = crate::store::journal::path_of(labels_dir, store);
            let sound = matches!(Replica::read(&journal, false), Ok(Some(_)));
            if damaged == Damaged::Report || !sound {
                return Err(opening(source));
            }
            std::fs::rename(&path, crate::store::aside_path(&path, "damaged")).map_err(
                |source| StoreError::Io {
                    path: path.clone(),
                    op: "moving damaged sled files aside",
                    source,
                },
            )?;
            open_db(&path, usage).map_err(|e| match e {
                OpenError::Locked => locked(),
                OpenError::Corrupt(source) | OpenError::Other(source) => opening(source),
            })?
        }
    };
    Ok((path, registration, db))
}

impl SledStore {
    /// After a failed write (sled keeps failing once one of its writes
    /// has, e.g. on a full disk, even after space comes back): close the
    /// database and open it again, bringing it in step with the journal,
    /// which holds every change saved. Called before the next write.
    pub(super) fn reopen_if_failed(&mut self) -> Result<(), StoreError> {
        if !self.failed {
            return Ok(());
        }
        let io = |op| io_error(&self.path, op);
        // Every handle of the old database goes (its lock with the last),
        // replaced for the moment by an empty one in memory.
        let placeholder = sled::Config::new()
            .temporary(true)
            .open()
            .map_err(io("opening a placeholder"))?;
        self.labels = placeholder
            .open_tree(LABELS_TREE)
            .map_err(io("reopening"))?;
        self.history = placeholder
            .open_tree(HISTORY_TREE)
            .map_err(io("reopening"))?;
        self.orphans = placeholder
            .open_tree(ORPHANS_TREE)
            .map_err(io("reopening"))?;
        self.journal_tree = placeholder
            .open_tree(JOURNAL_TREE)
            .map_err(io("reopening"))?;
        self.db = placeholder;
        self.journal = None;
        let db = open_db(&self.path, Use::Any).map_err(|e| match e {
            OpenError::Locked => StoreError::Io {
                path: self.path.clone(),
                op: "reopening the store",
                source: std::io::ErrorKind::WouldBlock.into(),
            },
            OpenError::Corrupt(source) | OpenError::Other(source) => StoreError::Io {
                path: self.path.clone(),
                op: "reopening the store",
                source,
            },
        })?;
        self.labels = db.open_tree(LABELS_TREE).map_err(io("reopening"))?;
        self.history = db.open_tree(HISTORY_TREE).map_err(io("reopening"))?;
        self.orphans = db.open_tree(ORPHANS_TREE).map_err(io("reopening"))?;
        self.journal_tree = db.open_tree(JOURNAL_TREE).map_err(io("reopening"))?;
        self.db = db;
        self.journal = Some(super::journaling::sync(
            &self.path,
            &self.annotator,
            &super::journaling::Trees {
                labels: &self.labels,
                history: &self.history,
                orphans: &self.orphans,
                journal: &self.journal_tree,
            },
        )?);
        self.next_seq = next_seq(&self.path, &self.history)?;
        self.failed = false;
        Ok(())
    }
}

impl SledStore {
    /// Start comparing sled with the journal (see `verify`), for journals
    /// up to [`VERIFY_AT_OPEN`]; writes wait for it. `after_first_frame`:
    /// it starts once a screen has drawn its first frame.
    fn verify_against_journal(&mut self, after_first_frame: bool) {
        let journal = self.journal.as_ref().expect("a store's journal is open");
        if journal.len() > VERIFY_AT_OPEN {
            return;
        }
        self.verifying = Verifying::start(
            after_first_frame,
            Handles {
                store: self.path.clone(),
                journal: journal.path().to_owned(),
                labels: self.labels.clone(),
                history: self.history.clone(),
                orphans: self.orphans.clone(),
                marker: self.journal_tree.clone(),
            },
        );
    }

    /// Before a write: the comparison with the journal done and passed,
    /// and sled reopened if a write failed.
    pub(super) fn ready_to_write(&mut self) -> Result<(), StoreError> {
        self.verifying.wait(&self.path)?;
        self.reopen_if_failed()
    }
}
