//! The records a store holds.

use serde::{Deserialize, Serialize};

/// One annotator's label on one paragraph (the native export record minus
/// text/annotator, which the exporter adds).
///
/// Deserializing fills absent optional fields with their defaults (empty
/// lists, `None`, `false`, empty `hash`), so a native JSONL record
/// decodes into a `Label` directly; its extra fields (`id`, `annotator`, a
/// span's `text`) are ignored, and its `text` lands in [`Label::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Path relative to the corpus dir. (Defaults to empty when absent:
    /// a stored version 2 body leaves it to its key.)
    #[serde(default)]
    pub doc: String,
    /// Paragraph index in its doc (absent in a version 2 body, as `doc`).
    #[serde(default)]
    pub para: u32,
    /// Paragraph content hash when labeled (16 hex).
    #[serde(default)]
    pub hash: String,
    #[serde(default)]
    pub section: Option<String>,
    /// Kept sorted, deduplicated (the store normalizes on write).
    #[serde(default)]
    pub indicators: Vec<String>,
    #[serde(default)]
    pub spans: Vec<Span>,
    /// E.g. [`FLAG_REVIEW`].
    #[serde(default)]
    pub flags: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Accepted with Enter (a "finished" paragraph).
    #[serde(default)]
    pub done: bool,
    /// RFC 3339 UTC, seconds or millis (`2026-11-22T10:00:00Z`).
    pub updated_at: String,
    /// Total time spent on this paragraph; `None` when unknown (a record
    /// imported with `"duration_ms": null` or none, or stored without one).
    /// Left out of JSON when unknown (as version 2 bodies do), so values
    /// older readers of the store scan stay as they were; `null` and absent
    /// both read as unknown, and a stored number reads as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The paragraph text, kept only where the corpus cannot supply it: a
    /// parked label that arrived by `import` keeps the text it was made on.
    /// `None` on labels attached to the corpus (and omitted from JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Gold labels only (DESIGN.md §1): how the decision was made —
    /// `"unanimous"`, `"majority"` or `"adjudicated"` (see [`GoldSource`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Gold labels only: the annotators whose labels the decision was made
    /// from, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotators: Vec<String>,
    /// Gold labels only: who decided (the reviewer's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// What was pre-filled on screen when the label was made (DESIGN.md §1
    /// `"suggested"`); None when nothing was suggested (and omitted from
    /// JSON, so stores and exports from before suggestions read the same).
    /// Boxed: a label in memory is 72 bytes smaller (320, not 392), and a
    /// screen holds a hundred thousand of them (issue 18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Box<Suggested>>,
}

/// What a label's screen pre-filled, and what made the suggestion: so a
/// lead can tell confirmed suggestions from independent choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggested {
    /// The section type suggested (None: none).
    #[serde(default)]
    pub section: Option<String>,
    /// The indicators suggested.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// `"pattern"` or `"model"` ([`SUGGESTION_SOURCES`]).
    pub source: String,
    /// How many labels the model had learned from (0 for patterns).
    #[serde(default)]
    pub model_labels: u64,
}

/// The values of [`Suggested::source`].
pub const SUGGESTION_SOURCES: [&str; 3] = ["pattern", "model", "control"];

/// The flag that marks a paragraph for review (Ctrl-F on the labeling
/// screen); the review queue takes flagged paragraphs in.
pub const FLAG_REVIEW: &str = "review";

/// The flag that sets a paragraph aside as skipped/unsure (Ctrl-K on the
/// labeling screen): not accepted, so not done, and left out of
/// `export --only-complete`.
pub const FLAG_SKIP: &str = "skip";

/// How a gold label was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldSource {
    /// Every annotator gave the same label; written without a reviewer's
    /// keystroke (unless switched off).
    Unanimous,
    /// The reviewer accepted the majority's label as proposed.
    Majority,
    /// The reviewer took one annotator's version or edited the label.
    Adjudicated,
}

impl GoldSource {
    pub fn as_str(self) -> &'static str {
        match self {
            GoldSource::Unanimous => "unanimous",
            GoldSource::Majority => "majority",
            GoldSource::Adjudicated => "adjudicated",
        }
    }
}

impl Label {
    /// An empty label of `doc`/`para`, stamped now.
    pub fn new(doc: &str, para: u32, hash: &str) -> Label {
        Label {
            updated_at: super::now_rfc3339(),
            ..Label::empty(doc, para, hash)
        }
    }

    /// An empty label of `doc`/`para` with no timestamp (for pure code that
    /// stamps it from its own clock).
    pub fn empty(doc: &str, para: u32, hash: &str) -> Label {
        Label {
            doc: doc.to_owned(),
            para,
            hash: hash.to_owned(),
            section: None,
            indicators: Vec::new(),
            spans: Vec::new(),
            flags: Vec::new(),
            note: None,
            done: false,
            updated_at: String::new(),
            duration_ms: None,
            text: None,
            source: None,
            annotators: Vec::new(),
            reviewer: None,
            suggested: None,
        }
    }

    /// Sort and deduplicate `indicators`.
    pub fn normalize(&mut self) {
        self.indicators.sort();
        self.indicators.dedup();
    }
}

/// A labeled stretch of a paragraph: code points, `end` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub label: String,
}

/// One entry of the append-only history (audit trail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Dense and increasing within one store, from 0.
    pub seq: u64,
    /// RFC 3339 UTC with millis.
    pub at: String,
    pub annotator: String,
    pub doc: String,
    pub para: u32,
    /// E.g. "section", "indicator", "accept", "undo", "flag", "note",
    /// "import"; for a parked label "orphan" (the screen found its text
    /// gone) or "import-orphan" (an imported record matched no paragraph).
    pub action: String,
    /// The label at `doc`/`para` before the change; for a park, the label
    /// parked.
    pub before: Option<Label>,
    /// The label at `doc`/`para` after the change (None: unlabeled, or
    /// parked).
    pub after: Option<Label>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_record_decodes_into_label() {
        let line = r#"{"id":"002_3eeec7fd728757b0.txt#17","doc":"002_3eeec7fd728757b0.txt","para":17,
 "text":"…","hash":"0123456789abcdef","annotator":"alice","section":"achievement",
 "indicators":["vaccination_rate","health_records"],
 "spans":[{"start":12,"end":25,"label":"vaccination_rate","text":"…"}],
 "flags":[],"note":null,"updated_at":"2026-11-22T10:00:00Z","duration_ms":5200}"#;
        let label: Label = serde_json::from_str(line).unwrap();
        assert_eq!(label.para, 17);
        assert_eq!(label.spans[0].end, 25);
        assert!(!label.done);
        assert_eq!(label.text.as_deref(), Some("…"));
        let minimal: Label =
            serde_json::from_str(r#"{"doc":"a","para":1,"updated_at":"2026-11-22T10:00:00Z"}"#)
                .unwrap();
        assert_eq!(minimal.hash, "");
        assert!(minimal.indicators.is_empty());
        assert_eq!(minimal.text, None);
        assert_eq!(minimal.duration_ms, None);
        assert_eq!(label.duration_ms, Some(5200));
    }

    #[test]
    fn an_unknown_duration_is_left_out_and_null_reads_as_unknown() {
        let mut label = Label::empty("a", 0, "0123456789abcdef");
        label.updated_at = "2026-11-22T10:00:00Z".into();
        let json = serde_json::to_string(&label).unwrap();
        assert!(!json.contains("duration_ms"), "{json}");
        let null = json.replace("\"updated_at\"", "\"duration_ms\":null,\"updated_at\"");
        assert_eq!(serde_json::from_str::<Label>(&null).unwrap(), label);
        label.duration_ms = Some(0);
        let json = serde_json::to_string(&label).unwrap();
        assert!(json.contains("\"duration_ms\":0"), "{json}");
        assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), label);
    }

    #[test]
    fn text_is_omitted_when_none() {
        let mut label = Label::empty("a", 0, "0123456789abcdef");
        assert!(!serde_json::to_string(&label).unwrap().contains("\"text\""));
        label.text = Some("　　正文𠀀。".into());
        let json = serde_json::to_string(&label).unwrap();
        assert!(json.contains("\"text\":\"　　正文𠀀。\""), "{json}");
        assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), label);
    }
}
