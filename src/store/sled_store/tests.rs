use super::*;
use crate::store::{store_names, Span};
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
        duration_ms: 5200,
        text: None,
    }
}

fn open(dir: &Path) -> SledStore {
    SledStore::open(dir, "alice").unwrap()
}

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
        assert_eq!(store.len(), 2);
    }
    let store = open(dir.path());
    assert_eq!(store.get(&b.doc, b.para).unwrap().as_ref(), Some(&b));
    assert_eq!(store.labels().unwrap(), vec![a, b]);
}

#[test]
fn labels_ordered_by_doc_then_para() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let mut items = vec![
        ("a.txt.bak", 0),
        ("a.txt", 300),
        ("a.txt", 2),
        ("a.txt", 256),
        ("dir/a", 1),
        ("dir-a", 5),
        ("dir", 9),
        ("b", 70000),
        ("b", 1),
        ("报告.txt", 0),
    ];
    for (doc, para) in &items {
        store
            .put(doc, *para, Some(&label(doc, *para)), "section")
            .unwrap();
    }
    items.sort();
    let got: Vec<(String, u32)> = store
        .labels()
        .unwrap()
        .into_iter()
        .map(|l| (l.doc, l.para))
        .collect();
    let want: Vec<(String, u32)> = items.iter().map(|(d, p)| (d.to_string(), *p)).collect();
    assert_eq!(got, want);

    let paras = |doc| -> Vec<u32> {
        store
            .doc_labels(doc)
            .unwrap()
            .iter()
            .map(|l| l.para)
            .collect()
    };
    assert_eq!(paras("a.txt"), [2, 256, 300]);
    assert_eq!(paras("a.txt.bak"), [0]);
    assert_eq!(paras("dir"), [9]);
    assert_eq!(paras("missing"), Vec::<u32>::new());
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
fn a_group_with_wrong_seqs_is_a_bad_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store
        .put_many(&[label("a", 0), label("a", 1)], "import")
        .unwrap();
    let group = store.history.get(keys::history_key(0)).unwrap().unwrap();
    store.raw_insert(HISTORY_TREE, &keys::history_key(5), &group);
    let msg = store.history().unwrap_err().to_string();
    assert!(
        msg.contains("history #5") && msg.contains("the value is history entries #0…#1"),
        "{msg}"
    );
    store.raw_insert(
        HISTORY_TREE,
        &keys::history_key(5),
        b"{\"v\":1,\"group\":[]}",
    );
    let msg = store.history().unwrap_err().to_string();
    assert!(msg.contains("an empty group"), "{msg}");
    drop(store);
    let err = SledStore::open(dir.path(), "alice").unwrap_err();
    assert!(matches!(err, StoreError::BadValue { .. }), "{err}");
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
fn bad_values_are_errors_naming_store_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("alice.sled");
    let store = open(dir.path());
    let cases: &[(&str, &[u8], &str)] = &[
        ("bad json", b"{\"v\":1,", "not JSON"),
        ("no version", br#"{"doc":"no version","para":0}"#, "\"v\""),
        (
            "wrong shape",
            br#"{"v":1,"doc":"wrong shape","para":"x"}"#,
            "not a valid record",
        ),
        (
            "moved",
            &value::encode(&label("elsewhere", 0)),
            "\"elsewhere\" #0",
        ),
    ];
    for (doc, bytes, why) in cases {
        store.raw_insert(LABELS_TREE, &keys::label_key(doc, 0), bytes);
        let err = store.get(doc, 0).unwrap_err();
        assert!(matches!(err, StoreError::BadValue { .. }), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("\"{}\"", store_path.display())),
            "{msg}"
        );
        assert!(msg.contains(&format!("label \"{doc}\" #0")), "{msg}");
        assert!(msg.contains(why), "{msg}");
    }
    store.raw_insert(
        LABELS_TREE,
        &keys::label_key("future", 7),
        br#"{"v":2,"doc":"future","para":7,"new":[]}"#,
    );
    let err = store.get("future", 7).unwrap_err();
    assert!(
        matches!(err, StoreError::UnsupportedVersion { .. }),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("label \"future\" #7") && msg.contains("version 2"),
        "{msg}"
    );
    // A whole-store read stops at the first bad entry with an error.
    assert!(store.labels().is_err());

    // Malformed keys, in both trees.
    let dir2 = tempfile::tempdir().unwrap();
    let store2 = open(dir2.path());
    store2.raw_insert(LABELS_TREE, b"\x01\x02", &value::encode(&label("x", 0)));
    let msg = store2.labels().unwrap_err().to_string();
    assert!(msg.contains("malformed label key 0x0102"), "{msg}");
    store2.raw_insert(HISTORY_TREE, b"short", b"{}");
    let msg = store2.history().unwrap_err().to_string();
    assert!(msg.contains("malformed history key"), "{msg}");
    drop(store2);
    // A malformed last history key stops the open (the next seq is unknown).
    let err = SledStore::open(dir2.path(), "alice").unwrap_err();
    assert!(matches!(err, StoreError::BadValue { .. }), "{err}");
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

#[test]
fn park_moves_a_stored_label_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let a = label("a.txt", 1);
    store.put("a.txt", 1, Some(&a), "section").unwrap();
    store.park(&a).unwrap();
    assert_eq!(store.get("a.txt", 1).unwrap(), None);
    assert_eq!(store.parked().unwrap(), vec![a.clone()]);
    let last = store.history().unwrap().pop().unwrap();
    assert_eq!((last.seq, last.action.as_str()), (1, "orphan"));
    assert_eq!((last.before.as_ref(), last.after), (Some(&a), None));
    // A different label now at that key is not the one parked: it stays.
    let mut b = label("a.txt", 1);
    b.hash = "fedcba9876543210".into();
    store.put("a.txt", 1, Some(&b), "section").unwrap();
    store.park(&a).unwrap();
    assert_eq!(store.get("a.txt", 1).unwrap(), Some(b));
    assert_eq!(store.parked().unwrap(), vec![a]);
}

#[test]
fn park_many_parks_labels_never_stored_with_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let kept = label("b.txt", 0);
    store.put("b.txt", 0, Some(&kept), "section").unwrap();
    let mut x = label("a.txt", 3);
    x.text = Some("　　已删除的段落：𠀀，“引号”。".into());
    x.indicators = vec!["z".into(), "a".into(), "a".into()];
    let mut y = label("b.txt", 0);
    y.hash = "1111111111111111".into();
    store
        .park_many(&[x.clone(), y.clone()], "import-orphan")
        .unwrap();
    // Nothing was in `labels` under those labels: nothing removed there.
    assert_eq!(store.labels().unwrap(), vec![kept]);
    x.normalize();
    assert_eq!(store.parked().unwrap(), vec![x.clone(), y.clone()]);
    let history = store.history().unwrap();
    assert_eq!(history.len(), 3);
    assert!(history[1..].iter().all(|h| h.action == "import-orphan"));
    assert_eq!(history[1].before.as_ref(), Some(&x));
    assert_eq!(history[2].after, None);
    assert_eq!(store.next_seq(), 3);
    // The same (doc, para, hash) parked again replaces the parked copy.
    x.note = Some("newer".into());
    store
        .park_many(std::slice::from_ref(&x), "import-orphan")
        .unwrap();
    store.park_many(&[], "import-orphan").unwrap();
    assert_eq!(store.next_seq(), 4);
    drop(store);
    let store = open(dir.path());
    let parked = store.parked().unwrap();
    assert_eq!(parked, vec![x.clone(), y]);
    assert_eq!(
        parked[0].text.as_deref(),
        Some("　　已删除的段落：𠀀，“引号”。")
    );
}

#[test]
fn park_many_with_a_bad_doc_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let err = store
        .park_many(&[label("a", 0), label("b\0c", 0)], "import-orphan")
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidDoc { .. }), "{err}");
    assert!(store.parked().unwrap().is_empty());
    assert!(store.history().unwrap().is_empty());
}

#[test]
fn annotator_and_dir_checks() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["", "../evil", ".alice", "a/b", "张三"] {
        let err = SledStore::open(dir.path(), bad).unwrap_err();
        assert!(matches!(err, StoreError::InvalidAnnotator { .. }), "{err}");
        assert!(err.to_string().contains(&format!("\"{bad}\"")), "{err}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let nested = dir.path().join("not/yet/labels");
    let store = SledStore::open(&nested, "bob").unwrap();
    assert_eq!(store.path(), nested.join("bob.sled"));
    assert!(nested.join("bob.sled").is_dir());
    assert_eq!(store_names(&nested).unwrap(), ["bob"]);

    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let err = SledStore::open(&file, "bob").unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("\"{}\"", file.display())),
        "{err}"
    );
}

/// sled's flock is per open file description, so a second open in the
/// same process is refused as well.
#[test]
fn second_open_in_process_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels");
    let first = SledStore::open(&labels, "alice").unwrap();
    let err = SledStore::open(&labels, "alice").unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "\"{}\" is in use by another biaozhu session (annotator \"alice\"); close it first",
            labels.join("alice.sled").display()
        )
    );
    // Other annotators are not blocked.
    SledStore::open(&labels, "bob").unwrap();
    // Dropping the store releases the lock at once.
    drop(first);
    for _ in 0..5 {
        let store = SledStore::open(&labels, "alice").unwrap();
        drop(store);
    }
}

// ---- Tests that need a second process: the test binary re-runs itself
// with CHILD_ENV set, running only one of the `child_*` tests below, which do
// nothing in a normal run.

const CHILD_ENV: &str = "BIAOZHU_STORE_TEST_CHILD";
const DIR_ENV: &str = "BIAOZHU_STORE_TEST_DIR";

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

fn child_dir(test: &str) -> Option<PathBuf> {
    (std::env::var(CHILD_ENV).ok()? == test).then(|| std::env::var_os(DIR_ENV).unwrap().into())
}

#[test]
fn second_session_in_another_process_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let _held = SledStore::open(dir.path(), "alice").unwrap();
    let out = run_child("child_open_alice", dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("CHILD: Locked: \"")
            && stdout.contains("alice.sled\" is in use by another biaozhu session"),
        "{stdout}"
    );
}

#[test]
fn child_open_alice() {
    let Some(dir) = child_dir("child_open_alice") else {
        return;
    };
    let err = SledStore::open(&dir, "alice").unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    println!("CHILD: Locked: {err}");
    // Another annotator's store opens fine beside it.
    SledStore::open(&dir, "bob").unwrap();
}

/// `kill -9` right after `put` returns loses nothing: the child puts and
/// aborts (no destructors, no background flush), the parent finds it all.
#[test]
fn put_survives_abort_right_after() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_child("child_put_then_abort", dir.path());
    assert!(!out.status.success(), "the child should have aborted");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("CHILD: put done"), "{stdout}");
    let store = open(dir.path());
    assert_eq!(store.len(), 50);
    assert_eq!(store.get("a.txt", 49).unwrap().unwrap(), label("a.txt", 49));
    assert_eq!(store.get("a.txt", 7).unwrap(), None);
    assert_eq!(store.history().unwrap().len(), 51);
    assert_eq!(store.next_seq(), 51);
}

#[test]
fn child_put_then_abort() {
    let Some(dir) = child_dir("child_put_then_abort") else {
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
