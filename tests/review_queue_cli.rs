//! `biaozhu review --queue`: the queue as JSON lines without the screen —
//! the shape of a line, most disagreement first, a flagged unanimous
//! paragraph present, `--annotator` and `--review-unanimous` respected, and
//! nothing written (no automatic gold, no gold store).

#[path = "import_common/mod.rs"]
mod import_common;

use biaozhu::store::{Label, LabelStore, SledStore, Span};
use import_common::{biaozhu, label, put, setup, Setup, P0, P1, P3, T0};
use serde_json::{json, Value};

const P2: &str = "二、存在问题";
/// Bob's note: Chinese, full-width punctuation, a tab, ESC, 𠀀, emoji, ｶﾞ.
const NOTE: &str = "看不懂：“乙类”口径？\t\u{1b}[31m𠀀😀ｶﾞ";

fn with(mut l: Label, indicators: &[&str]) -> Label {
    l.indicators = indicators.iter().map(|s| s.to_string()).collect();
    l
}

/// Three annotators on 报告.txt: 0 unanimous heading; 1 three sections,
/// vaccination_rate from all; 2 unanimous heading, flagged by carol and
/// noted by bob; 3 problem from all, workforce from two.
fn three_annotators(s: &Setup) {
    let at = |para, text, section| label("报告.txt", para, text, section, T0);
    let mut carol1 = with(at(1, P1, "problem"), &["vaccination_rate", "funds"]);
    carol1.spans = vec![Span {
        start: 2,
        end: 8,
        label: "vaccination_rate".into(),
    }];
    let mut flagged = at(2, P2, "heading");
    flagged.flags = vec!["review".into()];
    let mut noted = at(2, P2, "heading");
    noted.note = Some(NOTE.into());
    put(
        &s.labels,
        "alice",
        &[
            at(0, P0, "heading"),
            with(at(1, P1, "achievement"), &["vaccination_rate"]),
            at(2, P2, "heading"),
            with(at(3, P3, "problem"), &["workforce"]),
        ],
    );
    put(
        &s.labels,
        "bob",
        &[
            at(0, P0, "heading"),
            with(at(1, P1, "indicator_report"), &["vaccination_rate"]),
            noted,
            at(3, P3, "problem"),
        ],
    );
    put(
        &s.labels,
        "carol",
        &[
            at(0, P0, "heading"),
            carol1,
            flagged,
            with(at(3, P3, "problem"), &["workforce"]),
        ],
    );
}

fn queue(s: &Setup, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["review", "--queue"];
    all.extend_from_slice(args);
    let run = biaozhu(&s.corpus, &s.labels, &all);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn paras(lines: &[Value]) -> Vec<u64> {
    lines.iter().map(|l| l["para"].as_u64().unwrap()).collect()
}

#[test]
fn the_queue_as_json_lines_most_disagreement_first_writing_nothing() {
    let s = setup();
    three_annotators(&s);
    let lines = queue(&s, &[]);
    // 1: sections all differ (1) + Jaccard 0, ½, ½ over 3 pairs = 4/3;
    // 3: 0 + (1 + 0 + 1)/3 = 2/3; 2: unanimous but flagged and noted, 0.
    // 0 (unanimous, nothing said) is not in the queue.
    assert_eq!(paras(&lines), [1, 3, 2]);
    let first = &lines[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "id",
        "doc",
        "para",
        "disagreement",
        "reasons",
        "flagged",
        "notes",
        "votes",
        "proposal",
        "decided",
    ] {
        assert!(keys.contains(&key), "{key} missing: {first}");
    }
    assert_eq!(first["id"], "报告.txt#1");
    assert_eq!(first["doc"], "报告.txt");
    assert!((first["disagreement"].as_f64().unwrap() - 4.0 / 3.0).abs() < 1e-12);
    assert_eq!(first["reasons"], json!(["section", "indicators", "spans"]));
    assert_eq!(first["flagged"], false);
    assert_eq!(first["notes"], json!([]));
    // Per field: no section type has a majority, vaccination_rate does.
    assert_eq!(
        first["proposal"],
        json!({"section": null, "indicators": ["vaccination_rate"], "spans": []})
    );
    assert_eq!(
        first["votes"][2],
        json!({"annotator": "carol", "section": "problem",
               "indicators": ["funds", "vaccination_rate"],
               "spans": [{"start": 2, "end": 8, "label": "vaccination_rate"}]})
    );
    assert_eq!(first["votes"].as_array().unwrap().len(), 3);
    assert_eq!(first["decided"], Value::Null);

    let flagged = &lines[2];
    assert_eq!(flagged["disagreement"], 0.0);
    assert_eq!(flagged["reasons"], json!(["flagged", "note"]));
    assert_eq!(flagged["flagged"], true);
    assert_eq!(flagged["flagged_by"], json!(["carol"]));
    assert_eq!(
        flagged["notes"],
        json!([{"annotator": "bob", "note": NOTE}])
    );
    assert_eq!(
        flagged["proposal"],
        json!({"section": "heading", "indicators": [], "spans": []})
    );
    assert_eq!(lines[1]["proposal"]["indicators"], json!(["workforce"]));

    // Nothing written: no gold store, so no automatic gold either.
    assert!(!SledStore::gold_exists(&s.labels), "no gold store created");

    // --review-unanimous: 0 is queued too (ties in corpus order).
    let lines = queue(&s, &["--review-unanimous"]);
    assert_eq!(paras(&lines), [1, 3, 0, 2]);
    assert_eq!(lines[2]["reasons"], json!([]));

    // --annotator: alice and bob only; carol's flag is not theirs, bob's
    // note is. 1 and 3 tie at 1.
    let lines = queue(&s, &["--annotator", "alice", "--annotator", "bob"]);
    assert_eq!(paras(&lines), [1, 3, 2]);
    assert_eq!(lines[2]["reasons"], json!(["note"]));
    assert_eq!(lines[2]["flagged"], false);
    let voters: Vec<&Value> = lines[0]["votes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["annotator"])
        .collect();
    assert_eq!(voters, [&json!("alice"), &json!("bob")]);
    assert!(!SledStore::gold_exists(&s.labels));
}

#[test]
fn decisions_show_with_their_provenance_and_the_gold_set_is_left_alone() {
    let s = setup();
    three_annotators(&s);
    // A reviewer decided 3; an automatic gold label sits on 2 from before
    // carol flagged it (the screen would withdraw it: shown undecided).
    let mut decided = with(
        label("报告.txt", 3, P3, "problem", "2026-11-24T09:30:00Z"),
        &["workforce"],
    );
    decided.source = Some("adjudicated".into());
    decided.reviewer = Some("wang".into());
    decided.annotators = vec!["alice".into(), "bob".into(), "carol".into()];
    decided.done = true;
    let mut auto = label("报告.txt", 2, P2, "heading", T0);
    auto.source = Some("unanimous".into());
    auto.reviewer = Some("wang".into());
    {
        let mut gold = SledStore::open_gold(&s.labels, "wang").unwrap();
        gold.put("报告.txt", 3, Some(&decided), "adjudicate")
            .unwrap();
        gold.put("报告.txt", 2, Some(&auto), "unanimous").unwrap();
    }
    let export = |s: &Setup| {
        let run = biaozhu(&s.corpus, &s.labels, &["export", "--gold"]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        run.stdout
    };
    let before = export(&s);

    let lines = queue(&s, &[]);
    assert_eq!(paras(&lines), [1, 3, 2]);
    assert_eq!(
        lines[1]["decided"],
        json!({"section": "problem", "indicators": ["workforce"], "spans": [],
               "reviewer": "wang", "updated_at": "2026-11-24T09:30:00Z",
               "source": "adjudicated"})
    );
    assert_eq!(
        lines[2]["decided"],
        Value::Null,
        "withdrawn when the screen opens"
    );
    // --review-unanimous: nothing is withdrawn, so it shows as it stands.
    let lines = queue(&s, &["--review-unanimous"]);
    assert_eq!(lines[3]["decided"]["source"], "unanimous");

    // The gold set is as it was: nothing withdrawn, no unanimous 0 added.
    assert_eq!(export(&s), before);
    assert_eq!(before.lines().count(), 2, "{before}");
}
