//! The journal replayed into sled when sled lost commits or the whole
//! store; a torn tail cut off; a journal that does not match rewritten.

use super::*;

#[test]
fn commits_sled_lost_are_replayed_from_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let backup = tempfile::tempdir().unwrap();
    let labels = some_labels();
    {
        let mut store = open(dir.path());
        store.put_many(&labels[..2], "import").unwrap();
    }
    // sled as it was after the first commit…
    copy_dir(&dir.path().join("alice.sled"), backup.path());
    let expected = {
        let mut store = open(dir.path());
        for l in &labels[2..] {
            store.put(&l.doc, l.para, Some(l), "label").unwrap();
        }
        (store.labels().unwrap(), store.history().unwrap())
    };
    // …comes back, as if a power cut had lost sled's later writes.
    std::fs::remove_dir_all(dir.path().join("alice.sled")).unwrap();
    copy_dir(backup.path(), &dir.path().join("alice.sled"));
    let mut store = open(dir.path());
    assert_eq!(
        (store.labels().unwrap(), store.history().unwrap()),
        expected
    );
    // And it goes on from there: the next change is numbered after them.
    store.put("a.txt", 0, None, "undo").unwrap();
    assert_eq!(store.history().unwrap().len(), expected.1.len() + 1);
    assert_eq!(
        replica(dir.path()).labels().unwrap(),
        store.labels().unwrap()
    );
}

#[test]
fn a_lost_store_is_brought_back_from_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    let expected = {
        let mut store = open(dir.path());
        store.put_many(&labels, "import").unwrap();
        store.park(&labels[1]).unwrap();
        (
            store.labels().unwrap(),
            store.parked().unwrap(),
            store.history().unwrap(),
        )
    };
    std::fs::remove_dir_all(dir.path().join("alice.sled")).unwrap();
    let store = open(dir.path());
    assert_eq!(
        (
            store.labels().unwrap(),
            store.parked().unwrap(),
            store.history().unwrap()
        ),
        expected
    );
}

/// A store killed between writing a new store's journal and marking sled
/// (kill_campaign found it): sled is empty and unmarked, the journal has
/// no commit. Opening it marks sled, and it is written to as any store.
#[test]
fn a_store_lost_before_its_first_commit_opens_marked() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    std::fs::remove_dir_all(dir.path().join("alice.sled")).unwrap();
    let labels = some_labels();
    {
        let mut store = open(dir.path());
        store.put_many(&labels, "import").unwrap();
    }
    let store = open(dir.path());
    assert_eq!(store.labels().unwrap().len(), labels.len());
    assert_eq!(
        replica(dir.path()).labels().unwrap(),
        store.labels().unwrap()
    );
}

#[test]
fn a_torn_tail_is_not_applied_and_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    {
        let mut store = open(dir.path());
        store.put_many(&labels[..2], "import").unwrap();
    }
    let path = journal::path_of(dir.path(), "alice");
    let good = std::fs::metadata(&path).unwrap().len();
    // Half a commit: writes with no commit line, the last one cut short.
    let mut tail = Vec::new();
    let key = keys::label_key("a.txt", 0);
    journal::line::write(&mut tail, 99, journal::Tree::Labels, &key, None);
    tail.extend_from_slice(b"{\"c\":99,\"t\":\"l\"");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(&tail);
    std::fs::write(&path, &bytes).unwrap();
    // Readers ignore it…
    assert_eq!(replica(dir.path()).labels().unwrap().len(), 2);
    // …and the next open cuts it off and goes on.
    let mut store = open(dir.path());
    assert_eq!(std::fs::metadata(&path).unwrap().len(), good);
    store.put("a.txt", 40, Some(&labels[4]), "label").unwrap();
    assert_eq!(replica(dir.path()).labels().unwrap().len(), 3);
}

#[test]
fn a_journal_that_does_not_match_is_moved_aside_and_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    {
        let mut store = open(dir.path());
        store.put_many(&labels, "import").unwrap();
    }
    let path = journal::path_of(dir.path(), "alice");
    // Another store's journal put in its place.
    let other = tempfile::tempdir().unwrap();
    {
        let mut store = open(other.path());
        store.put_many(&labels[..1], "import").unwrap();
    }
    std::fs::copy(journal::path_of(other.path(), "alice"), &path).unwrap();
    let store = open(dir.path());
    assert_eq!(
        replica(dir.path()).labels().unwrap(),
        store.labels().unwrap()
    );
    assert_eq!(store.labels().unwrap().len(), labels.len());
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy()
                .starts_with("alice.journal.replaced-")
        })
        .count();
    assert_eq!(aside, 1);
}
