//! Network faults on the PostgreSQL store, against a real server of each
//! test's own (see pg_common): stopped during a session, killed with
//! `kill -9` mid-commit, restarted. A change the server did not take is
//! not reported saved, is kept on this machine (the outbox) and lands once
//! the server is back; a change sent twice is applied once.

mod pg_common;

use biaozhu::store::{Backend, Label, LabelStore, StoreError, Stores, Unsent, With};
use pg_common::Cluster;
use std::path::Path;

fn stores(url: &str, labels_dir: &Path) -> Stores {
    Stores {
        labels_dir: labels_dir.to_owned(),
        backend: Backend::parse(url).unwrap().0,
    }
}

/// A server of the test's own, a labels dir, and the stores on both.
fn server() -> Option<(Cluster, tempfile::TempDir, Stores)> {
    let cluster = Cluster::start()?;
    let dir = tempfile::tempdir().unwrap();
    let stores = stores(&cluster.new_database(), dir.path());
    Some((cluster, dir, stores))
}

fn label(para: u32, section: &str) -> Label {
    Label {
        section: Some(section.into()),
        updated_at: "2026-11-22T10:00:00.000Z".into(),
        ..Label::empty("报告.txt", para, "0123456789abcdef")
    }
}

fn put(store: &mut dyn LabelStore, l: &Label) -> Result<(), StoreError> {
    store.put(&l.doc, l.para, Some(l), "section")
}

#[test]
fn a_server_stopped_mid_session_keeps_changes_waiting_then_they_land() {
    let Some((cluster, dir, stores)) = server() else {
        return;
    };
    let mut store = stores.open("alice").unwrap();
    put(store.as_mut(), &label(0, "plan")).unwrap();
    cluster.stop();
    let change = label(1, "problem");
    let err = put(store.as_mut(), &change).unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, StoreError::Unreachable { .. }), "{shown}");
    assert!(shown.contains("1 change kept in"), "{shown}");
    assert!(shown.contains("alice.outbox"), "{shown}");
    assert!(!shown.contains("password"), "{shown}");
    assert_eq!(store.waiting(), 1);
    assert!(dir.path().join("alice.outbox").is_file());
    // The screen tries the same change again: kept once, not twice.
    assert!(put(store.as_mut(), &change).is_err());
    assert_eq!(store.waiting(), 1);
    cluster.start_again();
    put(store.as_mut(), &change).unwrap();
    assert_eq!(store.waiting(), 0);
    assert!(!dir.path().join("alice.outbox").exists());
    // A restart between two keys goes unnoticed.
    cluster.stop();
    cluster.start_again();
    put(store.as_mut(), &label(2, "plan")).unwrap();
    let read = stores.read("alice", With::History).unwrap();
    assert_eq!(read.labels().unwrap().len(), 3);
    let history = read.history().unwrap();
    let seqs: Vec<u64> = history.iter().map(|h| h.seq).collect();
    assert_eq!(seqs, [0, 1, 2], "each change once");
}

#[test]
fn changes_kept_when_the_session_ends_land_when_the_store_next_opens() {
    let Some((cluster, dir, stores)) = server() else {
        return;
    };
    let mut store = stores.open("alice").unwrap();
    cluster.stop();
    assert!(put(store.as_mut(), &label(0, "plan")).is_err());
    // The session ends (q twice, a crash): the change is in the outbox.
    drop(store);
    cluster.start_again();
    let outbox = std::fs::read(dir.path().join("alice.outbox")).unwrap();
    let store = stores.open("alice").unwrap();
    assert_eq!(store.waiting(), 0);
    assert_eq!(store.get("报告.txt", 0).unwrap(), Some(label(0, "plan")));
    drop(store);
    // The same change sent again (as when the connection dropped after the
    // server committed it but before the answer came): applied once.
    std::fs::write(dir.path().join("alice.outbox"), outbox).unwrap();
    let store = stores.open("alice").unwrap();
    assert_eq!(store.waiting(), 0);
    assert_eq!(store.history().unwrap().len(), 1);
}

#[test]
fn a_server_killed_mid_commit_loses_nothing_and_doubles_nothing() {
    let Some((cluster, _dir, stores)) = server() else {
        return;
    };
    let mut store = stores.open("alice").unwrap();
    const CHANGES: u32 = 300;
    let writer = std::thread::spawn(move || {
        let mut refused = 0;
        for n in 0..CHANGES {
            let l = label(n % 50, if n % 2 == 0 { "plan" } else { "problem" });
            // As the screen does: the same change again until it is saved.
            let start = std::time::Instant::now();
            while put(store.as_mut(), &l).is_err() {
                refused += 1;
                assert!(start.elapsed().as_secs() < 60, "never saved");
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        (store, refused)
    });
    std::thread::sleep(std::time::Duration::from_millis(150));
    cluster.kill9();
    std::thread::sleep(std::time::Duration::from_millis(300));
    cluster.start_again();
    let (store, refused) = writer.join().unwrap();
    assert!(refused > 0, "the kill came after the last change");
    drop(store);
    let read = stores.read("alice", With::History).unwrap();
    let history = read.history().unwrap();
    assert_eq!(history.len(), CHANGES as usize, "each change exactly once");
    assert!(history.iter().enumerate().all(|(i, h)| h.seq == i as u64));
    let labels = read.labels().unwrap();
    assert_eq!(labels.len(), 50);
    // The last change of each paragraph is the one stored.
    for l in labels {
        let last = (0..CHANGES).rev().find(|n| n % 50 == l.para).unwrap();
        let want = if last % 2 == 0 { "plan" } else { "problem" };
        assert_eq!(l.section.as_deref(), Some(want));
    }
}

fn unsent(l: &Label) -> Unsent<'_> {
    Unsent {
        doc: &l.doc,
        para: l.para,
        label: Some(l),
        action: "section",
        park: false,
    }
}

#[test]
fn changes_made_while_waiting_are_kept_too_and_land_once_each() {
    let Some((cluster, dir, stores)) = server() else {
        return;
    };
    let mut store = stores.open("alice").unwrap();
    cluster.stop();
    let (c1, c2, c3) = (label(0, "plan"), label(1, "plan"), label(0, "problem"));
    assert!(put(store.as_mut(), &c1).is_err());
    // The screen's queue: c1 (kept), then c2 and c3 typed meanwhile.
    store
        .keep(&[unsent(&c1), unsent(&c2), unsent(&c3)])
        .unwrap();
    assert_eq!(store.waiting(), 3);
    store
        .keep(&[unsent(&c1), unsent(&c2), unsent(&c3)])
        .unwrap();
    assert_eq!(store.waiting(), 3, "kept once");
    let outbox = std::fs::read_to_string(dir.path().join("alice.outbox")).unwrap();
    assert_eq!(outbox.lines().count(), 3);
    cluster.start_again();
    // The screen puts them again in turn: the first sends all three, the
    // others are done already.
    for c in [&c1, &c2, &c3] {
        put(store.as_mut(), c).unwrap();
    }
    assert_eq!(store.waiting(), 0);
    let history = store.history().unwrap();
    assert_eq!(history.len(), 3, "each change once");
    assert_eq!(store.get("报告.txt", 0).unwrap(), Some(c3.clone()));

    // The same, with the session ending before the server is back: all
    // three land when the store next opens.
    cluster.stop();
    let (d1, d2) = (label(2, "plan"), label(3, "plan"));
    assert!(put(store.as_mut(), &d1).is_err());
    store.keep(&[unsent(&d1), unsent(&d2)]).unwrap();
    drop(store);
    cluster.start_again();
    let store = stores.open("alice").unwrap();
    assert_eq!(store.history().unwrap().len(), 5);
    assert_eq!(store.get("报告.txt", 3).unwrap(), Some(d2));
}

/// An orphan set aside (parked) while the server is out of reach is kept
/// as a park, not as a label at its old key: when the store next opens it
/// lands among the parked labels, and the paragraph's key stays as the
/// server had it.
#[test]
fn a_park_kept_while_waiting_lands_parked() {
    let Some((cluster, dir, stores)) = server() else {
        return;
    };
    let mut store = stores.open("alice").unwrap();
    let stays = label(4, "plan");
    put(store.as_mut(), &stays).unwrap();
    cluster.stop();
    // An orphan of another paragraph's old text, at the same key.
    let mut orphan = label(4, "problem");
    orphan.hash = "fedcba9876543210".into();
    assert!(store.park_many(&[orphan.clone()], "orphan").is_err());
    let kept = Unsent {
        park: true,
        ..unsent(&orphan)
    };
    store.keep(&[kept]).unwrap();
    assert_eq!(store.waiting(), 1);
    let outbox = std::fs::read_to_string(dir.path().join("alice.outbox")).unwrap();
    assert!(outbox.contains("\"park\":true"), "{outbox}");
    drop(store);
    cluster.start_again();
    let store = stores.open("alice").unwrap();
    assert_eq!(store.waiting(), 0);
    assert_eq!(store.parked().unwrap(), vec![orphan]);
    assert_eq!(store.get("报告.txt", 4).unwrap(), Some(stays));
}
