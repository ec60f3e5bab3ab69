//! `biaozhu agree` on labels of three annotators, against figures computed by
//! hand from the definitions in DESIGN.md §1.

mod agree_common;

use agree_common::{agree, close, put, setup, BIN};
use biaozhu::store::SledStore;
use std::process::Command;

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
