//! `biaozhu import` with bad input: bad lines reported as file:line and
//! skipped, a missing file or a store in use stopping the import before
//! anything is written.

mod import_common;

use biaozhu::store::{LabelStore, SledStore};
use import_common::*;

#[test]
fn bad_lines_are_named_and_the_good_ones_imported() {
    let s = setup();
    let good = heading("erin");
    let file = write(
        &s,
        "erin.jsonl",
        &[
            good.clone(),
            "{\"doc\":\"报告.txt\",".into(),
            String::new(),
            good.replace("\"annotator\":\"erin\",", ""),
            good.replace("\"erin\"", "\"erin smith\""),
            record("erin", "报告.txt", 3, P3, "problem", T0),
        ],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let name = file.display().to_string();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stderr);
    assert!(
        lines[0].starts_with(&format!("{name}:2: not JSON")),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], format!("{name}:4: missing field \"annotator\""));
    assert!(
        lines[2].starts_with(&format!(
            "{name}:5: field \"annotator\": invalid annotator name \"erin smith\""
        )),
        "{}",
        lines[2]
    );
    assert!(lines[3].contains("3 bad lines skipped"), "{}", lines[3]);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 2 records: 2 new, 0 updated, 0 unchanged; 3 bad lines skipped"
    );
    let store = SledStore::open(&s.labels, "erin").unwrap();
    assert_eq!(store.labels().unwrap().len(), 2);
}

#[test]
fn a_missing_file_stops_the_import() {
    let s = setup();
    let good = write(&s, "ok.jsonl", &[heading("fay")]);
    let missing = s.root.path().join("不存在.jsonl");
    let run = import(&s, &s.labels, &[&good, &missing]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains(&missing.display().to_string())
            && run.stderr.contains("nothing imported"),
        "{}",
        run.stderr
    );
    assert!(!SledStore::path_of(&s.labels, "fay").exists());
}

#[test]
fn a_store_in_use_stops_the_import_before_any_write() {
    let s = setup();
    let file = write(&s, "two.jsonl", &[heading("alice"), heading("zed")]);
    let held = SledStore::open(&s.labels, "zed").unwrap();
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("zed.sled") && run.stderr.contains("in use"),
        "{}",
        run.stderr
    );
    drop(held);
    let alice = SledStore::open(&s.labels, "alice").unwrap();
    assert!(alice.labels().unwrap().is_empty());
}
