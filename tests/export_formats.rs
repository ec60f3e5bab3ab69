//! `biaozhu export` in every format, from the command line: record shapes,
//! text equal to the corpus paragraph, span text equal to its slice, UTF-16
//! offsets for doccano, one Label Studio task per paragraph, the --section
//! and --only-complete filters, --split, and a broken pipe on stdout.

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore, Span};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

/// Extension B `𠀀` and an emoji before the span, so UTF-16 and code-point
/// offsets differ by 2; full-width punctuation and the `　　` indent.
const REPORT: &str = "一、2023年工作成效\n　　全区𠀀字、emoji😀，儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化。\n二、存在问题\n　　基层人才匮乏（平均年龄58岁）。\n";
const SPAN: &str = "接种率达到98.5%";

struct Fixture {
    _root: tempfile::TempDir,
    root: PathBuf,
    corpus: PathBuf,
    labels: PathBuf,
    /// id → text, as `biaozhu corpus --jsonl` reads the corpus.
    texts: BTreeMap<String, String>,
}

impl Fixture {
    fn new(extra_docs: usize) -> Fixture {
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
        let out = Command::new(BIN)
            .arg("--corpus")
            .arg(&corpus)
            .args(["corpus", "--jsonl"])
            .output()
            .unwrap();
        let texts = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (
                    v["id"].as_str().unwrap().to_owned(),
                    v["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        Fixture {
            _root: dir,
            labels: root.join("labels"),
            root,
            corpus,
            texts,
        }
    }

    fn text(&self, id: &str) -> &str {
        &self.texts[id]
    }

    /// A label on paragraph `id`, with the hash of its current text.
    fn label(&self, id: &str, section: &str, indicators: &[&str], done: bool) -> Label {
        let (doc, para) = id.rsplit_once('#').unwrap();
        let mut l = Label::new(doc, para.parse().unwrap(), &content_hash(self.text(id)));
        l.section = Some(section.to_owned());
        l.indicators = indicators.iter().map(|s| s.to_string()).collect();
        l.done = done;
        l.duration_ms = 4200;
        l
    }

    fn put(&self, annotator: &str, labels: &[Label]) {
        let mut s = SledStore::open(&self.labels, annotator).unwrap();
        s.put_many(labels, "test").unwrap();
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--corpus")
            .arg(&self.corpus)
            .arg("--labels")
            .arg(&self.labels)
            .arg("export")
            .args(args)
            .output()
            .unwrap()
    }

    /// The JSONL (or, for Label Studio, JSON list) records of an export.
    fn export(&self, args: &[&str]) -> Vec<Value> {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        parse(&String::from_utf8(out.stdout).unwrap())
    }
}

fn parse(text: &str) -> Vec<Value> {
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
fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// `text[start..end]` by UTF-16 code units.
fn slice_utf16(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

/// Alice and Bob on the report: the long paragraph (with a span from Alice),
/// the second heading (Alice, not accepted) and the last paragraph (Bob, a
/// section no longer in the schema).
fn labeled() -> (Fixture, u32) {
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

#[test]
fn native_records_match_the_corpus() {
    let (fx, start) = labeled();
    let records = fx.export(&[]);
    assert_eq!(records.len(), 4);
    for r in &records {
        assert_eq!(r["text"], fx.text(r["id"].as_str().unwrap()));
        for s in r["spans"].as_array().unwrap() {
            let text = slice(
                r["text"].as_str().unwrap(),
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
            );
            assert_eq!(s["text"], text);
        }
    }
    // Paragraph order, then annotator order.
    let order: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["annotator"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            ("甲.txt#1", "alice"),
            ("甲.txt#1", "bob"),
            ("甲.txt#2", "alice"),
            ("甲.txt#3", "bob")
        ]
    );
    assert_eq!(records[0]["spans"][0]["start"], start);
    assert_eq!(records[0]["spans"][0]["text"], SPAN);
}

#[test]
fn prodigy_tasks() {
    let (fx, start) = labeled();
    let tasks = fx.export(&["--format", "prodigy"]);
    // alice#1: section, indicators, spans; bob#1: section, indicators;
    // alice#2: section (not done, no indicators); bob#3: section, indicators.
    let kinds: Vec<String> = tasks
        .iter()
        .map(|t| {
            format!(
                "{}/{}",
                t["meta"]["annotator"].as_str().unwrap(),
                t["meta"]["kind"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "alice/section",
            "alice/indicators",
            "alice/spans",
            "bob/section",
            "bob/indicators",
            "alice/section",
            "bob/section",
            "bob/indicators"
        ]
    );
    for t in &tasks {
        let id = t["meta"]["id"].as_str().unwrap();
        assert_eq!(t["text"], fx.text(id));
        assert_eq!(t["answer"], "accept");
        for key in ["_input_hash", "_task_hash"] {
            let h = t[key].as_i64().unwrap();
            assert!(i32::try_from(h).is_ok(), "{key} {h}");
        }
        assert!(t["_timestamp"].as_i64().unwrap() > 1_700_000_000);
        assert_eq!(
            t["_annotator_id"],
            format!("biaozhu-{}", t["meta"]["annotator"].as_str().unwrap())
        );
        assert_eq!(t["_session_id"], t["_annotator_id"]);
        for key in ["doc", "para", "id", "hash"] {
            assert!(!t["meta"][key].is_null(), "meta.{key}");
        }
    }
    let section = &tasks[0];
    assert_eq!(section["_view_id"], "choice");
    assert_eq!(section["config"]["choice_style"], "single");
    assert_eq!(section["accept"], serde_json::json!(["achievement"]));
    let options = section["options"].as_array().unwrap();
    assert!(options.contains(&serde_json::json!({"id": "achievement", "text": "工作成效"})));
    // Every annotator's task on one paragraph asks the same question.
    assert_eq!(tasks[0]["_task_hash"], tasks[3]["_task_hash"]);
    assert_eq!(tasks[0]["_input_hash"], tasks[2]["_input_hash"]);
    let indicators = &tasks[1];
    assert_eq!(indicators["config"]["choice_style"], "multiple");
    let last = indicators["options"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last,
        serde_json::json!({"id": "retired_indicator", "text": "retired_indicator"})
    );
    // The unknown section of bob's last label is an option too.
    assert!(tasks[6]["options"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"id": "old_problem", "text": "old_problem"})));

    let spans = &tasks[2];
    assert_eq!(spans["_view_id"], "spans_manual");
    let text = spans["text"].as_str().unwrap();
    let tokens = spans["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), text.chars().count());
    let joined: String = tokens.iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(joined, text);
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(
            (t["id"].as_u64(), t["start"].as_u64(), t["end"].as_u64()),
            (Some(i as u64), Some(i as u64), Some(i as u64 + 1))
        );
        assert_eq!(t["ws"], false);
    }
    let s = &spans["spans"][0];
    let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
    assert_eq!(a, start as u64);
    assert_eq!(slice(text, a, b), SPAN);
    assert_eq!(s["text"], SPAN);
    assert_eq!(s["token_start"], a);
    assert_eq!(s["token_end"], b - 1);
    assert_eq!(s["label"], "vaccination_rate");
}

#[test]
fn doccano_classification_and_utf16_spans() {
    let (fx, start) = labeled();
    let raw = fx.run(&["--format", "doccano"]).stdout;
    assert!(
        !raw.iter().any(|&b| b >= 0xF0),
        "characters outside the BMP are \\u-escaped for doccano's encoding guess"
    );
    let lines = fx.export(&["--format", "doccano"]);
    assert_eq!(lines.len(), 4);
    for l in &lines {
        assert_eq!(l["text"], fx.text(l["id"].as_str().unwrap()));
        for key in ["doc", "para", "hash", "annotator"] {
            assert!(!l[key].is_null(), "{key}");
        }
    }
    assert_eq!(
        lines[0]["label"],
        serde_json::json!(["achievement", "retired_indicator", "vaccination_rate"])
    );
    assert_eq!(lines[3]["label"], serde_json::json!(["old_problem"]));

    let out = fx.run(&["--format", "doccano", "--doccano-task", "spans"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 labels have no spans"));
    let lines = parse(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), 1);
    let l = &lines[0];
    let text = l["text"].as_str().unwrap();
    assert_eq!(text, fx.text("甲.txt#1"));
    let [s, e, label] = l["label"][0].as_array().unwrap().as_slice() else {
        panic!("{l}")
    };
    let (s, e) = (s.as_u64().unwrap(), e.as_u64().unwrap());
    assert_eq!(slice_utf16(text, s, e), SPAN);
    // 𠀀 and 😀 come before the span: two UTF-16 units more than code points.
    assert_eq!(s, start as u64 + 2);
    assert_eq!(label, "vaccination_rate");
    assert_eq!(l["annotator"], "alice");
}

#[test]
fn label_studio_groups_annotators_into_one_task() {
    let (fx, start) = labeled();
    let tasks = fx.export(&["--format", "label-studio"]);
    assert_eq!(tasks.len(), 3, "one task per labeled paragraph");
    for t in &tasks {
        assert_eq!(
            t["data"]["text"],
            fx.text(t["data"]["paragraph_id"].as_str().unwrap())
        );
    }
    let t = &tasks[0];
    let annotations = t["annotations"].as_array().unwrap();
    let who: Vec<&Value> = annotations
        .iter()
        .map(|a| &a["completed_by"]["email"])
        .collect();
    assert_eq!(who, ["alice@biaozhu.local", "bob@biaozhu.local"]);
    let alice = annotations[0]["result"].as_array().unwrap();
    let section = &alice[0];
    assert_eq!(
        (&section["from_name"], &section["to_name"], &section["type"]),
        (
            &Value::from("section"),
            &Value::from("text"),
            &Value::from("choices")
        )
    );
    assert_eq!(
        section["value"]["choices"],
        serde_json::json!(["achievement"])
    );
    assert_eq!(alice[1]["from_name"], "indicators");
    assert_eq!(
        alice[1]["value"]["choices"],
        serde_json::json!(["retired_indicator", "vaccination_rate"])
    );
    let span = &alice[2];
    assert_eq!(
        (&span["from_name"], &span["type"]),
        (&Value::from("label"), &Value::from("labels"))
    );
    let v = &span["value"];
    let (a, b) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
    assert_eq!(a, start as u64, "code points");
    assert_eq!(slice(t["data"]["text"].as_str().unwrap(), a, b), SPAN);
    assert_eq!(v["text"], SPAN);
    assert_eq!(v["labels"], serde_json::json!(["vaccination_rate"]));
    let ids: BTreeSet<&str> = tasks
        .iter()
        .flat_map(|t| t["annotations"].as_array().unwrap())
        .flat_map(|a| a["result"].as_array().unwrap())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 7, "result ids are unique");
    assert_eq!(annotations[0]["ground_truth"], false);
    assert_eq!(annotations[0]["lead_time"], 4.2);
    // Stable: the same export twice is the same bytes.
    assert_eq!(
        fx.run(&["--format", "label-studio"]).stdout,
        fx.run(&["--format", "label-studio"]).stdout
    );
}

#[test]
fn section_and_only_complete_filters() {
    let (fx, _) = labeled();
    let ids = |args: &[&str]| -> Vec<String> {
        fx.export(args)
            .iter()
            .map(|r| {
                format!(
                    "{}/{}",
                    r["id"].as_str().unwrap(),
                    r["annotator"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(ids(&["--section", "achievement"]), ["甲.txt#1/alice"]);
    assert_eq!(
        ids(&["--section", "achievement", "--section", "old_problem"]),
        ["甲.txt#1/alice", "甲.txt#3/bob"]
    );
    // In the schema but on no label: fine, and empty.
    assert!(ids(&["--section", "plan"]).is_empty());
    assert_eq!(
        ids(&["--only-complete"]),
        ["甲.txt#1/alice", "甲.txt#1/bob", "甲.txt#3/bob"]
    );
    assert_eq!(
        ids(&["--only-complete", "--section", "heading"]),
        Vec::<String>::new()
    );
    let lines = fx.export(&["--format", "label-studio", "--section", "indicator_report"]);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["annotations"].as_array().unwrap().len(), 1);

    let out = fx.run(&["--section", "no_such_section"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no_such_section"));
}

/// Docs d00..d19, three paragraphs each, labeled by two annotators.
fn many_docs() -> Fixture {
    let fx = Fixture::new(20);
    for who in ["alice", "bob"] {
        let labels: Vec<Label> = fx
            .texts
            .keys()
            .filter(|id| id.starts_with('d'))
            .map(|id| fx.label(id, "achievement", &["family_doctor"], true))
            .collect();
        fx.put(who, &labels);
    }
    fx
}

fn split_files(fx: &Fixture, dir: &Path, args: &[&str]) -> Vec<Vec<u8>> {
    let dir_s = dir.to_str().unwrap();
    let mut all = vec!["-o", dir_s];
    all.extend_from_slice(args);
    let out = fx.run(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let ext = if args.contains(&"label-studio") {
        "json"
    } else {
        "jsonl"
    };
    ["train", "dev", "test"]
        .iter()
        .map(|s| std::fs::read(dir.join(format!("{s}.{ext}"))).unwrap())
        .collect()
}

#[test]
fn split_by_document_deterministic_for_a_seed() {
    let fx = many_docs();
    let a = split_files(
        &fx,
        &fx.root.join("a"),
        &["--split", "80/10/10", "--seed", "1"],
    );
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut counts = [0usize; 3];
    for (k, bytes) in a.iter().enumerate() {
        for r in parse(std::str::from_utf8(bytes).unwrap()) {
            counts[k] += 1;
            let doc = r["doc"].as_str().unwrap().to_owned();
            assert_eq!(
                *seen.entry(doc.clone()).or_insert(k),
                k,
                "{doc} in two splits"
            );
            assert_eq!(r["text"], fx.text(r["id"].as_str().unwrap()));
        }
    }
    assert_eq!(counts.iter().sum::<usize>(), 120);
    assert_eq!(seen.len(), 20);
    assert_eq!(counts, [96, 12, 12], "20 equal docs: 16/2/2");
    let again = split_files(
        &fx,
        &fx.root.join("b"),
        &["--split", "80/10/10", "--seed", "1"],
    );
    assert_eq!(a, again, "same seed, same files");
    let differs = (2..10).any(|seed| {
        let dir = fx.root.join(format!("s{seed}"));
        split_files(
            &fx,
            &dir,
            &["--split", "80/10/10", "--seed", &seed.to_string()],
        ) != a
    });
    assert!(differs, "another seed, another split");
    // Label Studio: .json lists; the default seed is 0.
    let ls = split_files(
        &fx,
        &fx.root.join("ls"),
        &["--format", "label-studio", "--split", "60/20/20"],
    );
    let tasks: usize = ls
        .iter()
        .map(|b| parse(std::str::from_utf8(b).unwrap()).len())
        .sum();
    assert_eq!(tasks, 60);
    let leftovers: Vec<_> = std::fs::read_dir(fx.root.join("ls"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bad_split_values_are_usage_errors() {
    let fx = many_docs();
    let dir = fx.root.join("out");
    let dir = dir.to_str().unwrap();
    for bad in [
        "80/10",
        "80/10/5",
        "a/b/c",
        "-10/60/50",
        "80/10/10/0",
        "80,10,10",
    ] {
        let out = fx.run(&[&format!("--split={bad}"), "-o", dir]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("--split {bad}")), "{bad}: {err}");
    }
    let out = fx.run(&["--split", "80/10/10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o DIR"));
    assert!(!Path::new(dir).exists(), "nothing written");
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let fx = Fixture::new(0);
    let corpus = fx.corpus.join("长.txt");
    let text: String = (0..2000)
        .map(|i| format!("　　第{i}段：全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%，家庭医生签约服务覆盖率达到45.2%。\n"))
        .collect();
    std::fs::write(&corpus, text).unwrap();
    let ids: Vec<String> = {
        let out = Command::new(BIN)
            .arg("--corpus")
            .arg(&fx.corpus)
            .args(["corpus", "--jsonl"])
            .output()
            .unwrap();
        parse(&String::from_utf8(out.stdout).unwrap())
            .iter()
            .filter(|p| p["doc"] == "长.txt")
            .map(|p| p["text"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids.len(), 2000);
    let labels: Vec<Label> = ids
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut l = Label::new("长.txt", i as u32, &content_hash(t));
            l.section = Some("achievement".into());
            l
        })
        .collect();
    fx.put("alice", &labels);
    for format in ["native", "label-studio"] {
        let mut child = Command::new(BIN)
            .arg("--corpus")
            .arg(&fx.corpus)
            .arg("--labels")
            .arg(&fx.labels)
            .args(["export", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 4096];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}
