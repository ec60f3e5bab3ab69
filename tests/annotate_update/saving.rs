//! Saving: a write the store refuses stays on screen and is tried again; quitting with changes waiting (moved from annotate_update.rs).

use super::*;

#[test]
fn a_failed_write_stays_on_screen_and_is_tried_again_each_second_and_on_ctrl_r() {
    let mut m = common::model();
    tick(&mut m, 5_000);
    let first = update(&mut m, Action::SetSection(0));
    let (seq, label) = persisted(&first);
    update(
        &mut m,
        Action::SaveFailed {
            seq,
            message: "disk full".into(),
        },
    );
    assert_eq!(m.label(0), label.as_ref(), "the change stays on screen");
    assert_eq!(m.save, SaveMark::Failed("disk full".into()));
    assert_eq!(m.unsaved.len(), 1);
    // A later change waits behind it: nothing is written out of order.
    assert!(update(&mut m, Action::ToggleIndicator(0)).is_empty());
    assert_eq!(m.unsaved.len(), 2);
    // Not yet due; then due a second after the failure.
    assert!(update(
        &mut m,
        Action::Tick {
            ms: 5_500,
            wall: String::new()
        }
    )
    .is_empty());
    let again = update(
        &mut m,
        Action::Tick {
            ms: 6_000,
            wall: String::new(),
        },
    );
    assert_eq!(again, first, "the refused change first, as it was");
    update(
        &mut m,
        Action::SaveFailed {
            seq,
            message: "disk still full".into(),
        },
    );
    // Ctrl-R tries at once; once it is saved, the next one follows.
    assert_eq!(update(&mut m, Action::Retry), first);
    let (next, label) = persisted(&update(&mut m, Action::Saved(seq)));
    assert_eq!(label.unwrap().indicators.len(), 1);
    assert_eq!(m.save, SaveMark::Pending(next));
    assert!(update(&mut m, Action::Saved(next)).is_empty());
    assert_eq!(m.save, SaveMark::Saved);
    assert!(m.unsaved.is_empty());
    assert!(update(&mut m, Action::Retry).is_empty(), "nothing to retry");
}

#[test]
fn quitting_with_changes_waiting_tries_them_and_warns_then_quits_on_a_second_q() {
    let mut m = common::model();
    let first = update(&mut m, Action::SetSection(0));
    let (seq, _) = persisted(&first);
    let failed = Action::SaveFailed {
        seq,
        message: "disk full".into(),
    };
    update(&mut m, failed.clone());
    assert_eq!(update(&mut m, Action::Quit), first, "q tries again");
    update(&mut m, failed);
    assert!(m
        .message
        .as_deref()
        .unwrap()
        .contains("1 change not saved yet"));
    assert_eq!(update(&mut m, Action::Quit), vec![Effect::Quit]);

    // When the try on q succeeds, q quits.
    let mut m = common::model();
    let (seq, _) = persisted(&update(&mut m, Action::SetSection(0)));
    let message = "disk full".to_owned();
    update(&mut m, Action::SaveFailed { seq, message });
    update(&mut m, Action::Quit);
    assert_eq!(update(&mut m, Action::Saved(seq)), vec![Effect::Quit]);
}

#[test]
fn a_failed_undo_write_stays_undone_on_screen_and_queued() {
    let mut m = common::model();
    let (seq, _) = persisted(&update(&mut m, Action::SetSection(0)));
    update(&mut m, Action::Saved(seq));
    let (seq, _) = persisted(&update(&mut m, Action::ToggleIndicator(0)));
    update(&mut m, Action::Saved(seq));
    let undo = update(&mut m, Action::Undo);
    let (seq, undone) = persisted(&undo);
    update(
        &mut m,
        Action::SaveFailed {
            seq,
            message: "disk full".into(),
        },
    );
    assert_eq!(m.label(0).cloned(), undone);
    assert_eq!(m.undo.len(), 1);
    // A second undo queues behind the first; Ctrl-R writes the first.
    assert!(update(&mut m, Action::Undo).is_empty());
    assert!(m.label(0).is_none());
    assert_eq!(update(&mut m, Action::Retry), undo);
    let (_, label) = persisted(&update(&mut m, Action::Saved(seq)));
    assert!(label.is_none());
}
