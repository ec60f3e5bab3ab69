//! Where the label stores live, chosen once (`--store`, `BIAOZHU_STORE`):
//! sled stores in the labels dir (the default), or one PostgreSQL database
//! for a team on several machines. Commands open, list and read stores
//! through [`Stores`] and never learn which backend holds them.

use super::pg::{self, PgStore, PgTarget};
use super::{
    read_store, store_names, validate_annotator, LabelStore, SledStore, Snapshot, StoreError, With,
    GOLD,
};
use std::path::{Path, PathBuf};

/// Which backend holds the stores.
#[derive(Debug, Clone)]
pub enum Backend {
    /// One sled store per annotator in the labels dir.
    Sled,
    /// Every store in one PostgreSQL database (boxed: a driver config is
    /// large beside nothing).
    Postgres(Box<PgTarget>),
}

/// A store opened for writing, whichever backend holds it.
pub type Opened = Box<dyn LabelStore + Send>;

impl Backend {
    /// `value` as `--store` / `BIAOZHU_STORE` give it: `sled` (or
    /// `sled:DIR`, naming the labels dir) or a `postgres://` URL. Returns
    /// the backend and the labels dir `sled:DIR` names, if any.
    pub fn parse(value: &str) -> Result<(Backend, Option<PathBuf>), StoreError> {
        if PgTarget::is_url(value) {
            return Ok((Backend::Postgres(Box::new(PgTarget::parse(value)?)), None));
        }
        if value == "sled" {
            return Ok((Backend::Sled, None));
        }
        if let Some(dir) = value.strip_prefix("sled:") {
            if dir.is_empty() {
                return Err(StoreError::BadTarget {
                    value: value.to_owned(),
                    reason: "sled: names no labels dir (sled:labels/)".into(),
                });
            }
            return Ok((Backend::Sled, Some(PathBuf::from(dir))));
        }
        Err(StoreError::BadTarget {
            value: crate::store::pg::target::without_password(value),
            reason: "expected `sled`, `sled:DIR` or a postgres:// URL".into(),
        })
    }
}

/// The stores of a project: its labels dir (the schema, and for sled the
/// stores; for PostgreSQL the outboxes) and the backend.
#[derive(Debug, Clone)]
pub struct Stores {
    pub labels_dir: PathBuf,
    pub backend: Backend,
}

impl Stores {
    pub fn sled(labels_dir: &Path) -> Stores {
        Stores {
            labels_dir: labels_dir.to_owned(),
            backend: Backend::Sled,
        }
    }

    /// Open (creating) `annotator`'s store for writing.
    pub fn open(&self, annotator: &str) -> Result<Opened, StoreError> {
        Ok(match &self.backend {
            Backend::Sled => Box::new(SledStore::open(&self.labels_dir, annotator)?),
            Backend::Postgres(t) => Box::new(PgStore::open(t, &self.labels_dir, annotator)?),
        })
    }

    /// [`Stores::open`] for the labeling screen: a sled store is still
    /// being compared with its journal when it returns (its first write
    /// waits for that; see `SledStore::open_unverified`).
    pub fn open_for_screen(&self, annotator: &str) -> Result<Opened, StoreError> {
        Ok(match &self.backend {
            Backend::Sled => Box::new(SledStore::open_unverified(&self.labels_dir, annotator)?),
            Backend::Postgres(_) => self.open(annotator)?,
        })
    }

    /// Open (creating) the gold set's store for `reviewer`.
    pub fn open_gold(&self, reviewer: &str) -> Result<Opened, StoreError> {
        Ok(match &self.backend {
            Backend::Sled => Box::new(SledStore::open_gold(&self.labels_dir, reviewer)?),
            Backend::Postgres(t) => Box::new(PgStore::open_gold(t, &self.labels_dir, reviewer)?),
        })
    }

    /// Open store `store` — an annotator's, or [`GOLD`] (its history then
    /// names `gold_actor`).
    pub fn open_any(&self, store: &str, gold_actor: &str) -> Result<Opened, StoreError> {
        if store == GOLD {
            self.open_gold(gold_actor)
        } else {
            self.open(store)
        }
    }

    /// The annotators with a store, sorted (not gold).
    pub fn names(&self) -> Result<Vec<String>, StoreError> {
        match &self.backend {
            Backend::Sled => store_names(&self.labels_dir),
            Backend::Postgres(t) => pg::rows::store_names(t),
        }
    }

    /// Whether store `store` (an annotator's, or gold) exists.
    pub fn exists(&self, store: &str) -> Result<bool, StoreError> {
        if store != GOLD {
            validate_annotator(store)?;
        }
        match &self.backend {
            Backend::Sled => Ok(SledStore::path_of(&self.labels_dir, store).is_dir()),
            Backend::Postgres(t) => pg::rows::exists(t, store),
        }
    }

    /// Whether there is a gold set.
    pub fn gold_exists(&self) -> Result<bool, StoreError> {
        self.exists(GOLD)
    }

    /// Store `store` as a reading command reads it: every committed change,
    /// without waiting for the session that holds it.
    pub fn read(&self, store: &str, with: With) -> Result<Snapshot, StoreError> {
        match &self.backend {
            Backend::Sled => Ok(Snapshot::Journal(read_store(
                &self.labels_dir,
                store,
                with,
            )?)),
            Backend::Postgres(t) => Ok(Snapshot::Rows(pg::rows::read(
                t,
                store,
                with == With::History,
            )?)),
        }
    }

    /// How messages name store `store`: its sled dir, or the database
    /// (without password) and the store's name.
    pub fn describe(&self, store: &str) -> String {
        match &self.backend {
            Backend::Sled => {
                crate::text::sanitize::plain_path(&SledStore::path_of(&self.labels_dir, store))
            }
            Backend::Postgres(t) => format!("{} store {store}", t.shown()),
        }
    }

    /// How messages name where all the stores are: the labels dir, or the
    /// database (without password).
    pub fn describe_all(&self) -> String {
        match &self.backend {
            Backend::Sled => crate::text::sanitize::plain_path(&self.labels_dir),
            Backend::Postgres(t) => t.shown().to_owned(),
        }
    }

    /// Whether the stores are on a database server.
    pub fn is_remote(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_values() {
        assert!(matches!(
            Backend::parse("sled").unwrap(),
            (Backend::Sled, None)
        ));
        let (_, dir) = Backend::parse("sled:labels/").unwrap();
        assert_eq!(dir, Some(PathBuf::from("labels/")));
        assert!(matches!(
            Backend::parse("postgres://a@h/db").unwrap(),
            (Backend::Postgres(_), None)
        ));
        let err = Backend::parse("mysql://a:pw@h/db").unwrap_err().to_string();
        assert!(
            err.contains("expected `sled`") && !err.contains("pw"),
            "{err}"
        );
        assert!(Backend::parse("sled:").is_err());
    }
}
