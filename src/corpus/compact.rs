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
/// Read it with [`load`](Text::load): the arena may be packed.
#[derive(Clone)]
pub struct Text {
    arena: Arc<Arena>,
    start: u32,
    len: u32,
}

/// The `len` of a text that is its whole arena.
const WHOLE: u32 = u32::MAX;

/// The most an arena holds: its offsets are `u32`s.
const LIMIT: usize = (WHOLE - 1) as usize;

/// A document's texts, one after another: as they are, or packed.
enum Arena {
    Plain(Arc<String>),
    Packed(super::packed::Packed),
}

impl Arena {
    fn unpacked(&self) -> Arc<String> {
        match self {
            Arena::Plain(s) => Arc::clone(s),
            Arena::Packed(p) => p.unpack(),
        }
    }
}

impl Text {
    /// A text of its own (an arena of one).
    pub fn new(s: &str) -> Text {
        Text {
            arena: Arc::new(Arena::Plain(Arc::new(s.to_owned()))),
            start: 0,
            len: WHOLE,
        }
    }

    /// The text, readable as a `&str` while the returned value lives (a
    /// packed arena is unpacked, or found unpacked, for it).
    pub fn load(&self) -> Loaded {
        Loaded {
            whole: self.arena.unpacked(),
            start: self.start,
            len: self.len,
        }
    }

    /// The text as a `String` of its own.
    pub fn to_owned_string(&self) -> String {
        self.load().to_string()
    }

    /// Whether this text's arena is packed.
    pub fn is_packed(&self) -> bool {
        matches!(*self.arena, Arena::Packed(_))
    }

    /// The same texts, their arenas packed (each arena once, however
    /// many texts share it): a document kept for a long time in little
    /// memory. Texts already packed stay as they are.
    pub fn pack_all<'a>(texts: impl IntoIterator<Item = &'a mut Text>) {
        let mut last: Option<(*const Arena, Arc<Arena>)> = None;
        for text in texts {
            let Arena::Plain(plain) = &*text.arena else {
                continue;
            };
            let key = Arc::as_ptr(&text.arena);
            let packed = match &last {
                Some((k, packed)) if *k == key => Arc::clone(packed),
                _ => {
                    let Some(packed) = super::packed::Packed::new(plain) else {
                        continue;
                    };
                    let packed = Arc::new(Arena::Packed(packed));
                    last = Some((key, Arc::clone(&packed)));
                    packed
                }
            };
            text.arena = packed;
        }
    }
}

/// A [`Text`] loaded: reads as a `&str`.
#[derive(Clone)]
pub struct Loaded {
    whole: Arc<String>,
    start: u32,
    len: u32,
}

impl Loaded {
    pub fn as_str(&self) -> &str {
        if self.len == WHOLE {
            return &self.whole;
        }
        let start = self.start as usize;
        // An arena unpacked empty (see `packed`) reads empty.
        self.whole
            .get(start..start + self.len as usize)
            .unwrap_or_default()
    }
}

impl Deref for Loaded {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Default for Loaded {
    fn default() -> Loaded {
        Loaded::from("")
    }
}

impl From<&str> for Loaded {
    fn from(s: &str) -> Loaded {
        Text::new(s).load()
    }
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Loaded) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Loaded {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Debug for Loaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<&str> for Loaded {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl AsRef<str> for Loaded {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Loaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        (Arc::ptr_eq(&self.arena, &other.arena)
            && self.start == other.start
            && self.len == other.len)
            || *self.load() == *other.load()
    }
}
impl Eq for Text {}
impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.load() == other
    }
}
impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.load() == *other
    }
}
impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &*self.load() == other
    }
}
impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        other == self
    }
}
impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        other == self
    }
}
impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        other == self
    }
}
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.load())
    }
}
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.load(), f)
    }
}
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.load())
    }
}
impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new(s)
    }
}
impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new(&s)
    }
}
impl From<&Text> for String {
    fn from(s: &Text) -> String {
        s.to_owned_string()
    }
}

/// Texts written one after another into as few shared strings as the
/// offsets allow (one, unless they add up past 4 GiB): each text is
/// copied once, and the arena is not copied again when shared.
#[derive(Default)]
struct Builder {
    done: Vec<Text>,
    all: String,
    bounds: Vec<(u32, u32)>,
}

impl Builder {
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
        let shared = Arc::new(Arena::Plain(Arc::new(std::mem::take(&mut self.all))));
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

/// `texts` in one arena of exactly their size (an arena grown
/// by doubling would keep up to twice that: shrinking it in place does
/// not give the rest back).
pub fn arena(texts: &[&str]) -> Vec<Text> {
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let mut arena = Builder {
        all: String::with_capacity(total.min(LIMIT)),
        ..Builder::default()
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
            assert_eq!(t.load().as_str(), p);
            assert_eq!(*t, p);
            assert_eq!(t.load().chars().count(), p.chars().count());
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
    fn packed_texts_read_back_exactly_and_pack_once_a_document() {
        let parts = [
            "　　全年𠀀，增长5%。".repeat(50),
            String::new(),
            "一、总体情况".to_owned(),
            "ｶﾞ\t\u{1b}😀（「十四五」）".repeat(20),
        ];
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let mut texts = arena(&parts);
        let mut other = arena(&["第二个文件。"]);
        Text::pack_all(texts.iter_mut().chain(other.iter_mut()));
        assert!(texts.iter().all(Text::is_packed) && other[0].is_packed());
        for (t, p) in texts.iter().zip(&parts) {
            assert_eq!(t.load().as_str(), *p);
            assert_eq!(t, p);
        }
        assert_eq!(other[0], "第二个文件。");
        // One packed arena a document, not one a text.
        assert!(Arc::ptr_eq(&texts[0].arena, &texts[3].arena));
        assert!(!Arc::ptr_eq(&texts[0].arena, &other[0].arena));
        let Arena::Packed(packed) = &*texts[0].arena else {
            panic!("packed");
        };
        let plain: usize = parts.iter().map(|p| p.len()).sum();
        assert!(
            packed.packed_len() * 3 < plain,
            "{} of {plain}",
            packed.packed_len()
        );
        // Loaded twice while held: one unpacked arena.
        let (a, b) = (texts[0].load(), texts[2].load());
        assert!(Arc::ptr_eq(&a.whole, &b.whole));
        // Packing again changes nothing.
        Text::pack_all(texts.iter_mut());
        assert_eq!(texts[2], "一、总体情况");
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
