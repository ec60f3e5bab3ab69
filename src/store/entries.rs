//! Decoding what a store holds, entry by entry: the label packs (and
//! labels stored alone by earlier builds) of the `labels` tree, parked
//! labels and history values — the same for a sled store and for a
//! journal's replica (see `journal`).

use crate::store::body::placed;
use crate::store::keys::{self, describe_label_key};
use crate::store::pack;
use crate::store::value::{self, DecodeError};
use crate::store::view::{view_placed, LabelView, ViewError};
use crate::store::{HistoryEntry, Label, Shelf, StoreError};
use std::path::Path;

/// Every label of the `labels` tree entries `entries` (in key order),
/// ordered by (doc, para), each decoded as soon as its entry comes.
pub(crate) fn labels_of<K: AsRef<[u8]>, V: AsRef<[u8]>>(
    path: &Path,
    entries: impl Iterator<Item = Result<(K, V), StoreError>>,
) -> Result<Vec<Label>, StoreError> {
    let mut out = Vec::new();
    each_label(path, entries, |doc, para, bytes| {
        out.push(decode_placed(path, doc, para, bytes)?);
        Ok::<_, StoreError>(())
    })?;
    Ok(out)
}

/// Every label of the `labels` tree entries `entries`, shelved
/// ([`Shelf`]: each decoded once, kept as its stored body).
pub(crate) fn shelf_of<K: AsRef<[u8]>, V: AsRef<[u8]>>(
    path: &Path,
    entries: impl Iterator<Item = Result<(K, V), StoreError>>,
) -> Result<Shelf, StoreError> {
    let mut shelf = Shelf::new(path);
    each_label(path, entries, |doc, para, bytes| {
        shelf.push_stored(doc, para, bytes)
    })?;
    Ok(shelf)
}

/// Every label of the `labels` tree entries `entries` as a [`LabelView`],
/// in key order, to `each` on this thread.
pub(crate) fn view_entries<K: AsRef<[u8]>, V: AsRef<[u8]>, E: From<StoreError>>(
    path: &Path,
    entries: impl Iterator<Item = Result<(K, V), StoreError>>,
    mut each: impl FnMut(LabelView<'_>) -> Result<(), E>,
) -> Result<(), E> {
    each_label(path, entries, |doc, para, bytes| {
        let view = view_placed(doc, para, bytes).map_err(|e| view_error(path, doc, para, e))?;
        each(view)
    })
}

/// Each label's doc, paragraph and stored bytes, from the `labels` tree
/// entries `entries` (a pack's labels, or a label stored alone).
fn each_label<K: AsRef<[u8]>, V: AsRef<[u8]>, E: From<StoreError>>(
    path: &Path,
    entries: impl Iterator<Item = Result<(K, V), StoreError>>,
    mut each: impl FnMut(&str, u32, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    for entry in entries {
        let (key, bytes) = entry?;
        let stored = stored(path, key.as_ref(), bytes.as_ref())?;
        for (para, label) in stored.labels {
            each(stored.doc, para, label)?;
        }
    }
    Ok(())
}

/// The parked labels of the `orphans` tree entries `entries`.
pub(crate) fn parked_of<K: AsRef<[u8]>, V: AsRef<[u8]>>(
    path: &Path,
    entries: impl Iterator<Item = Result<(K, V), StoreError>>,
) -> Result<Vec<Label>, StoreError> {
    decode_each(entries, |key, bytes| {
        let what = format!("orphan {}", describe_label_key(key));
        let label = value::decode(bytes).map_err(|e| decode_error(path, &what, e))?;
        Ok(vec![label])
    })
}

/// The history entries of the `history` tree entries `entries`.
pub(crate) fn history_of<K: AsRef<[u8]>, V: AsRef<[u8]>>(
    path: &Path,
    entries: impl Iterator<Item = Result<(K, V), StoreError>>,
) -> Result<Vec<HistoryEntry>, StoreError> {
    decode_each(entries, |key, bytes| {
        crate::store::sled_store::decode_history(path, key, bytes)
    })
}

/// What `decode` makes of each entry, in order.
fn decode_each<K: AsRef<[u8]>, V: AsRef<[u8]>, T>(
    entries: impl Iterator<Item = Result<(K, V), StoreError>>,
    mut decode: impl FnMut(&[u8], &[u8]) -> Result<Vec<T>, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    for entry in entries {
        let (key, bytes) = entry?;
        out.extend(decode(key.as_ref(), bytes.as_ref())?);
    }
    Ok(out)
}

/// The labels stored under one key of `labels`: a pack's, or the one an
/// earlier build stored alone under its own key.
pub(crate) struct Stored<'a> {
    pub(crate) doc: &'a str,
    /// Each label's paragraph and value, in paragraph order.
    pub(crate) labels: Vec<(u32, &'a [u8])>,
    /// A label stored alone (by a build before packs), not a pack.
    pub(crate) alone: bool,
}

/// What is stored under `key` as `bytes` in the store at `path`; the labels'
/// values are not decoded here.
pub(crate) fn stored<'a>(
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
pub(crate) fn decode_placed(
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
pub(crate) fn decode_error(path: &Path, key: &str, e: DecodeError) -> StoreError {
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
