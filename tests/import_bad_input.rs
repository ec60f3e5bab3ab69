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

/// `record` with its `duration_ms` and `updated_at` replaced.
fn with(line: &str, duration_ms: serde_json::Value, updated_at: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
    v["duration_ms"] = duration_ms;
    v["updated_at"] = updated_at.into();
    v.to_string()
}

#[test]
fn impossible_durations_and_times_are_bad_lines_and_unknown_stays_unknown() {
    let s = setup();
    let p0 = heading("erin");
    let p3 = record("erin", "报告.txt", 3, P3, "problem", T0);
    let mut absent: serde_json::Value = serde_json::from_str(&record(
        "erin",
        "sub/其他.txt",
        1,
        "　　继续深化医改，力争孕产妇系统管理率达到90%以上！",
        "plan",
        T0,
    ))
    .unwrap();
    absent.as_object_mut().unwrap().remove("duration_ms");
    let file = write(
        &s,
        "erin.jsonl",
        &[
            with(&p0, serde_json::Value::Null, T0),
            with(&p3, (u64::MAX - 1).into(), T0),
            with(&p3, 1200.into(), "9999-01-01T00:00:00Z"),
            with(&p3, 1200.into(), "1970-01-01T00:00:00Z"),
            absent.to_string(),
        ],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let name = file.display().to_string();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "{name}:2: field \"duration_ms\": 18446744073709551614 is more than 30 days"
        )),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!(
            "{name}:3: field \"updated_at\": \"9999-01-01T00:00:00Z\" is after "
        )),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!("{name}:4: field \"updated_at\": \"1970-01-01T00:00:00Z\" is before 2000-01-01T00:00:00Z")),
        "{}",
        lines[2]
    );
    assert!(first_line(&run).contains("2 new"), "{}", run.stdout);
    // Unknown (null or absent) is exported as null, not 0.
    let out = export(&s, &s.labels);
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2, "{out}");
    for r in &records {
        assert_eq!(r["duration_ms"], serde_json::Value::Null, "{r}");
        assert!(r.as_object().unwrap().contains_key("duration_ms"));
    }
    // And imports back as unknown: unchanged.
    let back = write(&s, "back.jsonl", &[out]);
    let again = import(&s, &s.labels, &[&back]);
    assert!(
        first_line(&again).contains("0 new, 0 updated, 2 unchanged"),
        "{}",
        again.stdout
    );
}

/// Another tool's export (here our own Prodigy export) is named once, not
/// line by line; the native file beside it still imports.
#[test]
fn another_tools_export_is_named_once() {
    let s = setup();
    let source = s.root.path().join("source");
    fill(&source);
    let run = biaozhu(&s.corpus, &source, &["export", "--format", "prodigy"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.lines().count() > 1);
    let prodigy = write(&s, "prodigy.jsonl", &[run.stdout.trim_end().to_owned()]);
    let native = write(&s, "native.jsonl", &[heading("erin")]);
    let run = import(&s, &s.labels, &[&prodigy, &native]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}: this is not native JSONL (it looks like Prodigy's JSONL (\"_input_hash\", \
             \"answer\")); import reads what `biaozhu export --format native` writes; nothing \
             imported from this file",
            prodigy.display()
        )
    );
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(run.stdout.contains("1 record: 1 new"), "{}", run.stdout);
}

/// Names the schema does not define are imported and warned about.
#[test]
fn names_outside_the_schema_are_warned_about() {
    let s = setup();
    let mut odd = record("erin", "报告.txt", 3, P3, "问题与不足", T0);
    odd = odd.replace("\"indicators\":[]", "\"indicators\":[\"beds\",\"funds\"]");
    let file = write(
        &s,
        "erin.jsonl",
        &[odd, record("erin", "报告.txt", 0, P0, "问题与不足", T0)],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let schema = s.labels.join("schema.toml").display().to_string();
    assert!(
        run.stdout.contains(&format!(
            "warning: section types not in the schema ({schema}): \"问题与不足\" (2 records); \
             stored as given"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("warning: indicators not in the schema")
            && run.stdout.contains("\"beds\" (1 record)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("\"funds\""), "{}", run.stdout);
}
