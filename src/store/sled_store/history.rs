//! History values: one entry `{"v":1,…}`, or the consecutive entries of one
//! `put_many`/`park_many` as one group under the first one's `seq` (see the
//! module docs of `store`): written as version 2,
//! `{"v":2,"seq":…,"at":…,"annotator":…,"action":…,"group":[{"doc":…,
//! "para":…,"before":body,"after":body}, …]}` (the first entry's `seq`, the
//! following ones counting on; the shared fields once; labels as version 2
//! bodies, absent when None); earlier builds wrote
//! `{"v":1,"group":[entry, …]}`. Both read.

use super::write::Change;
use super::{SledStore, Writes};
use crate::store::body::{placed, BodyRef};
use crate::store::entries::decode_error;
use crate::store::keys::{self, describe_history_key};
use crate::store::{value, HistoryEntry, Label, StoreError};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// History entries written by one `put_many`/`park_many` share values of
/// up to this many entries.
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

/// A version 1 group: `{"v":1,"group":[entry, …]}` (earlier builds).
#[derive(Deserialize)]
struct Group {
    group: Vec<HistoryEntry>,
}

/// How every version 1 group value begins.
const GROUP_PREFIX_V1: &[u8] = b"{\"v\":1,\"group\":";

/// A version 2 group of entries sharing `at`, `annotator` and `action`,
/// borrowing its labels (for writing).
#[derive(Serialize)]
struct GroupV2Ref<'a> {
    /// The first entry's (= the key's).
    seq: u64,
    at: &'a str,
    annotator: &'a str,
    action: &'a str,
    group: Vec<EntryV2Ref<'a>>,
}

#[derive(Serialize)]
struct EntryV2Ref<'a> {
    doc: &'a str,
    para: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<BodyRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<BodyRef<'a>>,
}

/// A version 2 group as read.
#[derive(Deserialize)]
struct GroupV2 {
    seq: u64,
    at: String,
    annotator: String,
    action: String,
    group: Vec<EntryV2>,
}

#[derive(Deserialize)]
struct EntryV2 {
    doc: String,
    para: u32,
    #[serde(default)]
    before: Option<Label>,
    #[serde(default)]
    after: Option<Label>,
}

/// How every group value `history_batch` writes begins.
#[cfg(test)]
pub(super) const GROUP_PREFIX: &[u8] = b"{\"v\":2,\"seq\":";

impl SledStore {
    /// The history entries of `entries` — each a change with the label at
    /// its key before and after it — stamped now, with consecutive seqs from
    /// `next_seq`, as a batch for the history tree: one value for a single
    /// entry, else groups of up to [`HISTORY_GROUP`].
    pub(super) fn history_batch<'c>(
        &self,
        action: &str,
        entries: impl Iterator<Item = (&'c Change<'c>, Option<&'c Label>, Option<&'c Label>)>,
    ) -> Writes {
        let at = crate::store::now_rfc3339();
        let entries: Vec<EntryRef> = entries
            .zip(self.next_seq..)
            .map(|((change, before, after), seq)| EntryRef {
                seq,
                at: &at,
                annotator: &self.actor,
                doc: change.doc,
                para: change.para,
                action,
                before,
                after,
            })
            .collect();
        let mut batch = Writes::new();
        if let [one] = &entries[..] {
            batch.push((
                keys::history_key(one.seq).to_vec(),
                Some(value::encode(one)),
            ));
        } else {
            for group in entries.chunks(HISTORY_GROUP) {
                let key = keys::history_key(group[0].seq);
                let group = GroupV2Ref {
                    seq: group[0].seq,
                    at: &at,
                    annotator: &self.actor,
                    action,
                    group: group
                        .iter()
                        .map(|e| EntryV2Ref {
                            doc: e.doc,
                            para: e.para,
                            before: e.before.map(BodyRef::new),
                            after: e.after.map(BodyRef::new),
                        })
                        .collect(),
                };
                batch.push((key.to_vec(), Some(value::encode_v2(&group))));
            }
        }
        batch
    }
}

/// The entries of one history value in the store at `path`: one entry, or
/// a group of entries with consecutive seqs from the key's.
pub(crate) fn decode_history(
    path: &Path,
    key: &[u8],
    bytes: &[u8],
) -> Result<Vec<HistoryEntry>, StoreError> {
    let what = describe_history_key(key);
    let err = |e| decode_error(path, &what, e);
    let entries = if value::version(bytes).map_err(err)? == 2 {
        let group: GroupV2 =
            serde_json::from_slice(bytes).map_err(|e| err(value::bad(bytes, e)))?;
        let GroupV2 {
            seq: first,
            at,
            annotator,
            action,
            group,
        } = group;
        group
            .into_iter()
            .zip(first..)
            .map(|(e, seq)| HistoryEntry {
                seq,
                at: at.clone(),
                annotator: annotator.clone(),
                before: e.before.map(|b| placed(b, e.doc.clone(), e.para)),
                after: e.after.map(|b| placed(b, e.doc.clone(), e.para)),
                doc: e.doc,
                para: e.para,
                action: action.clone(),
            })
            .collect()
    } else if bytes.starts_with(GROUP_PREFIX_V1) {
        value::decode::<Group>(bytes)
            .map_err(|e| decode_error(path, &what, e))?
            .group
    } else {
        vec![value::decode::<HistoryEntry>(bytes).map_err(|e| decode_error(path, &what, e))?]
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
            path: path.to_owned(),
            key: what,
            reason: format!("the value is {seqs}"),
        });
    }
    Ok(entries)
}
