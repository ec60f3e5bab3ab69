//! One keyword matcher for everything that looks words up in a paragraph
//! (span suggestions, label suggestions): aho-corasick, leftmost-longest,
//! on the paragraph's normalized view ([`Folded`]), hits reported in source
//! code points. Each word carries payloads (what it points at); a word given
//! twice keeps every payload, so `建档立卡` can point at one label and away
//! from another, and being longer it wins over `建档` where both start.

use super::fold::{fold_word, Folded};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// Words and what each points at.
#[derive(Debug, Clone)]
pub struct Keywords<T> {
    matcher: Option<AhoCorasick>,
    /// Per pattern (a distinct folded word), its payloads in the order given.
    payloads: Vec<Vec<T>>,
}

/// One word found: source code points, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'k, T> {
    pub start: usize,
    pub end: usize,
    /// Where the match is in the folded view (characters).
    pub folded_start: usize,
    pub folded_end: usize,
    pub payloads: &'k [T],
}

impl<T> Keywords<T> {
    /// A matcher of `words`, each folded as the text will be; empty words
    /// are left out.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = (S, T)>) -> Keywords<T> {
        let mut patterns: Vec<String> = Vec::new();
        let mut payloads: Vec<Vec<T>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (word, payload) in words {
            let folded = fold_word(word.as_ref().trim());
            if folded.is_empty() {
                continue;
            }
            let i = *index.entry(folded.clone()).or_insert_with(|| {
                patterns.push(folded);
                payloads.push(Vec::new());
                patterns.len() - 1
            });
            payloads[i].push(payload);
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("keywords build a matcher")
        });
        Keywords { matcher, payloads }
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.matcher.is_none()
    }

    /// The words found in `folded`, leftmost-longest, in order.
    pub fn find<'k>(&'k self, folded: &Folded) -> Vec<Hit<'k, T>> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        // Byte offsets → character offsets, in one pass as hits come in order.
        let mut chars = folded.text.char_indices().map(|(b, _)| b).enumerate();
        let mut char_at = |byte: usize| {
            chars
                .by_ref()
                .find(|&(_, b)| b >= byte)
                .map_or(folded.len(), |(i, _)| i)
        };
        let mut out = Vec::new();
        for m in matcher.find_iter(&folded.text) {
            let fs = char_at(m.start());
            let fe = fs + folded.text[m.start()..m.end()].chars().count();
            let (start, end) = folded.source_range(fs, fe);
            out.push(Hit {
                start,
                end,
                folded_start: fs,
                folded_end: fe,
                payloads: &self.payloads[m.pattern().as_usize()],
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(k: &Keywords<&'static str>, text: &str) -> Vec<(usize, usize, Vec<&'static str>)> {
        k.find(&Folded::new(text))
            .into_iter()
            .map(|h| (h.start, h.end, h.payloads.to_vec()))
            .collect()
    }

    #[test]
    fn simplified_traditional_and_full_width_text_match_with_source_offsets() {
        let k = Keywords::new([
            ("健康档案", "records"),
            ("下一步", "plan"),
            ("PM2.5", "air"),
        ]);
        let want = |at: usize| vec![(at, at + 4, vec!["records"])];
        assert_eq!(hits(&k, "建立健康档案"), want(2));
        assert_eq!(hits(&k, "建立健康檔案"), want(2));
        assert_eq!(hits(&k, "　　建立健康檔案"), want(4));
        assert_eq!(hits(&k, "ＰＭ２．５"), vec![(0, 5, vec!["air"])]);
        assert_eq!(hits(&k, "衛(wèi)生下壹步"), vec![]);
        assert_eq!(hits(&k, "衛(wèi)生下一步"), vec![(7, 10, vec!["plan"])]);
    }

    #[test]
    fn longest_wins_and_repeated_words_keep_every_payload() {
        let k = Keywords::new([
            ("建档", "records"),
            ("建档立卡", "poverty"),
            ("建檔立卡", "not records"),
            ("", "nothing"),
        ]);
        assert_eq!(
            hits(&k, "建档立卡贫困户建档"),
            vec![
                (0, 4, vec!["poverty", "not records"]),
                (7, 9, vec!["records"])
            ]
        );
        assert!(Keywords::<u8>::new(Vec::<(&str, u8)>::new()).is_empty());
    }
}
