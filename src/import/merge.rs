//! Deciding what an import does to one annotator's store. Pure: the corpus,
//! the store's labels and the records in, the labels to write and to park
//! out, with a count of each outcome.
//!
//! Attaching, as for stored labels ([`CorpusIndex::place`], that is
//! [`crate::corpus::identity::relocate`] per document): a record goes to
//! paragraph `para` of `doc` when that paragraph's hash is the record's
//! hash; else to the nearest free paragraph of `doc` with that hash (ties
//! to the earlier one; "free": no other record of this import took it);
//! else it is orphaned — kept with its text, never attached to other text.
//! Records that still match in place are settled first.
//!
//! Newest wins: a record replaces the label on its paragraph only when its
//! `updated_at` is a later instant than the label's. Outcomes, one per
//! record:
//! - `new`: the paragraph had no label;
//! - `updated`: the record is newer than the label;
//! - `unchanged`: the label already says the same (equal content and time,
//!   however the time is written; also a duplicate record in the input);
//! - `older`: the label (or another record for the same paragraph in the
//!   input) is as new or newer and says something else: it is kept;
//! - `orphaned`: no paragraph has the record's text; it is parked (kept in
//!   the store with its text, listed by `parked`). An orphan already parked
//!   the same is `unchanged`; newest wins among parked copies too.
//!
//! Within the input, records for the same (doc, para, hash) are one label:
//! the newest wins, the first of equally new ones (so importing files one by
//! one or all at once ends the same).

use super::read::{parse_time, Record};
use crate::attach::CorpusIndex;
use crate::attach::Slot;
use crate::corpus::identity::Placement;
use crate::store::Label;
use std::collections::HashMap;
use std::time::SystemTime;

/// How many records ended how (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub older: usize,
    pub orphaned: usize,
    /// Of `new` + `updated`: attached at another index than the record's
    /// `para` (the text moved).
    pub moved: usize,
}

impl Counts {
    /// Every record counted once.
    pub fn records(&self) -> usize {
        self.new + self.updated + self.unchanged + self.older + self.orphaned
    }

    pub fn add(&mut self, other: &Counts) {
        self.new += other.new;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.older += other.older;
        self.orphaned += other.orphaned;
        self.moved += other.moved;
    }
}

/// What to write to one annotator's store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Labels to store (new and updated), in corpus order; `text` None.
    pub puts: Vec<Label>,
    /// Labels to park (orphaned), with the record's text.
    pub parks: Vec<Label>,
    pub counts: Counts,
}

/// The plan for one annotator's `records`, given `current`: that store's
/// labels attached to the corpus (parallel to `index.paragraphs()`, each
/// label's hash that of its paragraph) and `parked`: its parked labels.
pub fn merge(
    index: &CorpusIndex,
    current: &[Slot],
    parked: &[Label],
    records: Vec<Record>,
) -> Plan {
    assert_eq!(current.len(), index.paragraphs().len());
    let mut plan = Plan::default();
    let winners = dedupe(records, &mut plan.counts);

    let place = index.place(&winners.iter().map(|r| &r.label).collect::<Vec<_>>());

    let parked: HashMap<(&str, u32, &str), &Label> = parked
        .iter()
        .map(|l| ((l.doc.as_str(), l.para, l.hash.as_str()), l))
        .collect();
    let mut puts: Vec<(usize, Label)> = Vec::new();
    for (record, place) in winners.into_iter().zip(place) {
        let Some(i) = place.index() else {
            let mut label = record.label;
            if label.text.is_none() {
                // A record with only a hash: keep the text if the corpus
                // has it (the record lost out to others for every copy).
                label.text = index.text(&label.doc, &label.hash);
            }
            let key = (label.doc.as_str(), label.para, label.hash.as_str());
            match parked.get(&key) {
                Some(old) if !is_newer(record.at, old) => {
                    if same_content(&label, old) {
                        plan.counts.unchanged += 1;
                    } else {
                        plan.counts.older += 1;
                    }
                }
                _ => {
                    plan.counts.orphaned += 1;
                    plan.parks.push(label);
                }
            }
            continue;
        };
        let p = &index.paragraphs()[i];
        let mut label = record.label;
        let moved = matches!(place, Placement::Moved(_));
        label.para = p.para as u32;
        label.text = None;
        match &current[i] {
            None => plan.counts.new += 1,
            Some(old) if is_newer(record.at, old) => plan.counts.updated += 1,
            Some(old) => {
                if same_content(&label, old) {
                    plan.counts.unchanged += 1;
                } else {
                    plan.counts.older += 1;
                }
                continue;
            }
        }
        plan.counts.moved += usize::from(moved);
        puts.push((i, label));
    }
    puts.sort_unstable_by_key(|(i, _)| *i);
    plan.puts = puts.into_iter().map(|(_, l)| l).collect();
    plan
}

/// One record per (doc, para, hash), the newest (the first of equally new
/// ones), in (doc, para, hash) order; the others are counted here.
fn dedupe(records: Vec<Record>, counts: &mut Counts) -> Vec<Record> {
    fn key(r: &Record) -> (&str, u32, &str) {
        (r.label.doc.as_str(), r.label.para, r.label.hash.as_str())
    }
    // Sort positions, not the (large) records; stable: equal keys keep
    // input order.
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| key(&records[a]).cmp(&key(&records[b])));
    let mut slots: Vec<Option<Record>> = records.into_iter().map(Some).collect();
    let mut out: Vec<Record> = Vec::with_capacity(slots.len());
    for i in order {
        let record = slots[i].take().expect("each position once");
        match out.last_mut() {
            Some(winner) if key(winner) == key(&record) => {
                let loser = if record.at > winner.at {
                    std::mem::replace(winner, record)
                } else {
                    record
                };
                if loser.at == winner.at && same_content(&loser.label, &winner.label) {
                    counts.unchanged += 1;
                } else {
                    counts.older += 1;
                }
            }
            _ => out.push(record),
        }
    }
    out
}

/// A record at `at` is newer than `label` (a label whose time does not
/// read is older than any record).
fn is_newer(at: SystemTime, label: &Label) -> bool {
    parse_time(&label.updated_at).is_none_or(|t| at > t)
}

/// Equal but for how `updated_at` is written (the caller compares instants).
fn same_content(a: &Label, b: &Label) -> bool {
    a.doc == b.doc
        && a.para == b.para
        && a.hash == b.hash
        && a.section == b.section
        && a.indicators == b.indicators
        && a.spans == b.spans
        && a.flags == b.flags
        && a.note == b.note
        && a.done == b.done
        && a.duration_ms == b.duration_ms
        && a.text == b.text
        && a.source == b.source
        && a.annotators == b.annotators
        && a.reviewer == b.reviewer
}

#[cfg(test)]
mod tests;
