//! The review screen's update: overwriting a decision already in the gold
//! set — another reviewer's asks first, one's own does not.

mod common;
mod review_update_common;

use biaozhu::review::screen::model::{Mode, Origin};
use biaozhu::review::screen::{update, Action, Model};
use biaozhu::store::Label;
use review_update_common::{at, persisted};

/// The review model with paragraph 2 decided by reviewer `by`.
fn decided_by(by: &str) -> Model {
    let mut model = common::review_model();
    let case = model.cases.iter().find(|c| c.index == 2).unwrap().clone();
    let p = &model.paragraphs[2];
    let mut earlier = Label {
        section: Some("indicator_report".into()),
        indicators: vec!["vaccination_rate".into()],
        done: true,
        updated_at: "2026-11-20T08:15:42.000Z".into(),
        source: Some("adjudicated".into()),
        annotators: case.annotator_names(&model.annotators),
        reviewer: Some(by.into()),
        ..Label::empty(&p.doc, p.para as u32, &p.hash)
    };
    earlier.normalize();
    model.gold[2] = Some(Box::new(earlier.clone()));
    model
}

#[test]
fn overwriting_another_reviewers_decision_asks_first() {
    let mut model = decided_by("zhang.wei");
    update(&mut model, Action::Next);
    assert_eq!(at(&model), 2);
    assert_eq!(model.draft.origin, Origin::Gold);
    let earlier = model.gold[2].clone();

    // Enter on the decision as it stands writes nothing (and moves on).
    assert!(update(&mut model, Action::Decide).is_empty());
    update(&mut model, Action::Prev);
    assert_eq!(at(&model), 2);

    // Taking alice's version: Enter asks, naming who decided and when.
    update(&mut model, Action::Take(0));
    assert!(update(&mut model, Action::Decide).is_empty());
    assert_eq!(model.mode, Mode::Confirm);
    let message = model.message.clone().unwrap();
    assert!(
        message.contains("adjudicated by zhang.wei, 2026-11-20 08:15") && message.contains("y/n"),
        "{message}"
    );
    // Keys other than y/n/Esc do nothing while it asks.
    assert!(update(&mut model, Action::Next).is_empty());
    assert_eq!((model.mode, at(&model)), (Mode::Confirm, 2));
    // n: nothing written, the earlier decision stays.
    assert!(update(&mut model, Action::Cancel).is_empty());
    assert_eq!(model.mode, Mode::Normal);
    assert_eq!(model.gold[2], earlier);
    assert!(model
        .message
        .as_deref()
        .unwrap()
        .contains("not overwritten"));

    // Again, and y: written, by lead; undo brings the earlier one back.
    update(&mut model, Action::Take(0));
    update(&mut model, Action::Decide);
    assert_eq!(model.mode, Mode::Confirm);
    let effects = update(&mut model, Action::Confirm);
    let gold = persisted(&mut model, effects).unwrap();
    assert_eq!(gold.reviewer.as_deref(), Some("lead"));
    assert_eq!(gold.section.as_deref(), Some("achievement"));
    assert_eq!(model.mode, Mode::Normal);
    let effects = update(&mut model, Action::Undo);
    assert_eq!(persisted(&mut model, effects), earlier.map(|b| *b));
}

#[test]
fn overwriting_ones_own_decision_does_not_ask() {
    let mut model = decided_by("lead");
    update(&mut model, Action::Next);
    update(&mut model, Action::Take(0));
    let effects = update(&mut model, Action::Decide);
    assert_eq!(model.mode, Mode::Normal);
    let gold = persisted(&mut model, effects).unwrap();
    assert_eq!(gold.section.as_deref(), Some("achievement"));
}
