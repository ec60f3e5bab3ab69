use super::*;
use crate::store::body::BodyRef;
use crate::store::value;
use crate::store::{Label, Span};
use proptest::prelude::*;

/// The fields a view takes.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct Read {
    #[serde(default)]
    hash: Option<String>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    duration_ms: Option<u64>,
    updated_at: String,
}

/// What serde_json reads from a value.
fn by_serde(bytes: &[u8]) -> Option<Read> {
    serde_json::from_slice(bytes).ok()
}

fn owned(s: &Scanned) -> Read {
    let strings = |v: &[&str]| v.iter().map(|i| i.to_string()).collect();
    Read {
        hash: s.hash.map(str::to_owned),
        section: s.section.map(str::to_owned),
        indicators: strings(&s.indicators),
        spans: s
            .spans
            .iter()
            .map(|&(start, end, label)| Span {
                start,
                end,
                label: label.to_owned(),
            })
            .collect(),
        flags: strings(&s.flags),
        note: s.note.map(str::to_owned),
        source: s.source.map(str::to_owned),
        done: s.done,
        duration_ms: s.duration_ms,
        updated_at: s.updated_at.to_owned(),
    }
}

fn full() -> Label {
    let mut l = Label::new("报告.txt", 3, "0123456789abcdef");
    l.section = Some("目标任务".into());
    l.indicators = vec!["gdp".into(), "就业率".into()];
    l.spans = vec![Span {
        start: 1,
        end: 4,
        label: "数值「98.5%」".into(),
    }];
    l.flags = vec!["review".into()];
    l.note = Some("备注：𠀀😀ｶﾞ、{[,]}".into());
    l.done = true;
    l.duration_ms = Some(98_765);
    l.text = Some("　　全年疫苗接种率达到98.5%。".into());
    l.source = Some("majority".into());
    l.annotators = vec!["甲".into(), "乙".into()];
    l.reviewer = Some("丙".into());
    l
}

#[test]
fn reads_what_serde_reads_from_what_this_build_writes() {
    let mut bare = Label::new("a.txt", 0, "");
    bare.section = None;
    let mut escaped_text = full();
    escaped_text.text = Some("引号\"、反斜杠\\、换行\n、制表\t".into());
    for l in [full(), bare, escaped_text] {
        let bytes = value::encode_v2(&BodyRef::new(&l));
        let scanned = scan(&bytes).expect("the canonical form scans");
        assert_eq!(Some(owned(&scanned)), by_serde(&bytes));
    }
}

#[test]
fn gives_up_on_anything_else() {
    let at = r#""updated_at":"2026-11-22T10:00:00Z""#;
    let cases = [
        // An escape in a field it reads.
        format!(r#"{{"v":2,"section":"a\"b",{at}}}"#),
        format!(r#"{{"v":2,"indicators":["a\u00e9"],{at}}}"#),
        // Other forms and versions.
        format!(r#"{{ "v":2,{at}}}"#),
        format!(r#"{{"v":2, {at}}}"#),
        format!(r#"{{"v":1,"doc":"a.txt","para":0,{at}}}"#),
        format!(r#"{{"v":20,{at}}}"#),
        format!(r#"{{"v":2,"doc":"a.txt",{at}}}"#),
        // Invalid for serde_json too.
        format!(r#"{{"v":2,"section":"a","section":"b",{at}}}"#),
        r#"{"v":2,"section":"a"}"#.to_owned(),
        format!(r#"{{"v":2,{at}}}x"#),
        format!(r#"{{"v":2,"duration_ms":1.5,{at}}}"#),
        format!(r#"{{"v":2,"duration_ms":-1,{at}}}"#),
        format!(r#"{{"v":2,"duration_ms":99999999999999999999,{at}}}"#),
        format!(r#"{{"v":2,"done":null,{at}}}"#),
        format!(r#"{{"v":2,"note":"unterminated,{at}}}"#),
        format!(r#"{{"v":2,"note":"a\nb",{at}}}"#),
        format!(r#"{{"v":2,"flags":["re\u0076iew"],{at}}}"#),
        format!(r#"{{"v":2,"spans":[{{"end":1,"start":0,"label":"x"}}],{at}}}"#),
        format!(r#"{{"v":2,"spans":[{{"start":0,"end":1,"label":"x\"y"}}],{at}}}"#),
        r#"{"v":2,"updated_at":"2026\u002d01"}"#.to_owned(),
    ];
    for case in cases {
        assert_eq!(scan(case.as_bytes()), None, "{case}");
    }
}

#[test]
fn skips_nested_values_it_does_not_read() {
    let bytes = br#"{"v":2,"extra":{"k":[1,{"x":"}\"\\"}]},"note":null,"section":"plan","updated_at":"t","duration_ms":0}"#;
    let scanned = scan(bytes).expect("scans");
    assert_eq!(Some(owned(&scanned)), by_serde(bytes));
    assert_eq!(scanned.section, Some("plan"));
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "目标", "\"", "\\", "\n", "\t", "\u{1b}", "𠀀", "😀", "ｶﾞ", "，", "{", "]", ",",
        ]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    /// On every label this build writes, the scan reads what serde_json
    /// reads, or gives up; it gives up only when a field it reads has a
    /// character JSON escapes.
    #[test]
    fn agrees_with_serde_on_written_labels(
        hash in text(),
        section in prop::option::of(text()),
        indicators in prop::collection::vec(text(), 0..3),
        note in prop::option::of(text()),
        spans in prop::collection::vec((any::<u32>(), any::<u32>(), text()), 0..4),
        done: bool,
        duration_ms: u64,
    ) {
        let mut l = Label::new("文档.txt", 1, &hash);
        l.section = section;
        l.indicators = indicators;
        l.note = note;
        // Any offsets (the agreement figures read them from the view).
        l.spans = spans
            .into_iter()
            .map(|(start, end, label)| Span { start, end, label })
            .collect();
        l.done = done;
        l.duration_ms = Some(duration_ms);
        let bytes = value::encode_v2(&BodyRef::new(&l));
        let escaped = |s: &str| s.chars().any(|c| c == '"' || c == '\\' || c < ' ');
        let reads_escapes = escaped(&l.hash)
            || l.section.as_deref().is_some_and(escaped)
            || l.indicators.iter().any(|i| escaped(i))
            || l.note.as_deref().is_some_and(escaped)
            || l.spans.iter().any(|s| escaped(&s.label));
        match scan(&bytes) {
            Some(s) => prop_assert_eq!(Some(owned(&s)), by_serde(&bytes)),
            None => prop_assert!(reads_escapes, "gave up on {}", String::from_utf8_lossy(&bytes)),
        }
    }
}
