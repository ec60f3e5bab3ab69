//! Tests of [`SledStore`], by concern; the helpers they share.

mod formats;
mod gold;
mod journal;
mod open_lock;
mod orphans;
mod packs;
mod packs_model;
mod read_decode;
mod write_history;

use super::*;
use crate::store::Span;
use std::process::Command;

fn label(doc: &str, para: u32) -> Label {
    Label {
        doc: doc.to_owned(),
        para,
        hash: "0123456789abcdef".into(),
        section: Some("achievement".into()),
        indicators: vec!["vaccination_rate".into()],
        spans: vec![Span {
            start: 2,
            end: 7,
            label: "vaccination_rate".into(),
        }],
        flags: vec![],
        note: Some("备注 \"quoted\"".into()),
        done: true,
        updated_at: "2026-11-22T10:00:00Z".into(),
        duration_ms: Some(5200),
        text: None,
        ..Label::empty("", 0, "")
    }
}

fn open(dir: &Path) -> SledStore {
    SledStore::open(dir, "alice").unwrap()
}

/// Opening the store of "alice" under `dir` fails with a bad value.
fn assert_open_is_bad_value(dir: &Path) {
    let err = SledStore::open(dir, "alice").unwrap_err();
    assert!(matches!(err, StoreError::BadValue { .. }), "{err}");
}

impl SledStore {
    /// Insert raw bytes under a raw key, bypassing every check (tests of
    /// bad-value handling, and of stores as earlier builds wrote them).
    /// Like an earlier build, it leaves the store without a journal: the
    /// journal marker and file go.
    fn raw_insert(&self, tree: &str, key: &[u8], value: &[u8]) {
        self.raw_tree(tree).insert(key, value).unwrap();
        self.journal_tree
            .remove(super::journaling::MARKER_KEY)
            .unwrap();
        let _ = std::fs::remove_file(self.path.with_extension("journal"));
    }

    /// Every raw entry of `tree`.
    fn raw_entries(&self, tree: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.raw_tree(tree)
            .iter()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.to_vec(), v.to_vec())
            })
            .collect()
    }

    /// `tree` by name; [`DEFAULT_TREE`] is the one holding the format
    /// marker.
    fn raw_tree(&self, tree: &str) -> &sled::Tree {
        match tree {
            LABELS_TREE => &self.labels,
            HISTORY_TREE => &self.history,
            DEFAULT_TREE => &self.db,
            _ => panic!("{tree}"),
        }
    }
}

/// The name [`SledStore::raw_insert`] knows sled's default tree by.
const DEFAULT_TREE: &str = "default";

// ---- Tests that need a second process: the test binary re-runs itself
// with CHILD_ENV set, running only one of the `child_*` tests, which do
// nothing in a normal run.

const CHILD_ENV: &str = "BIAOZHU_STORE_TEST_CHILD";
const DIR_ENV: &str = "BIAOZHU_STORE_TEST_DIR";

/// Run the test `test` (its path under this module, e.g.
/// `open_lock::child_open_alice`) in a child process on `dir`.
fn run_child(test: &str, dir: &Path) -> std::process::Output {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            &format!("store::sled_store::tests::{test}"),
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, test)
        .env(DIR_ENV, dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("1 passed") || !out.status.success(),
        "the child ran no test: {stdout}"
    );
    out
}

/// The dir to work on when this process is the child running `test`.
fn child_dir(test: &str) -> Option<PathBuf> {
    (std::env::var(CHILD_ENV).ok()? == test).then(|| std::env::var_os(DIR_ENV).unwrap().into())
}
