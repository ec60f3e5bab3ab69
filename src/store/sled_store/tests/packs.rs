//! Packs (value version 3): labels stored alone by earlier builds are
//! packed when the store opens, a range at a time, losing nothing; bad
//! packs are errors naming the label or range.

use super::*;
use crate::store::body::BodyRef;
use crate::store::pack::SIZE;
use crate::store::value;

/// Labels on both sides of pack boundaries, in two documents (one with a
/// Chinese name), with awkward text.
fn labels() -> Vec<Label> {
    let mut out = Vec::new();
    for (doc, paras) in [
        ("a.txt", vec![0, 1, SIZE - 1, SIZE, 3 * SIZE + 5]),
        ("dir/报告.txt", vec![2, 70_000]),
    ] {
        for para in paras {
            let mut l = label(doc, para);
            l.note = Some(format!("第{para}段：“引号”\"、{{[}}]、𠀀😀ｶﾞ\t\u{1b}"));
            out.push(l);
        }
    }
    out
}

/// A store as an earlier build left it: `labels` stored alone (version 1
/// and 2 values; the one at `bad`, if any, not JSON), the format marker
/// `marker`, and history.
fn earlier_store(
    dir: &Path,
    labels: &[Label],
    marker: &[u8],
    bad: Option<usize>,
) -> Vec<HistoryEntry> {
    let mut store = open(dir);
    store.put_many(labels, "import").unwrap();
    let history = store.history().unwrap();
    for (key, _) in store.raw_entries(LABELS_TREE) {
        store.labels.remove(key).unwrap();
    }
    for (i, l) in labels.iter().enumerate() {
        let bytes = match i {
            _ if Some(i) == bad => b"{\"v\":1,".to_vec(),
            _ if i % 2 == 0 => value::encode(l),
            _ => value::encode_v2(&BodyRef::new(l)),
        };
        store.raw_insert(LABELS_TREE, &keys::label_key(&l.doc, l.para), &bytes);
    }
    store.raw_insert(DEFAULT_TREE, b"format", marker);
    history
}

/// Whether every value in `labels` is a pack.
fn all_packed(store: &SledStore) -> bool {
    store
        .raw_entries(LABELS_TREE)
        .iter()
        .all(|(_, v)| v.starts_with(b"{\"v\":3,\"paras\":["))
}

#[test]
fn a_new_store_is_marked_packed() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let marker = store.db.get("format").unwrap().unwrap();
    assert_eq!(&marker[..], br#"{"v":4}"#);
}

#[test]
fn an_earlier_builds_store_is_packed_at_open_and_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let labels = labels();
    let history = earlier_store(dir.path(), &labels, br#"{"v":1}"#, None);
    let store = open(dir.path());
    assert!(all_packed(&store));
    // Ranges: a.txt 0… (3 labels), a.txt SIZE… , a.txt 3·SIZE…, and the
    // two of dir/报告.txt.
    assert_eq!(store.raw_entries(LABELS_TREE).len(), 5);
    let marker = store.db.get("format").unwrap().unwrap();
    assert_eq!(&marker[..], br#"{"v":4}"#);
    assert_eq!(store.labels().unwrap(), labels);
    for l in &labels {
        assert_eq!(store.get(&l.doc, l.para).unwrap().as_ref(), Some(l));
    }
    assert_eq!(store.doc_labels("dir/报告.txt").unwrap(), labels[5..]);
    // Packing is not a label change: the history is as it was.
    assert_eq!(store.history().unwrap(), history);
    assert_eq!(store.next_seq(), history.len() as u64);
}

#[test]
fn a_store_packed_part_way_is_finished_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let labels = labels();
    // As a crash part-way through packing leaves it: the first range
    // packed, the others' labels still alone, the marker saying so.
    let history = earlier_store(dir.path(), &labels[3..], br#"{"v":3,"packing":true}"#, None);
    {
        let store = open(dir.path());
        let values: Vec<Vec<u8>> = labels[..3]
            .iter()
            .map(|l| value::encode_v2(&BodyRef::new(l)))
            .collect();
        let pack = crate::store::pack::encode(
            labels[..3]
                .iter()
                .zip(&values)
                .map(|(l, v)| (l.para, v.as_slice())),
        );
        store.raw_insert(LABELS_TREE, &keys::label_key("a.txt", 0), &pack);
        store.raw_insert(DEFAULT_TREE, b"format", br#"{"v":3,"packing":true}"#);
    }
    let store = open(dir.path());
    assert!(all_packed(&store));
    assert_eq!(store.labels().unwrap(), labels);
    assert_eq!(store.history().unwrap(), history);
    assert_eq!(&store.db.get("format").unwrap().unwrap()[..], br#"{"v":4}"#);
}

#[test]
fn a_label_in_a_pack_and_alone_is_an_error_when_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let a = label("a.txt", 3);
    store.put("a.txt", 3, Some(&a), "section").unwrap();
    store.raw_insert(
        LABELS_TREE,
        &keys::label_key("a.txt", 3),
        &value::encode(&a),
    );
    let msg = store
        .put("a.txt", 4, Some(&label("a.txt", 4)), "section")
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("paragraph 3 has a label in a pack and one alone"),
        "{msg}"
    );
}

#[test]
fn a_range_with_a_bad_label_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let labels = labels();
    // The bad value is a.txt #1, in the first range (a.txt #0, #1, #SIZE-1).
    earlier_store(dir.path(), &labels, br#"{"v":1}"#, Some(1));
    let store = open(dir.path());
    let raw = store.raw_entries(LABELS_TREE);
    let alone = raw
        .iter()
        .filter(|(_, v)| !v.starts_with(b"{\"v\":3,"))
        .count();
    assert_eq!((alone, raw.len()), (3, 3 + 4));
    assert_eq!(store.get("a.txt", 0).unwrap().as_ref(), Some(&labels[0]));
    let last = &labels[6];
    assert_eq!(
        store.get(&last.doc, last.para).unwrap().as_ref(),
        Some(last)
    );
    let msg = store.get("a.txt", 1).unwrap_err().to_string();
    assert!(
        msg.contains("label \"a.txt\" #1") && msg.contains("not JSON"),
        "{msg}"
    );
    assert!(store.labels().is_err());
    // Writing into that range reports the bad value and writes nothing.
    let mut store = store;
    let msg = store
        .put("a.txt", 0, None, "section")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("label \"a.txt\" #1"), "{msg}");
    assert_eq!(store.get("a.txt", 0).unwrap().as_ref(), Some(&labels[0]));
}

#[test]
fn bad_packs_are_errors_naming_the_label_or_range() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let good = value::encode_v2(&BodyRef::new(&label("a.txt", 1)));
    let good = String::from_utf8(good).unwrap();
    let cases: &[(u32, String, &str, &str)] = &[
        (
            0,
            format!(r#"{{"v":3,"paras":[1,2],"labels":[{good},{{"v":2,"hash":1}}]}}"#),
            "label \"a.txt\" #2",
            "not a valid record",
        ),
        (
            0,
            format!(r#"{{"v":3,"paras":[{SIZE}],"labels":[{good}]}}"#),
            &format!("labels \"a.txt\" #0…#{}", SIZE - 1),
            "not in this pack's range",
        ),
        (
            1,
            format!(r#"{{"v":3,"paras":[1],"labels":[{good}]}}"#),
            "label \"a.txt\" #1",
            "does not start a range",
        ),
    ];
    for (at, bytes, names, why) in cases {
        let key = keys::label_key("a.txt", *at);
        store.raw_insert(LABELS_TREE, &key, bytes.as_bytes());
        let msg = store.labels().unwrap_err().to_string();
        assert!(msg.contains(names) && msg.contains(why), "{msg}");
        let mut views = 0;
        let msg = store
            .view_labels(|_| {
                views += 1;
                Ok::<_, StoreError>(())
            })
            .unwrap_err()
            .to_string();
        assert!(msg.contains(names) && msg.contains(why), "{msg}");
        store.labels.remove(key).unwrap();
    }
}

/// Many labels over many ranges, stored alone as an earlier build did.
fn many() -> Vec<Label> {
    (0..40 * SIZE)
        .filter(|p| p % 3 != 1)
        .map(|p| label("大文件.txt", p))
        .collect()
}

/// A process killed part-way through packing loses nothing: the child
/// aborts (no flush, no destructors) before packing the 20th of 40
/// ranges; the parent finds the store marked as being packed, and
/// reopening finishes the packing with every label as it was.
#[test]
fn packing_killed_part_way_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let labels = many();
    let history = earlier_store(dir.path(), &labels, br#"{"v":1}"#, None);
    let out = run_child("packs::child_pack_then_abort", dir.path());
    assert!(!out.status.success(), "the child should have aborted");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("CHILD: opening"), "{stdout}");
    {
        let raw = sled::open(dir.path().join("alice.sled")).unwrap();
        let marker = raw.get("format").unwrap().unwrap();
        assert_eq!(&marker[..], br#"{"v":4,"packing":true}"#);
    }
    let store = open(dir.path());
    assert!(all_packed(&store));
    assert_eq!(store.raw_entries(LABELS_TREE).len(), 40);
    assert_eq!(store.labels().unwrap(), labels);
    assert_eq!(store.history().unwrap(), history);
    assert_eq!(&store.db.get("format").unwrap().unwrap()[..], br#"{"v":4}"#);
}

#[test]
fn child_pack_then_abort() {
    let Some(dir) = child_dir("packs::child_pack_then_abort") else {
        return;
    };
    super::super::packing::ABORT_PACKING_AFTER.store(19, std::sync::atomic::Ordering::Relaxed);
    println!("CHILD: opening");
    open(&dir);
    println!("CHILD: packing was not interrupted");
}
