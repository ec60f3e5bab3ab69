//! [`LabelStore`] on sled 0.34.7: one database per annotator.
//!
//! By concern:
//! - `open`: opening under the lock (see [`super::lock`]), the format
//!   marker, the next history `seq`;
//! - `packing`: packing the labels an earlier build stored one per entry;
//! - `write`: label changes, the labels they replace, the one transaction
//!   and flush every write ends with;
//! - `history`: history values (one entry, or a group of entries), both
//!   ways;
//! - `read`: reading labels (packs, and labels stored alone by earlier
//!   builds) and decoding stored values;
//! - `block`: changing labels: a pack's range read, changed, written back;
//! - `park`: moving orphaned labels into the `orphans` tree;
//! - `verify`: the comparison with the journal at open, on a thread.
//!
//! Sequence numbers: this handle is the only writer (it holds the lock), so
//! the next history `seq` is kept in memory, read once at open as the last
//! history key + 1. That makes `seq` dense and monotonic across reopen.

mod block;
mod copy;
mod history;
mod journaling;
pub(crate) use history::decode_history;
pub use raw::{read_raw, RawTrees};
mod open;
mod packing;
mod park;
mod raw;
mod read;
mod verify;
mod write;

#[cfg(test)]
mod tests;

use super::lock::Registration;
use super::{keys, HistoryEntry, Label, LabelStore, StoreError};
use std::path::{Path, PathBuf};

/// Writes to one tree, in order: key and value (None: remove).
type Writes = Vec<(Vec<u8>, Option<Vec<u8>>)>;

const LABELS_TREE: &str = "labels";
const HISTORY_TREE: &str = "history";
/// Labels whose paragraph text left the corpus, parked out of the way of new
/// labels: key = label key + the label's content hash.
const ORPHANS_TREE: &str = "orphans";

/// The label store of one annotator: `<labels_dir>/<annotator>.sled/`.
pub struct SledStore {
    // Field order is drop order: the comparison with the journal (its
    // thread holds sled handles) and the sled handles first, the
    // registration last.
    verifying: verify::Verifying,
    path: PathBuf,
    annotator: String,
    /// Who history entries name: the annotator, or the gold store's
    /// reviewer.
    actor: String,
    db: sled::Db,
    labels: sled::Tree,
    history: sled::Tree,
    orphans: sled::Tree,
    /// The journal marker's tree (see `journaling`).
    journal_tree: sled::Tree,
    /// This store's journal: every commit goes there first (None only
    /// while the store opens).
    journal: Option<crate::store::journal::JournalFile>,
    next_seq: u64,
    /// Bulk loading: many-label writes go in order, not in one transaction
    /// (see [`SledStore::bulk_load`]).
    bulk: bool,
    /// A write to sled failed: sled is closed and opened again before the
    /// next write (see `open::reopen_if_failed`).
    failed: bool,
    /// Says who holds the store while it is open.
    _holder: crate::store::holder::HolderFile,
    _registration: Registration,
}

impl std::fmt::Debug for SledStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SledStore")
            .field("path", &self.path)
            .field("annotator", &self.annotator)
            .field("next_seq", &self.next_seq)
            .finish_non_exhaustive()
    }
}

impl SledStore {
    /// Where the store of `annotator` lives: `<labels_dir>/<annotator>.sled`.
    pub fn path_of(labels_dir: &Path, annotator: &str) -> PathBuf {
        labels_dir.join(format!("{annotator}.sled"))
    }

    /// This store's directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the store has no label (a pack is never stored empty).
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Switch bulk loading on or off (off when opened). While on,
    /// `put_many` and `park_many` write their labels and history entries one
    /// by one — history first — instead of in one transaction, then flush:
    /// still durable when they return, but not all or nothing; a crash
    /// part-way can leave part of the chunk written, with history entries
    /// for all of it. sled runs transactions one at a time per process, so
    /// this lets several stores load in parallel (`biaozhu import`, where
    /// running the same import again completes an interrupted one).
    /// Single-label writes stay transactions.
    pub fn bulk_load(&mut self, on: bool) {
        self.bulk = on;
    }

    /// The `seq` the next history entry will get (= number of entries).
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    fn io(&self, op: &'static str) -> impl Fn(sled::Error) -> StoreError + '_ {
        io_error(&self.path, op)
    }
}

impl LabelStore for SledStore {
    fn annotator(&self) -> &str {
        &self.annotator
    }

    fn get(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        self.read_label(doc, para)
    }

    fn put(
        &mut self,
        doc: &str,
        para: u32,
        label: Option<&Label>,
        action: &str,
    ) -> Result<(), StoreError> {
        let change = self.change(doc, para, label)?;
        self.write(&[change], action)
    }

    /// All in one transaction and one flush.
    fn put_many(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        let changes = self.changes(labels)?;
        self.write(&changes, action)
    }

    fn labels(&self) -> Result<Vec<Label>, StoreError> {
        self.read_labels()
    }

    fn doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        self.read_doc_labels(doc)
    }

    /// All in one transaction and one flush.
    fn park_many(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        self.park_labels(labels, action)
    }

    fn parked(&self) -> Result<Vec<Label>, StoreError> {
        self.read_parked()
    }

    fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        self.read_history()
    }

    fn bulk_load(&mut self, on: bool) {
        self.bulk = on;
    }

    fn copy_in(&mut self, contents: &crate::store::Contents) -> Result<(), StoreError> {
        self.copy_contents(contents)
    }
}

/// A sled failure on the store at `path` while doing `op`.
fn io_error<'a>(path: &'a Path, op: &'static str) -> impl Fn(sled::Error) -> StoreError + 'a {
    move |e| StoreError::Io {
        path: path.to_owned(),
        op,
        source: e.into(),
    }
}

/// [`keys::check_doc`] as a [`StoreError::InvalidDoc`].
fn check_doc(doc: &str) -> Result<(), StoreError> {
    keys::check_doc(doc).map_err(|reason| StoreError::InvalidDoc {
        doc: doc.to_owned(),
        reason,
    })
}
