//! `biaozhu agree` with a gold set: each annotator against it, against
//! figures computed by hand.

mod agree_common;

use agree_common::{agree, close, put, setup, PARAS};
use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore};

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
