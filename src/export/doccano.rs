//! doccano's JSONL, the shape its importer reads and its exporter writes.
//!
//! - **Text classification** (`--doccano-task classification`): one line per
//!   label, `{"text", "label": [section, indicators…]}` — doccano's
//!   multi-label classification (the section first, then the indicators).
//! - **Sequence labelling** (`--doccano-task spans`): `{"text", "label":
//!   [[start, end, "LABEL"], …]}` with offsets in **UTF-16 code units**, what
//!   doccano's browser side counts (a character outside the BMP such as `𠀀`
//!   or an emoji counts 2). Only labels with spans are written: marking
//!   spans is optional (the span mode, `s`), so a label without spans does
//!   not claim its paragraph has none.
//!
//! Both add `id`, `doc`, `para`, `hash`, `annotator` (gold records,
//! `export --gold`: annotator `gold`, then `source`, `annotators`,
//! `reviewer`; a label made with suggestions on screen: `suggested`): doccano's importer takes `text` and `label` and keeps every
//! other key as the example's metadata. doccano imports each line as its own example, so several
//! annotators of one paragraph become several examples; export with
//! `--annotator NAME` to import one annotator's labels as that user.
//! Names not in the schema are exported as they are.
//!
//! Characters outside the BMP are written as JSON `\u` surrogate-pair
//! escapes ([`write_line`]; the decoded text is the same): doccano's
//! importer guesses the file's encoding with chardet by default, and
//! chardet 4 takes UTF-8 containing e.g. `𠀀` (F0 A0 80 80) for
//! Windows-1254 — escaped, the file is detected as UTF-8.

use super::chars::CharIndex;
use super::Provenance;
use crate::corpus::Paragraph;
use crate::store::{Label, Suggested};
use serde::Serialize;
use std::io::{self, Write};

/// One line: `text`, `label` (its shape is the task's), then the
/// paragraph's identity and the annotator (and a gold label's provenance),
/// which doccano keeps as metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line<'a, L> {
    pub text: &'a str,
    pub label: L,
    pub id: String,
    pub doc: &'a str,
    pub para: usize,
    pub hash: &'a str,
    pub annotator: &'a str,
    /// Gold records only: `source`, `annotators`, `reviewer`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub gold: Option<Provenance>,
    /// What the screen pre-filled (absent when nothing was suggested).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<&'a Suggested>,
}

/// A text-classification line: `label` is the section, then the indicators.
pub type Classification<'a> = Line<'a, Vec<&'a str>>;

/// A sequence-labelling line: `label` items are `[start, end, name]` in
/// UTF-16 code units, `end` exclusive.
pub type Spans<'a> = Line<'a, Vec<(u32, u32, &'a str)>>;

impl<'a, L> Line<'a, L> {
    fn new(
        paragraph: &'a Paragraph,
        text: &'a str,
        annotator: &'a str,
        stored: &'a Label,
        label: L,
    ) -> Line<'a, L> {
        Line {
            text,
            label,
            id: paragraph.id(),
            doc: &paragraph.doc,
            para: paragraph.para,
            hash: &paragraph.hash,
            annotator,
            gold: Provenance::of(annotator, stored),
            suggested: stored.suggested.as_deref(),
        }
    }
}

pub fn classification<'a>(
    paragraph: &'a Paragraph,
    text: &'a str,
    annotator: &'a str,
    label: &'a Label,
) -> Classification<'a> {
    let names = label.section.iter().chain(&label.indicators);
    Line::new(
        paragraph,
        text,
        annotator,
        label,
        names.map(String::as_str).collect(),
    )
}

/// `None` when the label has no span inside the text.
pub fn spans<'a>(
    paragraph: &'a Paragraph,
    text: &'a str,
    annotator: &'a str,
    label: &'a Label,
) -> Option<Spans<'a>> {
    if label.spans.is_empty() {
        return None;
    }
    let chars = CharIndex::new(text);
    let items: Vec<(u32, u32, &str)> = label
        .spans
        .iter()
        .filter_map(|s| {
            let (start, end) = chars.clamp(s)?;
            Some((chars.utf16(start), chars.utf16(end), s.label.as_str()))
        })
        .collect();
    (!items.is_empty()).then(|| Line::new(paragraph, text, annotator, label, items))
}

/// Writes `record` as one JSON line, characters outside the BMP escaped as
/// `\uXXXX\uXXXX` (`scratch` is reused between calls).
pub fn write_line(
    out: &mut dyn Write,
    scratch: &mut Vec<u8>,
    record: &impl Serialize,
) -> io::Result<()> {
    scratch.clear();
    serde_json::to_writer(&mut *scratch, record)?;
    scratch.push(b'\n');
    // A four-byte UTF-8 sequence starts with 0xF0..=0xF4; JSON's own
    // syntax is ASCII, so such a character is inside a string.
    if !scratch.iter().any(|&b| b >= 0xF0) {
        return out.write_all(scratch);
    }
    let text =
        std::str::from_utf8(scratch).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.len_utf16() == 2 {
            for unit in c.encode_utf16(&mut [0; 2]) {
                escaped.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            escaped.push(c);
        }
    }
    out.write_all(escaped.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_paragraph;
    use crate::store::Span;

    #[test]
    fn utf16_offsets_and_label_order() {
        let text = "𠀀字、emoji😀接种率";
        let p = test_paragraph("d", 0, text);
        let mut l = Label::empty("d", 0, "h");
        l.section = Some("achievement".into());
        l.indicators = vec!["funds".into(), "vaccination_rate".into()];
        assert_eq!(
            classification(&p, &p.text.load(), "bob", &l).label,
            ["achievement", "funds", "vaccination_rate"]
        );
        assert_eq!(spans(&p, &p.text.load(), "bob", &l), None);
        l.spans = vec![Span {
            start: 9,
            end: 12,
            label: "vaccination_rate".into(),
        }];
        let pt = p.text.load();
        let s = spans(&p, &pt, "bob", &l).unwrap();
        assert_eq!(s.label, [(11, 14, "vaccination_rate")]);
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[11..14]).unwrap(), "接种率");
    }

    #[test]
    fn non_bmp_characters_are_escaped() {
        let mut out = Vec::new();
        let record = serde_json::json!({"text": "𠀀字😀，率"});
        write_line(&mut out, &mut Vec::new(), &record).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert_eq!(line, "{\"text\":\"\\ud840\\udc00字\\ud83d\\ude00，率\"}\n");
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back, record);
    }

    #[test]
    fn gold_lines_carry_the_provenance_as_metadata() {
        let p = test_paragraph("d", 0, "𠀀字😀接种率");
        let mut l = Label::empty("d", 0, "h");
        l.section = Some("achievement".into());
        l.spans = vec![Span {
            start: 3,
            end: 6,
            label: "vaccination_rate".into(),
        }];
        let l = crate::export::test_gold(l, "adjudicated");
        let line = serde_json::to_value(spans(&p, &p.text.load(), "gold", &l).unwrap()).unwrap();
        assert_eq!(
            line["label"],
            serde_json::json!([[5, 8, "vaccination_rate"]])
        );
        assert_eq!(line["annotator"], "gold");
        assert_eq!(line["source"], "adjudicated");
        assert_eq!(line["annotators"], serde_json::json!(["alice", "bob"]));
        assert_eq!(line["reviewer"], "lead");
        let alice = serde_json::to_value(classification(&p, &p.text.load(), "alice", &l)).unwrap();
        assert!(alice.get("source").is_none(), "{alice}");
    }
}
