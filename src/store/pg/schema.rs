//! The tables, created and migrated by the tool: `biaozhu_schema_version`
//! says which of [`MIGRATIONS`] a database has had; every connection brings
//! the database up to date (one migrator at a time, under a transaction
//! advisory lock) and refuses a database a newer biaozhu migrated further.
//!
//! Version 1 (the README's "PostgreSQL store" lists the columns):
//! - `biaozhu_stores`: one row a store (an annotator's, or `gold`);
//! - `biaozhu_labels`: a store's label per (doc, para), the label as
//!   JSON (the version 2 body sled stores), with its hash, `updated_at` and
//!   for gold its provenance (`source`, `reviewer`) as columns;
//! - `biaozhu_parked`: labels whose text left the corpus, per (doc, para, hash);
//! - `biaozhu_history`: the append-only history, `seq` dense per store;
//!   `change` (unique per store) is the change's own key — the session
//!   that made it and its number there — so a change sent twice (the
//!   connection dropped mid-commit) is applied once;
//! - `biaozhu_holders`: who holds a store (for the "in use" message), and
//!   the server process of its connection.

use postgres::Client;

/// The newest schema version this build knows.
pub const VERSION: i32 = 1;

/// Each version's statements, in order.
const MIGRATIONS: [(i32, &str); 1] = [(
    1,
    r#"
CREATE TABLE biaozhu_stores (
    name text COLLATE "C" PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE biaozhu_labels (
    store text COLLATE "C" NOT NULL REFERENCES biaozhu_stores (name),
    doc text COLLATE "C" NOT NULL,
    para bigint NOT NULL,
    hash text NOT NULL,
    updated_at text NOT NULL,
    source text,
    reviewer text,
    label json NOT NULL,
    PRIMARY KEY (store, doc, para)
);
CREATE TABLE biaozhu_parked (
    store text COLLATE "C" NOT NULL REFERENCES biaozhu_stores (name),
    doc text COLLATE "C" NOT NULL,
    para bigint NOT NULL,
    hash text COLLATE "C" NOT NULL,
    label json NOT NULL,
    PRIMARY KEY (store, doc, para, hash)
);
CREATE TABLE biaozhu_history (
    store text COLLATE "C" NOT NULL REFERENCES biaozhu_stores (name),
    seq bigint NOT NULL,
    change text NOT NULL,
    at text NOT NULL,
    actor text NOT NULL,
    doc text NOT NULL,
    para bigint NOT NULL,
    action text NOT NULL,
    before json,
    after json,
    PRIMARY KEY (store, seq),
    UNIQUE (store, change)
);
CREATE TABLE biaozhu_holders (
    store text COLLATE "C" PRIMARY KEY,
    pid bigint NOT NULL,
    command text NOT NULL,
    username text NOT NULL,
    host text NOT NULL,
    since text NOT NULL,
    backend_pid integer NOT NULL
);
"#,
)];

/// The key of the transaction advisory lock migrators take.
const MIGRATION_LOCK: i64 = 0x6269_616f_7a68_7501;

/// What migrating found.
pub enum Migrated {
    UpToDate,
    /// Migrated by a newer biaozhu to this version.
    Newer(i32),
}

/// Bring the database up to [`VERSION`].
pub fn migrate(client: &mut Client) -> Result<Migrated, postgres::Error> {
    // Quick look first: most connections find it up to date.
    let found: Option<i32> = client
        .query_one(
            "SELECT CASE WHEN to_regclass('biaozhu_schema_version') IS NULL THEN NULL \
             ELSE 0 END",
            &[],
        )?
        .get(0);
    if found.is_some() {
        let version = current(client)?;
        if version > VERSION {
            return Ok(Migrated::Newer(version));
        }
        if version == VERSION {
            return Ok(Migrated::UpToDate);
        }
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS biaozhu_schema_version (
             version integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now())",
    )?;
    let version: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM biaozhu_schema_version",
            &[],
        )?
        .get(0);
    if version > VERSION {
        tx.commit()?;
        return Ok(Migrated::Newer(version));
    }
    for (to, statements) in MIGRATIONS.iter().filter(|(v, _)| *v > version) {
        tx.batch_execute(statements)?;
        tx.execute(
            "INSERT INTO biaozhu_schema_version (version) VALUES ($1)",
            &[to],
        )?;
    }
    tx.commit()?;
    Ok(Migrated::UpToDate)
}

fn current(client: &mut Client) -> Result<i32, postgres::Error> {
    Ok(client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM biaozhu_schema_version",
            &[],
        )?
        .get(0))
}
