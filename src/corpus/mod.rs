//! Reading the report corpus: decode, clean, segment into stable paragraphs.

pub mod background;
pub mod boilerplate;
mod chrome;
pub mod clean;
pub mod compact;
pub mod decode;
pub mod document;
pub mod identities;
pub mod identity;
mod packed;
mod read;
mod rejoin;
pub mod rules;
pub mod segment;

pub use clean::CleanOptions;
pub use decode::SourceEncoding;
pub use document::{doc_range, CorpusOptions, DocReport, Document, Paragraph, Suggestion};
pub use identities::Identities;
pub use read::{
    load, load_identities, load_identities_watched, load_watched, CorpusError, Unwatched, Watch,
};
pub use rules::{Rule, RuleCounts, Rules};
pub use segment::SegmentOptions;

/// The whole corpus, documents in a stable order (by relative path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    pub documents: Vec<Document>,
}

impl Corpus {
    /// Every paragraph of every document, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.documents.iter().flat_map(|d| d.paragraphs.iter())
    }

    /// Every paragraph of every document, in order, moved out of the corpus
    /// (into one vector of the exact size: a million paragraphs are large).
    pub fn into_paragraphs(self) -> Vec<Paragraph> {
        let total = self.documents.iter().map(|d| d.paragraphs.len()).sum();
        let mut out = Vec::with_capacity(total);
        for d in self.documents {
            out.extend(d.paragraphs);
        }
        out
    }

    /// Reports of every file, including skipped ones.
    pub fn reports(&self) -> impl Iterator<Item = &DocReport> {
        self.documents.iter().map(|d| &d.report)
    }
}
