//! `biaozhu export --gold` from the command line: the filters and the
//! split on the gold set, the usage errors, and a gold export imported
//! into another labels dir.

mod export_common;

use export_common::gold_set::{gold_set, ids, provenance, with_gold};
use export_common::{gold, labeled, parse, Fixture, BIN};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::process::Command;

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
