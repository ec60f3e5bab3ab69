//! The team at work on one labels dir, in a real terminal: alice's and
//! bob's labeling screens stay open (tmux) while the lead runs `agree`,
//! `export`, `stats`, `corpus`, `review --queue`, the review screen and
//! `export --gold`, and `import`. Readers see every label the screens
//! showed as saved before they started; an import into a store a screen
//! holds is refused, naming who holds it, and writes nothing.

mod tmux_common;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use tmux_common::{jsonl, Tmux, BIN};

/// Full-width punctuation, `　　` indents, Extension B, emoji, half-width
/// kana, a tab and ESC.
const REPORT: &str = concat!(
    "一、2023年工作成效\n",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%。\n",
    "　　𠀀字、emoji😀、ｶﾞ、制表\t符与\u{1b}[31m转义序列照原样保存——同比下降12.5%。\n",
    "二、存在问题\n",
    "　　基层医疗人才匮乏，乡村医生老龄化严重（平均年龄58岁）。\n",
);

struct Team {
    root: tempfile::TempDir,
    corpus: String,
    labels: String,
}

impl Team {
    fn new() -> Team {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("corpus")).unwrap();
        std::fs::create_dir_all(root.path().join("labels")).unwrap();
        std::fs::write(root.path().join("corpus/报告甲.txt"), REPORT).unwrap();
        std::fs::copy("labels/schema.toml", root.path().join("labels/schema.toml")).unwrap();
        let dir = |d: &str| root.path().join(d).to_str().unwrap().to_owned();
        let (corpus, labels) = (dir("corpus"), dir("labels"));
        Team {
            root,
            corpus,
            labels,
        }
    }

    fn path(&self) -> &Path {
        self.root.path()
    }

    fn args<'a>(&'a self, rest: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["--corpus", &self.corpus, "--labels", &self.labels];
        args.extend_from_slice(rest);
        args
    }

    fn run(&self, rest: &[&str]) -> Output {
        Command::new(BIN).args(self.args(rest)).output().unwrap()
    }

    fn ok(&self, rest: &[&str]) -> Vec<u8> {
        let out = self.run(rest);
        assert!(
            out.status.success(),
            "{rest:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    fn screen(&self, annotator: &str) -> Tmux {
        let args = self.args(&["--annotator", annotator, "--new-annotator"]);
        let t = Tmux::start(100, 30, &args);
        t.wait_for("the first frame", |s| {
            s.contains(annotator) && s.contains("工作成效")
        });
        t
    }
}

/// The (annotator, para, section) of every exported record, sorted.
fn exported(team: &Team) -> Vec<(String, u64, String)> {
    let mut records: Vec<_> = jsonl(&team.ok(&["export"]))
        .iter()
        .map(|r| {
            (
                r["annotator"].as_str().unwrap().to_owned(),
                r["para"].as_u64().unwrap(),
                r["section"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    records.sort();
    records
}

#[test]
fn readers_work_while_screens_are_open_and_see_every_saved_label() {
    let team = Team::new();
    let alice = team.screen("alice");
    let bob = team.screen("bob");
    // alice: heading, then achievement + an indicator; bob: heading, problem.
    alice.type_text("h");
    alice.keys(&["Enter"]);
    alice.type_text("a1");
    alice.wait_for("alice's label saved", |s| s.contains("saved"));
    bob.type_text("h");
    bob.keys(&["Enter"]);
    bob.type_text("p");
    bob.wait_for("bob's label saved", |s| s.contains("saved"));

    // Both screens still open: every reader works and sees both labels.
    assert!(alice.alive() && bob.alive());
    let records = exported(&team);
    assert_eq!(
        records,
        [
            ("alice".into(), 0, "heading".into()),
            ("alice".into(), 1, "achievement".into()),
            ("bob".into(), 0, "heading".into()),
            ("bob".into(), 1, "problem".into()),
        ]
    );
    let alice_1 = jsonl(&team.ok(&["export", "--annotator", "alice"]))
        .into_iter()
        .find(|r| r["para"] == 1)
        .unwrap();
    assert_eq!(
        alice_1["indicators"],
        serde_json::json!(["vaccination_rate"])
    );
    assert!(alice_1["text"].as_str().unwrap().contains("98.5%，"));

    let agree: Value = serde_json::from_slice(&team.ok(&["agree", "--json"])).unwrap();
    assert_eq!(agree["annotators"], serde_json::json!(["alice", "bob"]));
    assert_eq!(agree["section"]["items"], 2);
    assert_eq!(agree["section"]["percent_agreement"], 0.5);
    let corpus = String::from_utf8(team.ok(&["corpus"])).unwrap();
    assert!(corpus.contains("报告甲.txt"), "{corpus}");
    // stats: both annotators' labels, the indicator, the queue of one.
    let stats: Value = serde_json::from_slice(&team.ok(&["stats", "--json"])).unwrap();
    let names: Vec<&str> = stats["annotators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob"]);
    assert_eq!(stats["annotators"][0]["labeled"], 2);
    assert_eq!(stats["annotators"][0]["done"], 1);
    assert_eq!(stats["annotators"][0]["indicators"]["vaccination_rate"], 1);
    assert_eq!(stats["annotators"][1]["sections"]["problem"], 1);
    assert_eq!(stats["gold"]["queue"], 1);
    assert_eq!(stats["gold"]["unanimous"], 1);
    let text = String::from_utf8(team.ok(&["stats"])).unwrap();
    assert!(text.contains("review queue        1"), "{text}");

    // The review queue, and the review screen deciding into gold while
    // both labeling screens stay open; `export --gold` reads the gold set
    // while the review screen holds it.
    let queue = jsonl(&team.ok(&["review", "--queue"]));
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["para"], 1);
    assert_eq!(queue[0]["votes"][0]["annotator"], "alice");
    assert_eq!(queue[0]["votes"][0]["section"], "achievement");
    assert_eq!(queue[0]["votes"][1]["section"], "problem");
    assert_eq!(queue[0]["decided"], Value::Null);
    let review = Tmux::start(100, 30, &team.args(&["review", "--reviewer", "lead"]));
    review.wait_for("the review screen", |s| s.contains("decided 0/1"));
    review.keys(&["F1"]);
    review.wait_for("alice's version", |s| s.contains("gold: alice's version"));
    review.keys(&["Enter"]);
    review.wait_for("the decision saved", |s| s.contains("decided 1/1"));
    assert!(review.alive() && alice.alive() && bob.alive());
    let stats: Value = serde_json::from_slice(&team.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["gold"]["decided"], 1, "{stats}");
    assert_eq!(stats["gold"]["left"], 0);
    let gold = jsonl(&team.ok(&["export", "--gold"]));
    let gold: Vec<(u64, &str, &str)> = gold
        .iter()
        .map(|r| {
            (
                r["para"].as_u64().unwrap(),
                r["section"].as_str().unwrap(),
                r["source"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        gold,
        [
            (0, "heading", "unanimous"),
            (1, "achievement", "adjudicated")
        ]
    );
    let queue = jsonl(&team.ok(&["review", "--queue"]));
    assert_eq!(queue[0]["decided"]["reviewer"], "lead", "{queue:?}");
    review.keys(&["q"]);
    assert!(review.wait_exit());

    // A label saved a moment ago is in the very next read.
    alice.keys(&["Enter"]);
    alice.type_text("p");
    // (The status line says `all 2/5` once the second is accepted; the
    // frame that shows the third label comes after its save.)
    let screen = alice.wait_for("the third label saved", |s| {
        s.contains("all 2/") && s.contains("saved")
    });
    let records = exported(&team);
    assert!(
        records.contains(&("alice".into(), 2, "problem".into())),
        "{records:?}\n{screen}"
    );

    // An import into alice's store while her screen holds it: refused,
    // naming the process and since when, and nothing written.
    let record = serde_json::json!({
        "id": "报告甲.txt#3", "doc": "报告甲.txt", "para": 3,
        "text": "二、存在问题", "annotator": "alice", "section": "heading",
        "indicators": [], "spans": [], "flags": [], "note": null,
        "updated_at": "2026-12-01T10:00:00Z", "duration_ms": 1000
    });
    let carol = serde_json::json!({
        "id": "报告甲.txt#3", "doc": "报告甲.txt", "para": 3,
        "text": "二、存在问题", "annotator": "carol", "section": "heading",
        "indicators": [], "spans": [], "flags": [], "note": null,
        "updated_at": "2026-12-01T10:00:00Z", "duration_ms": 1000
    });
    let file = team.path().join("in.jsonl");
    std::fs::write(&file, format!("{carol}\n{record}\n")).unwrap();
    let out = team.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let pid = alice.pane_pid();
    for part in [
        "alice.sled\" is in use by another biaozhu session of \"alice\"",
        // The harness puts --no-suggest first (tmux_common::command_line).
        &format!("pid {pid} (`biaozhu --no-suggest --corpus"),
        "--annotator alice --new-annotator`",
        " UTC (",
        "reading commands (export, agree, stats, review --queue, corpus) work meanwhile",
    ] {
        assert!(err.contains(part), "{part:?} not in {err}");
    }
    assert!(!team.path().join("labels/carol.sled").exists(), "{err}");
    assert_eq!(exported(&team).len(), 5);

    alice.keys(&["q"]);
    bob.keys(&["q"]);
    assert!(alice.wait_exit() && bob.wait_exit());
    // Closed: the import goes in.
    team.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(exported(&team).len(), 7);
}
