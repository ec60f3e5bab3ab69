//! Keeping a store's journal (see `store::journal`) in step with sled.
//!
//! sled holds, in tree `journal` under key `at`, the last journal commit
//! it has applied and the journal's length just after it:
//! `{"v":1,"c":12,"at":40960}`, written in the same transaction as the
//! commit's writes. When the store opens (under its lock):
//!
//! - no marker and no journal (a new store, or one an earlier build
//!   wrote): the journal is written from the store's contents;
//! - no marker, an empty store and a journal (the store's files were lost,
//!   or a new store was killed before sled was marked): the journal is
//!   replayed into it, and sled marked even when the journal has no commit;
//! - a marker: the journal's commits after it (sled lost them: a crash
//!   between the journal's sync and sled's) are replayed into sled, a torn
//!   tail is cut off; a journal shorter than the marker says, or whose
//!   line before it is not that commit's, does not belong to this store as
//!   it is: it is moved aside (`….journal.replaced-<unix time>`) and a new
//!   one written from the store's contents.

use super::io_error;
use crate::store::journal::scan::{scan, Commit, ScanError};
use crate::store::journal::{line, scan_error, JournalFile, Tree};
use crate::store::{value, StoreError};
use serde::{Deserialize, Serialize};
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

pub(super) const JOURNAL_TREE: &str = "journal";
pub(super) const MARKER_KEY: &[u8] = b"at";

/// The last journal commit sled has applied.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct Marker {
    /// Its number (None: the journal has no commit yet).
    pub(super) c: Option<u64>,
    /// The journal's length just after it.
    pub(super) at: u64,
}

impl Marker {
    pub(super) fn encode(self) -> Vec<u8> {
        value::encode(&self)
    }
}

/// The trees a journal write goes to, in a store's handles.
pub(super) struct Trees<'a> {
    pub(super) labels: &'a sled::Tree,
    pub(super) history: &'a sled::Tree,
    pub(super) orphans: &'a sled::Tree,
    pub(super) journal: &'a sled::Tree,
}

impl Trees<'_> {
    fn of(&self, tree: Tree) -> &sled::Tree {
        match tree {
            Tree::Labels => self.labels,
            Tree::History => self.history,
            Tree::Orphans => self.orphans,
        }
    }
}

enum ReplayError {
    Scan(ScanError),
    Store(StoreError),
}

impl From<ScanError> for ReplayError {
    fn from(e: ScanError) -> Self {
        ReplayError::Scan(e)
    }
}

/// Bring the journal of the store at `store_path` (named `store`) in step
/// with sled's `trees`, as the module docs say; the journal, open to
/// append.
pub(super) fn sync(
    store_path: &Path,
    store: &str,
    trees: &Trees,
) -> Result<JournalFile, StoreError> {
    let path = store_path.with_extension("journal");
    let io = |op: &'static str| {
        let path = path.clone();
        move |source| StoreError::Io {
            path: path.clone(),
            op,
            source,
        }
    };
    let marker = read_marker(store_path, trees.journal)?;
    let exists = path.exists();
    match marker {
        None if exists && store_is_empty(trees) => {
            // The store's files were lost: the journal brings it back.
            let (end, last) = replay(store_path, &path, trees, 0, None)?;
            if last.is_none() {
                // No commit to carry the marker (lost before its first
                // commit, or killed between writing a new store's journal
                // and marking sled): marked here.
                mark(store_path, trees, Marker { c: None, at: end })?;
            }
            JournalFile::open(&path, end, crate::store::journal::scan::next(last))
                .map_err(io("opening the journal"))
        }
        None if exists && journal_is_sound(&path) => Err(StoreError::BadValue {
            path: store_path.to_owned(),
            key: "journal marker".into(),
            reason: format!(
                "sled lost its journal marker but holds labels, and {} is sound: \
                 the store's files may be damaged; run `biaozhu check`, then \
                 `biaozhu repair`",
                path.display()
            ),
        }),
        None => fresh(store_path, &path, store, trees, exists),
        Some(marker) => {
            if !belongs(&path, marker).map_err(io("reading the journal"))? {
                return fresh(store_path, &path, store, trees, exists);
            }
            let (end, last) = replay(store_path, &path, trees, marker.at, marker.c)?;
            JournalFile::open(&path, end, crate::store::journal::scan::next(last))
                .map_err(io("opening the journal"))
        }
    }
}

/// Whether the journal at `path` reads without damage.
fn journal_is_sound(path: &Path) -> bool {
    matches!(
        crate::store::journal::Replica::read(path, false),
        Ok(Some(_))
    )
}

fn store_is_empty(trees: &Trees) -> bool {
    trees.labels.is_empty() && trees.history.is_empty() && trees.orphans.is_empty()
}

/// Write a new journal from the store's contents (moving an old one
/// aside) and mark sled as having applied it.
fn fresh(
    store_path: &Path,
    path: &Path,
    store: &str,
    trees: &Trees,
    exists: bool,
) -> Result<JournalFile, StoreError> {
    let io = |op: &'static str| {
        move |source| StoreError::Io {
            path: path.to_owned(),
            op,
            source,
        }
    };
    if exists {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = PathBuf::from(format!("{}.replaced-{secs}", path.display()));
        std::fs::rename(path, &aside).map_err(io("moving an old journal aside"))?;
    }
    let sled_io = |e: sled::Error| {
        std::io::Error::other(
            io_error(store_path, "reading the store to write its journal")(e).to_string(),
        )
    };
    let contents = [Tree::Labels, Tree::Orphans, Tree::History]
        .into_iter()
        .flat_map(|tree| {
            trees.of(tree).iter().map(move |entry| {
                entry
                    .map(|(k, v)| (tree, k.to_vec(), v.to_vec()))
                    .map_err(sled_io)
            })
        });
    let journal = JournalFile::create(path, store, contents).map_err(io("writing the journal"))?;
    let marker = Marker {
        c: journal.last_commit(),
        at: journal.len(),
    };
    mark(store_path, trees, marker)?;
    Ok(journal)
}

/// Mark sled as having applied the journal up to `marker`, flushed.
fn mark(store_path: &Path, trees: &Trees, marker: Marker) -> Result<(), StoreError> {
    trees
        .journal
        .insert(MARKER_KEY, marker.encode())
        .map_err(io_error(store_path, "writing the journal marker"))?;
    trees
        .journal
        .flush()
        .map_err(io_error(store_path, "flushing"))?;
    Ok(())
}

/// Whether the journal at `path` is the one sled's `marker` speaks of:
/// at least as long, with commit `marker.c`'s line ending at `marker.at`
/// (or, for a journal of no commit, the header ending there).
fn belongs(path: &Path, marker: Marker) -> std::io::Result<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    if len < marker.at || marker.at == 0 {
        return Ok(false);
    }
    // The last line before `at`: read back far enough for a long one.
    let mut window = 4096u64;
    loop {
        let from = marker.at.saturating_sub(window);
        file.seek(SeekFrom::Start(from))?;
        let mut buf = vec![0; (marker.at - from) as usize];
        file.read_exact(&mut buf)?;
        let Some(body) = buf.strip_suffix(b"\n") else {
            return Ok(false);
        };
        match memchr::memrchr(b'\n', body) {
            Some(i) => return Ok(last_line_is(&body[i + 1..], marker)),
            None if from == 0 => return Ok(last_line_is(body, marker)),
            None => window *= 4,
        }
    }
}

fn last_line_is(text: &[u8], marker: Marker) -> bool {
    match line::decode(text) {
        Ok(line::Line::Commit { commit, .. }) => Some(commit) == marker.c,
        Ok(line::Line::Header { .. }) => marker.c.is_none(),
        _ => false,
    }
}

/// Apply to sled every complete commit of the journal at `path` from byte
/// `offset` (just after commit `after`); the end of the last complete
/// commit and its number.
fn replay(
    store_path: &Path,
    path: &Path,
    trees: &Trees,
    offset: u64,
    after: Option<u64>,
) -> Result<(u64, Option<u64>), StoreError> {
    let mut file = std::fs::File::open(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        op: "opening the journal",
        source,
    })?;
    file.seek(SeekFrom::Start(offset))
        .map_err(|source| StoreError::Io {
            path: path.to_owned(),
            op: "reading the journal",
            source,
        })?;
    let mut applied = false;
    let end = scan(
        BufReader::with_capacity(1 << 20, file),
        offset,
        after,
        |_| true,
        |commit| {
            applied = true;
            apply(store_path, trees, &commit).map_err(ReplayError::Store)
        },
    )
    .map_err(|e| match e {
        ReplayError::Scan(e) => scan_error(path, e),
        ReplayError::Store(e) => e,
    })?;
    if applied {
        trees
            .journal
            .flush()
            .map_err(io_error(store_path, "flushing"))?;
    }
    Ok((end.end, end.last))
}

/// Apply one journal commit to sled, with the marker, in one transaction.
fn apply(store_path: &Path, trees: &Trees, commit: &Commit) -> Result<(), StoreError> {
    use sled::transaction::{ConflictableTransactionError, TransactionError, Transactional};
    let mut batches = [
        sled::Batch::default(),
        sled::Batch::default(),
        sled::Batch::default(),
    ];
    for write in &commit.writes {
        let batch = &mut batches[write.tree as usize];
        match &write.value {
            Some(v) => batch.insert(write.key.as_slice(), v.as_slice()),
            None => batch.remove(write.key.as_slice()),
        }
    }
    let marker = Marker {
        c: Some(commit.number),
        at: commit.end,
    }
    .encode();
    let result =
        (trees.labels, trees.history, trees.orphans, trees.journal).transaction(|(l, h, o, j)| {
            l.apply_batch(&batches[Tree::Labels as usize])?;
            h.apply_batch(&batches[Tree::History as usize])?;
            o.apply_batch(&batches[Tree::Orphans as usize])?;
            j.insert(MARKER_KEY, marker.as_slice())?;
            Ok::<(), ConflictableTransactionError<std::convert::Infallible>>(())
        });
    match result {
        Ok(()) => Ok(()),
        Err(TransactionError::Abort(never)) => match never {},
        Err(TransactionError::Storage(e)) => Err(io_error(store_path, "replaying the journal")(e)),
    }
}

fn read_marker(store_path: &Path, tree: &sled::Tree) -> Result<Option<Marker>, StoreError> {
    let Some(bytes) = tree
        .get(MARKER_KEY)
        .map_err(io_error(store_path, "reading the journal marker"))?
    else {
        return Ok(None);
    };
    value::decode::<Marker>(&bytes)
        .map(Some)
        .map_err(|e| crate::store::entries::decode_error(store_path, "journal marker", e))
}
