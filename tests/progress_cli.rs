//! Progress of long commands: drawn on stderr when it is a terminal,
//! cleared after; nothing with `--quiet` or when stderr is not a terminal.

mod import_common;
mod pty_common;

use import_common::{biaozhu, heading, import, setup, write};
use pty_common::on_terminal;

fn labeled() -> import_common::Setup {
    let s = setup();
    let file = write(&s, "labels.jsonl", &[heading("alice"), heading("bob")]);
    assert_eq!(import(&s, &s.labels, &[&file]).code, Some(0));
    s
}

#[test]
fn shown_on_a_terminal_and_cleared() {
    let s = labeled();
    let run = on_terminal(&s.corpus, &s.labels, &["stats", "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("reading the corpus"),
        "{:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains("reading the stores"),
        "{:?}",
        run.stderr
    );
    // Each step's line is erased (ESC [2K) once it is done.
    assert!(run.stderr.contains("\u{1b}[2K"), "{:?}", run.stderr);
    let file = write(&s, "more.jsonl", &[heading("carol")]);
    let run = on_terminal(&s.corpus, &s.labels, &["import", file.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("importing"), "{:?}", run.stderr);
}

#[test]
fn nothing_with_quiet_or_off_a_terminal() {
    let s = labeled();
    let run = on_terminal(&s.corpus, &s.labels, &["--quiet", "agree", "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("reading"), "{:?}", run.stderr);
    let run = biaozhu(&s.corpus, &s.labels, &["agree", "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
}

#[test]
fn reading_the_corpus_and_exporting_are_shown_on_a_terminal_not_in_a_pipe() {
    let s = labeled();
    let run = on_terminal(&s.corpus, &s.labels, &["corpus"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("reading the corpus"),
        "{:?}",
        run.stderr
    );
    let out = s.root.path().join("出口.jsonl");
    let out = out.to_str().unwrap();
    let run = on_terminal(&s.corpus, &s.labels, &["export", "-o", out]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("exporting"), "{:?}", run.stderr);
    assert!(run.stderr.contains("\u{1b}[2K"), "{:?}", run.stderr);
    for args in [&["corpus"][..], &["export", "-o", out]] {
        let run = biaozhu(&s.corpus, &s.labels, args);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}
