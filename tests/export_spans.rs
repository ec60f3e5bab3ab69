//! Spans through `biaozhu import` and out of every export format, on a
//! paragraph with Extension B (`𠀀`), an emoji, a tab, full-width
//! punctuation and Chinese before (and inside) the spans: each format's
//! offsets in its own units, checked by slicing the text those units count.

mod export_common;
mod import_common;

use export_common::*;
use serde_json::{json, Value};

/// 𠀀 and 😀 are two UTF-16 units each, one code point; the tab and the
/// full-width punctuation are one of each.
const ODD: &str = "　　全区\t𠀀字😀，“两学一做”（试点）：儿童免疫规划疫苗接种率达到98.5%，家庭医生签约率45.2%，投入资金1,160万元。\n";
const ID: &str = "乙.txt#0";

/// (the text a span covers, its label), each found once in the paragraph.
const SPANS: [(&str, &str); 4] = [
    ("𠀀字😀", "funds"),
    ("98.5%", "vaccination_rate"),
    ("签约率45.2%", "family_doctor"),
    ("1,160万元", "funds"),
];

/// Where `needle` is in `text`: (code points before it, code points in it,
/// UTF-16 units before it, UTF-16 units in it).
fn offsets(text: &str, needle: &str) -> (u64, u64, u64, u64) {
    let at = text
        .find(needle)
        .expect("the span's text is in the paragraph");
    assert_eq!(text.matches(needle).count(), 1, "{needle} more than once");
    let before = &text[..at];
    (
        before.chars().count() as u64,
        needle.chars().count() as u64,
        before.encode_utf16().count() as u64,
        needle.encode_utf16().count() as u64,
    )
}

/// The labels of `ID` imported from a native JSONL file, and its text as
/// the corpus reads it.
fn imported() -> (Fixture, String) {
    let mut fx = Fixture::new(0);
    std::fs::write(fx.corpus.join("乙.txt"), ODD).unwrap();
    fx.read_texts();
    let text = fx.text(ID).to_owned();
    // What comes before the first span survived reading.
    let first = text.find(SPANS[0].0).unwrap();
    for odd in ['\t', '　', '全'] {
        assert!(
            text[..first].contains(odd),
            "{odd:?} before the spans: {text:?}"
        );
    }
    for odd in ['😀', '“', '（', '：', '，'] {
        assert!(text.contains(odd), "{odd:?} in {text:?}");
    }
    let spans: Vec<Value> = SPANS
        .iter()
        .map(|(needle, label)| {
            let (start, len, _, _) = offsets(&text, needle);
            json!({"start": start, "end": start + len, "label": label, "text": needle})
        })
        .collect();
    let record = json!({
        "id": ID, "doc": "乙.txt", "para": 0, "text": text, "annotator": "alice",
        "section": "achievement", "indicators": ["funds", "vaccination_rate"],
        "spans": spans, "flags": [], "note": null,
        "updated_at": "2026-11-22T10:00:00Z", "duration_ms": 5200, "done": true,
    });
    let file = fx.root.join("alice.jsonl");
    std::fs::write(&file, format!("{record}\n")).unwrap();
    import_common::import_ok(&fx.corpus, &fx.labels, &file);
    (fx, text)
}

fn of_paragraph(records: Vec<Value>, id_key: &str) -> Vec<Value> {
    records
        .into_iter()
        .filter(|r| r.pointer(id_key).and_then(Value::as_str) == Some(ID))
        .collect()
}

#[test]
fn every_format_has_the_spans_at_their_offsets() {
    let (fx, text) = imported();

    // native: code points, `text` the slice.
    let native = of_paragraph(fx.export(&["--format", "native"]), "/id");
    assert_eq!(native.len(), 1);
    assert_eq!(native[0]["text"], text.as_str());
    let spans = native[0]["spans"].as_array().unwrap();
    assert_eq!(spans.len(), SPANS.len());
    for (needle, label) in SPANS {
        let (start, len, _, _) = offsets(&text, needle);
        let s = spans
            .iter()
            .find(|s| s["text"] == needle)
            .unwrap_or_else(|| panic!("no span {needle}: {spans:?}"));
        assert_eq!(
            (s["start"].as_u64(), s["end"].as_u64()),
            (Some(start), Some(start + len))
        );
        assert_eq!(s["label"], label);
        assert_eq!(slice(&text, start, start + len), needle);
    }

    // doccano: UTF-16 code units, checked by slicing the UTF-16 encoding.
    let args = ["--format", "doccano", "--doccano-task", "spans"];
    let doccano = of_paragraph(fx.export(&args), "/id");
    assert_eq!(doccano.len(), 1);
    assert_eq!(doccano[0]["text"], text.as_str());
    let labels = doccano[0]["label"].as_array().unwrap();
    assert_eq!(labels.len(), SPANS.len());
    for (needle, label) in SPANS {
        let (_, _, start, len) = offsets(&text, needle);
        let l = labels
            .iter()
            .find(|l| l[0] == start)
            .unwrap_or_else(|| panic!("no span at {start} for {needle}: {labels:?}"));
        assert_eq!(l, &json!([start, start + len, label]));
        assert_eq!(slice_utf16(&text, start, start + len), needle);
    }
    // The astral characters before the spans move them: 𠀀 and 😀 count 2.
    let (cp, _, units, _) = offsets(&text, "98.5%");
    assert_eq!(units, cp + 2);

    // Prodigy: one token per character; spans in characters (code points,
    // as Python counts them), `token_end` inclusive.
    let prodigy = of_paragraph(fx.export(&["--format", "prodigy"]), "/meta/id");
    let task = prodigy
        .iter()
        .find(|t| t["meta"]["kind"] == "spans")
        .expect("a spans task");
    assert_eq!(task["text"], text.as_str());
    assert_eq!(task["_view_id"], "spans_manual");
    let tokens = task["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), text.chars().count());
    for (i, (t, c)) in tokens.iter().zip(text.chars()).enumerate() {
        assert_eq!(t["text"], c.to_string().as_str());
        let i = i as u64;
        assert_eq!(
            (t["id"].as_u64(), t["start"].as_u64(), t["end"].as_u64()),
            (Some(i), Some(i), Some(i + 1))
        );
    }
    let spans = task["spans"].as_array().unwrap();
    assert_eq!(spans.len(), SPANS.len());
    for (needle, label) in SPANS {
        let (start, len, _, _) = offsets(&text, needle);
        let s = spans.iter().find(|s| s["text"] == needle).unwrap();
        assert_eq!(
            (s["start"].as_u64(), s["end"].as_u64()),
            (Some(start), Some(start + len))
        );
        assert_eq!(
            (s["token_start"].as_u64(), s["token_end"].as_u64()),
            (Some(start), Some(start + len - 1))
        );
        assert_eq!(s["label"], label);
        let (first, last) = (start as usize, (start + len - 1) as usize);
        let joined: String = tokens[first..=last]
            .iter()
            .map(|t| t["text"].as_str().unwrap())
            .collect();
        assert_eq!(joined, needle);
        assert_eq!(tokens[first]["start"].as_u64(), Some(start));
        assert_eq!(tokens[last]["end"].as_u64(), Some(start + len));
    }

    // Label Studio: `labels` results at code-point offsets, `value.text`
    // the slice. Its frontend counts a Text region's offsets in code
    // points, not JavaScript string units (its own end-to-end test "NER -
    // Emoji - Text" expects so, after an emoji).
    let tasks = of_paragraph(
        fx.export(&["--format", "label-studio"]),
        "/data/paragraph_id",
    );
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["data"]["text"], text.as_str());
    let annotations = tasks[0]["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 1);
    let regions: Vec<&Value> = annotations[0]["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "labels")
        .collect();
    assert_eq!(regions.len(), SPANS.len());
    for (needle, label) in SPANS {
        let (start, len, _, _) = offsets(&text, needle);
        let r = regions
            .iter()
            .find(|r| r["value"]["text"] == needle)
            .unwrap();
        let v = &r["value"];
        assert_eq!(
            (v["start"].as_u64(), v["end"].as_u64()),
            (Some(start), Some(start + len))
        );
        assert_eq!(v["labels"], json!([label]));
        assert_eq!(
            (&r["from_name"], &r["to_name"]),
            (&json!("label"), &json!("text"))
        );
        assert_eq!(slice(&text, start, start + len), needle);
    }
}
