//! The undo history both screens keep: an entry for each label change.

use crate::store::Label;

/// One undoable change: the paragraph and its label before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    pub index: usize,
    pub before: Option<Label>,
}
