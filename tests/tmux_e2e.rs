//! End to end in a real terminal: biaozhu runs inside tmux, keys go in with
//! `send-keys`, the screen comes back with `capture-pane`, and the labels
//! come out through `biaozhu export`. These tests fail (not skip) without tmux.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

mod pty_common;
mod tmux_common;

use pty_common::on_terminal;
use tmux_common::{annotate_args, labels_dir, status_line, Tmux, BIN};

fn export(labels: &Path) -> Vec<serde_json::Value> {
    tmux_common::export("corpus", labels.to_str().unwrap(), &["--format", "native"])
}

/// The corpus paragraphs by id, as `biaozhu corpus --jsonl` prints them.
fn corpus_texts() -> HashMap<String, String> {
    let out = Command::new(BIN)
        .args(["--corpus", "corpus", "corpus", "--jsonl"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_owned(),
                v["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn status_position(screen: &str) -> String {
    // The status line: " <doc>  <n>/<N>  <annotator> …"
    status_line(screen)
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn label_twenty_paragraphs_undo_quit_resume_and_export() {
    let labels = labels_dir();
    let args = annotate_args(labels.path(), "e2e");
    let t = Tmux::start(100, 30, &args);
    t.wait_for("the first frame", |s| {
        s.contains("e2e") && s.contains("Section")
    });
    // Keys per paragraph: a section, sometimes indicators, then Enter.
    let plan: Vec<(&str, &[&str])> = (0..22)
        .map(|i| match i % 4 {
            0 => ("b", &[][..]),
            1 => ("a", &["1", "8"][..]),
            2 => ("i", &["3"][..]),
            _ => ("p", &[][..]),
        })
        .collect();
    for (i, (section, indicators)) in plan.iter().enumerate() {
        t.type_text(section);
        for ind in *indicators {
            t.type_text(ind);
        }
        if i == 5 {
            // Paragraph 5 gets an extra indicator, then it is undone.
            t.type_text("5");
            t.keys(&["u"]);
        }
        t.keys(&["Enter"]);
        let expected = format!("all {}/", i + 1);
        t.wait_for(&expected, |s| s.contains(&expected));
    }
    let before_quit = t.wait_for("every file read", |s| {
        !status_line(s).trim_start().starts_with("reading ")
    });
    let position = status_position(&before_quit);
    t.keys(&["q"]);
    assert!(t.wait_exit(), "q did not quit");
    drop(t);

    // Restart: resumes after the last paragraph accepted, where we
    // stopped, and says so; any key (Esc) clears the message.
    let t = Tmux::start(100, 30, &args);
    t.wait_for("the resume message", |s| s.contains("where you stopped"));
    t.keys(&["Escape"]);
    // The position is compared once the whole corpus is in (the status
    // line starts with `reading n/N files` until then).
    let screen = t.wait_for("resume, every file read", |s| {
        s.contains("all 22/")
            && !s.contains("where you stopped")
            && !status_line(s).trim_start().starts_with("reading ")
    });
    assert_eq!(status_position(&screen), position, "{screen}");
    t.keys(&["q"]);
    drop(t);

    let records = export(labels.path());
    assert_eq!(records.len(), 22);
    let texts = corpus_texts();
    let names: HashMap<&str, &str> = [
        ("b", "boilerplate"),
        ("a", "achievement"),
        ("i", "indicator_report"),
        ("p", "problem"),
    ]
    .into();
    for (i, (r, (section, _))) in records.iter().zip(&plan).enumerate() {
        let id = r["id"].as_str().unwrap();
        assert_eq!(
            r["text"].as_str().unwrap(),
            texts[id],
            "{id}: text differs from the corpus"
        );
        assert_eq!(
            r["para"].as_u64().unwrap() as usize,
            i,
            "labels are in corpus order"
        );
        assert_eq!(r["section"], names[section], "{id}");
        assert_eq!(r["annotator"], "e2e");
        assert_eq!(r["done"], true);
        let inds: Vec<&str> = r["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let expected: Vec<&str> = match i % 4 {
            1 => vec!["funds", "vaccination_rate"],
            2 => vec!["family_doctor"],
            _ => vec![],
        };
        assert_eq!(inds, expected, "{id}: the undone indicator must be gone");
        assert!(r["updated_at"].as_str().unwrap().ends_with('Z'));
    }
}

#[test]
fn sigkill_right_after_a_label_is_shown_loses_nothing() {
    let labels = labels_dir();
    let args = annotate_args(labels.path(), "killed");
    let t = Tmux::start(80, 24, &args);
    t.wait_for("the first frame", |s| s.contains("killed"));
    t.type_text("x");
    t.wait_for("the label shown as saved", |s| s.contains("saved"));
    assert!(t.kill9());
    drop(t);
    let records = export(labels.path());
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["section"], "other");
    assert_eq!(records[0]["para"], 0);
}

#[test]
fn second_session_of_the_same_annotator_is_refused_clearly() {
    let labels = labels_dir();
    let args = annotate_args(labels.path(), "twice");
    let t = Tmux::start(80, 24, &args);
    t.wait_for("the first frame", |s| s.contains("twice"));
    // The second session on a terminal of its own, or it would be refused
    // for want of one.
    let out = on_terminal(
        Path::new("corpus"),
        labels.path(),
        &["--annotator", "twice"],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let err = out.stderr;
    assert!(
        err.contains("twice.sled") && err.contains("in use"),
        "{err}"
    );
    t.keys(&["q"]);
}

#[test]
fn resize_reflows_and_too_small_says_so() {
    let labels = labels_dir();
    let args = annotate_args(labels.path(), "resize");
    let t = Tmux::start(120, 40, &args);
    t.wait_for("the first frame", |s| s.contains("resize"));
    t.tmux(&["resize-window", "-t", "0", "-x", "40", "-y", "10"]);
    t.wait_for("too small message", |s| s.contains("too small"));
    t.tmux(&["resize-window", "-t", "0", "-x", "80", "-y", "24"]);
    let screen = t.wait_for("the layout back", |s| {
        s.contains("Section") && !s.contains("too small")
    });
    assert!(
        screen.lines().all(|l| biaozhu::text::str_width(l) <= 80),
        "{screen}"
    );
    t.keys(&["q"]);
}
