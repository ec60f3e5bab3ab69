//! [`Stats`] from the votes and the agreement report. Pure.
//!
//! Definitions (the README's "stats" section says the same):
//! - *labeled*: a paragraph whose label says something (a section type, an
//!   indicator or a span); *done*: an accepted label.
//! - *median*: of the known times (`duration_ms` not null), the middle
//!   one, or the mean of the two middle ones rounded down; *p90*: the
//!   nearest-rank 90th percentile (the smallest time at least 90 % of the
//!   times are at most).
//! - *per day*: labeled paragraphs by the UTC day of their last change.
//! - the review queue and gold progress follow `biaozhu review`: a
//!   paragraph is in the queue when it is flagged or has a note, or two or
//!   more annotators labeled it and not all alike; it is *unanimous* when
//!   two or more labeled it all alike, unflagged and without notes (it goes
//!   to gold without a reviewer); a queue paragraph is *decided* when the
//!   gold set holds a reviewer's label for it.

use super::{
    AnnotatorStats, DocCounts, DocProgress, GoldProgress, Stats, VersusGoldStats,
    HISTOGRAM_BOUNDS_MS,
};
use crate::review::gold::versus_gold;
use crate::review::report::{Confusion, Report};
use crate::review::votes::{Marks, Sheet, Vote, Votes};
use std::collections::{BTreeMap, HashMap};

/// What the stats are computed from besides the votes.
pub struct Inputs<'a> {
    pub votes: &'a Votes,
    /// The agreement figures of `votes` (`review::report::report`, with
    /// `add_gold`).
    pub report: &'a Report,
    /// The corpus documents in order, with their paragraph counts (the
    /// sheets are parallel to their paragraphs, one document after another).
    pub docs: &'a [(String, usize)],
    pub gold_exists: bool,
    /// The schema's display names (`zh`) by name.
    pub zh: BTreeMap<String, String>,
    /// Per document figures too (`--by-doc`).
    pub by_doc: bool,
}

pub fn stats(inputs: &Inputs) -> Stats {
    let votes = inputs.votes;
    let report = inputs.report;
    let paragraphs = inputs.docs.iter().map(|(_, n)| n).sum();
    let annotators = votes
        .sheets
        .iter()
        .enumerate()
        .map(|(a, sheet)| annotator(votes, report, a, sheet))
        .collect();
    Stats {
        paragraphs,
        documents: inputs.docs.len(),
        section_names: votes.sections.clone(),
        indicator_names: votes.indicators.clone(),
        zh: inputs.zh.clone(),
        histogram_bounds_ms: HISTOGRAM_BOUNDS_MS.to_vec(),
        annotators,
        pairs: report.section.pairs.clone(),
        confusion: report.confusion.clone(),
        gold_confusion: votes
            .gold
            .as_ref()
            .map(|gold| gold_confusion(&votes.sections, &votes.sheets, gold)),
        indicator_agreement: report.indicators.per_label.clone(),
        gold: gold_progress(votes, inputs.gold_exists),
        suggestions: super::suggested::suggestion_stats(votes),
        by_doc: inputs.by_doc.then(|| by_doc(inputs.docs, &votes.sheets)),
    }
}

fn annotator(votes: &Votes, report: &Report, a: usize, sheet: &Sheet) -> AnnotatorStats {
    let labeled: Vec<&Vote> = sheet
        .iter()
        .flatten()
        .filter(|v| v.says_something())
        .collect();
    let mut sections = vec![0usize; votes.sections.len()];
    let mut indicators = vec![0usize; votes.indicators.len()];
    let mut days: HashMap<u32, usize> = HashMap::new();
    let (mut no_section, mut no_indicator) = (0, 0);
    for v in &labeled {
        match v.section {
            Some(s) => sections[s as usize] += 1,
            None => no_section += 1,
        }
        for &i in &v.indicators {
            indicators[i as usize] += 1;
        }
        no_indicator += usize::from(v.indicators.is_empty());
        if v.at > 0 {
            *days.entry(v.at / 86_400).or_default() += 1;
        }
    }
    let mut times: Vec<u64> = sheet
        .iter()
        .flatten()
        .filter_map(|v| v.duration_ms)
        .collect();
    times.sort_unstable();
    let last = sheet
        .iter()
        .flatten()
        .map(|v| v.at)
        .max()
        .filter(|&at| at > 0);
    let named = |names: &[String], counts: Vec<usize>| -> BTreeMap<String, usize> {
        names.iter().cloned().zip(counts).collect()
    };
    let figures = report
        .per_annotator
        .iter()
        .find(|f| f.annotator == votes.annotators[a]);
    AnnotatorStats {
        name: votes.annotators[a].clone(),
        labeled: labeled.len(),
        done: sheet.iter().flatten().filter(|v| v.done).count(),
        orphaned: votes.orphaned.get(a).copied().unwrap_or(0),
        sections: named(&votes.sections, sections),
        no_section,
        indicators: named(&votes.indicators, indicators),
        no_indicator,
        timed: times.len(),
        median_ms: median(&times),
        p90_ms: nearest_rank(&times, 90),
        histogram: histogram(&times),
        last_labeled: last.map(rfc3339),
        per_day: days.into_iter().map(|(d, n)| (day(d), n)).collect(),
        agreement_with_others: figures.and_then(|f| f.agreement_with_others),
        gold: votes.gold.as_ref().map(|gold| {
            let v = versus_gold(sheet, gold);
            VersusGoldStats {
                items: v.items,
                agreement: v.agreement,
                kappa: v.kappa,
            }
        }),
    }
}

/// The middle of `sorted`, or the mean of its two middle values rounded
/// down.
pub fn median(sorted: &[u64]) -> Option<u64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(((u128::from(sorted[n / 2 - 1]) + u128::from(sorted[n / 2])) / 2) as u64),
    }
}

/// The nearest-rank `pct`th percentile of `sorted`: the value at rank
/// ⌈pct/100 · n⌉.
pub fn nearest_rank(sorted: &[u64], pct: usize) -> Option<u64> {
    let n = sorted.len();
    let rank = (pct * n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// How many of `times` fall in each bucket of [`HISTOGRAM_BOUNDS_MS`].
fn histogram(times: &[u64]) -> Vec<usize> {
    let mut counts = vec![0; HISTOGRAM_BOUNDS_MS.len() + 1];
    for &t in times {
        counts[HISTOGRAM_BOUNDS_MS.partition_point(|&b| b <= t)] += 1;
    }
    counts
}

/// Unix seconds as RFC 3339 UTC.
fn rfc3339(at: u32) -> String {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(at.into());
    humantime::format_rfc3339_seconds(t).to_string()
}

/// Days since 1970-01-01 as `YYYY-MM-DD`.
fn day(days: u32) -> String {
    let mut s = rfc3339(days.saturating_mul(86_400));
    s.truncate(10);
    s
}

/// Gold's section type (rows) against each annotator's (columns), summed
/// over the annotators, where both have one.
fn gold_confusion(sections: &[String], sheets: &[Sheet], gold: &Sheet) -> Confusion {
    let k = sections.len();
    let mut counts = vec![vec![0u64; k]; k];
    for sheet in sheets {
        for (mine, g) in sheet.iter().zip(gold) {
            let (Some(Some(m)), Some(Some(g))) = (
                mine.as_ref().map(|v| v.section),
                g.as_ref().map(|v| v.section),
            ) else {
                continue;
            };
            counts[g as usize][m as usize] += 1;
        }
    }
    Confusion {
        categories: sections.to_vec(),
        counts,
    }
}

/// The review queue and the gold set's progress, as `biaozhu review` sees
/// them (module docs).
fn gold_progress(votes: &Votes, exists: bool) -> GoldProgress {
    let paragraphs = votes.sheets.iter().map(Vec::len).max().unwrap_or(0);
    let mut p = GoldProgress {
        exists,
        labels: votes
            .gold
            .as_ref()
            .map_or(0, |g| g.iter().flatten().count()),
        unanimous: 0,
        queue: 0,
        decided: 0,
        left: 0,
    };
    for i in 0..paragraphs {
        let labels: Vec<&Vote> = votes
            .sheets
            .iter()
            .filter_map(|s| s.get(i).and_then(Option::as_ref))
            .collect();
        let versions: Vec<&Vote> = labels
            .iter()
            .copied()
            .filter(|v| v.says_something())
            .collect();
        let marked = labels
            .iter()
            .any(|v| v.has(Marks::FLAGGED) || v.has(Marks::NOTED));
        let alike = versions.windows(2).all(|w| same_choice(w[0], w[1]));
        if !marked && versions.len() >= 2 && alike {
            p.unanimous += 1;
        } else if marked || versions.len() >= 2 {
            p.queue += 1;
            let gold = votes
                .gold
                .as_ref()
                .and_then(|g| g.get(i))
                .and_then(Option::as_ref);
            if gold.is_some_and(|g| !g.has(Marks::AUTO_GOLD)) {
                p.decided += 1;
            }
        }
    }
    p.left = p.queue - p.decided;
    p
}

/// The same section type, indicators and spans.
fn same_choice(a: &Vote, b: &Vote) -> bool {
    a.section == b.section && a.indicators == b.indicators && a.spans == b.spans
}

/// Each document's paragraphs labeled and done, per annotator.
fn by_doc(docs: &[(String, usize)], sheets: &[Sheet]) -> Vec<DocProgress> {
    let mut start = 0;
    docs.iter()
        .map(|(doc, n)| {
            let range = start..start + n;
            start += n;
            let annotators = sheets
                .iter()
                .map(|sheet| {
                    let votes = sheet
                        .get(range.clone())
                        .unwrap_or_default()
                        .iter()
                        .flatten();
                    let mut counts = DocCounts {
                        labeled: 0,
                        done: 0,
                    };
                    for v in votes {
                        counts.labeled += usize::from(v.says_something());
                        counts.done += usize::from(v.done);
                    }
                    counts
                })
                .collect();
            DocProgress {
                doc: doc.clone(),
                paragraphs: *n,
                annotators,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
