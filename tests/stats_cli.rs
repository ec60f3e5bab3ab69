//! `biaozhu stats` through the binary: the figures of a small labeled
//! corpus worked out by hand, as text and `--json`; `--annotator`,
//! `--by-doc`; bad input named with exit 2.

mod import_common;

use import_common::*;
use serde_json::{json, Value};

const T1_DAY: &str = "2026-11-23";

/// alice labels four paragraphs (one with an unknown time), bob two (one
/// flagged) and one whose text is not in the corpus.
fn labeled() -> Setup {
    let s = setup();
    let with = |line: String, change: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(&line).unwrap();
        change(&mut v);
        v.to_string()
    };
    let lines = vec![
        heading("alice"),
        with(
            record("alice", "报告.txt", 1, P1, "indicator_report", T0),
            &|v| {
                v["indicators"] = json!(["vaccination_rate"]);
                v["duration_ms"] = json!(3000);
            },
        ),
        with(record("alice", "报告.txt", 3, P3, "problem", T1), &|v| {
            v["duration_ms"] = Value::Null;
        }),
        record("alice", "sub/其他.txt", 0, "三、下一步打算", "plan", T0),
        heading("bob"),
        with(
            record("bob", "报告.txt", 1, P1, "achievement", T0),
            &|v| {
                v["flags"] = json!(["review"]);
            },
        ),
        record(
            "bob",
            "gone.txt",
            0,
            "　　这段文字已不在语料中。",
            "other",
            T0,
        ),
    ];
    let file = write(&s, "labels.jsonl", &lines);
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    s
}

fn stats_json(s: &Setup, more: &[&str]) -> Value {
    let mut args = vec!["stats", "--json"];
    args.extend(more);
    let run = biaozhu(&s.corpus, &s.labels, &args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn json_figures_worked_out_by_hand() {
    let s = labeled();
    let st = stats_json(&s, &[]);
    assert_eq!(
        (st["paragraphs"].clone(), st["documents"].clone()),
        (json!(6), json!(2))
    );
    let alice = &st["annotators"][0];
    assert_eq!(alice["name"], "alice");
    assert_eq!(
        (alice["labeled"].clone(), alice["done"].clone()),
        (json!(4), json!(4))
    );
    assert_eq!(alice["sections"]["heading"], 1);
    assert_eq!(alice["sections"]["indicator_report"], 1);
    assert_eq!(alice["sections"]["overview"], 0);
    assert_eq!(alice["indicators"]["vaccination_rate"], 1);
    assert_eq!(alice["no_indicator"], 3);
    // Known times 1200 1200 3000 (one null): median 1200, p90 rank 3.
    assert_eq!(alice["timed"], 3);
    assert_eq!(
        (alice["median_ms"].clone(), alice["p90_ms"].clone()),
        (json!(1200), json!(3000))
    );
    assert_eq!(alice["histogram"], json!([2, 1, 0, 0, 0, 0, 0, 0]));
    assert_eq!(alice["per_day"], json!({"2026-11-22": 3, T1_DAY: 1}));
    assert_eq!(alice["last_labeled"], "2026-11-23T09:30:00Z");
    let bob = &st["annotators"][1];
    assert_eq!(
        (bob["labeled"].clone(), bob["orphaned"].clone()),
        (json!(2), json!(1))
    );
    // alice / bob: heading alike, indicator_report vs achievement.
    // Observed .5, expected .5·.5 = .25: κ = .25/.75.
    let pair = &st["pairs"][0];
    assert_eq!(
        (pair["a"].clone(), pair["b"].clone(), pair["items"].clone()),
        (json!("alice"), json!("bob"), json!(2))
    );
    assert!((pair["cohen_kappa"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(pair["percent_agreement"], 0.5);
    assert_eq!(
        st["gold"],
        json!({"exists": false, "labels": 0, "unanimous": 1, "queue": 1, "decided": 0, "left": 1})
    );
    assert_eq!(st["zh"]["heading"], "标题");
    assert!(st.get("by_doc").is_none());
}

#[test]
fn the_queue_is_the_one_review_opens_with() {
    let s = labeled();
    let queue = biaozhu(&s.corpus, &s.labels, &["review", "--queue"]);
    assert_eq!(queue.stdout.lines().count(), 1);
    assert_eq!(stats_json(&s, &[])["gold"]["queue"], 1);
}

#[test]
fn text_report() {
    let s = labeled();
    let run = biaozhu(&s.corpus, &s.labels, &["stats"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let r = &run.stdout;
    assert!(
        r.contains("\n6 paragraphs in 2 documents, 2 annotators\n"),
        "{r}"
    );
    assert!(
        r.contains("     4  66.7%       4      0  2026-11-23 09:30"),
        "{r}"
    );
    assert!(r.contains("  总述 overview"), "{r}");
    assert!(
        r.contains("1 label is on text no longer in the corpus"),
        "{r}"
    );
    assert!(r.contains("kappa  0.333  agree  50.0%"), "{r}");
    assert!(r.contains("  review queue        1"), "{r}");
    assert!(r.contains("  gold set         none"), "{r}");
    for line in r.lines() {
        assert!(biaozhu::text::str_width(line) <= 80, "{line}");
    }
}

#[test]
fn one_annotator_and_per_document() {
    let s = labeled();
    let st = stats_json(&s, &["--annotator", "alice", "--by-doc"]);
    assert_eq!(st["annotators"].as_array().unwrap().len(), 1);
    assert_eq!(st["pairs"], json!([]));
    let docs = st["by_doc"].as_array().unwrap();
    let report = docs.iter().find(|d| d["doc"] == "报告.txt").unwrap();
    assert_eq!(report["paragraphs"], 4);
    assert_eq!(report["annotators"], json!([{"labeled": 3, "done": 3}]));
    let run = biaozhu(&s.corpus, &s.labels, &["stats", "--by-doc"]);
    assert!(
        run.stdout.contains("Per document (labeled/done)"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_input_is_named_with_exit_2() {
    let s = labeled();
    let missing = s.root.path().join("no-such-dir/stats.html");
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["stats", "--html", missing.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("no-such-dir"), "{}", run.stderr);
    let run = biaozhu(&s.corpus, &s.root.path().join("nowhere"), &["stats"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
    let run = biaozhu(&s.corpus, &s.labels, &["stats", "--annotator", "carol"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("alice, bob"), "{}", run.stderr);
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["stats", "--json", "--html", "x.html"],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
}
