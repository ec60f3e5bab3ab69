//! End to end in tmux: moving by document (Ctrl-N/Ctrl-P) and by paragraph
//! number (Ctrl-G), a search highlighted with its count, skip, a label,
//! quit, and reopening where the annotator stopped. Fails (not skips)
//! without tmux.

use std::path::Path;
use std::process::Command;

mod tmux_common;

use tmux_common::{annotate_args, jsonl, labels_dir, status_line, Tmux, BIN};

fn export(labels: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["--format", "native"];
    args.extend_from_slice(extra);
    tmux_common::export("corpus", labels.to_str().unwrap(), &args)
}

/// The corpus paragraphs' texts, in order.
fn corpus_texts() -> Vec<String> {
    let out = Command::new(BIN)
        .args(["--corpus", "corpus", "corpus", "--jsonl"])
        .output()
        .unwrap();
    jsonl(&out.stdout)
        .iter()
        .map(|v| v["text"].as_str().unwrap().to_owned())
        .collect()
}

/// Wait until the status line shows `doc` at paragraph `n` of `of`.
/// Wait until the screen is at paragraph `n` of `of` of `doc`: the
/// position in the status line, the document on the screen (a message may
/// take the document's name off the status line; the path line has it).
fn wait_at(t: &Tmux, doc: &str, n: usize, of: usize) -> String {
    let at = format!(" {n}/{of} ");
    t.wait_for(&format!("{doc} {n}/{of}"), |s| {
        status_line(s).contains(&at) && s.contains(doc)
    })
}

#[test]
fn move_by_document_and_number_search_label_quit_and_resume() {
    let labels = labels_dir();
    let args = annotate_args(labels.path(), "mover");
    let t = Tmux::start(100, 30, &args);
    t.wait_for("the first frame", |s| {
        s.contains("mover") && s.contains("Section")
    });
    wait_at(&t, "000_9070ae23c15341c6.txt", 1, 65);

    // By document: Ctrl-N twice, Ctrl-P once, and the ends clamp.
    t.keys(&["C-n"]);
    let screen = wait_at(&t, "001_9f2447f6adad0cf5.txt", 1, 50);
    assert!(status_line(&screen).contains("document 2/5"), "{screen}");
    t.keys(&["C-n"]);
    wait_at(&t, "002_3eeec7fd728757b0.txt", 1, 819);
    t.keys(&["C-n"]);
    wait_at(&t, "003_0afe2def832ee564.txt", 1, 32);
    t.keys(&["C-p"]);
    wait_at(&t, "002_3eeec7fd728757b0.txt", 1, 819);
    t.keys(&["C-p", "C-p", "C-p"]);
    t.wait_for("the first-document message", |s| {
        status_line(s).contains("already in the first document")
    });

    // By number: Ctrl-G 500 in the current document, then doc-part:N,
    // then an unknown document that stays.
    t.keys(&["C-n", "C-n"]);
    wait_at(&t, "002_3eeec7fd728757b0.txt", 1, 819);
    t.keys(&["C-g"]);
    t.wait_for("the go-to prompt", |s| status_line(s).starts_with("go to:"));
    t.type_text("500");
    t.keys(&["Enter"]);
    wait_at(&t, "002_3eeec7fd728757b0.txt", 500, 819);
    t.keys(&["C-g"]);
    t.type_text("004_:3");
    t.keys(&["Enter"]);
    wait_at(&t, "004_019d299412013371.txt", 3, 115);
    t.keys(&["C-g"]);
    t.type_text("没有这个文件");
    t.keys(&["Enter"]);
    let screen = t.wait_for("the unknown-target message", |s| {
        status_line(s).contains("no document matches")
    });
    assert!(
        status_line(&screen).contains("004_019d299412013371.txt  3/115"),
        "{screen}"
    );

    // Search: the count on screen, the match drawn reversed.
    let texts = corpus_texts();
    let query = "卫生监督";
    let total = texts.iter().filter(|t| t.contains(query)).count();
    assert!(total > 1);
    t.keys(&["/"]);
    t.type_text(query);
    t.keys(&["Enter"]);
    let count = format!("/{total}");
    let screen = t.wait_for("the match count", |s| {
        status_line(s).contains(&format!("“{query}” ")) && status_line(s).contains(&count)
    });
    let shown = status_line(&screen);
    let k: usize = shown
        .split(&format!("“{query}” "))
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {shown}"));
    assert!((1..=total).contains(&k), "{shown}");
    let colours = t.tmux(&["capture-pane", "-e", "-p", "-t", "0"]);
    let reversed = colours.lines().any(|l| {
        l.split("\u{1b}[").any(|seq| {
            seq.split_once('m').is_some_and(|(codes, text)| {
                codes.split(';').any(|c| c == "7") && text.starts_with(&query[..3])
            })
        })
    });
    assert!(
        reversed,
        "the current match is not drawn reversed:\n{colours}"
    );
    t.keys(&["n"]);
    let next = format!("“{query}” {}/{total}", k % total + 1);
    t.wait_for("the next match's count", |s| status_line(s).contains(&next));

    // Skip one paragraph, then label the one it moved on to: that label is
    // the last change.
    t.keys(&["C-g"]);
    t.type_text("002:10");
    t.keys(&["Enter"]);
    wait_at(&t, "002_3eeec7fd728757b0.txt", 10, 819);
    t.keys(&["C-k"]);
    t.wait_for("the skip message", |s| {
        status_line(s).contains("skipped 002_3eeec7fd728757b0.txt #10")
    });
    t.type_text("p");
    wait_at(&t, "002_3eeec7fd728757b0.txt", 11, 819);
    t.wait_for("the label saved", |s| status_line(s).ends_with("saved"));
    // Move away, then quit.
    t.keys(&["C-n"]);
    wait_at(&t, "003_0afe2def832ee564.txt", 1, 32);
    t.keys(&["q"]);
    assert!(t.wait_exit(), "q did not quit");
    drop(t);

    // Reopened: at the label changed last, and saying so.
    let t = Tmux::start(100, 30, &args);
    let screen = wait_at(&t, "002_3eeec7fd728757b0.txt", 11, 819);
    assert!(
        status_line(&screen).contains("resumed at 002_3eeec7fd728757b0.txt #11, where you stopped"),
        "{screen}"
    );
    t.keys(&["q"]);
    assert!(t.wait_exit(), "q did not quit");
    drop(t);

    // The export keeps the skip flag; --only-complete leaves it out.
    let records = export(labels.path(), &[]);
    assert_eq!(records.len(), 2, "{records:?}");
    let skipped = records.iter().find(|r| r["para"] == 9).unwrap();
    assert_eq!(skipped["flags"], serde_json::json!(["skip"]));
    assert_eq!(skipped["done"], false);
    let labeled = records.iter().find(|r| r["para"] == 10).unwrap();
    assert_eq!(labeled["section"], "problem");
    assert!(export(labels.path(), &["--only-complete"]).is_empty());
}
