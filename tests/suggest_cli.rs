//! `biaozhu suggest` through the binary, and a label's `suggested`
//! provenance through import and export.

mod import_common;

use import_common::*;
use serde_json::{json, Value};

fn jsonl(run: &Run) -> Vec<Value> {
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn by_id<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {records:?}"))
}

#[test]
fn with_no_labels_patterns_suggest_for_every_paragraph() {
    let s = setup();
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["suggest", "--annotator", "carol", "--jsonl"],
    );
    let records = jsonl(&run);
    assert_eq!(records.len(), 6, "{}", run.stdout);
    for r in &records {
        assert_eq!(r["source"], "pattern");
        assert_eq!(r["model_labels"], 0);
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        for k in ["id", "section", "indicators", "scores", "source"] {
            assert!(keys.contains(&k), "{r}");
        }
    }
    assert_eq!(by_id(&records, "报告.txt#0")["section"], "heading");
    let p1 = by_id(&records, "报告.txt#1");
    // 儿童 is a maternal_child word too: patterns alone take both.
    assert_eq!(
        p1["indicators"],
        json!(["vaccination_rate", "maternal_child"])
    );
    assert!(p1["scores"]["vaccination_rate"].as_f64().unwrap() >= 0.5);
    assert_eq!(by_id(&records, "报告.txt#3")["section"], "problem");
    let plan = by_id(&records, "sub/其他.txt#1");
    assert_eq!(plan["section"], "plan");
    assert_eq!(plan["indicators"], json!(["maternal_child"]));
}

#[test]
fn labeled_paragraphs_are_left_out_and_text_fits_80_columns() {
    let s = setup();
    let file = write(
        &s,
        "alice.jsonl",
        &[
            heading("alice"),
            record("alice", "报告.txt", 3, P3, "problem", T0),
        ],
    );
    assert_eq!(import(&s, &s.labels, &[&file]).code, Some(0));
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["suggest", "--annotator", "alice", "--jsonl"],
    );
    let ids: Vec<String> = jsonl(&run).iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(!ids
        .iter()
        .any(|i| i.contains("报告.txt#0") || i.contains("报告.txt#3")));
    // Another annotator gets all six; --learn-from names a store.
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &[
            "suggest",
            "--annotator",
            "bob",
            "--jsonl",
            "--learn-from",
            "alice",
        ],
    );
    assert_eq!(jsonl(&run).len(), 6);

    let run = biaozhu(&s.corpus, &s.labels, &["suggest", "--annotator", "bob"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("biaozhu suggest: 6 paragraphs bob has not labeled"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("patterns alone"), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(biaozhu::text::str_width(line) <= 80, "{line}");
    }
}

#[test]
fn bad_input_is_named_with_exit_2() {
    let s = setup();
    let file = write(&s, "alice.jsonl", &[heading("alice")]);
    assert_eq!(import(&s, &s.labels, &[&file]).code, Some(0));
    for (args, says) in [
        (
            &["suggest", "--learn-from", "nobody"][..],
            "--learn-from nobody",
        ),
        (&["suggest", "--learn-from", "gold"][..], "no gold set"),
        (
            &["suggest", "--learn-from", "a b"][..],
            "invalid annotator name",
        ),
        (
            &["suggest", "--annotator", "a", "--annotator", "b"][..],
            "--annotator given 2 times",
        ),
    ] {
        let run = biaozhu(&s.corpus, &s.labels, args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn provenance_survives_import_and_export() {
    let s = setup();
    let with = |suggested: Value| {
        let mut v: Value =
            serde_json::from_str(&record("alice", "报告.txt", 3, P3, "problem", T0)).unwrap();
        v["suggested"] = suggested;
        v.to_string()
    };
    let good = json!({"section": "problem", "indicators": ["workforce"], "source": "model",
                      "model_labels": 240});
    let lines = vec![
        heading("alice"),
        with(good.clone()),
        with(json!({"section": "plan", "source": "magic"})),
        with(json!("plan")),
        with(json!({"source": "pattern", "model_labels": -1})),
    ];
    let file = write(&s, "alice.jsonl", &lines);
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let name = file.display().to_string();
    assert!(
        run.stderr.contains(&format!(
            "{name}:3: field \"suggested.source\": \"magic\" is not one of pattern, model"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{name}:4: field \"suggested\"")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{name}:5: field \"suggested.model_labels\"")),
        "{}",
        run.stderr
    );
    let exported: Vec<Value> = export(&s, &s.labels)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported.len(), 2);
    assert_eq!(by_id(&exported, "报告.txt#3")["suggested"], good);
    // None suggested: no key at all.
    assert!(by_id(&exported, "报告.txt#0").get("suggested").is_none());
    // And in the other formats' metadata.
    for format in ["prodigy", "doccano", "label-studio"] {
        let run = biaozhu(&s.corpus, &s.labels, &["export", "--format", format]);
        assert!(
            run.stdout
                .contains("\"suggested\":{\"section\":\"problem\""),
            "{format}: {}",
            run.stdout
        );
    }
    // Exported native records import again unchanged.
    let again = s.root.path().join("again.jsonl");
    std::fs::write(&again, export(&s, &s.labels)).unwrap();
    let other = s.root.path().join("other-labels");
    assert_eq!(import(&s, &other, &[&again]).code, Some(0));
    assert_eq!(export(&s, &other), export(&s, &s.labels));
}
