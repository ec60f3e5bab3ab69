//! Paragraph identity across corpus edits. A label stores the paragraph's
//! index and content hash; when the corpus is read again the label goes back
//! to a paragraph with the same hash (the same index if it still matches,
//! else the nearest one) or is reported orphaned — never attached to other text.

use xxhash_rust::xxh3::xxh3_64;

/// Content hash of a paragraph's text: 16 lowercase hex digits (XXH3-64 of
/// the UTF-8 bytes). Stable across runs, platforms and versions.
pub fn content_hash(text: &str) -> String {
    format!("{:016x}", xxh3_64(text.as_bytes()))
}

/// Where a stored label lands in the current paragraphs of its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Same index, same text.
    Same(usize),
    /// Same text, now at another index.
    Moved(usize),
    /// No paragraph has this text any more: keep the label, report it.
    Orphaned,
}

impl Placement {
    pub fn index(self) -> Option<usize> {
        match self {
            Placement::Same(i) | Placement::Moved(i) => Some(i),
            Placement::Orphaned => None,
        }
    }
}

/// Place stored labels `(old index, hash)` onto a document whose paragraphs
/// now have `current` hashes. Each paragraph takes at most one label: labels
/// that still match in place are settled first, then the rest go to the
/// nearest free paragraph with their hash (ties to the earlier one).
pub fn relocate(labels: &[(usize, &str)], current: &[&str]) -> Vec<Placement> {
    let mut taken = vec![false; current.len()];
    let mut out = vec![Placement::Orphaned; labels.len()];
    for (k, &(para, hash)) in labels.iter().enumerate() {
        if current.get(para) == Some(&hash) && !taken[para] {
            taken[para] = true;
            out[k] = Placement::Same(para);
        }
    }
    for (k, &(para, hash)) in labels.iter().enumerate() {
        if out[k] != Placement::Orphaned {
            continue;
        }
        let best = current
            .iter()
            .enumerate()
            .filter(|&(i, h)| *h == hash && !taken[i])
            .min_by_key(|&(i, _)| (i.abs_diff(para), i))
            .map(|(i, _)| i);
        if let Some(i) = best {
            taken[i] = true;
            out[k] = Placement::Moved(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| content_hash(t)).collect()
    }

    #[test]
    fn hash_is_stable_and_text_sensitive() {
        assert_eq!(content_hash("衛生"), content_hash("衛生"));
        assert_ne!(content_hash("衛生"), content_hash("卫生"));
        assert_eq!(content_hash("").len(), 16);
        // Pinned: a changed hash function would orphan every stored label.
        assert_eq!(
            content_hash("一、加强领导"),
            format!("{:016x}", xxh3_64("一、加强领导".as_bytes()))
        );
    }

    #[test]
    fn labels_follow_their_text_when_paragraphs_shift() {
        let old = hashes(&["标题", "第一段。", "第二段。", "第三段。"]);
        // A paragraph inserted at the top, the second edited.
        let new = hashes(&[
            "新增的说明。",
            "标题",
            "第一段。",
            "第二段（已修改）。",
            "第三段。",
        ]);
        let labels: Vec<(usize, &str)> = old
            .iter()
            .enumerate()
            .map(|(i, h)| (i, h.as_str()))
            .collect();
        let cur: Vec<&str> = new.iter().map(String::as_str).collect();
        assert_eq!(
            relocate(&labels, &cur),
            vec![
                Placement::Moved(1),
                Placement::Moved(2),
                Placement::Orphaned,
                Placement::Moved(4)
            ]
        );
    }

    #[test]
    fn duplicates_each_take_one_paragraph() {
        let h = content_hash("分享");
        let other = content_hash("正文。");
        let cur = vec![h.as_str(), other.as_str(), h.as_str()];
        // Two labels on two copies of the same text, a third label too many.
        let labels = vec![(2, h.as_str()), (0, h.as_str()), (5, h.as_str())];
        assert_eq!(
            relocate(&labels, &cur),
            vec![Placement::Same(2), Placement::Same(0), Placement::Orphaned]
        );
    }

    #[test]
    fn never_attaches_to_different_text() {
        let cur = hashes(&["甲。", "乙。"]);
        let cur: Vec<&str> = cur.iter().map(String::as_str).collect();
        let gone = content_hash("丙。");
        assert_eq!(relocate(&[(0, &gone)], &cur), vec![Placement::Orphaned]);
    }
}
