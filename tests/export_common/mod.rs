//! The fixture of the export tests (`export_*.rs`): a report with
//! Extension B, an emoji and full-width punctuation, labels of Alice and
//! Bob written to sled stores, and `biaozhu export` run on them.
#![allow(dead_code)]

pub mod gold_set;

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore, Span};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

/// Extension B `𠀀` and an emoji before the span, so UTF-16 and code-point
/// offsets differ by 2; full-width punctuation and the `　　` indent.
pub const REPORT: &str = "一、2023年工作成效\n　　全区𠀀字、emoji😀，儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化。\n二、存在问题\n　　基层人才匮乏（平均年龄58岁）。\n";
pub const SPAN: &str = "接种率达到98.5%";

pub struct Fixture {
    _root: tempfile::TempDir,
    pub root: PathBuf,
    pub corpus: PathBuf,
    pub labels: PathBuf,
    /// id → text, as `biaozhu corpus --jsonl` reads the corpus.
    pub texts: BTreeMap<String, String>,
}

impl Fixture {
    pub fn new(extra_docs: usize) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        let corpus = root.join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        std::fs::write(corpus.join("甲.txt"), REPORT).unwrap();
        for d in 0..extra_docs {
            let text: String = (0..3)
                .map(|p| format!("　　第{d}号报告第{p}段：家庭医生签约服务覆盖率达到{p}5%。\n"))
                .collect();
            std::fs::write(corpus.join(format!("d{d:02}.txt")), text).unwrap();
        }
        let mut fx = Fixture {
            _root: dir,
            labels: root.join("labels"),
            root,
            corpus,
            texts: BTreeMap::new(),
        };
        fx.read_texts();
        fx
    }

    /// `texts` read again (after a test added a document to the corpus).
    pub fn read_texts(&mut self) {
        self.texts = self
            .corpus_jsonl()
            .iter()
            .map(|v| {
                (
                    v["id"].as_str().unwrap().to_owned(),
                    v["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
    }

    /// The paragraph records of `biaozhu corpus --jsonl` on the corpus as it is now.
    pub fn corpus_jsonl(&self) -> Vec<Value> {
        let out = Command::new(BIN)
            .arg("--corpus")
            .arg(&self.corpus)
            .args(["corpus", "--jsonl"])
            .output()
            .unwrap();
        parse(&String::from_utf8(out.stdout).unwrap())
    }

    pub fn text(&self, id: &str) -> &str {
        &self.texts[id]
    }

    /// A label on paragraph `id`, with the hash of its current text.
    pub fn label(&self, id: &str, section: &str, indicators: &[&str], done: bool) -> Label {
        let (doc, para) = id.rsplit_once('#').unwrap();
        let mut l = Label::new(doc, para.parse().unwrap(), &content_hash(self.text(id)));
        l.section = Some(section.to_owned());
        l.indicators = indicators.iter().map(|s| s.to_string()).collect();
        l.done = done;
        l.duration_ms = Some(4200);
        l
    }

    pub fn put(&self, annotator: &str, labels: &[Label]) {
        let mut s = SledStore::open(&self.labels, annotator).unwrap();
        s.put_many(labels, "test").unwrap();
    }

    /// Write `labels` to the gold set (`labels/gold.sled`) as `reviewer`.
    pub fn put_gold(&self, reviewer: &str, labels: &[Label]) {
        let mut s = SledStore::open_gold(&self.labels, reviewer).unwrap();
        s.put_many(labels, "test").unwrap();
    }

    /// `biaozhu export ARGS` on the fixture's corpus and labels.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.arg("--corpus")
            .arg(&self.corpus)
            .arg("--labels")
            .arg(&self.labels)
            .arg("export")
            .args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// The JSONL (or, for Label Studio, JSON list) records of an export.
    pub fn export(&self, args: &[&str]) -> Vec<Value> {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        parse(&String::from_utf8(out.stdout).unwrap())
    }
}

pub fn parse(text: &str) -> Vec<Value> {
    if text.starts_with('[') {
        let v: Value = serde_json::from_str(text).unwrap();
        v.as_array().unwrap().clone()
    } else {
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

/// `text[start..end]` by code points.
pub fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// `text[start..end]` by UTF-16 code units.
pub fn slice_utf16(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

/// Alice and Bob on the report: the long paragraph (with a span from Alice),
/// the second heading (Alice, not accepted) and the last paragraph (Bob, a
/// section no longer in the schema).
pub fn labeled() -> (Fixture, u32) {
    let fx = Fixture::new(0);
    let long = fx.text("甲.txt#1");
    let start = long[..long.find(SPAN).unwrap()].chars().count() as u32;
    let mut a1 = fx.label(
        "甲.txt#1",
        "achievement",
        &["vaccination_rate", "retired_indicator"],
        true,
    );
    a1.spans = vec![Span {
        start,
        end: start + SPAN.chars().count() as u32,
        label: "vaccination_rate".into(),
    }];
    let a2 = fx.label("甲.txt#2", "heading", &[], false);
    fx.put("alice", &[a1, a2]);
    let b1 = fx.label("甲.txt#1", "indicator_report", &["vaccination_rate"], true);
    let b3 = fx.label("甲.txt#3", "old_problem", &[], true);
    fx.put("bob", &[b1, b3]);
    (fx, start)
}

/// `label` as a gold label: accepted, decided (`source`) from
/// `annotators`' labels by `reviewer`.
pub fn gold(mut label: Label, source: &str, annotators: &[&str], reviewer: Option<&str>) -> Label {
    label.done = true;
    label.source = Some(source.to_owned());
    label.annotators = annotators.iter().map(|a| a.to_string()).collect();
    label.reviewer = reviewer.map(str::to_owned);
    label
}
