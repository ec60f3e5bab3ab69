//! What an update of either screen asks the shell to carry out.

use crate::store::Label;

/// I/O the shell performs for an update, in order. (One or two per key
/// press, so the size of `Persist` does not matter.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write (or, with `label: None`, delete) a label and its history entry,
    /// flushed before the next frame.
    Persist {
        seq: u64,
        doc: String,
        para: u32,
        label: Option<Label>,
        action: &'static str,
    },
    /// Write several labels (none deleted) in one transaction, flushed
    /// once: the save queue's changes `first..=last`, queued in bulk (what
    /// the documents arriving ask for: a million paragraphs' unanimous
    /// gold is not written one flush at a time).
    PersistMany {
        first: u64,
        last: u64,
        labels: Vec<Label>,
        action: &'static str,
    },
    /// Keep a label whose text is no longer in the corpus aside (parked,
    /// never dropped), flushed before the next frame.
    Park {
        seq: u64,
        label: Label,
        action: &'static str,
    },
    /// Give the terminal back and stop until `fg`, then draw it all again.
    Suspend,
    Quit,
}
