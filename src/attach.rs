//! Stored labels onto the paragraphs of the corpus as read now: each label
//! goes back to a paragraph with its content hash (in place, or moved) or is
//! kept aside as orphaned — never attached to other text
//! ([`crate::corpus::identity::relocate`], per document).
//!
//! - [`attach`] / [`CorpusIndex::attach`]: the labels as they land (the
//!   screen, export, agree, import);
//! - [`align`]: the same, then stored so (moved labels re-keyed, orphans
//!   parked): what the screen does on opening and import before merging.

use crate::corpus::identity::{HashIndex, Placement};
use crate::corpus::{Identities, Paragraph};
use crate::store::{Label, LabelStore, StoreError};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Labels per store transaction when many are written at once (each chunk
/// is written all or nothing and flushed once).
pub const CHUNK: usize = 10_000;

/// A paragraph's label, if it has one: boxed, so a million paragraphs
/// that are mostly unlabeled cost a pointer each, not a whole [`Label`]
/// (issue 18: 8 bytes a paragraph where an `Option<Label>` takes 392).
pub type Slot = Option<Box<Label>>;

/// `labels` as [`Slot`]s (for fixtures written as plain labels).
pub fn slots(labels: &[Option<Label>]) -> Vec<Slot> {
    labels.iter().map(|l| l.clone().map(Box::new)).collect()
}

/// Each annotator's `labels` as [`Slot`]s.
pub fn slots_each(labels: &[Vec<Option<Label>>]) -> Vec<Vec<Slot>> {
    labels.iter().map(|l| slots(l)).collect()
}

/// The result of attaching one annotator's labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attached {
    /// Parallel to the paragraphs.
    pub labels: Vec<Slot>,
    /// Labels whose paragraph moved: (index now, the label as stored).
    pub moved: Vec<(usize, Label)>,
    /// Labels whose text is no longer in the corpus.
    pub orphaned: Vec<Label>,
}

/// The corpus as read now, indexed for attaching: each document's
/// paragraphs by content hash ([`HashIndex`], built when a label of that
/// document is first placed, once for all who share this index).
pub struct CorpusIndex<'a> {
    /// Each paragraph's content hash, in corpus order.
    hashes: Vec<&'a str>,
    /// The paragraphs, when the index was made of them (empty when it was
    /// made of [`Identities`]).
    paragraphs: &'a [Paragraph],
    docs: HashMap<&'a str, Doc<'a>>,
}

struct Doc<'a> {
    /// Index of the doc's first paragraph in the corpus.
    start: usize,
    len: usize,
    hashes: OnceLock<HashIndex<'a>>,
}

impl<'a> CorpusIndex<'a> {
    /// `paragraphs`: the whole corpus in order (each doc's paragraphs
    /// contiguous, as `Corpus::paragraphs` gives them).
    pub fn new(paragraphs: &'a [Paragraph]) -> CorpusIndex<'a> {
        let runs = paragraphs
            .chunk_by(|a, b| a.doc == b.doc)
            .map(|run| (run[0].doc.as_str(), run.len()));
        let hashes = paragraphs.iter().map(|p| p.hash.as_str()).collect();
        CorpusIndex::of(runs, hashes, paragraphs)
    }

    /// The corpus as [`Identities`] (no text: [`text`](Self::text) finds
    /// none, [`paragraphs`](Self::paragraphs) is empty).
    pub fn of_identities(corpus: &'a Identities) -> CorpusIndex<'a> {
        let runs = corpus.docs.iter().map(|(doc, len)| (doc.as_str(), *len));
        CorpusIndex::of(runs, corpus.hashes().collect(), &[])
    }

    fn of(
        runs: impl Iterator<Item = (&'a str, usize)>,
        hashes: Vec<&'a str>,
        paragraphs: &'a [Paragraph],
    ) -> CorpusIndex<'a> {
        let mut docs: HashMap<&str, Doc> = HashMap::new();
        let mut start = 0;
        for (doc, len) in runs {
            docs.entry(doc).or_insert(Doc {
                start,
                len,
                hashes: OnceLock::new(),
            });
            start += len;
        }
        CorpusIndex {
            hashes,
            paragraphs,
            docs,
        }
    }

    /// The paragraphs the index was made of (empty for identities).
    pub fn paragraphs(&self) -> &'a [Paragraph] {
        self.paragraphs
    }

    /// Number of paragraphs in the corpus.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// `doc`'s first paragraph (its index in `paragraphs`) and hash index.
    fn doc(&self, doc: &str) -> Option<(usize, &HashIndex<'a>)> {
        let d = self.docs.get(doc)?;
        let hashes = d
            .hashes
            .get_or_init(|| HashIndex::new(self.hashes[d.start..d.start + d.len].to_vec()));
        Some((d.start, hashes))
    }

    /// Where each label lands (indices into `paragraphs`): per document,
    /// [`locate`](Self::locate) of that document's labels in the order
    /// given. A label of a document not in the corpus is orphaned.
    pub fn place(&self, labels: &[&Label]) -> Vec<Placement> {
        let mut out = vec![Placement::Orphaned; labels.len()];
        // Stable: each document's labels keep their order (labels that
        // come sorted, as stores and merge give them, cost one pass).
        let mut order: Vec<usize> = (0..labels.len()).collect();
        order.sort_by_key(|&k| labels[k].doc.as_str());
        for run in order.chunk_by(|&a, &b| labels[a].doc == labels[b].doc) {
            let keys: Vec<(usize, &str)> = run
                .iter()
                .map(|&k| (labels[k].para as usize, labels[k].hash.as_str()))
                .collect();
            for (&k, placement) in run.iter().zip(self.locate(&labels[run[0]].doc, &keys)) {
                out[k] = placement;
            }
        }
        out
    }

    /// Where the labels of `doc` land, given as (para, hash) in the order
    /// stored: [`crate::corpus::identity::relocate`] within that document
    /// (indices into `paragraphs`). A document whose labels all still match
    /// their paragraph in place (the usual case) takes the short way, to the
    /// same answer.
    pub fn locate(&self, doc: &str, keys: &[(usize, &str)]) -> Vec<Placement> {
        let Some(d) = self.docs.get(doc) else {
            return vec![Placement::Orphaned; keys.len()];
        };
        if self.in_place(d, keys.iter().copied()) {
            return keys
                .iter()
                .map(|&(p, _)| Placement::Same(d.start + p))
                .collect();
        }
        let (start, hashes) = self.doc(doc).expect("the doc is in the index");
        hashes
            .relocate(keys)
            .into_iter()
            .map(|placement| match placement {
                Placement::Same(i) => Placement::Same(start + i),
                Placement::Moved(i) => Placement::Moved(start + i),
                Placement::Orphaned => Placement::Orphaned,
            })
            .collect()
    }

    /// The text of the first paragraph of `doc` with `hash`, if any.
    pub fn text(&self, doc: &str, hash: &str) -> Option<String> {
        let (start, hashes) = self.doc(doc)?;
        let i = hashes.first(hash)?;
        Some(self.paragraphs.get(start + i)?.text.to_string())
    }

    /// Attach `labels` (one annotator's). A moved label gets its new
    /// `para`; `moved` and `orphaned` list labels by document, then in the
    /// order given. Each document's labels are placed by
    /// [`locate`](Self::locate), which takes the short way when they are
    /// all still in place (the usual case).
    pub fn attach(&self, mut labels: Vec<Label>) -> Attached {
        // (Labels from a store come sorted: no sort, no scratch buffer.)
        if !labels.is_sorted_by(|a, b| a.doc <= b.doc) {
            labels.sort_by(|a, b| a.doc.cmp(&b.doc));
        }
        let mut placements = Vec::with_capacity(labels.len());
        for run in labels.chunk_by(|a, b| a.doc == b.doc) {
            let keys: Vec<(usize, &str)> = run
                .iter()
                .map(|l| (l.para as usize, l.hash.as_str()))
                .collect();
            placements.extend(self.locate(&run[0].doc, &keys));
        }
        let mut out = Attached {
            labels: vec![None; self.len()],
            ..Attached::default()
        };
        for (label, placement) in labels.into_iter().zip(placements) {
            match placement {
                Placement::Same(i) => out.labels[i] = Some(Box::new(label)),
                Placement::Moved(i) => {
                    let mut now = label.clone();
                    now.para = self.para_in_doc(&label.doc, i);
                    out.labels[i] = Some(Box::new(now));
                    out.moved.push((i, label));
                }
                Placement::Orphaned => out.orphaned.push(label),
            }
        }
        out
    }

    /// Whether every label of a run (one document's, in order, as (para,
    /// hash)) is on a paragraph of `d` with its hash, no two on one.
    fn in_place<'k>(&self, d: &Doc, mut keys: impl Iterator<Item = (usize, &'k str)>) -> bool {
        let hashes = &self.hashes[d.start..d.start + d.len];
        // Strictly increasing paras: no two labels on one paragraph.
        let mut last = None;
        keys.all(|(para, hash)| {
            let increasing = last.is_none_or(|l| l < para);
            last = Some(para);
            increasing && hashes.get(para) == Some(&hash)
        })
    }

    /// The index within `doc` of corpus paragraph `i` (one of `doc`'s).
    fn para_in_doc(&self, doc: &str, i: usize) -> u32 {
        let start = self.docs.get(doc).map_or(0, |d| d.start);
        (i - start) as u32
    }
}

/// Attach `labels` (one annotator's) to `paragraphs` (the whole corpus, in
/// order). A moved label gets its new `para`.
pub fn attach(paragraphs: &[Paragraph], labels: Vec<Label>) -> Attached {
    CorpusIndex::new(paragraphs).attach(labels)
}

/// Attach the store's labels to the corpus and store them so: a label whose
/// paragraph moved is stored again under its new index — every old key is
/// removed before any new one is written, so labels that moved into each
/// other's places are not lost — and one whose text left the corpus is
/// parked, so labeling the paragraph now at its index cannot overwrite it.
/// History actions `relocate` and `orphan`; new keys and parked labels are
/// written in chunks of [`CHUNK`]. Returns what [`attach`] gives.
pub fn align<S: LabelStore + ?Sized>(
    store: &mut S,
    index: &CorpusIndex,
) -> Result<Attached, StoreError> {
    let attached = index.attach(store.labels()?);
    for (_, old) in &attached.moved {
        store.put(&old.doc, old.para, None, "relocate")?;
    }
    let moved: Vec<Label> = attached
        .moved
        .iter()
        .filter_map(|&(i, _)| attached.labels[i].as_deref().cloned())
        .collect();
    for chunk in moved.chunks(CHUNK) {
        store.put_many(chunk, "relocate")?;
    }
    for chunk in attached.orphaned.chunks(CHUNK) {
        store.park_many(chunk, "orphan")?;
    }
    Ok(attached)
}

#[cfg(test)]
pub(crate) mod tests;
