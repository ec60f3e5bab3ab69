//! `biaozhu import FILE…` from the command line: round trip with export,
//! idempotence, newest wins, moved paragraphs, orphans kept with their
//! text, bad lines reported with file:line, unreadable files.

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore, Span};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

const REPORT: &str = "一、总体情况\n　　全年儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化；𠀀字照原样保存。\n二、存在问题\n　　基层人才匮乏（平均年龄58岁），《规范》落实不到位。\n";
const OTHER: &str = "三、下一步打算\n　　继续深化医改，力争孕产妇系统管理率达到90%以上！\n";

const T0: &str = "2026-11-22T10:00:00Z";
const T1: &str = "2026-11-23T09:30:00.250Z";

struct Setup {
    root: tempfile::TempDir,
    corpus: PathBuf,
    labels: PathBuf,
}

fn setup() -> Setup {
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

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

fn biaozhu(corpus: &Path, labels: &Path, args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .arg("--corpus")
        .arg(corpus)
        .arg("--labels")
        .arg(labels)
        .args(args)
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code(),
    }
}

fn import(s: &Setup, labels: &Path, files: &[&Path]) -> Run {
    let mut args = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    biaozhu(&s.corpus, labels, &args)
}

fn export(s: &Setup, labels: &Path) -> String {
    let run = biaozhu(&s.corpus, labels, &["export"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run.stdout
}

fn label(doc: &str, para: u32, text: &str, section: &str, at: &str) -> Label {
    let mut l = Label::empty(doc, para, &content_hash(text));
    l.section = Some(section.to_owned());
    l.updated_at = at.to_owned();
    l
}

/// A native record line as `biaozhu export` writes it.
fn record(annotator: &str, doc: &str, para: u32, text: &str, section: &str, at: &str) -> String {
    serde_json::json!({
        "id": format!("{doc}#{para}"), "doc": doc, "para": para, "text": text,
        "hash": content_hash(text), "annotator": annotator, "section": section,
        "indicators": [], "spans": [], "flags": [], "note": null,
        "updated_at": at, "duration_ms": 1200, "done": true,
    })
    .to_string()
}

fn write(s: &Setup, name: &str, lines: &[String]) -> PathBuf {
    let path = s.root.path().join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn first_line(run: &Run) -> &str {
    run.stdout.lines().next().unwrap_or_default()
}

const P1: &str = "　　全年儿童免疫规划疫苗接种率达到98.5%，“两学一做”常态化；𠀀字照原样保存。";
const P3: &str = "　　基层人才匮乏（平均年龄58岁），《规范》落实不到位。";

/// Labels of two annotators with every field used.
fn fill(labels: &Path) {
    let mut alice = SledStore::open(labels, "alice").unwrap();
    let mut l = label("报告.txt", 1, P1, "indicator_report", T0);
    l.indicators = vec!["vaccination_rate".into(), "funds".into()];
    l.spans = vec![
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
    l.note = Some("核对：98.5%，\"引号\"\n第二行".into());
    l.flags = vec!["review".into()];
    l.done = true;
    l.duration_ms = 5200;
    alice.put("报告.txt", 1, Some(&l), "section").unwrap();
    let l = label("报告.txt", 0, "一、总体情况", "heading", T1);
    alice.put("报告.txt", 0, Some(&l), "section").unwrap();
    let l = label(
        "sub/其他.txt",
        1,
        "　　继续深化医改，力争孕产妇系统管理率达到90%以上！",
        "plan",
        T0,
    );
    alice.put("sub/其他.txt", 1, Some(&l), "section").unwrap();
    drop(alice);
    let mut bob = SledStore::open(labels, "bob").unwrap();
    let mut l = label("报告.txt", 3, P3, "problem", "2026-11-22T10:00:00.123Z");
    l.indicators = vec!["workforce".into()];
    l.done = true;
    l.duration_ms = 61_000;
    bob.put("报告.txt", 3, Some(&l), "section").unwrap();
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let s = setup();
    fill(&s.labels);
    let first = export(&s, &s.labels);
    assert_eq!(first.lines().count(), 4, "{first}");
    let file = s.root.path().join("all.jsonl");
    std::fs::write(&file, &first).unwrap();
    let fresh = s.root.path().join("fresh");
    let run = import(&s, &fresh, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 4 records: 4 new, 0 updated, 0 unchanged"
    );
    assert!(run.stdout.contains("  alice: 3 new"), "{}", run.stdout);
    assert!(run.stdout.contains("  bob: 1 new"), "{}", run.stdout);
    assert_eq!(export(&s, &fresh), first);
    // The stored labels are the originals (no text, every field).
    let ours = SledStore::open(&s.labels, "alice")
        .unwrap()
        .labels()
        .unwrap();
    let theirs = SledStore::open(&fresh, "alice").unwrap().labels().unwrap();
    assert_eq!(ours, theirs);
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let s = setup();
    fill(&s.labels);
    let file = s.root.path().join("all.jsonl");
    std::fs::write(&file, export(&s, &s.labels)).unwrap();
    // Importing into the very store it came from: nothing to do.
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 4 records: 0 new, 0 updated, 4 unchanged"
    );
    let fresh = s.root.path().join("fresh");
    import(&s, &fresh, &[&file]);
    let history = |who| {
        SledStore::open(&fresh, who)
            .unwrap()
            .history()
            .unwrap()
            .len()
    };
    let before = (history("alice"), history("bob"));
    assert_eq!(before, (3, 1));
    let run = import(&s, &fresh, &[&file, &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 2 files, 8 records: 0 new, 0 updated, 8 unchanged"
    );
    assert_eq!((history("alice"), history("bob")), before);
}

#[test]
fn newest_wins_both_ways() {
    let s = setup();
    {
        let mut store = SledStore::open(&s.labels, "carol").unwrap();
        // Local newer on para 0, local older on para 1.
        let l = label("报告.txt", 0, "一、总体情况", "heading", T1);
        store.put("报告.txt", 0, Some(&l), "section").unwrap();
        let l = label("报告.txt", 1, P1, "achievement", T0);
        store.put("报告.txt", 1, Some(&l), "section").unwrap();
    }
    let file = write(
        &s,
        "carol.jsonl",
        &[
            record("carol", "报告.txt", 0, "一、总体情况", "overview", T0),
            // Newer than the local T0, written with an offset.
            record(
                "carol",
                "报告.txt",
                1,
                P1,
                "indicator_report",
                "2026-11-24T17:30:00+08:00",
            ),
        ],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 2 records: 0 new, 1 updated, 0 unchanged, \
         1 older (the local label is as new or newer: kept)"
    );
    let store = SledStore::open(&s.labels, "carol").unwrap();
    let get = |para| store.get("报告.txt", para).unwrap().unwrap();
    assert_eq!(get(0).section.as_deref(), Some("heading"));
    assert_eq!(get(0).updated_at, T1);
    assert_eq!(get(1).section.as_deref(), Some("indicator_report"));
    assert_eq!(get(1).updated_at, "2026-11-24T17:30:00+08:00");
    assert_eq!(get(1).text, None);
    let last = store.history().unwrap().pop().unwrap();
    assert_eq!(last.action, "import");
    assert_eq!(last.before.unwrap().section.as_deref(), Some("achievement"));
}

#[test]
fn a_moved_paragraph_takes_its_label_along() {
    let s = setup();
    fill(&s.labels);
    let file = s.root.path().join("all.jsonl");
    std::fs::write(&file, export(&s, &s.labels)).unwrap();
    // A line inserted at the top: every paragraph of 报告.txt moves down one.
    std::fs::write(s.corpus.join("报告.txt"), format!("前言：说明。\n{REPORT}")).unwrap();
    let fresh = s.root.path().join("fresh");
    let run = import(&s, &fresh, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        first_line(&run).contains("4 new")
            && first_line(&run).contains("; 3 attached where their text moved"),
        "{}",
        run.stdout
    );
    let store = SledStore::open(&fresh, "alice").unwrap();
    let l = store.get("报告.txt", 2).unwrap().unwrap();
    assert_eq!(l.hash, content_hash(P1));
    assert_eq!(l.spans.len(), 2);
    assert_eq!(
        store.get("报告.txt", 1).unwrap().unwrap().hash,
        content_hash("一、总体情况")
    );
    assert_eq!(store.get("报告.txt", 0).unwrap(), None);
    drop(store);
    let records: Vec<serde_json::Value> = export(&s, &fresh)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let moved = records.iter().find(|r| r["text"] == P1).unwrap();
    assert_eq!(moved["para"], 2);
    assert_eq!(moved["spans"][0]["text"], "接种率达到");
}

#[test]
fn a_record_whose_text_is_gone_is_kept_with_it() {
    let s = setup();
    let gone = "　　这段文字已被删除：𠀀，“引号”。";
    let file = write(
        &s,
        "dana.jsonl",
        &[
            record("dana", "报告.txt", 1, gone, "achievement", T0),
            record("dana", "报告.txt", 0, "一、总体情况", "heading", T0),
        ],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 2 records: 1 new, 0 updated, 0 unchanged, \
         1 orphaned (kept, not attached: their text is not in the corpus)"
    );
    {
        let mut store = SledStore::open(&s.labels, "dana").unwrap();
        assert_eq!(store.get("报告.txt", 1).unwrap(), None);
        let parked = store.parked().unwrap();
        assert_eq!(parked.len(), 1);
        assert_eq!(parked[0].text.as_deref(), Some(gone));
        assert_eq!(parked[0].section.as_deref(), Some("achievement"));
        assert!(store
            .history()
            .unwrap()
            .iter()
            .any(|h| h.action == "import-orphan"));
        // Labeling the paragraph now at that index leaves the orphan alone.
        let l = label("报告.txt", 1, P1, "indicator_report", T1);
        store.put("报告.txt", 1, Some(&l), "section").unwrap();
        assert_eq!(store.parked().unwrap(), parked);
    }
    // Export reports it and does not attach it to other text.
    let run = biaozhu(&s.corpus, &s.labels, &["export"]);
    assert!(!run.stdout.contains("achievement"), "{}", run.stdout);
    assert!(run.stderr.contains("not exported"), "{}", run.stderr);
    // Importing it again: already kept, nothing written.
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(
        first_line(&run),
        "imported 1 file, 2 records: 0 new, 0 updated, 2 unchanged"
    );
    let store = SledStore::open(&s.labels, "dana").unwrap();
    assert_eq!(store.parked().unwrap().len(), 1);
    assert_eq!(
        store
            .get("报告.txt", 1)
            .unwrap()
            .unwrap()
            .section
            .as_deref(),
        Some("indicator_report")
    );
}

#[test]
fn bad_lines_are_named_and_the_good_ones_imported() {
    let s = setup();
    let good = record("erin", "报告.txt", 0, "一、总体情况", "heading", T0);
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
    let good = write(
        &s,
        "ok.jsonl",
        &[record("fay", "报告.txt", 0, "一、总体情况", "heading", T0)],
    );
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
fn a_record_without_hash_gets_it_from_its_text() {
    let s = setup();
    let line = record("gus", "报告.txt", 3, P3, "problem", T0)
        .replace(&format!("\"hash\":\"{}\",", content_hash(P3)), "");
    assert!(!line.contains("hash"));
    let file = write(&s, "gus.jsonl", &[line]);
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let store = SledStore::open(&s.labels, "gus").unwrap();
    assert_eq!(
        store.get("报告.txt", 3).unwrap().unwrap().hash,
        content_hash(P3)
    );
}

#[test]
fn a_store_in_use_stops_the_import_before_any_write() {
    let s = setup();
    let file = write(
        &s,
        "two.jsonl",
        &[
            record("alice", "报告.txt", 0, "一、总体情况", "heading", T0),
            record("zed", "报告.txt", 0, "一、总体情况", "heading", T0),
        ],
    );
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

#[test]
fn stored_labels_are_brought_in_line_with_the_corpus_first() {
    let s = setup();
    {
        let mut store = SledStore::open(&s.labels, "hal").unwrap();
        let l = label("报告.txt", 1, P1, "achievement", T0);
        store.put("报告.txt", 1, Some(&l), "section").unwrap();
        let l = label("报告.txt", 3, "　　旧文字。", "problem", T0);
        store.put("报告.txt", 3, Some(&l), "section").unwrap();
    }
    std::fs::write(s.corpus.join("报告.txt"), format!("前言：说明。\n{REPORT}")).unwrap();
    // Exported on a machine that already has the new corpus: P1 is at 2.
    let file = write(
        &s,
        "hal.jsonl",
        &[record("hal", "报告.txt", 2, P1, "indicator_report", T1)],
    );
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "imported 1 file, 1 record: 0 new, 1 updated, 0 unchanged\n\
         note: already in the stores: 1 label followed its text to a new index; \
         1 label kept aside (its text is no longer in the corpus)\n"
    );
    let store = SledStore::open(&s.labels, "hal").unwrap();
    let labels = store.labels().unwrap();
    assert_eq!(labels.len(), 1);
    assert_eq!(
        (labels[0].para, labels[0].section.as_deref()),
        (2, Some("indicator_report"))
    );
    assert_eq!(store.parked().unwrap().len(), 1);
}

#[test]
fn annotator_flag_imports_only_those_records() {
    let s = setup();
    let file = write(
        &s,
        "both.jsonl",
        &[
            record("ivy", "报告.txt", 0, "一、总体情况", "heading", T0),
            record("jon", "报告.txt", 0, "一、总体情况", "heading", T0),
        ],
    );
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["--annotator", "ivy", "import", file.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "imported 1 file, 1 record: 1 new, 0 updated, 0 unchanged\n\
         note: 1 record of other annotators skipped (--annotator ivy)\n"
    );
    assert!(!SledStore::path_of(&s.labels, "jon").exists());
}
