//! `biaozhu stats`: where the labeling stands. [`Stats`] is the one
//! document every output is drawn from (`--json` writes it as it is; the
//! text report and the HTML page render it); [`figures`] computes it from
//! the votes, purely.

pub mod figures;
#[cfg(test)]
mod fixture;
pub mod html;
pub mod suggested;
pub mod text;

use crate::review::report::{Confusion, Pair, PerLabel};
use serde::Serialize;
use std::collections::BTreeMap;

/// The upper bounds (exclusive, in ms) of the time-per-paragraph histogram's
/// buckets; the last bucket has no upper bound (2 min and more: the screen
/// caps each idle gap at 2 min, so only several visits or imports get there).
pub const HISTOGRAM_BOUNDS_MS: [u64; 7] = [2_000, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000];

/// Everything `biaozhu stats` reports. Field names are stable (README,
/// "stats --json").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Paragraphs in the corpus as read now.
    pub paragraphs: usize,
    /// Documents in the corpus.
    pub documents: usize,
    /// Section type names: the schema's in order, then names only labels
    /// use, sorted. Charts and tables use this order.
    pub section_names: Vec<String>,
    /// Indicator names, ordered like `section_names`.
    pub indicator_names: Vec<String>,
    /// The schema's Chinese display name (`zh`) of each section type and
    /// indicator it defines, by name.
    pub zh: BTreeMap<String, String>,
    /// The histogram buckets' upper bounds (ms), as [`HISTOGRAM_BOUNDS_MS`].
    pub histogram_bounds_ms: Vec<u64>,
    pub annotators: Vec<AnnotatorStats>,
    /// Cohen's kappa on section types per pair of annotators.
    pub pairs: Vec<Pair>,
    /// Section types against section types over every pair of annotators
    /// (both orders: symmetric).
    pub confusion: Confusion,
    /// Gold's section type (rows) against each annotator's (columns),
    /// summed over annotators; None without a gold set.
    pub gold_confusion: Option<Confusion>,
    /// Per indicator: items and Krippendorff's alpha on present/absent.
    pub indicator_agreement: BTreeMap<String, PerLabel>,
    pub gold: GoldProgress,
    /// Labels made with suggestions against labels made without.
    pub suggestions: suggested::SuggestionStats,
    /// Per document, with `--by-doc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_doc: Option<Vec<DocProgress>>,
}

impl Stats {
    /// The confusion tables: between annotators, and against gold when
    /// there is a gold set.
    pub fn confusion_tables_mut(&mut self) -> impl Iterator<Item = &mut Confusion> {
        std::iter::once(&mut self.confusion).chain(self.gold_confusion.as_mut())
    }
}

/// One annotator's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotatorStats {
    pub name: String,
    /// Paragraphs of the corpus with a label that says something (a section
    /// type, an indicator or a span).
    pub labeled: usize,
    /// Of those and any other, the accepted ones (Enter).
    pub done: usize,
    /// Labels on text no longer in the corpus (moved away or parked).
    pub orphaned: usize,
    /// Labeled paragraphs per section type (every name in `section_names`,
    /// zeros included, so a type never chosen shows).
    pub sections: BTreeMap<String, usize>,
    /// Labeled paragraphs without a section type.
    pub no_section: usize,
    /// Labeled paragraphs per indicator (every name in `indicator_names`).
    pub indicators: BTreeMap<String, usize>,
    /// Labeled paragraphs with no indicator.
    pub no_indicator: usize,
    /// Labels with a known time spent (`duration_ms` not null).
    pub timed: usize,
    pub median_ms: Option<u64>,
    pub p90_ms: Option<u64>,
    /// Labels per time bucket (see `histogram_bounds_ms`; one more bucket
    /// than bounds).
    pub histogram: Vec<usize>,
    /// The latest `updated_at` of any of this annotator's labels (RFC 3339).
    pub last_labeled: Option<String>,
    /// Labels by the UTC day of their last change (`YYYY-MM-DD`).
    pub per_day: BTreeMap<String, usize>,
    /// Share of section ratings shared with another annotator that agree.
    pub agreement_with_others: Option<f64>,
    /// This annotator against the gold set; None without one.
    pub gold: Option<VersusGoldStats>,
}

/// An annotator against the gold set, on paragraphs where both have a
/// section type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct VersusGoldStats {
    pub items: usize,
    pub agreement: Option<f64>,
    pub kappa: Option<f64>,
}

/// How far the gold set is. `queue` is the review queue as `biaozhu review`
/// opens it (disagreements, flagged and noted paragraphs); `unanimous`
/// paragraphs go to gold without a reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GoldProgress {
    /// Whether `labels/gold.sled` exists.
    pub exists: bool,
    /// Gold labels on corpus paragraphs.
    pub labels: usize,
    /// Paragraphs labeled alike by two or more annotators, unflagged,
    /// without notes.
    pub unanimous: usize,
    /// Paragraphs in the review queue.
    pub queue: usize,
    /// Of the queue, decided by a reviewer.
    pub decided: usize,
    /// Of the queue, not decided yet.
    pub left: usize,
}

/// One document's progress (`--by-doc`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocProgress {
    pub doc: String,
    pub paragraphs: usize,
    /// Per annotator, in the order of `Stats::annotators`.
    pub annotators: Vec<DocCounts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DocCounts {
    pub labeled: usize,
    pub done: usize,
}
