//! Writing changes: a batch of label changes (or parks) with their history
//! entries in one transaction, keyed by each change's own key so a batch
//! sent twice is applied once.

use super::rows::{body, decode_label};
use super::target::PgTarget;
use crate::store::{now_rfc3339, Label, StoreError};
use postgres::Transaction;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A label change as the outbox keeps it: `label` None deletes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// The change's own key: the session that made it and its number there.
    pub change: String,
    pub doc: String,
    pub para: u32,
    pub label: Option<Label>,
    pub action: String,
    /// Park `label` (an orphan set aside) instead of storing it at its key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub park: bool,
}

/// What a write does at its paragraph.
#[derive(Debug, Clone, Copy)]
pub enum Op<'a> {
    /// Store this label (None: delete).
    Put(Option<&'a Label>),
    /// Park this label (out of the labels if stored there as it is).
    Park(&'a Label),
}

/// One write of a batch.
#[derive(Debug, Clone)]
pub struct Write<'a> {
    pub change: String,
    pub doc: &'a str,
    pub para: u32,
    pub op: Op<'a>,
    pub action: &'a str,
}

impl Pending {
    /// Whether `other` is the same change (whatever its key).
    pub fn same_as(&self, other: &Pending) -> bool {
        self.doc == other.doc
            && self.para == other.para
            && self.label == other.label
            && self.action == other.action
            && self.park == other.park
    }

    pub fn write(&self) -> Write<'_> {
        Write {
            change: self.change.clone(),
            doc: &self.doc,
            para: self.para,
            op: match (&self.label, self.park) {
                (Some(label), true) => Op::Park(label),
                (label, _) => Op::Put(label.as_ref()),
            },
            action: &self.action,
        }
    }
}

/// A history row as the table holds it (labels as version 2 bodies).
pub struct HistoryRow {
    pub seq: i64,
    pub change: String,
    pub at: String,
    pub actor: String,
    pub doc: String,
    pub para: i64,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Apply `writes` to store `store` as `actor`, their history entries
/// numbered from `first_seq`, in transaction `tx` (not committed here).
/// Returns how many history entries were added: 0 when the batch was
/// applied before (its first change's key is there already).
pub fn apply(
    target: &PgTarget,
    tx: &mut Transaction<'_>,
    store: &str,
    actor: &str,
    first_seq: i64,
    writes: &[Write],
) -> Result<usize, StoreError> {
    let sql = |op| move |e: postgres::Error| target.fault(op, &e);
    let mut state = current(target, tx, store, writes)?;
    let at = now_rfc3339();
    let mut history = Vec::with_capacity(writes.len());
    let mut parked: BTreeMap<(String, u32, String), Label> = BTreeMap::new();
    for (write, seq) in writes.iter().zip(first_seq..) {
        let key = (write.doc.to_owned(), write.para);
        let now = state.get(&key).cloned().flatten();
        let (before, after) = match write.op {
            Op::Put(label) => {
                state.insert(key, label.cloned());
                (now, label.cloned())
            }
            Op::Park(label) => {
                if now.as_ref() == Some(label) {
                    state.insert(key, None);
                }
                let key = (label.doc.clone(), label.para, label.hash.clone());
                parked.insert(key, label.clone());
                (Some(label.clone()), None)
            }
        };
        history.push(HistoryRow {
            seq,
            change: write.change.clone(),
            at: at.clone(),
            actor: actor.to_owned(),
            doc: write.doc.to_owned(),
            para: i64::from(write.para),
            action: write.action.to_owned(),
            before: before.as_ref().map(body),
            after: after.as_ref().map(body),
        });
    }
    let added = insert_history(tx, store, &history).map_err(sql("writing the history"))?;
    if added == 0 {
        return Ok(0);
    }
    let (keep, gone): (Vec<_>, Vec<_>) = state.into_iter().partition(|(_, l)| l.is_some());
    let keep: Vec<Label> = keep.into_iter().filter_map(|(_, l)| l).collect();
    upsert_labels(tx, store, &keep).map_err(sql("writing labels"))?;
    let gone: Vec<(String, u32)> = gone.into_iter().map(|(k, _)| k).collect();
    delete_labels(tx, store, &gone).map_err(sql("removing labels"))?;
    let parked: Vec<Label> = parked.into_values().collect();
    upsert_parked(tx, store, &parked).map_err(sql("parking labels"))?;
    Ok(added as usize)
}

type Key = (String, u32);

/// The labels stored now at the paragraphs `writes` touch (None: none).
fn current(
    target: &PgTarget,
    tx: &mut Transaction<'_>,
    store: &str,
    writes: &[Write],
) -> Result<HashMap<Key, Option<Label>>, StoreError> {
    let mut state: HashMap<Key, Option<Label>> = HashMap::with_capacity(writes.len());
    let (docs, paras): (Vec<&str>, Vec<i64>) =
        writes.iter().map(|w| (w.doc, i64::from(w.para))).unzip();
    let rows = tx
        .query(
            "SELECT l.doc, l.para, l.label::text FROM biaozhu_labels l \
             JOIN unnest($2::text[], $3::bigint[]) AS k(doc, para) \
             ON l.doc = k.doc AND l.para = k.para WHERE l.store = $1",
            &[&store, &docs, &paras],
        )
        .map_err(|e| target.fault("reading labels", &e))?;
    for row in rows {
        let doc: String = row.get(0);
        let para = row.get::<_, i64>(1) as u32;
        let label = decode_label(target, &doc, para, row.get::<_, &str>(2))?;
        state.insert((doc, para), Some(label));
    }
    for write in writes {
        state
            .entry((write.doc.to_owned(), write.para))
            .or_insert(None);
    }
    Ok(state)
}

/// Insert history rows; a row whose change is there already is skipped.
/// Returns how many were added.
pub fn insert_history(
    tx: &mut Transaction<'_>,
    store: &str,
    rows: &[HistoryRow],
) -> Result<u64, postgres::Error> {
    let mut added = 0;
    for chunk in rows.chunks(CHUNK) {
        let col = |f: fn(&HistoryRow) -> String| chunk.iter().map(f).collect::<Vec<String>>();
        let seqs: Vec<i64> = chunk.iter().map(|r| r.seq).collect();
        let paras: Vec<i64> = chunk.iter().map(|r| r.para).collect();
        let befores: Vec<Option<&str>> = chunk.iter().map(|r| r.before.as_deref()).collect();
        let afters: Vec<Option<&str>> = chunk.iter().map(|r| r.after.as_deref()).collect();
        added += tx.execute(
            "INSERT INTO biaozhu_history (store, seq, change, at, actor, doc, para, action, before, after) \
             SELECT $1, s, c, a, w, d, p, x, b::json, f::json FROM unnest($2::bigint[], $3::text[], \
             $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[]) \
             AS t(s, c, a, w, d, p, x, b, f) ON CONFLICT (store, change) DO NOTHING",
            &[
                &store,
                &seqs,
                &col(|r| r.change.clone()),
                &col(|r| r.at.clone()),
                &col(|r| r.actor.clone()),
                &col(|r| r.doc.clone()),
                &paras,
                &col(|r| r.action.clone()),
                &befores,
                &afters,
            ],
        )?;
    }
    Ok(added)
}

/// Rows per statement of a bulk write.
const CHUNK: usize = 10_000;

/// The columns every stored label has, as arrays for `unnest`.
struct Columns<'a> {
    docs: Vec<&'a str>,
    paras: Vec<i64>,
    hashes: Vec<&'a str>,
    bodies: Vec<String>,
}

impl<'a> Columns<'a> {
    fn of(labels: &'a [Label]) -> Columns<'a> {
        Columns {
            docs: labels.iter().map(|l| l.doc.as_str()).collect(),
            paras: labels.iter().map(|l| i64::from(l.para)).collect(),
            hashes: labels.iter().map(|l| l.hash.as_str()).collect(),
            bodies: labels.iter().map(body).collect(),
        }
    }
}

/// Store `labels` (each at its doc and para), replacing what is there.
pub fn upsert_labels(
    tx: &mut Transaction<'_>,
    store: &str,
    labels: &[Label],
) -> Result<(), postgres::Error> {
    for chunk in labels.chunks(CHUNK) {
        let Columns {
            docs,
            paras,
            hashes,
            bodies,
        } = Columns::of(chunk);
        let updated: Vec<&str> = chunk.iter().map(|l| l.updated_at.as_str()).collect();
        let sources: Vec<Option<&str>> = chunk.iter().map(|l| l.source.as_deref()).collect();
        let reviewers: Vec<Option<&str>> = chunk.iter().map(|l| l.reviewer.as_deref()).collect();
        tx.execute(
            "INSERT INTO biaozhu_labels (store, doc, para, hash, updated_at, source, reviewer, label) \
             SELECT $1, d, p, h, u, s, r, l::json FROM unnest($2::text[], $3::bigint[], $4::text[], \
             $5::text[], $6::text[], $7::text[], $8::text[]) AS t(d, p, h, u, s, r, l) \
             ON CONFLICT (store, doc, para) DO UPDATE SET hash = excluded.hash, \
             updated_at = excluded.updated_at, source = excluded.source, \
             reviewer = excluded.reviewer, label = excluded.label",
            &[
                &store, &docs, &paras, &hashes, &updated, &sources, &reviewers, &bodies,
            ],
        )?;
    }
    Ok(())
}

fn delete_labels(
    tx: &mut Transaction<'_>,
    store: &str,
    keys: &[(String, u32)],
) -> Result<(), postgres::Error> {
    for chunk in keys.chunks(CHUNK) {
        let docs: Vec<&str> = chunk.iter().map(|(d, _)| d.as_str()).collect();
        let paras: Vec<i64> = chunk.iter().map(|(_, p)| i64::from(*p)).collect();
        tx.execute(
            "DELETE FROM biaozhu_labels l USING unnest($2::text[], $3::bigint[]) AS k(doc, para) \
             WHERE l.store = $1 AND l.doc = k.doc AND l.para = k.para",
            &[&store, &docs, &paras],
        )?;
    }
    Ok(())
}

/// Park `labels`, each replacing the one parked under its (doc, para, hash).
pub fn upsert_parked(
    tx: &mut Transaction<'_>,
    store: &str,
    labels: &[Label],
) -> Result<(), postgres::Error> {
    for chunk in labels.chunks(CHUNK) {
        let Columns {
            docs,
            paras,
            hashes,
            bodies,
        } = Columns::of(chunk);
        tx.execute(
            "INSERT INTO biaozhu_parked (store, doc, para, hash, label) \
             SELECT $1, d, p, h, l::json FROM unnest($2::text[], $3::bigint[], $4::text[], \
             $5::text[]) AS t(d, p, h, l) \
             ON CONFLICT (store, doc, para, hash) DO UPDATE SET label = excluded.label",
            &[&store, &docs, &paras, &hashes, &bodies],
        )?;
    }
    Ok(())
}
