//! Value versions: stores written by earlier builds (version 1 values:
//! whole labels, `{"v":1,"group":[entry, …]}` history groups; version 2
//! labels stored alone) open and read exactly as before, side by side with
//! packs (version 3).

use super::*;
use crate::store::value;

/// `label` as earlier builds stored it in `labels` (and `orphans`).
fn v1_label(label: &Label) -> Vec<u8> {
    value::encode(label)
}

/// History entries as earlier builds grouped them: `{"v":1,"group":[…]}`.
fn v1_group(entries: &[HistoryEntry]) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Group<'a> {
        group: &'a [HistoryEntry],
    }
    value::encode(&Group { group: entries })
}

fn entry(seq: u64, l: &Label, before: Option<&Label>) -> HistoryEntry {
    HistoryEntry {
        seq,
        at: "2026-11-22T10:00:00.000Z".into(),
        annotator: "alice".into(),
        doc: l.doc.clone(),
        para: l.para,
        action: "import".into(),
        before: before.cloned(),
        after: Some(l.clone()),
    }
}

#[test]
fn a_version_1_store_reads_identically_and_takes_new_writes() {
    let dir = tempfile::tempdir().unwrap();
    let a = label("a.txt", 0);
    let mut b = label("a.txt", 1);
    b.text = Some("　　正文".into());
    b.note = None;
    b.spans.clear();
    let old_history = vec![entry(0, &a, None), entry(1, &b, None)];
    {
        let store = open(dir.path());
        store.raw_insert(LABELS_TREE, &keys::label_key("a.txt", 0), &v1_label(&a));
        store.raw_insert(LABELS_TREE, &keys::label_key("a.txt", 1), &v1_label(&b));
        store.raw_insert(HISTORY_TREE, &keys::history_key(0), &v1_group(&old_history));
    }
    let mut store = open(dir.path());
    assert_eq!(store.next_seq(), 2);
    assert_eq!(store.labels().unwrap(), vec![a.clone(), b.clone()]);
    assert_eq!(store.get("a.txt", 1).unwrap(), Some(b.clone()));
    assert_eq!(
        store.doc_labels("a.txt").unwrap(),
        vec![a.clone(), b.clone()]
    );
    assert_eq!(store.history().unwrap(), old_history);

    // New writes (version 2) over and beside the old values.
    let mut a2 = a.clone();
    a2.section = Some("plan".into());
    let c = label("c.txt", 9);
    store.put_many(&[a2.clone(), c.clone()], "import").unwrap();
    assert!(store
        .labels
        .get(keys::label_key("c.txt", 0))
        .unwrap()
        .unwrap()
        .starts_with(b"{\"v\":3,\"paras\":[9],\"labels\":[{\"v\":2,"));
    // The old values of the range written are now in its pack.
    assert_eq!(store.labels.len(), 2);
    assert_eq!(
        store.labels().unwrap(),
        vec![a2.clone(), b.clone(), c.clone()]
    );
    let history = store.history().unwrap();
    assert_eq!(history.len(), 4);
    assert_eq!(&history[..2], &old_history[..]);
    assert_eq!(history[2].before.as_ref(), Some(&a));
    assert_eq!(history[2].after.as_ref(), Some(&a2));
    assert_eq!((history[3].seq, history[3].after.as_ref()), (3, Some(&c)));

    // Parking a label stored as version 1 takes it out of `labels`.
    store.park(&b).unwrap();
    assert_eq!(store.get("a.txt", 1).unwrap(), None);
    assert_eq!(store.parked().unwrap(), vec![b.clone()]);
    drop(store);
    let store = open(dir.path());
    assert_eq!(store.next_seq(), 5);
    assert_eq!(store.labels().unwrap(), vec![a2, c]);
}

#[test]
fn version_2_values_round_trip_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let mut full = label("dir/报告.txt", 70000);
    full.flags = vec!["review".into()];
    full.text = Some("　　正文𠀀".into());
    full.source = Some("majority".into());
    full.annotators = vec!["alice".into(), "bob".into()];
    full.reviewer = Some("lead".into());
    let mut bare = Label::empty("x", 0, "");
    bare.updated_at = "2026-11-22T10:00:00Z".into();
    store
        .put_many(&[full.clone(), bare.clone()], "import")
        .unwrap();
    store.put("x", 0, None, "undo").unwrap();
    store
        .put(
            "x",
            1,
            Some(&Label {
                para: 1,
                ..bare.clone()
            }),
            "section",
        )
        .unwrap();
    let raw = store.labels.get(keys::label_key("x", 0)).unwrap().unwrap();
    assert_eq!(
        &raw[..],
        br#"{"v":3,"paras":[1],"labels":[{"v":2,"updated_at":"2026-11-22T10:00:00Z"}]}"#
    );
    drop(store);
    let store = open(dir.path());
    assert_eq!(
        store.labels().unwrap(),
        vec![
            full.clone(),
            Label {
                para: 1,
                ..bare.clone()
            }
        ]
    );
    let history = store.history().unwrap();
    assert_eq!(history.len(), 4);
    assert_eq!(history[0].after.as_ref(), Some(&full));
    assert_eq!(history[1].after.as_ref(), Some(&bare));
    assert_eq!(
        (history[2].before.as_ref(), history[2].after.as_ref()),
        (Some(&bare), None)
    );
    assert!(history.iter().all(|h| h.annotator == "alice"));
    assert_eq!(history[0].at, history[1].at);
}

#[test]
fn a_version_2_value_under_a_malformed_key_is_a_bad_value() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.raw_insert(LABELS_TREE, b"\x01\x02", br#"{"v":2,"updated_at":"x"}"#);
    let msg = store.labels().unwrap_err().to_string();
    assert!(msg.contains("malformed label key 0x0102"), "{msg}");
    store.raw_insert(
        LABELS_TREE,
        &keys::label_key("y", 0),
        br#"{"v":2,"hash":1}"#,
    );
    let msg = store.get("y", 0).unwrap_err().to_string();
    assert!(msg.contains("not a valid record"), "{msg}");
}
