//! The labels as the agreement figures see them: per annotator, parallel to
//! the corpus paragraphs, each label reduced to its section type and
//! indicators (as indices into shared name lists), whether it was accepted,
//! the time spent on it, when it changed, and what the review queue needs
//! (flags, a note, spans). Small enough to hold three annotators' labels
//! on a million paragraphs in a few dozen MB, and built straight from the
//! stored bytes ([`LabelView`]) without a full [`Label`] per paragraph.
//! The spans themselves, which few labels have, are kept beside the votes
//! ([`Votes::spans`]) for the span agreement figures.

use crate::attach::CorpusIndex;
use crate::attach::Slot;
use crate::corpus::identity::HASH_LEN;
use crate::schema::Schema;
use crate::store::{GoldSource, Label, LabelView, Span, FLAG_REVIEW};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// One annotator's label on one paragraph, as the figures use it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vote {
    /// Index into [`Votes::sections`].
    pub section: Option<u32>,
    /// Indices into [`Votes::indicators`], sorted, no repeats.
    pub indicators: Vec<u32>,
    /// Accepted (Enter).
    pub done: bool,
    /// None: unknown.
    pub duration_ms: Option<u64>,
    /// When it last changed (`updated_at`), in Unix seconds; 0 when that
    /// is not a readable RFC 3339 time.
    pub at: u32,
    /// Flagged for review, a note, automatic gold: [`Marks`] bits.
    pub marks: u8,
    /// The spans, as a hash that is equal for equal spans (0: no spans).
    pub spans: u64,
}

/// The bits of [`Vote::marks`].
pub struct Marks;

impl Marks {
    /// Flagged for review (`flags` holds `review`).
    pub const FLAGGED: u8 = 1;
    /// A note with something in it.
    pub const NOTED: u8 = 2;
    /// A gold label written automatically for a unanimous paragraph.
    pub const AUTO_GOLD: u8 = 4;
    /// Labeled with a suggestion pre-filled (pattern or model).
    pub const SUGGESTED: u8 = 8;
    /// Labeled on a control paragraph: suggestions withheld on purpose.
    pub const CONTROL: u8 = 16;
}

impl Vote {
    /// Whether the label says anything: a section type, an indicator or a
    /// span.
    pub fn says_something(&self) -> bool {
        self.section.is_some() || !self.indicators.is_empty() || self.spans != 0
    }

    pub fn has(&self, mark: u8) -> bool {
        self.marks & mark != 0
    }
}

/// What a vote holds besides its section type and indicators.
struct Rest {
    done: bool,
    duration_ms: Option<u64>,
    at: u32,
    marks: u8,
    spans: u64,
}

impl Rest {
    fn of<'s>(
        done: bool,
        duration_ms: Option<u64>,
        updated_at: &str,
        mut flags: impl Iterator<Item = &'s str>,
        noted: bool,
        source: Option<&str>,
        spans: &[Span],
    ) -> Rest {
        let mut marks = 0;
        if flags.any(|f| f == FLAG_REVIEW) {
            marks |= Marks::FLAGGED;
        }
        if noted {
            marks |= Marks::NOTED;
        }
        if source == Some(GoldSource::Unanimous.as_str()) {
            marks |= Marks::AUTO_GOLD;
        }
        Rest {
            done,
            duration_ms,
            at: unix_seconds(updated_at),
            marks,
            spans: spans_hash(spans),
        }
    }
}

/// The mark of a label's `suggested.source`: a pre-fill was shown, or
/// withheld on a control paragraph.
fn suggestion_mark(suggested: Option<&str>) -> u8 {
    match suggested {
        Some(crate::annotate::prefill::CONTROL) => Marks::CONTROL,
        Some(_) => Marks::SUGGESTED,
        None => 0,
    }
}

/// An RFC 3339 time (`Z` or an offset, as import takes them) in Unix
/// seconds; 0 when it is not one (or before 1970 or after 2106).
pub fn unix_seconds(rfc3339: &str) -> u32 {
    crate::import::read::parse_time(rfc3339)
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| u32::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

/// Equal for equal spans (as stored: sorted, no repeats); 0 for none.
fn spans_hash(spans: &[Span]) -> u64 {
    if spans.is_empty() {
        return 0;
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for s in spans {
        h.update(&s.start.to_le_bytes());
        h.update(&s.end.to_le_bytes());
        h.update(&(s.label.len() as u64).to_le_bytes());
        h.update(s.label.as_bytes());
    }
    h.digest().max(1)
}

/// One annotator's votes (or the gold set's), parallel to the paragraphs.
pub type Sheet = Vec<Option<Vote>>;

/// A span as the figures use it: its label as an index into
/// [`Votes::indicators`], and code points, `end` exclusive. Ordered by
/// label, then start, then end (so a sorted list has each label's spans
/// together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VoteSpan {
    pub label: u32,
    pub start: u32,
    pub end: u32,
}

/// One sheet's spans, beside it: for each paragraph (index, as in the
/// sheet) whose vote has spans, those spans, sorted. Paragraphs without
/// spans have no entry.
pub type SpanSheet = BTreeMap<usize, Box<[VoteSpan]>>;

/// Every annotator's votes, and the gold set's when there is one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Votes {
    pub annotators: Vec<String>,
    /// Section names: the schema's in order, then names only labels use,
    /// sorted.
    pub sections: Vec<String>,
    /// Indicator names, ordered like `sections`.
    pub indicators: Vec<String>,
    /// Per annotator (as `annotators`).
    pub sheets: Vec<Sheet>,
    pub gold: Option<Sheet>,
    /// Per annotator (as `annotators`) when read from the stores: labels
    /// on text no longer in the corpus (not placed, or parked). Empty
    /// otherwise.
    pub orphaned: Vec<usize>,
    /// Per annotator (as `annotators`): the spans of each vote that has
    /// some (a vote's [`Vote::spans`] is not 0 exactly when it has an
    /// entry here). The gold set's are not kept. May be shorter than
    /// `sheets` (votes made by hand in tests): no spans then.
    pub spans: Vec<SpanSheet>,
}

impl Votes {
    /// From labels already attached to the paragraphs (`labels[a]` is
    /// annotator `a`'s).
    pub fn from_labels(
        schema: &Schema,
        annotators: &[String],
        labels: &[Vec<Slot>],
        gold: Option<&[Slot]>,
    ) -> Votes {
        let names = VoteNames::new(schema);
        let sheet = |labels: &[Slot]| -> Sheet {
            labels
                .iter()
                .map(|l| l.as_ref().map(|l| names.of_label(l)))
                .collect()
        };
        let spans = |labels: &[Slot]| -> SpanSheet {
            labels
                .iter()
                .enumerate()
                .filter_map(|(i, l)| Some((i, l.as_ref()?)))
                .filter(|(_, l)| !l.spans.is_empty())
                .map(|(i, l)| (i, names.spans(&l.spans)))
                .collect()
        };
        let sheets = labels.iter().map(|l| sheet(l)).collect();
        let span_sheets = labels.iter().map(|l| spans(l)).collect();
        let gold = gold.map(sheet);
        names.finish(annotators.to_vec(), sheets, span_sheets, gold)
    }

    /// Annotator `a`'s spans on paragraph `p` (empty when none).
    pub fn spans_of(&self, a: usize, p: usize) -> &[VoteSpan] {
        self.spans
            .get(a)
            .and_then(|sheet| sheet.get(&p))
            .map_or(&[], |s| s)
    }
}

/// Names to indices, shared by the threads that build sheets: the schema's
/// names first, in order; any other name gets the next index when first
/// met, and [`finish`](Self::finish) sorts those so the result does not
/// depend on the order they were met in.
struct Names {
    fixed: HashMap<String, u32>,
    list: Vec<String>,
    more: Mutex<HashMap<String, u32>>,
}

impl Names {
    fn new(schema_names: impl Iterator<Item = String>) -> Names {
        let mut names = Names {
            fixed: HashMap::new(),
            list: Vec::new(),
            more: Mutex::new(HashMap::new()),
        };
        for name in schema_names {
            let next = names.list.len() as u32;
            if let std::collections::hash_map::Entry::Vacant(e) = names.fixed.entry(name.clone()) {
                e.insert(next);
                names.list.push(name);
            }
        }
        names
    }

    fn id(&self, name: &str) -> u32 {
        if let Some(&i) = self.fixed.get(name) {
            return i;
        }
        let mut more = self.more.lock().unwrap_or_else(|e| e.into_inner());
        let next = (self.list.len() + more.len()) as u32;
        *more.entry(name.to_owned()).or_insert(next)
    }

    /// The names in their final order, and for each index given out, the
    /// index it becomes.
    fn finish(self) -> (Vec<String>, Vec<u32>) {
        let mut more: Vec<(String, u32)> = self
            .more
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect();
        more.sort();
        let fixed = self.list.len();
        let mut list = self.list;
        let mut new_index: Vec<u32> = (0..fixed as u32).collect();
        new_index.resize(fixed + more.len(), 0);
        for (name, given) in more {
            new_index[given as usize] = list.len() as u32;
            list.push(name);
        }
        (list, new_index)
    }
}

/// The section and indicator names of the votes being built, shared by
/// every sheet (so indices compare across annotators and gold).
pub struct VoteNames {
    sections: Names,
    indicators: Names,
}

impl VoteNames {
    pub fn new(schema: &Schema) -> VoteNames {
        VoteNames {
            sections: Names::new(schema.sections.iter().map(|d| d.name.clone())),
            indicators: Names::new(schema.indicators.iter().map(|d| d.name.clone())),
        }
    }

    fn vote<'n>(
        &self,
        section: Option<&str>,
        indicators: impl Iterator<Item = &'n str>,
        rest: Rest,
    ) -> Vote {
        let mut indicators: Vec<u32> = indicators.map(|i| self.indicators.id(i)).collect();
        indicators.sort_unstable();
        indicators.dedup();
        Vote {
            section: section.map(|s| self.sections.id(s)),
            indicators,
            done: rest.done,
            duration_ms: rest.duration_ms,
            at: rest.at,
            marks: rest.marks,
            spans: rest.spans,
        }
    }

    pub fn of_label(&self, l: &Label) -> Vote {
        let indicators = l.indicators.iter().map(String::as_str);
        let mut rest = Rest::of(
            l.done,
            l.duration_ms,
            &l.updated_at,
            l.flags.iter().map(String::as_str),
            l.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
            l.source.as_deref(),
            &l.spans,
        );
        rest.marks |= suggestion_mark(l.suggested.as_ref().map(|s| s.source.as_str()));
        self.vote(l.section.as_deref(), indicators, rest)
    }

    /// `spans` with their labels as indices, sorted (an empty list does
    /// not allocate).
    pub fn spans(&self, spans: &[Span]) -> Box<[VoteSpan]> {
        let mut out: Box<[VoteSpan]> = spans
            .iter()
            .map(|s| VoteSpan {
                start: s.start,
                end: s.end,
                label: self.indicators.id(&s.label),
            })
            .collect();
        out.sort_unstable();
        out
    }

    pub fn of_view(&self, v: &LabelView<'_>) -> Vote {
        let indicators = v.indicators.iter().map(|i| i.as_ref());
        let mut rest = Rest::of(
            v.done,
            v.duration_ms,
            &v.updated_at,
            v.flags.iter().map(|f| f.as_ref()),
            v.noted,
            v.source.as_deref(),
            &v.spans,
        );
        rest.marks |= suggestion_mark(v.suggested.as_deref());
        self.vote(v.section.as_deref(), indicators, rest)
    }

    /// The votes, with names outside the schema sorted and every index
    /// that moved with them rewritten.
    pub fn finish(
        self,
        annotators: Vec<String>,
        mut sheets: Vec<Sheet>,
        mut spans: Vec<SpanSheet>,
        mut gold: Option<Sheet>,
    ) -> Votes {
        let (sections, section_index) = self.sections.finish();
        let (indicators, indicator_index) = self.indicators.finish();
        let moved = |index: &[u32]| index.iter().enumerate().any(|(i, &to)| i as u32 != to);
        if moved(&section_index) || moved(&indicator_index) {
            let renumber = |v: &mut Vote| {
                if let Some(s) = &mut v.section {
                    *s = section_index[*s as usize];
                }
                for i in &mut v.indicators {
                    *i = indicator_index[*i as usize];
                }
                v.indicators.sort_unstable();
                v.indicators.dedup();
            };
            for sheet in sheets.iter_mut().chain(gold.as_mut()) {
                sheet.iter_mut().flatten().for_each(renumber);
            }
            for list in spans.iter_mut().flat_map(|s| s.values_mut()) {
                for s in list.iter_mut() {
                    s.label = indicator_index[s.label as usize];
                }
                list.sort_unstable();
            }
        }
        Votes {
            annotators,
            sections,
            indicators,
            sheets,
            gold,
            orphaned: Vec::new(),
            spans,
        }
    }
}

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
enum Hash {
    Inline([u8; HASH_LEN]),
    Heap(String),
}

impl Hash {
    fn new(s: &str) -> Hash {
        match <[u8; HASH_LEN]>::try_from(s.as_bytes()) {
            Ok(bytes) => Hash::Inline(bytes),
            Err(_) => Hash::Heap(s.to_owned()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Bytes copied from a whole `str`: valid UTF-8.
            Hash::Inline(bytes) => std::str::from_utf8(bytes).unwrap_or(""),
            Hash::Heap(s) => s,
        }
    }
}

#[cfg(test)]
mod tests;
