//! Filling an empty store with another store's contents as they are
//! (`biaozhu import --from-store`): labels, parked labels and every history
//! entry with its own seq, time and author.

use super::block::Blocks;
use super::{check_doc, SledStore, Writes};
use crate::store::body::BodyRef;
use crate::store::{keys, value, Contents, StoreError};

/// Entries per commit.
const CHUNK: usize = 4096;

impl SledStore {
    pub(super) fn copy_contents(&mut self, contents: &Contents) -> Result<(), StoreError> {
        self.ready_to_write()?;
        if !self.labels.is_empty() || !self.orphans.is_empty() || self.next_seq != 0 {
            return Err(StoreError::NotEmpty {
                path: self.path.clone(),
            });
        }
        for chunk in contents.history.chunks(CHUNK) {
            let history: Writes = chunk
                .iter()
                .map(|h| (keys::history_key(h.seq).to_vec(), Some(value::encode(h))))
                .collect();
            self.commit(
                Writes::new(),
                history,
                Writes::new(),
                chunk.len(),
                "copying the history in",
            )?;
        }
        if let Some(last) = contents.history.last() {
            self.next_seq = last.seq + 1;
        }
        for chunk in contents.labels.chunks(CHUNK) {
            let mut blocks = Blocks::default();
            for label in chunk {
                check_doc(&label.doc)?;
                let block = blocks.of(self, &label.doc, label.para)?;
                block.set(label.para, Some(value::encode_v2(&BodyRef::new(label))));
            }
            self.commit(
                blocks.writes(),
                Writes::new(),
                Writes::new(),
                0,
                "copying labels in",
            )?;
        }
        if !contents.parked.is_empty() {
            // Parked as `park` parks them, without history entries of their own.
            let orphans: Writes = contents
                .parked
                .iter()
                .map(|label| {
                    let mut key = keys::label_key(&label.doc, label.para);
                    key.extend_from_slice(label.hash.as_bytes());
                    (key, Some(value::encode(label)))
                })
                .collect();
            self.commit(
                Writes::new(),
                Writes::new(),
                orphans,
                0,
                "copying parked labels in",
            )?;
        }
        Ok(())
    }
}
