//! The agreement report: the figures of DESIGN.md §1 (`agree --json`) plus
//! a confusion table of section types and per-annotator figures. Pure: built
//! from `Items` and the labels.

use super::agreement::{
    cohen_kappa, confusion, fleiss_kappa, krippendorff_alpha, krippendorff_alpha_nominal,
    krippendorff_alpha_presence, masi_distance, percent_agreement,
};
use super::items::Items;
use super::span_agreement::{span_figures, SpanFigures};
use super::votes::{Vote, Votes};
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
    /// Against the gold set ([`super::gold`]; all `None` when there is
    /// none): paragraphs where both this annotator and gold have a section
    /// type,
    pub gold_items: Option<usize>,
    /// the share of those where this annotator's is gold's,
    pub gold_agreement: Option<f64>,
    /// and Cohen's kappa annotator vs gold.
    pub gold_kappa: Option<f64>,
}

/// Field order and names follow DESIGN.md; `confusion` and `per_annotator`
/// are additions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub annotators: Vec<String>,
    pub section: SectionFigures,
    pub indicators: IndicatorFigures,
    /// Agreement on spans ([`super::span_agreement`]).
    pub spans: SpanFigures,
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

/// The section ratings of annotators `a` < `b` on the items both rated.
struct PairRatings {
    a: usize,
    b: usize,
    ratings: Vec<(u32, u32)>,
    /// How many of `ratings` agree.
    agree: usize,
}

/// Every pair of annotators, in order (alice/bob, alice/carol, bob/carol).
fn pair_ratings(items: &Items) -> Vec<PairRatings> {
    let n = items.annotators.len();
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let ratings: Vec<(u32, u32)> = items
                .section_ratings
                .iter()
                .filter_map(|r| Some((r[a]?, r[b]?)))
                .collect();
            let agree = ratings.iter().filter(|(x, y)| x == y).count();
            out.push(PairRatings {
                a,
                b,
                ratings,
                agree,
            });
        }
    }
    out
}

fn pairs(items: &Items, by_pair: &[PairRatings]) -> Vec<Pair> {
    by_pair
        .iter()
        .map(|p| Pair {
            a: items.annotators[p.a].clone(),
            b: items.annotators[p.b].clone(),
            items: p.ratings.len(),
            percent_agreement: (!p.ratings.is_empty())
                .then(|| p.agree as f64 / p.ratings.len() as f64),
            cohen_kappa: cohen_kappa(&p.ratings),
        })
        .collect()
}

/// Each pair's confusion counts in both orders: the table plus its transpose.
fn confusion_table(items: &Items, by_pair: &[PairRatings]) -> Confusion {
    let k = items.sections.len();
    let mut counts = vec![vec![0u64; k]; k];
    for p in by_pair {
        for (x, row) in confusion(&p.ratings, k).iter().enumerate() {
            for (y, &c) in row.iter().enumerate() {
                counts[x][y] += c;
                counts[y][x] += c;
            }
        }
    }
    Confusion {
        categories: items.sections.clone(),
        counts,
    }
}

fn per_label(items: &Items) -> BTreeMap<String, PerLabel> {
    let alphas = krippendorff_alpha_presence(&items.indicator_ratings, items.indicators.len());
    items
        .indicators
        .iter()
        .zip(alphas)
        .map(|(name, krippendorff_alpha)| {
            let figures = PerLabel {
                items: items.indicator_ratings.len(),
                krippendorff_alpha,
            };
            (name.clone(), figures)
        })
        .collect()
}

fn median(mut values: Vec<u64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    // The middle value(s) by selection, not a sort: linear time.
    let even = values.len().is_multiple_of(2);
    let mid = values.len() / 2;
    let (below, &mut upper, _) = values.select_nth_unstable(mid);
    let m = match below.iter().max() {
        Some(&lower) if even => (lower + upper) as f64 / 2.0,
        _ => upper as f64,
    };
    Some(m / 1000.0)
}

fn annotator_figures(
    items: &Items,
    votes: &Votes,
    by_pair: &[PairRatings],
) -> Vec<AnnotatorFigures> {
    items
        .annotators
        .iter()
        .enumerate()
        .map(|(a, name)| {
            let mine: Vec<&Vote> = votes.sheets[a]
                .iter()
                .flatten()
                .filter(|v| v.section.is_some())
                .collect();
            let (mut agree, mut total) = (0usize, 0usize);
            for p in by_pair.iter().filter(|p| p.a == a || p.b == a) {
                agree += p.agree;
                total += p.ratings.len();
            }
            AnnotatorFigures {
                annotator: name.clone(),
                labels: mine.len(),
                done: mine.iter().filter(|v| v.done).count(),
                median_seconds: median(mine.iter().filter_map(|v| v.duration_ms).collect()),
                agreement_with_others: (total > 0).then(|| agree as f64 / total as f64),
                gold_items: None,
                gold_agreement: None,
                gold_kappa: None,
            }
        })
        .collect()
}

/// All figures, from `items` and the votes they were built from. The
/// independent figures are computed side by side on the pool (a million
/// items take a second on one core).
pub fn report(items: &Items, votes: &Votes) -> Report {
    let by_pair = pair_ratings(items);
    let by_pair = &by_pair;
    let section = || SectionFigures {
        items: items.section_ratings.len(),
        percent_agreement: percent_agreement(&items.section_ratings),
        fleiss_kappa: fleiss_kappa(&items.section_ratings),
        krippendorff_alpha: krippendorff_alpha_nominal(&items.section_ratings),
        pairs: pairs(items, by_pair),
    };
    let masi_alpha = || krippendorff_alpha(&items.indicator_ratings, |a, b| masi_distance(a, b));
    let rest = || {
        (
            per_label(items),
            annotator_figures(items, votes, by_pair),
            confusion_table(items, by_pair),
        )
    };
    let ((section, spans), (masi_alpha, (per_label, per_annotator, confusion))) = rayon::join(
        || rayon::join(section, || span_figures(votes)),
        || rayon::join(masi_alpha, rest),
    );
    Report {
        annotators: items.annotators.clone(),
        section,
        indicators: IndicatorFigures {
            masi_alpha,
            per_label,
        },
        spans,
        per_annotator,
        confusion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three annotators, two section types: items (x x y), (y - y), (x y -).
    fn items() -> Items {
        Items {
            annotators: vec!["a".into(), "b".into(), "c".into()],
            sections: vec!["x".into(), "y".into()],
            paragraphs: vec![0, 1, 2],
            section_ratings: vec![
                vec![Some(0), Some(0), Some(1)],
                vec![Some(1), None, Some(1)],
                vec![Some(0), Some(1), None],
            ],
            indicator_ratings: vec![vec![None; 3]; 3],
            ..Items::default()
        }
    }

    #[test]
    fn median_of_durations_in_seconds() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3000]), Some(3.0));
        assert_eq!(median(vec![5000, 1000, 3000]), Some(3.0));
        assert_eq!(median(vec![4000, 1000, 3000, 2000]), Some(2.5));
        assert_eq!(median(vec![9, 1, 9, 1, 5, 5]), Some(0.005));
    }

    #[test]
    fn pairs_confusion_and_agreement_with_others() {
        let votes = Votes {
            sheets: vec![vec![]; 3],
            ..Votes::default()
        };
        let r = report(&items(), &votes);
        let pairs: Vec<(&str, &str, usize, Option<f64>)> = r
            .section
            .pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str(), p.items, p.percent_agreement))
            .collect();
        assert_eq!(
            pairs,
            [
                ("a", "b", 2, Some(0.5)),
                ("a", "c", 2, Some(0.5)),
                ("b", "c", 1, Some(0.0))
            ]
        );
        // Every ordered pair of annotators on every item: item 1 gives
        // x/x twice, x/y and y/x twice each; item 2 y/y twice; item 3 x/y, y/x.
        assert_eq!(r.confusion.counts, vec![vec![2, 3], vec![3, 2]]);
        let with_others: Vec<Option<f64>> = r
            .per_annotator
            .iter()
            .map(|a| a.agreement_with_others)
            .collect();
        assert_eq!(with_others, [Some(0.5), Some(1.0 / 3.0), Some(1.0 / 3.0)]);
    }
}
