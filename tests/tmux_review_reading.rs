//! End to end in tmux (issue 18): the review screen is up and its keys
//! work while the rest of the corpus is still being read in the
//! background; unanimous paragraphs go to gold as their documents come,
//! and the gold set exported afterwards has them and the decision made
//! while reading. Reading is slowed with the test hook
//! `BIAOZHU_TEST_READ_DELAY_MS` (a wait before each file), so the window
//! does not depend on the machine's speed. Fails (not skips) without tmux.

mod tmux_common;

use serde_json::{json, Value};
use tmux_common::{export, jsonl, labels_dir, status_line, succeed, Tmux, BIN};

const FILES: usize = 60;

/// `FILES` reports of 3 paragraphs ([`tmux_common::reports`]).
fn corpus() -> tempfile::TempDir {
    tmux_common::reports(FILES)
}

/// What `annotator` (0 alice, 1 bob) says of a report's paragraph: the
/// heading and the last paragraph alike, the second one not.
fn said(annotator: usize, para: u64) -> &'static str {
    match (para, annotator) {
        (0, _) => "heading",
        (1, 0) => "achievement",
        (1, _) => "indicator_report",
        _ => "plan",
    }
}

/// alice's and bob's labels on every paragraph, imported.
fn import_labels(c: &str, l: &str) {
    let paragraphs = jsonl(&succeed(["corpus", "--jsonl", "--corpus", c]));
    assert_eq!(paragraphs.len(), FILES * 3);
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (a, name) in ["alice", "bob"].iter().enumerate() {
        let lines: Vec<String> = paragraphs
            .iter()
            .map(|p| {
                json!({"doc": p["doc"], "para": p["para"], "text": p["text"],
                       "hash": p["hash"], "annotator": name,
                       "section": said(a, p["para"].as_u64().unwrap()),
                       "indicators": [], "done": true,
                       "updated_at": "2026-11-22T10:00:00Z"})
                .to_string()
            })
            .collect();
        let file = dir.path().join(format!("{name}.jsonl"));
        std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        files.push(file);
    }
    let args = ["import", "--corpus", c, "--labels", l].map(std::ffi::OsStr::new);
    succeed(args.into_iter().chain(files.iter().map(|f| f.as_os_str())));
}

#[test]
fn decisions_while_the_corpus_is_still_being_read_and_unanimous_gold_as_it_comes() {
    let corpus = corpus();
    let labels = labels_dir();
    let (c, l) = (
        corpus.path().to_str().unwrap(),
        labels.path().to_str().unwrap(),
    );
    import_labels(c, l);
    let t = Tmux::start_program(
        100,
        30,
        "env",
        &[
            "BIAOZHU_TEST_READ_DELAY_MS=200",
            BIN,
            "--corpus",
            c,
            "--labels",
            l,
            "review",
            "--reviewer",
            "lead",
        ],
    );
    // Up with the first documents, the status line saying how far reading
    // is; the first report's disagreement on screen.
    let s = t.wait_for("the first frame while reading", |s| {
        status_line(s).contains("reading ") && s.contains("达到98.0%")
    });
    assert!(status_line(&s).contains(&format!("/{FILES} files")), "{s}");
    // Keys work on what is read: take alice's version, decide.
    t.keys(&["M-1"]);
    t.wait_for("alice's version", |s| s.contains("gold: alice's version"));
    t.keys(&["Enter"]);
    let s = t.wait_for("the decision saved while still reading", |s| {
        status_line(s).contains("decided 1/") && status_line(s).contains("saved")
    });
    assert!(
        status_line(&s).contains("reading "),
        "reading should still be going on: {s}"
    );
    // Every file read: the counts are the whole corpus's, the message
    // says what went to gold.
    let unanimous = format!("{} unanimous paragraphs written to gold", FILES * 2);
    t.wait_for("every file read", |s| {
        let st = status_line(s);
        !st.contains("reading") && st.contains(&unanimous)
    });
    // (Esc clears the message: the counts come back.)
    t.keys(&["Escape"]);
    t.wait_for("the whole queue", |s| {
        status_line(s).contains(&format!("/{FILES}  decided 1/{FILES}"))
    });
    t.type_text("q");
    assert!(t.wait_exit());

    let gold = export(c, l, &["--gold"]);
    assert_eq!(gold.len(), FILES * 3 - (FILES - 1), "{gold:?}");
    let by = |doc: &str, para: u64| -> &Value {
        gold.iter()
            .find(|r| r["doc"] == doc && r["para"] == para)
            .unwrap_or_else(|| panic!("no gold for {doc}#{para}"))
    };
    let decided = by("报告00.txt", 1);
    assert_eq!(decided["source"], "adjudicated");
    assert_eq!(decided["section"], "achievement");
    assert_eq!(decided["reviewer"], "lead");
    for i in 0..FILES {
        let doc = format!("报告{i:02}.txt");
        for (para, section) in [(0, "heading"), (2, "plan")] {
            let g = by(&doc, para);
            assert_eq!(g["source"], "unanimous", "{doc}#{para}");
            assert_eq!(g["section"], section, "{doc}#{para}");
        }
    }
}

#[test]
fn a_missing_corpus_dir_is_said_first() {
    // An empty labels dir: were the stores read first, the screen would
    // say it needs two annotators' labels instead.
    let labels = tempfile::tempdir().unwrap();
    let args = [
        "--corpus",
        "no/such/报告目录",
        "--labels",
        labels.path().to_str().unwrap(),
        "review",
        "--reviewer",
        "lead",
    ];
    let t = Tmux::start_kept(100, 20, &args);
    assert_eq!(t.exit_status(), Some(2));
    let screen = t.wait_for("the message", |s| s.contains("no/such/报告目录"));
    assert!(!screen.contains("annotators"), "{screen}");
}
