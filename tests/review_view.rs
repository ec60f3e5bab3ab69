//! Screen snapshots (ratatui TestBackend + insta) of the review screen:
//! three annotators side by side on Chinese paragraphs with 𠀀, emoji, ｶﾞ,
//! a tab and ESC; the help; colour coding; every size without a panic.

mod common;

use biaozhu::review::screen::{update, Action, Model};
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

use common::{draw, screen};

/// The queue's first paragraph (no majority; the one with 𠀀, emoji, ｶﾞ,
/// a tab and ESC) with bob's version taken.
fn taken() -> Model {
    let mut m = common::review_model();
    update(&mut m, Action::Take(1));
    m
}

#[test]
fn disagreement_80x24() {
    let mut m = taken();
    let s = screen(&mut m, 80, 24);
    assert!(s.contains("𠀀") && s.contains("␛"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn majority_120x40() {
    let mut m = common::review_model();
    update(&mut m, Action::Next);
    let s = screen(&mut m, 120, 40);
    assert!(s.contains("gold: the majority's version"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn help_80x24() {
    let mut m = common::review_model();
    update(&mut m, Action::ToggleHelp);
    let s = screen(&mut m, 80, 24);
    assert!(
        s.contains("Alt-1 .. Alt-9") && s.contains("1 alice, 2 bob, 3 carol"),
        "{s}"
    );
    assert!(s.contains("F1 .. F9") && s.contains("n then 1 .. 9"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn notes_and_spans_of_the_versions_are_shown() {
    let mut labels = common::review_labels();
    let bob = labels[1][4].as_mut().unwrap();
    bob.note = Some("看不懂：“乙类”口径？\u{1b}".into());
    let alice = labels[0][4].as_mut().unwrap();
    alice.spans = vec![biaozhu::store::Span {
        start: 2,
        end: 12,
        label: "infectious_disease".into(),
    }];
    // A section name outside the schema (from an import) is shown
    // through the sanitize layer too.
    labels[2][4].as_mut().unwrap().section = Some("其他\u{1b}[2J".into());
    let mut m = common::review_model_of(labels);
    let s = screen(&mut m, 100, 30);
    assert!(s.contains("3 carol 其他␛[2J"), "{s}");
    assert!(s.contains("bob: 看不懂：“乙类”口径？␛"), "{s}");
    assert!(s.contains("Ctrl-E: notes in full"), "{s}");
    assert!(s.contains("1 alice outbreak [1 spans]"), "{s}");
}

#[test]
fn flags_notes_in_full_and_the_overwrite_prompt_are_shown() {
    // 6 (unanimous) flagged by carol, with a long note from bob: queued.
    let mut labels = common::review_labels();
    labels[2][6].as_mut().unwrap().flags = vec!["review".into()];
    let tail = "——结尾𠀀😀ｶﾞ。";
    let note = format!(
        "{}{tail}",
        "口径不清：“乙类”是否含𠀀类？😀ｶﾞ\t见附件\u{1b}[31m。".repeat(6)
    );
    labels[1][6].as_mut().unwrap().note = Some(note.clone());
    let mut m = common::review_model_of(labels);
    update(&mut m, Action::Last);
    let s = screen(&mut m, 80, 24);
    assert!(s.contains("queued: flagged, note"), "{s}");
    assert!(s.contains("flagged by carol"), "{s}");
    assert!(s.contains("take N: FN, n N, Alt-N"), "{s}");

    // Ctrl-E: every character of the note, wrapped, under bob's name.
    update(&mut m, Action::ToggleNotes);
    let s = screen(&mut m, 80, 24);
    assert!(s.contains("flagged for review by carol"), "{s}");
    assert!(s.contains("bob:"), "{s}");
    let shown: String = s
        .lines()
        .skip_while(|l| !l.contains("bob:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    // The tab is four spaces, ESC a visible ␛; spaces aside, all of it.
    let expected = biaozhu::text::sanitize(&note).text;
    assert_eq!(shown.replace(' ', ""), expected.replace(' ', ""), "{s}");
    assert!(!s.contains('\u{1b}') && s.contains('␛'), "{s}");
    let rows: Vec<&str> = s.lines().filter(|l| l.contains("口径不清")).collect();
    assert!(rows.len() >= 2, "wrapped over several rows: {s}");

    // Another reviewer's decision: shown, and Enter asks before overwriting.
    update(&mut m, Action::Cancel);
    update(&mut m, Action::First);
    update(&mut m, Action::Take(1));
    let p = m.paragraphs[4].clone();
    m.gold[4] = Some(Box::new(biaozhu::store::Label {
        section: Some("other".into()),
        source: Some("adjudicated".into()),
        reviewer: Some("wang".into()),
        updated_at: "2026-11-20T08:15:42Z".into(),
        ..biaozhu::store::Label::empty(&p.doc, p.para as u32, &p.hash)
    }));
    update(&mut m, Action::Decide);
    let s = screen(&mut m, 100, 30);
    assert!(
        s.contains("decided: adjudicated by wang, 2026-11-20 08:15"),
        "{s}"
    );
    assert!(s.contains("Overwrite? y/n"), "{s}");
}

#[test]
fn empty_queue_says_so() {
    let m = common::review_model();
    let mut empty = Model::new(
        m.schema.clone(),
        "lead".into(),
        m.annotators.clone(),
        m.paragraphs.clone(),
        Vec::new(),
        m.gold.clone(),
    );
    empty.unanimous_gold = 1;
    let s = screen(&mut empty, 80, 24);
    assert!(s.contains("Nothing to review"), "{s}");
    // Wrapped to the pane, not cut.
    assert!(s.contains("labels from two or more annotators."), "{s}");
    assert!(s.contains("quits."), "{s}");
    assert!(
        s.contains("1 unanimous paragraph is in the gold set"),
        "{s}"
    );
}

/// The cell where annotator row `y`'s section type starts: after the
/// pane's left edge and `N name ` (names padded to the longest, "alice").
fn section_cell(terminal: &Terminal<TestBackend>, y: u16) -> ratatui::buffer::Cell {
    let buf = terminal.backend().buffer();
    let pane = biaozhu::tui::layout::areas(buf.area.width, buf.area.height)
        .unwrap()
        .labels;
    buf[(pane.x + 1 + "1 alice ".len() as u16, y)].clone()
}

#[test]
fn versions_are_colour_coded_against_the_majority() {
    // Paragraph 2: alice and bob say achievement (green), carol
    // indicator_report (red, underlined so it shows without colour too).
    let mut m = common::review_model();
    update(&mut m, Action::Next);
    let t = draw(&mut m, 120, 40);
    let alice = section_cell(&t, 2);
    assert_eq!((alice.symbol(), alice.fg), ("a", Color::Green));
    let carol = section_cell(&t, 4);
    assert_eq!((carol.symbol(), carol.fg), ("i", Color::Red));
    assert!(carol.modifier.contains(Modifier::UNDERLINED));

    m.color = false;
    let t = draw(&mut m, 120, 40);
    let carol = section_cell(&t, 4);
    assert_eq!((carol.symbol(), carol.fg), ("i", Color::Reset));
    assert!(carol.modifier.contains(Modifier::UNDERLINED));
    let alice = section_cell(&t, 2);
    assert!(!alice.modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn no_size_panics() {
    let mut m = taken();
    for width in (1..=300).step_by(7) {
        for height in (1..=100).step_by(5) {
            draw(&mut m, width, height);
        }
    }
    update(&mut m, Action::ToggleHelp);
    for (w, h) in [(1, 1), (60, 16), (61, 17), (300, 100)] {
        draw(&mut m, w, h);
    }
    let s = screen(&mut m, 40, 10);
    assert!(s.contains("terminal too small"), "{s}");
}
