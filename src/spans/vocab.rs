//! Which indicator a value measures: the nearest keyword before it in the
//! same clause (or, failing that, just after it), matched leftmost-longest
//! with aho-corasick on a Simplified view of the text (fast2s maps
//! Traditional characters one for one, so offsets stay put).

use crate::schema::Schema;
use aho_corasick::{AhoCorasick, MatchKind};

/// How far back (code points) a keyword may be from its value.
const BEFORE: usize = 40;
/// How far after a value a keyword may be when none is before it.
const AFTER: usize = 12;

/// The schema's indicator keywords, one matcher.
pub struct Vocabulary {
    matcher: Option<AhoCorasick>,
    /// For each pattern, the indicator it points at.
    labels: Vec<String>,
}

/// The keyword matches of one paragraph, as code-point ranges, and where
/// its clauses break.
pub struct Words<'v> {
    vocab: &'v Vocabulary,
    /// (start, end, pattern index), by start.
    found: Vec<(usize, usize, usize)>,
    /// Code-point offsets of clause breaks (`。；！？` and line ends).
    breaks: Vec<usize>,
}

impl Vocabulary {
    /// The keywords of `schema`'s indicators; an indicator without any uses
    /// those of the same name in the default schema.
    pub fn new(schema: &Schema) -> Vocabulary {
        let defaults = Schema::default_schema();
        let mut patterns = Vec::new();
        let mut labels = Vec::new();
        for def in &schema.indicators {
            let words = if def.keywords.is_empty() {
                defaults
                    .indicator(&def.name)
                    .map_or(&[][..], |d| &d.keywords[..])
            } else {
                &def.keywords[..]
            };
            for w in words {
                patterns.push(fast2s::convert(w));
                labels.push(def.name.clone());
            }
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("keywords build a matcher")
        });
        Vocabulary { matcher, labels }
    }

    /// The keywords found in `text`.
    pub fn matches(&self, text: &str) -> Words<'_> {
        let simplified = fast2s::convert(text);
        let folded = if simplified.chars().count() == text.chars().count() {
            simplified
        } else {
            text.to_owned()
        };
        let chars: Vec<usize> = folded.char_indices().map(|(b, _)| b).collect();
        let char_at = |byte: usize| chars.partition_point(|&b| b < byte);
        let found = self.matcher.as_ref().map_or_else(Vec::new, |m| {
            m.find_iter(&folded)
                .map(|hit| {
                    (
                        char_at(hit.start()),
                        char_at(hit.end()),
                        hit.pattern().as_usize(),
                    )
                })
                .collect()
        });
        let breaks = folded
            .chars()
            .enumerate()
            .filter(|(_, c)| matches!(c, '。' | '；' | ';' | '！' | '？' | '\n'))
            .map(|(i, _)| i)
            .collect();
        Words {
            vocab: self,
            found,
            breaks,
        }
    }
}

impl Words<'_> {
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
        let inside = self.found.iter().find(|&&(s, e, _)| s >= start && e <= end);
        let before = self
            .found
            .iter()
            .filter(|&&(s, e, _)| s >= from && e <= start)
            .max_by_key(|&&(_, e, _)| e);
        let after = || {
            self.found
                .iter()
                .find(|&&(s, _, _)| s >= end && s <= end + AFTER && s < clause_end)
        };
        inside
            .or(before)
            .or_else(after)
            .map(|&(_, _, p)| self.vocab.labels[p].as_str())
    }
}
