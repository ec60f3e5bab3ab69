//! The journal beside each store: written with every change, read by
//! readers while the store is open, replayed into sled when sled lost
//! commits, rebuilt when it does not match.

use super::*;
use crate::store::journal::{self, Replica};
use crate::store::testing::copy_dir;
use crate::store::{read_store, With};

fn replica(dir: &Path) -> Replica {
    Replica::read(&journal::path_of(dir, "alice"), true)
        .unwrap()
        .expect("a journal")
}

/// Labels in three documents, some across pack boundaries.
fn some_labels() -> Vec<Label> {
    let mut out = Vec::new();
    for (doc, paras) in [
        ("a.txt", &[0u32, 1, 15, 16, 40][..]),
        ("报告/二.txt", &[3, 4]),
    ] {
        for &p in paras {
            let mut l = label(doc, p);
            l.note = Some(format!("第{p}段，𠀀😀ｶﾞ\t\u{1b}"));
            out.push(l);
        }
    }
    out
}

#[test]
fn readers_see_every_change_while_the_store_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let labels = some_labels();
    store.put_many(&labels[..3], "import").unwrap();
    // Still open: the reader does not wait for it or take its lock.
    let read = read_store(dir.path(), "alice", With::History).unwrap();
    assert_eq!(read.labels().unwrap(), store.labels().unwrap());
    for l in &labels[3..] {
        store.put(&l.doc, l.para, Some(l), "label").unwrap();
    }
    store.put("a.txt", 1, None, "undo").unwrap();
    store.park(&labels[0]).unwrap();
    let read = read_store(dir.path(), "alice", With::History).unwrap();
    assert_eq!(read.labels().unwrap(), store.labels().unwrap());
    assert_eq!(read.parked().unwrap(), store.parked().unwrap());
    assert_eq!(read.history().unwrap(), store.history().unwrap());
    assert_eq!(store.labels().unwrap().len(), labels.len() - 2);
    // Without history: the same labels, no history kept.
    let light = read_store(dir.path(), "alice", With::Labels).unwrap();
    assert_eq!(light.labels().unwrap(), store.labels().unwrap());
    assert!(light.history().unwrap().is_empty());
    let mut views = 0;
    light
        .view_labels(|_| {
            views += 1;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    assert_eq!(views, labels.len() - 2);
}

#[test]
fn a_store_written_before_journals_gets_one_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    {
        let mut store = open(dir.path());
        store.put_many(&labels, "import").unwrap();
    }
    let path = journal::path_of(dir.path(), "alice");
    std::fs::remove_file(&path).unwrap();
    // A reader finds no journal: it opens the store once, which writes it.
    let read = read_store(dir.path(), "alice", With::History).unwrap();
    let store = open(dir.path());
    assert_eq!(read.labels().unwrap(), store.labels().unwrap());
    assert_eq!(read.history().unwrap(), store.history().unwrap());
}

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

#[test]
fn a_damaged_line_in_the_middle_is_reported_to_readers() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    {
        let mut store = open(dir.path());
        for l in &labels {
            store.put(&l.doc, l.para, Some(l), "label").unwrap();
        }
    }
    let path = journal::path_of(dir.path(), "alice");
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();
    let err = read_store(dir.path(), "alice", With::Labels)
        .map(|r| r.labels().unwrap().len())
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Journal { .. }), "{msg}");
    assert!(msg.contains("alice.journal\" line "), "{msg}");
}

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

/// A journal cut at any byte (a crash in the middle of an append) reads
/// as the store after one of its commits, and never as less than every
/// commit wholly before the cut.
#[test]
fn a_journal_cut_anywhere_reads_as_a_whole_commit() {
    let dir = tempfile::tempdir().unwrap();
    let labels = some_labels();
    let mut states = Vec::new();
    let mut ends = Vec::new();
    let path = journal::path_of(dir.path(), "alice");
    {
        let mut store = open(dir.path());
        states.push(store.labels().unwrap());
        ends.push(std::fs::metadata(&path).unwrap().len());
        for l in &labels {
            store.put(&l.doc, l.para, Some(l), "label").unwrap();
            states.push(store.labels().unwrap());
            ends.push(std::fs::metadata(&path).unwrap().len());
        }
    }
    let bytes = std::fs::read(&path).unwrap();
    let cut_path = dir.path().join("cut.journal");
    // Every 13th byte, and each commit's last bytes and first.
    let near_ends = ends
        .iter()
        .flat_map(|&e| e.saturating_sub(3) as usize..=e as usize + 1);
    let mut cuts: Vec<usize> = (ends[0] as usize..=bytes.len())
        .step_by(13)
        .chain(near_ends)
        .collect();
    cuts.retain(|&c| c >= ends[0] as usize && c <= bytes.len());
    for cut in cuts {
        std::fs::write(&cut_path, &bytes[..cut]).unwrap();
        let read = Replica::read(&cut_path, false).unwrap().unwrap();
        let whole = ends.iter().filter(|&&e| e as usize <= cut).count();
        assert_eq!(read.labels().unwrap(), states[whole - 1], "cut at {cut}");
    }
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
