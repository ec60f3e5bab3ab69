//! The pure update: labels, undo, accept, navigation, filters, search,
//! notes, save marks and time accounting — no terminal, no store.

mod common;
#[path = "annotate_update/saving.rs"]
mod saving;

use common::act;

use biaozhu::annotate::model::{Filter, Mode};
use biaozhu::annotate::{update, Action, Model};
use biaozhu::tui::effect::Effect;
use biaozhu::tui::ledger::SaveMark;

fn section_index(m: &Model, name: &str) -> usize {
    m.schema
        .sections
        .iter()
        .position(|s| s.name == name)
        .unwrap()
}

fn persisted(effects: &[Effect]) -> (u64, Option<biaozhu::store::Label>) {
    match effects {
        [Effect::Persist { seq, label, .. }] => (*seq, label.clone()),
        other => panic!("expected one persist, got {other:?}"),
    }
}

fn tick(m: &mut Model, ms: u64) {
    update(
        m,
        Action::Tick {
            ms,
            wall: format!("2026-11-23T10:00:{:02}Z", ms / 1000 % 60),
        },
    );
}

#[test]
fn starts_at_the_first_paragraph_and_marks_nothing_saved() {
    let m = common::model();
    assert_eq!(m.cursor, 0);
    assert_eq!(m.save, SaveMark::Idle);
    assert_eq!(m.paragraphs[0].text, "分享");
}

#[test]
fn section_key_sets_and_persists_and_saved_mark_follows_the_store() {
    let mut m = common::model();
    update(&mut m, Action::Next);
    let ach = section_index(&m, "heading");
    let effects = update(&mut m, Action::SetSection(ach));
    let (seq, label) = persisted(&effects);
    let label = label.unwrap();
    assert_eq!(label.section.as_deref(), Some("heading"));
    assert_eq!(label.doc, "a/报告甲.txt");
    assert_eq!(label.para, 1);
    assert_eq!(label.hash, m.paragraphs[1].hash);
    assert_eq!(m.save, SaveMark::Pending(seq));
    update(&mut m, Action::Saved(seq));
    assert_eq!(m.save, SaveMark::Saved);
    // Setting the same section again changes nothing and writes nothing.
    assert!(update(&mut m, Action::SetSection(ach)).is_empty());
}

#[test]
fn indicators_toggle_and_stay_sorted() {
    let mut m = common::model();
    let last = m.schema.indicators.len() - 1;
    act(&mut m, Action::ToggleIndicator(last));
    act(&mut m, Action::ToggleIndicator(0));
    let mut names = vec![
        m.schema.indicators[0].name.clone(),
        m.schema.indicators[last].name.clone(),
    ];
    names.sort();
    assert_eq!(m.label(0).unwrap().indicators, names);
    let (_, label) = persisted(&act(&mut m, Action::ToggleIndicator(0)));
    assert_eq!(
        label.unwrap().indicators,
        vec![m.schema.indicators[last].name.clone()]
    );
}

#[test]
fn accept_takes_the_boilerplate_suggestion_and_moves_on() {
    let mut m = common::model();
    assert!(m.paragraphs[0].suggested.is_some());
    assert_eq!(m.shown_section(0), (Some("boilerplate"), true));
    let (_, label) = persisted(&update(&mut m, Action::Accept));
    let label = label.unwrap();
    assert_eq!(label.section.as_deref(), Some("boilerplate"));
    assert!(label.done);
    assert_eq!(m.cursor, 1);
    assert_eq!(m.accepted_this_session, 1);
}

#[test]
fn accept_without_a_section_asks_for_one() {
    let mut m = common::model();
    update(&mut m, Action::Next);
    assert!(update(&mut m, Action::Accept).is_empty());
    assert_eq!(m.cursor, 1);
    assert!(m.message.as_deref().unwrap().contains("section"));
}

#[test]
fn accept_goes_to_the_next_unfinished_paragraph() {
    let mut m = common::model();
    let h = section_index(&m, "heading");
    // Finish paragraph 2 first, then accept 1: the cursor skips 2.
    update(&mut m, Action::Next);
    update(&mut m, Action::Next);
    update(&mut m, Action::SetSection(h));
    update(&mut m, Action::Accept);
    assert_eq!(m.cursor, 3);
    update(&mut m, Action::Prev);
    update(&mut m, Action::Prev);
    update(&mut m, Action::SetSection(h));
    update(&mut m, Action::Accept);
    assert_eq!(m.cursor, 3);
}

#[test]
fn undo_works_across_paragraphs() {
    let mut m = common::model();
    let h = section_index(&m, "heading");
    let o = section_index(&m, "overview");
    act(&mut m, Action::Next);
    act(&mut m, Action::SetSection(h));
    act(&mut m, Action::Next);
    act(&mut m, Action::SetSection(o));
    act(&mut m, Action::ToggleIndicator(1));
    act(&mut m, Action::Next);
    let (_, label) = persisted(&act(&mut m, Action::Undo));
    assert_eq!(m.cursor, 2);
    assert_eq!(label.unwrap().indicators, Vec::<String>::new());
    act(&mut m, Action::Undo);
    assert!(m.label(2).is_none());
    let (_, label) = persisted(&act(&mut m, Action::Undo));
    assert_eq!(m.cursor, 1);
    assert!(label.is_none());
    assert!(act(&mut m, Action::Undo).is_empty());
    assert_eq!(m.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn filters_limit_navigation() {
    let mut m = common::model();
    update(&mut m, Action::Accept); // 0 done (boilerplate)
    update(&mut m, Action::ToggleFlag); // flag 1
    update(&mut m, Action::First);
    assert_eq!(m.cursor, 0);
    update(&mut m, Action::CycleFilter);
    assert_eq!(m.filter, Filter::Unfinished);
    assert_eq!(m.cursor, 1, "the done paragraph is hidden");
    update(&mut m, Action::First);
    assert_eq!(m.cursor, 1);
    update(&mut m, Action::CycleFilter);
    assert_eq!(m.filter, Filter::Flagged);
    update(&mut m, Action::Last);
    assert_eq!(m.cursor, 1, "only paragraph 1 is flagged");
    update(&mut m, Action::CycleFilter);
    assert_eq!(m.filter, Filter::Skipped);
    assert_eq!(m.message.as_deref(), Some("showing skipped paragraphs: 0"));
    update(&mut m, Action::CycleFilter);
    assert_eq!(m.filter, Filter::All);
    update(&mut m, Action::Last);
    assert_eq!(m.cursor, m.paragraphs.len() - 1);
}

#[test]
fn search_finds_wraps_and_repeats() {
    let mut m = common::model();
    update(&mut m, Action::StartSearch);
    for c in "签约".chars() {
        update(&mut m, Action::Input(c));
    }
    update(&mut m, Action::InputSubmit);
    assert_eq!(m.mode, Mode::Normal);
    let first = m.cursor;
    assert!(m.paragraphs[first].text.load().contains("签约"));
    update(&mut m, Action::SearchNext);
    let second = m.cursor;
    assert!(second > first && m.paragraphs[second].text.load().contains("签约"));
    update(&mut m, Action::SearchNext);
    assert_eq!(m.cursor, first);
    assert!(m.message.as_deref().unwrap().contains("wrapped"));
    update(&mut m, Action::SearchPrev);
    assert_eq!(m.cursor, second);
}

#[test]
fn notes_are_typed_then_saved() {
    let mut m = common::model();
    update(&mut m, Action::StartNote);
    for c in "数字存疑，请复核".chars() {
        update(&mut m, Action::Input(c));
    }
    update(&mut m, Action::InputBackspace);
    let (_, label) = persisted(&update(&mut m, Action::InputSubmit));
    assert_eq!(label.unwrap().note.as_deref(), Some("数字存疑，请复"));
    // Esc leaves it as it was.
    update(&mut m, Action::StartNote);
    update(&mut m, Action::Input('x'));
    assert!(update(&mut m, Action::Cancel).is_empty());
    assert_eq!(m.label(0).unwrap().note.as_deref(), Some("数字存疑，请复"));
}

#[test]
fn time_on_a_paragraph_is_counted_with_an_idle_cap() {
    let mut m = common::model();
    tick(&mut m, 4_000);
    let (_, label) = persisted(&act(&mut m, Action::SetSection(0)));
    let label = label.unwrap();
    assert_eq!(label.duration_ms, Some(4_000));
    assert_eq!(label.updated_at, "2026-11-23T10:00:04Z");
    tick(&mut m, 4_000 + 10 * 60_000);
    let (_, label) = persisted(&act(&mut m, Action::ToggleIndicator(0)));
    assert_eq!(
        label.unwrap().duration_ms,
        Some(4_000 + biaozhu::tui::clock::IDLE_CAP_MS)
    );
}

/// A model whose every paragraph has a label (no section yet) that took
/// `duration_ms`, as an import leaves them.
fn model_with_durations(duration_ms: Option<u64>) -> biaozhu::annotate::Model {
    let paras = common::paragraphs();
    let labels = paras
        .iter()
        .map(|p| {
            let mut l = biaozhu::store::Label::empty(&p.doc, p.para as u32, &p.hash);
            l.updated_at = "2026-11-22T10:00:00Z".into();
            l.duration_ms = duration_ms;
            Some(Box::new(l))
        })
        .collect();
    biaozhu::annotate::Model::new(
        biaozhu::schema::Schema::default_schema(),
        "alice".to_owned(),
        paras,
        labels,
    )
}

#[test]
fn unknown_time_stays_unknown_and_a_huge_one_does_not_wrap() {
    let mut m = model_with_durations(None);
    tick(&mut m, 4_000);
    let (_, label) = persisted(&update(&mut m, Action::SetSection(0)));
    assert_eq!(label.unwrap().duration_ms, None);

    let mut m = model_with_durations(Some(u64::MAX - 1));
    tick(&mut m, 4_000);
    let (_, label) = persisted(&update(&mut m, Action::SetSection(0)));
    assert_eq!(label.unwrap().duration_ms, Some(u64::MAX));

    let mut m = model_with_durations(Some(1_000));
    tick(&mut m, 4_000);
    let (_, label) = persisted(&update(&mut m, Action::SetSection(0)));
    assert_eq!(label.unwrap().duration_ms, Some(5_000));
}

#[test]
fn reopening_after_accepts_resumes_past_the_last_one() {
    let mut m = common::model();
    act(&mut m, Action::Accept);
    act(&mut m, Action::SetSection(0));
    act(&mut m, Action::Accept);
    let reopened = Model::new(
        m.schema.clone(),
        "alice".into(),
        m.paragraphs.to_vec(),
        m.labels.clone(),
    );
    assert_eq!(reopened.cursor, 2);
}

#[test]
fn help_swallows_label_keys_and_quit_works_everywhere() {
    let mut m = common::model();
    update(&mut m, Action::ToggleHelp);
    assert!(update(&mut m, Action::SetSection(0)).is_empty());
    assert!(m.label(0).is_none());
    assert_eq!(update(&mut m, Action::Quit), vec![Effect::Quit]);
    update(&mut m, Action::Cancel);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(update(&mut m, Action::Quit), vec![Effect::Quit]);
}

#[test]
fn the_summary_counts_this_sessions_labels_and_time_at_the_keyboard() {
    let mut m = common::model();
    tick(&mut m, 30_000);
    act(&mut m, Action::Accept); // the boilerplate suggestion
    let heading = section_index(&m, "heading");
    act(&mut m, Action::SetSection(heading));
    act(&mut m, Action::Accept);
    act(&mut m, Action::ToggleIndicator(0));
    act(&mut m, Action::Undo); // the indicator: that paragraph is as it was
                               // Five minutes away count as the idle cap, two.
    tick(&mut m, 330_000);
    act(&mut m, Action::Next);
    let s = m.summary();
    assert_eq!((s.labeled, s.accepted), (2, 2));
    assert_eq!(s.active_ms, 30_000 + 120_000);
    assert_eq!(
        s.to_string(),
        format!(
            "alice labeled 2 paragraphs this session (2 accepted) in 3 min; 2 of {} done in all",
            m.paragraphs.len()
        )
    );
}
