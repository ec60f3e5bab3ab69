//! sled losing labels without noticing: the store not opened (or, opened
//! unverified, its first write refused) and repaired from the journal.

use super::*;

/// sled losing entries without noticing (its files damaged, its marker
/// intact): a session does not open the store, so the loss cannot spread
/// into the journal; check names it and repair brings the labels back.
#[test]
fn a_store_that_silently_lost_labels_is_not_opened_and_is_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    let expected = {
        let mut store = open(dir.path());
        store.put_many(&labels, "import").unwrap();
        let lost = store.labels.first().unwrap().unwrap().0;
        store.labels.remove(lost).unwrap();
        store.db.flush().unwrap();
        replica(dir.path()).labels().unwrap()
    };
    let err = SledStore::open(dir.path(), "alice").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("differ from its journal in the labels: 1 entries missing")
            && msg.contains("run `biaozhu check`, then `biaozhu repair`"),
        "{msg}"
    );
    let checked = crate::store::check::check(dir.path(), "alice");
    assert!(
        matches!(checked.health, crate::store::check::Health::Damaged { .. }),
        "{checked:?}"
    );
    crate::store::check::repair(dir.path(), "alice").unwrap();
    assert_eq!(open(dir.path()).labels().unwrap(), expected);
}

/// The labeling screen's open does not wait for the comparison with the
/// journal: the same damaged store opens, but its first write is refused
/// with the same message, and neither the journal nor sled changes.
#[test]
fn a_store_opened_unverified_refuses_its_first_write_when_sled_lost_labels() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    {
        let mut store = open(dir.path());
        store.put_many(&labels, "import").unwrap();
        let lost = store.labels.first().unwrap().unwrap().0;
        store.labels.remove(lost).unwrap();
        store.db.flush().unwrap();
    }
    let journal_len = || {
        std::fs::metadata(journal::path_of(dir.path(), "alice"))
            .unwrap()
            .len()
    };
    let before = journal_len();
    let mut store = SledStore::open_unverified(dir.path(), "alice").unwrap();
    let in_sled = store.labels().unwrap().len();
    let first = &labels[0];
    let err = store
        .put(&first.doc, first.para, Some(first), "label")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("differ from its journal in the labels: 1 entries missing")
            && err.contains("run `biaozhu check`, then `biaozhu repair`"),
        "{err}"
    );
    // Refused again, not written the second time either.
    assert!(store.put_many(&labels, "import").is_err());
    assert_eq!(store.labels().unwrap().len(), in_sled);
    drop(store);
    assert_eq!(journal_len(), before, "nothing reached the journal");
}

/// A sound store opened unverified writes as usual once the comparison
/// passed, and closing it while the comparison runs releases it.
#[test]
fn a_sound_store_opened_unverified_writes_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    open(dir.path()).put_many(&labels[..2], "import").unwrap();
    drop(SledStore::open_unverified(dir.path(), "alice").unwrap());
    let mut store = SledStore::open_unverified(dir.path(), "alice").unwrap();
    store.put_many(&labels[2..], "import").unwrap();
    drop(store);
    assert_eq!(open(dir.path()).labels().unwrap().len(), labels.len());
}
