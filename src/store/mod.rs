//! Label storage behind a small trait (DESIGN.md §4).
//!
//! The annotation screen, review, export and import code use only
//! [`LabelStore`], [`Label`], [`Span`], [`HistoryEntry`] and [`StoreError`];
//! no sled type leaves this module.
//!
//! Layout: one sled database per annotator at `<labels>/<annotator>.sled/`,
//! so annotators on one machine never block each other. Inside it:
//! - tree `labels`: key = doc path UTF-8, `0x00`, paragraph index as `u32`
//!   big-endian (see [`keys`]), so keys sort by `(doc, para)` exactly as
//!   `(String, u32)` does. Value = a pack (`"v":3`, see `pack`): the labels
//!   of up to 16 consecutive paragraphs (`para` 0–15, 16–31, …) under the
//!   key of the range's first, each a [`Label`] as JSON with `"v":2`,
//!   without `doc`/`para` and default fields. Earlier builds stored each
//!   label alone under its own key (`"v":2`, or `"v":1`: the whole label);
//!   opening such a store packs them (a range at a time, atomically), and
//!   every reader reads both ways;
//! - tree `history`: key = sequence number as `u64` big-endian (dense,
//!   monotonic, survives reopen); value = the [`HistoryEntry`] as JSON with
//!   `"v":1` — or, for the entries of one `put_many`/`park_many` call, up
//!   to 256 consecutive entries as one value under the first one's sequence
//!   number, `{"v":2,"seq":…,"at":…,"annotator":…,"action":…,"group":[…]}`
//!   (see `sled_store::history`; earlier builds wrote
//!   `{"v":1,"group":[entry, …]}`; both read). (Each sled insert costs ~8 µs
//!   here whatever its size, and sled runs the transactions of a process
//!   one at a time: one insert per history entry doubled the cost of an
//!   import.) [`LabelStore::history`] returns the entries one by one either
//!   way;
//! - tree `orphans`: labels whose text left the corpus ([`LabelStore::park`]):
//!   key = label key + the label's hash, value = the whole label, `"v":1`;
//! - default tree, key `format`: the store layout version, `{"v":3}` (labels
//!   packed; `{"v":3,"packing":true}` while packing an earlier build's
//!   labels) or `{"v":1}` (earlier builds: one label per key). Builds
//!   before packs refuse a store marked version 3.
//!
//! Value versions (see the `value` module): a value with a `v` this build does not
//! know stops the read with [`StoreError::UnsupportedVersion`].
//!
//! Every [`LabelStore::put`] writes the label's pack and its history entry
//! in one sled transaction over both trees and flushes before returning;
//! `put_many` and `park_many` write all of theirs in one transaction and
//! flush once.

pub mod backend;
mod body;
pub mod check;
mod entries;
mod error;
pub mod holder;
pub mod journal;
pub mod keys;
mod label;
mod lock;
mod pack;
pub mod pg;
mod reading;
mod shelf;
mod sled_store;
mod snapshot;
#[cfg(test)]
mod testing;
mod value;
mod view;

pub use backend::{Backend, Stores};
pub use error::StoreError;
pub use journal::Replica;
pub use label::{
    GoldSource, HistoryEntry, Label, Span, Suggested, FLAG_REVIEW, FLAG_SKIP, SUGGESTION_SOURCES,
};
pub use lock::LOCK_WAIT;
pub use reading::{read_store, With};
pub use shelf::Shelf;
pub use sled_store::SledStore;
pub use snapshot::Snapshot;
pub use view::LabelView;

use std::path::Path;

/// One annotator's labels plus their append-only history.
pub trait LabelStore {
    /// The annotator whose store this is.
    fn annotator(&self) -> &str;

    /// The label of paragraph `para` of `doc`, if it has one.
    fn get(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError>;

    /// Write the label (or delete when `label` is None = back to unlabeled)
    /// and append a history entry, then flush to disk before returning.
    ///
    /// `label.doc`/`label.para` must equal `doc`/`para`. The stored label has
    /// its `indicators` sorted and deduplicated.
    fn put(
        &mut self,
        doc: &str,
        para: u32,
        label: Option<&Label>,
        action: &str,
    ) -> Result<(), StoreError>;

    /// Write many labels (one history entry each, all with `action`) and
    /// flush once: for import. All or nothing in implementations that can.
    fn put_many(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError> {
        for label in labels {
            self.put(&label.doc, label.para, Some(label), action)?;
        }
        Ok(())
    }

    /// Every label, ordered by (doc, para).
    fn labels(&self) -> Result<Vec<Label>, StoreError>;

    /// The labels of one document, ordered by para.
    fn doc_labels(&self, doc: &str) -> Result<Vec<Label>, StoreError> {
        Ok(self
            .labels()?
            .into_iter()
            .filter(|l| l.doc == doc)
            .collect())
    }

    /// Move a label whose paragraph text is no longer in the corpus out of
    /// the way (so a new label on that paragraph cannot overwrite it): it is
    /// kept, with a history entry `orphan`, and listed by `parked`.
    /// Only the label stored at its key, if it is this very label, is removed;
    /// a label that is not stored at all is parked just the same.
    fn park(&mut self, label: &Label) -> Result<(), StoreError> {
        self.park_many(std::slice::from_ref(label), "orphan")
    }

    /// Park many labels as [`park`](LabelStore::park) does, each with a
    /// history entry `action` (`before` = the label parked, `after` = None),
    /// and flush once. A parked label replaces the one parked under the same
    /// (doc, para, hash). All or nothing in implementations that can.
    fn park_many(&mut self, labels: &[Label], action: &str) -> Result<(), StoreError>;

    /// Every parked (orphaned) label, ordered by (doc, para, hash).
    fn parked(&self) -> Result<Vec<Label>, StoreError>;

    /// The whole history, ordered by `seq`.
    fn history(&self) -> Result<Vec<HistoryEntry>, StoreError>;

    /// Changes kept on this machine that the store could not take yet (a
    /// database server out of reach); 0 for a store on this machine.
    fn waiting(&self) -> usize {
        0
    }

    /// Keep these changes too, on this machine, behind the ones waiting:
    /// `unsent` is the screen's queue of changes not saved yet, oldest
    /// first, whose head is what the store already keeps. Nothing for a
    /// store on this machine.
    fn keep(&mut self, unsent: &[Unsent<'_>]) -> Result<(), StoreError> {
        let _ = unsent;
        Ok(())
    }

    /// Try to hand over the [`waiting`](LabelStore::waiting) changes now.
    fn send_waiting(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Bulk loading on or off (`biaozhu import`): see
    /// [`SledStore::bulk_load`]; nothing for stores that load in bulk anyway.
    fn bulk_load(&mut self, _on: bool) {}

    /// Fill this store, which must hold nothing yet, with another store's
    /// contents as they are: labels, parked labels and every history
    /// entry with its number, time and author (moving a team between
    /// backends, `biaozhu import --from-store`).
    fn copy_in(&mut self, contents: &Contents) -> Result<(), StoreError> {
        let _ = contents;
        Err(StoreError::Database {
            target: self.annotator().to_owned(),
            op: "copying a store in",
            reason: "this kind of store cannot take a copy".into(),
        })
    }
}

/// A change a screen shows and has not had saved yet (see
/// [`LabelStore::keep`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsent<'a> {
    pub doc: &'a str,
    pub para: u32,
    pub label: Option<&'a Label>,
    pub action: &'a str,
    /// Park `label` (an orphan) instead of writing it at its key.
    pub park: bool,
}

/// A whole store's contents (see [`LabelStore::copy_in`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contents {
    pub labels: Vec<Label>,
    pub parked: Vec<Label>,
    pub history: Vec<HistoryEntry>,
}

/// The annotators that have a store (`<name>.sled` directory with a valid
/// name) under `labels_dir`, sorted. A missing `labels_dir` has none.
pub fn store_names(labels_dir: &Path) -> Result<Vec<String>, StoreError> {
    let io = |source| StoreError::Io {
        path: labels_dir.to_owned(),
        op: "reading the labels dir",
        source,
    };
    let entries = match std::fs::read_dir(labels_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(io(source)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io)?;
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str().and_then(|n| n.strip_suffix(".sled")) else {
            continue;
        };
        if validate_annotator(name).is_err() || !entry.path().is_dir() {
            continue;
        }
        names.push(name.to_owned());
    }
    names.sort();
    Ok(names)
}

/// The gold set's store name (`<labels>/gold.sled`, written by `biaozhu
/// review`): reserved, never an annotator's name.
pub const GOLD: &str = "gold";

/// Longest annotator name accepted.
pub const MAX_ANNOTATOR_LEN: usize = 64;

/// An annotator name is 1–64 of `[A-Za-z0-9_.-]`, not starting with `.`
/// (it becomes a file name: `<name>.sled`).
pub fn validate_annotator(name: &str) -> Result<(), StoreError> {
    let bad = |reason: String| {
        Err(StoreError::InvalidAnnotator {
            name: name.to_owned(),
            reason,
        })
    };
    if name.is_empty() {
        return bad("it is empty".into());
    }
    if name.chars().count() > MAX_ANNOTATOR_LEN {
        return bad(format!("it is longer than {MAX_ANNOTATOR_LEN} characters"));
    }
    if name.starts_with('.') {
        return bad("it starts with '.'".into());
    }
    if name == GOLD {
        return bad(format!(
            "it is reserved for the gold set ({GOLD}.sled, written by `biaozhu review`)"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
    {
        return bad(format!(
            "{c:?} is not allowed; use letters A-Z a-z, digits, '_', '.' and '-'"
        ));
    }
    Ok(())
}

/// The current time as RFC 3339 UTC with milliseconds,
/// e.g. `2026-11-22T10:00:00.123Z`.
/// Where a damaged file or dir at `path` is kept aside:
/// `<path>.<what>-<unix time>`, with `-2`, `-3`… when that is taken.
pub fn aside_path(path: &std::path::Path, what: &str) -> std::path::PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = format!("{}.{what}-{stamp}", path.display());
    let mut to = std::path::PathBuf::from(&base);
    let mut n = 2;
    while to.exists() {
        to = std::path::PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    to
}

pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotator_names() {
        for ok in ["alice", "a", "bob.smith", "x_1-2", "A.b.", &"a".repeat(64)] {
            validate_annotator(ok).unwrap_or_else(|e| panic!("{ok:?}: {e}"));
        }
        for (bad, why) in [
            ("", "empty"),
            (".hidden", "starts with '.'"),
            ("..", "starts with '.'"),
            ("a/b", "'/'"),
            ("../x", "starts with '.'"),
            ("a b", "' '"),
            ("张三", "'张'"),
            ("gold", "reserved for the gold set"),
            ("a\0b", "'\\0'"),
            (&"a".repeat(65), "longer than 64"),
        ] {
            let msg = validate_annotator(bad).unwrap_err().to_string();
            assert!(msg.contains(&format!("\"{bad}\"")), "{msg}");
            assert!(msg.contains(why), "{bad:?}: {msg}");
        }
    }

    #[test]
    fn now_is_rfc3339_utc() {
        let now = now_rfc3339();
        assert!(now.ends_with('Z') && now.len() == 24, "{now}");
        humantime::parse_rfc3339(&now).unwrap();
    }

    #[test]
    fn store_names_lists_stores_only() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            store_names(&dir.path().join("missing")).unwrap(),
            Vec::<String>::new()
        );
        for name in ["bob", "alice"] {
            SledStore::open(dir.path(), name).unwrap();
        }
        std::fs::create_dir(dir.path().join(".x.sled")).unwrap();
        std::fs::write(dir.path().join("file.sled"), "").unwrap();
        std::fs::write(dir.path().join("schema.toml"), "").unwrap();
        assert_eq!(store_names(dir.path()).unwrap(), ["alice", "bob"]);
    }
}
