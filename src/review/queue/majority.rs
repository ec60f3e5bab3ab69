//! The proposal a case opens with, field by field, and how much its
//! annotators disagree. Pure.

use super::Choice;
use crate::store::Span;

/// More than half of `n`.
fn is_majority(count: usize, n: usize) -> bool {
    2 * count > n
}

/// The majority's choice, each field decided on its own: the section type
/// given by more than half of `choices` (none when no section type has such
/// a majority, or when more than half gave none), and, independently, each
/// indicator and each span (exact start, end and label) given by more than
/// half.
pub fn majority(choices: &[&Choice]) -> Choice {
    let n = choices.len();
    let section = choices
        .iter()
        .filter_map(|c| c.section.as_ref())
        .find(|s| {
            let votes = choices
                .iter()
                .filter(|c| c.section.as_ref() == Some(*s))
                .count();
            is_majority(votes, n)
        })
        .cloned();
    let mut indicators: Vec<String> = choices
        .iter()
        .flat_map(|c| c.indicators.iter())
        .filter(|i| {
            is_majority(
                choices.iter().filter(|c| c.indicators.contains(i)).count(),
                n,
            )
        })
        .cloned()
        .collect();
    indicators.sort();
    indicators.dedup();
    let mut spans: Vec<Span> = choices
        .iter()
        .flat_map(|c| c.spans.iter())
        .filter(|s| is_majority(choices.iter().filter(|c| c.spans.contains(s)).count(), n))
        .cloned()
        .collect();
    super::sort_spans(&mut spans);
    Choice {
        section,
        indicators,
        spans,
    }
}

/// Share of annotator pairs that differ on the section type, plus the mean
/// Jaccard distance between their indicator sets: 0 (unanimous on both) to
/// 2; 0 with fewer than two choices.
pub fn disagreement(choices: &[&Choice]) -> f64 {
    let mut pairs = 0usize;
    let mut section_differs = 0usize;
    let mut jaccard = 0.0;
    for (i, a) in choices.iter().enumerate() {
        for b in &choices[i + 1..] {
            pairs += 1;
            section_differs += usize::from(a.section != b.section);
            jaccard += jaccard_distance(&a.indicators, &b.indicators);
        }
    }
    if pairs == 0 {
        return 0.0;
    }
    (section_differs as f64 + jaccard) / pairs as f64
}

/// 1 − |a ∩ b| / |a ∪ b| of two sorted sets; 0 for two empty sets.
fn jaccard_distance(a: &[String], b: &[String]) -> f64 {
    let both = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    let either = a.len() + b.len() - both;
    if either == 0 {
        0.0
    } else {
        1.0 - both as f64 / either as f64
    }
}
