//! The labels as the agreement figures see them: per annotator, parallel to
//! the corpus paragraphs, each label reduced to its section type and
//! indicators (as indices into shared name lists), whether it was accepted,
//! the time spent on it, when it changed, and what the review queue needs
//! (flags, a note, spans). Small enough to hold three annotators' labels
//! on a million paragraphs in a few dozen MB, and built straight from the
//! stored bytes ([`LabelView`]) without a full [`Label`] per paragraph.
//! The spans themselves, which few labels have, are kept beside the votes
//! ([`Votes::spans`]) for the span agreement figures.

mod names;
mod rest;
mod sheet;
mod vote;

pub use names::VoteNames;
pub use rest::unix_seconds;
pub use sheet::SheetBuilder;
pub use vote::{Marks, Vote, VoteSpan};

use crate::attach::Slot;
use crate::schema::Schema;
#[cfg(doc)]
use crate::store::{Label, LabelView};
use std::collections::BTreeMap;

/// One annotator's votes (or the gold set's), parallel to the paragraphs.
pub type Sheet = Vec<Option<Vote>>;

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

#[cfg(test)]
mod tests;
