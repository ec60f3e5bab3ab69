//! `biaozhu import FILE…` from the command line: round trip with export,
//! idempotence, newest wins, `--annotator`. Attaching and orphans:
//! `import_attach.rs`; bad input: `import_bad_input.rs`.

mod import_common;

use biaozhu::store::{LabelStore, SledStore};
use import_common::*;

#[test]
fn export_import_export_gives_the_same_bytes() {
    let s = setup();
    fill(&s.labels);
    let first = export(&s, &s.labels);
    assert_eq!(first.lines().count(), 4, "{first}");
    let file = s.root.path().join("all.jsonl");
    std::fs::write(&file, &first).unwrap();
    let fresh = s.root.path().join("fresh");
    let run = import(&s, &fresh, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 4 records: 4 new, 0 updated, 0 unchanged"
    );
    assert!(run.stdout.contains("  alice: 3 new"), "{}", run.stdout);
    assert!(run.stdout.contains("  bob: 1 new"), "{}", run.stdout);
    assert_eq!(export(&s, &fresh), first);
    // The stored labels are the originals (no text, every field).
    let ours = SledStore::open(&s.labels, "alice")
        .unwrap()
        .labels()
        .unwrap();
    let theirs = SledStore::open(&fresh, "alice").unwrap().labels().unwrap();
    assert_eq!(ours, theirs);
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let s = setup();
    fill(&s.labels);
    let file = s.root.path().join("all.jsonl");
    std::fs::write(&file, export(&s, &s.labels)).unwrap();
    // Importing into the very store it came from: nothing to do.
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 4 records: 0 new, 0 updated, 4 unchanged"
    );
    let fresh = s.root.path().join("fresh");
    import(&s, &fresh, &[&file]);
    let history = |who| {
        SledStore::open(&fresh, who)
            .unwrap()
            .history()
            .unwrap()
            .len()
    };
    let before = (history("alice"), history("bob"));
    assert_eq!(before, (3, 1));
    let run = import(&s, &fresh, &[&file, &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 2 files, 8 records: 0 new, 0 updated, 8 unchanged"
    );
    assert_eq!((history("alice"), history("bob")), before);
}

#[test]
fn newest_wins_both_ways() {
    let s = setup();
    // Local newer on para 0, local older on para 1.
    put(
        &s.labels,
        "carol",
        &[
            label("报告.txt", 0, P0, "heading", T1),
            label("报告.txt", 1, P1, "achievement", T0),
        ],
    );
    let file = write(
        &s,
        "carol.jsonl",
        &[
            record("carol", "报告.txt", 0, P0, "overview", T0),
            // Newer than the local T0, written with an offset.
            record(
                "carol",
                "报告.txt",
                1,
                P1,
                "indicator_report",
                "2026-11-24T17:30:00+08:00",
            ),
        ],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 2 records: 0 new, 1 updated, 0 unchanged, \
         1 older (the local label is as new or newer: kept)"
    );
    let store = SledStore::open(&s.labels, "carol").unwrap();
    let get = |para| store.get("报告.txt", para).unwrap().unwrap();
    assert_eq!(get(0).section.as_deref(), Some("heading"));
    assert_eq!(get(0).updated_at, T1);
    assert_eq!(get(1).section.as_deref(), Some("indicator_report"));
    assert_eq!(get(1).updated_at, "2026-11-24T17:30:00+08:00");
    assert_eq!(get(1).text, None);
    let last = store.history().unwrap().pop().unwrap();
    assert_eq!(last.action, "import");
    assert_eq!(last.before.unwrap().section.as_deref(), Some("achievement"));
}

#[test]
fn annotator_flag_imports_only_those_records() {
    let s = setup();
    let file = write(&s, "both.jsonl", &[heading("ivy"), heading("jon")]);
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["--annotator", "ivy", "import", file.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "imported 1 file, 1 record: 1 new, 0 updated, 0 unchanged\n\
         note: 1 record of other annotators skipped (--annotator ivy)\n"
    );
    assert!(!SledStore::path_of(&s.labels, "jon").exists());
}
