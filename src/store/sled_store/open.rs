//! Opening a store: the lock, the trees, the format marker and the next
//! history `seq`.

use super::history::decode_history;
use super::read::decode_error;
use super::{io_error, SledStore, Writes, HISTORY_TREE, LABELS_TREE, ORPHANS_TREE};
use crate::store::keys::{self, describe_history_key};
use crate::store::lock::{open_db, OpenError, Registration, Use};
use crate::store::{pack, value};
use crate::store::{validate_annotator, StoreError, GOLD};
use serde::{Deserialize, Serialize};
use std::path::Path;

const FORMAT_KEY: &str = "format";

/// Tests of an interrupted packing: the process aborts before packing
/// the range with this index.
#[cfg(test)]
pub(super) static ABORT_PACKING_AFTER: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(usize::MAX);

/// Before packing range `i`: abort if a test asked for it.
#[cfg(test)]
fn abort_in_tests(i: usize) {
    if i == ABORT_PACKING_AFTER.load(std::sync::atomic::Ordering::Relaxed) {
        std::process::abort();
    }
}

#[cfg(not(test))]
fn abort_in_tests(_: usize) {}

/// The store layout marker in the default tree: `{"v":3}` for a store
/// whose labels are packed (`{"v":3,"packing":true}` while the labels an
/// earlier build stored alone are being packed); `{"v":1}` (earlier builds)
/// for one label per entry. Builds before packs refuse to open a store
/// marked version 3, so they never write a label alone beside a pack.
#[derive(Serialize, Deserialize, Default)]
struct Format {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    packing: bool,
}

impl SledStore {
    /// Open (creating) the store of `annotator` under `labels_dir`:
    /// `<labels_dir>/<annotator>.sled/`. Creates `labels_dir` if missing.
    pub fn open(labels_dir: &Path, annotator: &str) -> Result<SledStore, StoreError> {
        validate_annotator(annotator)?;
        Self::open_as(labels_dir, annotator, annotator, Use::Any)
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
        Self::open_as(labels_dir, GOLD, reviewer, Use::Any)
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
        std::fs::create_dir_all(labels_dir).map_err(|source| StoreError::Io {
            path: labels_dir.to_owned(),
            op: "creating the labels dir",
            source,
        })?;
        let path = Self::path_of(labels_dir, annotator);
        let locked = || StoreError::Locked {
            path: path.clone(),
            annotator: annotator.to_owned(),
        };
        let canonical_dir = labels_dir.canonicalize().map_err(|source| StoreError::Io {
            path: labels_dir.to_owned(),
            op: "resolving the labels dir",
            source,
        })?;
        let registration =
            Registration::take(Self::path_of(&canonical_dir, annotator)).ok_or_else(locked)?;
        let db = open_db(&path, usage).map_err(|e| match e {
            OpenError::Locked => locked(),
            OpenError::Other(source) => StoreError::Io {
                path: path.clone(),
                op: "opening the store",
                source,
            },
        })?;
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
        let packed = match db
            .get(FORMAT_KEY)
            .map_err(io("reading the format marker"))?
        {
            Some(bytes) => {
                let bad = |e| decode_error(&path, "key \"format\"", e);
                let format = value::decode::<Format>(&bytes).map_err(bad)?;
                value::version(&bytes).map_err(bad)? == value::VERSION && !format.packing
            }
            None => false,
        };
        let next_seq = next_seq(&path, &history)?;
        let store = SledStore {
            path,
            annotator: annotator.to_owned(),
            actor: actor.to_owned(),
            db,
            labels,
            history,
            orphans,
            next_seq,
            bulk: false,
            _registration: registration,
        };
        if !packed {
            store.pack_all()?;
        }
        Ok(store)
    }

    /// Pack the labels stored alone (by builds before packs), a pack's
    /// range at a time, each in one atomic batch: a crash part-way leaves
    /// every label readable, alone or packed, and the marker says to go on
    /// at the next open. A range with a label that does not decode is left
    /// as it is (reading that label reports it).
    fn pack_all(&self) -> Result<(), StoreError> {
        let io = |op| io_error(&self.path, op);
        let mark = |format: &Format| -> Result<(), StoreError> {
            self.db
                .insert(FORMAT_KEY, value::encode_as(value::VERSION, format))
                .map_err(io("writing the format marker"))?;
            self.db.flush().map_err(io("flushing")).map(drop)
        };
        mark(&Format { packing: true })?;
        for (i, (doc, base)) in self.ranges_with_singles()?.into_iter().enumerate() {
            abort_in_tests(i);
            let Ok(block) = self.block(&doc, base) else {
                continue;
            };
            if !block.needs_writing() {
                continue;
            }
            let mut writes = Writes::new();
            block.writes(&mut writes);
            let mut batch = sled::Batch::default();
            for (key, value) in writes {
                match value {
                    Some(v) => batch.insert(key, v),
                    None => batch.remove(key),
                }
            }
            self.labels
                .apply_batch(batch)
                .map_err(io("packing the labels"))?;
        }
        mark(&Format::default())
    }

    /// Each pack range (doc, first paragraph) holding a label stored alone.
    fn ranges_with_singles(&self) -> Result<Vec<(String, u32)>, StoreError> {
        let mut out: Vec<(String, u32)> = Vec::new();
        for entry in self.labels.iter() {
            let (key, bytes) = entry.map_err(io_error(&self.path, "reading the labels"))?;
            if bytes.starts_with(b"{\"v\":3,") {
                continue;
            }
            let Some((doc, para)) = keys::split_label_key(&key) else {
                continue;
            };
            let range = (doc, pack::base(para));
            if out.last().is_none_or(|(d, b)| (d.as_str(), *b) != range) {
                out.push((doc.to_owned(), range.1));
            }
        }
        Ok(out)
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
