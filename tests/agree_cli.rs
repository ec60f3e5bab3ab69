//! `biaozhu agree` on labels of three annotators, against figures computed by
//! hand from the definitions in DESIGN.md §1.

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
