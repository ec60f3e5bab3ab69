//! What the schema's words and the corpus reader say about a paragraph
//! before any model: keyword hits per section type and per indicator (the
//! schema's `keywords` less its `not_keywords`, on the normalized view), and
//! the suggestion made from them alone — the corpus reader's boilerplate
//! guess first, then a numbered heading, then the section type with the
//! most keyword hits; each indicator with a hit.

use super::Context;
use crate::corpus::boilerplate;
use crate::corpus::segment::heading_level;
use crate::schema::{Kind, Schema};
use crate::text::fold::Folded;
use crate::text::keywords::Keywords;

/// The section type a boilerplate guess suggests (DESIGN.md; the corpus
/// reader's `suggested`).
pub const BOILERPLATE: &str = "boilerplate";
/// The section type a numbered heading suggests.
pub const HEADING: &str = "heading";
/// The longest paragraph taken for a heading by its numbering alone.
pub const MAX_HEADING_CHARS: usize = 40;

/// One word's target: a label of a kind, for or against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Target {
    kind: Kind,
    index: usize,
    positive: bool,
}

/// The schema's vocabulary, one matcher for both kinds.
#[derive(Debug, Clone)]
pub struct Patterns {
    words: Keywords<Target>,
    sections: usize,
    indicators: usize,
    boilerplate: Option<usize>,
    heading: Option<usize>,
}

/// Keyword hits of one paragraph: per section type and per indicator, the
/// number of words found pointing at it (a `not_keywords` word there takes
/// one away, never below zero).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub sections: Vec<u16>,
    pub indicators: Vec<u16>,
}

impl Patterns {
    /// The words of every label of `schema`: its own `keywords` and
    /// `not_keywords`, or the default schema's for a label that gives none.
    pub fn new(schema: &Schema) -> Patterns {
        let defaults = Schema::default_schema();
        let mut words = Vec::new();
        for kind in [Kind::Section, Kind::Indicator] {
            for (index, def) in schema.labels(kind).iter().enumerate() {
                let (yes, no) = def.vocabulary(kind, &defaults);
                let target = |positive| Target {
                    kind,
                    index,
                    positive,
                };
                words.extend(yes.iter().map(|w| (w.as_str(), target(true))));
                words.extend(no.iter().map(|w| (w.as_str(), target(false))));
            }
        }
        let position = |name| schema.sections.iter().position(|d| d.name == name);
        Patterns {
            words: Keywords::new(words),
            sections: schema.sections.len(),
            indicators: schema.indicators.len(),
            boilerplate: position(BOILERPLATE),
            heading: position(HEADING),
        }
    }

    pub fn sections(&self) -> usize {
        self.sections
    }

    pub fn indicators(&self) -> usize {
        self.indicators
    }

    /// The hits in `folded` (a paragraph's normalized view).
    pub fn hits(&self, folded: &Folded) -> Hits {
        self.hits_and_words(folded).0
    }

    /// The hits in `folded`, and where each word was found (folded
    /// characters, `end` exclusive).
    pub fn hits_and_words(&self, folded: &Folded) -> (Hits, Vec<(usize, usize)>) {
        let mut sections = vec![0i32; self.sections];
        let mut indicators = vec![0i32; self.indicators];
        let found = self.words.find(folded);
        let words = found
            .iter()
            .map(|h| (h.folded_start, h.folded_end))
            .collect();
        for hit in found {
            for t in hit.payloads {
                let counts = match t.kind {
                    Kind::Section => &mut sections,
                    Kind::Indicator => &mut indicators,
                };
                counts[t.index] += if t.positive { 1 } else { -1 };
            }
        }
        let clamp = |v: Vec<i32>| v.into_iter().map(|n| n.clamp(0, 999) as u16).collect();
        (
            Hits {
                sections: clamp(sections),
                indicators: clamp(indicators),
            },
            words,
        )
    }

    /// The section type the corpus reader's structure says, with its score:
    /// boilerplate when it guessed web noise, heading for a short numbered
    /// line (`一、…`, `（二）…`).
    pub fn structural(&self, context: &Context) -> Option<(usize, f32)> {
        if context.boilerplate {
            return self.boilerplate.map(|i| (i, 0.9));
        }
        if looks_like_heading(context) {
            return self.heading.map(|i| (i, 0.8));
        }
        None
    }

    /// The suggestion from the patterns alone: section (index, score) and
    /// per-label scores (section types, indicators) in `[0, 1)`.
    pub fn suggest(
        &self,
        context: &Context,
        hits: &Hits,
    ) -> (Option<(usize, f32)>, Vec<f32>, Vec<f32>) {
        let score = |n: u16| 1.0 - 0.5f32.powi(i32::from(n));
        let mut section_scores: Vec<f32> = hits.sections.iter().map(|&n| score(n)).collect();
        let indicator_scores: Vec<f32> = hits.indicators.iter().map(|&n| score(n)).collect();
        let section = match self.structural(context) {
            Some((i, s)) => {
                section_scores[i] = s;
                Some((i, s))
            }
            None => section_scores
                .iter()
                .enumerate()
                .filter(|(_, &s)| s > 0.0)
                // The most hits; on a tie, the first in the schema.
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
                .map(|(i, &s)| (i, s)),
        };
        (section, section_scores, indicator_scores)
    }
}

/// A short line opening with a heading number, or one the corpus reader
/// separated as a heading.
pub fn looks_like_heading(context: &Context) -> bool {
    context.heading
        || (heading_level(&context.text).is_some()
            && context.text.trim().chars().count() <= MAX_HEADING_CHARS)
}

/// Whether the corpus reader would take `text` alone for web noise (for
/// callers without a [`crate::corpus::Paragraph`]'s own guess).
pub fn is_boilerplate(text: &str) -> bool {
    boilerplate::is_boilerplate(text)
}
