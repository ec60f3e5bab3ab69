//! Which indicator a value measures: the nearest keyword before it in the
//! same clause (or, failing that, just after it), matched leftmost-longest
//! on the text's normalized view ([`crate::text::keywords`]). A word that is
//! only an indicator's `not_keywords` (or points at no indicator) consumes
//! its place and points at nothing: `建档立卡` is not `建档`.

use crate::schema::{Kind, Schema};
use crate::text::fold::Folded;
use crate::text::keywords::Keywords;

/// How far back (code points) a keyword may be from its value.
const BEFORE: usize = 40;
/// How far after a value a keyword may be when none is before it.
const AFTER: usize = 12;

/// The schema's indicator keywords, one matcher.
pub struct Vocabulary {
    /// Each word's payloads: (indicator name, true for `keywords`, false for
    /// `not_keywords`).
    words: Keywords<(String, bool)>,
}

/// The keyword matches of one paragraph, as code-point ranges, and where
/// its clauses break.
pub struct Words {
    /// (start, end, the indicator pointed at), by start.
    found: Vec<(usize, usize, Option<String>)>,
    /// Code-point offsets of clause breaks (`。；！？` and line ends).
    breaks: Vec<usize>,
}

impl Vocabulary {
    /// The keywords of `schema`'s indicators; an indicator without any uses
    /// those of the same name in the default schema.
    pub fn new(schema: &Schema) -> Vocabulary {
        let defaults = Schema::default_schema();
        let mut words = Vec::new();
        for def in &schema.indicators {
            let (yes, no) = def.vocabulary(Kind::Indicator, &defaults);
            words.extend(yes.iter().map(|w| (w.clone(), (def.name.clone(), true))));
            words.extend(no.iter().map(|w| (w.clone(), (def.name.clone(), false))));
        }
        Vocabulary {
            words: Keywords::new(words),
        }
    }

    /// The keywords found in `text`.
    pub fn matches(&self, text: &str) -> Words {
        let folded = Folded::new(text);
        let found = self
            .words
            .find(&folded)
            .into_iter()
            .map(|hit| {
                let label = hit
                    .payloads
                    .iter()
                    .find(|(_, positive)| *positive)
                    .map(|(name, _)| name.clone());
                (hit.start, hit.end, label)
            })
            .collect();
        let breaks = folded
            .text
            .chars()
            .enumerate()
            .filter(|(_, c)| matches!(c, '。' | ';' | '!' | '?' | '\n'))
            .map(|(i, _)| folded.source_offset(i))
            .collect();
        Words { found, breaks }
    }
}

impl Words {
    /// The indicator of the value at `start..end`: a keyword inside it (its
    /// unit); else the keyword ending nearest before `start` in the same
    /// clause, within [`BEFORE`]; else
    /// the first one starting within [`AFTER`] after `end`, same clause.
    pub fn guess(&self, start: usize, end: usize) -> Option<&str> {
        let clause_start = self
            .breaks
            .iter()
            .rev()
            .find(|&&b| b < start)
            .map_or(0, |b| b + 1);
        let clause_end = self
            .breaks
            .iter()
            .find(|&&b| b >= end)
            .copied()
            .unwrap_or(usize::MAX);
        let from = clause_start.max(start.saturating_sub(BEFORE));
        // A keyword inside the value (its unit: `平方米`, `床位`) first.
        let pointing = || self.found.iter().filter(|(_, _, l)| l.is_some());
        let inside = pointing().find(|&&(s, e, _)| s >= start && e <= end);
        let before = pointing()
            .filter(|&&(s, e, _)| s >= from && e <= start)
            .max_by_key(|&&(_, e, _)| e);
        let after =
            || pointing().find(|&&(s, _, _)| s >= end && s <= end + AFTER && s < clause_end);
        inside
            .or(before)
            .or_else(after)
            .and_then(|(_, _, l)| l.as_deref())
    }
}
