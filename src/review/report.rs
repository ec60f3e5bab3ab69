//! The agreement report: the figures of DESIGN.md §1 (`agree --json`) plus
//! a confusion table of section types and per-annotator figures. Pure: built
//! from `Items` and the labels.

use super::agreement::{
    cohen_kappa, confusion, fleiss_kappa, krippendorff_alpha, krippendorff_alpha_nominal,
    masi_distance, percent_agreement, Ratings,
};
use super::items::Items;
use crate::store::Label;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub items: usize,
    pub percent_agreement: Option<f64>,
    pub cohen_kappa: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionFigures {
    pub items: usize,
    pub percent_agreement: Option<f64>,
    pub fleiss_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
    pub pairs: Vec<Pair>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerLabel {
    pub items: usize,
    pub krippendorff_alpha: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorFigures {
    pub masi_alpha: Option<f64>,
    pub per_label: BTreeMap<String, PerLabel>,
}

/// One annotator's own figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotatorFigures {
    pub annotator: String,
    /// Paragraphs with a section type.
    pub labels: usize,
    /// Paragraphs accepted (Enter).
    pub done: usize,
    /// Median time spent per labeled paragraph, seconds.
    pub median_seconds: Option<f64>,
    /// Share of this annotator's section ratings that agree with another
    /// annotator's on the same item, over all such pairs.
    pub agreement_with_others: Option<f64>,
}

/// Field order and names follow DESIGN.md; `confusion` and `per_annotator`
/// are additions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub annotators: Vec<String>,
    pub section: SectionFigures,
    pub indicators: IndicatorFigures,
    pub per_annotator: Vec<AnnotatorFigures>,
    pub confusion: Confusion,
}

/// Section types against section types, counted over every pair of
/// annotators on every item (both orders, so the table is symmetric).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    pub categories: Vec<String>,
    pub counts: Vec<Vec<u64>>,
}

fn pair_ratings(rows: &[Ratings], a: usize, b: usize) -> Vec<(u32, u32)> {
    rows.iter().filter_map(|r| Some((r[a]?, r[b]?))).collect()
}

fn pairs(items: &Items) -> Vec<Pair> {
    let n = items.annotators.len();
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let both = pair_ratings(&items.section_ratings, a, b);
            let agree = both.iter().filter(|(x, y)| x == y).count();
            out.push(Pair {
                a: items.annotators[a].clone(),
                b: items.annotators[b].clone(),
                items: both.len(),
                percent_agreement: (!both.is_empty()).then(|| agree as f64 / both.len() as f64),
                cohen_kappa: cohen_kappa(&both),
            });
        }
    }
    out
}

fn confusion_table(items: &Items) -> Confusion {
    let k = items.sections.len();
    let mut counts = vec![vec![0u64; k]; k];
    let n = items.annotators.len();
    for a in 0..n {
        for b in 0..n {
            if a == b {
                continue;
            }
            let table = confusion(&pair_ratings(&items.section_ratings, a, b), k);
            for (row, add) in counts.iter_mut().zip(table) {
                for (c, x) in row.iter_mut().zip(add) {
                    *c += x;
                }
            }
        }
    }
    Confusion {
        categories: items.sections.clone(),
        counts,
    }
}

fn per_label(items: &Items) -> BTreeMap<String, PerLabel> {
    items
        .indicators
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let rows: Vec<Ratings> = items
                .indicator_ratings
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|set| set.as_ref().map(|s| u32::from(s.contains(&(i as u32)))))
                        .collect()
                })
                .collect();
            let figures = PerLabel {
                items: rows.len(),
                krippendorff_alpha: krippendorff_alpha_nominal(&rows),
            };
            (name.clone(), figures)
        })
        .collect()
}

fn median(mut values: Vec<u64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    let m = if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    } else {
        values[mid] as f64
    };
    Some(m / 1000.0)
}

fn annotator_figures(items: &Items, labels: &[Vec<Option<Label>>]) -> Vec<AnnotatorFigures> {
    items
        .annotators
        .iter()
        .enumerate()
        .map(|(a, name)| {
            let mine: Vec<&Label> = labels[a]
                .iter()
                .flatten()
                .filter(|l| l.section.is_some())
                .collect();
            let (mut agree, mut total) = (0usize, 0usize);
            for row in &items.section_ratings {
                let Some(x) = row[a] else { continue };
                for (b, y) in row.iter().enumerate() {
                    if b != a {
                        if let Some(y) = y {
                            total += 1;
                            agree += usize::from(x == *y);
                        }
                    }
                }
            }
            AnnotatorFigures {
                annotator: name.clone(),
                labels: mine.len(),
                done: mine.iter().filter(|l| l.done).count(),
                median_seconds: median(mine.iter().map(|l| l.duration_ms).collect()),
                agreement_with_others: (total > 0).then(|| agree as f64 / total as f64),
            }
        })
        .collect()
}

/// All figures. `labels[a]` is annotator `a`'s labels, parallel to the
/// corpus paragraphs (the same data `items` was built from).
pub fn report(items: &Items, labels: &[Vec<Option<Label>>]) -> Report {
    Report {
        annotators: items.annotators.clone(),
        section: SectionFigures {
            items: items.section_ratings.len(),
            percent_agreement: percent_agreement(&items.section_ratings),
            fleiss_kappa: fleiss_kappa(&items.section_ratings),
            krippendorff_alpha: krippendorff_alpha_nominal(&items.section_ratings),
            pairs: pairs(items),
        },
        indicators: IndicatorFigures {
            masi_alpha: krippendorff_alpha(&items.indicator_ratings, masi_distance),
            per_label: per_label(items),
        },
        per_annotator: annotator_figures(items, labels),
        confusion: confusion_table(items),
    }
}
