//! The connection a store holds: made (again) when there is none or it was
//! lost, and the writes and reads run on it, given up when it turns out lost.

use super::change::{self, Write};
use super::lock::{take_lock, write_holder};
use super::{ensure_schema, PgStore};
use crate::store::StoreError;
use postgres::Client;

impl PgStore {
    /// Connect (again) when not connected: the tables brought up to date,
    /// the store made, its lock taken, the next seq read.
    pub(super) fn connected(&mut self) -> Result<(), StoreError> {
        if self
            .client
            .borrow()
            .as_ref()
            .is_some_and(|c| !c.is_closed())
        {
            return Ok(());
        }
        *self.client.borrow_mut() = None;
        let mut client = self.target.connect()?;
        ensure_schema(&self.target, &mut client)?;
        let target = &self.target;
        let fault = |op| move |e: postgres::Error| target.fault(op, &e);
        client
            .execute(
                "INSERT INTO biaozhu_stores (name) VALUES ($1) ON CONFLICT DO NOTHING",
                &[&self.store],
            )
            .map_err(fault("making the store"))?;
        // Once connected, a connection of this store's own may linger.
        let reclaim = self.connections > 0;
        let locked = take_lock(&mut client, &self.store, reclaim)
            .map_err(fault("taking the store's lock"))?;
        if !locked {
            return Err(self.locked(&mut client));
        }
        write_holder(&mut client, &self.store).map_err(fault("saying who holds the store"))?;
        self.next_seq = client
            .query_one(
                "SELECT coalesce(max(seq) + 1, 0) FROM biaozhu_history WHERE store = $1",
                &[&self.store],
            )
            .map_err(fault("reading the history"))?
            .get(0);
        *self.client.borrow_mut() = Some(client);
        self.connections += 1;
        Ok(())
    }

    /// Apply `writes` in one transaction; once more on a fresh connection
    /// when the one held turns out lost (a server restarted between two
    /// keys).
    pub(super) fn send(&mut self, writes: &[Write]) -> Result<(), StoreError> {
        let had = self.client.borrow().is_some();
        match self.send_once(writes) {
            Err(StoreError::Unreachable { .. }) if had => self.send_once(writes),
            other => other,
        }
    }

    fn send_once(&mut self, writes: &[Write]) -> Result<(), StoreError> {
        self.connected()?;
        let result = self.transact(writes);
        if matches!(result, Err(StoreError::Unreachable { .. })) {
            *self.client.borrow_mut() = None;
        }
        result
    }

    fn transact(&mut self, writes: &[Write]) -> Result<(), StoreError> {
        let mut guard = self.client.borrow_mut();
        let client = guard.as_mut().expect("connected");
        let fault = |e: postgres::Error| self.target.fault("writing", &e);
        let mut tx = client.transaction().map_err(fault)?;
        let added = change::apply(
            &self.target,
            &mut tx,
            &self.store,
            &self.actor,
            self.next_seq,
            writes,
        )?;
        tx.commit().map_err(fault)?;
        self.next_seq += added as i64;
        Ok(())
    }

    pub(super) fn read<T>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut guard = self.client.borrow_mut();
        if guard.as_ref().is_none_or(|c| c.is_closed()) {
            // Reading needs no lock: a connection of its own will do.
            let mut client = self.target.connect()?;
            return f(&mut client).map_err(|e| self.kept(e));
        }
        let client = guard.as_mut().expect("connected");
        let result = f(client);
        if matches!(result, Err(StoreError::Unreachable { .. })) {
            *guard = None;
        }
        result
    }
}
