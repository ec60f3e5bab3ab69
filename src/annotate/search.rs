//! What `/` looks for — text, or with a leading `:` labels — and where
//! Ctrl-G goes. Pure: plain data in, paragraph indices out.

use super::model::Model;
use crate::corpus::doc_range;
use crate::schema::Schema;
use std::ops::Range;

/// A parsed search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Paragraphs whose text contains this.
    Text(String),
    /// `:problem` or `:存在问题`: labeled with this section type.
    Section(String),
    /// `:none`: no section type.
    NoSection,
    /// `:noind`: no indicator.
    NoIndicator,
    /// `:vaccination_rate`: has this indicator.
    Indicator(String),
    /// `:flagged`: flagged for review.
    Flagged,
    /// `:noted`: has a note.
    Noted,
    /// `:skipped`: skipped (Ctrl-K).
    Skipped,
}

/// The label searches, for messages and help.
pub const LABEL_SEARCHES: &str = ":<section> :<indicator> :none :noind :flagged :noted :skipped";

/// `query` as typed after `/`. A leading `:` (or full-width `：`) searches
/// labels: a section type or indicator by name or Chinese name, or one of
/// `none`, `noind`, `flagged`, `noted`, `skipped`.
pub fn parse(query: &str, schema: &Schema) -> Result<Query, String> {
    let Some(rest) = query.strip_prefix([':', '：']) else {
        return Ok(Query::Text(query.to_owned()));
    };
    let rest = rest.trim();
    Ok(match rest {
        "none" => Query::NoSection,
        "noind" => Query::NoIndicator,
        "flagged" => Query::Flagged,
        "noted" => Query::Noted,
        "skipped" => Query::Skipped,
        _ => {
            let named = |d: &&crate::schema::LabelDef| d.name == rest || d.zh == rest;
            if let Some(def) = schema.sections.iter().find(named) {
                Query::Section(def.name.clone())
            } else if let Some(def) = schema.indicators.iter().find(named) {
                Query::Indicator(def.name.clone())
            } else {
                return Err(format!(
                    "“:{rest}” is no section type or indicator; label searches: {LABEL_SEARCHES}"
                ));
            }
        }
    })
}

/// Whether paragraph `index` is a match for `query`.
pub fn matches(model: &Model, query: &Query, index: usize) -> bool {
    let label = model.label(index);
    match query {
        Query::Text(t) => model
            .paragraphs
            .get(index)
            .is_some_and(|p| p.text.load().contains(t.as_str())),
        Query::Section(s) => label.is_some_and(|l| l.section.as_deref() == Some(s.as_str())),
        Query::NoSection => label.is_none_or(|l| l.section.is_none()),
        Query::NoIndicator => label.is_none_or(|l| l.indicators.is_empty()),
        Query::Indicator(i) => label.is_some_and(|l| l.indicators.iter().any(|x| x == i)),
        Query::Flagged => model.is_flagged(index),
        Query::Noted => label.is_some_and(|l| l.note.is_some()),
        Query::Skipped => model.is_skipped(index),
    }
}

/// Where every occurrence of `needle` is in `text`, as character ranges
/// (what the text pane's rows are made of); none for an empty needle.
pub fn occurrences(text: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let len = needle.chars().count();
    text.match_indices(needle)
        .map(|(byte, _)| {
            let start = text[..byte].chars().count();
            start..start + len
        })
        .collect()
}

/// Where `go to:` leads: `N` is paragraph N (counted from 1, as the status
/// line shows) of the current document; `part` the first document whose
/// path contains it; `part:N` paragraph N of that document. Full-width
/// digits and colon (an input method left on) mean the same.
pub fn go_to_target(model: &Model, target: &str) -> Result<usize, String> {
    let target: String = target
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '：' => ':',
            c => c,
        })
        .collect();
    if model.paragraphs.is_empty() {
        return Err("the corpus has no paragraphs".into());
    }
    if target.is_empty() {
        return Err("go to: type a paragraph number, a document or document:number".into());
    }
    let number = |s: &str| s.parse::<usize>().ok();
    let (doc_part, n) = match target.rsplit_once(':') {
        Some((d, n)) if number(n).is_some() => (Some(d), number(n)),
        _ if number(&target).is_some() => (None, number(&target)),
        _ => (Some(target.as_str()), None),
    };
    let start = match doc_part {
        None => doc_range(&model.paragraphs, model.cursor).start,
        Some(part) => model
            .paragraphs
            .iter()
            .position(|p| p.doc.contains(part))
            .ok_or_else(|| format!("no document matches “{part}”"))?,
    };
    let range = doc_range(&model.paragraphs, start);
    let doc = &model.paragraphs[start].doc;
    match n {
        None => Ok(start),
        Some(n) if (1..=range.len()).contains(&n) => Ok(range.start + n - 1),
        Some(n) => Err(format!("{doc} has no paragraph {n} (1–{})", range.len())),
    }
}
