//! Changing labels in packs: the labels of a pack's range are read as
//! stored (the pack under the range's first key, plus any labels stored
//! alone in the range by builds before packs), changed in memory, and
//! written back as one pack, the labels stored alone removed — all in the
//! caller's one transaction.

use super::{SledStore, Writes};
use crate::store::body::BodyRef;
use crate::store::entries::{decode_placed, stored};
use crate::store::{keys, pack, value, Label, StoreError};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

/// The labels of one pack's range.
pub(super) struct Block {
    doc: String,
    base: u32,
    /// Each labeled paragraph's label, as a version 2 value.
    labels: BTreeMap<u32, Vec<u8>>,
    /// Keys of labels stored alone in the range.
    singles: Vec<Vec<u8>>,
    changed: bool,
}

impl Block {
    /// The label of `para` (in this block's range), decoded.
    pub(super) fn label(&self, store: &SledStore, para: u32) -> Result<Option<Label>, StoreError> {
        self.labels
            .get(&para)
            .map(|bytes| decode_placed(&store.path, &self.doc, para, bytes))
            .transpose()
    }

    /// Set the label of `para` (in this block's range) to the version 2
    /// value `label`, or remove it.
    pub(super) fn set(&mut self, para: u32, label: Option<Vec<u8>>) {
        match label {
            Some(bytes) => self.labels.insert(para, bytes),
            None => self.labels.remove(&para),
        };
        self.changed = true;
    }

    /// Whether writing the block changes what is stored: a change, or
    /// labels stored alone to pack.
    pub(super) fn needs_writing(&self) -> bool {
        self.changed || !self.singles.is_empty()
    }

    /// The writes that store this block: its pack (none when it has no
    /// label), and the removal of the labels stored alone.
    pub(super) fn writes(&self, out: &mut Writes) {
        let base_key = keys::label_key(&self.doc, self.base);
        let pack = (!self.labels.is_empty())
            .then(|| pack::encode(self.labels.iter().map(|(p, v)| (*p, v.as_slice()))));
        // (A label alone under the first key is replaced by the pack.)
        let singles = self.singles.iter().filter(|key| **key != base_key);
        out.extend(singles.map(|key| (key.clone(), None)));
        out.push((base_key, pack));
    }
}

/// The blocks a batch of changes touches, each read once.
#[derive(Default)]
pub(super) struct Blocks {
    blocks: Vec<Block>,
    index: HashMap<(String, u32), usize>,
}

impl Blocks {
    /// The block of paragraph `para` of `doc`, read on first use.
    pub(super) fn of(
        &mut self,
        store: &SledStore,
        doc: &str,
        para: u32,
    ) -> Result<&mut Block, StoreError> {
        let base = pack::base(para);
        let i = match self.index.entry((doc.to_owned(), base)) {
            Entry::Occupied(at) => *at.get(),
            Entry::Vacant(at) => {
                self.blocks.push(store.block(doc, base)?);
                *at.insert(self.blocks.len() - 1)
            }
        };
        Ok(&mut self.blocks[i])
    }

    /// The writes that store every block that needs it.
    pub(super) fn writes(&self) -> Writes {
        let mut out = Writes::new();
        for block in self.blocks.iter().filter(|b| b.needs_writing()) {
            block.writes(&mut out);
        }
        out
    }
}

impl SledStore {
    /// The labels of the range of `doc` starting at `base`, as stored. A
    /// label stored alone is read (and checked) as a whole label, and kept
    /// as its version 2 value.
    pub(super) fn block(&self, doc: &str, base: u32) -> Result<Block, StoreError> {
        let mut block = Block {
            doc: doc.to_owned(),
            base,
            labels: BTreeMap::new(),
            singles: Vec::new(),
            changed: false,
        };
        let first = keys::label_key(doc, base);
        let last = keys::label_key(doc, base + (pack::SIZE - 1));
        let io = self.io("reading the labels");
        for entry in self.labels.range(first.as_slice()..=last.as_slice()) {
            let (key, bytes) = entry.map_err(&io)?;
            let stored = stored(&self.path, &key, &bytes)?;
            for (para, label) in stored.labels {
                // A label stored alone is checked and kept as version 2,
                // the form labels take in a pack.
                let label = if stored.alone {
                    let label = decode_placed(&self.path, doc, para, label)?;
                    value::encode_v2(&BodyRef::new(&label))
                } else {
                    label.to_vec()
                };
                if block.labels.insert(para, label).is_some() {
                    return Err(StoreError::BadValue {
                        path: self.path.clone(),
                        key: keys::describe_label_key(&key),
                        reason: format!("paragraph {para} has a label in a pack and one alone"),
                    });
                }
            }
            if stored.alone {
                block.singles.push(key.to_vec());
            }
        }
        Ok(block)
    }
}
