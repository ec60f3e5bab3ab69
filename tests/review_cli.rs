//! `biaozhu review` from the command line, before the screen opens: what
//! it refuses, with exit code 2 and a message naming the fault. The screen
//! needs a terminal, so these run on one (`pty_common`).

#[path = "import_common/mod.rs"]
mod import_common;
mod pty_common;

use import_common::{biaozhu, heading, import, setup, write};
use pty_common::on_terminal;

#[test]
fn review_needs_two_annotators() {
    let s = setup();
    let none = on_terminal(&s.corpus, &s.labels, &["review", "--reviewer", "lead"]);
    assert_eq!(none.code, Some(2), "{}", none.stderr);
    assert!(
        none.stderr.contains("no such labels dir") && none.stderr.contains("biaozhu import"),
        "{}",
        none.stderr
    );
    std::fs::create_dir_all(&s.labels).unwrap();
    let empty = on_terminal(&s.corpus, &s.labels, &["review", "--reviewer", "lead"]);
    assert_eq!(empty.code, Some(2), "{}", empty.stderr);
    assert!(
        empty.stderr.contains("at least two annotators") && empty.stderr.contains("has 0"),
        "{}",
        empty.stderr
    );
    let file = write(&s, "甲.jsonl", &[heading("alice")]);
    assert_eq!(import(&s, &s.labels, &[&file]).code, Some(0));
    let one = on_terminal(&s.corpus, &s.labels, &["review", "--reviewer", "lead"]);
    assert_eq!(one.code, Some(2));
    assert!(one.stderr.contains("has 1: alice"), "{}", one.stderr);
    assert!(one.stderr.contains("biaozhu import"), "{}", one.stderr);
    assert!(!s.labels.join("gold.sled").exists(), "nothing written");
}

#[test]
fn reviewer_names_are_checked_and_gold_is_reserved() {
    let s = setup();
    let file = write(&s, "乙.jsonl", &[heading("alice"), heading("bob")]);
    assert_eq!(import(&s, &s.labels, &[&file]).code, Some(0));
    for (bad, why) in [("gold", "reserved for the gold set"), ("张三", "'张'")] {
        let run = on_terminal(&s.corpus, &s.labels, &["review", "--reviewer", bad]);
        assert_eq!(run.code, Some(2), "{bad}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("\"{bad}\"")) && run.stderr.contains(why),
            "{}",
            run.stderr
        );
    }
    let gold_as_annotator = biaozhu(&s.corpus, &s.labels, &["--annotator", "gold", "agree"]);
    assert_eq!(
        gold_as_annotator.code,
        Some(2),
        "{}",
        gold_as_annotator.stderr
    );
}

#[test]
fn without_a_terminal_review_says_so_and_writes_no_gold() {
    let s = setup();
    let file = write(&s, "丙.jsonl", &[heading("alice"), heading("bob")]);
    assert_eq!(import(&s, &s.labels, &[&file]).code, Some(0));
    // `biaozhu` runs with stdin from /dev/null and stdout a pipe.
    let run = biaozhu(&s.corpus, &s.labels, &["review", "--reviewer", "lead"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "biaozhu: the review screen (biaozhu review) needs a terminal \
         (stdin and stdout are not terminals); for scripts use biaozhu review --queue, agree or export --gold"
    );
    assert!(!s.labels.join("gold.sled").exists(), "nothing written");
}
