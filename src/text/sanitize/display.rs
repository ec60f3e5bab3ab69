//! [`Display`]: the sanitized text and its map back to the source, with the
//! ranges between the two.

use std::ops::Range;

/// Sanitized text ready for the terminal, with a map back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Display {
    /// The text to draw: no control, bidi or invisible format characters.
    pub text: String,
    /// `map[i]` is the source index (in code points) of the character that
    /// produced display character `i`; `map.len()` equals the display
    /// character count and the map never decreases.
    pub map: Vec<usize>,
}

impl Display {
    /// The source code-point range behind display characters
    /// `display_start..display_end` (end exclusive). A range that covers part
    /// of a character's stand-in (one space of an expanded tab, the `◌` of an
    /// inserted base) covers the whole source character. Indices past the end
    /// are clamped; an empty range maps to an empty range at the source
    /// position of `display_start`.
    pub fn source_range(&self, display_start: usize, display_end: usize) -> Range<usize> {
        let end = display_end.min(self.map.len());
        let start = display_start.min(end);
        if start == end {
            let at = self.source_at(start);
            return at..at;
        }
        let last = self.map.get(end - 1).map_or(0, |&s| s + 1);
        self.source_at(start)..last
    }

    /// The display character range showing source code points
    /// `source_start..source_end`: the inverse of [`Display::source_range`].
    /// Indices past the end are clamped.
    pub fn display_range(&self, source_start: usize, source_end: usize) -> Range<usize> {
        let source_end = source_end.max(source_start);
        let start = self.map.partition_point(|&s| s < source_start);
        let end = self.map.partition_point(|&s| s < source_end);
        start..end
    }

    /// Source code-point index where display character `i` begins; the
    /// source length when `i` is the display length.
    fn source_at(&self, i: usize) -> usize {
        match self.map.get(i) {
            Some(&s) => s,
            None => self.map.last().map_or(0, |&s| s + 1),
        }
    }
}
