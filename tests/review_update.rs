//! The review screen's update: decisions, provenance, navigation, undo,
//! failed writes — pure, no terminal, no store.

mod common;

use biaozhu::review::screen::model::{Filter, Mode, Origin, Sort};
use biaozhu::review::screen::{update, Action, Model};
use biaozhu::store::Label;
use biaozhu::tui::effect::Effect;
use biaozhu::tui::ledger::SaveMark;
use common::review_model;

fn ticked(model: &mut Model, ms: u64) {
    update(
        model,
        Action::Tick {
            ms,
            wall: "2026-11-23T09:00:00.000Z".to_owned(),
        },
    );
}

/// The paragraph index at the cursor.
fn at(model: &Model) -> usize {
    model.case().unwrap().index
}

/// The one label a decision persisted (and the shell's "saved").
fn persisted(model: &mut Model, effects: Vec<Effect>) -> Option<Label> {
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

/// Annotator `a`'s label on paragraph `i` of [`common::review_labels`].
fn label_of(labels: &mut [Vec<Option<Label>>], a: usize, i: usize) -> &mut Label {
    labels[a][i].as_mut().unwrap()
}

/// Step through the queue from its start to paragraph `index`.
fn go_to(model: &mut Model, index: usize) {
    update(model, Action::First);
    while at(model) != index {
        update(model, Action::Next);
        assert!(model.message.is_none(), "{index} is not in the queue");
    }
}

/// The schema index of section `name`.
fn section(model: &Model, name: &str) -> usize {
    model
        .schema
        .sections
        .iter()
        .position(|d| d.name == name)
        .unwrap()
}

#[test]
fn the_per_field_proposal_keeps_the_shared_indicator_and_needs_a_section() {
    // 4: three different sections, but all three chose infectious_disease.
    let mut labels = common::review_labels();
    for a in 0..3 {
        label_of(&mut labels, a, 4).indicators = vec!["infectious_disease".into()];
    }
    let mut model = common::review_model_of(labels);
    go_to(&mut model, 4);
    assert_eq!(model.draft.origin, Origin::Majority);
    assert_eq!(model.draft.choice.section, None);
    assert_eq!(model.draft.choice.indicators, ["infectious_disease"]);

    // Enter asks for a section type and writes nothing.
    assert!(update(&mut model, Action::Decide).is_empty());
    assert!(model.gold[4].is_none());
    assert!(model
        .message
        .as_deref()
        .unwrap()
        .contains("press a section key (h o a i p f b x)"));
    // A section key, then Enter: gold with the indicator everyone chose.
    let problem = section(&model, "problem");
    update(&mut model, Action::SetSection(problem));
    let effects = update(&mut model, Action::Decide);
    let gold = persisted(&mut model, effects).unwrap();
    assert_eq!(gold.section.as_deref(), Some("problem"));
    assert_eq!(gold.indicators, ["infectious_disease"]);
    assert_eq!(gold.source.as_deref(), Some("adjudicated"));
}

#[test]
fn a_flagged_unanimous_paragraph_is_queued_with_its_notes() {
    // 6 is unanimous (problem); carol flagged it and bob wrote a long note.
    let mut labels = common::review_labels();
    label_of(&mut labels, 2, 6).flags = vec!["review".into()];
    let note = "口径不清：“乙类”是否含𠀀类？😀ｶﾞ\t见附件\u{1b}[31m。".repeat(30);
    label_of(&mut labels, 1, 6).note = Some(note.clone());
    let mut model = common::review_model_of(labels);
    assert!(model.gold[6].is_none(), "not written to gold automatically");
    let case = model.cases.iter().find(|c| c.index == 6).unwrap();
    let reasons: Vec<&str> = case.reasons.iter().map(|r| r.as_str()).collect();
    assert_eq!(reasons, ["flagged", "note"]);
    assert_eq!(case.flagged, [2]);
    assert_eq!(case.notes[0].text, note);
    // Unanimous: no disagreement, so last in the queue.
    update(&mut model, Action::Last);
    assert_eq!(at(&model), 6);
    assert_eq!(model.progress(), (0, 4));

    // The notes in full, scrollable; Esc closes.
    update(
        &mut model,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    update(&mut model, Action::ToggleNotes);
    assert_eq!(model.mode, Mode::Notes);
    update(&mut model, Action::Last);
    assert!(model.help_scroll > 0, "a long note scrolls");
    update(&mut model, Action::Cancel);
    assert_eq!(model.mode, Mode::Normal);

    // Accepting the majority: "majority", not "unanimous" (which automatic
    // gold would withdraw later).
    let effects = update(&mut model, Action::Decide);
    let gold = persisted(&mut model, effects).unwrap();
    assert_eq!(gold.section.as_deref(), Some("problem"));
    assert_eq!(gold.source.as_deref(), Some("majority"));
    assert_eq!(gold.annotators, ["alice", "bob", "carol"]);

    // No notes on 4: Ctrl-E says so.
    update(&mut model, Action::First);
    update(&mut model, Action::ToggleNotes);
    assert_eq!(model.mode, Mode::Normal);
    assert_eq!(model.message.as_deref(), Some("no notes on this paragraph"));
}

#[test]
fn the_two_key_take_takes_or_cancels() {
    let mut model = common::review_model();
    update(&mut model, Action::StartTake);
    assert_eq!(model.mode, Mode::Take);
    assert!(model.message.as_deref().unwrap().contains("press 1 to 3"));
    update(&mut model, Action::Take(2));
    assert_eq!(model.mode, Mode::Normal);
    assert_eq!(model.draft.origin, Origin::Annotator(2));
    update(&mut model, Action::StartTake);
    update(&mut model, Action::Cancel);
    assert_eq!(model.mode, Mode::Normal);
    assert_eq!(model.draft.origin, Origin::Annotator(2), "unchanged");
}

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
