//! Writing: labels round trip and persist, history entries (grouped for
//! `put_many`) with the labels they replace, all or nothing, durable at once.

use super::*;
use crate::store::sled_store::history::GROUP_PREFIX;

#[test]
fn round_trip_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let a = label("002_3eeec7fd728757b0.txt", 17);
    let mut b = label("dir/报告.txt", 0);
    b.section = None;
    b.note = None;
    b.done = false;
    {
        let mut store = open(dir.path());
        assert_eq!(store.annotator(), "alice");
        assert!(store.is_empty());
        assert_eq!(store.get(&a.doc, a.para).unwrap(), None);
        store.put(&a.doc, a.para, Some(&a), "section").unwrap();
        store.put(&b.doc, b.para, Some(&b), "indicator").unwrap();
        assert_eq!(store.get(&a.doc, a.para).unwrap().as_ref(), Some(&a));
        assert_eq!(store.get(&a.doc, a.para + 1).unwrap(), None);
        assert_eq!(store.labels().unwrap().len(), 2);
    }
    let store = open(dir.path());
    assert_eq!(store.get(&b.doc, b.para).unwrap().as_ref(), Some(&b));
    assert_eq!(store.labels().unwrap(), vec![a, b]);
}

#[test]
fn history_appends_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = label("a.txt", 1);
    first.section = None;
    let second = label("a.txt", 1);
    {
        let mut store = open(dir.path());
        assert_eq!(store.next_seq(), 0);
        store.put("a.txt", 1, Some(&first), "indicator").unwrap();
        store.put("a.txt", 1, Some(&second), "section").unwrap();
    }
    {
        let mut store = open(dir.path());
        assert_eq!(store.next_seq(), 2);
        store
            .put("b.txt", 0, Some(&label("b.txt", 0)), "accept")
            .unwrap();
    }
    let store = open(dir.path());
    let history = store.history().unwrap();
    let seqs: Vec<u64> = history.iter().map(|h| h.seq).collect();
    assert_eq!(seqs, [0, 1, 2]);
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["indicator", "section", "accept"]);
    assert_eq!(history[0].before, None);
    assert_eq!(history[0].after.as_ref(), Some(&first));
    assert_eq!(history[1].before.as_ref(), Some(&first));
    assert_eq!(history[1].after.as_ref(), Some(&second));
    assert!(history.iter().all(|h| h.annotator == "alice"));
    assert!(history.windows(2).all(|w| w[0].at <= w[1].at));
    humantime::parse_rfc3339(&history[2].at).unwrap();
}

#[test]
fn history_orders_numerically_past_255() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let labels: Vec<Label> = (0..300).map(|p| label("a", p)).collect();
    store.put_many(&labels, "import").unwrap();
    drop(store);
    let mut store = open(dir.path());
    assert_eq!(store.next_seq(), 300);
    store.put("a", 0, None, "undo").unwrap();
    let seqs: Vec<u64> = store.history().unwrap().iter().map(|h| h.seq).collect();
    assert_eq!(seqs, (0..301).collect::<Vec<u64>>());
}

#[test]
fn put_many_groups_its_history_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.put("a", 0, Some(&label("a", 0)), "section").unwrap();
    let labels: Vec<Label> = (1..=600).map(|p| label("a", p)).collect();
    store.put_many(&labels, "import").unwrap();
    // One value for the single put, then groups of up to 256 entries keyed
    // by their first seq.
    let keys: Vec<u64> = store
        .history
        .iter()
        .keys()
        .map(|k| keys::decode_history_key(&k.unwrap()).unwrap())
        .collect();
    assert_eq!(keys, [0, 1, 257, 513]);
    let group = store.history.get(keys::history_key(1)).unwrap().unwrap();
    assert!(group.starts_with(GROUP_PREFIX));
    let history = store.history().unwrap();
    assert_eq!(history.len(), 601);
    assert!(history.iter().enumerate().all(|(i, h)| h.seq == i as u64));
    assert_eq!(history[600].after.as_ref(), Some(&labels[599]));
    assert!(history[1..]
        .iter()
        .all(|h| h.action == "import" && h.before.is_none()));
    drop(store);
    let mut store = open(dir.path());
    assert_eq!(store.next_seq(), 601);
    store.put("a", 1, None, "undo").unwrap();
    let last = store.history().unwrap().pop().unwrap();
    assert_eq!((last.seq, last.before.as_ref()), (601, Some(&labels[0])));
}

#[test]
fn put_many_twice_on_one_key_chains_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let first = label("a", 0);
    let mut second = label("a", 0);
    second.note = None;
    store
        .put_many(&[first.clone(), second.clone()], "import")
        .unwrap();
    let history = store.history().unwrap();
    assert_eq!(history[0].before, None);
    assert_eq!(history[1].before.as_ref(), Some(&first));
    assert_eq!(store.get("a", 0).unwrap(), Some(second));
}

#[test]
fn befores_are_found_among_other_labels_dense_or_sparse() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let old: Vec<Label> = (0..1000).step_by(2).map(|p| label("a", p)).collect();
    store.put_many(&old, "section").unwrap();
    let mut newer = |para: u32| {
        let mut l = label("a", para);
        l.note = Some(format!("新{para}"));
        l
    };
    // Dense: every other key of the range labeled.
    let dense: Vec<Label> = (10..20).map(&mut newer).collect();
    store.put_many(&dense, "import").unwrap();
    // Sparse: two keys far apart, hundreds of labels between them.
    let sparse = vec![newer(1), newer(998)];
    store.put_many(&sparse, "import").unwrap();
    // Out of order.
    let unordered = vec![newer(30), newer(21)];
    store.put_many(&unordered, "import").unwrap();
    let history = store.history().unwrap();
    let befores: Vec<(u32, bool)> = history[500..]
        .iter()
        .map(|h| (h.para, h.before.is_some()))
        .collect();
    let mut want: Vec<(u32, bool)> = (10..20).map(|p| (p, p % 2 == 0)).collect();
    want.extend([(1, false), (998, true), (30, true), (21, false)]);
    assert_eq!(befores, want);
    assert!(history[500..]
        .iter()
        .filter_map(|h| h.before.as_ref())
        .all(|b| b == &label("a", b.para)));
}

#[test]
fn delete_goes_back_to_unlabeled() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let a = label("a.txt", 3);
    store.put("a.txt", 3, Some(&a), "section").unwrap();
    store.put("a.txt", 3, None, "undo").unwrap();
    assert_eq!(store.get("a.txt", 3).unwrap(), None);
    assert!(store.labels().unwrap().is_empty());
    let history = store.history().unwrap();
    assert_eq!(history[1].action, "undo");
    assert_eq!(history[1].before.as_ref(), Some(&a));
    assert_eq!(history[1].after, None);
    // Deleting what is not there is recorded too, and harmless.
    store.put("a.txt", 4, None, "undo").unwrap();
    assert_eq!(store.history().unwrap().len(), 3);
    drop(store);
    assert_eq!(open(dir.path()).get("a.txt", 3).unwrap(), None);
}

#[test]
fn indicators_are_normalized() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let mut a = label("a", 0);
    a.indicators = vec!["z".into(), "a".into(), "z".into()];
    store.put("a", 0, Some(&a), "indicator").unwrap();
    assert_eq!(store.get("a", 0).unwrap().unwrap().indicators, ["a", "z"]);
}

#[test]
fn bad_doc_and_mismatch_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let bad = label("a\0b", 0);
    let err = store.put("a\0b", 0, Some(&bad), "section").unwrap_err();
    assert!(matches!(err, StoreError::InvalidDoc { .. }), "{err}");
    assert!(err.to_string().contains("\"a\\0b\""), "{err}");
    assert!(store.get("", 0).is_err());
    let err = store
        .put("b.txt", 1, Some(&label("a.txt", 1)), "section")
        .unwrap_err();
    assert!(matches!(err, StoreError::Mismatch { .. }), "{err}");
    assert!(err.to_string().contains("\"a.txt\" #1"), "{err}");
    assert_eq!(store.next_seq(), 0);
    assert!(store.history().unwrap().is_empty());
}

#[test]
fn put_over_a_bad_value_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.raw_insert(LABELS_TREE, &keys::label_key("a", 1), b"garbage");
    let batch = [label("a", 0), label("a", 1), label("a", 2)];
    let err = store.put_many(&batch, "import").unwrap_err();
    assert!(err.to_string().contains("label \"a\" #1"), "{err}");
    assert_eq!(store.get("a", 0).unwrap(), None);
    assert_eq!(store.get("a", 2).unwrap(), None);
    assert!(store.history().unwrap().is_empty());
    assert_eq!(store.next_seq(), 0);
}

/// `kill -9` right after `put` returns loses nothing: the child puts and
/// aborts (no destructors, no background flush), the parent finds it all.
#[test]
fn put_survives_abort_right_after() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_child("write_history::child_put_then_abort", dir.path());
    assert!(!out.status.success(), "the child should have aborted");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("CHILD: put done"), "{stdout}");
    let store = open(dir.path());
    assert_eq!(store.labels().unwrap().len(), 50);
    assert_eq!(store.get("a.txt", 49).unwrap().unwrap(), label("a.txt", 49));
    assert_eq!(store.get("a.txt", 7).unwrap(), None);
    assert_eq!(store.history().unwrap().len(), 51);
    assert_eq!(store.next_seq(), 51);
}

#[test]
fn child_put_then_abort() {
    let Some(dir) = child_dir("write_history::child_put_then_abort") else {
        return;
    };
    let mut store = open(&dir);
    let mut labels: Vec<Label> = (0..50).map(|p| label("a.txt", p)).collect();
    labels[7].doc = "b.txt".into();
    store.put_many(&labels, "import").unwrap();
    store
        .put("a.txt", 49, Some(&label("a.txt", 49)), "section")
        .unwrap();
    println!("CHILD: put done");
    std::process::abort();
}

#[test]
fn bulk_loading_writes_what_a_transaction_writes() {
    let both = |bulk: bool| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(dir.path());
        store.bulk_load(bulk);
        store.put("a", 0, Some(&label("a", 0)), "section").unwrap();
        let labels: Vec<Label> = (0..300).map(|p| label("a", p)).collect();
        store.put_many(&labels, "import").unwrap();
        store.park_many(&labels[10..20], "import-orphan").unwrap();
        drop(store);
        // What a reopened store holds (the writes were flushed).
        let store = open(dir.path());
        let history: Vec<_> = store
            .history()
            .unwrap()
            .into_iter()
            .map(|h| (h.seq, h.doc, h.para, h.action, h.before, h.after))
            .collect();
        (
            store.labels().unwrap(),
            store.parked().unwrap(),
            history,
            store.next_seq(),
        )
    };
    let (atomic, bulk) = (both(false), both(true));
    assert_eq!(atomic.0.len(), 290);
    assert_eq!(atomic.1.len(), 10);
    assert_eq!(atomic.3, 311);
    assert_eq!(atomic, bulk);
}
