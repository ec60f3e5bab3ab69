//! The normalized view of a paragraph that keyword matching and the
//! suggestion features read: Traditional characters folded to Simplified
//! (fast2s, one character for one), full-width ASCII forms to half-width
//! (`ＡＢ１２％` → `AB12%`, the ideographic space to a space) and pinyin
//! glosses (`衛(wèi)生`) left out — with a map from every folded character
//! back to its code point in the source, so matches are reported in the
//! offsets labels use.

use crate::corpus::clean::remove_glosses;

/// A paragraph's normalized view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each character of `text`, the code-point offset of the source
    /// character it came from; one more entry: the source's length.
    origin: Vec<u32>,
}

/// `c` with a full-width ASCII form made half-width (`Ａ` → `A`, `１` →
/// `1`, `％` → `%`, U+3000 → space); any other character as it is.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// `word` folded as [`Folded`] folds text (for keywords).
pub fn fold_word(word: &str) -> String {
    fast2s::convert(word).chars().map(half_width).collect()
}

impl Folded {
    pub fn new(source: &str) -> Folded {
        let (stripped, removed) = remove_glosses(source);
        // fast2s maps one character to one, so positions are kept.
        let simplified = fast2s::convert(&stripped);
        let mut text = String::with_capacity(simplified.len());
        let mut origin = Vec::with_capacity(simplified.len() / 2 + 1);
        if removed == 0 {
            for (i, c) in simplified.chars().enumerate() {
                text.push(half_width(c));
                origin.push(i as u32);
            }
            origin.push(origin.len() as u32);
        } else {
            // The stripped text is the source less its glosses: walk the
            // source alongside it, stepping over what was removed.
            let mut src = source.chars().enumerate();
            let mut kept = stripped.chars();
            for c in simplified.chars() {
                let want = kept.next();
                let at = src
                    .by_ref()
                    .find(|&(_, s)| Some(s) == want)
                    .map_or(0, |(i, _)| i);
                text.push(half_width(c));
                origin.push(at as u32);
            }
            origin.push(source.chars().count() as u32);
        }
        Folded { text, origin }
    }

    /// The number of folded characters.
    pub fn len(&self) -> usize {
        self.origin.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The source code-point range of folded characters `start..end`
    /// (`end` exclusive): from the first one's source character to just
    /// after the last one's.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.len();
        let (start, end) = (start.min(last), end.min(last));
        if end <= start {
            let at = self.origin[start] as usize;
            return (at, at);
        }
        (
            self.origin[start] as usize,
            self.origin[end - 1] as usize + 1,
        )
    }

    /// The source code-point offset of folded character `i` (the source's
    /// length at the end).
    pub fn source_offset(&self, i: usize) -> usize {
        self.origin[i.min(self.len())] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_full_width_fold_with_offsets_kept() {
        let f = Folded::new("衛生ＡＢ１２％　檔案");
        assert_eq!(f.text, "卫生AB12% 档案");
        assert_eq!(f.len(), 10);
        assert_eq!(f.source_range(8, 10), (8, 10));
    }

    #[test]
    fn glosses_are_left_out_and_offsets_point_past_them() {
        let source = "衛(wèi)生檔案";
        let f = Folded::new(source);
        assert_eq!(f.text, "卫生档案");
        // 档案 is at folded 2..4, source 7..9.
        assert_eq!(f.source_range(2, 4), (7, 9));
        assert_eq!(f.source_range(0, 2), (0, 7));
        assert_eq!(f.source_offset(4), 9);
        let chars: Vec<char> = source.chars().collect();
        assert_eq!(chars[7..9].iter().collect::<String>(), "檔案");
    }

    #[test]
    fn empty_and_out_of_range() {
        let f = Folded::new("");
        assert!(f.is_empty());
        assert_eq!(f.source_range(0, 5), (0, 0));
        assert_eq!(fold_word("健康檔案１"), "健康档案1");
    }
}
