//! Writing: each change checked and given its own key, sent at once or kept
//! in the outbox while the server is out of reach; the outbox and `ahead`
//! bookkeeping of put and keep (the screen's retries and later puts of
//! changes the outbox already sent).

use super::change::{Op, Pending, Write};
use super::lock::host_name;
use super::PgStore;
use crate::store::{keys, Label, StoreError, Unsent};

impl PgStore {
    /// The next change's own key.
    fn change_key(&mut self) -> String {
        self.next_change += 1;
        format!("{}:{}", self.session, self.next_change)
    }

    /// `op` of each label at its own paragraph, all in one transaction,
    /// after what the outbox keeps.
    pub(super) fn write_each(
        &mut self,
        labels: &[Label],
        action: &str,
        op: for<'l> fn(&'l Label) -> Op<'l>,
    ) -> Result<(), StoreError> {
        if labels.is_empty() {
            return Ok(());
        }
        let labels: Vec<Label> = labels
            .iter()
            .map(|l| check(&l.doc, l.para, Some(l)).map(|l| l.expect("a label")))
            .collect::<Result<_, _>>()?;
        self.send_waiting()?;
        let writes: Vec<Write> = labels
            .iter()
            .map(|l| Write {
                change: self.change_key(),
                doc: &l.doc,
                para: l.para,
                op: op(l),
                action,
            })
            .collect();
        self.send(&writes)
    }

    /// Send every change the outbox keeps, then empty it; returns them.
    pub(super) fn send_outbox(&mut self) -> Result<Vec<Pending>, StoreError> {
        let pending = self.outbox.pending().to_vec();
        let writes: Vec<Write> = pending.iter().map(Pending::write).collect();
        match self.send(&writes) {
            Ok(()) => {
                self.outbox.clear()?;
                Ok(pending)
            }
            Err(e) => Err(self.kept(e)),
        }
    }

    /// A change as the outbox keeps it, with a new key (checked and
    /// normalized as a put is).
    fn pending(
        &mut self,
        doc: &str,
        para: u32,
        label: Option<&Label>,
        action: &str,
        park: bool,
    ) -> Result<Pending, StoreError> {
        Ok(Pending {
            label: check(doc, para, label)?,
            change: self.change_key(),
            doc: doc.to_owned(),
            para,
            action: action.to_owned(),
            park,
        })
    }

    /// `e` with where the waiting changes are kept, when it says the
    /// server is out of reach.
    pub(super) fn kept(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Unreachable { target, reason, .. } if !self.outbox.is_empty() => {
                let n = self.outbox.len();
                StoreError::Unreachable {
                    target,
                    reason,
                    kept: format!(
                        "; {} kept in {}, sent when it answers",
                        crate::text::count::plural(n, "change"),
                        crate::text::sanitize::plain_path(self.outbox.path())
                    ),
                }
            }
            e => e,
        }
    }

    /// Try to send what the outbox keeps now.
    pub fn send_waiting(&mut self) -> Result<(), StoreError> {
        self.ahead.clear();
        if self.outbox.is_empty() {
            return Ok(());
        }
        self.send_outbox().map(drop)
    }

    /// Committed on the server before it returns. When the server cannot
    /// be reached the change is kept in the outbox (on stable storage) and
    /// [`StoreError::Unreachable`] says so: the screen does not show it
    /// saved, and tries it again; that retry (the same change) sends the
    /// outbox instead of keeping it twice.
    pub(super) fn put(
        &mut self,
        doc: &str,
        para: u32,
        label: Option<&Label>,
        action: &str,
    ) -> Result<(), StoreError> {
        let change = self.pending(doc, para, label, action, false)?;
        let same = |p: &Pending| p.same_as(&change);
        // Sent already, with the changes kept before it.
        if self.ahead.front().is_some_and(same) {
            self.ahead.pop_front();
            return Ok(());
        }
        self.ahead.clear();
        // The screen's retry of the first change kept: the outbox goes.
        let retried = self.outbox.pending().first().is_some_and(same);
        if !retried {
            if self.outbox.is_empty() {
                return match self.send(&[change.write()]) {
                    Err(e @ StoreError::Unreachable { .. }) => {
                        // Kept, and said so; the screen's retry sends it.
                        self.outbox.push(change)?;
                        Err(self.kept(e))
                    }
                    done => done,
                };
            }
            // Others wait before it: kept behind them, then all sent in order.
            self.outbox.push(change)?;
            return self.send_outbox().map(drop);
        }
        let sent = self.send_outbox()?;
        // The screen puts the ones after it again, in order: done already.
        self.ahead = sent.into_iter().skip(1).collect();
        Ok(())
    }

    /// The changes after the ones the outbox keeps (and after those it
    /// sent that the screen has not put again), kept too.
    pub(super) fn keep(&mut self, unsent: &[Unsent<'_>]) -> Result<(), StoreError> {
        let mut unsent_here = Vec::with_capacity(unsent.len());
        for u in unsent {
            unsent_here.push(self.pending(u.doc, u.para, u.label, u.action, u.park)?);
        }
        let known = self.ahead.len() + self.outbox.len();
        let in_step = unsent_here
            .iter()
            .zip(self.ahead.iter().chain(self.outbox.pending()))
            .all(|(u, p)| u.same_as(p));
        if !in_step || unsent_here.len() <= known {
            return Ok(());
        }
        for change in unsent_here.into_iter().skip(known) {
            self.outbox.push(change)?;
        }
        Ok(())
    }
}

/// Check a put's doc and label as sled does.
fn check(doc: &str, para: u32, label: Option<&Label>) -> Result<Option<Label>, StoreError> {
    keys::check_doc(doc).map_err(|reason| StoreError::InvalidDoc {
        doc: doc.to_owned(),
        reason,
    })?;
    let Some(label) = label else {
        return Ok(None);
    };
    if label.doc != doc || label.para != para {
        return Err(StoreError::Mismatch {
            doc: doc.to_owned(),
            para,
            label_doc: label.doc.clone(),
            label_para: label.para,
        });
    }
    let mut label = label.clone();
    label.normalize();
    Ok(Some(label))
}

/// A key for this session's changes: unlike any other session's (the
/// time in nanoseconds, the process id and the host, hashed).
pub(super) fn session_key() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!("{nanos}/{}/{}", std::process::id(), host_name());
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(seed.as_bytes()))
}
