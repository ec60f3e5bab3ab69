//! Parking labels whose paragraph text left the corpus: out of `labels`
//! (if stored there as they are), into `orphans`.

use super::block::Blocks;
use super::{SledStore, Writes};
use crate::store::{keys, value, Label, StoreError};

impl SledStore {
    /// Move each label out of `labels` (if it is stored there as it is)
    /// into `orphans` under its key + hash, with its history entry
    /// (`before` = the label, `after` = None), all in one transaction; then
    /// flush.
    pub(super) fn park_labels(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        if labels.is_empty() {
            return Ok(());
        }
        self.ready_to_write()?;
        let changes = self.changes(labels)?;
        let mut blocks = Blocks::default();
        let mut orphans = Writes::new();
        for (change, label) in changes.iter().zip(labels) {
            let parked = change.after.as_deref().expect("a label to park");
            // Read outside the transaction: see `write`. Compared as
            // labels: the stored one may be in either value version.
            let block = blocks.of(self, change.doc, change.para)?;
            if block.label(self, change.para)?.as_ref() == Some(parked) {
                block.set(change.para, None);
            }
            let mut orphan_key = keys::label_key(change.doc, change.para);
            orphan_key.extend_from_slice(label.hash.as_bytes());
            // Version 1 (the whole label): the orphan key's hash part has
            // no fixed length, so the value says doc and para itself.
            orphans.push((orphan_key, Some(value::encode(parked))));
        }
        let history = self.history_batch(
            action,
            changes
                .iter()
                .map(|change| (change, change.after.as_deref(), None)),
        );
        self.commit(
            blocks.writes(),
            history,
            orphans,
            changes.len(),
            "parking a label",
        )
    }
}
