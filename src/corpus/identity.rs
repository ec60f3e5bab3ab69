//! Paragraph identity across corpus edits. A label stores the paragraph's
//! index and content hash; when the corpus is read again the label goes back
//! to a paragraph with the same hash (the same index if it still matches,
//! else the nearest one) or is reported orphaned — never attached to other text.

use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// Content hash of a paragraph's text: 16 lowercase hex digits (XXH3-64 of
/// the UTF-8 bytes). Stable across runs, platforms and versions.
/// The length of a [`content_hash`]: 16 hex digits.
pub const HASH_LEN: usize = 16;

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
/// nearest free paragraph with their hash (ties to the earlier one), in the
/// order given.
pub fn relocate(labels: &[(usize, &str)], current: &[&str]) -> Vec<Placement> {
    HashIndex::new(current.to_vec()).relocate(labels)
}

/// One document's paragraph hashes, indexed for [`relocate`]: the
/// paragraphs with a given hash are found by binary search in a table
/// sorted by (hash, index), built the first time a label does not match in
/// place (so a document whose labels all stay put costs O(n)). Placing m
/// labels on n paragraphs is O((n + m) log n), however many paragraphs
/// share a text.
#[derive(Debug)]
pub struct HashIndex<'a> {
    /// The hash of each paragraph, in order.
    hashes: Vec<&'a str>,
    /// (hash, index), sorted: each hash's paragraphs together, in order.
    sorted: OnceLock<Vec<(&'a str, usize)>>,
}

impl<'a> HashIndex<'a> {
    /// `hashes`: the hash of each paragraph of the document, in order.
    pub fn new(hashes: Vec<&'a str>) -> HashIndex<'a> {
        HashIndex {
            hashes,
            sorted: OnceLock::new(),
        }
    }

    fn sorted(&self) -> &[(&'a str, usize)] {
        self.sorted.get_or_init(|| {
            let mut v: Vec<(&str, usize)> = self.hashes.iter().copied().zip(0..).collect();
            v.sort_unstable();
            v
        })
    }

    /// The positions in `sorted()` of the paragraphs with `hash`.
    fn with_hash(&self, hash: &str) -> std::ops::Range<usize> {
        let sorted = self.sorted();
        let lo = sorted.partition_point(|&(h, _)| h < hash);
        let hi = lo + sorted[lo..].partition_point(|&(h, _)| h == hash);
        lo..hi
    }

    /// The first paragraph with `hash`, if any.
    pub fn first(&self, hash: &str) -> Option<usize> {
        let range = self.with_hash(hash);
        (!range.is_empty()).then(|| self.sorted()[range.start].1)
    }

    /// [`relocate`] onto this document.
    pub fn relocate(&self, labels: &[(usize, &str)]) -> Vec<Placement> {
        let mut taken = vec![false; self.hashes.len()];
        let mut out = vec![Placement::Orphaned; labels.len()];
        for (k, &(para, hash)) in labels.iter().enumerate() {
            if self.hashes.get(para) == Some(&hash) && !taken[para] {
                taken[para] = true;
                out[k] = Placement::Same(para);
            }
        }
        // Which positions of `sorted()` are free: made from `taken` when a
        // label first needs it, and from then on the one record of it.
        let mut free: Option<Free> = None;
        for (k, &(para, hash)) in labels.iter().enumerate() {
            if out[k] != Placement::Orphaned {
                continue;
            }
            let group = self.with_hash(hash);
            if group.is_empty() {
                continue;
            }
            let sorted = self.sorted();
            let free = free.get_or_insert_with(|| Free::new(sorted.iter().map(|&(_, i)| taken[i])));
            // The group's first paragraph at or after `para`.
            let mid = group.start + sorted[group.clone()].partition_point(|&(_, i)| i < para);
            let left = free.before(mid).filter(|&j| j >= group.start);
            let right = Some(free.at_or_after(mid)).filter(|&j| j < group.end);
            let best = match (left, right) {
                (Some(l), Some(r)) if para - sorted[l].1 <= sorted[r].1 - para => l,
                (_, Some(r)) => r,
                (Some(l), None) => l,
                (None, None) => continue,
            };
            free.take(best);
            out[k] = Placement::Moved(sorted[best].1);
        }
        out
    }
}

/// The free positions among `0..n`, as two union-find "next free" links
/// (with path halving): the nearest free position on either side of any
/// position in near-constant amortized time, however many around it are
/// taken.
struct Free {
    /// `right[j]` leads to the first free position ≥ `j` (`n`: none).
    right: Vec<usize>,
    /// `left[j]` leads to `f + 1` for the last free position `f` < `j`
    /// (0: none).
    left: Vec<usize>,
}

impl Free {
    /// `taken`: for each position, whether it is taken already.
    fn new(taken: impl ExactSizeIterator<Item = bool>) -> Free {
        let n = taken.len();
        let mut free = Free {
            right: (0..=n).collect(),
            left: (0..=n).collect(),
        };
        for (j, taken) in taken.enumerate() {
            if taken {
                free.take(j);
            }
        }
        free
    }

    fn take(&mut self, j: usize) {
        self.right[j] = j + 1;
        self.left[j + 1] = j;
    }

    /// The first free position ≥ `j` (`n` when there is none).
    fn at_or_after(&mut self, j: usize) -> usize {
        root(&mut self.right, j)
    }

    /// The last free position < `j`.
    fn before(&mut self, j: usize) -> Option<usize> {
        root(&mut self.left, j).checked_sub(1)
    }
}

/// Follow `links` from `j` to a position that links to itself, halving the
/// path on the way.
fn root(links: &mut [usize], mut j: usize) -> usize {
    while links[j] != j {
        let next = links[j];
        links[j] = links[next];
        j = next;
    }
    j
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

    /// The rule written out the slow way: in place first, then for each
    /// label in order a scan of every paragraph for the nearest free one.
    fn relocate_by_scan(labels: &[(usize, &str)], current: &[&str]) -> Vec<Placement> {
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
            let best = (0..current.len())
                .filter(|&i| current[i] == hash && !taken[i])
                .min_by_key(|&i| (i.abs_diff(para), i));
            if let Some(i) = best {
                taken[i] = true;
                out[k] = Placement::Moved(i);
            }
        }
        out
    }

    #[test]
    fn the_index_places_as_a_full_scan_does() {
        // Few distinct texts, so most paragraphs share theirs with others.
        let texts = ["a", "b", "c", "d", "e"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2_000 {
            let current: Vec<&str> = (0..next(12)).map(|_| texts[next(5)]).collect();
            let labels: Vec<(usize, &str)> =
                (0..next(12)).map(|_| (next(14), texts[next(5)])).collect();
            assert_eq!(
                relocate(&labels, &current),
                relocate_by_scan(&labels, &current),
                "labels {labels:?} on {current:?}"
            );
        }
    }

    #[test]
    fn many_copies_of_one_text_place_in_near_linear_time() {
        // 100k copies of one text now at 0..100k; 100k labels of it stored
        // at 100k..200k: each finds every nearer copy taken. Scanning for
        // the nearest free copy would take hours.
        const N: usize = 100_000;
        let other: Vec<String> = (0..N).map(|i| format!("other {i}")).collect();
        let current: Vec<&str> = std::iter::repeat_n("0000000000000000", N)
            .chain(other.iter().map(String::as_str))
            .collect();
        let labels: Vec<(usize, &str)> = (N..2 * N).map(|p| (p, "0000000000000000")).collect();
        let start = std::time::Instant::now();
        let placed = relocate(&labels, &current);
        assert!(placed
            .iter()
            .enumerate()
            .all(|(k, &p)| p == Placement::Moved(N - 1 - k)));
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }
}
