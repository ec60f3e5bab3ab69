//! The corpus reduced to what places a label: each document's paragraph
//! count and each paragraph's content hash, in corpus order. A few bytes
//! a paragraph where a [`Paragraph`](super::Paragraph) takes a few hundred:
//! for commands that never show text (`biaozhu agree`).

use super::identity::HASH_LEN;
use super::Document;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identities {
    /// Each document with paragraphs, in corpus order: its path and how
    /// many paragraphs it has.
    pub docs: Vec<(String, usize)>,
    /// Every paragraph's content hash, in corpus order, one after another
    /// ([`HASH_LEN`] bytes each).
    hashes: String,
}

impl Identities {
    /// The identities of `documents` (in corpus order).
    pub fn of(documents: impl IntoIterator<Item = Document>) -> Identities {
        let mut out = Identities::default();
        for d in documents {
            out.push(&d);
        }
        out
    }

    /// Add `document`'s paragraphs after those already here.
    pub fn push(&mut self, document: &Document) {
        let Some(first) = document.paragraphs.first() else {
            return;
        };
        for p in &document.paragraphs {
            assert_eq!(
                p.hash.len(),
                HASH_LEN,
                "a content hash is {HASH_LEN} hex digits"
            );
            self.hashes.push_str(&p.hash);
        }
        self.docs
            .push((first.doc.to_string(), document.paragraphs.len()));
    }

    /// Add `other`'s documents after those already here.
    pub fn append(&mut self, mut other: Identities) {
        self.docs.append(&mut other.docs);
        self.hashes.push_str(&other.hashes);
    }

    /// Number of paragraphs.
    pub fn len(&self) -> usize {
        self.hashes.len() / HASH_LEN
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Each paragraph's content hash, in corpus order.
    pub fn hashes(&self) -> impl Iterator<Item = &str> {
        // Hex digits: every chunk is whole characters.
        (0..self.len()).map(|i| &self.hashes[i * HASH_LEN..(i + 1) * HASH_LEN])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{document::build, CorpusOptions, SourceEncoding};

    #[test]
    fn identities_are_the_paragraphs_doc_and_hash() {
        let opts = CorpusOptions::default();
        let docs = vec![
            build(
                "报告.txt",
                "一、总体情况\n　　全年𠀀，增长5%。\n",
                SourceEncoding::Utf8,
                &opts,
            ),
            build("空.txt", "  \n", SourceEncoding::Utf8, &opts),
            build(
                "其他.txt",
                "　　继续推进「十四五」规划。",
                SourceEncoding::Utf8,
                &opts,
            ),
        ];
        let paragraphs: Vec<_> = docs.iter().flat_map(|d| d.paragraphs.clone()).collect();
        let ids = Identities::of(docs);
        assert_eq!(ids.len(), paragraphs.len());
        assert_eq!(
            ids.docs,
            [("报告.txt".to_owned(), 2), ("其他.txt".to_owned(), 1)]
        );
        let hashes: Vec<&str> = paragraphs.iter().map(|p| p.hash.as_str()).collect();
        assert_eq!(ids.hashes().collect::<Vec<_>>(), hashes);
    }
}
