//! Reading labels from sled (decoding: see `store::entries`).

use super::{check_doc, SledStore};
use crate::store::entries::{
    decode_placed, history_of, labels_of, parked_of, stored, view_entries,
};
use crate::store::keys;
use crate::store::pack;
use crate::store::view::LabelView;
use crate::store::{HistoryEntry, Label, StoreError};

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
        labels_of(
            &self.path,
            self.entries(self.labels.iter(), "reading the labels"),
        )
    }

    /// Every label as a [`LabelView`], in key order (a document's labels
    /// one after another), to `each` on this thread. Each view is decoded
    /// as soon as sled hands out its entry, while the bytes are still in the
    /// CPU's cache.
    pub fn view_labels<E>(&self, each: impl FnMut(LabelView<'_>) -> Result<(), E>) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        view_entries(
            &self.path,
            self.entries(self.labels.iter(), "reading the labels"),
            each,
        )
    }

    pub(super) fn read_doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        check_doc(doc)?;
        let iter = self.labels.scan_prefix(keys::doc_prefix(doc));
        labels_of(&self.path, self.entries(iter, "reading the labels"))
    }

    pub(super) fn read_parked(&self) -> Result<Vec<Label>, StoreError> {
        parked_of(
            &self.path,
            self.entries(self.orphans.iter(), "reading the orphans"),
        )
    }

    pub(super) fn read_history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        history_of(
            &self.path,
            self.entries(self.history.iter(), "reading the history"),
        )
    }

    /// The entries `iter` gives, sled's errors as [`StoreError`]s.
    fn entries<'a>(
        &'a self,
        iter: sled::Iter,
        op: &'static str,
    ) -> impl Iterator<Item = Result<(sled::IVec, sled::IVec), StoreError>> + 'a {
        iter.map(move |entry| entry.map_err(self.io(op)))
    }
}
