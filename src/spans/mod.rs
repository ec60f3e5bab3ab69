//! Span suggestions: the numeric values in a paragraph (`98.5%`,
//! `5000万元`, `1.2万人次`, `三百余人次`) and, from the words before each,
//! the indicator it measures. Pure; built once per schema ([`Detector`]).
//!
//! - [`values`]: where the values are (a regex for number + multiplier +
//!   unit, then the rules that leave out years, dates, times, outline and
//!   document numbers, phone numbers and template placeholders);
//! - [`vocab`]: which indicator a value measures (the schema's `keywords`,
//!   matched leftmost-longest on a Simplified view of the text).

pub mod kit;
pub mod values;
pub mod vocab;
pub mod words;

use crate::schema::Schema;
use serde::Serialize;

/// One suggested span: code points, `end` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// The indicator guessed; None when no keyword points at one.
    pub label: Option<String>,
}

/// Finds suggestions in paragraphs with one schema's vocabulary.
pub struct Detector {
    vocab: vocab::Vocabulary,
}

impl Detector {
    pub fn new(schema: &Schema) -> Detector {
        Detector {
            vocab: vocab::Vocabulary::new(schema),
        }
    }

    /// The suggestions of `text`, in order.
    pub fn detect(&self, text: &str) -> Vec<Suggestion> {
        let found = values::find(text);
        if found.is_empty() {
            return Vec::new();
        }
        let words = self.vocab.matches(text);
        found
            .into_iter()
            .map(|v| Suggestion {
                label: words.guess(v.start, v.end).map(str::to_owned),
                start: v.start as u32,
                end: v.end as u32,
                text: v.text,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
