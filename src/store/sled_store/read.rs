//! Reading labels and decoding stored values.

use super::history::decode_history;
use super::{check_doc, SledStore};
use crate::store::body::placed;
use crate::store::keys::{self, describe_label_key};
use crate::store::value::{self, DecodeError};
use crate::store::{HistoryEntry, Label, StoreError};
use std::path::Path;

impl SledStore {
    pub(super) fn read_label(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        check_doc(doc)?;
        self.stored_label(&keys::label_key(doc, para))
    }

    /// The label stored under `key` in `labels`, if any.
    pub(super) fn stored_label(&self, key: &[u8]) -> Result<Option<Label>, StoreError> {
        match self.labels.get(key).map_err(self.io("reading a label"))? {
            None => Ok(None),
            Some(bytes) => self.decode_label(key, &bytes).map(Some),
        }
    }

    /// Read the entries in chunks and decode each chunk's JSON on all
    /// cores while the next chunk is read: decoding is much of the cost of
    /// reading a large store (export, agree), and sled iterates on one
    /// thread. Only a chunk of raw entries is held at a time.
    pub(super) fn read_labels(&self) -> Result<Vec<Label>, StoreError> {
        use rayon::prelude::*;
        const CHUNK: usize = 16 * 1024;
        let path = self.path.as_path();
        let mut entries = self.labels.iter();
        let mut next_chunk = || -> Result<Vec<(sled::IVec, sled::IVec)>, StoreError> {
            entries
                .by_ref()
                .take(CHUNK)
                .collect::<Result<Vec<_>, _>>()
                .map_err(self.io("reading the labels"))
        };
        let mut out = Vec::new();
        let mut chunk = next_chunk()?;
        while !chunk.is_empty() {
            let (decoded, next) = rayon::join(
                || {
                    chunk
                        .par_iter()
                        .map(|(key, bytes)| decode_label_at(path, key, bytes))
                        .collect::<Result<Vec<_>, _>>()
                },
                &mut next_chunk,
            );
            out.append(&mut decoded?);
            chunk = next?;
        }
        Ok(out)
    }

    pub(super) fn read_doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        check_doc(doc)?;
        let mut out = Vec::new();
        for item in self.labels.scan_prefix(keys::doc_prefix(doc)) {
            let (key, bytes) = item.map_err(self.io("reading the labels"))?;
            out.push(self.decode_label(&key, &bytes)?);
        }
        Ok(out)
    }

    pub(super) fn read_parked(&self) -> Result<Vec<Label>, StoreError> {
        let mut out = Vec::new();
        for item in self.orphans.iter() {
            let (key, bytes) = item.map_err(self.io("reading the orphans"))?;
            let what = format!("orphan {}", describe_label_key(&key));
            out.push(value::decode(&bytes).map_err(|e| decode_error(&self.path, &what, e))?);
        }
        Ok(out)
    }

    pub(super) fn read_history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut out = Vec::new();
        for item in self.history.iter() {
            let (key, bytes) = item.map_err(self.io("reading the history"))?;
            out.extend(decode_history(&self.path, &key, &bytes)?);
        }
        Ok(out)
    }

    pub(super) fn decode_label(&self, key: &[u8], bytes: &[u8]) -> Result<Label, StoreError> {
        decode_label_at(&self.path, key, bytes)
    }
}

/// Decode the label stored under `key` in the store at `path`: a version 2
/// body gets its `doc` and `para` from the key; a version 1 label must be
/// the one of that key.
pub(super) fn decode_label_at(path: &Path, key: &[u8], bytes: &[u8]) -> Result<Label, StoreError> {
    let err = |e| decode_error(path, &describe_label_key(key), e);
    let bad_key = || StoreError::BadValue {
        path: path.to_owned(),
        key: describe_label_key(key),
        reason: "a label key is the doc path, 0x00 and the paragraph as 4 bytes".into(),
    };
    if value::version(bytes).map_err(err)? == 2 {
        let body: Label = serde_json::from_slice(bytes).map_err(|e| err(value::bad(bytes, e)))?;
        let (doc, para) = keys::decode_label_key(key).ok_or_else(bad_key)?;
        return Ok(placed(body, doc, para));
    }
    let label: Label = serde_json::from_slice(bytes).map_err(|e| err(value::bad(bytes, e)))?;
    let at_its_key = keys::decode_label_key(key)
        .is_some_and(|(doc, para)| doc == label.doc && para == label.para);
    if !at_its_key {
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

/// A value under `key` (as messages name it) of the store at `path` that
/// did not decode.
pub(super) fn decode_error(path: &Path, key: &str, e: DecodeError) -> StoreError {
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
