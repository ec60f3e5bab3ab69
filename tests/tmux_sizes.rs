//! In a real terminal (tmux): keys typed while the screen says "terminal
//! too small" change nothing, even after the window grows; and half-width
//! katakana with a sound mark (`ｶﾞ`) leave no ghost marks behind when a
//! paragraph scrolls. These tests fail (not skip) without tmux.

use std::path::Path;
use std::process::Command;

mod tmux_common;

use tmux_common::{Tmux, BIN};

/// A corpus of one document: a heading, a paragraph long enough to scroll
/// at 60×16, full of `ｶﾞ` and `ｷﾞ`, and a short one.
fn corpus(dir: &Path) {
    let long: Vec<String> = (0..30)
        .map(|i| format!("第{i}段ｶﾞｷﾞ半角片假名与浊音符号测试，"))
        .collect();
    let text = format!(
        "一、半角片假名\n　　{}结束。\n二、后文\n　　后面的段落。\n",
        long.concat()
    );
    std::fs::create_dir(dir.join("corpus")).unwrap();
    std::fs::write(dir.join("corpus/kana.txt"), text).unwrap();
    std::fs::create_dir(dir.join("labels")).unwrap();
    std::fs::copy("labels/schema.toml", dir.join("labels/schema.toml")).unwrap();
}

/// biaozhu on a fresh [`corpus`] in tmux at `width`×`height`.
fn start(width: u16, height: u16) -> (tempfile::TempDir, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let (corpus, labels) = (dir.path().join("corpus"), dir.path().join("labels"));
    let args = [
        "--corpus",
        corpus.to_str().unwrap(),
        "--labels",
        labels.to_str().unwrap(),
        "--annotator",
        "tiny",
    ];
    let t = Tmux::start(width, height, &args);
    (dir, t)
}

fn resize(t: &Tmux, width: u16, height: u16) {
    t.tmux(&[
        "resize-window",
        "-t",
        "0",
        "-x",
        &width.to_string(),
        "-y",
        &height.to_string(),
    ]);
}

#[test]
fn keys_typed_while_too_small_label_nothing() {
    let (dir, t) = start(40, 10);
    t.wait_for("the too-small message", |s| {
        s.contains("terminal too small")
    });
    // A section, an indicator, accept; flag, note, undo, move: all unseen.
    for k in [
        "h", "a", "1", "Enter", "Space", "C-f", "j", "u", "C-e", "Enter",
    ] {
        t.keys(&[k]);
    }
    t.type_text("a1");
    t.keys(&["Enter"]);
    resize(&t, 100, 30);
    // The whole frame: the label pane and the status line (a capture can
    // catch a frame half drawn).
    let s = t.wait_for("the screen at 100x30", |s| {
        s.contains("Section") && s.contains(" all ")
    });
    assert!(s.contains("all 0/4"), "nothing accepted: {s}");
    assert!(s.contains(" 1/4 "), "still on the first paragraph: {s}");
    assert!(
        !s.contains("h*") && !s.contains("a*") && !s.contains("1*"),
        "{s}"
    );
    t.keys(&["q"]);
    assert!(t.wait_exit(), "q did not quit");
    drop(t);
    let out = Command::new(BIN)
        .args(["--corpus"])
        .arg(dir.path().join("corpus"))
        .arg("--labels")
        .arg(dir.path().join("labels"))
        .args(["export", "--format", "native"])
        .output()
        .unwrap();
    // Nothing to export: no label was written.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("no store holds a label"),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_scrolled_paragraph_with_sound_marks_leaves_no_ghosts() {
    let (_dir, t) = start(60, 16);
    t.wait_for("the first frame", |s| s.contains("Section"));
    t.keys(&["j"]);
    t.wait_for("the long paragraph", |s| s.contains("more rows: PgDn"));
    for _ in 0..20 {
        if t.screen().contains("结束。") {
            break;
        }
        t.keys(&["PgDn"]);
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let scrolled = t.wait_for("the end of the paragraph", |s| s.contains("结束。"));
    // The same screen drawn afresh: on SIGCONT (as after `fg`) the
    // screen clears the terminal and draws everything. It is the same
    // screen, unless marks were left over.
    let cont = Command::new("kill")
        .args(["-CONT", &t.pane_pid().to_string()])
        .status()
        .unwrap();
    assert!(cont.success());
    // The redraw takes a moment (the loop looks every 200 ms).
    std::thread::sleep(std::time::Duration::from_millis(600));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut fresh = t.screen();
    while fresh != scrolled && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
        fresh = t.screen();
    }
    assert_eq!(
        scrolled, fresh,
        "drawn by steps:\n{scrolled}\ndrawn afresh:\n{fresh}"
    );
    t.keys(&["q"]);
    assert!(t.wait_exit(), "q did not quit");
}
