//! Code-point offsets into a paragraph and their UTF-16 equivalents.
//!
//! Labels store spans as code-point offsets (`end` exclusive, DESIGN.md §1).
//! The exporters need the slice a span covers, a span clamped to the text,
//! and, for doccano, the same offsets counted in UTF-16 code units (a
//! character outside the Basic Multilingual Plane, such as `𠀀` or `😀`,
//! counts 2 there and 1 here).

use crate::store::Span;

/// The code-point boundaries of one text, built once per paragraph.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of each code point, plus `text.len()`: `len() + 1` entries.
    bytes: Vec<usize>,
    /// UTF-16 offset of each code point, plus the total: `len() + 1` entries.
    utf16: Vec<u32>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut units = 0u32;
        for (at, c) in text.char_indices() {
            bytes.push(at);
            utf16.push(units);
            units += c.len_utf16() as u32;
        }
        bytes.push(text.len());
        utf16.push(units);
        CharIndex { text, bytes, utf16 }
    }

    /// The number of code points.
    pub fn len(&self) -> u32 {
        (self.bytes.len() - 1) as u32
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `text[start..end]` by code points; both must be `<= len()`.
    pub fn slice(&self, start: u32, end: u32) -> &'a str {
        &self.text[self.bytes[start as usize]..self.bytes[end as usize]]
    }

    /// The UTF-16 offset of code point `at` (`<= len()`).
    pub fn utf16(&self, at: u32) -> u32 {
        self.utf16[at as usize]
    }

    /// The code point at `at` (`< len()`) as a string slice.
    pub fn char_at(&self, at: u32) -> &'a str {
        self.slice(at, at + 1)
    }

    /// `span`'s offsets with `end` cut to the text; `None` when nothing of
    /// the text is left (empty, reversed or past the end). Labels made on
    /// this text never need the cut: their hash matched it.
    pub fn clamp(&self, span: &Span) -> Option<(u32, u32)> {
        let end = span.end.min(self.len());
        (span.start < end).then_some((span.start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: u32, end: u32) -> Span {
        Span {
            start,
            end,
            label: "x".into(),
        }
    }

    #[test]
    fn code_points_and_utf16() {
        let t = CharIndex::new("a𠀀率😀，b");
        assert_eq!(t.len(), 6);
        assert_eq!(t.slice(1, 3), "𠀀率");
        assert_eq!(t.char_at(3), "😀");
        let units: Vec<u32> = (0..=6).map(|i| t.utf16(i)).collect();
        assert_eq!(units, [0, 1, 3, 4, 6, 7, 8]);
        assert_eq!("a𠀀率😀，b".encode_utf16().count(), 8);
    }

    #[test]
    fn clamping() {
        let t = CharIndex::new("一二三");
        assert_eq!(t.clamp(&span(1, 2)), Some((1, 2)));
        assert_eq!(t.clamp(&span(1, 9)), Some((1, 3)));
        assert_eq!(t.clamp(&span(2, 2)), None);
        assert_eq!(t.clamp(&span(3, 5)), None);
        assert_eq!(t.clamp(&span(2, 1)), None);
        assert!(CharIndex::new("").is_empty());
    }
}
