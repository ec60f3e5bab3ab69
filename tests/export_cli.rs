//! `biaozhu export --format native` from the command line: records match
//! the corpus text, labels follow edited paragraphs, unknown label names
//! are exported as they are, orphans are reported and never misattached.

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore};
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

const REPORT: &str = "一、总体情况\n　　全年儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化。\n二、存在问题\n　　基层人才匮乏（平均年龄58岁）。\n";

fn label(doc: &str, para: u32, text: &str, section: &str, indicators: &[&str]) -> Label {
    let mut l = Label::new(doc, para, &content_hash(text));
    l.section = Some(section.to_owned());
    l.indicators = indicators.iter().map(|s| s.to_string()).collect();
    l.done = true;
    l
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let corpus = root.path().join("corpus");
    let labels = root.path().join("labels");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("报告.txt"), REPORT).unwrap();
    (root, corpus, labels)
}

/// `biaozhu export EXTRA`.
fn run(corpus: &Path, labels: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--corpus")
        .arg(corpus)
        .arg("--labels")
        .arg(labels)
        .arg("export")
        .args(extra)
        .output()
        .unwrap()
}

/// `biaozhu export EXTRA`: the records, stderr and the exit code.
fn export(
    corpus: &Path,
    labels: &Path,
    extra: &[&str],
) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let out = run(corpus, labels, extra);
    let records = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        records,
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

#[test]
fn records_carry_the_corpus_text_and_every_field() {
    let (_root, corpus, labels) = setup();
    let text = "　　全年儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化。";
    {
        let mut s = SledStore::open(&labels, "alice").unwrap();
        let mut l = label(
            "报告.txt",
            1,
            text,
            "indicator_report",
            &["vaccination_rate"],
        );
        l.spans = vec![biaozhu::store::Span {
            start: 12,
            end: 17,
            label: "vaccination_rate".into(),
        }];
        l.note = Some("核对：98.5%".into());
        s.put("报告.txt", 1, Some(&l), "section").unwrap();
    }
    let (records, err, code) = export(&corpus, &labels, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    // Field order is part of the contract: check it on the raw line.
    let raw = String::from_utf8(run(&corpus, &labels, &[]).stdout).unwrap();
    let fields = [
        "id",
        "doc",
        "para",
        "text",
        "hash",
        "annotator",
        "section",
        "indicators",
        "spans",
        "flags",
        "note",
        "updated_at",
        "duration_ms",
        "done",
    ];
    let at: Vec<usize> = fields
        .iter()
        .map(|f| raw.find(&format!("\"{f}\":")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{raw}");
    assert_eq!(r["id"], "报告.txt#1");
    assert_eq!(r["text"], text);
    assert_eq!(r["hash"], content_hash(text));
    assert_eq!(r["annotator"], "alice");
    assert_eq!(r["spans"][0]["text"], "接种率达到");
    assert_eq!(r["note"], "核对：98.5%");
}

#[test]
fn labels_follow_edited_paragraphs_and_orphans_are_reported() {
    let (_root, corpus, labels) = setup();
    {
        let mut s = SledStore::open(&labels, "bob").unwrap();
        let l = label("报告.txt", 2, "二、存在问题", "heading", &[]);
        s.put("报告.txt", 2, Some(&l), "section").unwrap();
        let gone = label("报告.txt", 3, "　　这段文字已被删除。", "problem", &[]);
        s.put("报告.txt", 3, Some(&gone), "section").unwrap();
    }
    // A new paragraph at the top: every paragraph shifts down by one.
    std::fs::write(corpus.join("报告.txt"), format!("前言。\n{REPORT}")).unwrap();
    let (records, err, code) = export(&corpus, &labels, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["para"], 3);
    assert_eq!(records[0]["text"], "二、存在问题");
    assert!(err.contains("1 labels not exported"), "{err}");
}

#[test]
fn names_no_longer_in_the_schema_are_exported_as_they_are() {
    let (_root, corpus, labels) = setup();
    {
        let mut s = SledStore::open(&labels, "carol").unwrap();
        let l = label(
            "报告.txt",
            0,
            "一、总体情况",
            "old_section_name",
            &["retired_indicator"],
        );
        s.put("报告.txt", 0, Some(&l), "section").unwrap();
    }
    let (records, _, _) = export(&corpus, &labels, &[]);
    assert_eq!(records[0]["section"], "old_section_name");
    assert_eq!(records[0]["indicators"][0], "retired_indicator");
}

#[test]
fn annotator_filter_and_atomic_output_file() {
    let (root, corpus, labels) = setup();
    for who in ["alice", "bob"] {
        let mut s = SledStore::open(&labels, who).unwrap();
        let l = label("报告.txt", 0, "一、总体情况", "heading", &[]);
        s.put("报告.txt", 0, Some(&l), "section").unwrap();
    }
    let (all, _, _) = export(&corpus, &labels, &[]);
    let who: Vec<&str> = all
        .iter()
        .map(|r| r["annotator"].as_str().unwrap())
        .collect();
    assert_eq!(who, ["alice", "bob"]);
    let (bob, _, _) = export(&corpus, &labels, &["--annotator", "bob"]);
    assert_eq!(bob.len(), 1);
    assert_eq!(bob[0]["annotator"], "bob");
    let file = root.path().join("out.jsonl");
    let (none, _, code) = export(&corpus, &labels, &["-o", file.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(none.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.ends_with(".tmp").then_some(n)
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let (_, err, code) = export(&corpus, &labels, &["--annotator", "nobody"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("nobody"), "{err}");
}
