//! Labels made with suggestions against labels made without (issue 16's
//! bias control): per condition — a suggestion was pre-filled (`pattern`
//! or `model`), the paragraph was in the control share (suggestions
//! withheld on purpose), or nothing was recorded (labeled with
//! `--no-suggest` or before suggestions) — how many labels, how often two
//! annotators who both labeled a paragraph in that condition chose the same
//! section type (and Cohen's κ over those pairs of choices), and how often
//! a label's section type matches the gold set's. Pure.

use crate::review::agreement::cohen_kappa;
use crate::review::votes::{Marks, Vote, Votes};
use serde::Serialize;

/// One condition's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Condition {
    /// Labels with a section type made in this condition.
    pub labels: usize,
    /// Pairs of annotators' labels on one paragraph, both in this
    /// condition, both with a section type.
    pub pair_items: usize,
    /// Share of those pairs with the same section type (None: no pairs).
    pub pair_agreement: Option<f64>,
    /// Cohen's κ over those pairs (pooled over annotator pairs).
    pub pair_kappa: Option<f64>,
    /// Labels in this condition on paragraphs the gold set decided.
    pub gold_items: usize,
    /// Share of those with gold's section type.
    pub gold_agreement: Option<f64>,
}

/// The three conditions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SuggestionStats {
    pub suggested: Condition,
    pub control: Condition,
    pub unrecorded: Condition,
}

/// Which condition a vote was made in: 0 suggested, 1 control, 2 none.
fn condition(v: &Vote) -> usize {
    if v.has(Marks::SUGGESTED) {
        0
    } else if v.has(Marks::CONTROL) {
        1
    } else {
        2
    }
}

pub fn suggestion_stats(votes: &Votes) -> SuggestionStats {
    let mut pairs: [Vec<(u32, u32)>; 3] = Default::default();
    let mut labels = [0usize; 3];
    let mut gold = [(0usize, 0usize); 3];
    let paragraphs = votes.sheets.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..paragraphs {
        let here: Vec<(usize, u32)> = votes
            .sheets
            .iter()
            .filter_map(|s| s.get(i)?.as_ref())
            .filter_map(|v| Some((condition(v), v.section?)))
            .collect();
        let g = votes
            .gold
            .as_ref()
            .and_then(|g| g.get(i)?.as_ref()?.section);
        for (k, &(c, s)) in here.iter().enumerate() {
            labels[c] += 1;
            if let Some(g) = g {
                gold[c].0 += 1;
                gold[c].1 += usize::from(g == s);
            }
            for &(c2, s2) in &here[k + 1..] {
                if c2 == c {
                    pairs[c].push((s, s2));
                }
            }
        }
    }
    let figures = |c: usize| {
        let p = &pairs[c];
        let share = |n: usize, of: usize| (of > 0).then(|| n as f64 / of as f64);
        Condition {
            labels: labels[c],
            pair_items: p.len(),
            pair_agreement: share(p.iter().filter(|(a, b)| a == b).count(), p.len()),
            pair_kappa: cohen_kappa(p),
            gold_items: gold[c].0,
            gold_agreement: share(gold[c].1, gold[c].0),
        }
    };
    SuggestionStats {
        suggested: figures(0),
        control: figures(1),
        unrecorded: figures(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(section: u32, marks: u8) -> Option<Vote> {
        Some(Vote {
            section: Some(section),
            marks,
            ..Vote::default()
        })
    }

    #[test]
    fn conditions_are_counted_apart_by_hand() {
        let s = Marks::SUGGESTED;
        let c = Marks::CONTROL;
        // Paragraph 0: both suggested, agree (0,0). 1: both suggested,
        // differ (0,1). 2: both control, agree (1,1). 3: one suggested, one
        // control: no pair. Gold: 0 → 0, 2 → 1.
        let votes = Votes {
            sheets: vec![
                vec![vote(0, s), vote(0, s), vote(1, c), vote(0, s)],
                vec![vote(0, s), vote(1, s), vote(1, c), vote(0, c)],
            ],
            gold: Some(vec![
                Some(Vote {
                    section: Some(0),
                    ..Vote::default()
                }),
                None,
                Some(Vote {
                    section: Some(1),
                    ..Vote::default()
                }),
                None,
            ]),
            ..Votes::default()
        };
        let st = suggestion_stats(&votes);
        assert_eq!(st.suggested.labels, 5);
        assert_eq!(st.control.labels, 3);
        assert_eq!(st.suggested.pair_items, 2);
        assert_eq!(st.suggested.pair_agreement, Some(0.5));
        assert_eq!(st.control.pair_items, 1);
        assert_eq!(st.control.pair_agreement, Some(1.0));
        // Gold: paragraph 0's two suggested labels both match; paragraph
        // 2's two control labels both match.
        assert_eq!(
            (st.suggested.gold_items, st.suggested.gold_agreement),
            (2, Some(1.0))
        );
        assert_eq!(
            (st.control.gold_items, st.control.gold_agreement),
            (2, Some(1.0))
        );
        assert_eq!(st.unrecorded, Condition::default());
    }
}
