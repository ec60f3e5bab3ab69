//! The corpus arriving while the review screen is already up (issue 18):
//! the shell reads it on a thread ([`crate::corpus::background`]) and
//! hands each run of documents over as [`Action::Read`](super::Action::Read);
//! here they join the model. The annotators' labels and the gold set's,
//! read before the first frame, wait by document ([`Waiting`]) and are
//! placed on each document as it arrives, as opening the screen on the
//! whole corpus placed them: gold whose paragraph moved is written under
//! its new index, gold whose text went is parked. Then the document's
//! cases join the queue and, unless `--review-unanimous`, its unanimous
//! paragraphs go to gold ([`auto_gold`]: written, or withdrawn where they
//! are no longer unanimous) — all of it as changes on the save queue, in
//! order.
//!
//! While reading, the keys work on the cases read so far; the queue
//! grows as documents come (in its order: most disagreement first, ties
//! in corpus order, as if everything had been read first), the case on
//! screen stays on screen. Counts are of what has been read; the status
//! line says `reading 340/1000 files`; once every file is in, the message
//! line says what went to gold ([`AutoGold::report`]).

use super::model::Model;
use super::model::Sort;
use crate::attach::Slot;
use crate::corpus::background::Batch;
use crate::review::queue::{auto_gold, cases, is_auto, Case, Decider};
use crate::store::Shelf;
use crate::text::count::plural;
use crate::tui::effect::Effect;
use crate::tui::reading::{Progress, Waiting};
use std::cmp::Ordering;

/// How far reading has got, and the labels waiting for documents not read
/// yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub progress: Progress,
    /// Each annotator's labels, in the order of the model's annotators.
    pub annotators: Vec<Waiting>,
    /// The gold set's.
    pub gold: Waiting,
    /// Unanimous paragraphs go to gold as they arrive, decided at this
    /// time (RFC 3339: when the screen opened); None with
    /// `--review-unanimous` (they join the queue).
    pub auto_at: Option<String>,
}

impl Reading {
    /// Reading `files` files, with each annotator's stored labels and the
    /// gold set's to place.
    pub fn new<S: Into<Shelf>>(
        files: usize,
        annotators: Vec<S>,
        gold: impl Into<Shelf>,
        auto_at: Option<String>,
    ) -> Reading {
        Reading {
            progress: Progress::new(files),
            annotators: annotators.into_iter().map(Waiting::new).collect(),
            gold: Waiting::new(gold),
            auto_at,
        }
    }

    /// `reading 340/1000 files`.
    pub fn status(&self) -> String {
        self.progress.status()
    }
}

/// What the automatic gold of unanimous paragraphs did this session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AutoGold {
    /// Unanimous paragraphs written to gold (new or rewritten).
    pub added: usize,
    /// Automatic gold withdrawn: the paragraph is no longer unanimous.
    pub withdrawn: usize,
}

impl AutoGold {
    /// `12 unanimous paragraphs written to gold`, `1 paragraph no longer
    /// unanimous: back in the queue` (what happened, only).
    pub fn report(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.added > 0 {
            lines.push(format!(
                "{} written to gold",
                plural(self.added, "unanimous paragraph")
            ));
        }
        if self.withdrawn > 0 {
            lines.push(format!(
                "{} no longer unanimous: back in the queue",
                plural(self.withdrawn, "paragraph")
            ));
        }
        lines
    }
}

/// Documents read: add them, their labels and gold, their cases; the
/// store changes that asks for are queued.
pub fn arrive(model: &mut Model, batch: Batch) -> Vec<Effect> {
    let Some(mut reading) = model.reading.take() else {
        return Vec::new();
    };
    reading.progress.advance(&batch);
    let known = model.cases.len();
    let incoming = batch.documents.iter().map(|d| d.paragraphs.len()).sum();
    let room = reading.progress.room(
        model.paragraphs.len(),
        model.paragraphs.capacity(),
        incoming,
    );
    model.paragraphs.reserve_exact(room);
    model.gold.reserve_exact(room);
    let mut effects = Vec::new();
    for document in batch.documents {
        if document.paragraphs.is_empty() {
            continue;
        }
        let base = model.paragraphs.len();
        let labels: Vec<Vec<Slot>> = reading
            .annotators
            .iter_mut()
            .map(|waiting| waiting.place(&document.paragraphs).0.labels)
            .collect();
        let (gold, changes) = reading.gold.place(&document.paragraphs);
        model.paragraphs.extend(document.paragraphs);
        model.gold.extend(gold.labels);
        effects.extend(model.ledger().store(changes));
        let mut found = cases(&labels);
        if let Some(at) = &reading.auto_at {
            effects.extend(write_auto_gold(model, &found, base, at));
        }
        model.unanimous_gold += model.gold[base..]
            .iter()
            .flatten()
            .filter(|g| is_auto(g))
            .count();
        let review_unanimous = reading.auto_at.is_none();
        found.retain(|c| review_unanimous || !c.is_settled());
        for case in &mut found {
            case.index += base;
        }
        model.cases.extend(found);
    }
    if model.cases.len() > known {
        grow_order(model, known);
    }
    if batch.done {
        let gone = reading.gold.gone();
        effects.extend(model.ledger().store(gone));
        // Said in place of what the message said while reading (which
        // may be of the queue as read then).
        let report = model.auto.report();
        if !report.is_empty() {
            model.message = Some(report.join("; "));
        }
    } else {
        model.reading = Some(reading);
    }
    effects
}

/// The automatic gold of one document's `found` cases (paragraph indices
/// from the document's first, `base`), written as decisions are.
fn write_auto_gold(model: &mut Model, found: &[Case], base: usize, at: &str) -> Vec<Effect> {
    let by = Decider {
        reviewer: &model.reviewer,
        at,
        duration_ms: 0,
    };
    let writes = auto_gold(
        found,
        &model.annotators,
        &model.paragraphs[base..],
        &model.gold[base..],
        by,
    );
    let writes = writes
        .into_iter()
        .map(|(i, label)| {
            let action = match label {
                Some(_) => {
                    model.auto.added += 1;
                    "unanimous"
                }
                None => {
                    model.auto.withdrawn += 1;
                    "unanimous-withdrawn"
                }
            };
            (base + i, label, action)
        })
        .collect();
    model.ledger().persist_all(writes)
}

/// Cases `known..` have joined: into the queue's order, the case on
/// screen kept there (or, on a queue that was empty, the first undecided
/// one shown).
fn grow_order(model: &mut Model, known: usize) {
    let current = model.order.get(model.pos).copied();
    let new = known..model.cases.len();
    model.order = match model.sort {
        Sort::Corpus => model.order.iter().copied().chain(new).collect(),
        Sort::Disagreement => {
            let cmp = |a: usize, b: usize| by_disagreement(&model.cases, a, b);
            let mut fresh: Vec<usize> = new.collect();
            fresh.sort_by(|&a, &b| cmp(a, b));
            merge(&model.order, &fresh, cmp)
        }
    };
    match current.and_then(|c| model.order.iter().position(|&o| o == c)) {
        Some(pos) => model.pos = pos,
        None => {
            model.pos = (0..model.order.len())
                .find(|&p| !model.is_decided(model.order[p]) && model.visible(p))
                .unwrap_or(0);
            model.scroll = 0;
            model.mark_ms = model.now_ms;
            model.draft = model.fresh_draft();
        }
    }
}

/// [`crate::review::queue::by_disagreement`]'s order of two cases: most
/// disagreement first, ties in corpus order.
fn by_disagreement(cases: &[Case], a: usize, b: usize) -> Ordering {
    cases[b]
        .disagreement
        .total_cmp(&cases[a].disagreement)
        .then(a.cmp(&b))
}

/// Two sorted runs as one.
fn merge(a: &[usize], b: &[usize], cmp: impl Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if cmp(a[i], b[j]) == Ordering::Greater {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests;
