//! Reading labels and decoding stored values.

use super::history::decode_history;
use super::{check_doc, SledStore};
use crate::store::body::placed;
use crate::store::keys::{self, describe_label_key};
use crate::store::pack;
use crate::store::value::{self, DecodeError};
use crate::store::view::{view_placed, LabelView, ViewError};
use crate::store::{HistoryEntry, Label, StoreError};
use std::path::Path;

impl SledStore {
    /// The label of paragraph `para` of `doc`: in the pack of its range, or
    /// stored alone under its own key (stores written before packs).
    pub(super) fn read_label(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        check_doc(doc)?;
        let base = pack::base(para);
        for at in std::iter::once(para).chain((base != para).then_some(base)) {
            let key = keys::label_key(doc, at);
            let Some(bytes) = self.labels.get(&key).map_err(self.io("reading a label"))? else {
                continue;
            };
            let stored = stored(&self.path, &key, &bytes)?;
            if let Some(&(_, label)) = stored.labels.iter().find(|(p, _)| *p == para) {
                return decode_placed(&self.path, doc, para, label).map(Some);
            }
        }
        Ok(None)
    }

    /// Every label, ordered by (doc, para), each decoded as soon as sled
    /// hands out its entry, while its bytes are still in the CPU's cache
    /// (several stores are read at once, a thread each: see `cli::labels`).
    pub(super) fn read_labels(&self) -> Result<Vec<Label>, StoreError> {
        self.labels_in(self.labels.iter())
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
            let stored = stored(&self.path, &key, &bytes)?;
            for (para, label) in stored.labels {
                let view = view_placed(stored.doc, para, label)
                    .map_err(|e| view_error(&self.path, stored.doc, para, e))?;
                each(view)?;
            }
        }
        Ok(())
    }

    pub(super) fn read_doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        check_doc(doc)?;
        self.labels_in(self.labels.scan_prefix(keys::doc_prefix(doc)))
    }

    /// The labels of the entries `iter` gives, ordered by (doc, para).
    fn labels_in(&self, iter: sled::Iter) -> Result<Vec<Label>, StoreError> {
        let io = self.io("reading the labels");
        let mut out = Vec::new();
        for entry in iter {
            let (key, bytes) = entry.map_err(&io)?;
            let stored = stored(&self.path, &key, &bytes)?;
            for (para, label) in stored.labels {
                out.push(decode_placed(&self.path, stored.doc, para, label)?);
            }
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
}

/// The labels stored under one key of `labels`: a pack's, or the one an
/// earlier build stored alone under its own key.
pub(super) struct Stored<'a> {
    pub(super) doc: &'a str,
    /// Each label's paragraph and value, in paragraph order.
    pub(super) labels: Vec<(u32, &'a [u8])>,
    /// A label stored alone (by a build before packs), not a pack.
    pub(super) alone: bool,
}

/// What is stored under `key` as `bytes` in the store at `path`; the labels'
/// values are not decoded here.
pub(super) fn stored<'a>(
    path: &Path,
    key: &'a [u8],
    bytes: &'a [u8],
) -> Result<Stored<'a>, StoreError> {
    let (doc, para) = keys::split_label_key(key).ok_or_else(|| bad_label_key(path, key))?;
    let is_pack =
        pack::is_pack(bytes).map_err(|e| decode_error(path, &describe_label_key(key), e))?;
    if !is_pack {
        return Ok(Stored {
            doc,
            labels: vec![(para, bytes)],
            alone: true,
        });
    }
    if pack::base(para) != para {
        return Err(StoreError::BadValue {
            path: path.to_owned(),
            key: describe_label_key(key),
            reason: format!(
                "a pack of labels under a paragraph that does not start a range of {}",
                pack::SIZE
            ),
        });
    }
    let labels = pack::split(bytes, para).map_err(|e| {
        let what = format!("labels \"{doc}\" #{para}…#{}", para + pack::SIZE - 1);
        decode_error(path, &what, e)
    })?;
    Ok(Stored {
        doc,
        labels,
        alone: false,
    })
}

/// Decode the label of paragraph `para` of `doc` stored as `bytes` (alone
/// or in a pack): a version 2 body is placed there; a version 1 label must
/// be that paragraph's.
pub(super) fn decode_placed(
    path: &Path,
    doc: &str,
    para: u32,
    bytes: &[u8],
) -> Result<Label, StoreError> {
    let err = |e| decode_error(path, &describe_label(doc, para), e);
    if value::version(bytes).map_err(err)? == 2 {
        let body: Label = serde_json::from_slice(bytes).map_err(|e| err(value::bad(bytes, e)))?;
        return Ok(placed(body, doc.to_owned(), para));
    }
    let label: Label = serde_json::from_slice(bytes).map_err(|e| err(value::bad(bytes, e)))?;
    if label.doc != doc || label.para != para {
        return Err(elsewhere(path, doc, para, &label.doc, label.para));
    }
    Ok(label)
}

/// A label of paragraph `para` of `doc` that could not be viewed.
fn view_error(path: &Path, doc: &str, para: u32, e: ViewError) -> StoreError {
    match e {
        ViewError::Value(e) => decode_error(path, &describe_label(doc, para), e),
        ViewError::Elsewhere(stored_doc, stored_para) => {
            elsewhere(path, doc, para, &stored_doc, stored_para)
        }
    }
}

/// A label for messages, as [`describe_label_key`] names its key.
fn describe_label(doc: &str, para: u32) -> String {
    format!("label \"{doc}\" #{para}")
}

fn bad_label_key(path: &Path, key: &[u8]) -> StoreError {
    StoreError::BadValue {
        path: path.to_owned(),
        key: describe_label_key(key),
        reason: "a label key is the doc path, 0x00 and the paragraph as 4 bytes".into(),
    }
}

/// A version 1 value at paragraph `para` of `doc` that is the label of
/// another paragraph.
fn elsewhere(path: &Path, doc: &str, para: u32, stored_doc: &str, stored_para: u32) -> StoreError {
    StoreError::BadValue {
        path: path.to_owned(),
        key: describe_label(doc, para),
        reason: format!("the value is the label of \"{stored_doc}\" #{stored_para}"),
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
