//! Parking labels whose text left the corpus.

use super::*;

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
