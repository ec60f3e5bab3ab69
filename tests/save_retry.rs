//! A change the store refuses (a full disk) stays on screen and at the head
//! of a queue; it is tried again every second and on Ctrl-R, later changes
//! wait behind it and are written after it, in order, with no restart.
//! Driven through the shell's own path ([`terminal::apply`]: update, then
//! every effect carried out against the store with its result fed back)
//! with a store that refuses its first writes, on both screens and the
//! Chinese fixtures (full-width punctuation, 𠀀, emoji, ｶﾞ, a tab, ESC).

mod common;

use biaozhu::store::{HistoryEntry, Label, LabelStore, StoreError};
use biaozhu::tui::key::Key;
use biaozhu::tui::terminal::{apply, Flow, Screen};
use std::collections::BTreeMap;

/// A store in memory that refuses its first `refuse` writes as a full disk
/// does, then keeps every write in order.
struct FullDisk {
    refuse: usize,
    attempts: usize,
    /// (doc, para, section, action) of each write that went through.
    written: Vec<(String, u32, Option<String>, String)>,
    labels: BTreeMap<(String, u32), Label>,
}

impl FullDisk {
    fn refusing(refuse: usize) -> FullDisk {
        FullDisk {
            refuse,
            attempts: 0,
            written: Vec::new(),
            labels: BTreeMap::new(),
        }
    }
}

impl LabelStore for FullDisk {
    fn annotator(&self) -> &str {
        "alice"
    }

    fn get(&self, doc: &str, para: u32) -> Result<Option<Label>, StoreError> {
        Ok(self.labels.get(&(doc.to_owned(), para)).cloned())
    }

    fn put(
        &mut self,
        doc: &str,
        para: u32,
        label: Option<&Label>,
        action: &str,
    ) -> Result<(), StoreError> {
        self.attempts += 1;
        if self.attempts <= self.refuse {
            return Err(StoreError::Io {
                path: "labels/alice.sled".into(),
                op: "write",
                source: std::io::Error::from_raw_os_error(28),
            });
        }
        let key = (doc.to_owned(), para);
        match label {
            Some(l) => self.labels.insert(key, l.clone()),
            None => self.labels.remove(&key),
        };
        let section = label.and_then(|l| l.section.clone());
        self.written
            .push((doc.to_owned(), para, section, action.to_owned()));
        Ok(())
    }

    fn labels(&self) -> Result<Vec<Label>, StoreError> {
        Ok(self.labels.values().cloned().collect())
    }

    fn park_many(&mut self, _: &[Label], _: &str) -> Result<(), StoreError> {
        Ok(())
    }

    fn parked(&self) -> Result<Vec<Label>, StoreError> {
        Ok(Vec::new())
    }

    fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        Ok(Vec::new())
    }
}

/// A key pressed, as the shell does it: the keymap, then [`apply`].
fn press<S: Screen>(model: &mut S, store: &mut FullDisk, key: Key) -> Flow {
    let action = model.resolve(key).expect("the key does something");
    apply(model, store, action)
}

/// The shell's clock at `ms`.
fn tick<S: Screen>(model: &mut S, store: &mut FullDisk, ms: u64) -> Flow {
    let wall = format!("2026-12-02T10:00:{:02}.000Z", ms / 1000);
    apply(model, store, S::ticked(ms, wall))
}

/// The status line (the last row) at 120×30.
fn status<S: Screen>(model: &mut S) -> String {
    let screen = common::screen(model, 120, 30);
    screen.lines().last().unwrap_or("").to_owned()
}

#[test]
fn annotate_keeps_refused_changes_retries_them_and_writes_all_in_order() {
    let mut m = common::model();
    let mut store = FullDisk::refusing(3);
    tick(&mut m, &mut store, 0);
    // Paragraph 1 (一、2023年工作成效): heading, indicator 1, accept; then
    // paragraph 2 (full-width punctuation): achievement.
    press(&mut m, &mut store, Key::Char('j'));
    press(&mut m, &mut store, Key::Char('h'));
    assert_eq!(store.attempts, 1, "the first change was tried");
    assert!(
        status(&mut m).contains("NOT SAVED (1 change waits, Ctrl-R)"),
        "{}",
        status(&mut m)
    );
    press(&mut m, &mut store, Key::Char('1'));
    press(&mut m, &mut store, Key::Enter);
    press(&mut m, &mut store, Key::Char('a'));
    assert_eq!(
        store.attempts, 1,
        "later changes wait behind the refused one"
    );
    assert_eq!(m.unsaved(), 4);
    assert!(status(&mut m).contains("NOT SAVED (4 changes wait, Ctrl-R)"));
    // What is on screen is what was typed.
    assert_eq!(m.label(1).unwrap().section.as_deref(), Some("heading"));
    assert!(m.label(1).unwrap().done);
    assert_eq!(m.label(2).unwrap().section.as_deref(), Some("achievement"));

    // Not yet a second after the failure: no try; at the second: a try.
    tick(&mut m, &mut store, 900);
    assert_eq!(store.attempts, 1);
    tick(&mut m, &mut store, 1000);
    assert_eq!(store.attempts, 2);
    // Ctrl-R tries at once (refused a third time).
    press(&mut m, &mut store, Key::Ctrl('r'));
    assert_eq!(store.attempts, 3);
    assert!(store.written.is_empty());
    // The disk has room again: the next tick writes everything, in order.
    tick(&mut m, &mut store, 2000);
    assert_eq!(m.unsaved(), 0);
    assert!(status(&mut m).ends_with("saved"), "{}", status(&mut m));
    let doc = "a/报告甲.txt".to_owned();
    let heading = Some("heading".to_owned());
    assert_eq!(
        store.written,
        vec![
            (doc.clone(), 1, heading.clone(), "section".into()),
            (doc.clone(), 1, heading.clone(), "indicator".into()),
            (doc.clone(), 1, heading, "accept".into()),
            (doc.clone(), 2, Some("achievement".into()), "section".into()),
        ]
    );
    assert_eq!(store.labels.get(&(doc.clone(), 1)), m.label(1));
    assert_eq!(store.labels.get(&(doc, 2)), m.label(2));
    // Nothing is tried again once all is saved.
    tick(&mut m, &mut store, 5000);
    assert_eq!(store.attempts, 7);
}

#[test]
fn annotate_quit_with_changes_waiting_warns_and_a_second_q_quits() {
    let mut m = common::model();
    let mut store = FullDisk::refusing(2);
    press(&mut m, &mut store, Key::Char('h'));
    let flow = press(&mut m, &mut store, Key::Char('q'));
    assert!(!flow.quit, "the first q tries again and stays");
    assert_eq!(store.attempts, 2);
    let shown = status(&mut m);
    assert!(shown.contains("1 change not saved yet"), "{shown}");
    assert!(press(&mut m, &mut store, Key::Char('q')).quit);

    // The try on q goes through: q quits at once.
    let mut m = common::model();
    let mut store = FullDisk::refusing(1);
    press(&mut m, &mut store, Key::Char('h'));
    assert!(press(&mut m, &mut store, Key::Char('q')).quit);
    assert_eq!(store.written.len(), 1);
}

#[test]
fn review_keeps_refused_decisions_and_writes_them_in_order() {
    let mut m = common::review_model();
    let mut store = FullDisk::refusing(2);
    tick(&mut m, &mut store, 0);
    let first = m.case().unwrap().index;
    press(&mut m, &mut store, Key::F(1));
    press(&mut m, &mut store, Key::Enter);
    let second = m.case().unwrap().index;
    press(&mut m, &mut store, Key::F(2));
    press(&mut m, &mut store, Key::Enter);
    assert_eq!(store.attempts, 1);
    assert_eq!(m.unsaved(), 2);
    assert!(m.gold[first].is_some() && m.gold[second].is_some());
    assert!(
        status(&mut m).contains("NOT SAVED (2 changes wait, Ctrl-R)"),
        "{}",
        status(&mut m)
    );
    press(&mut m, &mut store, Key::Ctrl('r'));
    assert_eq!(store.attempts, 2);
    tick(&mut m, &mut store, 1000);
    assert_eq!(m.unsaved(), 0);
    let paras: Vec<u32> = store.written.iter().map(|w| w.1).collect();
    let expected: Vec<u32> = [first, second]
        .iter()
        .map(|&i| m.paragraphs[i].para as u32)
        .collect();
    assert_eq!(paras, expected);
    assert!(store.written.iter().all(|w| w.3 == "adjudicate"));
}
