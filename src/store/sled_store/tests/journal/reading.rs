//! What readers read from the journal: every change while the store is
//! open, a journal made at open for an older store, a damaged line, a cut.

use super::*;

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
