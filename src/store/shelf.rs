//! A store's labels kept as stored bytes until their document is wanted
//! (issue 18): a screen opening on a million paragraphs places each
//! document's labels as the document arrives, and until then a label is
//! its version 2 body (about 100 bytes, in one buffer per document), not
//! a [`Label`] of 392 bytes and four to eight strings of its own. The
//! labels of one document are decoded when it is taken; the document's
//! buffer is freed then, so nothing is left behind by the labels placed.
//!
//! Every label is decoded once when shelved, so a damaged value is named
//! when the store is read, as [`super::Store::labels`] names it — never
//! later, on a screen.

use super::body::BodyRef;
use super::entries::decode_placed;
use super::{value, Label, StoreError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A store's labels by document, as version 2 bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shelf {
    /// The store, as messages name it.
    path: PathBuf,
    docs: BTreeMap<String, Shelved>,
    len: usize,
}

/// One document's labels: their bodies one after another, and each
/// one's paragraph and end in `bytes`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Shelved {
    bytes: Vec<u8>,
    ends: Vec<(u32, usize)>,
}

impl Shelf {
    /// An empty shelf for the store at `path` (as messages name it).
    pub fn new(path: &Path) -> Shelf {
        Shelf {
            path: path.to_owned(),
            ..Shelf::default()
        }
    }

    /// `labels` shelved (a store read as labels).
    pub fn of_labels(labels: Vec<Label>) -> Shelf {
        let mut shelf = Shelf::default();
        for label in labels {
            shelf.push(&label.doc, label.para, &body(&label));
        }
        shelf
    }

    /// The label stored as `bytes` at `doc` #`para` (any value version),
    /// decoded once to be sure it can be; its version 2 body shelved.
    pub fn push_stored(&mut self, doc: &str, para: u32, bytes: &[u8]) -> Result<(), StoreError> {
        let label = decode_placed(&self.path, doc, para, bytes)?;
        if value::version(bytes).ok() == Some(2) {
            self.push(doc, para, bytes);
        } else {
            self.push(doc, para, &body(&label));
        }
        Ok(())
    }

    fn push(&mut self, doc: &str, para: u32, bytes: &[u8]) {
        let shelved = match self.docs.get_mut(doc) {
            Some(shelved) => shelved,
            None => self.docs.entry(doc.to_owned()).or_default(),
        };
        shelved.bytes.extend_from_slice(bytes);
        shelved.ends.push((para, shelved.bytes.len()));
        self.len += 1;
    }

    /// How many labels are on the shelf.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The labels of `doc`, in the order shelved (by paragraph, as a
    /// store gives them), taken off the shelf.
    pub fn take(&mut self, doc: &str) -> Vec<Label> {
        match self.docs.remove(doc) {
            Some(shelved) => self.unshelve(doc.to_owned(), shelved),
            None => Vec::new(),
        }
    }

    /// Every label left, by document, taken off the shelf.
    pub fn take_rest(&mut self) -> Vec<Label> {
        std::mem::take(&mut self.docs)
            .into_iter()
            .flat_map(|(doc, shelved)| self.unshelve(doc, shelved))
            .collect()
    }

    fn unshelve(&mut self, doc: String, shelved: Shelved) -> Vec<Label> {
        self.len -= shelved.ends.len();
        let mut start = 0;
        shelved
            .ends
            .iter()
            .map(|&(para, end)| {
                let bytes = &shelved.bytes[start..end];
                start = end;
                // Decoded once already, when shelved.
                decode_placed(&self.path, &doc, para, bytes)
                    .expect("a shelved label decodes as it did when shelved")
            })
            .collect()
    }
}

impl From<Vec<Label>> for Shelf {
    fn from(labels: Vec<Label>) -> Shelf {
        Shelf::of_labels(labels)
    }
}

/// `label`'s version 2 value.
fn body(label: &Label) -> Vec<u8> {
    value::encode_v2(&BodyRef::new(label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Span;

    fn label(doc: &str, para: u32) -> Label {
        let mut l = Label::empty(doc, para, "0123456789abcdef");
        l.updated_at = "2026-12-03T10:00:00Z".into();
        l.section = Some("plan".into());
        l.indicators = vec!["床位数".into()];
        l.spans = vec![Span {
            start: 1,
            end: 3,
            label: "床位数".into(),
        }];
        l.note = Some("备注：「存疑」\u{200b}".into());
        l
    }

    #[test]
    fn labels_come_back_whole_by_document() {
        let labels = vec![label("a.txt", 0), label("a.txt", 4), label("b/c.txt", 2)];
        let mut shelf = Shelf::of_labels(labels.clone());
        assert_eq!(shelf.len(), 3);
        assert_eq!(shelf.take("b/c.txt"), labels[2..].to_vec());
        assert_eq!(shelf.take("b/c.txt"), vec![]);
        assert_eq!(shelf.take("nowhere.txt"), vec![]);
        assert_eq!(shelf.len(), 2);
        assert_eq!(shelf.take_rest(), labels[..2].to_vec());
        assert!(shelf.is_empty());
    }

    #[test]
    fn stored_values_of_either_version_are_shelved_and_damage_is_named() {
        let l = label("a.txt", 7);
        let mut shelf = Shelf::new(Path::new("labels/alice.sled"));
        shelf.push_stored("a.txt", 7, &body(&l)).unwrap();
        shelf
            .push_stored("a.txt", 8, &value::encode(&label("a.txt", 8)))
            .unwrap();
        let err = shelf.push_stored("a.txt", 9, b"{\"v\":2,").unwrap_err();
        assert!(err.to_string().contains("labels/alice.sled"), "{err}");
        assert_eq!(shelf.take("a.txt"), vec![l, label("a.txt", 8)]);
    }
}
