//! Reading labels and decoding stored values.

use super::history::decode_history;
use super::{check_doc, SledStore};
use crate::store::body::placed;
use crate::store::keys::{self, describe_label_key};
use crate::store::pack;
use crate::store::value::{self, DecodeError};
use crate::store::view::{view, view_placed, LabelView, ViewError};
use crate::store::{HistoryEntry, Label, StoreError};
use std::path::Path;

impl SledStore {
    /// The label of paragraph `para` of `doc`: in the pack of its range, or
    /// stored alone (stores written before packs).
    pub(super) fn read_label(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        check_doc(doc)?;
        let io = self.io("reading a label");
        let key = keys::label_key(doc, para);
        if let Some(bytes) = self.labels.get(&key).map_err(&io)? {
            if !is_pack_at(&self.path, &key, &bytes)? {
                return decode_label_at(&self.path, &key, &bytes).map(Some);
            }
        }
        let base_key = keys::label_key(doc, pack::base(para));
        let Some(bytes) = self.labels.get(&base_key).map_err(&io)? else {
            return Ok(None);
        };
        if !is_pack_at(&self.path, &base_key, &bytes)? {
            return Ok(None);
        }
        let entries = split_at(&self.path, doc, pack::base(para), &bytes)?;
        match entries.iter().find(|(p, _)| *p == para) {
            Some((_, label)) => decode_placed(&self.path, doc, para, label).map(Some),
            None => Ok(None),
        }
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
            if !is_pack_at(&self.path, &key, &bytes)? {
                each(view_at(&self.path, &key, &bytes)?)?;
                continue;
            }
            let (doc, base) = pack_key(&self.path, &key)?;
            for (para, label) in split_at(&self.path, doc, base, &bytes)? {
                let view = view_placed(doc, para, label)
                    .map_err(|e| view_error(&self.path, doc, para, e))?;
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
            each_label_at(&self.path, &key, &bytes, |label| out.push(label))?;
        }
        // Labels stored alone beside a pack of the same range (a store
        // being packed) come after the pack's.
        if !out.is_sorted_by(|a, b| (&a.doc, a.para) <= (&b.doc, b.para)) {
            out.sort_by(|a, b| (&a.doc, a.para).cmp(&(&b.doc, b.para)));
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

/// Each label of the value stored under `key` in the store at `path` (a
/// pack, or a single label), decoded, in paragraph order, to `each`.
pub(super) fn each_label_at(
    path: &Path,
    key: &[u8],
    bytes: &[u8],
    mut each: impl FnMut(Label),
) -> Result<(), StoreError> {
    if !is_pack_at(path, key, bytes)? {
        each(decode_label_at(path, key, bytes)?);
        return Ok(());
    }
    let (doc, base) = pack_key(path, key)?;
    for (para, label) in split_at(path, doc, base, bytes)? {
        each(decode_placed(path, doc, para, label)?);
    }
    Ok(())
}

/// Whether the value under `key` is a pack rather than a single label.
pub(super) fn is_pack_at(path: &Path, key: &[u8], bytes: &[u8]) -> Result<bool, StoreError> {
    pack::is_pack(bytes).map_err(|e| decode_error(path, &describe_label_key(key), e))
}

/// The document and first paragraph of the pack stored under `key`.
pub(super) fn pack_key<'k>(path: &Path, key: &'k [u8]) -> Result<(&'k str, u32), StoreError> {
    let (doc, base) = keys::split_label_key(key).ok_or_else(|| bad_label_key(path, key))?;
    if pack::base(base) != base {
        return Err(StoreError::BadValue {
            path: path.to_owned(),
            key: describe_label_key(key),
            reason: format!(
                "a pack of labels under a paragraph that does not start a range of {}",
                pack::SIZE
            ),
        });
    }
    Ok((doc, base))
}

/// The entries of the pack of `doc` from paragraph `base`.
pub(super) fn split_at<'b>(
    path: &Path,
    doc: &str,
    base: u32,
    bytes: &'b [u8],
) -> Result<Vec<(u32, &'b [u8])>, StoreError> {
    pack::split(bytes, base).map_err(|e| {
        let what = format!("labels \"{doc}\" #{base}…#{}", base + pack::SIZE - 1);
        decode_error(path, &what, e)
    })
}

/// Decode the single label stored under `key` in the store at `path`: a
/// version 2 body gets its `doc` and `para` from the key; a version 1 label
/// must be the one of that key.
pub(super) fn decode_label_at(path: &Path, key: &[u8], bytes: &[u8]) -> Result<Label, StoreError> {
    let (doc, para) = keys::split_label_key(key).ok_or_else(|| bad_label_key(path, key))?;
    decode_placed(path, doc, para, bytes)
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

/// View the single label stored under `key` in the store at `path` (see
/// [`decode_label_at`]: the same checks, the same messages).
fn view_at<'a>(path: &Path, key: &'a [u8], bytes: &'a [u8]) -> Result<LabelView<'a>, StoreError> {
    view(key, bytes).map_err(|e| match keys::split_label_key(key) {
        Some((doc, para)) => view_error(path, doc, para, e),
        None => bad_label_key(path, key),
    })
}

/// A label of paragraph `para` of `doc` that could not be viewed.
fn view_error(path: &Path, doc: &str, para: u32, e: ViewError) -> StoreError {
    match e {
        ViewError::Value(e) => decode_error(path, &describe_label(doc, para), e),
        ViewError::Key => bad_label_key(path, &keys::label_key(doc, para)),
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
