//! A stored label read without copying: the fields that the agreement
//! figures use, borrowed from the stored bytes wherever they have no JSON
//! escapes. Reading a large store this way allocates almost nothing per
//! label. [`super::SledStore::view_labels`] hands these out.

mod canonical;
use super::value::{self, DecodeError};
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::borrow::Cow;

/// One stored label, partly decoded: where it is, what it was labeled on,
/// and its section type and indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelView<'a> {
    pub doc: &'a str,
    pub para: u32,
    /// Paragraph content hash when labeled.
    pub hash: Cow<'a, str>,
    pub section: Option<Cow<'a, str>>,
    /// As stored (sorted and deduplicated by the store).
    pub indicators: Vec<Cow<'a, str>>,
    pub done: bool,
    pub duration_ms: u64,
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
            done: l.done,
            duration_ms: l.duration_ms.unwrap_or(0),
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
    done: bool,
    #[serde(default)]
    duration_ms: u64,
    #[allow(dead_code)]
    updated_at: IgnoredAny,
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
            done: fields.done,
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
        done: fields.done,
        duration_ms: fields.duration_ms,
    })
}

#[cfg(test)]
mod tests;
