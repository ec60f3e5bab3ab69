//! Version 2 label bodies (see [`super::value`]): a [`Label`] without `doc`
//! and `para` — the key (or the history entry) holding it says them — and
//! without the fields at their default (`null`, `[]`, `false`, `0`, `""`),
//! which decoding fills back in (a body decodes as a [`Label`]: see
//! [`placed`]). `updated_at` is always written.

use super::{Label, Span, Suggested};
use serde::Serialize;

/// A label's version 2 body, borrowing it (for writing).
#[derive(Serialize)]
pub(crate) struct BodyRef<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    hash: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    indicators: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    spans: &'a [Span],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    flags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "is_false")]
    done: bool,
    updated_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    annotators: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested: Option<&'a Suggested>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl<'a> BodyRef<'a> {
    pub(crate) fn new(label: &'a Label) -> BodyRef<'a> {
        // Every field named: a field added to `Label` must be added here.
        let Label {
            doc: _,
            para: _,
            hash,
            section,
            indicators,
            spans,
            flags,
            note,
            done,
            updated_at,
            duration_ms,
            text,
            source,
            annotators,
            reviewer,
            suggested,
        } = label;
        BodyRef {
            hash,
            section: section.as_deref(),
            indicators,
            spans,
            flags,
            note: note.as_deref(),
            done: *done,
            updated_at,
            duration_ms: *duration_ms,
            text: text.as_deref(),
            source: source.as_deref(),
            annotators,
            reviewer: reviewer.as_deref(),
            suggested: suggested.as_deref(),
        }
    }
}

/// A version 2 body as read: the [`Label`] it decodes to (every field
/// but `updated_at` has a default, `doc` and `para` included) placed at
/// `doc`/`para`, which the key or history entry holding it says.
pub(crate) fn placed(mut body: Label, doc: String, para: u32) -> Label {
    body.doc = doc;
    body.para = para;
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(label: &Label) -> (String, Label) {
        let json = serde_json::to_string(&BodyRef::new(label)).unwrap();
        let body: Label = serde_json::from_str(&json).unwrap();
        (json, placed(body, label.doc.clone(), label.para))
    }

    #[test]
    fn defaults_are_left_out_and_come_back() {
        let mut label = Label::empty("a.txt", 3, "0123456789abcdef");
        label.updated_at = "2026-11-22T10:00:00Z".into();
        let (json, back) = round_trip(&label);
        assert_eq!(
            json,
            r#"{"hash":"0123456789abcdef","updated_at":"2026-11-22T10:00:00Z"}"#
        );
        assert_eq!(back, label);
    }

    #[test]
    fn every_field_round_trips() {
        let label = Label {
            doc: "dir/报告.txt".into(),
            para: 70000,
            hash: "0123456789abcdef".into(),
            section: Some("plan".into()),
            indicators: vec!["funds".into(), "vaccination_rate".into()],
            spans: vec![Span {
                start: 2,
                end: 7,
                label: "funds".into(),
            }],
            flags: vec!["review".into()],
            note: Some("备注 \"quoted\"\n".into()),
            done: true,
            updated_at: "2026-11-22T10:00:00.123Z".into(),
            duration_ms: Some(5200),
            text: Some("　　正文𠀀。".into()),
            source: Some("majority".into()),
            annotators: vec!["alice".into(), "bob".into()],
            reviewer: Some("lead".into()),
            suggested: Some(Box::new(Suggested {
                section: Some("plan".into()),
                indicators: vec!["funds".into()],
                source: "model".into(),
                model_labels: 120,
            })),
        };
        let (json, back) = round_trip(&label);
        assert!(
            !json.contains("\"doc\"") && !json.contains("\"para\""),
            "{json}"
        );
        assert_eq!(back, label);
        // Empty strings in options are not defaults: kept.
        let mut odd = label.clone();
        odd.note = Some(String::new());
        odd.section = Some(String::new());
        odd.hash = String::new();
        assert_eq!(round_trip(&odd).1, odd);
    }
}
