//! `biaozhu export --gold` in every format: the gold set
//! (`labels/gold.sled`) with its provenance (`source`, `annotators`,
//! `reviewer`), text equal to the corpus paragraph, spans sliced right
//! (doccano: UTF-16). Annotators' records are the same bytes with or
//! without a gold set.

mod export_common;

use export_common::gold_set::{expected, gold_set, ids, provenance, with_gold};
use export_common::{labeled, parse, slice, slice_utf16, SPAN};
use serde_json::json;

#[test]
fn native_gold_records_carry_source_annotators_reviewer() {
    let (fx, start) = with_gold();
    let out = fx.run(&["--gold"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records = parse(&stdout);
    assert_eq!(
        ids(&records, &|r| &r["id"]),
        ["甲.txt#0", "甲.txt#1", "甲.txt#3"]
    );
    for r in &records {
        let id = r["id"].as_str().unwrap();
        assert_eq!(r["annotator"], "gold");
        assert_eq!(r["text"], fx.text(id));
        assert_eq!(r["done"], true);
        assert_eq!(provenance(r), expected(id));
    }
    let span = &records[1]["spans"][0];
    assert_eq!(span["start"], start);
    let text = records[1]["text"].as_str().unwrap();
    let (a, b) = (
        span["start"].as_u64().unwrap(),
        span["end"].as_u64().unwrap(),
    );
    assert_eq!(slice(text, a, b), SPAN);
    assert_eq!(span["text"], SPAN);
    // The three fields come last, in this order.
    let first = stdout.lines().next().unwrap();
    assert!(
        first.ends_with(
            r#""done":true,"source":"unanimous","annotators":["alice","bob"],"reviewer":null}"#
        ),
        "{first}"
    );
    // -o FILE: the same bytes.
    let file = fx.root.join("gold.jsonl");
    assert!(fx
        .export(&["--gold", "-o", file.to_str().unwrap()])
        .is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout);
}

#[test]
fn annotators_records_are_unchanged_by_a_gold_set() {
    let (fx, start) = labeled();
    let formats: [&[&str]; 5] = [
        &["--format", "native"],
        &["--format", "prodigy"],
        &["--format", "doccano"],
        &["--format", "doccano", "--doccano-task", "spans"],
        &["--format", "label-studio"],
    ];
    let before: Vec<Vec<u8>> = formats.iter().map(|f| fx.run(f).stdout).collect();
    gold_set(&fx, start);
    for (args, before) in formats.iter().zip(&before) {
        let after = fx.run(args).stdout;
        assert_eq!(
            String::from_utf8_lossy(&after),
            String::from_utf8_lossy(before),
            "{args:?}"
        );
        for field in ["\"gold\"", "\"source\"", "\"reviewer\"", "biaozhu-gold"] {
            assert!(!String::from_utf8_lossy(&after).contains(field), "{args:?}");
        }
    }
}

#[test]
fn prodigy_gold_tasks_are_biaozhu_gold_with_provenance_in_meta() {
    let (fx, start) = with_gold();
    let tasks = fx.export(&["--gold", "--format", "prodigy"]);
    // Heading: section + indicators (accepted); long: + spans; last: 2.
    let kinds: Vec<String> = tasks
        .iter()
        .map(|t| {
            format!(
                "{}/{}",
                t["meta"]["id"].as_str().unwrap(),
                t["meta"]["kind"]
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "甲.txt#0/\"section\"",
            "甲.txt#0/\"indicators\"",
            "甲.txt#1/\"section\"",
            "甲.txt#1/\"indicators\"",
            "甲.txt#1/\"spans\"",
            "甲.txt#3/\"section\"",
            "甲.txt#3/\"indicators\""
        ]
    );
    for t in &tasks {
        let id = t["meta"]["id"].as_str().unwrap();
        assert_eq!(t["text"], fx.text(id));
        assert_eq!(t["_annotator_id"], "biaozhu-gold");
        assert_eq!(t["_session_id"], "biaozhu-gold");
        assert_eq!(t["meta"]["annotator"], "gold");
        assert_eq!(provenance(&t["meta"]), expected(id));
    }
    let spans = &tasks[4];
    let s = &spans["spans"][0];
    assert_eq!(
        (s["start"].as_u64(), s["token_end"].as_u64()),
        (Some(start as u64), Some(start as u64 + 9))
    );
    let text = spans["text"].as_str().unwrap();
    assert_eq!(
        slice(
            text,
            s["start"].as_u64().unwrap(),
            s["end"].as_u64().unwrap()
        ),
        SPAN
    );
    assert_eq!(s["text"], SPAN);
}

#[test]
fn doccano_gold_lines_keep_provenance_as_metadata_and_utf16_offsets() {
    let (fx, start) = with_gold();
    let lines = fx.export(&["--gold", "--format", "doccano"]);
    assert_eq!(lines.len(), 3);
    for l in &lines {
        let id = l["id"].as_str().unwrap();
        assert_eq!(l["text"], fx.text(id));
        assert_eq!(l["annotator"], "gold");
        assert_eq!(provenance(l), expected(id));
    }
    assert_eq!(
        lines[1]["label"],
        json!(["achievement", "vaccination_rate"])
    );

    let out = fx.run(&["--gold", "--format", "doccano", "--doccano-task", "spans"]);
    assert_eq!(out.status.code(), Some(0));
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(
        raw.contains(r"\ud840\udc00") && raw.contains(r"\ud83d\ude00"),
        "{raw}"
    );
    let lines = parse(&raw);
    assert_eq!(lines.len(), 1, "only the label with spans");
    let l = &lines[0];
    assert_eq!(provenance(l), expected("甲.txt#1"));
    let (a, b) = (
        l["label"][0][0].as_u64().unwrap(),
        l["label"][0][1].as_u64().unwrap(),
    );
    assert_eq!(a, start as u64 + 2, "𠀀 and 😀 count 2 in UTF-16");
    assert_eq!(slice_utf16(l["text"].as_str().unwrap(), a, b), SPAN);
    assert_eq!(l["label"][0][2], "vaccination_rate");
}

#[test]
fn label_studio_gold_is_the_reviewers_ground_truth() {
    let (fx, start) = with_gold();
    let tasks = fx.export(&["--gold", "--format", "label-studio"]);
    assert_eq!(
        ids(&tasks, &|t| &t["data"]["paragraph_id"]),
        ["甲.txt#0", "甲.txt#1", "甲.txt#3"]
    );
    for t in &tasks {
        let id = t["data"]["paragraph_id"].as_str().unwrap();
        assert_eq!(t["data"]["text"], fx.text(id));
        assert_eq!(provenance(&t["data"]), expected(id));
        let annotations = t["annotations"].as_array().unwrap();
        assert_eq!(annotations.len(), 1);
        assert_eq!(annotations[0]["ground_truth"], true);
        let by = expected(id)["reviewer"]
            .as_str()
            .unwrap_or("gold")
            .to_owned();
        assert_eq!(
            annotations[0]["completed_by"],
            json!({"email": format!("{by}@biaozhu.local"), "first_name": by})
        );
    }
    let result = tasks[1]["annotations"][0]["result"].as_array().unwrap();
    let v = &result.iter().find(|r| r["type"] == "labels").unwrap()["value"];
    let (a, b) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
    assert_eq!(a, start as u64, "code points");
    assert_eq!(
        slice(tasks[1]["data"]["text"].as_str().unwrap(), a, b),
        SPAN
    );
    assert_eq!(v["text"], SPAN);
}
