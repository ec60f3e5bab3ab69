//! Opening: annotator and dir checks, the lock within and across processes.

use super::*;
use crate::store::store_names;

#[test]
fn annotator_and_dir_checks() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["", "../evil", ".alice", "a/b", "张三"] {
        let err = SledStore::open(dir.path(), bad).unwrap_err();
        assert!(matches!(err, StoreError::InvalidAnnotator { .. }), "{err}");
        assert!(err.to_string().contains(&format!("\"{bad}\"")), "{err}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let nested = dir.path().join("not/yet/labels");
    let store = SledStore::open(&nested, "bob").unwrap();
    assert_eq!(store.path(), nested.join("bob.sled"));
    assert!(nested.join("bob.sled").is_dir());
    assert_eq!(store_names(&nested).unwrap(), ["bob"]);

    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let err = SledStore::open(&file, "bob").unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("\"{}\"", file.display())),
        "{err}"
    );
}

/// sled's flock is per open file description, so a second open in the
/// same process is refused as well.
#[test]
fn second_open_in_process_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels");
    let first = SledStore::open(&labels, "alice").unwrap();
    let err = SledStore::open(&labels, "alice").unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    // Who holds it, since when, and what to do instead.
    let msg = err.to_string();
    for part in [
        &format!(
            "\"{}\" is in use by another biaozhu session of \"alice\": pid {} (`",
            labels.join("alice.sled").display(),
            std::process::id()
        )[..],
        " UTC (0s ago); reading commands (export, agree, stats, review --queue, corpus) work meanwhile",
        "quit that session (q) and try again",
    ] {
        assert!(msg.contains(part), "{part:?} not in {msg}");
    }
    // Other annotators are not blocked.
    SledStore::open(&labels, "bob").unwrap();
    // Dropping the store releases the lock at once.
    drop(first);
    for _ in 0..5 {
        let store = SledStore::open(&labels, "alice").unwrap();
        drop(store);
    }
}

#[test]
fn second_session_in_another_process_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let _held = SledStore::open(dir.path(), "alice").unwrap();
    let out = run_child("open_lock::child_open_alice", dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("CHILD: Locked: \"")
            && stdout.contains("alice.sled\" is in use by another biaozhu session"),
        "{stdout}"
    );
}

#[test]
fn child_open_alice() {
    let Some(dir) = child_dir("open_lock::child_open_alice") else {
        return;
    };
    let err = SledStore::open(&dir, "alice").unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    println!("CHILD: Locked: {err}");
    // Another annotator's store opens fine beside it.
    SledStore::open(&dir, "bob").unwrap();
}
