//! One annotator's sheet built from its stored labels as a store hands them
//! out ([`SheetBuilder`]), each placed where attaching would put it.

use super::{Sheet, SpanSheet, Vote, VoteNames, VoteSpan};
use crate::attach::CorpusIndex;
use crate::corpus::identity::HASH_LEN;
use crate::store::LabelView;

/// One annotator's sheet, built from its stored labels as a store hands
/// them out (in key order, so each document's labels one after another):
/// each document's votes land where attaching would put its labels
/// ([`CorpusIndex::locate`]: in place, moved, or left out as orphaned).
pub struct SheetBuilder<'a, 'c> {
    index: &'a CorpusIndex<'c>,
    names: &'a VoteNames,
    sheet: Sheet,
    spans: SpanSheet,
    /// The document being read, and its labels so far: (para, hash, vote,
    /// its spans).
    doc: String,
    run: Vec<(usize, Hash, Vote, Box<[VoteSpan]>)>,
    /// Labels that found no place (their text left the corpus).
    orphaned: usize,
}

impl<'a, 'c> SheetBuilder<'a, 'c> {
    pub fn new(index: &'a CorpusIndex<'c>, names: &'a VoteNames) -> SheetBuilder<'a, 'c> {
        SheetBuilder {
            index,
            names,
            sheet: vec![None; index.len()],
            spans: SpanSheet::new(),
            doc: String::new(),
            run: Vec::new(),
            orphaned: 0,
        }
    }

    /// The next stored label.
    pub fn add(&mut self, v: &LabelView<'_>) {
        if v.doc != self.doc {
            self.place_run();
            self.doc.clear();
            self.doc.push_str(v.doc);
        }
        let vote = self.names.of_view(v);
        let spans = self.names.spans(&v.spans);
        self.run
            .push((v.para as usize, Hash::new(&v.hash), vote, spans));
    }

    pub fn finish(self) -> (Sheet, SpanSheet) {
        let (sheet, spans, _) = self.finish_counting();
        (sheet, spans)
    }

    /// The sheet, its spans, and how many labels found no place in it.
    pub fn finish_counting(mut self) -> (Sheet, SpanSheet, usize) {
        self.place_run();
        (self.sheet, self.spans, self.orphaned)
    }

    /// Place the labels of the document read so far.
    fn place_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let keys: Vec<(usize, &str)> = self
            .run
            .iter()
            .map(|(para, hash, _, _)| (*para, hash.as_str()))
            .collect();
        let placements = self.index.locate(&self.doc, &keys);
        for (at, (_, _, vote, spans)) in placements.into_iter().zip(self.run.drain(..)) {
            let Some(i) = at.index() else {
                self.orphaned += 1;
                continue;
            };
            self.sheet[i] = Some(vote);
            // As the vote: the last one placed here wins.
            if spans.is_empty() {
                self.spans.remove(&i);
            } else {
                self.spans.insert(i, spans);
            }
        }
    }
}

/// A paragraph hash as stored: the usual [`HASH_LEN`] hex digits inline (no
/// allocation per label), anything else on the heap.
pub(super) enum Hash {
    Inline([u8; HASH_LEN]),
    Heap(String),
}

impl Hash {
    pub(super) fn new(s: &str) -> Hash {
        match <[u8; HASH_LEN]>::try_from(s.as_bytes()) {
            Ok(bytes) => Hash::Inline(bytes),
            Err(_) => Hash::Heap(s.to_owned()),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            // Bytes copied from a whole `str`: valid UTF-8.
            Hash::Inline(bytes) => std::str::from_utf8(bytes).unwrap_or(""),
            Hash::Heap(s) => s,
        }
    }
}
