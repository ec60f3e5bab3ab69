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
use crate::attach::CorpusIndex;
use crate::corpus::background::{Batch, Reader};
use crate::corpus::doc_range;
use crate::store::Label;
use crate::tui::effect::Effect;
use std::collections::HashMap;
use std::sync::Arc;

/// How far reading has got, and what waits for documents not read yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// Files read, of `files`.
    pub read: usize,
    pub files: usize,
    /// The store's labels of the documents not read yet, by document.
    pub stored: HashMap<String, Vec<Label>>,
    /// The document of the most recently changed label: where the screen
    /// resumes once it is read.
    pub resume: Option<String>,
    /// A key was pressed: the screen no longer jumps to `resume`.
    pub touched: bool,
    /// Labels that followed their moved paragraph, and labels parked.
    pub moved: usize,
    pub parked: usize,
}

impl Reading {
    /// Reading `files` files, with the annotator's `stored` labels to place.
    pub fn new(files: usize, stored: Vec<Label>) -> Reading {
        let resume = latest(&stored).map(|l| l.doc.clone());
        let mut by_doc: HashMap<String, Vec<Label>> = HashMap::new();
        for label in stored {
            by_doc.entry(label.doc.clone()).or_default().push(label);
        }
        Reading {
            files,
            stored: by_doc,
            resume,
            ..Reading::default()
        }
    }

    /// `reading 340/1000 files`.
    pub fn status(&self) -> String {
        format!("reading {}/{} files", self.read, self.files)
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

/// The shell's reading thread, which the screen asks for news at each
/// tick; two are equal when they are the same one.
#[derive(Clone)]
pub struct Feed(pub Arc<Reader>);

impl PartialEq for Feed {
    fn eq(&self, other: &Feed) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Feed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Feed")
    }
}

/// Documents read: add them and their labels; the store changes that
/// placing the labels asks for are queued.
pub fn arrive(model: &mut Model, batch: Batch) -> Vec<Effect> {
    let Some(mut reading) = model.reading.take() else {
        return Vec::new();
    };
    reading.read = batch.read;
    reading.files = batch.files;
    let was_empty = model.paragraphs.is_empty();
    let mut effects = Vec::new();
    let mut resumed = false;
    for document in batch.documents {
        let Some(first) = document.paragraphs.first() else {
            continue;
        };
        let stored = reading
            .stored
            .remove(first.doc.as_str())
            .unwrap_or_default();
        resumed |= reading.resume.as_deref() == Some(first.doc.as_str());
        let base = model.paragraphs.len();
        let attached = CorpusIndex::new(&document.paragraphs).attach(stored);
        Arc::make_mut(&mut model.paragraphs).extend(document.paragraphs);
        model.labels.extend(attached.labels);
        model.done += (base..model.labels.len())
            .filter(|&i| model.is_done(i))
            .count();
        // As `align`: every old key of a moved label goes before any is
        // written again; then the orphans are parked.
        for (_, old) in &attached.moved {
            let key = (old.doc.clone(), old.para);
            effects.extend(model.ledger().store_only(key, None, "relocate", false));
        }
        for (i, _) in &attached.moved {
            let label = model.labels[base + i].as_deref().cloned();
            let p = &model.paragraphs[base + i];
            let key = (p.doc.to_string(), p.para as u32);
            effects.extend(model.ledger().store_only(key, label, "relocate", false));
        }
        for orphan in attached.orphaned.iter().cloned() {
            let key = (orphan.doc.clone(), orphan.para);
            effects.extend(model.ledger().store_only(key, Some(orphan), "orphan", true));
        }
        reading.moved += attached.moved.len();
        reading.parked += attached.orphaned.len();
    }
    if batch.done {
        // Labels of documents no longer in the corpus: parked too.
        let gone: Vec<Label> = reading.stored.drain().flat_map(|(_, l)| l).collect();
        reading.parked += gone.len();
        for orphan in gone {
            let key = (orphan.doc.clone(), orphan.para);
            effects.extend(model.ledger().store_only(key, Some(orphan), "orphan", true));
        }
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
    if reading.moved > 0 {
        notes.push(format!(
            "{} labels followed their moved paragraphs",
            reading.moved
        ));
    }
    if reading.parked > 0 {
        notes.push(format!(
            "{} labels kept aside: their text is no longer in the corpus",
            reading.parked
        ));
    }
    model.message = (!notes.is_empty()).then(|| notes.join("; "));
    model.rank();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{update, Action};
    use crate::corpus::document::build;
    use crate::corpus::identity::content_hash;
    use crate::corpus::{CorpusOptions, Document, SourceEncoding};
    use crate::schema::Schema;

    fn doc(name: &str, texts: &[&str]) -> Document {
        let text: String = texts.iter().map(|t| format!("{t}\n")).collect();
        build(name, &text, SourceEncoding::Utf8, &CorpusOptions::default())
    }

    fn label(doc: &str, para: u32, text: &str, at: &str) -> Label {
        let mut l = Label::empty(doc, para, &content_hash(text));
        l.section = Some("achievement".into());
        l.updated_at = at.into();
        l
    }

    fn batch(documents: Vec<Document>, read: usize, done: bool) -> Batch {
        Batch {
            documents,
            read,
            files: 3,
            done,
        }
    }

    /// What the shell writes for `effects`, each reported saved in turn:
    /// (what, doc, para, parked).
    fn written(model: &mut Model, mut effects: Vec<Effect>) -> Vec<(String, String, u32, bool)> {
        let mut out = Vec::new();
        while let Some(effect) = effects.pop() {
            let (seq, entry) = match effect {
                Effect::Persist {
                    seq,
                    doc,
                    para,
                    label,
                    action,
                } => (seq, (action.to_owned(), doc, para, label.is_some())),
                Effect::Park { seq, label, action } => {
                    (seq, (action.to_owned(), label.doc, label.para, true))
                }
                other => panic!("{other:?}"),
            };
            out.push(entry);
            effects.extend(update(model, Action::Saved(seq)));
        }
        out
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
            Action::Read(batch(vec![doc("a.txt", &A)], 1, false)),
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
            Action::Read(batch(vec![doc("b.txt", &b_now)], 2, false)),
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
                Action::Read(batch(vec![doc("a.txt", &A)], 1, false)),
            );
            assert_eq!(m.cursor, 0);
            if touched {
                update(&mut m, Action::Next);
            }
            let at = m.cursor;
            update(
                &mut m,
                Action::Read(batch(vec![doc("b.txt", &A)], 2, false)),
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
