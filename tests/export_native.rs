//! `biaozhu export` (native, the default) from the command line: text equal
//! to the corpus paragraph, span text equal to its slice by code points,
//! paragraph then annotator order.

mod export_common;

use export_common::{labeled, slice, SPAN};

#[test]
fn native_records_match_the_corpus() {
    let (fx, start) = labeled();
    let records = fx.export(&[]);
    assert_eq!(records.len(), 4);
    for r in &records {
        assert_eq!(r["text"], fx.text(r["id"].as_str().unwrap()));
        for s in r["spans"].as_array().unwrap() {
            let text = slice(
                r["text"].as_str().unwrap(),
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
            );
            assert_eq!(s["text"], text);
        }
    }
    // Paragraph order, then annotator order.
    let order: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["annotator"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            ("甲.txt#1", "alice"),
            ("甲.txt#1", "bob"),
            ("甲.txt#2", "alice"),
            ("甲.txt#3", "bob")
        ]
    );
    assert_eq!(records[0]["spans"][0]["start"], start);
    assert_eq!(records[0]["spans"][0]["text"], SPAN);
}
