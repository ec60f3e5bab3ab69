//! `biaozhu export --format doccano` from the command line: classification
//! lines, and sequence labelling with UTF-16 offsets and the characters
//! outside the BMP `\u`-escaped.

mod export_common;

use export_common::{labeled, parse, slice_utf16, SPAN};

#[test]
fn doccano_classification_and_utf16_spans() {
    let (fx, start) = labeled();
    let raw = fx.run(&["--format", "doccano"]).stdout;
    assert!(
        !raw.iter().any(|&b| b >= 0xF0),
        "characters outside the BMP are \\u-escaped for doccano's encoding guess"
    );
    let lines = fx.export(&["--format", "doccano"]);
    assert_eq!(lines.len(), 4);
    for l in &lines {
        assert_eq!(l["text"], fx.text(l["id"].as_str().unwrap()));
        for key in ["doc", "para", "hash", "annotator"] {
            assert!(!l[key].is_null(), "{key}");
        }
    }
    assert_eq!(
        lines[0]["label"],
        serde_json::json!(["achievement", "retired_indicator", "vaccination_rate"])
    );
    assert_eq!(lines[3]["label"], serde_json::json!(["old_problem"]));

    let out = fx.run(&["--format", "doccano", "--doccano-task", "spans"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 labels have no spans"));
    let lines = parse(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), 1);
    let l = &lines[0];
    let text = l["text"].as_str().unwrap();
    assert_eq!(text, fx.text("甲.txt#1"));
    let [s, e, label] = l["label"][0].as_array().unwrap().as_slice() else {
        panic!("{l}")
    };
    let (s, e) = (s.as_u64().unwrap(), e.as_u64().unwrap());
    assert_eq!(slice_utf16(text, s, e), SPAN);
    // 𠀀 and 😀 come before the span: two UTF-16 units more than code points.
    assert_eq!(s, start as u64 + 2);
    assert_eq!(label, "vaccination_rate");
    assert_eq!(l["annotator"], "alice");
}
