//! Fixtures shared by the `biaozhu import` tests (`import_*.rs`): a small
//! corpus of two reports, running the binary, native record lines, and
//! stores filled with labels of two annotators.
#![allow(dead_code)]

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore, Span};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

pub const REPORT: &str = "一、总体情况\n　　全年儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化；𠀀字照原样保存。\n二、存在问题\n　　基层人才匮乏（平均年龄58岁），《规范》落实不到位。\n";
pub const OTHER: &str = "三、下一步打算\n　　继续深化医改，力争孕产妇系统管理率达到90%以上！\n";

pub const T0: &str = "2026-11-22T10:00:00Z";
pub const T1: &str = "2026-11-23T09:30:00.250Z";

pub struct Setup {
    pub root: tempfile::TempDir,
    pub corpus: PathBuf,
    pub labels: PathBuf,
}

pub fn setup() -> Setup {
    let root = tempfile::tempdir().unwrap();
    let corpus = root.path().join("corpus");
    let labels = root.path().join("labels");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::write(corpus.join("报告.txt"), REPORT).unwrap();
    std::fs::write(corpus.join("sub/其他.txt"), OTHER).unwrap();
    Setup {
        root,
        corpus,
        labels,
    }
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

pub fn biaozhu(corpus: &Path, labels: &Path, args: &[&str]) -> Run {
    run(Command::new(BIN)
        .arg("--corpus")
        .arg(corpus)
        .arg("--labels")
        .arg(labels)
        .args(args))
}

/// Run `command` to its end, collecting what it printed.
pub fn run(command: &mut Command) -> Run {
    let out = command.output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code(),
    }
}

/// `biaozhu import FILE` of `corpus` into `labels`, which must succeed.
pub fn import_ok(corpus: &Path, labels: &Path, file: &Path) {
    let run = biaozhu(corpus, labels, &["import", &file.to_string_lossy()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

pub fn import(s: &Setup, labels: &Path, files: &[&Path]) -> Run {
    let mut args = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    biaozhu(&s.corpus, labels, &args)
}

pub fn export(s: &Setup, labels: &Path) -> String {
    let run = biaozhu(&s.corpus, labels, &["export"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run.stdout
}

pub fn label(doc: &str, para: u32, text: &str, section: &str, at: &str) -> Label {
    let mut l = Label::empty(doc, para, &content_hash(text));
    l.section = Some(section.to_owned());
    l.updated_at = at.to_owned();
    l
}

/// A native record line as `biaozhu export` writes it.
pub fn record(
    annotator: &str,
    doc: &str,
    para: u32,
    text: &str,
    section: &str,
    at: &str,
) -> String {
    serde_json::json!({
        "id": format!("{doc}#{para}"), "doc": doc, "para": para, "text": text,
        "hash": content_hash(text), "annotator": annotator, "section": section,
        "indicators": [], "spans": [], "flags": [], "note": null,
        "updated_at": at, "duration_ms": 1200, "done": true,
    })
    .to_string()
}

/// The record of `annotator` labeling 报告.txt's first paragraph a heading.
pub fn heading(annotator: &str) -> String {
    record(annotator, "报告.txt", 0, P0, "heading", T0)
}

pub fn write(s: &Setup, name: &str, lines: &[String]) -> PathBuf {
    let path = s.root.path().join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

pub fn first_line(run: &Run) -> &str {
    run.stdout.lines().next().unwrap_or_default()
}

pub const P0: &str = "一、总体情况";
pub const P1: &str = "　　全年儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化；𠀀字照原样保存。";
pub const P3: &str = "　　基层人才匮乏（平均年龄58岁），《规范》落实不到位。";

/// Labels of two annotators with every field used.
pub fn fill(labels: &Path) {
    let mut full = label("报告.txt", 1, P1, "indicator_report", T0);
    full.indicators = vec!["vaccination_rate".into(), "funds".into()];
    full.spans = vec![
        Span {
            start: 12,
            end: 17,
            label: "vaccination_rate".into(),
        },
        Span {
            start: 31,
            end: 32,
            label: "other".into(),
        },
    ];
    full.note = Some("核对：98.5%，\"引号\"\n第二行".into());
    full.flags = vec!["review".into()];
    full.done = true;
    full.duration_ms = Some(5200);
    let plan = label(
        "sub/其他.txt",
        1,
        "　　继续深化医改，力争孕产妇系统管理率达到90%以上！",
        "plan",
        T0,
    );
    put(
        labels,
        "alice",
        &[full, label("报告.txt", 0, P0, "heading", T1), plan],
    );
    let mut l = label("报告.txt", 3, P3, "problem", "2026-11-22T10:00:00.123Z");
    l.indicators = vec!["workforce".into()];
    l.done = true;
    l.duration_ms = Some(61_000);
    put(labels, "bob", &[l]);
}

/// Store `labels` one by one in `annotator`'s store, as the labeling
/// screen does.
pub fn put(labels_dir: &Path, annotator: &str, labels: &[Label]) {
    let mut store = SledStore::open(labels_dir, annotator).unwrap();
    for l in labels {
        store.put(&l.doc, l.para, Some(l), "section").unwrap();
    }
}
