//! A stored label read without copying: the fields that the agreement
//! figures use, borrowed from the stored bytes wherever they have no JSON
//! escapes. Reading a large store this way allocates almost nothing per
//! label. [`super::SledStore::view_labels`] hands these out.

mod canonical;
use super::value::{self, DecodeError};
use super::Span;
use serde::Deserialize;
use std::borrow::Cow;

/// One stored label, decoded without copying its strings: where it is,
/// what it was labeled on, what it says, and its marks (flags, a note,
/// provenance) without the note's or the text's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelView<'a> {
    pub doc: &'a str,
    pub para: u32,
    /// Paragraph content hash when labeled.
    pub hash: Cow<'a, str>,
    pub section: Option<Cow<'a, str>>,
    /// As stored (sorted and deduplicated by the store).
    pub indicators: Vec<Cow<'a, str>>,
    /// Empty for almost every label (no allocation then).
    pub spans: Vec<Span>,
    pub flags: Vec<Cow<'a, str>>,
    /// Whether there is a note with something in it (not only spaces).
    pub noted: bool,
    /// A gold label's provenance (`unanimous`, `majority`, …).
    pub source: Option<Cow<'a, str>>,
    /// Where the suggestion shown when it was labeled came from
    /// (`pattern`, `model`; `control`: shown without on purpose); None:
    /// labeled without suggestions.
    pub suggested: Option<Cow<'a, str>>,
    pub done: bool,
    pub updated_at: Cow<'a, str>,
    /// None: unknown.
    pub duration_ms: Option<u64>,
}

#[cfg(test)]
impl<'a> LabelView<'a> {
    /// The view of a whole label (what reading it back from a store gives).
    pub(crate) fn of_label(l: &'a super::Label) -> LabelView<'a> {
        LabelView {
            doc: &l.doc,
            para: l.para,
            hash: Cow::Borrowed(&l.hash),
            section: l.section.as_deref().map(Cow::Borrowed),
            indicators: l
                .indicators
                .iter()
                .map(|i| Cow::Borrowed(i.as_str()))
                .collect(),
            spans: l.spans.clone(),
            flags: l.flags.iter().map(|f| Cow::Borrowed(f.as_str())).collect(),
            noted: l.note.as_deref().is_some_and(has_text),
            source: l.source.as_deref().map(Cow::Borrowed),
            suggested: l
                .suggested
                .as_ref()
                .map(|s| Cow::Borrowed(s.source.as_str())),
            done: l.done,
            updated_at: Cow::Borrowed(&l.updated_at),
            duration_ms: l.duration_ms,
        }
    }
}

/// A JSON string, borrowed when it has no escapes.
#[derive(Deserialize)]
struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

/// The fields read, in either value version. `updated_at` is required as
/// in a full [`super::Label`]; the fields not named here are skipped.
#[derive(Deserialize)]
struct Fields<'a> {
    #[serde(default, borrow)]
    doc: Option<Str<'a>>,
    #[serde(default)]
    para: Option<u32>,
    #[serde(default, borrow)]
    hash: Option<Str<'a>>,
    #[serde(default, borrow)]
    section: Option<Str<'a>>,
    #[serde(default, borrow)]
    indicators: Vec<Str<'a>>,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default, borrow)]
    flags: Vec<Str<'a>>,
    #[serde(default, borrow)]
    note: Option<Str<'a>>,
    #[serde(default, borrow)]
    source: Option<Str<'a>>,
    #[serde(default, borrow)]
    suggested: Option<SuggestedSource<'a>>,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    duration_ms: Option<u64>,
    #[serde(borrow)]
    updated_at: Str<'a>,
}

/// The part of `suggested` a view reads.
#[derive(Deserialize)]
struct SuggestedSource<'a> {
    #[serde(borrow)]
    source: Str<'a>,
}

/// Whether a note says anything (not only white space).
fn has_text(note: &str) -> bool {
    !note.trim().is_empty()
}

/// Why a stored label could not be viewed.
pub(crate) enum ViewError {
    /// A version 1 value names another paragraph than its key: (doc, para).
    Elsewhere(String, u32),
    Value(DecodeError),
}

/// The label of paragraph `para` of `doc` stored as `bytes` (value version
/// 1 or 2: a single label, or one of a pack's).
pub(crate) fn view_placed<'a>(
    doc: &'a str,
    para: u32,
    bytes: &'a [u8],
) -> Result<LabelView<'a>, ViewError> {
    if let Some(fields) = canonical::scan(bytes) {
        return Ok(LabelView {
            doc,
            para,
            hash: fields.hash.map(Cow::Borrowed).unwrap_or_default(),
            section: fields.section.map(Cow::Borrowed),
            indicators: fields.indicators.into_iter().map(Cow::Borrowed).collect(),
            spans: fields
                .spans
                .into_iter()
                .map(|(start, end, label)| Span {
                    start,
                    end,
                    label: label.to_owned(),
                })
                .collect(),
            flags: fields.flags.into_iter().map(Cow::Borrowed).collect(),
            noted: fields.note.is_some_and(has_text),
            source: fields.source.map(Cow::Borrowed),
            suggested: fields.suggested.map(Cow::Borrowed),
            done: fields.done,
            updated_at: Cow::Borrowed(fields.updated_at),
            duration_ms: fields.duration_ms,
        });
    }
    let version = value::version(bytes).map_err(ViewError::Value)?;
    let fields: Fields =
        serde_json::from_slice(bytes).map_err(|e| ViewError::Value(value::bad(bytes, e)))?;
    if version == 1 {
        // A version 1 value is the whole label: it must be the key's.
        let stored_doc = fields.doc.map(|d| d.0).unwrap_or_default();
        let stored_para = fields.para.unwrap_or_default();
        if stored_doc != doc || stored_para != para {
            return Err(ViewError::Elsewhere(stored_doc.into_owned(), stored_para));
        }
    }
    Ok(LabelView {
        doc,
        para,
        hash: fields.hash.map(|h| h.0).unwrap_or_default(),
        section: fields.section.map(|s| s.0),
        indicators: fields.indicators.into_iter().map(|i| i.0).collect(),
        spans: fields.spans,
        flags: fields.flags.into_iter().map(|f| f.0).collect(),
        noted: fields.note.is_some_and(|n| has_text(&n.0)),
        source: fields.source.map(|s| s.0),
        suggested: fields.suggested.map(|s| s.source.0),
        done: fields.done,
        updated_at: fields.updated_at.0,
        duration_ms: fields.duration_ms,
    })
}

#[cfg(test)]
mod tests;
