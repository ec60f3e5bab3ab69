//! End to end in a real terminal: three annotators' labels come in with
//! `biaozhu import`, two disagreements are adjudicated by keystroke in
//! `biaozhu review` running in tmux, and `biaozhu export --gold` gives the
//! gold set with its provenance.

mod tmux_common;

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use tmux_common::{Tmux, BIN};

/// A report with full-width punctuation, `　　` indents, Extension B,
/// emoji, half-width kana, a tab and ESC.
const REPORT: &str = concat!(
    "一、2023年工作成效\n",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%，投入资金1,160万元。\n",
    "　　报告乙类传染病1,203例——同比下降12.5%；𠀀字、emoji😀、ｶﾞ、制表\t符与\u{1b}[31m转义序列照原样保存。\n",
    "二、存在问题\n",
    "　　基层医疗人才匮乏，乡村医生老龄化严重（平均年龄58岁）。\n",
    "三、下一步打算\n",
    "　　推进家庭医生签约服务扩面提质，力争孕产妇系统管理率达到90%以上。\n",
);

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn jsonl(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Each annotator's labels on paragraphs 0..7: (section, indicators).
/// Paragraph 2 (𠀀, emoji, ESC): three different sections, no majority.
/// Paragraph 1: alice and bob say achievement, carol indicator_report.
/// Everything else: unanimous.
fn plan(annotator: usize, para: usize) -> (&'static str, Vec<&'static str>) {
    match (para, annotator) {
        (0 | 3 | 5, _) => ("heading", vec![]),
        (1, 0) => ("achievement", vec!["vaccination_rate", "funds"]),
        (1, 1) => ("achievement", vec!["vaccination_rate"]),
        (1, _) => ("indicator_report", vec!["vaccination_rate"]),
        (2, 0) => ("achievement", vec![]),
        (2, 1) => ("problem", vec!["infectious_disease"]),
        (2, _) => ("other", vec![]),
        (4, _) => ("problem", vec!["workforce"]),
        (_, _) => ("plan", vec!["family_doctor"]),
    }
}

/// `biaozhu export --gold` on `root`'s corpus and labels, as JSON values.
fn export_gold(root: &Path) -> Vec<Value> {
    let out = run(root, &["export", "--gold"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    jsonl(&out.stdout)
}

/// `biaozhu review --reviewer lead` on `root`'s corpus and labels, in tmux.
fn review(root: &Path) -> Tmux {
    review_as(root, "lead")
}

/// `biaozhu review --reviewer <reviewer>` on `root`'s corpus and labels.
fn review_as(root: &Path, reviewer: &str) -> Tmux {
    let corpus = root.join("corpus");
    let labels = root.join("labels");
    Tmux::start(
        100,
        30,
        &[
            "--corpus",
            &corpus.to_string_lossy(),
            "--labels",
            &labels.to_string_lossy(),
            "review",
            "--reviewer",
            reviewer,
        ],
    )
}

/// A corpus of [`REPORT`] in a temp dir and the three annotators' labels
/// of [`plan`], imported from one export file per annotator; with the
/// paragraphs as `biaozhu corpus --jsonl` gives them.
fn imported() -> (tempfile::TempDir, Vec<Value>) {
    imported_with(|_, _, _| {})
}

/// [`imported`], each record changed by `change(annotator, paragraph,
/// record)` before it is written.
fn imported_with(change: impl Fn(usize, usize, &mut Value)) -> (tempfile::TempDir, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::write(root.join("corpus/报告甲.txt"), REPORT).unwrap();
    let out = run(root, &["corpus", "--jsonl"]);
    let paragraphs = jsonl(&out.stdout);
    assert_eq!(paragraphs.len(), 7, "{paragraphs:?}");

    // Three machines' exports, imported here.
    let names = ["alice", "bob", "carol"];
    for (a, name) in names.iter().enumerate() {
        let lines: Vec<String> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (section, indicators) = plan(a, i);
                let mut record = json!({"doc": p["doc"], "para": p["para"], "text": p["text"],
                       "hash": p["hash"], "annotator": name, "section": section,
                       "indicators": indicators, "done": true,
                       "updated_at": "2026-11-22T10:00:00Z"});
                change(a, i, &mut record);
                record.to_string()
            })
            .collect();
        std::fs::write(root.join(format!("{name}.jsonl")), lines.join("\n") + "\n").unwrap();
    }
    let out = run(root, &["import", "alice.jsonl", "bob.jsonl", "carol.jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    (dir, paragraphs)
}

#[test]
fn three_annotators_imported_two_disagreements_adjudicated_gold_exported() {
    let (dir, paragraphs) = imported();
    let root = dir.path();
    let names = ["alice", "bob", "carol"];
    let t = review(root);
    // The most disagreement first: paragraph 2, no majority section.
    let screen = t.wait_for("the review screen", |s| s.contains("no section type"));
    assert!(screen.contains("𠀀字") && screen.contains("␛"), "{screen}");
    assert!(screen.contains("1/2  decided 0/2"), "{screen}");
    assert!(
        screen.contains("5 unanimous paragraphs written to gold"),
        "{screen}"
    );
    // Take bob's version and decide.
    t.keys(&["M-2"]);
    t.wait_for("bob's version", |s| s.contains("gold: bob's version"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("the next paragraph", |s| s.contains("decided 1/2"));
    assert!(screen.contains("gold: the majority's version"), "{screen}");
    assert!(screen.contains("saved"), "{screen}");
    // Paragraph 1: edit the majority (add funds, key 8) and decide.
    t.keys(&["8"]);
    t.wait_for("the edit", |s| s.contains("gold: edited"));
    t.keys(&["Enter"]);
    t.wait_for("all decided", |s| s.contains("all 2 of 2"));
    t.keys(&["q"]);
    assert!(t.wait_exit(), "review did not quit");

    let gold = export_gold(root);
    assert_eq!(gold.len(), 7, "{gold:?}");
    for (record, p) in gold.iter().zip(&paragraphs) {
        assert_eq!(record["text"], p["text"]);
        assert_eq!(record["id"], p["id"]);
        assert_eq!(record["annotator"], "gold");
        assert_eq!(record["reviewer"], "lead");
        assert_eq!(record["annotators"], json!(names));
    }
    let by_para = |i: usize| &gold[i];
    assert_eq!(by_para(2)["source"], "adjudicated");
    assert_eq!(by_para(2)["section"], "problem");
    assert_eq!(by_para(2)["indicators"], json!(["infectious_disease"]));
    assert_eq!(by_para(1)["source"], "adjudicated");
    assert_eq!(by_para(1)["section"], "achievement");
    assert_eq!(
        by_para(1)["indicators"],
        json!(["funds", "vaccination_rate"])
    );
    for i in [0, 3, 4, 5, 6] {
        assert_eq!(by_para(i)["source"], "unanimous", "{i}");
    }
    assert_eq!(by_para(4)["indicators"], json!(["workforce"]));

    // Resumable: reopened, everything is decided and nothing is rewritten.
    let t = review(root);
    let screen = t.wait_for("the reopened screen", |s| s.contains("decided 2/2"));
    assert!(
        screen.contains("decided: adjudicated by lead, 20"),
        "{screen}"
    );
    assert!(!screen.contains("written to gold"), "{screen}");
    t.keys(&["q"]);
}

#[test]
fn sigkill_right_after_a_decision_is_shown_loses_nothing() {
    let (dir, _) = imported();
    let root = dir.path();
    let t = review(root);
    t.wait_for("the review screen", |s| s.contains("no section type"));
    t.keys(&["M-3", "Enter"]);
    t.wait_for("the decision saved", |s| {
        s.contains("decided 1/2") && s.contains("saved")
    });
    assert!(t.kill9());
    t.wait_exit();
    let gold = export_gold(root);
    let decided: Vec<&Value> = gold.iter().filter(|r| r["para"] == 2).collect();
    assert_eq!(decided.len(), 1, "{gold:?}");
    assert_eq!(decided[0]["source"], "adjudicated");
    assert_eq!(decided[0]["section"], "other", "carol's version");
}

/// Bob's note on paragraph 6: Chinese, full-width punctuation, 𠀀, emoji,
/// ｶﾞ, a tab and ESC.
const NOTE: &str = "请核对：“签约率”口径？𠀀😀ｶﾞ\t\u{1b}[31m完";

#[test]
fn per_field_proposal_flags_notes_section_required_take_keys_and_overwrite() {
    // Paragraph 2: three sections, but all three chose infectious_disease.
    // Paragraph 6: unanimous, flagged by carol, with a note from bob.
    let (dir, _) = imported_with(|a, i, record| match (i, a) {
        (2, _) => record["indicators"] = json!(["infectious_disease"]),
        (6, 2) => record["flags"] = json!(["review"]),
        (6, 1) => record["note"] = json!(NOTE),
        _ => {}
    });
    let root = dir.path();
    let t = review(root);
    // Paragraphs 1 and 2 tie at 1.0 (corpus order), the flagged 6 last;
    // 0, 3, 4 and 5 go to gold, 6 does not.
    let screen = t.wait_for("the review screen", |s| s.contains("1/3  decided 0/3"));
    assert!(
        screen.contains("4 unanimous paragraphs written to gold"),
        "{screen}"
    );
    assert!(screen.contains("take N: FN, n N, Alt-N"), "{screen}");
    assert!(screen.contains("gold: the majority's version"), "{screen}");

    // The two-key take: n then 3 takes carol's version; F2 bob's.
    t.keys(&["n"]);
    t.wait_for("the take prompt", |s| s.contains("press 1 to 3"));
    t.keys(&["3"]);
    t.wait_for("carol's version", |s| s.contains("gold: carol's version"));
    t.keys(&["F2"]);
    t.wait_for("bob's version", |s| s.contains("gold: bob's version"));
    t.keys(&["Enter"]);

    // Paragraph 2: the shared indicator is proposed without a section type.
    let screen = t.wait_for("paragraph 2", |s| s.contains("decided 1/3"));
    assert!(screen.contains("𠀀字") && screen.contains("␛"), "{screen}");
    assert!(
        screen.contains("no section type: press h o a i p f b x"),
        "{screen}"
    );
    assert!(screen.contains("4*传染病"), "{screen}");
    // Enter writes nothing (still on 2/3) and names the section keys.
    t.keys(&["Enter"]);
    let screen = t.wait_for("the section prompt", |s| {
        s.contains("gold needs a section type: press a section key (h o a i p f b x)")
    });
    // The message takes the row's left; the position stays.
    assert!(screen.contains("| 2/3 "), "{screen}");
    t.keys(&["p"]);
    t.wait_for("the edit", |s| s.contains("gold: edited"));
    t.keys(&["Enter"]);

    // Paragraph 6: flagged and noted, everyone agrees.
    let screen = t.wait_for("paragraph 6", |s| s.contains("decided 2/3"));
    assert!(screen.contains("queued: flagged, note"), "{screen}");
    assert!(screen.contains("flagged by carol"), "{screen}");
    assert!(screen.contains("bob: 请核对：“签约率”口径？"), "{screen}");
    t.keys(&["C-e"]);
    let screen = t.wait_for("the notes", |s| s.contains("flagged for review by carol"));
    assert!(
        screen.contains("请核对：“签约率”口径？𠀀😀ｶﾞ    ␛[31m完"),
        "the note in full: {screen}"
    );
    t.keys(&["Escape"]);
    t.wait_for("the notes closed", |s| !s.contains("flagged for review by"));
    t.keys(&["Enter"]);
    t.wait_for("all decided", |s| s.contains("all 3 of 3"));
    t.keys(&["q"]);
    assert!(t.wait_exit(), "review did not quit");

    let gold = export_gold(root);
    assert_eq!(gold.len(), 7, "{gold:?}");
    assert_eq!(gold[1]["source"], "adjudicated");
    assert_eq!(gold[1]["indicators"], json!(["vaccination_rate"]), "bob's");
    assert_eq!(gold[2]["section"], "problem");
    assert_eq!(gold[2]["indicators"], json!(["infectious_disease"]));
    assert_eq!(gold[6]["section"], "plan");
    assert_eq!(gold[6]["source"], "majority", "decided, not automatic");

    // Another reviewer: taking alice's version of 1 asks before
    // overwriting lead's decision; n keeps it, y overwrites.
    let t = review_as(root, "wang");
    t.wait_for("the reopened screen", |s| s.contains("decided 3/3"));
    t.keys(&["g"]);
    let screen = t.wait_for("paragraph 1", |s| s.contains("1/3  decided 3/3"));
    assert!(
        screen.contains("decided: adjudicated by lead, 20"),
        "{screen}"
    );
    t.keys(&["F1"]);
    t.wait_for("alice's version", |s| s.contains("gold: alice's version"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("the prompt", |s| s.contains("Overwrite? y/n"));
    assert!(screen.contains("adjudicated by lead"), "{screen}");
    t.keys(&["n"]);
    t.wait_for("kept", |s| s.contains("not overwritten"));
    t.keys(&["F1", "Enter"]);
    t.wait_for("the prompt again", |s| s.contains("Overwrite? y/n"));
    t.keys(&["y"]);
    t.wait_for("written", |s| s.contains("saved") && !s.contains("y/n"));
    t.keys(&["q"]);
    assert!(t.wait_exit(), "review did not quit");
    let gold = export_gold(root);
    assert_eq!(gold[1]["reviewer"], "wang");
    assert_eq!(
        gold[1]["indicators"],
        json!(["funds", "vaccination_rate"]),
        "alice's"
    );
    assert_eq!(gold[2]["reviewer"], "lead", "the rest untouched");
}
