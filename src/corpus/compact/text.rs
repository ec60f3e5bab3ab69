//! A paragraph's text: a slice of its document's arena, which is plain
//! or packed ([`super::super::packed`]) and read through [`Text::load`].

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

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
    Packed(super::super::packed::Packed),
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
                    let Some(packed) = super::super::packed::Packed::new(plain) else {
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
        s.to_string()
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

#[cfg(test)]
mod tests;
