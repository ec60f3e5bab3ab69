//! A store's sled trees read as they are, changing nothing: no packing,
//! no journal replay (`biaozhu check` compares them with the journal).

use super::journaling::{Marker, JOURNAL_TREE, MARKER_KEY};
use super::open::{locked_db, Damaged};
use super::{io_error, HISTORY_TREE, LABELS_TREE, ORPHANS_TREE};
use crate::store::lock::Use;
use crate::store::{value, StoreError};
use std::collections::BTreeMap;
use std::path::Path;

/// A tree's entries.
pub type RawTree = BTreeMap<Vec<u8>, Vec<u8>>;

/// The trees of a store, as sled holds them.
#[derive(Debug, Default, PartialEq)]
pub struct RawTrees {
    pub labels: RawTree,
    pub history: RawTree,
    pub orphans: RawTree,
    /// The last journal commit sled applied (None: none, or no journal yet).
    pub marker_commit: Option<u64>,
    /// Whether sled has a journal marker at all.
    pub marked: bool,
}

/// Read store `store`'s sled trees under its lock. The store must exist
/// (opening sled creates a missing one).
pub fn read_raw(labels_dir: &Path, store: &str) -> Result<RawTrees, StoreError> {
    let (path, _registration, db) = locked_db(labels_dir, store, Use::OnePass, Damaged::Report)?;
    let open = |name: &str| {
        db.open_tree(name)
            .map_err(io_error(&path, "reading the store"))
    };
    raw_trees(
        &path,
        &open(LABELS_TREE)?,
        &open(HISTORY_TREE)?,
        &open(ORPHANS_TREE)?,
        &open(JOURNAL_TREE)?,
    )
}

/// The trees of the store at `path`, copied out.
pub(super) fn raw_trees(
    path: &Path,
    labels: &sled::Tree,
    history: &sled::Tree,
    orphans: &sled::Tree,
    journal: &sled::Tree,
) -> Result<RawTrees, StoreError> {
    let copy = |tree: &sled::Tree| -> Result<RawTree, StoreError> {
        let io = io_error(path, "reading the store");
        let mut out = RawTree::new();
        for entry in tree.iter() {
            let (k, v) = entry.map_err(&io)?;
            out.insert(k.to_vec(), v.to_vec());
        }
        Ok(out)
    };
    let marker = marker(path, journal)?;
    Ok(RawTrees {
        labels: copy(labels)?,
        history: copy(history)?,
        orphans: copy(orphans)?,
        marker_commit: marker.and_then(|m| m.c),
        marked: marker.is_some(),
    })
}

/// The journal marker of the store at `path` (its `journal` tree).
pub(super) fn marker(path: &Path, journal: &sled::Tree) -> Result<Option<Marker>, StoreError> {
    let marker = journal
        .get(MARKER_KEY)
        .map_err(io_error(path, "reading the journal marker"))?;
    match marker {
        Some(bytes) => Ok(Some(value::decode::<Marker>(&bytes).map_err(|e| {
            crate::store::entries::decode_error(path, "journal marker", e)
        })?)),
        None => Ok(None),
    }
}
