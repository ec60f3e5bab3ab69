//! What a screen needs for its span mode, built once per schema and shared
//! cheaply: the suggestion detector and the word segmenter.

use super::words::Segmenter;
use super::{Detector, Suggestion};
use crate::schema::Schema;
use std::sync::Arc;

/// The detector and the segmenter of one schema. Clones share them;
/// two kits are equal when they share them.
#[derive(Clone)]
pub struct Kit {
    detector: Arc<Detector>,
    words: Arc<Segmenter>,
}

impl Kit {
    pub fn new(schema: &Schema) -> Kit {
        Kit {
            detector: Arc::new(Detector::new(schema)),
            words: Arc::new(Segmenter::new(schema)),
        }
    }

    /// The suggestions of `text`, in order.
    pub fn detect(&self, text: &str) -> Vec<Suggestion> {
        self.detector.detect(text)
    }

    /// Where the words of `text` begin (and its length last), each value
    /// of `found` kept whole.
    pub fn words(&self, text: &str, found: &[Suggestion]) -> Vec<usize> {
        let whole: Vec<(usize, usize)> = found
            .iter()
            .map(|s| (s.start as usize, s.end as usize))
            .collect();
        self.words.boundaries(text, &whole)
    }

    /// Load the segmenter's dictionary on a background thread, so the
    /// first word motion does not wait for it.
    pub fn warm_in_background(&self) {
        let words = Arc::clone(&self.words);
        std::thread::spawn(move || words.warm());
    }
}

impl PartialEq for Kit {
    fn eq(&self, other: &Kit) -> bool {
        Arc::ptr_eq(&self.detector, &other.detector) && Arc::ptr_eq(&self.words, &other.words)
    }
}

impl std::fmt::Debug for Kit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kit")
    }
}
