//! The native JSONL record (DESIGN.md §1), one per paragraph × annotator.

use super::chars::CharIndex;
use super::Provenance;
use crate::corpus::Paragraph;
use crate::store::{Label, Span, Suggested};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NativeSpan {
    pub start: u32,
    pub end: u32,
    pub label: String,
    /// `text[start..end]` by code points.
    pub text: String,
}

/// Field order and names are the contract; new fields go at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NativeRecord {
    pub id: String,
    pub doc: String,
    pub para: usize,
    pub text: String,
    pub hash: String,
    pub annotator: String,
    pub section: Option<String>,
    pub indicators: Vec<String>,
    pub spans: Vec<NativeSpan>,
    pub flags: Vec<String>,
    pub note: Option<String>,
    pub updated_at: String,
    /// `null` when unknown.
    pub duration_ms: Option<u64>,
    /// Accepted by the annotator (Enter), not just touched.
    pub done: bool,
    /// Gold records only: `source`, `annotators`, `reviewer`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub gold: Option<Provenance>,
    /// What the screen pre-filled when the label was made (absent when
    /// nothing was suggested).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Suggested>,
}

/// The record of `label` (attached to `paragraph`) by `annotator` (or of
/// the gold set's label, annotator [`GOLD`](crate::store::GOLD)).
pub fn native_record(
    paragraph: &Paragraph,
    text: &str,
    annotator: &str,
    label: &Label,
) -> NativeRecord {
    NativeRecord {
        id: paragraph.id(),
        doc: paragraph.doc.to_string(),
        para: paragraph.para,
        text: text.to_owned(),
        hash: paragraph.hash.to_string(),
        annotator: annotator.to_owned(),
        section: label.section.clone(),
        indicators: label.indicators.clone(),
        spans: native_spans(text, &label.spans),
        flags: label.flags.clone(),
        note: label.note.clone(),
        updated_at: label.updated_at.clone(),
        duration_ms: label.duration_ms,
        done: label.done,
        gold: Provenance::of(annotator, label),
        suggested: label.suggested.as_deref().cloned(),
    }
}

/// The spans as labeled, each with its slice of `text` (empty where nothing
/// of the span is inside the text).
fn native_spans(text: &str, spans: &[Span]) -> Vec<NativeSpan> {
    if spans.is_empty() {
        return Vec::new();
    }
    let chars = CharIndex::new(text);
    spans
        .iter()
        .map(|s| NativeSpan {
            start: s.start,
            end: s.end,
            label: s.label.clone(),
            text: chars
                .clamp(s)
                .map_or("", |(start, end)| chars.slice(start, end))
                .to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_paragraph;

    #[test]
    fn span_text_is_the_code_point_slice() {
        let p = test_paragraph("d", 0, "a𠀀率😀");
        let mut l = Label::empty("d", 0, &p.hash);
        assert!(native_record(&p, &p.text.load(), "bob", &l)
            .spans
            .is_empty());
        let span = |start, end| Span {
            start,
            end,
            label: "x".into(),
        };
        l.spans = vec![span(1, 3), span(2, 9), span(3, 1), span(5, 6), span(2, 2)];
        let r = native_record(&p, &p.text.load(), "bob", &l);
        let got: Vec<(u32, u32, &str)> = r
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.text.as_str()))
            .collect();
        // Offsets as labeled; the text cut to the paragraph, empty when
        // nothing of the span is in it.
        assert_eq!(
            got,
            [
                (1, 3, "𠀀率"),
                (2, 9, "率😀"),
                (3, 1, ""),
                (5, 6, ""),
                (2, 2, "")
            ]
        );
    }

    #[test]
    fn gold_records_end_with_their_provenance() {
        let p = test_paragraph("d", 0, "全区𠀀字");
        let mut l = crate::export::test_gold(Label::empty("d", 0, &p.hash), "majority");
        l.done = true;
        let gold = serde_json::to_string(&native_record(&p, &p.text.load(), "gold", &l)).unwrap();
        assert!(
            gold.ends_with(
                r#""done":true,"source":"majority","annotators":["alice","bob"],"reviewer":"lead"}"#
            ),
            "{gold}"
        );
        // An annotator's record has none of them, even from a label that has.
        let alice = serde_json::to_string(&native_record(&p, &p.text.load(), "alice", &l)).unwrap();
        assert!(alice.ends_with(r#""done":true}"#), "{alice}");
        // A gold label lacking a field still gets every key.
        l.reviewer = None;
        let gold = serde_json::to_value(native_record(&p, &p.text.load(), "gold", &l)).unwrap();
        assert_eq!(gold["reviewer"], serde_json::Value::Null);
    }
}
