//! History values: one entry `{"v":1,…}`, or the consecutive entries of one
//! `put_many`/`park_many` as one group `{"v":1,"group":[entry, …]}` under
//! the first one's `seq` (see the module docs of `store`).

use super::read::decode_error;
use super::write::Change;
use super::SledStore;
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
pub(super) const GROUP_PREFIX: &[u8] = b"{\"v\":1,\"group\":";

impl SledStore {
    /// The history entries of `entries` — each a change with the label at
    /// its key before and after it — stamped now, with consecutive seqs from
    /// `next_seq`, as a batch for the history tree: one value for a single
    /// entry, else groups of up to [`HISTORY_GROUP`].
    pub(super) fn history_batch<'c>(
        &self,
        action: &str,
        entries: impl Iterator<Item = (&'c Change<'c>, Option<&'c Label>, Option<&'c Label>)>,
    ) -> sled::Batch {
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
        let mut batch = sled::Batch::default();
        if let [one] = &entries[..] {
            batch.insert(&keys::history_key(one.seq)[..], value::encode(one));
        } else {
            for group in entries.chunks(HISTORY_GROUP) {
                let key = keys::history_key(group[0].seq);
                batch.insert(&key[..], value::encode(&GroupRef { group }));
            }
        }
        batch
    }
}

/// The entries of one history value in the store at `path`: one entry, or
/// a group of entries with consecutive seqs from the key's.
pub(super) fn decode_history(
    path: &Path,
    key: &[u8],
    bytes: &[u8],
) -> Result<Vec<HistoryEntry>, StoreError> {
    let what = describe_history_key(key);
    let entries = if bytes.starts_with(GROUP_PREFIX) {
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
