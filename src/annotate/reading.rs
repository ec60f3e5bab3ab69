//! The corpus arriving while the screen is already up (issue 18): the
//! shell reads it on a thread ([`crate::corpus::background`]) and hands
//! each run of documents over as [`Action::Read`](super::Action::Read);
//! here they join the model, with the annotator's stored labels placed on
//! them as opening the screen did on the whole corpus
//! ([`crate::attach::align`]): a label whose paragraph moved is written
//! under its new index, one whose text went is parked — as changes on
//! the save queue, in order.
//!
//! While reading, the keys work on what has been read: moving, labeling,
//! search (over the documents read), Enter to the next unfinished one
//! read. Counts (`all n/N`) are of what has been read; the status line
//! says `reading 340/1000 files`. The screen resumes where the annotator
//! stopped as soon as that document is in, unless a key was pressed first.

use super::model::{resume_at, Model};
use crate::corpus::background::Batch;
use crate::corpus::doc_range;
use crate::store::Label;
use crate::tui::effect::Effect;
use crate::tui::reading::{Progress, Waiting};
use std::sync::Arc;

pub use crate::tui::reading::Feed;

/// How far reading has got, and what waits for documents not read yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub progress: Progress,
    /// The store's labels of the documents not read yet.
    pub stored: Waiting,
    /// The document of the most recently changed label: where the screen
    /// resumes once it is read.
    pub resume: Option<String>,
    /// A key was pressed: the screen no longer jumps to `resume`.
    pub touched: bool,
}

impl Reading {
    /// Reading `files` files, with the annotator's `stored` labels to place.
    pub fn new(files: usize, stored: Vec<Label>) -> Reading {
        Reading {
            progress: Progress::new(files),
            resume: latest(&stored).map(|l| l.doc.clone()),
            stored: Waiting::new(stored),
            touched: false,
        }
    }

    /// `reading 340/1000 files`.
    pub fn status(&self) -> String {
        self.progress.status()
    }
}

/// The most recently changed label (the first of equal times).
fn latest(labels: &[Label]) -> Option<&Label> {
    labels
        .iter()
        .fold(None, |best: Option<&Label>, l| match best {
            Some(b)
                if super::model::time_key(&b.updated_at)
                    >= super::model::time_key(&l.updated_at) =>
            {
                best
            }
            _ => Some(l),
        })
}

/// Documents read: add them and their labels; the store changes that
/// placing the labels asks for are queued.
pub fn arrive(model: &mut Model, batch: Batch) -> Vec<Effect> {
    let Some(mut reading) = model.reading.take() else {
        return Vec::new();
    };
    reading.progress.advance(&batch);
    let was_empty = model.paragraphs.is_empty();
    let incoming = batch.documents.iter().map(|d| d.paragraphs.len()).sum();
    let paragraphs = Arc::make_mut(&mut model.paragraphs);
    let room = reading
        .progress
        .room(paragraphs.len(), paragraphs.capacity(), incoming);
    paragraphs.reserve_exact(room);
    model.labels.reserve_exact(room);
    let mut effects = Vec::new();
    let mut resumed = false;
    for document in batch.documents {
        let Some(first) = document.paragraphs.first() else {
            continue;
        };
        resumed |= reading.resume.as_deref() == Some(first.doc.as_str());
        let base = model.paragraphs.len();
        let (attached, changes) = reading.stored.place(&document.paragraphs);
        Arc::make_mut(&mut model.paragraphs).extend(document.paragraphs);
        model.labels.extend(attached.labels);
        model.done += (base..model.labels.len())
            .filter(|&i| model.is_done(i))
            .count();
        effects.extend(model.ledger().store(changes));
    }
    if batch.done {
        let gone = reading.stored.gone();
        effects.extend(model.ledger().store(gone));
    }
    if resumed && !reading.touched && !model.paragraphs.is_empty() {
        model.cursor = resume_at(&model.labels);
        let range = doc_range(&model.paragraphs, model.cursor);
        let p = &model.paragraphs[model.cursor];
        model.message = Some(format!(
            "resumed at {} #{}, where you stopped",
            p.doc,
            model.cursor - range.start + 1
        ));
        model.scroll = 0;
    }
    if was_empty || resumed {
        model.refresh_prefill();
    }
    if batch.done {
        finish(model, &reading);
    } else {
        model.reading = Some(reading);
    }
    effects
}

/// Every file read: what happened to the labels, and the order ranked.
fn finish(model: &mut Model, reading: &Reading) {
    let mut notes: Vec<String> = model.message.take().into_iter().collect();
    if reading.stored.moved > 0 {
        notes.push(format!(
            "{} labels followed their moved paragraphs",
            reading.stored.moved
        ));
    }
    if reading.stored.parked > 0 {
        notes.push(format!(
            "{} labels kept aside: their text is no longer in the corpus",
            reading.stored.parked
        ));
    }
    model.message = (!notes.is_empty()).then(|| notes.join("; "));
    model.rank();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{update, Action};
    use crate::corpus::identity::content_hash;
    use crate::schema::Schema;
    use crate::tui::reading::{batch, document};

    fn label(doc: &str, para: u32, text: &str, at: &str) -> Label {
        let mut l = Label::empty(doc, para, &content_hash(text));
        l.section = Some("achievement".into());
        l.updated_at = at.into();
        l
    }

    /// What the shell writes for `effects` (see
    /// [`crate::tui::reading::written`]).
    fn written(model: &mut Model, effects: Vec<Effect>) -> Vec<(String, String, u32, bool)> {
        crate::tui::reading::written(effects, |seq| update(model, Action::Saved(seq)))
    }

    const A: [&str; 3] = [
        "一、总体情况",
        "　　全年𠀀，增长5%。",
        "　　「十四五」ｶﾞ😀。",
    ];

    #[test]
    fn labels_land_as_their_documents_arrive_moved_and_orphans_kept() {
        // The corpus now: a.txt as A; b.txt with its two paragraphs swapped.
        let b_then = ["　　旧的第一段。", "　　旧的第二段。"];
        let stored = vec![
            label("a.txt", 1, A[1], "2026-01-01T00:00:01Z"),
            label("a.txt", 2, "　　改写之前。", "2026-01-01T00:00:02Z"),
            label("b.txt", 0, b_then[0], "2026-01-01T00:00:03Z"),
            label("gone.txt", 4, "　　没了。", "2026-01-01T00:00:04Z"),
        ];
        let mut m = Model::new(Schema::default_schema(), "alice".into(), vec![], vec![]);
        m.reading = Some(Reading::new(3, stored));
        // a.txt first: its label in place, the edited one parked.
        let effects = update(
            &mut m,
            Action::Read(batch(vec![document("a.txt", &A)], 1, false)),
        );
        assert_eq!(m.paragraphs.len(), 3);
        assert!(m.label(1).is_some() && m.label(2).is_none());
        assert_eq!(
            written(&mut m, effects),
            [("orphan".into(), "a.txt".into(), 2, true)]
        );
        assert_eq!(m.reading.as_ref().unwrap().status(), "reading 1/3 files");
        // b.txt: the label follows its paragraph, old key first.
        let b_now = [b_then[1], b_then[0]];
        let effects = update(
            &mut m,
            Action::Read(batch(vec![document("b.txt", &b_now)], 2, false)),
        );
        assert_eq!(m.label(4).map(|l| l.para), Some(1));
        assert_eq!(
            written(&mut m, effects),
            [
                ("relocate".into(), "b.txt".into(), 0, false),
                ("relocate".into(), "b.txt".into(), 1, true)
            ]
        );
        // The end: gone.txt's label parked, the counts said once.
        let effects = update(&mut m, Action::Read(batch(vec![], 3, true)));
        assert_eq!(
            written(&mut m, effects),
            [("orphan".into(), "gone.txt".into(), 4, true)]
        );
        assert!(m.reading.is_none());
        let message = m.message.clone().unwrap_or_default();
        assert!(message.contains("1 labels followed"), "{message}");
        assert!(message.contains("2 labels kept aside"), "{message}");
    }

    #[test]
    fn the_screen_resumes_when_that_document_arrives_unless_a_key_came_first() {
        let stored = vec![label("b.txt", 2, A[2], "2026-01-01T00:00:09Z")];
        for touched in [false, true] {
            let mut m = Model::new(Schema::default_schema(), "alice".into(), vec![], vec![]);
            m.reading = Some(Reading::new(3, stored.clone()));
            update(
                &mut m,
                Action::Read(batch(vec![document("a.txt", &A)], 1, false)),
            );
            assert_eq!(m.cursor, 0);
            if touched {
                update(&mut m, Action::Next);
            }
            let at = m.cursor;
            update(
                &mut m,
                Action::Read(batch(vec![document("b.txt", &A)], 2, false)),
            );
            if touched {
                assert_eq!(m.cursor, at);
            } else {
                assert_eq!(m.cursor, 5, "the label's paragraph: b.txt #3");
                assert!(m
                    .message
                    .as_deref()
                    .unwrap()
                    .contains("resumed at b.txt #3"));
            }
            assert_eq!(m.progress().1, (0, 6));
        }
    }
}
