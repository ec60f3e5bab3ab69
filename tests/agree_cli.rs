//! `biaozhu agree` on labels of three annotators, against figures computed by
//! hand from the definitions in DESIGN.md §1.

mod import_common;

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");
const PARAS: [&str; 4] = [
    "一、总体情况",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，投入资金1,160万元。",
    "　　基层人才匮乏（平均年龄58岁）。",
    "　　𠀀字与emoji😀。",
];

fn put(labels: &Path, who: &str, para: u32, section: &str, indicators: &[&str]) {
    let mut s = SledStore::open(labels, who).unwrap();
    let mut l = Label::new("r.txt", para, &content_hash(PARAS[para as usize]));
    l.section = Some(section.to_owned());
    l.indicators = indicators.iter().map(|s| s.to_string()).collect();
    l.duration_ms = Some(1000 * (para as u64 + 1));
    l.done = true;
    s.put("r.txt", para, Some(&l), "section").unwrap();
}

fn agree(root: &Path, args: &[&str]) -> (String, Option<i32>) {
    let out = Command::new(BIN)
        .arg("--corpus")
        .arg(root.join("corpus"))
        .arg("--labels")
        .arg(root.join("labels"))
        .arg("agree")
        .args(args)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

fn setup() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("corpus")).unwrap();
    std::fs::write(root.path().join("corpus/r.txt"), PARAS.join("\n")).unwrap();
    root
}

fn close(v: &serde_json::Value, x: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((got - x).abs() < 1e-9, "{got} != {x}");
}

#[test]
fn figures_match_hand_computation() {
    let root = setup();
    let labels = root.path().join("labels");
    // p0: a a a | p1: a p a | p2: p p - | p3: x - - (not an item)
    for (who, rows) in [
        (
            "alice",
            vec![
                (0, "achievement", vec!["vaccination_rate"]),
                (1, "achievement", vec![]),
                (2, "problem", vec!["funds"]),
                (3, "other", vec![]),
            ],
        ),
        (
            "bob",
            vec![
                (0, "achievement", vec!["vaccination_rate"]),
                (1, "problem", vec![]),
                (2, "problem", vec![]),
            ],
        ),
        (
            "carol",
            vec![
                (0, "achievement", vec!["funds", "vaccination_rate"]),
                (1, "achievement", vec![]),
            ],
        ),
    ] {
        for (para, section, inds) in rows {
            put(&labels, who, para, section, &inds);
        }
    }
    let (out, code) = agree(root.path(), &["--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["annotators"],
        serde_json::json!(["alice", "bob", "carol"])
    );
    let s = &v["section"];
    assert_eq!(s["items"], 3);
    close(&s["percent_agreement"], 7.0 / 9.0);
    close(&s["fleiss_kappa"], -0.2);
    close(&s["krippendorff_alpha"], 16.0 / 30.0);
    let ab = &s["pairs"][0];
    assert_eq!(
        (ab["a"].as_str(), ab["b"].as_str()),
        (Some("alice"), Some("bob"))
    );
    assert_eq!(ab["items"], 3);
    close(&ab["percent_agreement"], 2.0 / 3.0);
    close(&ab["cohen_kappa"], 0.4);
    close(&v["indicators"]["masi_alpha"], 5.0 / 12.0);
    let vr = &v["indicators"]["per_label"]["vaccination_rate"];
    assert_eq!(vr["items"], 3);
    close(&vr["krippendorff_alpha"], 1.0);
    assert!(!out.contains("NaN"));

    let (text, code) = agree(root.path(), &[]);
    assert_eq!(code, Some(0));
    for needle in [
        "Fleiss' kappa",
        "0.778",
        "-0.200",
        "0.533",
        "alice / bob",
        "0.400",
        "MASI alpha",
        "0.417",
        "Confusion",
        "[",
        "Per annotator",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

#[test]
fn one_annotator_gives_nulls_and_a_message() {
    let root = setup();
    put(&root.path().join("labels"), "alice", 0, "heading", &[]);
    let (out, code) = agree(root.path(), &["--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["section"]["items"], 0);
    assert!(v["section"]["krippendorff_alpha"].is_null());
    assert!(v["section"]["fleiss_kappa"].is_null());
    assert!(v["indicators"]["masi_alpha"].is_null());
    let (text, _) = agree(root.path(), &[]);
    assert!(text.contains("at least two annotators"), "{text}");
}

#[test]
fn one_category_only_is_null_not_nan() {
    let root = setup();
    let labels = root.path().join("labels");
    for who in ["alice", "bob"] {
        put(&labels, who, 0, "heading", &[]);
        put(&labels, who, 1, "heading", &[]);
    }
    let (out, _) = agree(
        root.path(),
        &["--json", "--annotator", "alice", "--annotator", "bob"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["section"]["items"], 2);
    close(&v["section"]["percent_agreement"], 1.0);
    assert!(v["section"]["krippendorff_alpha"].is_null(), "{out}");
    assert!(v["section"]["pairs"][0]["cohen_kappa"].is_null(), "{out}");
    assert!(!out.contains("NaN"));
}

#[test]
fn each_annotator_against_the_gold_set() {
    const A: &str = "achievement";
    const P: &str = "problem";
    let root = setup();
    let labels = root.path().join("labels");
    // alice: a a p o | bob: a p p - | carol: a a - -
    let sections: [(&str, &[&str]); 3] = [
        ("alice", &[A, A, P, "other"]),
        ("bob", &[A, P, P]),
        ("carol", &[A, A]),
    ];
    for (who, row) in sections {
        for (para, section) in row.iter().enumerate() {
            put(&labels, who, para as u32, section, &[]);
        }
    }
    let (before, _) = agree(root.path(), &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&before).unwrap();
    for a in v["per_annotator"].as_array().unwrap() {
        for field in ["gold_items", "gold_agreement", "gold_kappa"] {
            assert!(a[field].is_null(), "{field} without a gold set: {before}");
        }
    }
    assert!(!agree(root.path(), &[]).0.contains("gold"));

    // gold: a a p - (p3 has no gold label).
    {
        let mut gold = SledStore::open_gold(&labels, "lead").unwrap();
        for (para, section) in [A, A, P].iter().enumerate() {
            let mut l = Label::new("r.txt", para as u32, &content_hash(PARAS[para]));
            l.section = Some(section.to_string());
            l.done = true;
            l.source = Some("majority".into());
            l.annotators = vec!["alice".into(), "bob".into(), "carol".into()];
            l.reviewer = Some("lead".into());
            gold.put("r.txt", para as u32, Some(&l), "adjudicate")
                .unwrap();
        }
    }
    let (out, code) = agree(root.path(), &["--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let per = v["per_annotator"].as_array().unwrap();
    let names: Vec<&str> = per
        .iter()
        .map(|a| a["annotator"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob", "carol"], "gold is no annotator");
    // alice vs gold on p0..p2: (a,a) (a,a) (p,p): all agree, same marginals
    // (a 2, p 1): p_e = 5/9, kappa 1.
    assert_eq!(per[0]["gold_items"], 3);
    close(&per[0]["gold_agreement"], 1.0);
    close(&per[0]["gold_kappa"], 1.0);
    // bob: (a,a) (p,a) (p,p): 2 of 3; marginals bob a1 p2, gold a2 p1:
    // p_e = (1·2 + 2·1)/9 = 4/9, kappa = (2/3 − 4/9)/(1 − 4/9) = 0.4.
    assert_eq!(per[1]["gold_items"], 3);
    close(&per[1]["gold_agreement"], 2.0 / 3.0);
    close(&per[1]["gold_kappa"], 0.4);
    // carol: (a,a) (a,a): one category only, kappa undefined.
    assert_eq!(per[2]["gold_items"], 2);
    close(&per[2]["gold_agreement"], 1.0);
    assert!(per[2]["gold_kappa"].is_null(), "{out}");
    assert!(!out.contains("NaN"));

    let (text, _) = agree(root.path(), &[]);
    assert!(
        text.contains("gold items  with gold  kappa vs gold"),
        "{text}"
    );
    let row = |who: &str| {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(who) && !l.contains('/'))
            .unwrap_or_else(|| panic!("no row of {who}:\n{text}"));
        line.split_whitespace().rev().take(3).collect::<Vec<_>>()
    };
    assert_eq!(row("alice"), ["1.000", "1.000", "3"]);
    assert_eq!(row("bob"), ["0.400", "0.667", "3"]);
    assert_eq!(row("carol"), ["-", "1.000", "2"]);
}

/// A store nobody labeled in (a mistyped name, a screen opened and left)
/// does not count; `--annotator` naming no store lists those there are.
#[test]
fn empty_stores_do_not_count_and_unknown_names_list_the_stores() {
    let root = setup();
    let labels = root.path().join("labels");
    put(&labels, "alice", 0, "heading", &[]);
    put(&labels, "bob", 0, "achievement", &[]);
    drop(SledStore::open(&labels, "alcie").unwrap());
    let (out, code) = agree(root.path(), &["--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["annotators"], serde_json::json!(["alice", "bob"]));
    assert_eq!(v["section"]["items"], 1);

    let out = Command::new(BIN)
        .arg("--corpus")
        .arg(root.path().join("corpus"))
        .arg("--labels")
        .arg(&labels)
        .args(["agree", "--annotator", "alice", "--annotator", "carol"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--annotator carol: no store")
            && err.contains("the annotators with a store are: alcie, alice, bob"),
        "{err}"
    );
}

/// A span of `label` over the first `needle` in `text`, in code points.
fn span_of(text: &str, needle: &str, label: &str) -> serde_json::Value {
    let at = text.find(needle).expect("needle in text");
    let start = text[..at].chars().count();
    let end = start + needle.chars().count();
    serde_json::json!({"start": start, "end": end, "label": label, "text": needle})
}

/// A native JSONL record of `who` on paragraph `para` of r.txt.
fn record(who: &str, para: usize, section: &str, spans: &[(&str, &str)]) -> String {
    let text = PARAS[para];
    let spans: Vec<serde_json::Value> = spans
        .iter()
        .map(|(needle, label)| span_of(text, needle, label))
        .collect();
    serde_json::json!({
        "id": format!("r.txt#{para}"), "doc": "r.txt", "para": para, "text": text,
        "annotator": who, "section": section, "indicators": [], "spans": spans,
        "flags": [], "note": null, "updated_at": "2026-11-22T10:00:00Z",
        "duration_ms": 3000, "done": true,
    })
    .to_string()
}

/// Spans brought in by `biaozhu import`, compared by `agree` against
/// figures worked by hand from the definitions in the README.
#[test]
fn span_figures_match_hand_computation() {
    const V: &str = "vaccination_rate";
    const F: &str = "funds";
    const ODD: &str = "新\u{1b}[31m指标";
    let root = setup();
    let records = [
        record("alice", 0, "heading", &[]),
        record("bob", 0, "heading", &[]),
        record(
            "alice",
            1,
            "achievement",
            &[("接种率达到98.5%", V), ("1,160万元", F)],
        ),
        record("bob", 1, "achievement", &[("98.5%", V), ("1,160万元", F)]),
        // Only alice labeled p2: her span counts as made, compared with none.
        record("alice", 2, "problem", &[("58岁", F)]),
        // After 𠀀 and 😀's neighbours; bob's second span has a label
        // outside the schema, with an escape sequence in its name.
        record("alice", 3, "other", &[("emoji", V)]),
        record("bob", 3, "other", &[("emoji", V), ("😀", ODD)]),
    ];
    let file = root.path().join("labels.jsonl");
    std::fs::write(&file, records.join("\n") + "\n").unwrap();
    let (corpus, labels) = (root.path().join("corpus"), root.path().join("labels"));
    import_common::import_ok(&corpus, &labels, &file);

    let (out, code) = agree(root.path(), &["--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let spans = &v["spans"];
    // Made: alice 2 + 1 + 1 = 4, bob 2 + 2 = 4.
    assert_eq!(spans["counts"], serde_json::json!({"alice": 4, "bob": 4}));
    let p = &spans["pairs"][0];
    assert_eq!(
        (p["a"].as_str(), p["b"].as_str()),
        (Some("alice"), Some("bob"))
    );
    // Items: p0, p1, p3 (p2 only alice labeled).
    assert_eq!(p["items"], 3);
    // On the items alice has 3 spans, bob 4.
    // V: alice 接种率达到98.5% (p1), emoji (p3); bob 98.5% (p1), emoji (p3):
    //    exact 1 (emoji), overlap 2 (98.5% lies inside alice's p1 span).
    // F: both 1,160万元 on p1: exact 1, overlap 1.
    // ODD: bob's 😀 only: 0 and 0.
    // All: exact 2 — P 2/3, R 2/4, F1 4/7; overlap 3 — P 1, R 3/4, F1 6/7.
    assert_eq!(
        (p["a_spans"].as_u64(), p["b_spans"].as_u64()),
        (Some(3), Some(4))
    );
    assert_eq!(p["exact"]["matched"], 2);
    close(&p["exact"]["precision"], 2.0 / 3.0);
    close(&p["exact"]["recall"], 0.5);
    close(&p["exact"]["f1"], 4.0 / 7.0);
    assert_eq!(p["overlap"]["matched"], 3);
    close(&p["overlap"]["precision"], 1.0);
    close(&p["overlap"]["recall"], 0.75);
    close(&p["overlap"]["f1"], 6.0 / 7.0);
    // V: a 2, b 2; exact 1 — P = R = F1 = 1/2; overlap 2 — all 1.
    let pv = &p["per_label"][V];
    close(&pv["exact"]["f1"], 0.5);
    close(&pv["overlap"]["recall"], 1.0);
    // F: a 1, b 1; both 1.
    close(&p["per_label"][F]["exact"]["f1"], 1.0);
    // ODD: a 0, b 1: precision undefined (null), recall 0, F1 0.
    let odd = &p["per_label"][ODD];
    assert_eq!(
        (odd["a_spans"].as_u64(), odd["b_spans"].as_u64()),
        (Some(0), Some(1))
    );
    assert!(odd["exact"]["precision"].is_null(), "{odd}");
    close(&odd["exact"]["recall"], 0.0);
    close(&odd["overlap"]["f1"], 0.0);
    assert_eq!(p["per_label"].as_object().unwrap().len(), 3);
    assert!(!out.contains("NaN"));

    let (text, code) = agree(root.path(), &[]);
    assert_eq!(code, Some(0));
    let row = |label: &str| {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}:\n{text}"));
        let words = label.split_whitespace().count();
        line.split_whitespace()
            .skip(words)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        row("(all labels)"),
        "3 4 0.667 0.500 0.571 1.000 0.750 0.857"
    );
    assert_eq!(row(V), "2 2 0.500 0.500 0.500 1.000 1.000 1.000");
    assert_eq!(row("新␛[31m指标"), "0 1 - 0.000 0.000 - 0.000 0.000");
    assert!(
        text.contains("alice / bob: 3 paragraphs both labeled"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "{text}");
    for line in text.lines() {
        assert!(
            biaozhu::text::str_width(line) <= 80,
            "wider than 80 columns: {line:?}"
        );
    }
}
