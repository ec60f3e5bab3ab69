//! The gold set's store: its own name, its reviewer in the history.

use super::*;
use crate::store::{store_names, GoldSource, GOLD};

#[test]
fn gold_store_is_not_an_annotator_and_its_history_names_the_reviewer() {
    let dir = tempfile::tempdir().unwrap();
    SledStore::open(dir.path(), "alice").unwrap();
    assert!(!SledStore::gold_exists(dir.path()));
    let mut gold = SledStore::open_gold(dir.path(), "lead").unwrap();
    assert!(SledStore::gold_exists(dir.path()));
    assert_eq!(gold.annotator(), GOLD);
    assert_eq!(gold.path(), dir.path().join("gold.sled"));
    let mut decided = label("002.txt", 3);
    decided.source = Some(GoldSource::Adjudicated.as_str().into());
    decided.annotators = vec!["alice".into(), "bob".into()];
    decided.reviewer = Some("lead".into());
    gold.put("002.txt", 3, Some(&decided), "adjudicate")
        .unwrap();
    drop(gold);

    assert_eq!(store_names(dir.path()).unwrap(), ["alice"]);
    let err = SledStore::open(dir.path(), GOLD).unwrap_err().to_string();
    assert!(err.contains("reserved for the gold set"), "{err}");
    let gold = SledStore::open_gold(dir.path(), "bob").unwrap();
    assert_eq!(gold.labels().unwrap(), [decided.clone()]);
    let history = gold.history().unwrap();
    assert_eq!(history[0].annotator, "lead");
    assert_eq!(history[0].after.as_ref(), Some(&decided));
}

#[test]
fn gold_fields_are_absent_from_annotators_labels() {
    let json = serde_json::to_string(&label("a.txt", 0)).unwrap();
    for field in ["source", "annotators", "reviewer"] {
        assert!(!json.contains(field), "{json}");
    }
}
