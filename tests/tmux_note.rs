//! The note input in a real terminal (tmux): a long Chinese note with
//! full-width punctuation, longer than the input line, edited with the
//! cursor keys in the middle; saved and shown wrapped; reopened; then
//! full-width keys with the input method "left on", and the summary `q`
//! prints. The note comes back out through `biaozhu export`. Fails (not
//! skips) without tmux.

mod tmux_common;

use std::process::Command;
use tmux_common::{jsonl, Tmux, BIN};

const NOTE: &str = "请核对：签约率口径（乙类）是否与上年一致？数据来源／年份不明！请补充说明。";
const EDITED: &str =
    "【急】请核对：签约率口径（乙类）是否与上年一致？数据来源／年份不明！请补充详细说明。";

/// The last non-blank row: the status (or input) line.
fn status(screen: &str) -> String {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_owned()
}

/// The label pane's rows (right of the `|`), trimmed.
fn pane(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.split_once('|').map(|(_, r)| r.trim().to_owned()))
        .collect()
}

#[test]
fn a_long_chinese_note_is_edited_saved_wrapped_reopened_and_exported() {
    let labels = tempfile::tempdir().unwrap();
    std::fs::copy("labels/schema.toml", labels.path().join("schema.toml")).unwrap();
    let dir = labels.path().to_str().unwrap();
    let args = [
        "--corpus",
        "corpus",
        "--labels",
        dir,
        "--annotator",
        "notes",
    ];
    let t = Tmux::start_kept(80, 30, &args);
    t.wait_for("the first frame", |s| s.contains("Section"));

    // 40 characters, 80 columns: more than the 48 the input line has.
    t.keys(&["C-e"]);
    t.wait_for("the note input", |s| status(s).starts_with("note: "));
    t.type_text(NOTE);
    let screen = t.wait_for("the end of the note", |s| {
        status(s).contains("请补充说明。")
    });
    assert!(!status(&screen).contains("请核对"), "scrolled: {screen}");

    t.keys(&["Home"]);
    let screen = t.wait_for("the start", |s| status(s).starts_with("note: 请核对："));
    assert_eq!(t.pane_var("cursor_x"), "6", "{screen}");
    assert_eq!(t.pane_var("cursor_y"), "29");
    t.type_text("【急】");
    t.wait_for("the insert at the start", |s| {
        status(s).starts_with("note: 【急】请核对：")
    });
    t.keys(&["End", "Left", "Left", "Left"]);
    t.wait_for("the end again", |s| status(s).contains("请补充说明。"));
    t.type_text("详细");
    t.wait_for("the insert in the middle", |s| {
        status(s).contains("请补充详细说明。")
    });

    t.keys(&["Enter"]);
    let screen = t.wait_for("the note saved", |s| {
        s.contains("saved") && pane(s).iter().any(|r| r.starts_with("note: 【急】"))
    });
    let rows = pane(&screen);
    let at = rows.iter().position(|r| r.starts_with("note: ")).unwrap();
    let shown: Vec<&String> = rows[at..].iter().filter(|r| !r.is_empty()).collect();
    assert!(shown.len() >= 3, "wrapped over rows: {screen}");
    let joined: String = shown.iter().map(|r| r.as_str()).collect();
    assert_eq!(joined, format!("note: {EDITED}"), "{screen}");

    // Reopened: the saved note, the cursor at its end; Esc keeps it.
    t.keys(&["C-e"]);
    t.wait_for("the note reopened", |s| {
        status(s).starts_with("note: ") && status(s).contains("详细说明。")
    });
    t.keys(&["Escape"]);
    t.wait_for("the note closed", |s| !status(s).starts_with("note: "));

    // The input method left on: ｚ says it does nothing; ｈ and the
    // full-width space label and accept.
    t.type_text("ｚ");
    t.wait_for("the message", |s| {
        s.contains("key ｚ does nothing here (press ? for help)")
    });
    t.type_text("ｈ");
    t.type_text("　");
    t.wait_for("accepted", |s| s.contains("all 1/"));

    t.keys(&["q"]);
    assert_eq!(t.exit_status(), Some(0), "{}", t.screen());
    // The whole pane with its history, wrapped rows joined.
    let screen = t.tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", "0"]);
    assert!(
        screen.contains("biaozhu: notes labeled 1 paragraph this session (1 accepted) in "),
        "{screen}"
    );
    assert!(screen.contains("; 1 of "), "{screen}");
    drop(t);

    let out = Command::new(BIN)
        .args(["--corpus", "corpus", "--labels", dir, "export"])
        .args(["--format", "native"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let records = jsonl(&out.stdout);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["note"], EDITED);
    assert_eq!(records[0]["section"], "heading");
    assert_eq!(records[0]["done"], true);
}
