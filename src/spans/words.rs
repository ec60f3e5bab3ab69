//! Where words begin, for the span mode's word motions: jieba-rs with the
//! schema's indicator keywords added as words (so `接种率|达到|98.5%` splits
//! right), and each number kept whole (`98.5%`, `1.2万人次` are one word).
//!
//! The dictionary takes ~80 ms to load, so it loads once, on first use or
//! ahead of it from a background thread ([`Segmenter::warm`]).

use crate::schema::Schema;
use jieba_rs::Jieba;
use std::sync::OnceLock;

/// A word segmenter for one schema's vocabulary.
pub struct Segmenter {
    jieba: OnceLock<Jieba>,
    /// The schema's keywords, added to the dictionary when it loads.
    keywords: Vec<String>,
}

/// A frequency high enough that a keyword wins over the dictionary's own
/// splits of it.
const KEYWORD_FREQ: usize = 1_000_000;

impl Segmenter {
    pub fn new(schema: &Schema) -> Segmenter {
        let defaults = Schema::default_schema();
        let mut keywords: Vec<String> = schema
            .indicators
            .iter()
            .flat_map(|def| {
                if def.keywords.is_empty() {
                    defaults
                        .indicator(&def.name)
                        .map(|d| d.keywords.clone())
                        .unwrap_or_default()
                } else {
                    def.keywords.clone()
                }
            })
            .collect();
        keywords.sort();
        keywords.dedup();
        Segmenter {
            jieba: OnceLock::new(),
            keywords,
        }
    }

    /// Load the dictionary now (call from a background thread to have it
    /// ready before the first word motion).
    pub fn warm(&self) {
        self.jieba();
    }

    fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| {
            let mut jieba = Jieba::new();
            for w in &self.keywords {
                jieba.add_word(w, Some(KEYWORD_FREQ), None);
            }
            jieba
        })
    }

    /// The code-point offsets where words of `text` begin, ascending, from
    /// 0, and the text's length last. No offset falls inside one of the
    /// `whole` ranges (the numeric values found) or between two characters
    /// of a number.
    pub fn boundaries(&self, text: &str, whole: &[(usize, usize)]) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = vec![0];
        out.extend(self.jieba().cut(text, true).iter().map(|t| t.end));
        out.dedup();
        out.retain(|&b| {
            b == 0
                || b >= chars.len()
                || !(numeric(chars[b - 1]) && numeric(chars[b])
                    || whole.iter().any(|&(s, e)| s < b && b < e))
        });
        if out.last() != Some(&chars.len()) {
            out.push(chars.len());
        }
        out
    }
}

/// A character that belongs to a number: digits, decimal points, percent.
fn numeric(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．' | '%' | '％' | '‰')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, whole: &[(usize, usize)]) -> Vec<String> {
        let seg = Segmenter::new(&Schema::default_schema());
        let chars: Vec<char> = text.chars().collect();
        seg.boundaries(text, whole)
            .windows(2)
            .map(|w| chars[w[0]..w[1]].iter().collect())
            .collect()
    }

    #[test]
    fn keywords_and_numbers_are_whole_words() {
        let w = words("疫苗接种率达到98.5%，签约率45.2%。", &[]);
        assert!(w.contains(&"接种率".to_owned()), "{w:?}");
        assert!(w.contains(&"98.5%".to_owned()), "{w:?}");
        assert!(w.contains(&"45.2%".to_owned()), "{w:?}");
        assert!(w.contains(&"达到".to_owned()), "{w:?}");
    }

    #[test]
    fn values_found_stay_whole() {
        // 诊疗1.2万人次: the value 1.2万人次 is chars 2..8.
        let w = words("诊疗1.2万人次。", &[(2, 8)]);
        assert_eq!(w, vec!["诊疗", "1.2万人次", "。"]);
    }

    #[test]
    fn astral_characters_and_emoji_count_one_each() {
        let text = "𠀀😀接种率98.5%";
        let seg = Segmenter::new(&Schema::default_schema());
        let b = seg.boundaries(text, &[]);
        assert_eq!(*b.last().unwrap(), text.chars().count());
        assert!(b.contains(&2) && b.contains(&5), "{b:?}");
    }

    #[test]
    fn empty_text_has_one_boundary() {
        let seg = Segmenter::new(&Schema::default_schema());
        assert_eq!(seg.boundaries("", &[]), vec![0]);
    }
}
