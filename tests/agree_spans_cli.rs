//! `biaozhu agree` on spans brought in by `biaozhu import`, against figures
//! computed by hand.

mod agree_common;
mod import_common;

use agree_common::{agree, close, setup, PARAS};

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
