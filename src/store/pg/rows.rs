//! Reading committed rows: what reading commands (export, agree, stats,
//! review) read of a PostgreSQL store, on a connection of their own, never
//! waiting for the session that writes it.

use super::target::PgTarget;
use crate::store::body::BodyRef;
use crate::store::entries::decode_placed;
use crate::store::view::{view_placed, ViewError};
use crate::store::{value, HistoryEntry, Label, LabelView, Shelf, StoreError, GOLD};
use postgres::fallible_iterator::FallibleIterator;
use postgres::Client;
use std::path::{Path, PathBuf};

/// A label as the tables hold it: its version 2 body (JSON text).
pub fn body(label: &Label) -> String {
    String::from_utf8(value::encode_v2(&BodyRef::new(label))).expect("JSON is UTF-8")
}

/// The label of `doc` #`para` stored as `json`.
pub fn decode_label(
    target: &PgTarget,
    doc: &str,
    para: u32,
    json: &str,
) -> Result<Label, StoreError> {
    decode_placed(Path::new(target.shown()), doc, para, json.as_bytes())
}

/// One store's committed rows.
#[derive(Debug)]
pub struct Rows {
    /// The store as messages name it.
    shown: PathBuf,
    /// (doc, para, label JSON), ordered by (doc, para).
    labels: Vec<(String, u32, String)>,
    parked: Vec<Label>,
    history: Option<Vec<HistoryEntry>>,
}

impl Rows {
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn labels(&self) -> Result<Vec<Label>, StoreError> {
        self.labels
            .iter()
            .map(|(doc, para, json)| decode_placed(&self.shown, doc, *para, json.as_bytes()))
            .collect()
    }

    /// Every label, shelved by document.
    pub fn shelf(&self) -> Result<Shelf, StoreError> {
        let mut shelf = Shelf::new(&self.shown);
        for (doc, para, json) in &self.labels {
            shelf.push_stored(doc, *para, json.as_bytes())?;
        }
        Ok(shelf)
    }

    pub fn view_labels<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(LabelView<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        for (doc, para, json) in &self.labels {
            let view = view_placed(doc, *para, json.as_bytes()).map_err(|e| match e {
                ViewError::Value(e) => crate::store::entries::decode_error(
                    &self.shown,
                    &format!("label \"{doc}\" #{para}"),
                    e,
                ),
                ViewError::Elsewhere(d, p) => StoreError::BadValue {
                    path: self.shown.clone(),
                    key: format!("label \"{doc}\" #{para}"),
                    reason: format!("the value is the label of \"{d}\" #{p}"),
                },
            })?;
            each(view)?;
        }
        Ok(())
    }

    pub fn parked(&self) -> Result<Vec<Label>, StoreError> {
        Ok(self.parked.clone())
    }

    pub fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        Ok(self.history.clone().unwrap_or_default())
    }
}

/// A connection for reading, the tables created or migrated first.
pub fn reader(target: &PgTarget) -> Result<Client, StoreError> {
    let mut client = target.connect()?;
    super::ensure_schema(target, &mut client)?;
    Ok(client)
}

/// Store `store`'s committed labels, parked labels and (when
/// `with_history`) history.
pub fn read(target: &PgTarget, store: &str, with_history: bool) -> Result<Rows, StoreError> {
    let mut client = reader(target)?;
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(|e| target.fault("reading", &e))?;
    let fault = |e: postgres::Error| target.fault("reading labels", &e);
    let mut labels = Vec::new();
    let mut rows = tx
        .query_raw(
            "SELECT doc, para, label::text FROM biaozhu_labels WHERE store = $1 \
             ORDER BY doc, para",
            [store],
        )
        .map_err(fault)?;
    while let Some(row) = rows.next().map_err(fault)? {
        labels.push((row.get(0), row.get::<_, i64>(1) as u32, row.get(2)));
    }
    drop(rows);
    let parked = read_parked(target, &mut tx, store)?;
    let history = if with_history {
        Some(read_history(target, &mut tx, store)?)
    } else {
        None
    };
    tx.commit().map_err(|e| target.fault("reading", &e))?;
    Ok(Rows {
        shown: PathBuf::from(format!("{} store {store}", target.shown())),
        labels,
        parked,
        history,
    })
}

/// Store `store`'s parked labels, ordered by (doc, para, hash).
pub fn read_parked(
    target: &PgTarget,
    client: &mut impl postgres::GenericClient,
    store: &str,
) -> Result<Vec<Label>, StoreError> {
    let rows = client
        .query(
            "SELECT doc, para, label::text FROM biaozhu_parked WHERE store = $1 \
             ORDER BY doc, para, hash",
            &[&store],
        )
        .map_err(|e| target.fault("reading parked labels", &e))?;
    rows.iter()
        .map(|row| decode_label(target, row.get(0), row.get::<_, i64>(1) as u32, row.get(2)))
        .collect()
}

/// Store `store`'s history, ordered by seq.
pub fn read_history(
    target: &PgTarget,
    client: &mut impl postgres::GenericClient,
    store: &str,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let rows = client
        .query(
            "SELECT seq, at, actor, doc, para, action, before::text, after::text \
             FROM biaozhu_history WHERE store = $1 ORDER BY seq",
            &[&store],
        )
        .map_err(|e| target.fault("reading the history", &e))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let doc: String = row.get(3);
        let para = row.get::<_, i64>(4) as u32;
        let label = |json: Option<&str>| {
            json.map(|j| decode_label(target, &doc, para, j))
                .transpose()
        };
        out.push(HistoryEntry {
            seq: row.get::<_, i64>(0) as u64,
            at: row.get(1),
            annotator: row.get(2),
            before: label(row.get(6))?,
            after: label(row.get(7))?,
            doc: doc.clone(),
            para,
            action: row.get(5),
        });
    }
    Ok(out)
}

/// The annotators that have a store on the server, sorted (not gold).
pub fn store_names(target: &PgTarget) -> Result<Vec<String>, StoreError> {
    let mut client = reader(target)?;
    let rows = client
        .query(
            "SELECT name FROM biaozhu_stores WHERE name <> $1 ORDER BY name",
            &[&GOLD],
        )
        .map_err(|e| target.fault("listing the stores", &e))?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Whether store `store` exists on the server.
pub fn exists(target: &PgTarget, store: &str) -> Result<bool, StoreError> {
    let mut client = reader(target)?;
    let row = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM biaozhu_stores WHERE name = $1)",
            &[&store],
        )
        .map_err(|e| target.fault("looking for a store", &e))?;
    Ok(row.get(0))
}
