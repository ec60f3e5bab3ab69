//! A store as a reading command reads it, whichever backend holds it:
//! a sled store's journal replayed ([`Replica`]), or a PostgreSQL store's
//! committed rows ([`Rows`]).

use super::pg::Rows;
use super::{HistoryEntry, Label, LabelView, Replica, Shelf, StoreError};

#[derive(Debug)]
pub enum Snapshot {
    Journal(Replica),
    Rows(Rows),
}

impl Snapshot {
    /// Whether the store has no label.
    pub fn is_empty(&self) -> bool {
        match self {
            Snapshot::Journal(r) => r.is_empty(),
            Snapshot::Rows(r) => r.is_empty(),
        }
    }

    /// Every label, ordered by (doc, para).
    pub fn labels(&self) -> Result<Vec<Label>, StoreError> {
        match self {
            Snapshot::Journal(r) => r.labels(),
            Snapshot::Rows(r) => r.labels(),
        }
    }

    /// Every label, shelved by document ([`Shelf`]).
    pub fn shelf(&self) -> Result<Shelf, StoreError> {
        match self {
            Snapshot::Journal(r) => r.shelf(),
            Snapshot::Rows(r) => r.shelf(),
        }
    }

    /// Every label as a [`LabelView`], ordered by (doc, para), to `each`.
    pub fn view_labels<E: From<StoreError>>(
        &self,
        each: impl FnMut(LabelView<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        match self {
            Snapshot::Journal(r) => r.view_labels(each),
            Snapshot::Rows(r) => r.view_labels(each),
        }
    }

    /// Every parked label, ordered by (doc, para, hash).
    pub fn parked(&self) -> Result<Vec<Label>, StoreError> {
        match self {
            Snapshot::Journal(r) => r.parked(),
            Snapshot::Rows(r) => r.parked(),
        }
    }

    /// The whole history, ordered by seq (empty unless read with it).
    pub fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        match self {
            Snapshot::Journal(r) => r.history(),
            Snapshot::Rows(r) => r.history(),
        }
    }
}
