//! Reading labels and decoding stored values.

use super::history::decode_history;
use super::{check_doc, SledStore};
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

    /// Read every entry first, then decode the JSON on all cores: decoding
    /// is most of the cost of reading a large store (export).
    pub(super) fn read_labels(&self) -> Result<Vec<Label>, StoreError> {
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

/// Decode the label stored under `key` in the store at `path`, checking
/// that the value belongs to that key.
fn decode_label_at(path: &Path, key: &[u8], bytes: &[u8]) -> Result<Label, StoreError> {
    let label: Label =
        value::decode(bytes).map_err(|e| decode_error(path, &describe_label_key(key), e))?;
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
