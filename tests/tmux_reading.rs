//! End to end in tmux (issue 18): the labeling screen is up and its keys
//! work while the rest of the corpus is still being read in the
//! background, and everything is there once reading ends. Reading is
//! slowed with the test hook `BIAOZHU_TEST_READ_DELAY_MS` (a wait before
//! each file), so the window does not depend on the machine's speed.
//! Fails (not skips) without tmux.

mod tmux_common;

use tmux_common::{labels_dir, status_line, Tmux, BIN};

const FILES: usize = 60;

/// `FILES` reports of 3 paragraphs ([`tmux_common::reports`]).
fn corpus() -> tempfile::TempDir {
    tmux_common::reports(FILES)
}

#[test]
fn keys_work_while_the_corpus_is_still_being_read() {
    let corpus = corpus();
    let labels = labels_dir();
    let (c, l) = (
        corpus.path().to_str().unwrap(),
        labels.path().to_str().unwrap(),
    );
    let t = Tmux::start_program(
        100,
        30,
        "env",
        &[
            "BIAOZHU_TEST_READ_DELAY_MS=150",
            BIN,
            "--corpus",
            c,
            "--labels",
            l,
            "--annotator",
            "alice",
            "--no-suggest",
        ],
    );
    // Up with the first document, the status line saying how far reading is.
    let s = t.wait_for("the first frame while reading", |s| {
        status_line(s).contains("reading ") && s.contains("一、总体情况（第0号）")
    });
    assert!(status_line(&s).contains(&format!("/{FILES} files")), "{s}");
    // Keys work on what is read: to the next paragraph, label it.
    t.keys(&["Down"]);
    t.wait_for("the second paragraph", |s| status_line(s).contains(" 2/3 "));
    t.type_text("a");
    let s = t.wait_for("the label saved while still reading", |s| {
        s.contains("a*工作成效") && status_line(s).contains("saved")
    });
    assert!(
        status_line(&s).contains("reading "),
        "reading should still be going on: {s}"
    );
    // Every file read: the counts are the whole corpus's.
    let all = format!("all 0/{}", FILES * 3);
    let s = t.wait_for("every file read", |s| {
        let st = status_line(s);
        !st.contains("reading") && st.contains(&all)
    });
    assert!(s.contains("a*工作成效"), "{s}");
    // A search finds text in the last file.
    t.type_text("/");
    t.type_text(&format!("达到98.{}%", FILES - 1));
    t.keys(&["Enter"]);
    let last = format!("报告{}.txt", FILES - 1);
    t.wait_for("the last file's paragraph", |s| s.contains(&last));
    t.type_text("q");
    assert!(t.wait_exit());
    let records = tmux_common::export(c, l, &["--format", "native"]);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["doc"], "报告00.txt");
    assert_eq!(records[0]["para"], 1);
    assert_eq!(records[0]["section"], "achievement");
}

/// The screen runs with mimalloc giving freed memory back within 10 ms
/// (the process runs itself again in place — same process id, arguments
/// and terminal — with `MIMALLOC_PURGE_DELAY` set), and a delay the
/// environment sets is kept.
#[test]
fn the_screen_runs_with_a_short_purge_delay_unless_one_is_set() {
    let corpus = tmux_common::reports(2);
    let labels = labels_dir();
    let (c, l) = (
        corpus.path().to_str().unwrap(),
        labels.path().to_str().unwrap(),
    );
    for (env, expected) in [
        ("-u", "MIMALLOC_PURGE_DELAY=10"),
        ("MIMALLOC_PURGE_DELAY=250", "MIMALLOC_PURGE_DELAY=250"),
    ] {
        let mut args = vec![env];
        if env == "-u" {
            args.push("MIMALLOC_PURGE_DELAY");
        }
        args.extend([BIN, "--corpus", c, "--labels", l, "--annotator", "alice"]);
        let t = Tmux::start_program(100, 30, "env", &args);
        t.wait_for("the first frame", |s| {
            s.contains("一、总体情况（第0号）") && status_line(s).contains("all 0/6")
        });
        let pid = t.pane_pid();
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
        let vars: Vec<&[u8]> = environ.split(|&b| b == 0).collect();
        let delays: Vec<String> = vars
            .iter()
            .filter(|v| v.starts_with(b"MIMALLOC_PURGE_DELAY="))
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .collect();
        assert_eq!(delays, vec![expected.to_owned()], "{env}");
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
        assert!(
            cmdline.ends_with(b"--annotator\0alice\0"),
            "the arguments are the same: {}",
            String::from_utf8_lossy(&cmdline)
        );
        t.keys(&["q"]);
        assert!(t.wait_exit(), "the screen ends on q");
    }
}
