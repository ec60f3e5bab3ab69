//! Parking labels whose paragraph text left the corpus: out of `labels`
//! (if stored there as they are), into `orphans`.

use super::SledStore;
use crate::store::{Label, StoreError};

impl SledStore {
    /// Move each label out of `labels` (if it is stored there as it is)
    /// into `orphans` under its key + hash, with its history entry
    /// (`before` = the label, `after` = None), all in one transaction; then
    /// flush.
    pub(super) fn park_labels(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        if labels.is_empty() {
            return Ok(());
        }
        let changes = self.changes(labels)?;
        let mut tree = sled::Batch::default();
        let mut orphans = sled::Batch::default();
        for (change, label) in changes.iter().zip(labels) {
            let bytes = change.after_bytes.as_deref().unwrap_or_default();
            // Read outside the transaction: see `befores`.
            let stored = self
                .labels
                .get(&change.key)
                .map_err(self.io("reading a label"))?;
            if stored.as_deref() == Some(bytes) {
                tree.remove(change.key.as_slice());
            }
            let mut orphan_key = change.key.clone();
            orphan_key.extend_from_slice(label.hash.as_bytes());
            orphans.insert(orphan_key, bytes);
        }
        let history = self.history_batch(
            action,
            changes
                .iter()
                .map(|change| (change, change.after.as_deref(), None)),
        );
        self.commit(
            tree,
            history,
            Some(orphans),
            changes.len(),
            "parking a label",
        )
    }
}
