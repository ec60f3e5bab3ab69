//! Stored labels onto the paragraphs of the corpus as read now: each label
//! goes back to a paragraph with its content hash (in place, or moved) or is
//! kept aside as orphaned — never attached to other text.

use crate::corpus::identity::{relocate, Placement};
use crate::corpus::Paragraph;
use crate::store::Label;
use std::collections::BTreeMap;

/// The result of attaching one annotator's labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attached {
    /// Parallel to the paragraphs.
    pub labels: Vec<Option<Label>>,
    /// Labels whose paragraph moved: (index now, the label as stored).
    pub moved: Vec<(usize, Label)>,
    /// Labels whose text is no longer in the corpus.
    pub orphaned: Vec<Label>,
}

/// Attach `labels` (one annotator's) to `paragraphs` (the whole corpus, in
/// order). A moved label gets its new `para`.
pub fn attach(paragraphs: &[Paragraph], labels: Vec<Label>) -> Attached {
    let mut docs: BTreeMap<&str, std::ops::Range<usize>> = BTreeMap::new();
    for (i, p) in paragraphs.iter().enumerate() {
        docs.entry(p.doc.as_str())
            .and_modify(|r| r.end = i + 1)
            .or_insert(i..i + 1);
    }
    let mut by_doc: BTreeMap<String, Vec<Label>> = BTreeMap::new();
    for l in labels {
        by_doc.entry(l.doc.clone()).or_default().push(l);
    }
    let mut out = Attached {
        labels: vec![None; paragraphs.len()],
        ..Attached::default()
    };
    for (doc, labels) in by_doc {
        let Some(range) = docs.get(doc.as_str()) else {
            out.orphaned.extend(labels);
            continue;
        };
        let hashes: Vec<&str> = paragraphs[range.clone()]
            .iter()
            .map(|p| p.hash.as_str())
            .collect();
        let keys: Vec<(usize, &str)> = labels
            .iter()
            .map(|l| (l.para as usize, l.hash.as_str()))
            .collect();
        let placements = relocate(&keys, &hashes);
        for (label, placement) in labels.into_iter().zip(placements) {
            match placement {
                Placement::Same(i) => out.labels[range.start + i] = Some(label),
                Placement::Moved(i) => {
                    let mut now = label.clone();
                    now.para = i as u32;
                    out.labels[range.start + i] = Some(now);
                    out.moved.push((range.start + i, label));
                }
                Placement::Orphaned => out.orphaned.push(label),
            }
        }
    }
    out
}
