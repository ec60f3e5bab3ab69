//! Writes that fail, in sled or in the journal: the change refused, the
//! journal commit taken back, the store recovered.

use super::*;

#[test]
fn a_failed_sled_write_takes_the_journal_commit_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let labels = some_labels();
    store.put_many(&labels[..1], "import").unwrap();
    let path = journal::path_of(dir.path(), "alice");
    let len = std::fs::metadata(&path).unwrap().len();
    let journal = store.journal.as_mut().unwrap();
    let appended = journal
        .append([(journal::Tree::Labels, &b"x\0\0\0\0\0"[..], None)])
        .unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > len);
    journal.take_back(appended).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().len(), len);
    store.put("a.txt", 1, Some(&labels[1]), "label").unwrap();
    assert_eq!(
        replica(dir.path()).labels().unwrap(),
        store.labels().unwrap()
    );
}

/// Where a small file system cannot be mounted (tests/full_disk.rs): a
/// journal that cannot be written (`/dev/full`) refuses the change and
/// writes nothing to sled; a store whose sled write failed is opened again
/// before the next write, and goes on with nothing lost.
#[test]
fn injected_write_errors_refuse_the_change_and_the_store_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    let mut store = open(dir.path());
    store.put_many(&labels[..2], "import").unwrap();
    let good = store.journal.take().unwrap();
    let len = good.len();
    store.journal = Some(journal::JournalFile::open(Path::new("/dev/full"), 0, 99).unwrap());
    let err = store
        .put("a.txt", 40, Some(&labels[4]), "label")
        .unwrap_err();
    assert!(err.to_string().contains("writing the journal"), "{err}");
    assert_eq!(store.labels().unwrap().len(), 2, "nothing written to sled");
    store.journal = Some(good);
    // As after a failed sled write: reopened before the next one.
    store.failed = true;
    store.put("a.txt", 40, Some(&labels[4]), "label").unwrap();
    assert!(!store.failed);
    assert_eq!(store.labels().unwrap().len(), 3);
    assert!(
        std::fs::metadata(journal::path_of(dir.path(), "alice"))
            .unwrap()
            .len()
            > len
    );
    drop(store);
    assert_eq!(open(dir.path()).labels().unwrap().len(), 3);
    assert_eq!(replica(dir.path()).labels().unwrap().len(), 3);
}
