//! The stats the page is drawn for: Chinese names (one with markup), a gold
//! set, a document named like a script; and twelve annotators.

use biaozhu::review::report::{Confusion, Pair, PerLabel};
use biaozhu::stats::{
    AnnotatorStats, DocCounts, DocProgress, GoldProgress, Stats, VersusGoldStats,
    HISTOGRAM_BOUNDS_MS,
};
use std::collections::BTreeMap;

pub const SECTIONS: [&str; 6] = [
    "标题",
    "工作成效",
    "主要做法",
    "问题与不足（下一步）",
    "下一步打算",
    "其他：附件、说明",
];
pub const INDICATORS: [&str; 4] = [
    "家庭医生签约率",
    "孕产妇系统管理率",
    "疫苗接种率（%）",
    "床位数",
];
pub const ANNOTATORS: [&str; 3] = ["张三", "李四", "王<b>&五"];

fn counts<T: Clone>(names: &[&str], values: &[T]) -> BTreeMap<String, T> {
    names
        .iter()
        .zip(values.iter().cycle())
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect()
}

fn annotator(i: usize, name: &str) -> AnnotatorStats {
    let sections: Vec<usize> = [12, 30, 25, 8, 6, 3]
        .iter()
        .map(|n| n * (i % 4 + 2) / 2)
        .collect();
    let labeled = sections.iter().sum::<usize>() + 4;
    AnnotatorStats {
        name: name.to_string(),
        labeled,
        done: labeled - 3 * (i % 4),
        orphaned: i,
        sections: counts(&SECTIONS, &sections),
        no_section: 4,
        indicators: counts(&INDICATORS, &[9 + i, 4, 7, 2]),
        no_indicator: labeled / 2,
        timed: labeled - 2,
        median_ms: Some(6_400 + 2_100 * i as u64),
        p90_ms: Some(24_000 + 9_000 * i as u64),
        histogram: [3, 14, 25, 19, 8, 6, 2, 1]
            .iter()
            .map(|n| n * (i + 1) + i)
            .collect(),
        last_labeled: Some(format!("2026-12-0{}T17:{:02}:00Z", 1 + i % 3, 40 + i)),
        per_day: [
            ("2026-11-24", 10),
            ("2026-11-25", 22),
            ("2026-11-27", 15),
            ("2026-12-01", 30),
        ]
        .iter()
        .skip(i % 3)
        .map(|(d, n)| (d.to_string(), n * (i % 5 + 1) + i))
        .collect(),
        agreement_with_others: Some(0.71 + 0.02 * (i % 5) as f64),
        gold: Some(VersusGoldStats {
            items: 40 + i,
            agreement: Some(0.8),
            kappa: Some(0.74 - 0.05 * i as f64),
        }),
    }
}

fn confusion(diagonal: u64) -> Confusion {
    let k = SECTIONS.len();
    Confusion {
        categories: SECTIONS.iter().map(|s| s.to_string()).collect(),
        counts: (0..k)
            .map(|r| {
                (0..k)
                    .map(|c| match (r, c) {
                        _ if r == c => diagonal * (k - r) as u64,
                        (1, 2) | (2, 1) => 17,
                        (3, 4) | (4, 3) => 6,
                        _ => ((r + c) % 2) as u64,
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Three annotators with Chinese names (one with markup in it), section
/// and indicator names with full-width punctuation, a gold set, per
/// document progress with a document named like a script.
pub fn stats() -> Stats {
    let annotators: Vec<AnnotatorStats> = ANNOTATORS
        .iter()
        .enumerate()
        .map(|(i, n)| annotator(i, n))
        .collect();
    let pair = |a: usize, b: usize, kappa: Option<f64>| Pair {
        a: ANNOTATORS[a].to_string(),
        b: ANNOTATORS[b].to_string(),
        items: 60 + a + b,
        percent_agreement: Some(0.78),
        cohen_kappa: kappa,
    };
    let alphas = [Some(0.86), Some(0.7), Some(0.41), None];
    let indicator_agreement = INDICATORS
        .iter()
        .zip(alphas)
        .map(|(n, krippendorff_alpha)| {
            let items = if krippendorff_alpha.is_some() { 58 } else { 1 };
            (
                n.to_string(),
                PerLabel {
                    items,
                    krippendorff_alpha,
                },
            )
        })
        .collect();
    let doc = |doc: &str, paragraphs: usize, labeled: usize| DocProgress {
        doc: doc.to_string(),
        paragraphs,
        annotators: (0..3)
            .map(|i| DocCounts {
                labeled: labeled - i,
                done: labeled - 2 * i,
            })
            .collect(),
    };
    Stats {
        zh: Default::default(),
        paragraphs: 420,
        documents: 3,
        section_names: SECTIONS.iter().map(|s| s.to_string()).collect(),
        indicator_names: INDICATORS.iter().map(|s| s.to_string()).collect(),
        histogram_bounds_ms: HISTOGRAM_BOUNDS_MS.to_vec(),
        annotators,
        pairs: vec![
            pair(0, 1, Some(0.72)),
            pair(0, 2, Some(0.55)),
            pair(1, 2, None),
        ],
        confusion: confusion(20),
        gold_confusion: Some(confusion(9)),
        indicator_agreement,
        suggestions: Default::default(),
        gold: GoldProgress {
            exists: true,
            labels: 96,
            unanimous: 70,
            queue: 41,
            decided: 26,
            left: 15,
        },
        by_doc: Some(vec![
            doc("2023年某区卫生健康工作报告.txt", 180, 120),
            doc("报告<script>alert(1)</script>.txt", 140, 60),
            doc("乙市卫健委：工作总结（2024）.txt", 100, 12),
        ]),
    }
}

/// Twelve annotators, fourteen section types.
pub fn many() -> Stats {
    let mut stats = stats();
    let names: Vec<String> = (0..12).map(|i| format!("标注员{:02}号", i + 1)).collect();
    stats.annotators = names
        .iter()
        .enumerate()
        .map(|(i, n)| annotator(i, n))
        .collect();
    let more: Vec<String> = (0..8).map(|i| format!("附加类型{i}（示例）")).collect();
    stats.section_names.extend(more.iter().cloned());
    for (i, a) in stats.annotators.iter_mut().enumerate() {
        for (j, s) in more.iter().enumerate() {
            a.sections.insert(s.clone(), (i + j) % 7);
        }
    }
    stats.pairs.clear();
    stats.by_doc = None;
    stats
}
