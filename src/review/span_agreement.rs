//! Agreement on spans (DESIGN.md §1, README "Agreement report"): for each
//! pair of annotators, how many of one's spans the other marked too — with
//! exact boundaries, and overlapping — over the paragraphs both labeled;
//! in all and per label. Pure, no I/O; never NaN (`None` where a figure
//! has nothing to be computed from).
//!
//! - An item of a pair is a paragraph where both annotators have a label
//!   that says something (a section type, an indicator or a span) or was
//!   accepted; a label with only a flag or a note is no judgment of the
//!   text. Spans elsewhere are counted in `counts` but compared with
//!   nobody's.
//! - Exact match: the same start, end and label. Overlap match: the same
//!   label and at least one character in common; each span matches at
//!   most one of the other's, and the matching is a largest one (as many
//!   pairs as can be made).
//! - P (a vs b) = matched / a's spans, R = matched / b's spans, F1 =
//!   2·matched / (a's + b's), the harmonic mean of P and R (0 when nothing
//!   matched). P is `None` when a made no span, R when b made none, F1 when
//!   neither did.

use super::agreement::intersection_len;
use super::votes::{Vote, VoteSpan, Votes};
use serde::Serialize;
use std::collections::BTreeMap;

/// How one annotator's spans (a) and another's (b) compare on some items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub a: u64,
    pub b: u64,
    pub exact: u64,
    pub overlap: u64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.a += other.a;
        self.b += other.b;
        self.exact += other.exact;
        self.overlap += other.overlap;
    }
}

/// Precision, recall and F1 of `matched` of a's spans against b's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Match {
    pub matched: u64,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl Match {
    pub fn of(matched: u64, a: u64, b: u64) -> Match {
        let share = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
        Match {
            matched,
            precision: share(matched, a),
            recall: share(matched, b),
            f1: share(2 * matched, a + b),
        }
    }
}

/// One label's (or all labels') figures of a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanMatches {
    /// Spans a made on the pair's items.
    pub a_spans: u64,
    /// Spans b made on the pair's items.
    pub b_spans: u64,
    pub exact: Match,
    pub overlap: Match,
}

impl SpanMatches {
    fn of(t: Tally) -> SpanMatches {
        SpanMatches {
            a_spans: t.a,
            b_spans: t.b,
            exact: Match::of(t.exact, t.a, t.b),
            overlap: Match::of(t.overlap, t.a, t.b),
        }
    }
}

/// The span figures of one pair of annotators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanPair {
    pub a: String,
    pub b: String,
    /// Paragraphs both labeled (see the module's definitions).
    pub items: usize,
    #[serde(flatten)]
    pub all: SpanMatches,
    /// Each label that either annotator used on the items.
    pub per_label: BTreeMap<String, SpanMatches>,
}

/// `agree --json`'s `spans`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SpanFigures {
    /// Spans each annotator made, on every label of theirs in the corpus.
    pub counts: BTreeMap<String, u64>,
    /// Every pair of annotators, in the order of the section pairs.
    pub pairs: Vec<SpanPair>,
}

/// One-to-one exact matches between `a` and `b` (each sorted): how many
/// spans they have in common, a repeated span matching as often as both
/// have it.
pub fn exact_matches(a: &[VoteSpan], b: &[VoteSpan]) -> u64 {
    intersection_len(a, b) as u64
}

/// Whether two spans have a character in common (labels not looked at).
fn intersect(x: &VoteSpan, y: &VoteSpan) -> bool {
    x.start.max(y.start) < x.end.min(y.end)
}

/// The size of a largest one-to-one matching of `a`'s spans with `b`'s
/// that intersect them (labels not looked at: the caller gives spans of one
/// label).
///
/// Greedy, and still a largest matching: take the spans of both sides in
/// order of their end; a span not yet matched takes the unmatched span of
/// the other side that intersects it and ends first. (Exchange argument:
/// when span x ending at e is taken, every unmatched span of the other side
/// that intersects it ends at e or later — one ending before would have
/// been taken first and matched x — so each contains x's last character.
/// If a largest matching pairs x with y' and the chosen y with z, then z,
/// ending at e or later, intersects y' too, and swapping gives a largest
/// matching that pairs x with y.) O(|a|·|b|).
pub fn overlap_matches(a: &[VoteSpan], b: &[VoteSpan]) -> u64 {
    // The usual cases, without the work below.
    match (a, b) {
        ([], _) | (_, []) => return 0,
        ([x], [y]) => return u64::from(intersect(x, y)),
        _ => {}
    }
    let by_end = |spans: &[VoteSpan]| {
        let mut v = spans.to_vec();
        v.sort_unstable_by_key(|s| (s.end, s.start));
        v
    };
    let sides = [by_end(a), by_end(b)];
    let mut taken = [vec![false; a.len()], vec![false; b.len()]];
    // Both sides merged by end: (end, side, index).
    let mut order: Vec<(u32, usize, usize)> = Vec::with_capacity(a.len() + b.len());
    for (side, spans) in sides.iter().enumerate() {
        order.extend(spans.iter().enumerate().map(|(i, s)| (s.end, side, i)));
    }
    order.sort_unstable();
    let mut n = 0;
    for (_, side, i) in order {
        if taken[side][i] {
            continue;
        }
        let x = &sides[side][i];
        let other = 1 - side;
        let partner = sides[other]
            .iter()
            .enumerate()
            .position(|(j, y)| !taken[other][j] && intersect(x, y));
        if let Some(j) = partner {
            taken[side][i] = true;
            taken[other][j] = true;
            n += 1;
        }
    }
    n
}

/// The run of `label`'s spans at the start of `spans` (sorted), and the
/// rest.
fn split_label(spans: &[VoteSpan], label: u32) -> (&[VoteSpan], &[VoteSpan]) {
    let n = spans.iter().take_while(|s| s.label == label).count();
    spans.split_at(n)
}

/// Adds each label's tally of one paragraph, `a`'s spans against `b`'s
/// (each sorted, as [`Votes::spans`] keeps them), to `per_label` (indexed
/// by label, grown as needed).
pub fn tally_paragraph(a: &[VoteSpan], b: &[VoteSpan], per_label: &mut Vec<Tally>) {
    let (mut a, mut b) = (a, b);
    while let Some(label) = a
        .first()
        .into_iter()
        .chain(b.first())
        .map(|s| s.label)
        .min()
    {
        let (la, rest_a) = split_label(a, label);
        let (lb, rest_b) = split_label(b, label);
        let at = label as usize;
        if per_label.len() <= at {
            per_label.resize(at + 1, Tally::default());
        }
        per_label[at].add(Tally {
            a: la.len() as u64,
            b: lb.len() as u64,
            exact: exact_matches(la, lb),
            overlap: overlap_matches(la, lb),
        });
        (a, b) = (rest_a, rest_b);
    }
}

/// Whether a vote is a judgment of its paragraph's text.
fn judged(v: &Option<Vote>) -> bool {
    v.as_ref().is_some_and(|v| v.says_something() || v.done)
}

/// Annotators `a` and `b` compared: the items, and each label's tally.
fn pair(votes: &Votes, a: usize, b: usize) -> (usize, Vec<Tally>) {
    let mut items = 0;
    let mut per_label = vec![Tally::default(); votes.indicators.len()];
    let both = votes.sheets[a].iter().zip(&votes.sheets[b]).enumerate();
    for (p, (va, vb)) in both {
        if judged(va) && judged(vb) {
            items += 1;
            tally_paragraph(votes.spans_of(a, p), votes.spans_of(b, p), &mut per_label);
        }
    }
    (items, per_label)
}

/// The span figures of every pair of annotators in `votes`.
pub fn span_figures(votes: &Votes) -> SpanFigures {
    let counts = votes
        .annotators
        .iter()
        .enumerate()
        .map(|(a, name)| {
            let made = votes
                .spans
                .get(a)
                .map_or(0, |s| s.values().map(|l| l.len() as u64).sum());
            (name.clone(), made)
        })
        .collect();
    let n = votes.annotators.len().min(votes.sheets.len());
    let mut pairs = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let (items, per_label) = pair(votes, a, b);
            let mut all = Tally::default();
            per_label.iter().for_each(|t| all.add(*t));
            let name = |l: u32| {
                votes
                    .indicators
                    .get(l as usize)
                    .cloned()
                    .unwrap_or_else(|| l.to_string())
            };
            pairs.push(SpanPair {
                a: votes.annotators[a].clone(),
                b: votes.annotators[b].clone(),
                items,
                all: SpanMatches::of(all),
                per_label: (0u32..)
                    .zip(per_label)
                    .filter(|(_, t)| t.a + t.b > 0)
                    .map(|(l, t)| (name(l), SpanMatches::of(t)))
                    .collect(),
            });
        }
    }
    SpanFigures { counts, pairs }
}

#[cfg(test)]
mod tests;
