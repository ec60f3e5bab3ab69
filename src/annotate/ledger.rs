//! Label changes on their way to disk, for both screens: the labels on
//! screen change at once, the change is remembered in flight (and on the
//! undo stack) until the shell reports it saved, and taken back if the
//! store refuses it.

use super::action::Effect;
use super::model::{InFlight, SaveMark, UndoEntry, UndoStep};
use crate::corpus::Paragraph;
use crate::store::Label;

/// A screen model's labels and change bookkeeping, borrowed together.
pub struct Ledger<'a> {
    /// Parallel to `paragraphs`.
    pub labels: &'a mut [Option<Label>],
    pub paragraphs: &'a [Paragraph],
    pub undo: &'a mut Vec<UndoEntry>,
    pub in_flight: &'a mut Option<InFlight>,
    pub save: &'a mut SaveMark,
    pub next_seq: &'a mut u64,
}

impl Ledger<'_> {
    /// Show `label` on paragraph `index` now and ask the shell to write it
    /// (history `action`); `undo` says how the undo stack moved for it.
    pub fn persist(
        self,
        index: usize,
        label: Option<Label>,
        action: &'static str,
        undo: UndoStep,
    ) -> Vec<Effect> {
        let seq = *self.next_seq;
        *self.next_seq += 1;
        let before = std::mem::replace(&mut self.labels[index], label.clone());
        *self.in_flight = Some(InFlight {
            index,
            before,
            undo,
        });
        *self.save = SaveMark::Pending(seq);
        let p = &self.paragraphs[index];
        vec![Effect::Persist {
            seq,
            doc: p.doc.clone(),
            para: p.para as u32,
            label,
            action,
        }]
    }

    /// Take back the change `seq` on screen after the store refused it (and
    /// its move of the undo stack). False if `seq` is not the change in
    /// flight.
    pub fn take_back(self, seq: u64) -> bool {
        if *self.save != SaveMark::Pending(seq) {
            return false;
        }
        let Some(flight) = self.in_flight.take() else {
            return false;
        };
        self.labels[flight.index] = flight.before;
        match flight.undo {
            UndoStep::Pushed => {
                self.undo.pop();
            }
            UndoStep::Popped(entry) => self.undo.push(*entry),
        }
        true
    }

    /// The shell wrote change `seq`.
    pub fn saved(self, seq: u64) {
        if *self.save == SaveMark::Pending(seq) {
            *self.save = SaveMark::Saved;
            *self.in_flight = None;
        }
    }
}
