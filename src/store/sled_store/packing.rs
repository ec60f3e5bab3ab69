//! Packing the labels an earlier build stored one per entry (see
//! `store::pack`), when a store opens: the format marker says whether a
//! store is packed, and packing goes a pack's range at a time, each range
//! in one atomic batch.

use super::write::batch;
use super::{io_error, SledStore, Writes};
use crate::store::entries::decode_error;
use crate::store::{keys, pack, value, StoreError};
use serde::{Deserialize, Serialize};
use std::path::Path;

const FORMAT_KEY: &str = "format";
/// The first format version whose labels are packed.
const PACKED: u64 = 3;

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

/// Whether the store at `path` (its default tree `db`) is marked packed
/// and done packing; false for a new store and an earlier build's.
pub(super) fn is_packed(path: &Path, db: &sled::Db) -> Result<bool, StoreError> {
    let marker = db
        .get(FORMAT_KEY)
        .map_err(io_error(path, "reading the format marker"))?;
    let Some(bytes) = marker else {
        return Ok(false);
    };
    let bad = |e| decode_error(path, "key \"format\"", e);
    let format = value::decode::<Format>(&bytes).map_err(bad)?;
    // Version 3: packed; 4: packed, with a journal (builds before journals
    // refuse it).
    let version = value::version(&bytes).map_err(bad)?;
    Ok(version >= PACKED && !format.packing)
}

/// Mark the store at `path` with this build's format version (4: packed,
/// with a journal) unless it is marked so: builds before journals then
/// refuse it. Called once its journal is in step.
pub(super) fn mark_current(path: &Path, db: &sled::Db) -> Result<(), StoreError> {
    let current = value::encode_as(value::VERSION, &Format::default());
    let io = |op| io_error(path, op);
    let marker = db
        .get(FORMAT_KEY)
        .map_err(io("reading the format marker"))?;
    if marker.as_deref() != Some(current.as_slice()) {
        db.insert(FORMAT_KEY, current)
            .map_err(io("writing the format marker"))?;
        db.flush().map_err(io("flushing"))?;
    }
    Ok(())
}

impl SledStore {
    /// Pack the labels stored alone (by builds before packs), a pack's
    /// range at a time, each in one atomic batch: a crash part-way leaves
    /// every label readable, alone or packed, and the marker says to go on
    /// at the next open. A range with a label that does not decode is left
    /// as it is (reading that label reports it).
    pub(super) fn pack_all(&self) -> Result<(), StoreError> {
        let io = |op| io_error(&self.path, op);
        let mark = |format: &Format| -> Result<(), StoreError> {
            self.db
                .insert(FORMAT_KEY, value::encode_as(value::VERSION, format))
                .map_err(io("writing the format marker"))?;
            self.db.flush().map_err(io("flushing")).map(drop)
        };
        let ranges = self.ranges_with_singles()?;
        // (A new store has none: marked packed at once.)
        if !ranges.is_empty() {
            mark(&Format { packing: true })?;
        }
        for (i, (doc, base)) in ranges.into_iter().enumerate() {
            abort_in_tests(i);
            let Ok(block) = self.block(&doc, base) else {
                continue;
            };
            let mut writes = Writes::new();
            block.writes(&mut writes);
            self.labels
                .apply_batch(batch(&writes))
                .map_err(io("packing the labels"))?;
        }
        mark(&Format::default())
    }

    /// Each pack range (doc, first paragraph) holding a label stored alone.
    fn ranges_with_singles(&self) -> Result<Vec<(String, u32)>, StoreError> {
        let mut out: Vec<(String, u32)> = Vec::new();
        for entry in self.labels.iter() {
            let (key, bytes) = entry.map_err(io_error(&self.path, "reading the labels"))?;
            if matches!(pack::is_pack(&bytes), Ok(true)) {
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
