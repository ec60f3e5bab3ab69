//! Shared by the review screen's update tests (`review_update*.rs`): the
//! clock ticked, the cursor's paragraph, a decision's write, the queue walked.
#![allow(dead_code)]

use biaozhu::review::screen::{update, Action, Model};
use biaozhu::store::Label;
use biaozhu::tui::effect::Effect;
use biaozhu::tui::ledger::SaveMark;

pub fn ticked(model: &mut Model, ms: u64) {
    update(
        model,
        Action::Tick {
            ms,
            wall: "2026-11-23T09:00:00.000Z".to_owned(),
        },
    );
}

/// The paragraph index at the cursor.
pub fn at(model: &Model) -> usize {
    model.case().unwrap().index
}

/// The one label a decision persisted (and the shell's "saved").
pub fn persisted(model: &mut Model, effects: Vec<Effect>) -> Option<Label> {
    let [Effect::Persist {
        seq, label, para, ..
    }] = effects.as_slice()
    else {
        panic!("expected one write: {effects:?}");
    };
    assert_eq!(model.save, SaveMark::Pending(*seq));
    update(model, Action::Saved(*seq));
    assert_eq!(model.save, SaveMark::Saved);
    assert_eq!(
        label.as_ref().map(|l| l.para),
        label.as_ref().map(|_| *para)
    );
    label.clone()
}

/// Annotator `a`'s label on paragraph `i` of [`common::review_labels`].
pub fn label_of(labels: &mut [Vec<Option<Label>>], a: usize, i: usize) -> &mut Label {
    labels[a][i].as_mut().unwrap()
}

/// Step through the queue from its start to paragraph `index`.
pub fn go_to(model: &mut Model, index: usize) {
    update(model, Action::First);
    while at(model) != index {
        update(model, Action::Next);
        assert!(model.message.is_none(), "{index} is not in the queue");
    }
}

/// The schema index of section `name`.
pub fn section(model: &Model, name: &str) -> usize {
    model
        .schema
        .sections
        .iter()
        .position(|d| d.name == name)
        .unwrap()
}
