//! The compact parts of a [`Paragraph`](super::Paragraph): a million
//! paragraphs must cost little more than their text (issue 18).
//!
//! - [`Text`]: a paragraph's text, a slice of its document's arena (all
//!   the document's paragraph texts in one shared string), not a `String`
//!   of its own;
//! - [`Name`]: a document's path, one shared string for all its paragraphs;
//! - [`Hash`]: a content hash, its 16 hex digits inline.
//!
//! `Name` and `Hash` read as a `&str` (`Deref`); a `Text` is read through
//! [`Text::load`] (its arena may be packed). Each compares with strings
//! and serializes as one.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

mod text;
pub use text::{arena, Loaded, Text};

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
mod tests;
