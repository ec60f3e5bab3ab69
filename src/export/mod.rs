//! Labels out as training data. Every record's `text` is the corpus
//! paragraph the label is attached to; every span's `text` its slice.
//!
//! One module per format, each pure (records in, serde structs out):
//! [`native`] (DESIGN.md §1), [`prodigy`], [`doccano`], [`label_studio`];
//! [`split`] assigns documents to train/dev/test. [`Encoder`] frames the
//! records of one format into a byte stream (JSONL, or Label Studio's JSON
//! list) paragraph by paragraph, so output streams as it is produced.

pub mod chars;
pub mod doccano;
pub mod label_studio;
pub mod native;
pub mod prodigy;
pub mod split;

pub use native::{native_record, NativeRecord};

use crate::corpus::Paragraph;
use crate::schema::Schema;
use crate::store::{Label, GOLD};
use serde::Serialize;
use std::io::{self, Write};

/// What a gold label's records add (`export --gold`, DESIGN.md §1): how it
/// was decided, from whose labels, by whom. Every format writes these three
/// keys on gold records only (`null`/`[]` when the label lacks one), after
/// its own: native, doccano and Prodigy's `meta` flattened at the end, Label
/// Studio in the task's `data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// `"unanimous"`, `"majority"` or `"adjudicated"`.
    pub source: Option<String>,
    /// The annotators whose labels the decision was made from, sorted.
    pub annotators: Vec<String>,
    /// Who decided.
    pub reviewer: Option<String>,
}

impl Provenance {
    /// The provenance of `label` when it is the gold set's (`annotator` is
    /// [`GOLD`]); `None` for an annotator's label.
    pub fn of(annotator: &str, label: &Label) -> Option<Provenance> {
        (annotator == GOLD).then(|| Provenance {
            source: label.source.clone(),
            annotators: label.annotators.clone(),
            reviewer: label.reviewer.clone(),
        })
    }
}

/// What `biaozhu export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One native record per paragraph × annotator (JSONL).
    Native,
    /// Prodigy `db-out` tasks (JSONL).
    Prodigy,
    /// doccano text classification (JSONL).
    DoccanoClassification,
    /// doccano sequence labelling, UTF-16 offsets (JSONL).
    DoccanoSpans,
    /// A Label Studio task list (one JSON array).
    LabelStudio,
}

impl ExportFormat {
    /// The file extension of this format's output (for `--split`).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::LabelStudio => "json",
            _ => "jsonl",
        }
    }
}

/// Writes one format's records, a paragraph at a time.
///
/// Call [`Encoder::begin`], then [`Encoder::paragraph`] for each paragraph
/// with its labels, then [`Encoder::finish`].
#[derive(Debug)]
pub struct Encoder<'s> {
    format: ExportFormat,
    schema: &'s Schema,
    /// Made on the first Prodigy paragraph.
    prodigy: Option<prodigy::Writer<'s>>,
    scratch: Vec<u8>,
    /// Records written so far (lines; Label Studio: tasks).
    pub records: usize,
}

impl<'s> Encoder<'s> {
    pub fn new(format: ExportFormat, schema: &'s Schema) -> Encoder<'s> {
        Encoder {
            format,
            schema,
            prodigy: None,
            scratch: Vec::new(),
            records: 0,
        }
    }

    /// Opens the output (`[` of Label Studio's list).
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == ExportFormat::LabelStudio {
            out.write_all(b"[")?;
        }
        Ok(())
    }

    /// Writes the records of `paragraph` labeled by each `(annotator, label)`.
    pub fn paragraph(
        &mut self,
        out: &mut dyn Write,
        paragraph: &Paragraph,
        labels: &[(&str, &Label)],
    ) -> io::Result<()> {
        let text = paragraph.text.load();
        let text = text.as_str();
        match self.format {
            ExportFormat::LabelStudio => {
                if labels.is_empty() {
                    return Ok(());
                }
                out.write_all(if self.records == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, &label_studio::task(paragraph, text, labels))?;
                self.records += 1;
            }
            ExportFormat::Native => {
                for &(annotator, label) in labels {
                    serde_json::to_writer(
                        &mut *out,
                        &native_record(paragraph, text, annotator, label),
                    )?;
                    out.write_all(b"\n")?;
                    self.records += 1;
                }
            }
            ExportFormat::Prodigy => {
                let writer = self
                    .prodigy
                    .get_or_insert_with(|| prodigy::Writer::new(self.schema));
                for &(annotator, label) in labels {
                    self.records += writer.write(out, paragraph, text, annotator, label)?;
                }
            }
            ExportFormat::DoccanoClassification => {
                for &(annotator, label) in labels {
                    let record = doccano::classification(paragraph, text, annotator, label);
                    doccano::write_line(out, &mut self.scratch, &record)?;
                    self.records += 1;
                }
            }
            ExportFormat::DoccanoSpans => {
                for &(annotator, label) in labels {
                    if let Some(record) = doccano::spans(paragraph, text, annotator, label) {
                        doccano::write_line(out, &mut self.scratch, &record)?;
                        self.records += 1;
                    }
                }
            }
        }
        Ok(())
    }

    /// Closes the output (`]` of Label Studio's list).
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == ExportFormat::LabelStudio {
            out.write_all(b"\n]\n")?;
        }
        Ok(())
    }
}

/// Unix seconds of an RFC 3339 timestamp (`2026-11-22T10:00:00Z`, with or
/// without fractions); `None` if it does not parse or is before 1970.
pub fn unix_seconds(rfc3339: &str) -> Option<i64> {
    let at = humantime::parse_rfc3339_weak(rfc3339).ok()?;
    let secs = at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

/// Paragraph `para` of `doc` with `text` and its content hash: the
/// exporters' test fixture.
#[cfg(test)]
pub(crate) fn test_paragraph(doc: &str, para: usize, text: &str) -> Paragraph {
    Paragraph::new(doc, para, text)
}

/// `label` as the gold set's: decided (`source`) by `lead` from Alice's
/// and Bob's labels — the exporters' gold fixture.
#[cfg(test)]
pub(crate) fn test_gold(mut label: Label, source: &str) -> Label {
    label.source = Some(source.into());
    label.annotators = vec!["alice".into(), "bob".into()];
    label.reviewer = Some("lead".into());
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(unix_seconds("1970-01-01T00:00:10Z"), Some(10));
        assert_eq!(
            unix_seconds("2026-11-22T10:00:00.123Z"),
            unix_seconds("2026-11-22T10:00:00Z")
        );
        assert_eq!(unix_seconds(""), None);
        assert_eq!(unix_seconds("yesterday"), None);
    }

    #[test]
    fn label_studio_list_is_json_even_when_empty() {
        let schema = Schema::default_schema();
        let mut out = Vec::new();
        let mut e = Encoder::new(ExportFormat::LabelStudio, &schema);
        e.begin(&mut out).unwrap();
        e.finish(&mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v, serde_json::json!([]));
    }
}
