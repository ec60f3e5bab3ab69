//! `biaozhu corpus` from the command line: the report, JSON lines, exit codes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn biaozhu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_biaozhu"))
}

#[test]
fn report_lists_every_file_with_its_counts() {
    let out = biaozhu().arg("corpus").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for header in [
        "file",
        "encoding",
        "paragraphs",
        "headings",
        "glosses",
        "chunks",
        "boilerplate",
        "warnings",
    ] {
        assert!(text.contains(header), "{text}");
    }
    let row = text
        .lines()
        .find(|l| l.starts_with("000_9070ae23c15341c6.txt"))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[1], "UTF-8");
    assert_eq!(cells[4], "297", "glosses removed: {row}");
    assert_eq!(cells[5], "14", "page chunks rejoined: {row}");
    assert!(text.contains("5 files read, 0 skipped"));
}

#[test]
fn jsonl_has_one_paragraph_per_line() {
    let out = biaozhu().args(["corpus", "--jsonl"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut n = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (doc, para) = (v["doc"].as_str().unwrap(), v["para"].as_u64().unwrap());
        assert_eq!(v["id"].as_str().unwrap(), format!("{doc}#{para}"));
        assert!(!v["text"].as_str().unwrap().trim().is_empty());
        if let Some(s) = v.get("suggested") {
            assert_eq!(s, "boilerplate");
        }
        if let Some(h) = v.get("heading") {
            assert_eq!(h, true);
        }
        n += 1;
    }
    assert!(n > 1000, "{n} paragraphs");
    assert!(text.contains(r#""text":"(一)加强食品安全监管,夯实监管效能,提升监管水平。","hash":"#));
}

/// Every paragraph carries its suggested spans; each span's text is the
/// paragraph's text at its code-point offsets; no span is a year.
#[test]
fn jsonl_suggests_spans_at_exact_offsets() {
    let out = biaozhu().args(["corpus", "--jsonl"]).output().unwrap();
    assert!(out.status.success());
    let (mut spans, mut labeled) = (0, 0);
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let chars: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        for s in v["suggested_spans"]
            .as_array()
            .expect("suggested_spans on every line")
        {
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let at: String = chars[start..end].iter().collect();
            assert_eq!(s["text"].as_str().unwrap(), at);
            assert_ne!(chars.get(end), Some(&'年'), "{line}");
            spans += 1;
            labeled += usize::from(s["label"].is_string());
        }
    }
    assert!(
        spans > 100 && labeled > spans / 2,
        "{spans} spans, {labeled} labeled"
    );
    // One worked out: 88.63% of 合作医疗 coverage, in a Traditional report.
    let out = biaozhu().args(["corpus", "--jsonl"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(r#"掩蓋率達88.63%。","hash":"dc2ec8c4be18ca80","suggested_spans":[{"start":150,"end":156,"text":"88.63%","label":"insurance"}]}"#));
}

#[test]
fn cleaning_switches_off() {
    let out = biaozhu()
        .args([
            "corpus",
            "--no-glosses",
            "--no-page-chunks",
            "--no-boilerplate",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("cleaning: glosses off, page chunks off, boilerplate off"));
    assert!(text.contains("0 glosses removed, 0 page chunks rejoined, 0 suggested boilerplate"));
    let out = biaozhu()
        .args(["corpus", "--jsonl", "--no-glosses"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("衛(wèi)生"));
}

#[test]
fn missing_corpus_dir_is_bad_input() {
    let out = biaozhu()
        .args(["--corpus", "no/such/dir", "corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no/such/dir"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn bad_limits_are_bad_usage() {
    for args in [["--max-chars", "5"], ["--max-heading-chars", "0"]] {
        let out = biaozhu().arg("corpus").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(args[0]), "{err}");
    }
}

#[test]
fn bad_files_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "一、总体情况\n　　全年疫苗接种率98.5%。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("image.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let out = biaozhu()
        .arg("--corpus")
        .arg(dir.path())
        .arg("corpus")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 file read, 1 skipped"), "{text}");
    assert!(text.contains("image.png: skipped: looks binary"), "{text}");
}

#[test]
fn closed_stdout_is_not_an_error() {
    let mut child = biaozhu()
        .args(["corpus", "--jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\""));
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_lists_commands_with_examples() {
    let out = biaozhu().arg("--help").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("corpus") && text.contains("Examples:"),
        "{text}"
    );
}

#[test]
fn readme_shows_the_real_report() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("$ biaozhu corpus\n")
        .expect("README has a captured report")
        + "$ biaozhu corpus\n".len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let out = biaozhu().arg("corpus").output().unwrap();
    assert_eq!(
        shown,
        String::from_utf8(out.stdout).unwrap(),
        "README's report is stale"
    );
}

#[test]
fn rules_are_listed_and_switch_off_by_name() {
    let out = biaozhu().arg("corpus").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for (_, name, _) in biaozhu::corpus::rules::RULES {
        let row = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no row for {name}: {text}"));
        assert!(
            row.split_whitespace()
                .nth(1)
                .unwrap()
                .parse::<usize>()
                .is_ok(),
            "{row}"
        );
    }
    let out = biaozhu()
        .args(["corpus", "--rules-off", "hard-wraps,tables"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["hard-wraps", "tables"] {
        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap();
        assert_eq!(row.split_whitespace().nth(1), Some("off"), "{row}");
    }
    let out = biaozhu()
        .args(["corpus", "--rules-off", "tables,nonsense"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--rules-off") && err.contains("\"nonsense\""),
        "{err}"
    );
}
