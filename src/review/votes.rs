//! The labels as the agreement figures see them: per annotator, parallel to
//! the corpus paragraphs, each label reduced to its section type and
//! indicators (as indices into shared name lists), whether it was accepted
//! and the time spent on it. Small enough to hold three annotators' labels
//! on a million paragraphs in a few dozen MB, and built straight from the
//! stored bytes ([`LabelView`]) without a full [`Label`] per paragraph.

use crate::attach::CorpusIndex;
use crate::corpus::identity::HASH_LEN;
use crate::schema::Schema;
use crate::store::{Label, LabelView};
use std::collections::HashMap;
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
    pub duration_ms: u64,
}

/// One annotator's votes (or the gold set's), parallel to the paragraphs.
pub type Sheet = Vec<Option<Vote>>;

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
}

impl Votes {
    /// From labels already attached to the paragraphs (`labels[a]` is
    /// annotator `a`'s).
    pub fn from_labels(
        schema: &Schema,
        annotators: &[String],
        labels: &[Vec<Option<Label>>],
        gold: Option<&[Option<Label>]>,
    ) -> Votes {
        let names = VoteNames::new(schema);
        let sheet = |labels: &[Option<Label>]| -> Sheet {
            labels
                .iter()
                .map(|l| l.as_ref().map(|l| names.of_label(l)))
                .collect()
        };
        let sheets = labels.iter().map(|l| sheet(l)).collect();
        let gold = gold.map(sheet);
        names.finish(annotators.to_vec(), sheets, gold)
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
        done: bool,
        duration_ms: u64,
    ) -> Vote {
        let mut indicators: Vec<u32> = indicators.map(|i| self.indicators.id(i)).collect();
        indicators.sort_unstable();
        indicators.dedup();
        Vote {
            section: section.map(|s| self.sections.id(s)),
            indicators,
            done,
            duration_ms,
        }
    }

    pub fn of_label(&self, l: &Label) -> Vote {
        let indicators = l.indicators.iter().map(String::as_str);
        // Unknown counts as 0, as the stored-value view reads it.
        let duration_ms = l.duration_ms.unwrap_or(0);
        self.vote(l.section.as_deref(), indicators, l.done, duration_ms)
    }

    pub fn of_view(&self, v: &LabelView<'_>) -> Vote {
        let indicators = v.indicators.iter().map(|i| i.as_ref());
        self.vote(v.section.as_deref(), indicators, v.done, v.duration_ms)
    }

    /// The votes, with names outside the schema sorted and every index
    /// that moved with them rewritten.
    pub fn finish(
        self,
        annotators: Vec<String>,
        mut sheets: Vec<Sheet>,
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
        }
        Votes {
            annotators,
            sections,
            indicators,
            sheets,
            gold,
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
    /// The document being read, and its labels so far: (para, hash, vote).
    doc: String,
    run: Vec<(usize, Hash, Vote)>,
}

impl<'a, 'c> SheetBuilder<'a, 'c> {
    pub fn new(index: &'a CorpusIndex<'c>, names: &'a VoteNames) -> SheetBuilder<'a, 'c> {
        SheetBuilder {
            index,
            names,
            sheet: vec![None; index.len()],
            doc: String::new(),
            run: Vec::new(),
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
        self.run.push((v.para as usize, Hash::new(&v.hash), vote));
    }

    pub fn finish(mut self) -> Sheet {
        self.place_run();
        self.sheet
    }

    /// Place the labels of the document read so far.
    fn place_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let keys: Vec<(usize, &str)> = self
            .run
            .iter()
            .map(|(para, hash, _)| (*para, hash.as_str()))
            .collect();
        let placements = self.index.locate(&self.doc, &keys);
        for (at, (_, _, vote)) in placements.into_iter().zip(self.run.drain(..)) {
            if let Some(i) = at.index() {
                self.sheet[i] = Some(vote);
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
