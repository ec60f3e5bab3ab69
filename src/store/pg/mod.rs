//! [`LabelStore`] on a PostgreSQL server, for teams on several machines
//! (`--store postgres://…`).
//!
//! By concern:
//! - `target`: the URL, checked once, shown without its password; TLS
//!   when it asks for it;
//! - `schema`: the tables, created and migrated by the tool (versioned);
//! - `change`: a batch of changes with their history in one transaction,
//!   applied once however often it is sent;
//! - `outbox`: changes kept on this machine while the server is out of reach;
//! - `rows`: reading committed rows (reading commands);
//! - `connection`: the connection a store holds, made again when lost;
//! - `lock`: the session advisory lock that holds a store, and who has it;
//! - `writes`: put and keep, with the outbox and `ahead` bookkeeping;
//! - `reads`: a store's committed rows, read on its connection.
//!
//! The same promises as sled: a put returns once its transaction committed
//! with `synchronous_commit` on; one session per store, held by a session
//! advisory lock (`pg_try_advisory_lock`) — a second session of the same
//! annotator is refused with [`StoreError::Locked`], other annotators never
//! wait; readers read committed rows.

mod change;
mod connection;
mod lock;
pub mod outbox;
mod reads;
pub mod rows;
mod schema;
pub mod target;
mod writes;

pub use rows::Rows;
pub use target::PgTarget;

use crate::store::{
    validate_annotator, Contents, HistoryEntry, Label, LabelStore, StoreError, Unsent, GOLD,
};
use change::{Op, Pending};
use outbox::Outbox;
use postgres::Client;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use writes::session_key;

/// One store on the server, held by this session.
pub struct PgStore {
    target: PgTarget,
    store: String,
    /// Who history entries name (the annotator, or gold's reviewer).
    actor: String,
    /// None: not connected (lost, or not yet reconnected).
    client: RefCell<Option<Client>>,
    /// The next history seq (read again on every connection).
    next_seq: i64,
    /// This session's part of its changes' keys, and the next number.
    session: String,
    next_change: u64,
    outbox: Outbox,
    /// Changes the outbox delivered that the screen has not put again yet
    /// (it puts each waiting change in turn; those are done already).
    ahead: VecDeque<Pending>,
    /// Connections made so far (a reconnection may find its lost one).
    connections: u32,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

/// Bring the server's tables up to date, or refuse a newer schema.
pub(crate) fn ensure_schema(target: &PgTarget, client: &mut Client) -> Result<(), StoreError> {
    match schema::migrate(client).map_err(|e| target.fault("creating the tables", &e))? {
        schema::Migrated::UpToDate => Ok(()),
        schema::Migrated::Newer(version) => Err(StoreError::Database {
            target: target.shown().to_owned(),
            op: "reading the schema version",
            reason: format!(
                "the tables have schema version {version}, this biaozhu knows 1 to {}; \
                 use a newer biaozhu",
                schema::VERSION
            ),
        }),
    }
}

impl PgStore {
    /// Open (creating) store `annotator` on `target`, for an annotator.
    pub fn open(
        target: &PgTarget,
        labels_dir: &Path,
        annotator: &str,
    ) -> Result<PgStore, StoreError> {
        validate_annotator(annotator)?;
        Self::open_as(target, labels_dir, annotator, annotator)
    }

    /// Open (creating) the gold set's store for `reviewer`.
    pub fn open_gold(
        target: &PgTarget,
        labels_dir: &Path,
        reviewer: &str,
    ) -> Result<PgStore, StoreError> {
        validate_annotator(reviewer)?;
        Self::open_as(target, labels_dir, GOLD, reviewer)
    }

    /// Open store `store`, its history entries naming `actor`; changes an
    /// earlier session left in the outbox (`labels_dir`) are sent first.
    pub fn open_as(
        target: &PgTarget,
        labels_dir: &Path,
        store: &str,
        actor: &str,
    ) -> Result<PgStore, StoreError> {
        let outbox = Outbox::open(outbox::path_of(labels_dir, store))?;
        let mut opened = PgStore {
            target: target.clone(),
            store: store.to_owned(),
            actor: actor.to_owned(),
            client: RefCell::new(None),
            next_seq: 0,
            session: session_key(),
            next_change: 0,
            outbox,
            ahead: VecDeque::new(),
            connections: 0,
        };
        opened.connected()?;
        if !opened.outbox.is_empty() {
            opened.send_outbox()?;
        }
        Ok(opened)
    }

    /// How messages name this store.
    fn shown(&self) -> PathBuf {
        PathBuf::from(format!("{} store {}", self.target.shown(), self.store))
    }

    /// Changes kept on this machine, waiting for the server.
    pub fn waiting(&self) -> usize {
        self.outbox.len()
    }
}

impl LabelStore for PgStore {
    fn annotator(&self) -> &str {
        &self.store
    }

    fn get(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        PgStore::get(self, doc, para)
    }

    fn put(
        &mut self,
        doc: &str,
        para: u32,
        label: Option<&Label>,
        action: &str,
    ) -> Result<(), StoreError> {
        PgStore::put(self, doc, para, label, action)
    }

    fn keep(&mut self, unsent: &[Unsent<'_>]) -> Result<(), StoreError> {
        PgStore::keep(self, unsent)
    }

    /// All in one transaction.
    fn put_many(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        self.write_each(labels, action, |l| Op::Put(Some(l)))
    }

    fn labels(&self) -> Result<Vec<Label>, StoreError> {
        PgStore::labels(self)
    }

    fn doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        PgStore::doc_labels(self, doc)
    }

    /// All in one transaction.
    fn park_many(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        self.write_each(labels, action, |l| Op::Park(l))
    }

    fn parked(&self) -> Result<Vec<Label>, StoreError> {
        PgStore::parked(self)
    }

    fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        PgStore::history(self)
    }

    fn waiting(&self) -> usize {
        self.outbox.len()
    }

    /// In one transaction; history entries keep their seq, time and author.
    fn copy_in(&mut self, contents: &Contents) -> Result<(), StoreError> {
        self.send_waiting()?;
        self.connected()?;
        let shown = self.shown();
        let (target, store) = (&self.target, &self.store);
        let mut guard = self.client.borrow_mut();
        let client = guard.as_mut().expect("connected");
        let fault = |op| move |e: postgres::Error| target.fault(op, &e);
        let mut tx = client.transaction().map_err(fault("copying a store in"))?;
        let used: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM biaozhu_labels WHERE store = $1) \
                 OR EXISTS (SELECT 1 FROM biaozhu_parked WHERE store = $1) \
                 OR EXISTS (SELECT 1 FROM biaozhu_history WHERE store = $1)",
                &[store],
            )
            .map_err(fault("copying a store in"))?
            .get(0);
        if used {
            return Err(StoreError::NotEmpty { path: shown });
        }
        let history: Vec<change::HistoryRow> = contents
            .history
            .iter()
            .map(|h| change::HistoryRow {
                seq: h.seq as i64,
                change: format!("copy:{}", h.seq),
                at: h.at.clone(),
                actor: h.annotator.clone(),
                doc: h.doc.clone(),
                para: i64::from(h.para),
                action: h.action.clone(),
                before: h.before.as_ref().map(rows::body),
                after: h.after.as_ref().map(rows::body),
            })
            .collect();
        change::insert_history(&mut tx, store, &history)
            .map_err(fault("copying the history in"))?;
        change::upsert_labels(&mut tx, store, &contents.labels)
            .map_err(fault("copying labels in"))?;
        change::upsert_parked(&mut tx, store, &contents.parked)
            .map_err(fault("copying parked labels in"))?;
        tx.commit().map_err(fault("copying a store in"))?;
        drop(guard);
        self.next_seq = contents.history.last().map_or(0, |h| h.seq as i64 + 1);
        Ok(())
    }

    fn send_waiting(&mut self) -> Result<(), StoreError> {
        PgStore::send_waiting(self)
    }
}
