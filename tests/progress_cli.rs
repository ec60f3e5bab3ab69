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
