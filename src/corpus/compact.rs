//! The compact parts of a [`Paragraph`](super::Paragraph): a million
//! paragraphs must cost little more than their text (issue 18).
//!
//! - [`Text`]: a paragraph's text, a slice of its document's arena (all
//!   the document's paragraph texts in one shared string), not a `String`
//!   of its own;
//! - [`Name`]: a document's path, one shared string for all its paragraphs;
//! - [`Hash`]: a content hash, its 16 hex digits inline.
//!
//! Each reads as a `&str` (`Deref`), compares with strings and serializes
//! as one, so code that read the `String`s reads these unchanged.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Implements reading a type as `&str` through its `as_str`.
macro_rules! str_like {
    ($t:ty) => {
        impl Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
        impl PartialEq for $t {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl Eq for $t {}
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &$t) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $t {
            fn cmp(&self, other: &$t) -> std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }
        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<$t> for str {
            fn eq(&self, other: &$t) -> bool {
                self == other.as_str()
            }
        }
        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                *self == other.as_str()
            }
        }
        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                self == other.as_str()
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> $t {
                <$t>::new(s)
            }
        }
        impl From<String> for $t {
            fn from(s: String) -> $t {
                <$t>::new(&s)
            }
        }
        impl From<&$t> for String {
            fn from(s: &$t) -> String {
                s.as_str().to_owned()
            }
        }
    };
}

/// A document's path, shared by its paragraphs.
#[derive(Clone)]
pub struct Name(Arc<String>);

impl Name {
    pub fn new(s: &str) -> Name {
        Name(Arc::new(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

str_like!(Name);

/// A paragraph's text: `len` bytes at `start` of its document's arena
/// (`len` [`WHOLE`]: all of it, for a text past the offsets' reach).
#[derive(Clone)]
pub struct Text {
    arena: Arc<String>,
    start: u32,
    len: u32,
}

/// The `len` of a text that is its whole arena.
const WHOLE: u32 = u32::MAX;

/// The most an arena holds: its offsets are `u32`s.
const LIMIT: usize = (WHOLE - 1) as usize;

impl Text {
    /// A text of its own (an arena of one).
    pub fn new(s: &str) -> Text {
        Text {
            arena: Arc::new(s.to_owned()),
            start: 0,
            len: WHOLE,
        }
    }

    pub fn as_str(&self) -> &str {
        if self.len == WHOLE {
            return &self.arena;
        }
        let start = self.start as usize;
        &self.arena[start..start + self.len as usize]
    }
}

str_like!(Text);

/// Texts written one after another into as few shared strings as the
/// offsets allow (one, unless they add up past 4 GiB): each text is
/// copied once, and the arena is not copied again when shared.
#[derive(Default)]
struct Arena {
    done: Vec<Text>,
    all: String,
    bounds: Vec<(u32, u32)>,
}

impl Arena {
    /// Add `text`, the next [`Text`] [`finish`](Self::finish) gives.
    fn push(&mut self, text: &str) {
        if text.len() > LIMIT {
            self.flush();
            self.done.push(Text::new(text));
            return;
        }
        if self.all.len() + text.len() > LIMIT {
            self.flush();
        }
        self.bounds.push((self.all.len() as u32, text.len() as u32));
        self.all.push_str(text);
    }

    fn flush(&mut self) {
        if self.bounds.is_empty() {
            return;
        }
        let shared = Arc::new(std::mem::take(&mut self.all));
        self.done
            .extend(self.bounds.drain(..).map(|(start, len)| Text {
                arena: Arc::clone(&shared),
                start,
                len,
            }));
    }

    /// Every text pushed, in order.
    fn finish(mut self) -> Vec<Text> {
        self.flush();
        self.done
    }
}

/// `texts` in one [`Arena`] of exactly their size (an arena grown
/// by doubling would keep up to twice that: shrinking it in place does
/// not give the rest back).
pub fn arena(texts: &[&str]) -> Vec<Text> {
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let mut arena = Arena {
        all: String::with_capacity(total.min(LIMIT)),
        ..Arena::default()
    };
    for t in texts {
        arena.push(t);
    }
    arena.finish()
}

/// A content hash: its hex digits, inline.
#[derive(Clone, Copy)]
pub struct Hash([u8; super::identity::HASH_LEN]);

impl Hash {
    /// `s`'s first [`HASH_LEN`](super::identity::HASH_LEN) bytes; a string
    /// that is not a content hash (shorter, or not ASCII) is kept as the
    /// hash of itself so it never equals a real one by accident.
    pub fn new(s: &str) -> Hash {
        let bytes = s.as_bytes();
        let mut out = [0u8; super::identity::HASH_LEN];
        if bytes.len() == out.len() && s.is_ascii() {
            out.copy_from_slice(bytes);
        } else {
            out.copy_from_slice(super::identity::content_hash(s).as_bytes());
        }
        Hash(out)
    }

    /// The content hash of `text` (as [`content_hash`](super::identity::content_hash)).
    pub fn of(text: &str) -> Hash {
        let v = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        let mut out = [0u8; super::identity::HASH_LEN];
        for (i, d) in out.iter_mut().enumerate() {
            *d = b"0123456789abcdef"[(v >> (60 - 4 * i)) as usize & 0xf];
        }
        Hash(out)
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII goes in.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

str_like!(Hash);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_of_one_arena_read_back_exactly() {
        let parts = [
            "　　全年𠀀，增长5%。",
            "",
            "一、总体情况",
            "ｶﾞ\t\u{1b}😀（",
            "a",
        ];
        let texts = arena(&parts);
        assert_eq!(texts.len(), parts.len());
        for (t, p) in texts.iter().zip(parts) {
            assert_eq!(t.as_str(), p);
            assert_eq!(*t, p);
            assert_eq!(t.chars().count(), p.chars().count());
        }
        // One allocation for all of them.
        assert!(Arc::ptr_eq(&texts[0].arena, &texts[4].arena));
        assert_eq!(
            Text::new("继续推进「十四五」"),
            "继续推进「十四五」".to_owned()
        );
        assert_eq!(format!("{:?}", texts[2]), "\"一、总体情况\"");
        assert_eq!(
            serde_json::to_string(&texts[0]).unwrap(),
            "\"　　全年𠀀，增长5%。\""
        );
    }

    #[test]
    fn names_and_hashes_read_as_strings() {
        let n = Name::new("sub/报告.txt");
        assert_eq!(n, "sub/报告.txt");
        assert_eq!(n.clone(), n);
        assert!(Name::new("a") < Name::new("b"));
        let h = Hash::new("0123456789abcdef");
        assert_eq!(h, "0123456789abcdef");
        assert_eq!(h.len(), 16);
        for t in ["", "　　全年𠀀，增长5%。", "a"] {
            assert_eq!(Hash::of(t), super::super::identity::content_hash(t));
        }
        // Not a content hash: its own hash, never a stray match.
        let odd = Hash::new("短");
        assert_eq!(odd.len(), 16);
        assert_ne!(odd, "短");
        assert_eq!(serde_json::to_string(&h).unwrap(), "\"0123456789abcdef\"");
    }

    #[test]
    fn compact_parts_are_small() {
        assert_eq!(std::mem::size_of::<Text>(), 16);
        assert_eq!(std::mem::size_of::<Name>(), 8);
        assert_eq!(std::mem::size_of::<Hash>(), 16);
        // A paragraph: these, its index and two flags; a label slot a pointer.
        assert_eq!(std::mem::size_of::<super::super::Paragraph>(), 56);
        assert_eq!(std::mem::size_of::<crate::attach::Slot>(), 8);
    }
}
