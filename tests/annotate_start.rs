//! Starting the labeling screen when it cannot start: no terminal, a bad
//! schema, a corpus with nothing to label. Each exits 2 with one line
//! naming the fault, and creates nothing: no store, no labels dir.

mod start_common;

use start_common::{args, dirs, has_store, make_store, Dirs};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

/// biaozhu with `args`, stdin from /dev/null and stdout a pipe: no terminal.
fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Exit code 2 and the one line on stderr.
fn refused(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
    err
}

fn nothing_created(d: &Dirs) {
    assert!(!d.labels.exists(), "labels dir created");
}

#[test]
fn no_terminal_says_so_and_creates_nothing() {
    let d = dirs();
    for command in [&[][..], &["annotate"][..]] {
        let mut a = args(&d, "alice");
        a.extend_from_slice(command);
        let err = refused(&run(&a));
        assert_eq!(
            err,
            "biaozhu: the labeling screen (biaozhu annotate) needs a terminal \
             (stdin and stdout are not terminals); for scripts use biaozhu corpus, \
             export, import or agree\n"
        );
        nothing_created(&d);
    }
    // --new-annotator skips the question, never the terminal check.
    let err = refused(&run(
        &[&args(&d, "alice")[..], &["--new-annotator"]].concat()
    ));
    assert!(err.contains("needs a terminal"), "{err}");
    nothing_created(&d);
}

#[test]
fn no_terminal_beside_other_stores_creates_no_stray_store() {
    let d = dirs();
    make_store(&d.labels, "alice");
    let err = refused(&run(&args(&d, "alcie")));
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(!has_store(&d.labels, "alcie"));
}

#[test]
fn a_bad_schema_is_named_and_no_store_is_created() {
    let d = dirs();
    std::fs::create_dir_all(&d.labels).unwrap();
    // `q` is reserved (quit).
    let schema =
        "version = 1\n[[section]]\nname = \"heading\"\nzh = \"标题（一级）\"\nkey = \"q\"\n";
    std::fs::write(d.labels.join("schema.toml"), schema).unwrap();
    let err = refused(&run(&args(&d, "alice")));
    assert!(
        err.contains("schema.toml:5") && err.contains("reserved key \"q\""),
        "{err}"
    );
    assert!(!has_store(&d.labels, "alice"));
}

#[test]
fn a_corpus_without_paragraphs_is_named_and_no_store_is_created() {
    let d = dirs();
    std::fs::write(d.corpus.join("卫健委报告.txt"), "\n　　\n\n").unwrap();
    let err = refused(&run(&args(&d, "alice")));
    assert!(
        err.contains("has no paragraphs to label") && err.contains("corpus"),
        "{err}"
    );
    nothing_created(&d);
    std::fs::remove_dir_all(&d.corpus).unwrap();
    let err = refused(&run(&args(&d, "alice")));
    assert!(err.contains("corpus"), "{err}");
    nothing_created(&d);
}

#[test]
fn a_bad_annotator_name_is_named_and_nothing_is_created() {
    let d = dirs();
    let err = refused(&run(&args(&d, "张三")));
    assert!(err.contains("\"张三\""), "{err}");
    nothing_created(&d);
}

#[test]
fn new_annotator_is_only_for_the_labeling_screen() {
    let d = dirs();
    make_store(&d.labels, "alice");
    let a = [&args(&d, "alice")[..], &["--new-annotator", "export"]].concat();
    let err = refused(&run(&a));
    assert!(err.contains("--new-annotator"), "{err}");
    let help = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("--new-annotator"), "{help}");
}
