//! Made-up stats for the tests.

use crate::review::report::{Confusion, Pair, PerLabel};
use crate::stats::{AnnotatorStats, GoldProgress, Stats, VersusGoldStats, HISTOGRAM_BOUNDS_MS};

/// `annotators` annotators labeling `sections` section types (and as
/// many indicators) over `days` days.
pub fn stats(annotators: usize, sections: usize, days: usize) -> Stats {
    let section_names: Vec<String> = (0..sections).map(|i| format!("类型{i}")).collect();
    let indicator_names: Vec<String> = (0..sections).map(|i| format!("指标{i}")).collect();
    let annotators: Vec<AnnotatorStats> = (0..annotators)
        .map(|a| AnnotatorStats {
            name: format!("标注员{a}"),
            labeled: 10 * (a + 1),
            done: 8 * (a + 1),
            orphaned: a % 2,
            sections: section_names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.clone(), (a + i) % 4))
                .collect(),
            no_section: a % 3,
            indicators: indicator_names.iter().map(|n| (n.clone(), a)).collect(),
            no_indicator: 1,
            timed: 9,
            median_ms: Some(4_000 + 500 * a as u64),
            p90_ms: Some(25_000),
            histogram: (0..=HISTOGRAM_BOUNDS_MS.len())
                .map(|b| (a + b) % 5)
                .collect(),
            last_labeled: Some("2026-12-01T09:00:00Z".into()),
            per_day: (0..days)
                .map(|d| (format!("2026-12-{:02}", d + 1), a + d))
                .collect(),
            agreement_with_others: Some(0.75),
            gold: Some(VersusGoldStats {
                items: 5,
                agreement: Some(0.8),
                kappa: Some(0.7),
            }),
        })
        .collect();
    let names: Vec<&String> = annotators.iter().map(|a| &a.name).collect();
    let pairs = names
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            names[i + 1..].iter().map(move |b| Pair {
                a: a.to_string(),
                b: b.to_string(),
                items: 6,
                percent_agreement: Some(0.5),
                cohen_kappa: Some(0.4),
            })
        })
        .collect();
    let confusion = Confusion {
        categories: section_names.clone(),
        counts: (0..sections)
            .map(|r| {
                (0..sections)
                    .map(|c| if r == c { 9 } else { ((r + c) % 3) as u64 })
                    .collect()
            })
            .collect(),
    };
    Stats {
        zh: Default::default(),
        paragraphs: 500,
        documents: 5,
        indicator_agreement: indicator_names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let alpha = (i % 3 != 2).then_some(0.9 - 0.25 * i as f64);
                (
                    n.clone(),
                    PerLabel {
                        items: 20,
                        krippendorff_alpha: alpha,
                    },
                )
            })
            .collect(),
        section_names,
        indicator_names,
        histogram_bounds_ms: HISTOGRAM_BOUNDS_MS.to_vec(),
        pairs,
        gold_confusion: (!annotators.is_empty()).then(|| confusion.clone()),
        confusion,
        annotators,
        suggestions: Default::default(),
        gold: GoldProgress {
            exists: true,
            labels: 40,
            unanimous: 30,
            queue: 12,
            decided: 5,
            left: 7,
        },
        by_doc: None,
    }
}
