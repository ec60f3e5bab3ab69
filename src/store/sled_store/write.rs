//! Writing label changes: each with the label it replaces and its history
//! entry, all in one transaction, then one flush.

use super::block::Blocks;
use super::journaling::{Marker, MARKER_KEY};
use super::{check_doc, SledStore, Writes};
use crate::store::body::BodyRef;
use crate::store::journal::Tree;
use crate::store::{value, Label, StoreError};
use sled::transaction::{ConflictableTransactionError, TransactionError, Transactional};
use std::borrow::Cow;
use std::convert::Infallible;

/// A label change ready to write.
pub(super) struct Change<'a> {
    pub(super) doc: &'a str,
    pub(super) para: u32,
    /// Normalized (borrowed when it already was).
    pub(super) after: Option<Cow<'a, Label>>,
}

impl SledStore {
    /// Check a change: `label` (None = delete) at `doc`/`para`.
    pub(super) fn change<'a>(
        &self,
        doc: &'a str,
        para: u32,
        label: Option<&'a Label>,
    ) -> Result<Change<'a>, StoreError> {
        check_doc(doc)?;
        let after = label.map(|l| {
            let normal = l.indicators.windows(2).all(|w| w[0] < w[1]);
            if normal {
                Cow::Borrowed(l)
            } else {
                let mut l = l.clone();
                l.normalize();
                Cow::Owned(l)
            }
        });
        if let Some(l) = &after {
            if l.doc != doc || l.para != para {
                return Err(StoreError::Mismatch {
                    doc: doc.to_owned(),
                    para,
                    label_doc: l.doc.clone(),
                    label_para: l.para,
                });
            }
        }
        Ok(Change { doc, para, after })
    }

    /// Each label as a change to its own paragraph.
    pub(super) fn changes<'a>(&self, labels: &'a [Label]) -> Result<Vec<Change<'a>>, StoreError> {
        labels
            .iter()
            .map(|l| self.change(&l.doc, l.para, Some(l)))
            .collect()
    }

    /// Apply `changes` and their history entries in one transaction, then
    /// flush.
    pub(super) fn write(&mut self, changes: &[Change], action: &str) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        // Background training in this process waits until it is written.
        let _write = crate::threads::foreground();
        self.ready_to_write()?;
        // Read outside any transaction: this handle is the store's only
        // writer (it holds the lock, and writing takes `&mut self`), so
        // nothing can change the packs before the transaction that writes
        // them.
        let mut blocks = Blocks::default();
        let mut befores = Vec::with_capacity(changes.len());
        for change in changes {
            let block = blocks.of(self, change.doc, change.para)?;
            befores.push(block.label(self, change.para)?);
            // As a pack holds it: version 2.
            let after = change.after.as_deref();
            block.set(
                change.para,
                after.map(|l| value::encode_v2(&BodyRef::new(l))),
            );
        }
        let history = self.history_batch(
            action,
            changes
                .iter()
                .zip(&befores)
                .map(|(change, before)| (change, before.as_ref(), change.after.as_deref())),
        );
        self.commit(
            blocks.writes(),
            history,
            Writes::new(),
            changes.len(),
            "writing a label",
        )
    }

    /// Write a commit: append the writes to the journal and sync it, then
    /// apply them to the three trees (with the journal marker) and flush;
    /// move `next_seq` past the `entries` history entries in `history`.
    /// When sled fails, the journal is cut back: the change is not saved.
    pub(super) fn commit(
        &mut self,
        labels: Writes,
        history: Writes,
        orphans: Writes,
        entries: usize,
        op: &'static str,
    ) -> Result<(), StoreError> {
        let io = super::io_error(&self.path, op);
        // First the journal, on stable storage; then sled.
        let journal = self.journal.as_mut().expect("a store's journal is open");
        let journal_path = journal.path().to_owned();
        let writes = [
            (Tree::Labels, &labels),
            (Tree::History, &history),
            (Tree::Orphans, &orphans),
        ];
        let appended = journal
            .append(writes.iter().flat_map(|(tree, writes)| {
                writes
                    .iter()
                    .map(move |(k, v)| (*tree, k.as_slice(), v.as_deref()))
            }))
            .map_err(|source| StoreError::Io {
                path: journal_path,
                op: "writing the journal",
                source,
            })?;
        let marker = Marker {
            c: Some(appended.commit),
            at: appended.to,
        }
        .encode();
        let applied = self.apply(&labels, &history, &orphans, &marker, entries);
        let applied = applied.and_then(|()| self.db.flush().map(drop));
        if let Err(e) = applied {
            // Not saved: the journal must not keep it either; sled is
            // opened again before the next write.
            let journal = self.journal.as_mut().expect("a store's journal is open");
            let _ = journal.take_back(appended);
            self.failed = true;
            return Err(io(e));
        }
        self.next_seq += entries as u64;
        Ok(())
    }

    /// Apply the writes to the three trees and the journal marker: in one
    /// transaction — or, bulk loading ([`SledStore::bulk_load`]) a
    /// many-entry change, one by one: history first, then orphans, then
    /// labels, then the marker. sled runs the transactions of a process one
    /// at a time (all stores), while single writes of different stores run
    /// side by side. A crash part-way leaves the marker before this
    /// commit, so the next open replays it whole from the journal.
    fn apply(
        &self,
        labels: &Writes,
        history: &Writes,
        orphans: &Writes,
        marker: &[u8],
        entries: usize,
    ) -> Result<(), sled::Error> {
        if self.bulk && entries > 1 {
            for (tree, writes) in [
                (&self.history, history),
                (&self.orphans, orphans),
                (&self.labels, labels),
            ] {
                for (key, value) in writes {
                    match value {
                        Some(v) => tree.insert(key.as_slice(), v.as_slice()).map(drop),
                        None => tree.remove(key.as_slice()).map(drop),
                    }?;
                }
            }
            return self.journal_tree.insert(MARKER_KEY, marker).map(drop);
        }
        let (labels, history, orphans) = (batch(labels), batch(history), batch(orphans));
        let result = (
            &self.labels,
            &self.history,
            &self.orphans,
            &self.journal_tree,
        )
            .transaction(|(tree, hist, orph, jour)| {
                tree.apply_batch(&labels)?;
                hist.apply_batch(&history)?;
                orph.apply_batch(&orphans)?;
                jour.insert(MARKER_KEY, marker)?;
                Ok::<(), ConflictableTransactionError<Infallible>>(())
            });
        match result {
            Ok(()) => Ok(()),
            Err(TransactionError::Abort(never)) => match never {},
            Err(TransactionError::Storage(e)) => Err(e),
        }
    }
}

/// A sled batch of `writes`.
pub(super) fn batch(writes: &Writes) -> sled::Batch {
    let mut b = sled::Batch::default();
    for (key, value) in writes {
        match value {
            Some(v) => b.insert(key.as_slice(), v.as_slice()),
            None => b.remove(key.as_slice()),
        }
    }
    b
}
