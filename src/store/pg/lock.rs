//! The session advisory lock that holds a store, and the holder row that
//! says who has it (for another session's message).

use super::PgStore;
use crate::store::StoreError;
use postgres::Client;

/// The key space of the session advisory locks that hold stores.
const LOCK_SPACE: &str = "biaozhu store";

impl PgStore {
    /// The store is held by another session: who, as its holder row says.
    pub(super) fn locked(&self, client: &mut Client) -> StoreError {
        let holder = client
            .query_opt(
                "SELECT pid, command, username, host, since FROM biaozhu_holders WHERE store = $1",
                &[&self.store],
            )
            .ok()
            .flatten()
            .map(|row| {
                let holder = crate::store::holder::Holder {
                    pid: row.get::<_, i64>(0) as u32,
                    command: row.get(1),
                    user: row.get(2),
                    since: row.get(4),
                };
                let host: String = row.get(3);
                format!(
                    ": {} on {}",
                    holder.describe(),
                    crate::text::sanitize::plain(&host)
                )
            })
            .unwrap_or_default();
        StoreError::Locked {
            path: self.shown(),
            annotator: self.store.clone(),
            holder,
        }
    }
}

impl Drop for PgStore {
    /// The lock given back at once (closing the connection alone releases
    /// it only when the server process notices, a moment later).
    fn drop(&mut self) {
        if let Some(client) = self.client.get_mut().as_mut() {
            if !client.is_closed() {
                let _ = client.execute(
                    "SELECT pg_advisory_unlock(hashtext($1), hashtext($2))",
                    &[&LOCK_SPACE, &self.store],
                );
            }
        }
    }
}

/// This machine's name.
pub(super) fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_default()
}

/// Take `store`'s session advisory lock on `client`. When `reclaim` (the
/// store reconnecting) and a connection of this very process holds it —
/// the one given up for lost, whose end the server has not noticed yet (a
/// client-side network drop) — that connection is ended and the lock taken
/// (waiting up to a second).
pub(super) fn take_lock(
    client: &mut Client,
    store: &str,
    reclaim: bool,
) -> Result<bool, postgres::Error> {
    let try_lock = |client: &mut Client| -> Result<bool, postgres::Error> {
        Ok(client
            .query_one(
                "SELECT pg_try_advisory_lock(hashtext($1), hashtext($2))",
                &[&LOCK_SPACE, &store],
            )?
            .get(0))
    };
    // A session that just closed may still hold it for a moment (its server
    // process ends after the socket closes): waited for, as sled's lock is.
    let start = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(5);
    loop {
        if try_lock(client)? {
            return Ok(true);
        }
        if start.elapsed() >= crate::store::LOCK_WAIT {
            break;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(std::time::Duration::from_millis(100));
    }
    if !reclaim {
        return Ok(false);
    }
    let ended = client
        .execute(
            "SELECT pg_terminate_backend(backend_pid) FROM biaozhu_holders \
             WHERE store = $1 AND pid = $2 AND host = $3 AND backend_pid <> pg_backend_pid()",
            &[&store, &i64::from(std::process::id()), &host_name()],
        )
        .unwrap_or(0);
    for _ in 0..(if ended > 0 { 20 } else { 0 }) {
        std::thread::sleep(std::time::Duration::from_millis(50));
        if try_lock(client)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Say who holds `store` (this process, on this connection), for another
/// session's message.
pub(super) fn write_holder(client: &mut Client, store: &str) -> Result<(), postgres::Error> {
    let me = crate::store::holder::Holder::this_process();
    client.execute(
        "INSERT INTO biaozhu_holders (store, pid, command, username, host, since, backend_pid) \
         VALUES ($1, $2, $3, $4, $5, $6, pg_backend_pid()) ON CONFLICT (store) DO UPDATE \
         SET pid = excluded.pid, command = excluded.command, username = excluded.username, \
         host = excluded.host, since = excluded.since, backend_pid = excluded.backend_pid",
        &[
            &store,
            &i64::from(me.pid),
            &me.command,
            &me.user,
            &host_name(),
            &me.since,
        ],
    )?;
    Ok(())
}
