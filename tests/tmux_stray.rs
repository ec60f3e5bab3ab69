//! In a real terminal (tmux): a new annotator's name beside another
//! annotator's store is asked about before the screen opens — `alcie` for
//! `alice` — and only yes creates the store; `--new-annotator` does not ask.

mod start_common;
mod tmux_common;

use start_common::{args, dirs, has_store, make_store};
use tmux_common::Tmux;

/// What the question shows, naming the existing annotator.
fn asked(screen: &str) -> bool {
    screen.contains("no store for annotator \"alcie\"")
        && screen.contains("existing: alice. Create it? [y/N]")
}

/// The labeling screen on the report's first paragraph, as `annotator`.
fn opened(screen: &str, annotator: &str) -> bool {
    screen.contains("Section")
        && screen.contains(">一、2023年工作成效")
        && screen.contains(annotator)
}

#[test]
fn a_declined_question_exits_2_and_creates_nothing() {
    let d = dirs();
    make_store(&d.labels, "alice");
    let t = Tmux::start_kept(100, 30, &args(&d, "alcie"));
    t.wait_for("the question", asked);
    t.type_text("n");
    t.keys(&["Enter"]);
    assert_eq!(t.exit_status(), Some(2), "{}", t.screen());
    let screen = t.screen();
    assert!(
        screen.contains("annotator \"alcie\": no store created"),
        "{screen}"
    );
    assert!(!has_store(&d.labels, "alcie"));
    assert!(has_store(&d.labels, "alice"));
}

#[test]
fn yes_opens_the_screen_and_creates_the_store() {
    let d = dirs();
    make_store(&d.labels, "alice");
    let t = Tmux::start(100, 30, &args(&d, "alcie"));
    t.wait_for("the question", asked);
    assert!(!has_store(&d.labels, "alcie"), "created before the answer");
    t.type_text("y");
    t.keys(&["Enter"]);
    let screen = t.wait_for("the screen", |s| opened(s, "alcie"));
    assert!(screen.contains("疫苗接种率达到98.5%，"), "{screen}");
    assert!(has_store(&d.labels, "alcie"));
    // Next paragraph: Extension B, emoji, half-width kana on screen.
    t.keys(&["j"]);
    t.wait_for("the odd characters", |s| {
        s.contains("𠀀字、emoji😀、") && s.contains("ｶﾞ照原样保存！")
    });
    // Label it, quit: the label is in the new store.
    t.type_text("a");
    t.wait_for("saved", |s| s.contains("saved"));
    t.keys(&["q"]);
    assert!(t.wait_exit(), "q did not quit");
    let export = std::process::Command::new(tmux_common::BIN)
        .args(args(&d, "alcie"))
        .arg("export")
        .output()
        .unwrap();
    let export = String::from_utf8(export.stdout).unwrap();
    assert_eq!(export.lines().count(), 1, "{export}");
    assert!(
        export.contains("\"annotator\":\"alcie\"")
            && export.contains("\"section\":\"achievement\""),
        "{export}"
    );
    // Asked once: the store exists now; the screen resumes at the
    // paragraph labeled last, and says so.
    let t = Tmux::start(100, 30, &args(&d, "alcie"));
    t.wait_for("the screen without a question", |s| {
        s.contains("a*工作成效") && s.contains("where you stopped")
    });
    t.keys(&["q"]);
}

#[test]
fn new_annotator_flag_skips_the_question() {
    let d = dirs();
    make_store(&d.labels, "alice");
    let mut a = args(&d, "carol");
    a.push("--new-annotator");
    let t = Tmux::start(100, 30, &a);
    let screen = t.wait_for("the screen", |s| opened(s, "carol"));
    assert!(!screen.contains("Create it?"), "{screen}");
    assert!(has_store(&d.labels, "carol"));
    t.keys(&["q"]);
    assert!(t.wait_exit(), "q did not quit");
}
