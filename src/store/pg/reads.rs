//! Reading a store's committed rows on its connection (or, when it has none,
//! on one of their own): a label, all labels, a document's, parked, history.

use super::rows;
use super::PgStore;
use crate::store::{HistoryEntry, Label, StoreError};

impl PgStore {
    pub(super) fn get(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        let (target, store) = (&self.target, &self.store);
        self.read(|client| {
            let row = client
                .query_opt(
                    "SELECT label::text FROM biaozhu_labels WHERE store = $1 AND doc = $2 \
                     AND para = $3",
                    &[store, &doc, &i64::from(para)],
                )
                .map_err(|e| target.fault("reading a label", &e))?;
            row.map(|r| rows::decode_label(target, doc, para, r.get(0)))
                .transpose()
        })
    }

    pub(super) fn labels(&self) -> Result<Vec<Label>, StoreError> {
        let (target, store) = (&self.target, &self.store);
        self.read(|client| {
            let rows = client
                .query(
                    "SELECT doc, para, label::text FROM biaozhu_labels WHERE store = $1 \
                     ORDER BY doc, para",
                    &[store],
                )
                .map_err(|e| target.fault("reading labels", &e))?;
            rows.iter()
                .map(|r| rows::decode_label(target, r.get(0), r.get::<_, i64>(1) as u32, r.get(2)))
                .collect()
        })
    }

    pub(super) fn doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        let (target, store) = (&self.target, &self.store);
        self.read(|client| {
            let rows = client
                .query(
                    "SELECT para, label::text FROM biaozhu_labels WHERE store = $1 AND doc = $2 \
                     ORDER BY para",
                    &[store, &doc],
                )
                .map_err(|e| target.fault("reading labels", &e))?;
            rows.iter()
                .map(|r| rows::decode_label(target, doc, r.get::<_, i64>(0) as u32, r.get(1)))
                .collect()
        })
    }

    pub(super) fn parked(&self) -> Result<Vec<Label>, StoreError> {
        let (target, store) = (&self.target, &self.store);
        self.read(|client| rows::read_parked(target, client, store))
    }

    pub(super) fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        let (target, store) = (&self.target, &self.store);
        self.read(|client| rows::read_history(target, client, store))
    }
}
