//! The review screen's update: decisions, provenance, navigation, undo,
//! failed writes — pure, no terminal, no store.

mod common;
mod review_update_common;

use biaozhu::review::screen::model::{Filter, Origin, Sort};
use biaozhu::review::screen::{update, Action, Model};
use biaozhu::tui::effect::Effect;
use biaozhu::tui::ledger::SaveMark;
use common::review_model;
use review_update_common::{at, persisted, ticked};

#[test]
fn queue_opens_at_the_most_disagreement_without_unanimous_paragraphs() {
    let model = review_model();
    // 4: three sections, indicators {}/{inf}/{} → 1 + 2/3; 2: 2/3 + 5/9;
    // 8: 0 + 1. Unanimous 6 is in gold, not in the queue.
    let order: Vec<usize> = model.order.iter().map(|&c| model.cases[c].index).collect();
    assert_eq!(order, [4, 2, 8]);
    assert_eq!(at(&model), 4);
    assert_eq!(model.draft.origin, Origin::Majority);
    assert_eq!(
        model.draft.choice.section, None,
        "4 has no majority section"
    );
    assert!(model.gold[6].as_ref().unwrap().source.as_deref() == Some("unanimous"));
    assert_eq!(model.progress(), (0, 3));
}

#[test]
fn three_ways_to_decide_each_with_its_provenance() {
    let mut model = review_model();
    ticked(&mut model, 1_000);

    // No majority section on 4: Enter is refused with the section keys,
    // nothing written.
    assert!(update(&mut model, Action::Decide).is_empty());
    let message = model.message.clone().unwrap();
    assert!(
        message.contains("needs a section type") && message.contains("h o a i p f b x"),
        "{message}"
    );
    assert_eq!(at(&model), 4, "still on the paragraph");
    // Take bob's version (Alt-2) and decide: adjudicated.
    update(&mut model, Action::Take(1));
    assert_eq!(model.draft.origin, Origin::Annotator(1));
    ticked(&mut model, 4_000);
    let effects = update(&mut model, Action::Decide);
    let gold = persisted(&mut model, effects).unwrap();
    assert_eq!(gold.para, 4);
    assert_eq!(gold.section.as_deref(), Some("problem"));
    assert_eq!(gold.indicators, ["infectious_disease"]);
    assert_eq!(gold.source.as_deref(), Some("adjudicated"));
    assert_eq!(gold.annotators, ["alice", "bob", "carol"]);
    assert_eq!(gold.reviewer.as_deref(), Some("lead"));
    assert_eq!(gold.updated_at, "2026-11-23T09:00:00.000Z");
    assert_eq!(gold.duration_ms, Some(4_000));
    assert!(gold.done);

    // 2: the majority (achievement + vaccination_rate) is pre-selected.
    assert_eq!(at(&model), 2);
    assert_eq!(model.draft.origin, Origin::Majority);
    let effects = update(&mut model, Action::Decide);
    let gold = persisted(&mut model, effects).unwrap();
    assert_eq!(
        (gold.section.as_deref(), gold.indicators.as_slice()),
        (Some("achievement"), &["vaccination_rate".to_owned()][..])
    );
    assert_eq!(gold.source.as_deref(), Some("majority"));

    // 8: edit with the label keys (5 = maternal_child), then Esc drops the
    // edit, then edit again and decide: adjudicated, by two annotators.
    assert_eq!(at(&model), 8);
    update(&mut model, Action::ToggleIndicator(4));
    assert_eq!(model.draft.origin, Origin::Edited);
    update(&mut model, Action::Majority);
    assert_eq!(model.draft.origin, Origin::Majority);
    assert!(model.draft.choice.indicators.is_empty());
    update(&mut model, Action::ToggleIndicator(4));
    let effects = update(&mut model, Action::Decide);
    let gold = persisted(&mut model, effects).unwrap();
    assert_eq!(gold.indicators, ["maternal_child"]);
    assert_eq!(gold.source.as_deref(), Some("adjudicated"));
    assert_eq!(gold.annotators, ["alice", "bob"]);
    assert_eq!(model.progress(), (3, 3));
    assert!(model.message.as_deref().unwrap().contains("all 3 of 3"));
}

#[test]
fn undo_takes_a_decision_back_and_a_failed_write_is_undone_on_screen() {
    let mut model = review_model();
    update(&mut model, Action::Take(0));
    let effects = update(&mut model, Action::Decide);
    persisted(&mut model, effects);
    assert_eq!(at(&model), 2);

    let effects = update(&mut model, Action::Undo);
    assert_eq!(persisted(&mut model, effects), None, "gold on 4 removed");
    assert_eq!(at(&model), 4, "undo goes back to the paragraph");
    assert!(model.gold[4].is_none());
    assert_eq!(model.draft.origin, Origin::Majority);
    assert!(update(&mut model, Action::Undo).is_empty());
    assert_eq!(model.message.as_deref(), Some("nothing to undo"));

    // The store refuses a decision: it stays on screen, queued, and is
    // written on Ctrl-R.
    update(&mut model, Action::Take(2));
    let effects = update(&mut model, Action::Decide);
    let Effect::Persist { seq, .. } = effects[0] else {
        panic!()
    };
    update(
        &mut model,
        Action::SaveFailed {
            seq,
            message: "disk full".into(),
        },
    );
    assert!(model.gold[4].is_some());
    assert_eq!(model.undo.len(), 1);
    assert_eq!(model.unsaved.len(), 1);
    assert_eq!(model.save, SaveMark::Failed("disk full".into()));
    let again = update(&mut model, Action::Retry);
    assert_eq!(again, effects);
    assert_eq!(
        persisted(&mut model, again),
        model.gold[4].as_deref().cloned()
    );
    assert!(model.unsaved.is_empty());
}

#[test]
fn filter_sort_and_resume() {
    let mut model = review_model();
    update(&mut model, Action::Take(0));
    let effects = update(&mut model, Action::Decide);
    persisted(&mut model, effects);

    // Undecided only: 4 is skipped.
    update(&mut model, Action::CycleFilter);
    assert_eq!(model.filter, Filter::Undecided);
    update(&mut model, Action::First);
    assert_eq!(at(&model), 2);
    update(&mut model, Action::CycleFilter);
    update(&mut model, Action::First);
    assert_eq!(at(&model), 4);
    assert_eq!(
        model.draft.origin,
        Origin::Gold,
        "a decided paragraph shows its gold"
    );
    // Enter on a decided paragraph writes nothing and moves on.
    assert!(update(&mut model, Action::Decide).is_empty());
    assert_eq!(at(&model), 2);

    // Corpus order keeps the paragraph under the cursor.
    update(&mut model, Action::ToggleSort);
    assert_eq!(model.sort, Sort::Corpus);
    assert_eq!(at(&model), 2);
    update(&mut model, Action::First);
    assert_eq!(at(&model), 2);
    update(&mut model, Action::Next);
    assert_eq!(at(&model), 4);

    // Reopened with the gold stored so far: at the first undecided.
    let reopened = Model::new(
        model.schema.clone(),
        "lead".into(),
        model.annotators.clone(),
        model.paragraphs.clone(),
        model.cases.clone(),
        model.gold.clone(),
    );
    assert_eq!(at(&reopened), 2);
    assert_eq!(reopened.progress(), (1, 3));
}

#[test]
fn taking_a_missing_version_or_annotator_says_so() {
    let mut model = review_model();
    update(&mut model, Action::Last);
    assert_eq!(at(&model), 8);
    update(&mut model, Action::Take(2));
    assert_eq!(
        model.message.as_deref(),
        Some("carol did not label this paragraph")
    );
    update(&mut model, Action::Take(5));
    assert!(model.message.as_deref().unwrap().contains("no annotator 6"));
    assert_eq!(model.draft.origin, Origin::Majority);
}
