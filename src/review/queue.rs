//! The adjudication queue, pure: which paragraphs several annotators
//! labeled, how much they disagree, what the majority says, and the gold
//! labels that decisions make.

mod auto;
pub mod majority;

pub use auto::{auto_gold, gold_label, is_auto, Decider};

use crate::attach::Slot;
use crate::store::{Label, Span, FLAG_REVIEW};
use majority::{disagreement, majority};
use std::borrow::Borrow;

/// What a label says about its paragraph — the part annotators can agree
/// or disagree on, and the part a gold label takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    pub section: Option<String>,
    /// Sorted, deduplicated.
    pub indicators: Vec<String>,
    /// Sorted by (start, end, label).
    pub spans: Vec<Span>,
}

impl Choice {
    pub fn of(label: &Label) -> Choice {
        let mut indicators = label.indicators.clone();
        indicators.sort();
        indicators.dedup();
        let mut spans = label.spans.clone();
        sort_spans(&mut spans);
        Choice {
            section: label.section.clone(),
            indicators,
            spans,
        }
    }

    /// Whether it says anything (a label with only a note or a flag does not).
    pub fn is_empty(&self) -> bool {
        self.section.is_none() && self.indicators.is_empty() && self.spans.is_empty()
    }
}

/// Sort by (start, end, label) and deduplicate.
fn sort_spans(spans: &mut Vec<Span>) {
    spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    spans.dedup();
}

/// One annotator's label on a case: what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Index into the annotators of the review.
    pub annotator: usize,
    pub choice: Choice,
}

/// An annotator's note on a case's paragraph, for the reviewer to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Index into the annotators of the review.
    pub annotator: usize,
    pub text: String,
}

/// Why a case is in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// An annotator flagged the paragraph for review (Ctrl-F).
    Flagged,
    /// An annotator wrote a note on it (Ctrl-E).
    Note,
    /// The annotators' section types differ.
    Section,
    /// Their indicator sets differ.
    Indicators,
    /// Their spans differ.
    Spans,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Flagged => "flagged",
            Reason::Note => "note",
            Reason::Section => "section",
            Reason::Indicators => "indicators",
            Reason::Spans => "spans",
        }
    }
}

/// A paragraph for the queue: labeled by at least two annotators, or
/// flagged or noted by any.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Index of the paragraph in the corpus.
    pub index: usize,
    /// The labels that say something (section, indicators or spans), in
    /// annotator order; at least two unless the paragraph is flagged or
    /// noted.
    pub versions: Vec<Version>,
    /// The proposal, field by field ([`majority::majority`]): the section
    /// type of more than half of the versions (or none), and the
    /// indicators and spans of more than half.
    pub majority: Choice,
    /// Share of annotator pairs that differ on the section type, plus the
    /// mean Jaccard distance between their indicator sets: 0 (unanimous on
    /// both) to 2. The queue sorts by it.
    pub disagreement: f64,
    /// Every version says the same (section, indicators and spans).
    pub unanimous: bool,
    /// The annotators (indices) who flagged the paragraph for review.
    pub flagged: Vec<usize>,
    /// The annotators' notes, in annotator order.
    pub notes: Vec<Note>,
    /// Why it needs a reviewer, in [`Reason`] order; empty for a unanimous,
    /// unflagged paragraph without notes.
    pub reasons: Vec<Reason>,
}

impl Case {
    /// The annotators' names of this case (whoever labeled, flagged or
    /// noted it), sorted.
    pub fn annotator_names(&self, annotators: &[String]) -> Vec<String> {
        let mut names: Vec<String> = self
            .versions
            .iter()
            .map(|v| v.annotator)
            .chain(self.flagged.iter().copied())
            .chain(self.notes.iter().map(|n| n.annotator))
            .map(|a| annotators[a].clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The version of annotator `annotator` (index), if they labeled it.
    pub fn version_of(&self, annotator: usize) -> Option<&Version> {
        self.versions.iter().find(|v| v.annotator == annotator)
    }

    /// Nothing for a reviewer to look at: unanimous, no flag, no note. Such
    /// a case goes to gold automatically (unless `--review-unanimous`).
    pub fn is_settled(&self) -> bool {
        self.reasons.is_empty()
    }
}

/// The cases of the corpus, in corpus order: every paragraph with a
/// non-empty label from at least two annotators, and every paragraph an
/// annotator flagged for review or wrote a note on. `labels[a][i]` is
/// annotator `a`'s label on paragraph `i`.
pub fn cases(labels: &[Vec<Slot>]) -> Vec<Case> {
    let paragraphs = labels.iter().map(Vec::len).max().unwrap_or(0);
    (0..paragraphs)
        .filter_map(|index| {
            let mut versions = Vec::new();
            let mut flagged = Vec::new();
            let mut notes = Vec::new();
            for (annotator, ls) in labels.iter().enumerate() {
                let Some(label) = ls.get(index).and_then(Option::as_ref) else {
                    continue;
                };
                let choice = Choice::of(label);
                if !choice.is_empty() {
                    versions.push(Version { annotator, choice });
                }
                if label.flags.iter().any(|f| f == FLAG_REVIEW) {
                    flagged.push(annotator);
                }
                if let Some(text) = label.note.as_ref().filter(|n| !n.trim().is_empty()) {
                    notes.push(Note {
                        annotator,
                        text: text.clone(),
                    });
                }
            }
            let wanted = versions.len() >= 2 || !flagged.is_empty() || !notes.is_empty();
            wanted.then(|| case(index, versions, flagged, notes))
        })
        .collect()
}

fn case(index: usize, versions: Vec<Version>, flagged: Vec<usize>, notes: Vec<Note>) -> Case {
    let choices: Vec<&Choice> = versions.iter().map(|v| &v.choice).collect();
    let differ =
        |field: fn(&Choice, &Choice) -> bool| choices.windows(2).any(|w| field(w[0], w[1]));
    let reasons = [
        (Reason::Flagged, !flagged.is_empty()),
        (Reason::Note, !notes.is_empty()),
        (Reason::Section, differ(|a, b| a.section != b.section)),
        (
            Reason::Indicators,
            differ(|a, b| a.indicators != b.indicators),
        ),
        (Reason::Spans, differ(|a, b| a.spans != b.spans)),
    ]
    .into_iter()
    .filter_map(|(reason, applies)| applies.then_some(reason))
    .collect();
    Case {
        index,
        majority: majority(&choices),
        disagreement: disagreement(&choices),
        unanimous: choices.windows(2).all(|w| w[0] == w[1]),
        versions,
        flagged,
        notes,
        reasons,
    }
}

/// Case indices (into `cases`) with the most disagreement first, ties in
/// corpus order: the queue's order on screen and in `review --queue`.
pub fn by_disagreement<C: Borrow<Case>>(cases: &[C]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cases.len()).collect();
    let of = |i: usize| cases[i].borrow().disagreement;
    order.sort_by(|&a, &b| of(b).total_cmp(&of(a)).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests;
