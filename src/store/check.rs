//! `biaozhu check` and `biaozhu repair`: each store against its journal.
//!
//! A store has two independent records of every change: sled's files
//! (`<store>.sled/`) and its journal (`<store>.journal`, every line with a
//! checksum). `check` reads both — sled as it is, changing nothing — and
//! compares them tree by tree, byte for byte (up to the last journal
//! commit sled has applied: commits after it are replayed at the next
//! open, see `sled_store::journaling`). `repair` rebuilds the damaged one
//! from the other: damaged sled files are moved aside
//! (`<store>.sled.damaged-<unix time>`) and the store is rebuilt from its
//! journal; a damaged journal is moved aside
//! (`<store>.journal.damaged-<unix time>`) and written anew from sled.

use super::journal::{self, Replica};
use super::sled_store::{read_raw, RawTrees};
use super::{SledStore, StoreError, GOLD};
use std::path::{Path, PathBuf};

/// What `check` found in one store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// Both records readable and equal.
    Sound,
    /// A session holds the store: its journal was checked, sled was not.
    InUse { holder: String },
    /// One record is damaged or missing; `repair` rebuilds it from the
    /// other.
    Damaged { what: String, fix: Fix },
    /// Both are damaged: `repair` keeps what the journal's sound commits
    /// hold.
    Lost { what: String },
}

/// Which record `repair` rebuilds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// The sled files, from the journal.
    StoreFromJournal,
    /// The journal, from the sled files.
    JournalFromStore,
}

/// One store's check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub store: String,
    pub health: Health,
    /// Labels in the record read (the journal's, else sled's).
    pub labels: usize,
}

/// Every store under `labels_dir` to check: annotators' and the gold
/// set's, with a sled dir or only a journal (lost files), sorted.
pub fn stores(labels_dir: &Path) -> Result<Vec<String>, StoreError> {
    let mut names = super::store_names(labels_dir)?;
    if let Ok(entries) = std::fs::read_dir(labels_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(store) = name.to_str().and_then(|n| n.strip_suffix(".journal")) else {
                continue;
            };
            let valid = store == GOLD || super::validate_annotator(store).is_ok();
            if valid && !names.iter().any(|n| n == store) {
                names.push(store.to_owned());
            }
        }
    }
    if SledStore::gold_exists(labels_dir) && !names.iter().any(|n| n == GOLD) {
        names.push(GOLD.to_owned());
    }
    names.sort();
    Ok(names)
}

/// Check store `store` under `labels_dir`.
pub fn check(labels_dir: &Path, store: &str) -> Checked {
    let journal_path = journal::path_of(labels_dir, store);
    let sled_dir = SledStore::path_of(labels_dir, store);
    let journal = Replica::read(&journal_path, true);
    let sled = if sled_dir.is_dir() {
        Some(read_sled(labels_dir, store))
    } else {
        None
    };
    let labels_in = |r: &Replica| r.labels().map_or(0, |l| l.len());
    let checked = |health, labels| Checked {
        store: store.to_owned(),
        health,
        labels,
    };
    match (journal, sled) {
        (Ok(Some(replica)), Some(Err(StoreError::Locked { holder, .. }))) => {
            checked(Health::InUse { holder }, labels_in(&replica))
        }
        (Ok(Some(replica)), Some(Ok(raw))) => {
            let n = labels_in(&replica);
            match differ(&journal_path, &raw) {
                Ok(None) => checked(Health::Sound, n),
                Ok(Some((what, fix))) => checked(Health::Damaged { what, fix }, n),
                Err(e) => checked(
                    Health::Lost {
                        what: e.to_string(),
                    },
                    0,
                ),
            }
        }
        (Ok(Some(replica)), Some(Err(e))) => checked(
            Health::Damaged {
                what: format!("its sled files cannot be read: {e}"),
                fix: Fix::StoreFromJournal,
            },
            labels_in(&replica),
        ),
        (Ok(Some(replica)), None) => checked(
            Health::Damaged {
                what: format!("its sled files are missing ({})", sled_dir.display()),
                fix: Fix::StoreFromJournal,
            },
            labels_in(&replica),
        ),
        (journal, Some(Ok(raw))) => {
            let why = match journal {
                Ok(_) => format!("its journal is missing ({})", journal_path.display()),
                Err(e) => format!("its journal is damaged: {e}"),
            };
            let health = if raw.marked {
                Health::Damaged {
                    what: why,
                    fix: Fix::JournalFromStore,
                }
            } else {
                // Written by a build before journals: the next open writes
                // its journal; nothing is damaged.
                Health::Sound
            };
            checked(health, count_labels(&raw))
        }
        (_, Some(Err(StoreError::Locked { holder, .. }))) => checked(
            Health::Lost {
                what: format!("its journal cannot be read and a session holds it{holder}"),
            },
            0,
        ),
        (journal, sled) => {
            let mut what = Vec::new();
            if let Err(e) = journal {
                what.push(format!("its journal is damaged: {e}"));
            }
            match sled {
                Some(Err(e)) => what.push(format!("its sled files cannot be read: {e}")),
                None => what.push("its sled files are missing".into()),
                Some(Ok(_)) => {}
            }
            checked(
                Health::Lost {
                    what: what.join("; "),
                },
                0,
            )
        }
    }
}

/// sled's trees, a panic in sled (damaged files) as an error.
fn read_sled(labels_dir: &Path, store: &str) -> Result<RawTrees, StoreError> {
    let dir = labels_dir.to_owned();
    let name = store.to_owned();
    // sled may panic on damaged files: on a thread of its own, a panic is
    // a result like any other.
    match std::thread::spawn(move || read_raw(&dir, &name)).join() {
        Ok(result) => result,
        Err(panic) => Err(StoreError::Io {
            path: SledStore::path_of(labels_dir, store),
            op: "reading the store",
            source: std::io::Error::other(panic_text(&panic)),
        }),
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "sled panicked".into())
}

fn count_labels(raw: &RawTrees) -> usize {
    let path = PathBuf::new();
    super::entries::labels_of(
        &path,
        raw.labels
            .iter()
            .map(|(k, v)| Ok::<_, StoreError>((k.as_slice(), v.as_slice()))),
    )
    .map_or(0, |l| l.len())
}

/// Where sled's trees differ from the journal's replay up to the commit
/// sled has applied, if they do, and which record to rebuild.
pub(crate) fn differ(
    journal_path: &Path,
    raw: &RawTrees,
) -> Result<Option<(String, Fix)>, StoreError> {
    let from_journal = |what: String| Ok(Some((what, Fix::StoreFromJournal)));
    if !raw.marked {
        // Every store this build opens is marked: sled lost its marker
        // (damaged or reset files) while the journal is sound.
        return from_journal("sled has lost its journal marker".into());
    }
    let Some(applied) = raw.marker_commit else {
        // No commit applied yet: sled must be empty.
        let empty = raw.labels.is_empty() && raw.history.is_empty() && raw.orphans.is_empty();
        return if empty {
            Ok(None)
        } else {
            from_journal("sled holds changes its journal does not".into())
        };
    };
    let Some(replica) = Replica::read_until(journal_path, true, Some(applied))? else {
        return Ok(Some((
            "its journal is missing".into(),
            Fix::JournalFromStore,
        )));
    };
    if replica.last_commit().is_none_or(|last| last < applied) {
        // sled applied commits the journal no longer has: it was cut short.
        return Ok(Some((
            format!("its journal ends before commit {applied}, which sled has applied (cut short)"),
            Fix::JournalFromStore,
        )));
    }
    let [labels, history, orphans] = replica.trees();
    for (name, journal, sled) in [
        ("labels", labels, &raw.labels),
        ("history", history, &raw.history),
        ("parked labels", orphans, &raw.orphans),
    ] {
        if journal != sled {
            let missing = journal.keys().filter(|k| !sled.contains_key(*k)).count();
            let extra = sled.keys().filter(|k| !journal.contains_key(*k)).count();
            let changed = journal
                .iter()
                .filter(|(k, v)| sled.get(*k).is_some_and(|s| s != *v))
                .count();
            return from_journal(format!(
                "its sled files differ from its journal in the {name}: \
                 {missing} entries missing, {extra} extra, {changed} different"
            ));
        }
    }
    Ok(None)
}

/// What `repair` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repaired {
    /// Nothing was damaged.
    Nothing,
    /// The damaged record was moved to `aside` (None: it was missing) and
    /// rebuilt from the other.
    Rebuilt { fix: Fix, aside: Option<PathBuf> },
}

/// Repair store `store` under `labels_dir` as `check` says; refused
/// (`StoreError::Locked`) while a session holds it.
pub fn repair(labels_dir: &Path, store: &str) -> Result<Repaired, StoreError> {
    let checked = check(labels_dir, store);
    let aside = |path: &Path, what: &str| -> Result<PathBuf, StoreError> {
        let to = super::aside_path(path, what);
        std::fs::rename(path, &to).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            op: "moving the damaged copy aside",
            source,
        })?;
        Ok(to)
    };
    match checked.health {
        Health::Sound => Ok(Repaired::Nothing),
        Health::InUse { holder } => Err(StoreError::Locked {
            path: SledStore::path_of(labels_dir, store),
            annotator: store.to_owned(),
            holder,
        }),
        Health::Damaged { fix, .. } => {
            let moved = match fix {
                Fix::StoreFromJournal => {
                    let sled = SledStore::path_of(labels_dir, store);
                    sled.exists().then(|| aside(&sled, "damaged")).transpose()?
                }
                Fix::JournalFromStore => {
                    let journal = journal::path_of(labels_dir, store);
                    journal
                        .exists()
                        .then(|| aside(&journal, "damaged"))
                        .transpose()?
                }
            };
            // Opening does the rest: a store without its files is rebuilt
            // from its journal; a store without its journal writes one.
            drop(SledStore::open_for_one_pass(labels_dir, store)?);
            Ok(Repaired::Rebuilt { fix, aside: moved })
        }
        Health::Lost { what } => Err(StoreError::Io {
            path: SledStore::path_of(labels_dir, store),
            op: "repairing the store",
            source: std::io::Error::other(format!(
                "both records are damaged ({what}); both are left as they are"
            )),
        }),
    }
}

#[cfg(test)]
mod tests;
