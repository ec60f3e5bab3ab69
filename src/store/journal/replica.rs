//! A store as its journal has it: what reading commands read.

use super::line::Tree;
use super::scan::{scan, ScanError};
use crate::store::entries::{history_of, labels_of, parked_of, shelf_of, view_entries};
use crate::store::{HistoryEntry, Label, LabelView, Shelf, StoreError};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};

type Tree_ = BTreeMap<Vec<u8>, Vec<u8>>;

/// The contents of a store, replayed from its journal: every commit
/// complete when the read began.
#[derive(Debug)]
pub struct Replica {
    path: PathBuf,
    store: String,
    labels: Tree_,
    orphans: Tree_,
    /// Only when asked for.
    history: Option<Tree_>,
    last_commit: Option<u64>,
}

impl Replica {
    /// Replay the journal at `path` (its history too, when `with_history`).
    /// `Ok(None)` when there is no journal file.
    pub fn read(path: &Path, with_history: bool) -> Result<Option<Replica>, StoreError> {
        Self::read_until(path, with_history, None)
    }

    /// [`Replica::read`], applying the commits up to number `until` only
    /// (all when None); the rest is read and checked.
    pub fn read_until(
        path: &Path,
        with_history: bool,
        until: Option<u64>,
    ) -> Result<Option<Replica>, StoreError> {
        let Some(replayed) = replay(path, with_history, until, |value| value)? else {
            return Ok(None);
        };
        let [labels, history, orphans] = replayed.trees;
        Ok(Some(Replica {
            path: path.to_owned(),
            store: replayed.store,
            labels,
            orphans,
            history: with_history.then_some(history),
            last_commit: replayed.last_commit,
        }))
    }

    /// The store the journal belongs to (annotator, or `gold`).
    pub fn store(&self) -> &str {
        &self.store
    }

    /// The journal file read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The number of the last commit read, if any.
    pub fn last_commit(&self) -> Option<u64> {
        self.last_commit
    }

    /// Whether the store has no label (a pack is never stored empty).
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Every label, ordered by (doc, para).
    pub fn labels(&self) -> Result<Vec<Label>, StoreError> {
        labels_of(&self.path, entries(&self.labels))
    }

    /// Every label, shelved by document.
    pub fn shelf(&self) -> Result<Shelf, StoreError> {
        shelf_of(&self.path, entries(&self.labels))
    }

    /// Every label as a [`LabelView`], in key order, to `each`.
    pub fn view_labels<E: From<StoreError>>(
        &self,
        each: impl FnMut(LabelView<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        view_entries(&self.path, entries(&self.labels), each)
    }

    /// Every parked label, ordered by (doc, para, hash).
    pub fn parked(&self) -> Result<Vec<Label>, StoreError> {
        parked_of(&self.path, entries(&self.orphans))
    }

    /// The trees as replayed: labels, history (empty unless read with
    /// it) and orphans, as sled would hold them.
    pub fn trees(&self) -> [&BTreeMap<Vec<u8>, Vec<u8>>; 3] {
        const EMPTY: &Tree_ = &BTreeMap::new();
        [
            &self.labels,
            self.history.as_ref().unwrap_or(EMPTY),
            &self.orphans,
        ]
    }

    /// The whole history, ordered by `seq` (empty unless read with it).
    pub fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        match &self.history {
            Some(history) => history_of(&self.path, entries(history)),
            None => Ok(Vec::new()),
        }
    }
}

fn entries(tree: &Tree_) -> impl Iterator<Item = Result<(&[u8], &[u8]), StoreError>> {
    tree.iter().map(|(k, v)| Ok((k.as_slice(), v.as_slice())))
}

/// A journal at `path` that could not be read, as a [`StoreError`].
pub fn scan_error(path: &Path, e: ScanError) -> StoreError {
    match e {
        ScanError::Io(source) => StoreError::Io {
            path: path.to_owned(),
            op: "reading the journal",
            source,
        },
        ScanError::Damaged { line, why, .. } => StoreError::Journal {
            path: path.to_owned(),
            line,
            reason: why,
        },
    }
}

/// A journal replayed up to commit `until` (all when None), each value
/// kept as `keep` makes it: labels, history (empty unless
/// `with_history`) and orphans, as sled would hold them.
pub struct Replayed<V> {
    pub store: String,
    pub trees: [BTreeMap<Vec<u8>, V>; 3],
    pub last_commit: Option<u64>,
}

/// Replay the journal at `path`; `Ok(None)` when there is no journal file.
pub fn replay<V>(
    path: &Path,
    with_history: bool,
    until: Option<u64>,
    keep_value: impl Fn(Vec<u8>) -> V,
) -> Result<Option<Replayed<V>>, StoreError> {
    let io = |op: &'static str| {
        move |source| StoreError::Io {
            path: path.to_owned(),
            op,
            source,
        }
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("opening the journal")(e)),
    };
    let mut labels = BTreeMap::new();
    let mut orphans = BTreeMap::new();
    let mut history = BTreeMap::new();
    let keep = |tree| tree != Tree::History || with_history;
    let end = scan(
        BufReader::with_capacity(1 << 20, file),
        0,
        None,
        keep,
        |commit| {
            if until.is_some_and(|u| commit.number > u) {
                return Ok(());
            }
            for write in commit.writes {
                let tree = match write.tree {
                    Tree::Labels => &mut labels,
                    Tree::Orphans => &mut orphans,
                    Tree::History => &mut history,
                };
                match write.value {
                    Some(value) => tree.insert(write.key, keep_value(value)),
                    None => tree.remove(&write.key),
                };
            }
            Ok::<_, ScanError>(())
        },
    )
    .map_err(|e| scan_error(path, e))?;
    let store = end.store.ok_or_else(|| StoreError::Journal {
        path: path.to_owned(),
        line: 1,
        reason: "the file is empty (no journal header)".into(),
    })?;
    Ok(Some(Replayed {
        store,
        trees: [labels, history, orphans],
        last_commit: end.last,
    }))
}
