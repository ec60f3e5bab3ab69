//! `biaozhu export` in any format, from the command line: the --section and
//! --only-complete filters, --split, and a broken pipe on stdout. Each
//! format's records: `export_native`, `export_prodigy`, `export_doccano`,
//! `export_label_studio`.

mod export_common;

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::Label;
use export_common::{labeled, parse, Fixture};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

#[test]
fn section_and_only_complete_filters() {
    let (fx, _) = labeled();
    let ids = |args: &[&str]| -> Vec<String> {
        fx.export(args)
            .iter()
            .map(|r| {
                format!(
                    "{}/{}",
                    r["id"].as_str().unwrap(),
                    r["annotator"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(ids(&["--section", "achievement"]), ["甲.txt#1/alice"]);
    assert_eq!(
        ids(&["--section", "achievement", "--section", "old_problem"]),
        ["甲.txt#1/alice", "甲.txt#3/bob"]
    );
    // In the schema but on no label: fine, and empty.
    assert!(ids(&["--section", "plan"]).is_empty());
    assert_eq!(
        ids(&["--only-complete"]),
        ["甲.txt#1/alice", "甲.txt#1/bob", "甲.txt#3/bob"]
    );
    assert_eq!(
        ids(&["--only-complete", "--section", "heading"]),
        Vec::<String>::new()
    );
    let lines = fx.export(&["--format", "label-studio", "--section", "indicator_report"]);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["annotations"].as_array().unwrap().len(), 1);

    let out = fx.run(&["--section", "no_such_section"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no_such_section"));
}

/// Docs d00..d19, three paragraphs each, labeled by two annotators.
fn many_docs() -> Fixture {
    let fx = Fixture::new(20);
    for who in ["alice", "bob"] {
        let labels: Vec<Label> = fx
            .texts
            .keys()
            .filter(|id| id.starts_with('d'))
            .map(|id| fx.label(id, "achievement", &["family_doctor"], true))
            .collect();
        fx.put(who, &labels);
    }
    fx
}

fn split_files(fx: &Fixture, dir: &Path, args: &[&str]) -> Vec<Vec<u8>> {
    let dir_s = dir.to_str().unwrap();
    let mut all = vec!["-o", dir_s];
    all.extend_from_slice(args);
    let out = fx.run(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let ext = if args.contains(&"label-studio") {
        "json"
    } else {
        "jsonl"
    };
    ["train", "dev", "test"]
        .iter()
        .map(|s| std::fs::read(dir.join(format!("{s}.{ext}"))).unwrap())
        .collect()
}

#[test]
fn split_by_document_deterministic_for_a_seed() {
    let fx = many_docs();
    let a = split_files(
        &fx,
        &fx.root.join("a"),
        &["--split", "80/10/10", "--seed", "1"],
    );
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut counts = [0usize; 3];
    for (k, bytes) in a.iter().enumerate() {
        for r in parse(std::str::from_utf8(bytes).unwrap()) {
            counts[k] += 1;
            let doc = r["doc"].as_str().unwrap().to_owned();
            assert_eq!(
                *seen.entry(doc.clone()).or_insert(k),
                k,
                "{doc} in two splits"
            );
            assert_eq!(r["text"], fx.text(r["id"].as_str().unwrap()));
        }
    }
    assert_eq!(counts.iter().sum::<usize>(), 120);
    assert_eq!(seen.len(), 20);
    assert_eq!(counts, [96, 12, 12], "20 equal docs: 16/2/2");
    let again = split_files(
        &fx,
        &fx.root.join("b"),
        &["--split", "80/10/10", "--seed", "1"],
    );
    assert_eq!(a, again, "same seed, same files");
    let differs = (2..10).any(|seed| {
        let dir = fx.root.join(format!("s{seed}"));
        split_files(
            &fx,
            &dir,
            &["--split", "80/10/10", "--seed", &seed.to_string()],
        ) != a
    });
    assert!(differs, "another seed, another split");
    // Label Studio: .json lists; the default seed is 0.
    let ls = split_files(
        &fx,
        &fx.root.join("ls"),
        &["--format", "label-studio", "--split", "60/20/20"],
    );
    let tasks: usize = ls
        .iter()
        .map(|b| parse(std::str::from_utf8(b).unwrap()).len())
        .sum();
    assert_eq!(tasks, 60);
    let leftovers: Vec<_> = std::fs::read_dir(fx.root.join("ls"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bad_split_values_are_usage_errors() {
    let fx = many_docs();
    let dir = fx.root.join("out");
    let dir = dir.to_str().unwrap();
    for bad in [
        "80/10",
        "80/10/5",
        "a/b/c",
        "-10/60/50",
        "80/10/10/0",
        "80,10,10",
    ] {
        let out = fx.run(&[&format!("--split={bad}"), "-o", dir]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("--split {bad}")), "{bad}: {err}");
    }
    let out = fx.run(&["--split", "80/10/10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o DIR"));
    assert!(!Path::new(dir).exists(), "nothing written");
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let fx = Fixture::new(0);
    let corpus = fx.corpus.join("长.txt");
    let text: String = (0..2000)
        .map(|i| format!("　　第{i}段：全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%，家庭医生签约服务覆盖率达到45.2%。\n"))
        .collect();
    std::fs::write(&corpus, text).unwrap();
    let ids: Vec<String> = fx
        .corpus_jsonl()
        .iter()
        .filter(|p| p["doc"] == "长.txt")
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2000);
    let labels: Vec<Label> = ids
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut l = Label::new("长.txt", i as u32, &content_hash(t));
            l.section = Some("achievement".into());
            l
        })
        .collect();
    fx.put("alice", &labels);
    for format in ["native", "label-studio"] {
        let mut child = fx
            .command(&["--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 4096];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}
