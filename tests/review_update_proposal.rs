//! The review screen's update: the per-field proposal, a flagged unanimous
//! paragraph with its notes, the two-key take — pure, no terminal, no store.

mod common;
mod review_update_common;

use biaozhu::review::screen::model::{Mode, Origin};
use biaozhu::review::screen::{update, Action};
use review_update_common::{at, go_to, label_of, persisted, section};

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
