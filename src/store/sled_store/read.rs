//! Reading labels and decoding stored values.

use super::history::decode_history;
use super::{check_doc, SledStore};
use crate::store::body::placed;
use crate::store::keys::{self, describe_label_key};
use crate::store::value::{self, DecodeError};
use crate::store::view::{view, LabelView, ViewError};
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

    /// Every label, each decoded as soon as sled hands out its entry,
    /// while its bytes are still in the CPU's cache (several stores are
    /// read at once, a thread each: see `cli::labels`).
    pub(super) fn read_labels(&self) -> Result<Vec<Label>, StoreError> {
        let io = self.io("reading the labels");
        self.labels
            .iter()
            .map(|entry| {
                let (key, bytes) = entry.map_err(&io)?;
                decode_label_at(&self.path, &key, &bytes)
            })
            .collect()
    }

    /// Every label as a [`LabelView`], in key order (a document's labels
    /// one after another), to `each` on this thread. Each view is decoded
    /// as soon as sled hands out its entry, while the bytes are still in the
    /// CPU's cache: several stores read at once, a thread each, go faster so
    /// than with decoding handed to a pool (`biaozhu agree`).
    pub fn view_labels<E>(
        &self,
        mut each: impl FnMut(LabelView<'_>) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let io = self.io("reading the labels");
        for entry in self.labels.iter() {
            let (key, bytes) = entry.map_err(&io)?;
            each(view_at(&self.path, &key, &bytes)?)?;
        }
        Ok(())
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
    if value::version(bytes).map_err(err)? == 2 {
        let body: Label = serde_json::from_slice(bytes).map_err(|e| err(value::bad(bytes, e)))?;
        let (doc, para) = keys::decode_label_key(key).ok_or_else(|| bad_label_key(path, key))?;
        return Ok(placed(body, doc, para));
    }
    let label: Label = serde_json::from_slice(bytes).map_err(|e| err(value::bad(bytes, e)))?;
    let at_its_key = keys::decode_label_key(key)
        .is_some_and(|(doc, para)| doc == label.doc && para == label.para);
    if !at_its_key {
        return Err(elsewhere(path, key, &label.doc, label.para));
    }
    Ok(label)
}

/// View the label stored under `key` in the store at `path` (see
/// [`decode_label_at`]: the same checks, the same messages).
fn view_at<'a>(path: &Path, key: &'a [u8], bytes: &'a [u8]) -> Result<LabelView<'a>, StoreError> {
    view(key, bytes).map_err(|e| match e {
        ViewError::Value(e) => decode_error(path, &describe_label_key(key), e),
        ViewError::Key => bad_label_key(path, key),
        ViewError::Elsewhere(doc, para) => elsewhere(path, key, &doc, para),
    })
}

fn bad_label_key(path: &Path, key: &[u8]) -> StoreError {
    StoreError::BadValue {
        path: path.to_owned(),
        key: describe_label_key(key),
        reason: "a label key is the doc path, 0x00 and the paragraph as 4 bytes".into(),
    }
}

/// A version 1 value under `key` that is the label of another paragraph.
fn elsewhere(path: &Path, key: &[u8], doc: &str, para: u32) -> StoreError {
    StoreError::BadValue {
        path: path.to_owned(),
        key: describe_label_key(key),
        reason: format!("the value is the label of \"{doc}\" #{para}"),
    }
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
