//! Moving around the labeling screen: resuming where the annotator stopped,
//! next/previous document, go to, search with counts and by label, skip,
//! and the current-paragraph marker on a paragraph taller than the pane.

mod common;
#[path = "annotate_moving/search.rs"]
mod search;

use common::act;

use biaozhu::annotate::model::{Filter, Mode};
use biaozhu::annotate::{update, Action, Model};
use biaozhu::corpus::{document::build, CorpusOptions, SourceEncoding};
use biaozhu::schema::Schema;
use biaozhu::store::FLAG_SKIP;
use biaozhu::tui::effect::Effect;

fn wall(m: &mut Model, wall: &str) {
    update(
        m,
        Action::Tick {
            ms: 0,
            wall: wall.to_owned(),
        },
    );
}

fn type_line(m: &mut Model, text: &str) {
    for c in text.chars() {
        update(m, Action::Input(c));
    }
    update(m, Action::InputSubmit);
}

fn search(m: &mut Model, query: &str) {
    update(m, Action::StartSearch);
    type_line(m, query);
}

fn go(m: &mut Model, target: &str) {
    update(m, Action::StartGoTo);
    assert_eq!(m.mode, Mode::GoTo(Default::default()));
    type_line(m, target);
    assert_eq!(m.mode, Mode::Normal);
}

fn reopen(m: &Model) -> Model {
    Model::new(
        m.schema.clone(),
        "alice".into(),
        m.paragraphs.to_vec(),
        m.labels.clone(),
    )
}

fn section(m: &Model, name: &str) -> usize {
    m.schema
        .sections
        .iter()
        .position(|s| s.name == name)
        .unwrap()
}

fn set(m: &mut Model, name: &str) {
    let i = section(m, name);
    act(m, Action::SetSection(i));
}

fn indicator(m: &Model, name: &str) -> usize {
    m.schema
        .indicators
        .iter()
        .position(|s| s.name == name)
        .unwrap()
}

#[test]
fn with_no_labels_it_starts_at_the_first_paragraph_and_says_nothing() {
    let m = common::model();
    assert_eq!(m.cursor, 0);
    assert_eq!(m.message, None);
}

#[test]
fn reopening_resumes_at_the_most_recently_changed_label() {
    let mut m = common::model();
    // Accept the first three paragraphs, then go back to 1 and change it
    // last: that is where the annotator stopped, not the first unfinished.
    wall(&mut m, "2026-11-23T10:00:01Z");
    act(&mut m, Action::Accept);
    set(&mut m, "heading");
    act(&mut m, Action::Accept);
    set(&mut m, "achievement");
    act(&mut m, Action::Accept);
    go(&mut m, "5");
    wall(&mut m, "2026-11-23T10:00:09Z");
    act(&mut m, Action::ToggleIndicator(0));
    wall(&mut m, "2026-11-23T10:00:05Z");
    go(&mut m, "b.txt:2");
    act(&mut m, Action::ToggleIndicator(0));
    let back = reopen(&m);
    assert_eq!(back.cursor, 4, "the label changed at 10:00:09");
    assert_eq!(
        back.message.as_deref(),
        Some("resumed at a/报告甲.txt #5, where you stopped")
    );
}

#[test]
fn fractions_of_a_second_compare_as_times() {
    let mut m = common::model();
    wall(&mut m, "2026-11-23T10:00:01.900Z");
    act(&mut m, Action::ToggleIndicator(0));
    go(&mut m, "3");
    // "…:02Z" is later than "…:01.900Z", and "…:02.5Z" later than both
    // (as text it would sort before "…:02Z").
    wall(&mut m, "2026-11-23T10:00:02Z");
    act(&mut m, Action::ToggleIndicator(0));
    assert_eq!(reopen(&m).cursor, 2);
    wall(&mut m, "2026-11-23T10:00:02.5Z");
    go(&mut m, "1");
    act(&mut m, Action::ToggleIndicator(1));
    assert_eq!(reopen(&m).cursor, 0);
}

#[test]
fn after_an_accept_it_resumes_at_the_next_paragraph_needing_work() {
    let mut m = common::model();
    wall(&mut m, "2026-11-23T10:00:01Z");
    go(&mut m, "b.txt");
    set(&mut m, "plan");
    act(&mut m, Action::Accept);
    assert_eq!(m.cursor, 8);
    let back = reopen(&m);
    assert_eq!(back.cursor, 8, "where the accept moved on to");
    assert_eq!(
        back.message.as_deref(),
        Some("resumed at b.txt #2, where you stopped")
    );
}

#[test]
fn next_and_previous_document_clamp_at_the_ends() {
    let mut m = common::model();
    update(&mut m, Action::PrevDoc);
    assert_eq!(m.cursor, 0);
    assert_eq!(m.message.as_deref(), Some("already in the first document"));
    update(&mut m, Action::Next);
    update(&mut m, Action::NextDoc);
    assert_eq!(m.cursor, 7);
    assert_eq!(m.paragraphs[7].doc, "b.txt");
    assert_eq!(m.message.as_deref(), Some("b.txt #1: document 2/2"));
    update(&mut m, Action::Next);
    update(&mut m, Action::NextDoc);
    assert_eq!(m.cursor, 8);
    assert_eq!(m.message.as_deref(), Some("already in the last document"));
    update(&mut m, Action::PrevDoc);
    assert_eq!(m.cursor, 0, "the first paragraph of the previous document");
    assert_eq!(m.message.as_deref(), Some("a/报告甲.txt #1: document 1/2"));
}

#[test]
fn go_to_a_number_a_document_or_both() {
    let mut m = common::model();
    go(&mut m, "3");
    assert_eq!(
        m.cursor, 2,
        "paragraph numbers count from 1, as the status line"
    );
    assert_eq!(m.message.as_deref(), Some("at a/报告甲.txt #3"));
    go(&mut m, "b.txt");
    assert_eq!(m.cursor, 7);
    go(&mut m, "7");
    assert_eq!(m.message.as_deref(), Some("b.txt has no paragraph 7 (1–2)"));
    assert_eq!(m.cursor, 7, "an unknown target stays");
    go(&mut m, "报告甲:5");
    assert_eq!(m.cursor, 4);
    assert!(m.paragraphs[4].text.load().contains("𠀀"));
    // Full-width digits and colon, as an input method left on types them.
    go(&mut m, "ｂ.txt");
    assert_eq!(m.message.as_deref(), Some("no document matches “ｂ.txt”"));
    assert_eq!(m.cursor, 4);
    go(&mut m, "报告甲：６");
    assert_eq!(m.cursor, 5);
    go(&mut m, "");
    assert_eq!(m.cursor, 5);
    assert!(m.message.as_deref().unwrap().starts_with("go to: type"));
    // Esc cancels without moving.
    update(&mut m, Action::StartGoTo);
    update(&mut m, Action::Input('1'));
    update(&mut m, Action::Cancel);
    assert_eq!((m.mode.clone(), m.cursor), (Mode::Normal, 5));
}

#[test]
fn skip_sets_aside_moves_on_and_toggles_back() {
    let mut m = common::model();
    act(&mut m, Action::Accept); // 0: boilerplate, done
    assert_eq!(m.cursor, 1);
    let effects = act(&mut m, Action::ToggleSkip);
    let Some(Effect::Persist { label: Some(l), .. }) = effects.first() else {
        panic!("{effects:?}");
    };
    assert_eq!(l.flags, vec![FLAG_SKIP.to_owned()]);
    assert!(!l.done);
    assert_eq!(m.cursor, 2, "on to the next paragraph needing work");
    assert!(m.is_skipped(1) && !m.is_done(1));
    assert_eq!(
        m.message.as_deref(),
        Some("skipped a/报告甲.txt #2 (Ctrl-K there takes it back)")
    );
    assert_eq!(m.progress().1, (1, 9), "a skipped paragraph is not done");
    // Skipping an accepted paragraph takes the accept back.
    update(&mut m, Action::First);
    act(&mut m, Action::ToggleSkip);
    assert!(m.is_skipped(0) && !m.is_done(0));
    assert_eq!(m.cursor, 2);
    // The filter cycle has skipped ones.
    for _ in 0..3 {
        update(&mut m, Action::CycleFilter);
    }
    assert_eq!(m.filter, Filter::Skipped);
    assert_eq!(m.message.as_deref(), Some("showing skipped paragraphs: 2"));
    assert!(m.is_skipped(m.cursor));
    update(&mut m, Action::First);
    assert_eq!(m.cursor, 0);
    // Ctrl-K again takes it back, and stays.
    act(&mut m, Action::ToggleSkip);
    assert!(!m.is_skipped(0));
    assert_eq!(m.cursor, 0);
    assert_eq!(
        m.message.as_deref(),
        Some("a/报告甲.txt #1 no longer skipped")
    );
    // Accepting a skipped paragraph answers it: done, no longer skipped.
    update(&mut m, Action::CycleFilter);
    go(&mut m, "2");
    set(&mut m, "heading");
    act(&mut m, Action::Accept);
    assert!(m.is_done(1) && !m.is_skipped(1));
    assert!(m.label(1).unwrap().flags.is_empty());
}

#[test]
fn accept_moves_past_skipped_paragraphs_and_undo_restores() {
    let mut m = common::model();
    go(&mut m, "2");
    act(&mut m, Action::ToggleSkip);
    go(&mut m, "1");
    act(&mut m, Action::Accept);
    assert_eq!(m.cursor, 2, "paragraph 1 (#2) is skipped");
    act(&mut m, Action::Undo);
    assert_eq!(m.cursor, 0);
    act(&mut m, Action::Undo);
    assert_eq!(m.cursor, 1);
    assert!(!m.is_skipped(1));
}

#[test]
fn reopening_after_a_skip_resumes_past_it() {
    let mut m = common::model();
    wall(&mut m, "2026-11-23T10:00:01Z");
    go(&mut m, "4");
    act(&mut m, Action::ToggleSkip);
    let back = reopen(&m);
    assert_eq!(
        back.cursor, 3,
        "the skip is the last change: it is where they stopped"
    );
}

/// A document with one paragraph much taller than any pane.
fn tall_model() -> Model {
    let line = "　　全区卫生健康系统坚持以人民健康为中心，𠀀字、emoji😀、ｶﾞ都照原样保存；家庭医生签约服务覆盖率达到45.2%。";
    let text = format!("标题\n{}\n结尾段落。\n", line.repeat(20));
    let paras = build(
        "长文.txt",
        &text,
        SourceEncoding::Utf8,
        &CorpusOptions::default(),
    )
    .paragraphs;
    let n = paras.len();
    let mut m = Model::new(
        Schema::default_schema(),
        "alice".into(),
        paras,
        vec![None; n],
    );
    update(&mut m, Action::Next);
    m
}

fn marker_rows(screen: &str) -> usize {
    screen.lines().filter(|l| l.starts_with('>')).count()
}

#[test]
fn a_tall_paragraph_keeps_its_marker_when_scrolled() {
    let mut m = tall_model();
    let screen = common::screen(&mut m, 80, 24);
    assert_eq!(marker_rows(&screen), 1, "{screen}");
    assert!(screen.contains("more rows: PgDn"), "{screen}");
    update(&mut m, Action::ScrollDown);
    assert!(m.scroll > 0);
    let screen = common::screen(&mut m, 80, 24);
    assert_eq!(marker_rows(&screen), 1, "scrolled: still marked\n{screen}");
    for _ in 0..20 {
        update(&mut m, Action::ScrollDown);
    }
    let screen = common::screen(&mut m, 80, 24);
    assert_eq!(marker_rows(&screen), 1, "at the end\n{screen}");
    assert!(!screen.contains("ｶﾞ\u{fffd}"));
}

#[test]
fn skipped_shows_in_the_label_pane_and_status() {
    let mut m = common::model();
    go(&mut m, "3");
    act(&mut m, Action::ToggleSkip);
    go(&mut m, "3");
    let screen = common::screen(&mut m, 100, 30);
    assert!(screen.contains("SKIPPED (unsure)"), "{screen}");
    assert!(screen.contains("[SKIPPED]"), "{screen}");
}

#[test]
fn the_help_lists_the_new_keys_and_label_search() {
    let mut m = common::model();
    update(&mut m, Action::ToggleHelp);
    let screen = common::screen(&mut m, 200, 60);
    for needle in ["Ctrl-N", "Ctrl-P", "Ctrl-G", "Ctrl-K", ":noind", "skipped"] {
        assert!(screen.contains(needle), "{needle}\n{screen}");
    }
}
