//! The store's promises, the same tests on both backends: sled (a labels
//! dir) and PostgreSQL (a database of a throwaway cluster, see pg_common;
//! skipped loudly without PostgreSQL unless BIAOZHU_REQUIRE_PG is set).

mod pg_common;

use biaozhu::store::{Backend, Contents, Label, LabelStore, Span, StoreError, Stores, With};
use std::path::Path;

/// Run `test` on a sled labels dir, then on a fresh PostgreSQL database.
fn on_both(test: impl Fn(&Stores)) {
    let dir = tempfile::tempdir().unwrap();
    test(&Stores::sled(dir.path()));
    if let Some(cluster) = pg_common::shared() {
        let dir = tempfile::tempdir().unwrap();
        test(&postgres_stores(&cluster.new_database(), dir.path()));
    }
}

fn postgres_stores(url: &str, labels_dir: &Path) -> Stores {
    let (backend, _) = Backend::parse(url).unwrap();
    Stores {
        labels_dir: labels_dir.to_owned(),
        backend,
    }
}

fn label(doc: &str, para: u32) -> Label {
    Label {
        section: Some("achievement".into()),
        indicators: vec!["vaccination_rate".into(), "funds".into()],
        spans: vec![Span {
            start: 2,
            end: 7,
            label: "vaccination_rate".into(),
        }],
        note: Some("备注 \"quoted\" \u{1b}".into()),
        done: true,
        updated_at: "2026-11-22T10:00:00.123Z".into(),
        duration_ms: Some(5200),
        ..Label::empty(doc, para, "0123456789abcdef")
    }
}

fn normalized(mut l: Label) -> Label {
    l.normalize();
    l
}

#[test]
fn labels_round_trip_and_persist() {
    on_both(|stores| {
        let a = label("002_3eeec7fd728757b0.txt", 17);
        let mut b = label("dir/报告.txt", 0);
        b.section = None;
        b.note = None;
        {
            let mut store = stores.open("alice").unwrap();
            assert_eq!(store.annotator(), "alice");
            assert_eq!(store.get(&a.doc, a.para).unwrap(), None);
            store.put(&a.doc, a.para, Some(&a), "section").unwrap();
            store.put(&b.doc, b.para, Some(&b), "indicator").unwrap();
            assert_eq!(
                store.get(&a.doc, a.para).unwrap(),
                Some(normalized(a.clone()))
            );
            assert_eq!(store.get(&a.doc, a.para + 1).unwrap(), None);
            assert_eq!(store.doc_labels(&b.doc).unwrap(), [normalized(b.clone())]);
        }
        let store = stores.open("alice").unwrap();
        assert_eq!(
            store.labels().unwrap(),
            [normalized(a.clone()), normalized(b.clone())]
        );
        assert_eq!(stores.names().unwrap(), ["alice"]);
    });
}

#[test]
fn history_appends_across_reopen_with_before_and_after() {
    on_both(|stores| {
        let mut first = label("a.txt", 1);
        first.section = None;
        let second = label("a.txt", 1);
        {
            let mut store = stores.open("alice").unwrap();
            store.put("a.txt", 1, Some(&first), "indicator").unwrap();
            store.put("a.txt", 1, Some(&second), "section").unwrap();
        }
        {
            let mut store = stores.open("alice").unwrap();
            store.put("a.txt", 1, None, "undo").unwrap();
        }
        let store = stores.open("alice").unwrap();
        let history = store.history().unwrap();
        let seqs: Vec<u64> = history.iter().map(|h| h.seq).collect();
        assert_eq!(seqs, [0, 1, 2]);
        let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(actions, ["indicator", "section", "undo"]);
        assert_eq!(history[0].before, None);
        assert_eq!(history[0].after, Some(normalized(first.clone())));
        assert_eq!(history[1].before, Some(normalized(first)));
        assert_eq!(history[2].before, Some(normalized(second)));
        assert_eq!(history[2].after, None);
        assert!(history.iter().all(|h| h.annotator == "alice"));
        assert_eq!(store.get("a.txt", 1).unwrap(), None);
    });
}

#[test]
fn put_many_chains_before_and_after_on_one_key() {
    on_both(|stores| {
        let mut store = stores.open("alice").unwrap();
        let first = label("a", 0);
        let mut second = label("a", 0);
        second.note = None;
        let many: Vec<Label> = (1..=300).map(|p| label("a", p)).collect();
        store
            .put_many(&[first.clone(), second.clone()], "import")
            .unwrap();
        store.put_many(&many, "import").unwrap();
        let history = store.history().unwrap();
        assert_eq!(history.len(), 302);
        assert!(history.iter().enumerate().all(|(i, h)| h.seq == i as u64));
        assert_eq!(history[1].before, Some(normalized(first)));
        assert_eq!(history[1].after, Some(normalized(second.clone())));
        assert_eq!(store.labels().unwrap().len(), 301);
        assert_eq!(store.get("a", 0).unwrap(), Some(normalized(second)));
    });
}

#[test]
fn parking_moves_only_the_very_label() {
    on_both(|stores| {
        let mut store = stores.open("alice").unwrap();
        let stored = label("a", 3);
        store.put("a", 3, Some(&stored), "section").unwrap();
        let mut other = label("a", 3);
        other.hash = "fedcba9876543210".into();
        store.park(&other).unwrap();
        assert_eq!(store.get("a", 3).unwrap(), Some(normalized(stored.clone())));
        store.park(&normalized(stored.clone())).unwrap();
        assert_eq!(store.get("a", 3).unwrap(), None);
        let parked = store.parked().unwrap();
        assert_eq!(parked.len(), 2);
        let last = store.history().unwrap().pop().unwrap();
        assert_eq!(last.action, "orphan");
        assert_eq!(last.after, None);
        assert_eq!(last.before, Some(normalized(stored)));
        drop(store);
        let read = stores.read("alice", With::Labels).unwrap();
        assert_eq!(read.parked().unwrap(), parked);
        assert!(read.is_empty());
    });
}

#[test]
fn gold_keeps_its_provenance_and_names_the_reviewer() {
    on_both(|stores| {
        assert!(!stores.gold_exists().unwrap());
        let mut gold = stores.open_gold("lead").unwrap();
        assert_eq!(gold.annotator(), "gold");
        let mut decided = label("a", 0);
        decided.source = Some("adjudicated".into());
        decided.annotators = vec!["alice".into(), "bob".into()];
        decided.reviewer = Some("lead".into());
        gold.put("a", 0, Some(&decided), "adjudicated").unwrap();
        assert_eq!(gold.history().unwrap()[0].annotator, "lead");
        drop(gold);
        assert!(stores.gold_exists().unwrap());
        assert!(stores.names().unwrap().is_empty(), "gold is no annotator");
        let read = stores.read("gold", With::Labels).unwrap();
        assert_eq!(read.labels().unwrap(), [normalized(decided)]);
    });
}

#[test]
fn a_second_session_of_one_annotator_is_refused_others_are_not() {
    on_both(|stores| {
        let mut held = stores.open("alice").unwrap();
        let err = stores
            .open("alice")
            .err()
            .expect("a second session is refused");
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
        let shown = err.to_string();
        assert!(
            shown.contains("in use by another biaozhu session of \"alice\""),
            "{shown}"
        );
        let mut bob = stores.open("bob").unwrap();
        bob.put("a", 0, Some(&label("a", 0)), "section").unwrap();
        // Readers read while the session holds the store.
        held.put("a", 1, Some(&label("a", 1)), "section").unwrap();
        let read = stores.read("alice", With::History).unwrap();
        assert_eq!(read.labels().unwrap().len(), 1);
        assert_eq!(read.history().unwrap().len(), 1);
        drop(held);
        stores.open("alice").unwrap();
    });
}

#[test]
fn invalid_names_and_docs_are_refused() {
    on_both(|stores| {
        assert!(matches!(
            stores.open("../x"),
            Err(StoreError::InvalidAnnotator { .. })
        ));
        let mut store = stores.open("alice").unwrap();
        let err = store
            .put("b", 0, Some(&label("a", 0)), "section")
            .unwrap_err();
        assert!(matches!(err, StoreError::Mismatch { .. }), "{err}");
        let err = store.put("", 0, None, "section").unwrap_err();
        assert!(matches!(err, StoreError::InvalidDoc { .. }), "{err}");
    });
}

/// What a store holds, read back.
fn contents(store: &dyn LabelStore) -> Contents {
    Contents {
        labels: store.labels().unwrap(),
        parked: store.parked().unwrap(),
        history: store.history().unwrap(),
    }
}

#[test]
fn copying_a_store_between_backends_keeps_everything() {
    let Some(cluster) = pg_common::shared() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sled = Stores::sled(&dir.path().join("from"));
    let mut from = sled.open("alice").unwrap();
    let labels: Vec<Label> = (0..50).map(|p| label("a", p)).collect();
    from.put_many(&labels, "import").unwrap();
    from.put("a", 3, None, "undo").unwrap();
    from.park(&normalized(label("a", 4))).unwrap();
    let original = contents(from.as_ref());
    drop(from);
    let pg = postgres_stores(&cluster.new_database(), &dir.path().join("pg"));
    let mut there = pg.open("alice").unwrap();
    there.copy_in(&original).unwrap();
    assert_eq!(contents(there.as_ref()), original);
    let err = there.copy_in(&original).unwrap_err();
    assert!(matches!(err, StoreError::NotEmpty { .. }), "{err}");
    // And back into sled.
    let back = Stores::sled(&dir.path().join("back"));
    let mut home = back.open("alice").unwrap();
    home.copy_in(&contents(there.as_ref())).unwrap();
    assert_eq!(contents(home.as_ref()), original);
    // Both keep counting from where the history stopped.
    there.put("a", 9, None, "undo").unwrap();
    home.put("a", 9, None, "undo").unwrap();
    assert_eq!(there.history().unwrap().last().unwrap().seq, 52);
    assert_eq!(home.history().unwrap().last().unwrap().seq, 52);
}
