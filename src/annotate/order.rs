//! `--order uncertain`: which paragraph accepting moves on to. The
//! paragraphs the suggester is least sure of come first (active learning),
//! with a random one mixed in at every [`RANDOM_EVERY`]th place — pure
//! uncertainty sampling is known to stall on outliers. Pure: the order is
//! made from the suggester's scores when a new model arrives.

use crate::corpus::Paragraph;
use crate::suggest::{Before, Context, Suggester};

/// How the screen moves on after Enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The next unfinished paragraph in corpus order.
    Corpus,
    /// The least certain unfinished paragraph first.
    Uncertain,
}

/// How many unfinished paragraphs from the cursor on are ranked (a
/// suggestion is tens of µs, so ranking stays a few tens of ms).
pub const POOL: usize = 1_000;

/// Every this many places, one chosen at random instead.
pub const RANDOM_EVERY: usize = 5;

/// How sure `suggester` is about a paragraph: the margin between its two
/// best section scores, lowered by indicators near 0.5 (0: unsure, 1: sure).
pub fn certainty(suggester: &Suggester, paragraphs: &[Paragraph], index: usize) -> f32 {
    let s = suggester.suggest(&Context::of(paragraphs, index, Before::default()));
    let mut top = [0.0f32; 2];
    for &p in &s.section_scores {
        if p > top[0] {
            top = [p, top[0]];
        } else if p > top[1] {
            top[1] = p;
        }
    }
    let margin = top[0] - top[1];
    let doubt = s
        .indicator_scores
        .iter()
        .map(|&p| 1.0 - (2.0 * p - 1.0).abs())
        .fold(0.0f32, f32::max);
    margin * (1.0 - 0.5 * doubt)
}

/// The visiting order of `candidates` (paragraph indices): least certain
/// first, every [`RANDOM_EVERY`]th place a random pick among the rest
/// (`seed` makes the same order again).
pub fn rank(
    suggester: &Suggester,
    paragraphs: &[Paragraph],
    candidates: &[usize],
    seed: u64,
) -> Vec<usize> {
    let mut scored: Vec<(f32, usize)> = candidates
        .iter()
        .map(|&i| (certainty(suggester, paragraphs, i), i))
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut rest: Vec<usize> = scored.into_iter().map(|(_, i)| i).collect();
    let mut out = Vec::with_capacity(rest.len());
    let mut state = seed | 1;
    while !rest.is_empty() {
        let pick = if (out.len() + 1) % RANDOM_EVERY == 0 {
            // xorshift64: a fixed, seedable sequence, no dependency.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % rest.len() as u64) as usize
        } else {
            0
        };
        out.push(rest.remove(pick));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{document::build, CorpusOptions, SourceEncoding};
    use crate::schema::Schema;

    #[test]
    fn unsure_paragraphs_come_first_with_random_ones_mixed_in() {
        // Clear keyword paragraphs (sure) and ones with no keyword (unsure).
        let mut text = String::new();
        for i in 0..10 {
            text.push_str(&format!("下一步，明年将继续推进第{i}项工作。\n"));
            text.push_str(&format!("今天天气很好{i}。\n"));
        }
        let ps = build(
            "a.txt",
            &text,
            SourceEncoding::Utf8,
            &CorpusOptions::default(),
        )
        .paragraphs;
        let suggester = Suggester::new(&Schema::default_schema());
        let all: Vec<usize> = (0..ps.len()).collect();
        let order = rank(&suggester, &ps, &all, 7);
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, all, "every candidate once");
        let unsure = |i: usize| ps[i].text.load().starts_with("今天");
        // The first four places are least-certain picks; the fifth random.
        assert!(order[..4].iter().all(|&i| unsure(i)), "{order:?}");
        assert_eq!(
            order,
            rank(&suggester, &ps, &all, 7),
            "the same seed, the same order"
        );
        assert!(certainty(&suggester, &ps, 0) > certainty(&suggester, &ps, 1));
    }
}
