//! One document: decoded text → cleaned lines → paragraphs, with the counts
//! `biaozhu corpus` reports.

use super::boilerplate;
use super::clean::{clean, CleanOptions};
use super::decode::SourceEncoding;
use super::identity::content_hash;
use super::segment::{split_line, SegmentOptions};
use serde::Serialize;

/// Everything that decides how text becomes paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusOptions {
    pub clean: CleanOptions,
    pub segment: SegmentOptions,
}

/// What the corpus reader suggests for a paragraph before anyone labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Suggestion {
    Boilerplate,
}

/// A paragraph, the unit annotators label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// `<doc>#<para>`.
    pub id: String,
    /// Path of the document relative to the corpus dir, `/`-separated.
    pub doc: String,
    /// Index of the paragraph in its document.
    pub para: usize,
    pub text: String,
    /// Content hash of `text` (see `identity`).
    pub hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Suggestion>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub heading: bool,
}

/// Range of the indices of the paragraphs of paragraph `index`'s
/// document, in `paragraphs` as the corpus reads them (each document's
/// paragraphs together); empty when `index` is past the end.
pub fn doc_range(paragraphs: &[Paragraph], index: usize) -> std::ops::Range<usize> {
    let Some(doc) = paragraphs.get(index).map(|p| p.doc.as_str()) else {
        return 0..0;
    };
    let start = paragraphs[..index]
        .iter()
        .rposition(|p| p.doc != doc)
        .map_or(0, |i| i + 1);
    let end = paragraphs[index..]
        .iter()
        .position(|p| p.doc != doc)
        .map_or(paragraphs.len(), |i| index + i);
    start..end
}

/// How one file was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocReport {
    pub doc: String,
    /// `None` when the file was skipped.
    pub encoding: Option<SourceEncoding>,
    pub paragraphs: usize,
    pub headings: usize,
    pub glosses_removed: usize,
    pub chunks_rejoined: usize,
    pub boilerplate: usize,
    pub warnings: Vec<String>,
}

/// A read document: its paragraphs and how they were made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub report: DocReport,
    pub paragraphs: Vec<Paragraph>,
}

/// Turn decoded text into a document.
pub fn build(doc: &str, text: &str, encoding: SourceEncoding, opts: &CorpusOptions) -> Document {
    let cleaned = clean(text, &opts.clean);
    let noisy = if opts.clean.boilerplate {
        boilerplate::classify(&cleaned.lines)
    } else {
        vec![false; cleaned.lines.len()]
    };
    let mut paragraphs = Vec::new();
    let mut report = DocReport {
        doc: doc.to_owned(),
        encoding: Some(encoding),
        glosses_removed: cleaned.glosses_removed,
        chunks_rejoined: cleaned.chunks_rejoined,
        ..DocReport::default()
    };
    let mut push = |text: String, heading: bool, noise: bool| {
        let para = paragraphs.len();
        paragraphs.push(Paragraph {
            id: format!("{doc}#{para}"),
            doc: doc.to_owned(),
            para,
            hash: content_hash(&text),
            text,
            suggested: noise.then_some(Suggestion::Boilerplate),
            heading: heading && !noise,
        });
    };
    for (line, &noise) in cleaned.lines.iter().zip(&noisy) {
        if line.trim().is_empty() {
            continue;
        }
        let kept = line.trim_end();
        let long = kept.chars().count() > opts.segment.max_chars;
        if noise && !long {
            push(kept.to_owned(), false, true);
            continue;
        }
        for piece in split_line(line, &opts.segment) {
            // Pieces cut from a long line are judged on their own.
            let noise = opts.clean.boilerplate && long && boilerplate::is_boilerplate(&piece.text);
            push(piece.text, piece.heading, noise);
        }
    }
    report.paragraphs = paragraphs.len();
    report.headings = paragraphs.iter().filter(|p| p.heading).count();
    report.boilerplate = paragraphs.iter().filter(|p| p.suggested.is_some()).count();
    if paragraphs.is_empty() {
        report
            .warnings
            .push("no paragraphs (empty or whitespace only)".to_owned());
    }
    Document { report, paragraphs }
}
