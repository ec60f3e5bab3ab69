//! [`LabelStore`] on sled 0.34.7: one database per annotator.
//!
//! Locking and opening: see [`super::lock`].
//!
//! Sequence numbers: this handle is the only writer (it holds the lock), so
//! the next history `seq` is kept in memory, read once at open as the last
//! history key + 1. That makes `seq` dense and monotonic across reopen.

use super::keys::{self, describe_history_key, describe_label_key};
use super::lock::{open_db, OpenError, Registration};
use super::value::{self, DecodeError};
use super::{validate_annotator, HistoryEntry, Label, LabelStore, StoreError};
use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionError, Transactional};
use std::borrow::Cow;
use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};

const LABELS_TREE: &str = "labels";
const HISTORY_TREE: &str = "history";
/// Labels whose paragraph text left the corpus, parked out of the way of new
/// labels: key = label key + the label's content hash.
const ORPHANS_TREE: &str = "orphans";
const FORMAT_KEY: &str = "format";

/// The store layout marker in the default tree: `{"v":1}`.
#[derive(Serialize, Deserialize)]
struct Format {}

/// The label store of one annotator: `<labels_dir>/<annotator>.sled/`.
pub struct SledStore {
    // Field order is drop order: the sled handles first, the registration
    // last.
    path: PathBuf,
    annotator: String,
    db: sled::Db,
    labels: sled::Tree,
    history: sled::Tree,
    orphans: sled::Tree,
    next_seq: u64,
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

/// A label change ready to write.
struct Change<'a> {
    key: Vec<u8>,
    doc: &'a str,
    para: u32,
    /// Normalized (borrowed when it already was).
    after: Option<Cow<'a, Label>>,
    after_bytes: Option<Vec<u8>>,
}

/// History entries written by one `put_many`/`park_many` share values of
/// up to this many entries (see the module docs of `store`).
const HISTORY_GROUP: usize = 256;

/// A history entry to write, borrowing its labels (serializes exactly as
/// [`HistoryEntry`]).
#[derive(Serialize)]
struct EntryRef<'a> {
    seq: u64,
    at: &'a str,
    annotator: &'a str,
    doc: &'a str,
    para: u32,
    action: &'a str,
    before: Option<&'a Label>,
    after: Option<&'a Label>,
}

/// Consecutive history entries stored as one value: `{"v":1,"group":[…]}`
/// under the key of the first one's `seq`.
#[derive(Serialize)]
struct GroupRef<'a> {
    group: &'a [EntryRef<'a>],
}

#[derive(Deserialize)]
struct Group {
    group: Vec<HistoryEntry>,
}

/// How every group value `value::encode` writes begins.
const GROUP_PREFIX: &[u8] = b"{\"v\":1,\"group\":";

impl SledStore {
    /// Open (creating) the store of `annotator` under `labels_dir`:
    /// `<labels_dir>/<annotator>.sled/`. Creates `labels_dir` if missing.
    pub fn open(labels_dir: &Path, annotator: &str) -> Result<SledStore, StoreError> {
        validate_annotator(annotator)?;
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
        let canonical = labels_dir
            .canonicalize()
            .map_err(|source| StoreError::Io {
                path: labels_dir.to_owned(),
                op: "resolving the labels dir",
                source,
            })?
            .join(format!("{annotator}.sled"));
        let registration = Registration::take(canonical).ok_or_else(locked)?;
        let db = open_db(&path).map_err(|e| match e {
            OpenError::Locked => locked(),
            OpenError::Other(source) => StoreError::Io {
                path: path.clone(),
                op: "opening the store",
                source,
            },
        })?;
        let io = |op| {
            let path = path.clone();
            move |e: sled::Error| StoreError::Io {
                path,
                op,
                source: e.into(),
            }
        };
        let labels = db
            .open_tree(LABELS_TREE)
            .map_err(io("opening the labels tree"))?;
        let history = db
            .open_tree(HISTORY_TREE)
            .map_err(io("opening the history tree"))?;
        let orphans = db
            .open_tree(ORPHANS_TREE)
            .map_err(io("opening the orphans tree"))?;
        match db
            .get(FORMAT_KEY)
            .map_err(io("reading the format marker"))?
        {
            Some(bytes) => {
                value::decode::<Format>(&bytes)
                    .map_err(|e| decode_error(&path, "key \"format\"", e))?;
            }
            None => {
                db.insert(FORMAT_KEY, value::encode(&Format {}))
                    .map_err(io("writing the format marker"))?;
                db.flush().map_err(io("flushing"))?;
            }
        }
        let last = history.last().map_err(io("reading the history"))?;
        let mut store = SledStore {
            path,
            annotator: annotator.to_owned(),
            db,
            labels,
            history,
            orphans,
            next_seq: 0,
            _registration: registration,
        };
        if let Some((key, bytes)) = last {
            let Some(first) = keys::decode_history_key(&key) else {
                return Err(StoreError::BadValue {
                    path: store.path.clone(),
                    key: describe_history_key(&key),
                    reason: "history keys are 8 bytes".into(),
                });
            };
            let entries = store.decode_history(&key, &bytes)?.len() as u64;
            store.next_seq = first
                .checked_add(entries)
                .ok_or_else(|| StoreError::BadValue {
                    path: store.path.clone(),
                    key: describe_history_key(&key),
                    reason: "sequence number overflow".into(),
                })?;
        }
        Ok(store)
    }

    /// Where the store of `annotator` lives: `<labels_dir>/<annotator>.sled`.
    pub fn path_of(labels_dir: &Path, annotator: &str) -> PathBuf {
        labels_dir.join(format!("{annotator}.sled"))
    }

    /// This store's directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of labeled paragraphs (counts them: O(n)).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The `seq` the next history entry will get (= number of entries).
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    fn io(&self, op: &'static str) -> impl Fn(sled::Error) -> StoreError + '_ {
        move |e| StoreError::Io {
            path: self.path.clone(),
            op,
            source: e.into(),
        }
    }

    fn decode_label(&self, key: &[u8], bytes: &[u8]) -> Result<Label, StoreError> {
        decode_label_at(&self.path, key, bytes)
    }

    fn change<'a>(
        &self,
        doc: &'a str,
        para: u32,
        label: Option<&'a Label>,
    ) -> Result<Change<'a>, StoreError> {
        keys::check_doc(doc).map_err(|reason| StoreError::InvalidDoc {
            doc: doc.to_owned(),
            reason,
        })?;
        let after = label.map(|l| {
            let normal = l.indicators.windows(2).all(|w| w[0] < w[1]);
            if normal {
                Cow::Borrowed(l)
            } else {
                let mut l = l.clone();
                l.normalize();
                Cow::Owned(l)
            }
        });
        if let Some(l) = &after {
            if l.doc != doc || l.para != para {
                return Err(StoreError::Mismatch {
                    doc: doc.to_owned(),
                    para,
                    label_doc: l.doc.clone(),
                    label_para: l.para,
                });
            }
        }
        Ok(Change {
            key: keys::label_key(doc, para),
            doc,
            para,
            after_bytes: after.as_deref().map(value::encode),
            after,
        })
    }

    /// The label stored at each change's key before it (for a key changed
    /// earlier in the same list, that change's label).
    ///
    /// Read outside any transaction: this handle is the store's only writer
    /// (it holds the lock, and writing takes `&mut self`), so nothing can
    /// change them before the transaction that writes the changes.
    fn befores(&self, changes: &[Change]) -> Result<Vec<Option<Label>>, StoreError> {
        if let Some(out) = self.befores_by_scan(changes)? {
            return Ok(out);
        }
        let mut out: Vec<Option<Label>> = Vec::with_capacity(changes.len());
        let mut seen: HashMap<&[u8], usize> = HashMap::with_capacity(changes.len());
        for (i, change) in changes.iter().enumerate() {
            let before = match seen.insert(change.key.as_slice(), i) {
                Some(earlier) => changes[earlier].after.as_deref().cloned(),
                None => match self
                    .labels
                    .get(&change.key)
                    .map_err(self.io("reading a label"))?
                {
                    None => None,
                    Some(bytes) => Some(self.decode_label(&change.key, &bytes)?),
                },
            };
            out.push(before);
        }
        Ok(out)
    }

    /// [`befores`](Self::befores) for changes in strictly increasing key
    /// order, by one scan over their key range (much cheaper than a lookup
    /// per key when the range is new or densely labeled). None when the
    /// keys are not in order or the range holds many other labels.
    fn befores_by_scan(
        &self,
        changes: &[Change],
    ) -> Result<Option<Vec<Option<Label>>>, StoreError> {
        let (Some(first), Some(last)) = (changes.first(), changes.last()) else {
            return Ok(Some(Vec::new()));
        };
        if !changes.windows(2).all(|w| w[0].key < w[1].key) {
            return Ok(None);
        }
        let mut out: Vec<Option<Label>> = vec![None; changes.len()];
        let limit = 2 * changes.len() + 64;
        let mut k = 0;
        let range = self
            .labels
            .range(first.key.as_slice()..=last.key.as_slice());
        for (n, item) in range.enumerate() {
            if n >= limit {
                return Ok(None);
            }
            let (key, bytes) = item.map_err(self.io("reading the labels"))?;
            // Every key in the range is ≤ the last change's key.
            while changes[k].key.as_slice() < &*key {
                k += 1;
            }
            if changes[k].key.as_slice() == &*key {
                out[k] = Some(self.decode_label(&key, &bytes)?);
            }
        }
        Ok(Some(out))
    }

    /// The history entries `entries` (consecutive seqs from `next_seq`) as
    /// a batch for the history tree: one value for a single entry, else
    /// groups of up to [`HISTORY_GROUP`].
    fn history_batch(entries: &[EntryRef]) -> sled::Batch {
        let mut batch = sled::Batch::default();
        if let [one] = entries {
            batch.insert(&keys::history_key(one.seq)[..], value::encode(one));
        } else {
            for group in entries.chunks(HISTORY_GROUP) {
                let key = keys::history_key(group[0].seq);
                batch.insert(&key[..], value::encode(&GroupRef { group }));
            }
        }
        batch
    }

    /// Apply the three batches in one transaction, then flush.
    fn commit(
        &mut self,
        labels: sled::Batch,
        history: sled::Batch,
        orphans: Option<sled::Batch>,
        entries: u64,
        op: &'static str,
    ) -> Result<(), StoreError> {
        let result =
            (&self.labels, &self.history, &self.orphans).transaction(|(tree, hist, orph)| {
                tree.apply_batch(&labels)?;
                hist.apply_batch(&history)?;
                if let Some(orphans) = &orphans {
                    orph.apply_batch(orphans)?;
                }
                Ok::<(), ConflictableTransactionError<Infallible>>(())
            });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(never)) => match never {},
            Err(TransactionError::Storage(e)) => return Err(self.io(op)(e)),
        }
        self.next_seq += entries;
        self.db.flush().map_err(self.io("flushing"))?;
        Ok(())
    }

    /// Apply `changes` and their history entries in one transaction, then
    /// flush.
    fn write(&mut self, changes: &[Change], action: &str) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let befores = self.befores(changes)?;
        let at = super::now_rfc3339();
        let mut labels = sled::Batch::default();
        let mut entries = Vec::with_capacity(changes.len());
        for (i, (change, before)) in changes.iter().zip(&befores).enumerate() {
            match &change.after_bytes {
                Some(bytes) => labels.insert(change.key.as_slice(), bytes.as_slice()),
                None => labels.remove(change.key.as_slice()),
            }
            entries.push(EntryRef {
                seq: self.next_seq + i as u64,
                at: &at,
                annotator: &self.annotator,
                doc: change.doc,
                para: change.para,
                action,
                before: before.as_ref(),
                after: change.after.as_deref(),
            });
        }
        let history = Self::history_batch(&entries);
        drop(entries);
        self.commit(
            labels,
            history,
            None,
            changes.len() as u64,
            "writing a label",
        )
    }

    /// Insert raw bytes under a raw key, bypassing every check (tests of
    /// bad-value handling).
    #[cfg(test)]
    fn raw_insert(&self, tree: &str, key: &[u8], value: &[u8]) {
        let tree = match tree {
            LABELS_TREE => &self.labels,
            HISTORY_TREE => &self.history,
            _ => panic!("{tree}"),
        };
        tree.insert(key, value).unwrap();
    }
}

impl LabelStore for SledStore {
    fn annotator(&self) -> &str {
        &self.annotator
    }

    fn get(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        keys::check_doc(doc).map_err(|reason| StoreError::InvalidDoc {
            doc: doc.to_owned(),
            reason,
        })?;
        let key = keys::label_key(doc, para);
        match self.labels.get(&key).map_err(self.io("reading a label"))? {
            None => Ok(None),
            Some(bytes) => self.decode_label(&key, &bytes).map(Some),
        }
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
        let changes = labels
            .iter()
            .map(|l| self.change(&l.doc, l.para, Some(l)))
            .collect::<Result<Vec<_>, _>>()?;
        self.write(&changes, action)
    }

    /// Read every entry first, then decode the JSON on all cores: decoding
    /// is most of the cost of reading a large store (export).
    fn labels(&self) -> Result<Vec<Label>, StoreError> {
        use rayon::prelude::*;
        let raw = self
            .labels
            .iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.io("reading the labels"))?;
        let path = self.path.as_path();
        raw.par_iter()
            .map(|(key, bytes)| decode_label_at(path, key, bytes))
            .collect()
    }

    fn doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        keys::check_doc(doc).map_err(|reason| StoreError::InvalidDoc {
            doc: doc.to_owned(),
            reason,
        })?;
        let mut out = Vec::new();
        for item in self.labels.scan_prefix(keys::doc_prefix(doc)) {
            let (key, bytes) = item.map_err(self.io("reading the labels"))?;
            out.push(self.decode_label(&key, &bytes)?);
        }
        Ok(out)
    }

    /// Move each label out of `labels` (if it is stored there as it is)
    /// into `orphans`, with its history entry, all in one transaction; then
    /// flush.
    fn park_many(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        if labels.is_empty() {
            return Ok(());
        }
        let changes = labels
            .iter()
            .map(|l| self.change(&l.doc, l.para, Some(l)))
            .collect::<Result<Vec<_>, _>>()?;
        let at = super::now_rfc3339();
        let mut tree = sled::Batch::default();
        let mut orphans = sled::Batch::default();
        let mut entries = Vec::with_capacity(changes.len());
        for (i, (change, label)) in changes.iter().zip(labels).enumerate() {
            let bytes = change.after_bytes.as_deref().unwrap_or_default();
            // Read outside the transaction: see `befores`.
            let stored = self
                .labels
                .get(&change.key)
                .map_err(self.io("reading a label"))?;
            if stored.as_deref() == Some(bytes) {
                tree.remove(change.key.as_slice());
            }
            let mut orphan_key = change.key.clone();
            orphan_key.extend_from_slice(label.hash.as_bytes());
            orphans.insert(orphan_key, bytes);
            entries.push(EntryRef {
                seq: self.next_seq + i as u64,
                at: &at,
                annotator: &self.annotator,
                doc: change.doc,
                para: change.para,
                action,
                before: change.after.as_deref(),
                after: None,
            });
        }
        let history = Self::history_batch(&entries);
        drop(entries);
        self.commit(
            tree,
            history,
            Some(orphans),
            changes.len() as u64,
            "parking a label",
        )
    }

    fn parked(&self) -> Result<Vec<Label>, StoreError> {
        let mut out = Vec::new();
        for item in self.orphans.iter() {
            let (key, bytes) = item.map_err(self.io("reading the orphans"))?;
            let what = format!("orphan {}", describe_label_key(&key));
            out.push(value::decode(&bytes).map_err(|e| decode_error(&self.path, &what, e))?);
        }
        Ok(out)
    }

    fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut out = Vec::new();
        for item in self.history.iter() {
            let (key, bytes) = item.map_err(self.io("reading the history"))?;
            out.extend(self.decode_history(&key, &bytes)?);
        }
        Ok(out)
    }
}

impl SledStore {
    /// The entries of one history value: one entry, or a group of entries
    /// with consecutive seqs from the key's.
    fn decode_history(&self, key: &[u8], bytes: &[u8]) -> Result<Vec<HistoryEntry>, StoreError> {
        let what = describe_history_key(key);
        let entries = if bytes.starts_with(GROUP_PREFIX) {
            value::decode::<Group>(bytes)
                .map_err(|e| decode_error(&self.path, &what, e))?
                .group
        } else {
            vec![value::decode::<HistoryEntry>(bytes)
                .map_err(|e| decode_error(&self.path, &what, e))?]
        };
        let first = keys::decode_history_key(key);
        let dense = !entries.is_empty()
            && entries
                .iter()
                .enumerate()
                .all(|(i, e)| first.and_then(|f| f.checked_add(i as u64)) == Some(e.seq));
        if !dense {
            let seqs = match (entries.first(), entries.last()) {
                (Some(a), Some(b)) if entries.len() > 1 => {
                    format!("history entries #{}…#{}", a.seq, b.seq)
                }
                (Some(a), _) => format!("history entry #{}", a.seq),
                _ => "an empty group of history entries".to_owned(),
            };
            return Err(StoreError::BadValue {
                path: self.path.clone(),
                key: what,
                reason: format!("the value is {seqs}"),
            });
        }
        Ok(entries)
    }
}

/// Decode the label stored under `key` in the store at `path`, checking
/// that the value belongs to that key.
fn decode_label_at(path: &Path, key: &[u8], bytes: &[u8]) -> Result<Label, StoreError> {
    let label: Label =
        value::decode(bytes).map_err(|e| decode_error(path, &describe_label_key(key), e))?;
    if keys::decode_label_key(key) != Some((label.doc.clone(), label.para)) {
        return Err(StoreError::BadValue {
            path: path.to_owned(),
            key: describe_label_key(key),
            reason: format!(
                "the value is the label of \"{}\" #{}",
                label.doc, label.para
            ),
        });
    }
    Ok(label)
}

fn decode_error(path: &Path, key: &str, e: DecodeError) -> StoreError {
    match e {
        DecodeError::Bad(reason) => StoreError::BadValue {
            path: path.to_owned(),
            key: key.to_owned(),
            reason,
        },
        DecodeError::Version(version) => StoreError::UnsupportedVersion {
            path: path.to_owned(),
            key: key.to_owned(),
            version,
            supported: value::VERSION,
        },
    }
}

#[cfg(test)]
mod tests;
