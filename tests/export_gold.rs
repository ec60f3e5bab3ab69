//! `biaozhu export --gold` from the command line: the gold set
//! (`labels/gold.sled`) in every format, with its provenance (`source`,
//! `annotators`, `reviewer`), text equal to the corpus paragraph, spans
//! sliced right (doccano: UTF-16), the filters, and the usage errors.
//! Annotators' records are the same bytes with or without a gold set.

mod export_common;

use biaozhu::store::Span;
use export_common::{gold, labeled, parse, slice, slice_utf16, Fixture, BIN, SPAN};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::process::Command;

/// The gold set's provenance by paragraph id.
const PROVENANCE: [(&str, &str, &[&str], Option<&str>); 3] = [
    ("甲.txt#0", "unanimous", &["alice", "bob"], None),
    ("甲.txt#1", "adjudicated", &["alice", "bob"], Some("lead")),
    (
        "甲.txt#3",
        "majority",
        &["alice", "bob", "carol"],
        Some("lead"),
    ),
];

/// Alice's and Bob's labels of `labeled`, and a gold set decided by `lead`:
/// the first heading unanimous (no reviewer named), the long paragraph (𠀀,
/// 😀, full-width punctuation) adjudicated with a span, the last paragraph
/// by majority.
fn gold_set(fx: &Fixture, start: u32) {
    let mut long = fx.label("甲.txt#1", "achievement", &["vaccination_rate"], true);
    long.spans = vec![Span {
        start,
        end: start + SPAN.chars().count() as u32,
        label: "vaccination_rate".into(),
    }];
    let sections = ["heading", "", "problem"];
    let labels: Vec<_> = PROVENANCE
        .iter()
        .zip(sections)
        .map(|(&(id, source, annotators, reviewer), section)| {
            let label = match section {
                "" => long.clone(),
                s => fx.label(id, s, &[], false),
            };
            gold(label, source, annotators, reviewer)
        })
        .collect();
    fx.put_gold("lead", &labels);
}

fn with_gold() -> (Fixture, u32) {
    let (fx, start) = labeled();
    gold_set(&fx, start);
    (fx, start)
}

/// What a record (or Label Studio task's `data`) says of its provenance;
/// each of the three keys must be there.
fn provenance(v: &Value) -> Value {
    let field = |k: &str| v.get(k).cloned().unwrap_or_else(|| panic!("no {k}: {v}"));
    json!({"source": field("source"), "annotators": field("annotators"), "reviewer": field("reviewer")})
}

fn expected(id: &str) -> Value {
    let &(_, source, annotators, reviewer) = PROVENANCE
        .iter()
        .find(|p| p.0 == id)
        .unwrap_or_else(|| panic!("{id} is not in the gold set"));
    json!({"source": source, "annotators": annotators, "reviewer": reviewer})
}

fn ids(records: &[Value], key: &dyn Fn(&Value) -> &Value) -> Vec<String> {
    records
        .iter()
        .map(|r| key(r).as_str().unwrap().to_owned())
        .collect()
}

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

#[test]
fn gold_filters_and_split() {
    let (fx, _) = with_gold();
    let native = |args: &[&str]| {
        let mut all = vec!["--gold"];
        all.extend_from_slice(args);
        ids(&fx.export(&all), &|r| &r["id"])
    };
    assert_eq!(native(&["--section", "problem"]), ["甲.txt#3"]);
    assert_eq!(
        native(&["--section", "problem", "--section", "heading"]),
        ["甲.txt#0", "甲.txt#3"]
    );
    assert_eq!(native(&["--only-complete"]).len(), 3);
    let ls = fx.export(&[
        "--gold",
        "--format",
        "label-studio",
        "--section",
        "achievement",
    ]);
    assert_eq!(ids(&ls, &|t| &t["data"]["paragraph_id"]), ["甲.txt#1"]);

    // --split: by document, every gold record in exactly one file.
    let fx = Fixture::new(6);
    let labels: Vec<_> = (0..6)
        .map(|d| {
            let l = fx.label(&format!("d{d:02}.txt#{}", d % 3), "plan", &[], true);
            gold(l, "majority", &["alice", "bob"], Some("lead"))
        })
        .collect();
    fx.put_gold("lead", &labels);
    let dir = fx.root.join("split");
    let args = [
        "--gold",
        "--split",
        "50/25/25",
        "--seed",
        "7",
        "-o",
        dir.to_str().unwrap(),
    ];
    assert!(fx.export(&args).is_empty(), "nothing on stdout");
    let mut seen = Vec::new();
    for name in ["train", "dev", "test"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.jsonl"))).unwrap();
        for r in parse(&text) {
            assert_eq!(r["annotator"], "gold");
            assert_eq!(
                provenance(&r),
                json!({"source": "majority", "annotators": ["alice", "bob"], "reviewer": "lead"})
            );
            seen.push(r["id"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(seen.len(), 6);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 6);
}

#[test]
fn usage_errors() {
    let (fx, _) = labeled();
    // No gold set yet.
    let out = fx.run(&["--gold"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no gold set"), "{stderr}");
    assert!(
        stderr.contains("gold.sled") && stderr.contains("biaozhu review"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert!(
        !fx.labels.join("gold.sled").exists(),
        "reading does not create it"
    );

    // --gold with --annotator, with or without a gold set.
    let mut c = fx.command(&["--gold"]);
    c.args(["--annotator", "alice"]);
    for with_gold in [false, true] {
        if with_gold {
            gold_set(&fx, 0);
        }
        let out = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("--gold") && stderr.contains("--annotator alice"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_gold_export_imports_into_another_labels_dir_and_exports_the_same() {
    let (fx, _) = with_gold();
    let out = fx.run(&["--gold"]);
    assert_eq!(out.status.code(), Some(0));
    let file = fx.root.join("金标准.jsonl");
    std::fs::write(&file, &out.stdout).unwrap();

    let elsewhere = fx.root.join("elsewhere");
    let import = |labels: &std::path::Path| {
        Command::new(BIN)
            .arg("--corpus")
            .arg(&fx.corpus)
            .arg("--labels")
            .arg(labels)
            .arg("import")
            .arg(&file)
            .output()
            .unwrap()
    };
    let first = import(&elsewhere);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(stdout.contains("3 records: 3 new"), "{stdout}");
    let again = import(&elsewhere);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("3 records: 0 new, 0 updated, 3 unchanged")
    );

    let back = Command::new(BIN)
        .arg("--corpus")
        .arg(&fx.corpus)
        .arg("--labels")
        .arg(&elsewhere)
        .args(["export", "--gold"])
        .output()
        .unwrap();
    assert_eq!(back.stdout, out.stdout, "round trip");

    // A gold line without its provenance is a bad line, named.
    let bad = fx.root.join("bad.jsonl");
    let line = String::from_utf8(out.stdout.clone()).unwrap();
    let first_line = line.lines().next().unwrap();
    let mut v: Value = serde_json::from_str(first_line).unwrap();
    v.as_object_mut().unwrap().remove("source");
    std::fs::write(&bad, format!("{v}\n")).unwrap();
    let run = Command::new(BIN)
        .arg("--corpus")
        .arg(&fx.corpus)
        .arg("--labels")
        .arg(&elsewhere)
        .arg("import")
        .arg(&bad)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("bad.jsonl:1:") && stderr.contains("\"source\""),
        "{stderr}"
    );
}
