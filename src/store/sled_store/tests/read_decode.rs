//! Reading: key order, and stored values that do not decode.

use super::*;
use crate::store::value;

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
    assert_open_is_bad_value(dir.path());
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
        br#"{"v":5,"doc":"future","para":7,"new":[]}"#,
    );
    let err = store.get("future", 7).unwrap_err();
    assert!(
        matches!(err, StoreError::UnsupportedVersion { .. }),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("label \"future\" #7") && msg.contains("version 5"),
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
    let msg = store2
        .view_labels(|_| Ok::<_, StoreError>(()))
        .unwrap_err()
        .to_string();
    assert!(msg.contains("malformed label key 0x0102"), "{msg}");
    store2.raw_insert(HISTORY_TREE, b"short", b"{}");
    let msg = store2.history().unwrap_err().to_string();
    assert!(msg.contains("malformed history key"), "{msg}");
    drop(store2);
    // A malformed last history key stops the open (the next seq is unknown).
    assert_open_is_bad_value(dir2.path());
}
