//! Untrusted text never reaches a terminal raw (DESIGN.md §3, issue 12):
//! names from imported labels, file names, paths and values quoted in
//! messages are shown through the sanitize layer's stand-ins (`␛`, `␇`,
//! `⇄`) and cut; JSON output stays exact (serde_json escapes C0 controls).

mod import_common;

use import_common::*;
use std::path::Path;
use std::process::Command;

/// A title-setting OSC sequence ending in BEL.
const OSC: &str = "\u{1b}]0;owned\u{7}";
/// A bidi override.
const RLO: char = '\u{202e}';

/// No byte or character a terminal would act on.
fn assert_safe(what: &str, text: &str) {
    for bad in ['\u{1b}', '\u{7}', RLO, '\u{9b}', '\u{7f}'] {
        assert!(
            !text.contains(bad),
            "{what}: raw U+{:04X} in {text:?}",
            u32::from(bad)
        );
    }
}

/// Two annotators' labels whose section type and indicator names carry
/// an OSC sequence and a bidi override, imported into `s.labels`.
fn import_hostile_names(s: &Setup) {
    let mut lines = Vec::new();
    for (who, section) in [("alice", format!("sec{OSC}")), ("bob", "plan".into())] {
        for (para, text) in [(0, P0), (3, P3)] {
            let mut v: serde_json::Value =
                serde_json::from_str(&record(who, "报告.txt", para, text, &section, T0)).unwrap();
            if who == "alice" {
                v["indicators"] = serde_json::json!([format!("{RLO}evil")]);
            }
            lines.push(v.to_string());
        }
    }
    let file = write(s, "hostile.jsonl", &lines);
    let run = import(s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn agree_text_shows_imported_names_as_stand_ins() {
    let s = setup();
    import_hostile_names(&s);
    let run = biaozhu(&s.corpus, &s.labels, &["agree"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_safe("agree", &run.stdout);
    assert!(run.stdout.contains("sec␛]0;owned␇"), "{}", run.stdout);
    assert!(run.stdout.contains("⇄evil"), "{}", run.stdout);
}

#[test]
fn json_output_is_exact_and_escapes_c0_controls() {
    let s = setup();
    import_hostile_names(&s);
    for args in [
        &["agree", "--json"][..],
        &["export"][..],
        &["review", "--queue"],
    ] {
        let run = biaozhu(&s.corpus, &s.labels, args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains('\u{1b}'), "{args:?}: raw ESC");
        assert!(!run.stdout.contains('\u{7}'), "{args:?}: raw BEL");
        assert!(run.stdout.contains("\\u001b]0;owned\\u0007"), "{args:?}");
    }
    // Exact: the names decode back to what was imported (U+202E is kept
    // as it is; JSON is for programs, see README).
    let export = biaozhu(&s.corpus, &s.labels, &["export", "--annotator", "alice"]);
    let first: serde_json::Value =
        serde_json::from_str(export.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["section"], format!("sec{OSC}"));
    assert_eq!(first["indicators"][0], format!("{RLO}evil"));
}

#[test]
fn corpus_report_shows_file_names_as_stand_ins() {
    let s = setup();
    let name = format!("{OSC}{RLO}报告.txt");
    std::fs::write(s.corpus.join(&name), REPORT).unwrap();
    let run = biaozhu(&s.corpus, &s.labels, &["corpus"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_safe("corpus", &run.stdout);
    assert!(run.stdout.contains("␛]0;owned␇⇄报告.txt"), "{}", run.stdout);
    let jsonl = biaozhu(&s.corpus, &s.labels, &["corpus", "--jsonl"]);
    assert!(!jsonl.stdout.contains('\u{1b}') && !jsonl.stdout.contains('\u{7}'));
}

#[test]
fn a_huge_hostile_annotator_name_in_an_import_is_quoted_short() {
    let s = setup();
    let name = format!("{OSC}{}", "a".repeat(10 << 20));
    let file = write(&s, "huge.jsonl", &[heading(&name), heading("erin")]);
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(
        run.code,
        Some(2),
        "{}",
        &run.stderr[..run.stderr.len().min(500)]
    );
    assert_safe("import stderr", &run.stderr);
    assert!(run.stderr.len() < 2000, "{} bytes", run.stderr.len());
    let first = run.stderr.lines().next().unwrap();
    assert!(
        first.ends_with(":1: field \"annotator\": invalid annotator name \"␛]0;owned␇aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\": it is longer than 64 characters")
            || first.contains("invalid annotator name \"␛]0;owned␇a"),
        "{first}"
    );
    assert!(run.stdout.contains("1 new"), "{}", run.stdout);
}

/// Runs the binary with `args` only (no --corpus/--labels).
fn bare(dir: &Path, args: &[&str]) -> Run {
    run(Command::new(BIN).current_dir(dir).args(args))
}

#[test]
fn hostile_flag_values_and_paths_in_messages_are_stand_ins() {
    let s = setup();
    // A long --annotator (argv allows 128 KiB) with an OSC sequence.
    let long = format!("{OSC}{}", "b".repeat(100_000));
    let run = bare(s.root.path(), &["annotate", "--annotator", &long]);
    assert_eq!(run.code, Some(2), "{}", run.stderr.len());
    assert_safe("--annotator", &run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
    assert!(run.stderr.len() < 4 * 1000, "{} bytes", run.stderr.len());
    assert!(run.stderr.contains("␛]0;owned␇bbb"), "{}", run.stderr);

    // A labels path with an OSC sequence, through a file.
    let file = s.root.path().join(format!("f{OSC}"));
    std::fs::write(&file, "").unwrap();
    let labels = file.join("labels");
    let run = biaozhu(&s.corpus, &labels, &["agree"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_safe("--labels", &run.stderr);
    assert!(run.stderr.contains("f␛]0;owned␇"), "{}", run.stderr);

    // A --section value.
    import_hostile_names(&s);
    let section = format!("x{OSC}{RLO}");
    let run = biaozhu(&s.corpus, &s.labels, &["export", "--section", &section]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_safe("--section", &run.stderr);
    assert!(
        run.stderr.contains("--section x␛]0;owned␇⇄"),
        "{}",
        run.stderr
    );
}

#[test]
fn schema_messages_show_names_as_stand_ins() {
    let s = setup();
    std::fs::create_dir_all(&s.labels).unwrap();
    let schema = biaozhu::schema::DEFAULT_SCHEMA_TOML.replacen(
        "name = \"heading\"",
        &format!("name = \"head{}\"", "\\u001b]0;owned\\u0007"),
        1,
    );
    std::fs::write(s.labels.join("schema.toml"), schema).unwrap();
    let run = biaozhu(&s.corpus, &s.labels, &["export"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_safe("schema", &run.stderr);
    assert!(run.stderr.contains("\"head␛]0;owned␇\""), "{}", run.stderr);
}
