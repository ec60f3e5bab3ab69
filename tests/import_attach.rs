//! `biaozhu import`: records attach to the corpus by their text — moved
//! paragraphs found by hash, records whose text is gone kept (parked) with
//! it, stored labels brought in line with the corpus first, a missing hash
//! computed from the text.

mod import_common;

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{LabelStore, SledStore};
use import_common::*;

#[test]
fn a_moved_paragraph_takes_its_label_along() {
    let s = setup();
    fill(&s.labels);
    let file = s.root.path().join("all.jsonl");
    std::fs::write(&file, export(&s, &s.labels)).unwrap();
    // A line inserted at the top: every paragraph of 报告.txt moves down one.
    std::fs::write(s.corpus.join("报告.txt"), format!("前言：说明。\n{REPORT}")).unwrap();
    let fresh = s.root.path().join("fresh");
    let run = import(&s, &fresh, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        first_line(&run).contains("4 new")
            && first_line(&run).contains("; 3 attached where their text moved"),
        "{}",
        run.stdout
    );
    let store = SledStore::open(&fresh, "alice").unwrap();
    let l = store.get("报告.txt", 2).unwrap().unwrap();
    assert_eq!(l.hash, content_hash(P1));
    assert_eq!(l.spans.len(), 2);
    assert_eq!(
        store.get("报告.txt", 1).unwrap().unwrap().hash,
        content_hash(P0)
    );
    assert_eq!(store.get("报告.txt", 0).unwrap(), None);
    drop(store);
    let records: Vec<serde_json::Value> = export(&s, &fresh)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let moved = records.iter().find(|r| r["text"] == P1).unwrap();
    assert_eq!(moved["para"], 2);
    assert_eq!(moved["spans"][0]["text"], "接种率达到");
}

#[test]
fn a_record_whose_text_is_gone_is_kept_with_it() {
    let s = setup();
    let gone = "　　这段文字已被删除：𠀀，“引号”。";
    let file = write(
        &s,
        "dana.jsonl",
        &[
            record("dana", "报告.txt", 1, gone, "achievement", T0),
            heading("dana"),
        ],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 2 records: 1 new, 0 updated, 0 unchanged, \
         1 orphaned (kept, not attached: their text is not in the corpus)"
    );
    {
        let mut store = SledStore::open(&s.labels, "dana").unwrap();
        assert_eq!(store.get("报告.txt", 1).unwrap(), None);
        let parked = store.parked().unwrap();
        assert_eq!(parked.len(), 1);
        assert_eq!(parked[0].text.as_deref(), Some(gone));
        assert_eq!(parked[0].section.as_deref(), Some("achievement"));
        assert!(store
            .history()
            .unwrap()
            .iter()
            .any(|h| h.action == "import-orphan"));
        // Labeling the paragraph now at that index leaves the orphan alone.
        let l = label("报告.txt", 1, P1, "indicator_report", T1);
        store.put("报告.txt", 1, Some(&l), "section").unwrap();
        assert_eq!(store.parked().unwrap(), parked);
    }
    // Export reports it and does not attach it to other text.
    let run = biaozhu(&s.corpus, &s.labels, &["export"]);
    assert!(!run.stdout.contains("achievement"), "{}", run.stdout);
    assert!(run.stderr.contains("not exported"), "{}", run.stderr);
    // Importing it again: already kept, nothing written.
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 2 records: 0 new, 0 updated, 2 unchanged"
    );
    let store = SledStore::open(&s.labels, "dana").unwrap();
    assert_eq!(store.parked().unwrap().len(), 1);
    assert_eq!(
        store
            .get("报告.txt", 1)
            .unwrap()
            .unwrap()
            .section
            .as_deref(),
        Some("indicator_report")
    );
}

#[test]
fn stored_labels_are_brought_in_line_with_the_corpus_first() {
    let s = setup();
    put(
        &s.labels,
        "hal",
        &[
            label("报告.txt", 1, P1, "achievement", T0),
            label("报告.txt", 3, "　　旧文字。", "problem", T0),
        ],
    );
    std::fs::write(s.corpus.join("报告.txt"), format!("前言：说明。\n{REPORT}")).unwrap();
    // Exported on a machine that already has the new corpus: P1 is at 2.
    let file = write(
        &s,
        "hal.jsonl",
        &[record("hal", "报告.txt", 2, P1, "indicator_report", T1)],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "imported 1 file, 1 record: 0 new, 1 updated, 0 unchanged\n\
         note: already in the stores: 1 label followed its text to a new index; \
         1 label kept aside (its text is no longer in the corpus)\n"
    );
    let store = SledStore::open(&s.labels, "hal").unwrap();
    let labels = store.labels().unwrap();
    assert_eq!(labels.len(), 1);
    assert_eq!(
        (labels[0].para, labels[0].section.as_deref()),
        (2, Some("indicator_report"))
    );
    assert_eq!(store.parked().unwrap().len(), 1);
}

#[test]
fn a_record_without_hash_gets_it_from_its_text() {
    let s = setup();
    let line = record("gus", "报告.txt", 3, P3, "problem", T0)
        .replace(&format!("\"hash\":\"{}\",", content_hash(P3)), "");
    assert!(!line.contains("hash"));
    let file = write(&s, "gus.jsonl", &[line]);
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let store = SledStore::open(&s.labels, "gus").unwrap();
    assert_eq!(
        store.get("报告.txt", 3).unwrap().unwrap().hash,
        content_hash(P3)
    );
}
