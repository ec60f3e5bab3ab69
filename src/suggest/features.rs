//! A paragraph as the model sees it: hashed, sparse features.
//!
//! - character 1-, 2- and 3-grams of the normalized view (Traditional
//!   folded to Simplified, full-width to half-width), digits folded to `0`
//!   so `98.5%` and `12.0%` look alike, weighted 1/√n so long and short
//!   paragraphs weigh the same (the first 256 characters);
//! - 1- and 2-grams of the paragraph's first characters (how it opens:
//!   `一是`, `下一步`, `（三）`) and of the nearest heading before it in its
//!   document (what part of the report it is in);
//! - structure: the corpus reader's heading and boilerplate guesses, a
//!   heading number's level, the length (log scale), where in the document
//!   it is (tenths), the previous paragraph's section type and that of the
//!   nearest text before it that is not a heading, whether it has
//!   numbers and percentages;
//! - and, outside the hashed vector, the keyword hits per label
//!   ([`super::patterns::Hits`]), which the model weighs per label.

use super::patterns::{looks_like_heading, Hits, Patterns};
use super::Context;
use crate::corpus::segment::heading_level;
use crate::text::fold::Folded;

/// Hashed feature space: 2^16 buckets.
pub const BITS: u32 = 16;
pub const BUCKETS: usize = 1 << BITS;

/// Characters of the opening and of the heading that count.
const OPENING: usize = 6;
/// Characters of the text whose grams count (a long paragraph's start
/// says what it is; its keyword hits count to the end).
const TEXT_CHARS: usize = 256;
const HEADING_CHARS: usize = 30;

/// One paragraph's features.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// (bucket, value), buckets increasing, no repeats.
    pub hashed: Vec<(u32, f32)>,
    /// Keyword hits per section type and per indicator (the model takes
    /// `ln(1 + hits)`).
    pub hits: Hits,
    /// Whether the paragraph has a figure (a digit or `%`, e.g. a template's
    /// `x%`): indicators are ticked when a paragraph reports one, so the
    /// model weighs keyword hits with and without figures apart.
    pub numeric: bool,
}

/// Namespaces, so the same gram in different places is a different feature.
#[derive(Clone, Copy)]
#[repr(u64)]
enum Space {
    Text = 1,
    Opening = 2,
    Heading = 3,
    Flag = 4,
    Word = 5,
}

/// splitmix64's finalizer: a well-mixed 64-bit hash of `x`.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn bucket(space: Space, code: u64) -> u32 {
    (mix(mix(code) ^ (space as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> (64 - BITS)) as u32
}

/// Characters as the grams see them: digits as `0`, whitespace dropped.
fn gram_chars(text: &str) -> Vec<u64> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .map(u64::from)
        .collect()
}

/// 1..=`max` grams of `chars` into `out`, in `space`.
fn grams(chars: &[u64], max: usize, space: Space, out: &mut Vec<u32>) {
    for (i, &c) in chars.iter().enumerate() {
        let mut code = c;
        out.push(bucket(space, code));
        for (n, &next) in chars[i + 1..].iter().take(max - 1).enumerate() {
            // 21 bits a character; the order in the top bits.
            code = (code << 21) | next;
            out.push(bucket(space, code ^ ((n as u64 + 2) << 62)));
        }
    }
}

/// The features of `context`'s paragraph, with `patterns` for the keyword
/// hits.
pub fn features(patterns: &Patterns, context: &Context) -> Features {
    let folded = Folded::new(&context.text);
    let (hits, words) = patterns.hits_and_words(&folded);
    let chars = gram_chars(&folded.text);

    let mut text = Vec::with_capacity(chars.len() * 3);
    grams(
        &chars[..chars.len().min(TEXT_CHARS)],
        3,
        Space::Text,
        &mut text,
    );
    let mut rest = Vec::with_capacity(32);
    grams(
        &chars[..chars.len().min(OPENING)],
        2,
        Space::Opening,
        &mut rest,
    );
    if let Some(heading) = &context.heading_text {
        let heading = gram_chars(&Folded::new(heading).text);
        grams(
            &heading[..heading.len().min(HEADING_CHARS)],
            2,
            Space::Heading,
            &mut rest,
        );
    }
    let flag = |name: u64, value: u64| bucket(Space::Flag, (name << 32) | value);
    rest.push(flag(1, u64::from(context.boilerplate)));
    let heading = looks_like_heading(context);
    rest.push(flag(2, u64::from(heading)));
    rest.push(flag(3, heading_level(&context.text).map_or(0, u64::from)));
    rest.push(flag(
        4,
        u64::from(usize::BITS - chars.len().leading_zeros()),
    ));
    rest.push(flag(5, (context.position.clamp(0.0, 0.999) * 10.0) as u64));
    let prev = context.prev_section.map_or(0, |s| s as u64 + 1);
    rest.push(flag(6, prev));
    // Text under a part goes on as the text before it did; a heading
    // starts something new: the previous type, for headings and text apart.
    rest.push(flag(10, prev * 2 + u64::from(heading)));
    // The type of the text before the sub-headings in between.
    let body = context.body_section.map_or(0, |s| s as u64 + 1);
    rest.push(flag(11, body));
    rest.push(flag(12, body * 2 + u64::from(heading)));
    let digits = chars.iter().filter(|&&c| c == u64::from('0')).count();
    rest.push(flag(
        7,
        u64::from(digits > 0) + u64::from(digits * 10 > chars.len()),
    ));
    rest.push(flag(8, u64::from(folded.text.contains('%'))));
    rest.push(flag(9, 0)); // always on: a bias shared by every paragraph
                           // Each keyword found, as a word: what the schema's words say, learned
                           // per label (`监督检查` may point at inspections more than `监管`).
    if !words.is_empty() {
        let folded_chars: Vec<char> = folded.text.chars().collect();
        for &(start, end) in &words {
            let code = folded_chars[start..end.min(folded_chars.len())]
                .iter()
                .fold(0u64, |h, &c| mix(h ^ u64::from(c)));
            rest.push(bucket(Space::Word, code));
        }
    }

    let weight = 1.0 / (text.len().max(1) as f32).sqrt();
    let mut hashed: Vec<(u32, f32)> = text
        .into_iter()
        .map(|b| (b, weight))
        .chain(rest.into_iter().map(|b| (b, 1.0)))
        .collect();
    hashed.sort_unstable_by_key(|&(b, _)| b);
    // A bucket hit twice keeps the larger weight (grams are presence, not counts).
    hashed.dedup_by(|later, kept| {
        if later.0 == kept.0 {
            kept.1 = kept.1.max(later.1);
            true
        } else {
            false
        }
    });
    let numeric = digits > 0 || folded.text.contains('%');
    Features {
        hashed,
        hits,
        numeric,
    }
}
