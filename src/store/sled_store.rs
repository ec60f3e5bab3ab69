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
struct Change {
    key: Vec<u8>,
    doc: String,
    para: u32,
    after: Option<Label>,
    after_bytes: Option<Vec<u8>>,
}

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
        let next_seq = match history.last().map_err(io("reading the history"))? {
            None => 0,
            Some((key, _)) => match keys::decode_history_key(&key) {
                Some(seq) => seq.checked_add(1).ok_or_else(|| StoreError::BadValue {
                    path: path.clone(),
                    key: describe_history_key(&key),
                    reason: "sequence number overflow".into(),
                })?,
                None => {
                    return Err(StoreError::BadValue {
                        path: path.clone(),
                        key: describe_history_key(&key),
                        reason: "history keys are 8 bytes".into(),
                    })
                }
            },
        };
        Ok(SledStore {
            path,
            annotator: annotator.to_owned(),
            db,
            labels,
            history,
            orphans,
            next_seq,
            _registration: registration,
        })
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
        let label: Label = value::decode(bytes)
            .map_err(|e| decode_error(&self.path, &describe_label_key(key), e))?;
        if keys::decode_label_key(key) != Some((label.doc.clone(), label.para)) {
            return Err(StoreError::BadValue {
                path: self.path.clone(),
                key: describe_label_key(key),
                reason: format!(
                    "the value is the label of \"{}\" #{}",
                    label.doc, label.para
                ),
            });
        }
        Ok(label)
    }

    fn change(&self, doc: &str, para: u32, label: Option<&Label>) -> Result<Change, StoreError> {
        keys::check_doc(doc).map_err(|reason| StoreError::InvalidDoc {
            doc: doc.to_owned(),
            reason,
        })?;
        let after = label.map(|l| {
            let mut l = l.clone();
            l.normalize();
            l
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
            doc: doc.to_owned(),
            para,
            after_bytes: after.as_ref().map(value::encode),
            after,
        })
    }

    /// Apply `changes` and their history entries in one transaction, then
    /// flush.
    fn write(&mut self, changes: &[Change], action: &str) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let at = super::now_rfc3339();
        let first_seq = self.next_seq;
        let result = (&self.labels, &self.history).transaction(|(labels, history)| {
            for (i, change) in changes.iter().enumerate() {
                let before = match labels.get(&change.key)? {
                    None => None,
                    Some(bytes) => Some(
                        self.decode_label(&change.key, &bytes)
                            .map_err(ConflictableTransactionError::Abort)?,
                    ),
                };
                match &change.after_bytes {
                    Some(bytes) => labels.insert(change.key.as_slice(), bytes.as_slice())?,
                    None => labels.remove(change.key.as_slice())?,
                };
                let seq = first_seq + i as u64;
                let entry = HistoryEntry {
                    seq,
                    at: at.clone(),
                    annotator: self.annotator.clone(),
                    doc: change.doc.clone(),
                    para: change.para,
                    action: action.to_owned(),
                    before,
                    after: change.after.clone(),
                };
                history.insert(&keys::history_key(seq)[..], value::encode(&entry))?;
            }
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(self.io("writing a label")(e)),
        }
        self.next_seq += changes.len() as u64;
        self.db.flush().map_err(self.io("flushing"))?;
        Ok(())
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

    fn labels(&self) -> Result<Vec<Label>, StoreError> {
        let mut out = Vec::new();
        for item in self.labels.iter() {
            let (key, bytes) = item.map_err(self.io("reading the labels"))?;
            out.push(self.decode_label(&key, &bytes)?);
        }
        Ok(out)
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

    /// Move the label out of `labels` into `orphans` (and the history), in
    /// one transaction, then flush.
    fn park(&mut self, label: &Label) -> Result<(), StoreError> {
        let change = self.change(&label.doc, label.para, Some(label))?;
        let mut orphan_key = change.key.clone();
        orphan_key.extend_from_slice(label.hash.as_bytes());
        let bytes = change.after_bytes.clone().unwrap_or_default();
        let seq = self.next_seq;
        let entry = HistoryEntry {
            seq,
            at: super::now_rfc3339(),
            annotator: self.annotator.clone(),
            doc: label.doc.clone(),
            para: label.para,
            action: "orphan".to_owned(),
            before: change.after.clone(),
            after: None,
        };
        let result = (&self.labels, &self.history, &self.orphans).transaction(
            |(labels, history, orphans)| {
                if labels.get(&change.key)?.as_deref() == Some(bytes.as_slice()) {
                    labels.remove(change.key.as_slice())?;
                }
                orphans.insert(orphan_key.as_slice(), bytes.as_slice())?;
                history.insert(&keys::history_key(seq)[..], value::encode(&entry))?;
                Ok::<(), ConflictableTransactionError<StoreError>>(())
            },
        );
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(self.io("parking a label")(e)),
        }
        self.next_seq += 1;
        self.db.flush().map_err(self.io("flushing"))?;
        Ok(())
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
            let what = describe_history_key(&key);
            let entry: HistoryEntry =
                value::decode(&bytes).map_err(|e| decode_error(&self.path, &what, e))?;
            if keys::decode_history_key(&key) != Some(entry.seq) {
                return Err(StoreError::BadValue {
                    path: self.path.clone(),
                    key: what,
                    reason: format!("the value is history entry #{}", entry.seq),
                });
            }
            out.push(entry);
        }
        Ok(out)
    }
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
