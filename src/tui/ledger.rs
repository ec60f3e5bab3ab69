//! Label changes on their way to disk, for both screens: the labels on
//! screen change at once and the change joins a queue the shell writes in
//! order. A change the store refuses (a full disk) stays on screen and at
//! the head of the queue, tried again every [`RETRY_MS`] and on Ctrl-R;
//! later changes wait behind it, never overtaking it. [`SaveMark`] says
//! whether the last change is on disk (the status line shows it).

use super::effect::Effect;
use crate::attach::Slot;
use crate::corpus::Paragraph;
use crate::store::Label;
use std::collections::VecDeque;

/// How long after a failed write it is tried again (session ms).
pub const RETRY_MS: u64 = 1000;

/// Whether the last change is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveMark {
    /// Nothing changed yet this session.
    Idle,
    /// Written and flushed.
    Saved,
    /// A change is on its way to disk (never drawn: the shell saves first).
    Pending(u64),
    /// The store refused the first unsaved change; it is tried again.
    Failed(String),
}

/// A change shown on screen, to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: u64,
    pub doc: String,
    pub para: u32,
    /// The label to write; None deletes (back to unlabeled).
    pub label: Option<Label>,
    /// The history entry's action.
    pub action: &'static str,
    /// Park `label` (an orphan) instead of writing it at its key.
    pub park: bool,
    /// Queued in bulk: written together with the bulk writes next to it
    /// ([`Effect::PersistMany`]).
    pub bulk: bool,
}

impl Change {
    fn effect(&self) -> Effect {
        if let (true, Some(label)) = (self.park, &self.label) {
            return Effect::Park {
                seq: self.seq,
                label: label.clone(),
                action: self.action,
            };
        }
        Effect::Persist {
            seq: self.seq,
            doc: self.doc.clone(),
            para: self.para,
            label: self.label.clone(),
            action: self.action,
        }
    }
}

/// A change to the store asked for without a label on screen changing
/// (see [`Ledger::store`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreChange {
    pub doc: String,
    pub para: u32,
    pub label: Option<Label>,
    pub action: &'static str,
    pub park: bool,
}

/// The changes not yet on disk, oldest first: the first is being written
/// or was refused; the others wait behind it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsaved {
    pub changes: VecDeque<Change>,
    /// When the refused first change is tried again (session ms).
    pub retry_at_ms: u64,
    /// `q` was pressed with changes waiting: the next `q` quits anyway.
    pub quit_warned: bool,
    /// `q` tried the waiting changes again: quit if they all get saved.
    pub quit_when_saved: bool,
}

impl Unsaved {
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// The changes, oldest first, as a store keeps them.
    pub fn unsent(&self) -> Vec<crate::store::Unsent<'_>> {
        self.changes
            .iter()
            .map(|c| crate::store::Unsent {
                doc: &c.doc,
                para: c.para,
                label: c.label.as_ref(),
                action: c.action,
                park: c.park,
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// A screen model's labels and change bookkeeping, borrowed together.
pub struct Ledger<'a> {
    /// Parallel to `paragraphs`.
    pub labels: &'a mut [Slot],
    pub paragraphs: &'a [Paragraph],
    pub unsaved: &'a mut Unsaved,
    pub save: &'a mut SaveMark,
    pub next_seq: &'a mut u64,
    /// The status line's message.
    pub message: &'a mut Option<String>,
    /// A count kept as labels change: how many `counts` (the labeling
    /// screen's paragraphs done), so no frame counts a million labels.
    pub tally: Option<Tally<'a>>,
}

/// A count and what it counts (see [`Ledger::tally`]).
pub type Tally<'a> = (&'a mut usize, fn(Option<&Label>) -> bool);

impl Ledger<'_> {
    /// Show `label` on paragraph `index` now and queue it for the shell to
    /// write (history `action`): written at once, unless a refused change
    /// is waiting, which it then follows.
    pub fn persist(
        mut self,
        index: usize,
        label: Option<Label>,
        action: &'static str,
    ) -> Vec<Effect> {
        let (doc, para) = self.show(index, &label);
        self.queue(doc, para, label, action, false)
    }

    /// Show `label` on paragraph `index` now (the tally kept): its key.
    fn show(&mut self, index: usize, label: &Option<Label>) -> (String, u32) {
        if let Some((n, counts)) = self.tally.as_mut() {
            **n = **n - usize::from(counts(self.labels[index].as_deref()))
                + usize::from(counts(label.as_ref()));
        }
        self.labels[index] = label.clone().map(Box::new);
        let p = &self.paragraphs[index];
        (p.doc.to_string(), p.para as u32)
    }

    /// Queue changes to the store that are not the labels shown: each
    /// `label` written at `doc`#`para` (None: that key deleted) or, with
    /// `park`, parked. What opening the screen does to labels whose
    /// paragraphs moved or went ([`crate::attach::align`]), done as the
    /// documents are read ([`super::reading`]).
    pub fn store(self, changes: Vec<StoreChange>) -> Vec<Effect> {
        let idle = self.unsaved.changes.is_empty();
        for c in changes {
            let seq = *self.next_seq;
            *self.next_seq += 1;
            self.unsaved.changes.push_back(Change {
                seq,
                doc: c.doc,
                para: c.para,
                label: c.label,
                action: c.action,
                park: c.park,
                bulk: true,
            });
        }
        if idle {
            return self.write_first();
        }
        Vec::new()
    }

    fn queue(
        self,
        doc: String,
        para: u32,
        label: Option<Label>,
        action: &'static str,
        park: bool,
    ) -> Vec<Effect> {
        let seq = *self.next_seq;
        *self.next_seq += 1;
        self.unsaved.changes.push_back(Change {
            seq,
            doc,
            para,
            label,
            action,
            park,
            bulk: false,
        });
        if self.unsaved.changes.len() > 1 {
            return Vec::new();
        }
        self.write_first()
    }

    /// The shell wrote change `seq`: the next waiting one, if any, is
    /// written now.
    pub fn saved(self, seq: u64) -> Vec<Effect> {
        // A bulk write ends at `seq`: every change up to it is written.
        if self.unsaved.changes.front().is_none_or(|c| c.seq > seq) {
            return Vec::new();
        }
        while self.unsaved.changes.front().is_some_and(|c| c.seq <= seq) {
            self.unsaved.changes.pop_front();
        }
        if self.unsaved.changes.is_empty() {
            *self.save = SaveMark::Saved;
            self.unsaved.quit_warned = false;
            if std::mem::take(&mut self.unsaved.quit_when_saved) {
                return vec![Effect::Quit];
            }
            return Vec::new();
        }
        self.write_first()
    }

    /// The store refused change `seq` (`message` says why): it stays on
    /// screen and first in the queue, tried again from `now_ms` +
    /// [`RETRY_MS`].
    pub fn failed(self, seq: u64, message: String, now_ms: u64) {
        if self.unsaved.changes.front().map(|c| c.seq) == Some(seq) {
            *self.save = SaveMark::Failed(message);
            self.unsaved.retry_at_ms = now_ms + RETRY_MS;
            self.unsaved.quit_when_saved = false;
        }
    }

    /// Try the refused change again now (Ctrl-R); nothing if none was
    /// refused.
    pub fn retry(self) -> Vec<Effect> {
        if matches!(self.save, SaveMark::Failed(_)) && !self.unsaved.changes.is_empty() {
            return self.write_first();
        }
        Vec::new()
    }

    /// The clock moved to `now_ms`: try the refused change again when due.
    pub fn tick(self, now_ms: u64) -> Vec<Effect> {
        if now_ms >= self.unsaved.retry_at_ms {
            return self.retry();
        }
        Vec::new()
    }

    /// `q`: quit, unless changes are waiting to be saved and this is the
    /// first `q` since they began to: then they are tried again (quitting
    /// if they all get saved) and the status line says so.
    pub fn quit(self) -> Vec<Effect> {
        if self.unsaved.changes.is_empty() || self.unsaved.quit_warned {
            return vec![Effect::Quit];
        }
        self.unsaved.quit_warned = true;
        self.unsaved.quit_when_saved = true;
        *self.message = Some(format!(
            "{} not saved yet: Ctrl-R tries again, q again quits and loses {}",
            changes(self.unsaved.len()),
            if self.unsaved.len() == 1 {
                "it"
            } else {
                "them"
            }
        ));
        self.retry()
    }

    /// The first waiting change to write: with the bulk writes of the
    /// same action that follow it, when it is one.
    fn write_first(self) -> Vec<Effect> {
        let Some(first) = self.unsaved.changes.front() else {
            return Vec::new();
        };
        *self.save = SaveMark::Pending(first.seq);
        let writes = |c: &&Change| c.bulk && !c.park && c.label.is_some();
        if !writes(&first) {
            return vec![first.effect()];
        }
        let run: Vec<&Change> = self
            .unsaved
            .changes
            .iter()
            .take_while(|c| writes(c) && c.action == first.action)
            .take(crate::attach::CHUNK)
            .collect();
        match &run[..] {
            [one] => vec![one.effect()],
            [.., last] => vec![Effect::PersistMany {
                first: first.seq,
                last: last.seq,
                labels: run.iter().filter_map(|c| c.label.clone()).collect(),
                action: first.action,
            }],
            [] => Vec::new(),
        }
    }

    /// Queue `writes` (paragraph index, label — None deletes — and
    /// history action) as [`persist`](Self::persist) does each, in bulk:
    /// consecutive writes go to the store together
    /// ([`Effect::PersistMany`]).
    pub fn persist_all(mut self, writes: Vec<(usize, Option<Label>, &'static str)>) -> Vec<Effect> {
        let changes = writes
            .into_iter()
            .map(|(index, label, action)| {
                let (doc, para) = self.show(index, &label);
                StoreChange {
                    doc,
                    para,
                    label,
                    action,
                    park: false,
                }
            })
            .collect();
        self.store(changes)
    }
}

/// `1 change`, `3 changes`.
pub fn changes(n: usize) -> String {
    if n == 1 {
        "1 change".to_owned()
    } else {
        format!("{n} changes")
    }
}
