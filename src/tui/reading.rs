//! The corpus arriving while a screen is already up (issue 18), what both
//! screens share: the shell's reading thread ([`Feed`]), how far it has
//! got ([`Progress`], the status line's `reading 340/1000 files`), and a
//! store's labels waiting for their documents ([`Waiting`]), placed on
//! each document as it arrives the way opening a screen on the whole
//! corpus placed them ([`crate::attach::align`]): a label whose paragraph
//! moved is written under its new index, one whose text went is parked —
//! as [`StoreChange`]s for the screen's save queue, in order.

use super::ledger::StoreChange;
use crate::attach::{Attached, CorpusIndex};
use crate::corpus::background::{Batch, Reader};
use crate::corpus::Paragraph;
use crate::store::{Label, Shelf};
use std::sync::Arc;

/// The shell's reading thread, which a screen asks for news at each
/// tick; two are equal when they are the same one.
#[derive(Clone)]
pub struct Feed(pub Arc<Reader>);

impl Feed {
    /// What was read since the last take, when there is news for a screen
    /// that has seen `progress`: documents, more files read, or the end.
    /// With `first`, only up to the first document with paragraphs (the
    /// rest at the next tick): what a screen's first frame shows.
    pub fn news(&self, progress: &Progress, first: bool) -> Option<Batch> {
        let batch = if first {
            self.0.take_first()
        } else {
            self.0.take()
        };
        (batch.done || !batch.documents.is_empty() || batch.read != progress.read).then_some(batch)
    }
}

impl PartialEq for Feed {
    fn eq(&self, other: &Feed) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Feed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Feed")
    }
}

/// How far reading has got: files read, of `files`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub read: usize,
    pub files: usize,
}

impl Progress {
    pub fn new(files: usize) -> Progress {
        Progress { read: 0, files }
    }

    /// Where `batch` says reading is.
    pub fn advance(&mut self, batch: &Batch) {
        self.read = batch.read;
        self.files = batch.files;
    }

    /// How much more room a list of `len` items (`capacity`) needs to
    /// take `incoming` more: none if they fit; else room for the whole
    /// corpus as the files read so far (this batch's counted) make it
    /// out, 5 % over. A million paragraphs then grow the list once or
    /// twice rather than by doubling, which copies it and holds it twice
    /// meanwhile (and up to twice its size after).
    pub fn room(&self, len: usize, capacity: usize, incoming: usize) -> usize {
        let have = len + incoming;
        if have <= capacity {
            return 0;
        }
        let whole = match self.read {
            0 => have,
            read => have.saturating_mul(self.files.max(read)) / read / 20 * 21,
        };
        whole.max(have) - len
    }

    /// `reading 340/1000 files`.
    pub fn status(&self) -> String {
        format!("reading {}/{} files", self.read, self.files)
    }

    /// `` in the 340 of 1000 files read so far``: what a search or a move
    /// that found nothing has looked through.
    pub fn so_far(&self) -> String {
        format!(" in the {} of {} files read so far", self.read, self.files)
    }
}

/// One store's labels waiting for their documents, and what placing
/// them has done so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Waiting {
    /// The labels, by document (taken as their documents arrive), as
    /// stored bodies: a million labels waiting are not a million
    /// [`Label`]s.
    shelf: Shelf,
    /// Labels that followed their moved paragraph, and labels parked.
    pub moved: usize,
    pub parked: usize,
}

impl Waiting {
    pub fn new(stored: impl Into<Shelf>) -> Waiting {
        Waiting {
            shelf: stored.into(),
            ..Waiting::default()
        }
    }

    /// The labels of the document of `paragraphs` (one document's, as
    /// read) attached to them (indices into `paragraphs`), and the store
    /// changes that asks for.
    pub fn place(&mut self, paragraphs: &[Paragraph]) -> (Attached, Vec<StoreChange>) {
        let stored = paragraphs
            .first()
            .map(|p| self.shelf.take(p.doc.as_str()))
            .unwrap_or_default();
        let attached = CorpusIndex::new(paragraphs).attach(stored);
        let changes = changes(&attached);
        self.moved += attached.moved.len();
        self.parked += attached.orphaned.len();
        (attached, changes)
    }

    /// Every file read: the labels of documents no longer in the corpus,
    /// parked.
    pub fn gone(&mut self) -> Vec<StoreChange> {
        let gone = self.shelf.take_rest();
        self.parked += gone.len();
        gone.into_iter().map(park).collect()
    }
}

/// What storing `attached` as placed asks for, as [`crate::attach::align`]
/// does it: every old key of a moved label goes before any is written
/// again; then the orphans are parked.
fn changes(attached: &Attached) -> Vec<StoreChange> {
    let removed = attached.moved.iter().map(|(_, old)| StoreChange {
        doc: old.doc.clone(),
        para: old.para,
        label: None,
        action: "relocate",
        park: false,
    });
    let written = attached.moved.iter().filter_map(|&(i, _)| {
        let label = attached.labels[i].as_deref()?;
        Some(StoreChange {
            doc: label.doc.clone(),
            para: label.para,
            label: Some(label.clone()),
            action: "relocate",
            park: false,
        })
    });
    let parked = attached.orphaned.iter().cloned().map(park);
    removed.chain(written).chain(parked).collect()
}

fn park(orphan: Label) -> StoreChange {
    StoreChange {
        doc: orphan.doc.clone(),
        para: orphan.para,
        label: Some(orphan),
        action: "orphan",
        park: true,
    }
}

/// For the screens' tests: what the shell writes for `effects`, each
/// reported saved in turn (`saved(seq)` updates the screen and gives the
/// effects that asks for, carried out next): (action, doc, para, whether
/// a label is written or parked).
#[cfg(test)]
pub(crate) fn written(
    effects: Vec<super::effect::Effect>,
    mut saved: impl FnMut(u64) -> Vec<super::effect::Effect>,
) -> Vec<(String, String, u32, bool)> {
    use super::effect::Effect;
    let mut todo: std::collections::VecDeque<Effect> = effects.into();
    let mut out = Vec::new();
    while let Some(effect) = todo.pop_front() {
        let (seq, entry) = match effect {
            Effect::Persist {
                seq,
                doc,
                para,
                label,
                action,
            } => (seq, (action.to_owned(), doc, para, label.is_some())),
            Effect::Park { seq, label, action } => {
                (seq, (action.to_owned(), label.doc, label.para, true))
            }
            Effect::PersistMany {
                last,
                labels,
                action,
                ..
            } => {
                let mut each = labels
                    .into_iter()
                    .map(|l| (action.to_owned(), l.doc, l.para, true));
                let entry = each.next_back().expect("a bulk write writes");
                out.extend(each);
                (last, entry)
            }
            other => panic!("{other:?}"),
        };
        out.push(entry);
        for next in saved(seq).into_iter().rev() {
            todo.push_front(next);
        }
    }
    out
}

/// For the screens' tests: a document of `texts`, a line each.
#[cfg(test)]
pub(crate) fn document(name: &str, texts: &[&str]) -> crate::corpus::Document {
    use crate::corpus::{document::build, CorpusOptions, SourceEncoding};
    let text: String = texts.iter().map(|t| format!("{t}\n")).collect();
    build(name, &text, SourceEncoding::Utf8, &CorpusOptions::default())
}

/// For the screens' tests: `documents` read, `read` of 3 files.
#[cfg(test)]
pub(crate) fn batch(documents: Vec<crate::corpus::Document>, read: usize, done: bool) -> Batch {
    Batch {
        documents,
        read,
        files: 3,
        done,
    }
}
