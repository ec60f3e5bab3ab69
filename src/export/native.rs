//! The native JSONL record (DESIGN.md §1), one per paragraph × annotator.

use crate::corpus::Paragraph;
use crate::store::Label;
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
    pub duration_ms: u64,
    /// Accepted by the annotator (Enter), not just touched.
    pub done: bool,
}

/// The record of `label` (attached to `paragraph`) by `annotator`.
pub fn native_record(paragraph: &Paragraph, annotator: &str, label: &Label) -> NativeRecord {
    let chars: Vec<char> = paragraph.text.chars().collect();
    let slice = |s: u32, e: u32| -> String {
        let (s, e) = (s as usize, e as usize);
        chars
            .get(s..e.min(chars.len()))
            .map_or(String::new(), |c| c.iter().collect())
    };
    NativeRecord {
        id: paragraph.id.clone(),
        doc: paragraph.doc.clone(),
        para: paragraph.para,
        text: paragraph.text.clone(),
        hash: paragraph.hash.clone(),
        annotator: annotator.to_owned(),
        section: label.section.clone(),
        indicators: label.indicators.clone(),
        spans: label
            .spans
            .iter()
            .map(|s| NativeSpan {
                start: s.start,
                end: s.end,
                label: s.label.clone(),
                text: slice(s.start, s.end),
            })
            .collect(),
        flags: label.flags.clone(),
        note: label.note.clone(),
        updated_at: label.updated_at.clone(),
        duration_ms: label.duration_ms,
        done: label.done,
    }
}
