//! Screen snapshots (ratatui TestBackend + insta) of the annotation screen
//! with Chinese paragraphs: main screen, help overlay, too-small screen, at
//! 80×24 and 120×40.

mod common;

use biaozhu::annotate::{update, Action, Model};

use common::{draw, screen};

/// The model on the paragraph with 𠀀, emoji, ｶﾞ, a tab and ESC, labeled.
fn labeled_model() -> Model {
    let mut m = common::model();
    update(
        &mut m,
        Action::Tick {
            ms: 90_000,
            wall: "2026-11-23T10:01:30Z".into(),
        },
    );
    update(&mut m, Action::Accept); // boilerplate suggestion confirmed
    common::to_odd(&mut m);
    let ach = m
        .schema
        .sections
        .iter()
        .position(|s| s.name == "achievement")
        .unwrap();
    update(&mut m, Action::SetSection(ach));
    update(&mut m, Action::ToggleIndicator(3));
    // The store's "saved" for the three changes, in order.
    for seq in 1..=3 {
        update(&mut m, Action::Saved(seq));
    }
    m
}

#[test]
fn main_screen_80x24() {
    let mut m = labeled_model();
    insta::assert_snapshot!(screen(&mut m, 80, 24));
}

#[test]
fn main_screen_120x40() {
    let mut m = labeled_model();
    insta::assert_snapshot!(screen(&mut m, 120, 40));
}

#[test]
fn suggested_boilerplate_is_shown_prefilled() {
    let mut m = common::model();
    let s = screen(&mut m, 80, 24);
    assert!(s.contains("suggested: Enter takes"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn help_overlay_80x24() {
    let mut m = labeled_model();
    update(&mut m, Action::ToggleHelp);
    insta::assert_snapshot!(screen(&mut m, 80, 24));
}

#[test]
fn help_overlay_120x40() {
    let mut m = labeled_model();
    update(&mut m, Action::ToggleHelp);
    insta::assert_snapshot!(screen(&mut m, 120, 40));
}

#[test]
fn too_small_screens() {
    let mut m = labeled_model();
    insta::assert_snapshot!("too_small_40x10", screen(&mut m, 40, 10));
    insta::assert_snapshot!("too_small_80x15", screen(&mut m, 80, 15));
}

#[test]
fn no_size_panics() {
    let mut m = labeled_model();
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 30),
        (59, 16),
        (60, 16),
        (61, 17),
        (300, 3),
        (300, 100),
    ] {
        screen(&mut m, w, h);
        update(&mut m, Action::ToggleHelp);
        screen(&mut m, w, h);
        update(&mut m, Action::ToggleHelp);
    }
}

#[test]
fn long_paragraph_scrolls() {
    let mut m = common::model();
    let long = "　　全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%。".repeat(40);
    std::sync::Arc::make_mut(&mut m.paragraphs)[1].text = long.into();
    update(&mut m, Action::Next);
    let top = screen(&mut m, 80, 24);
    assert!(top.contains("more rows: PgDn"), "{top}");
    // Taller than the pane, it keeps its `>` on its first row shown.
    let marked = |s: &str| s.lines().filter(|l| l.starts_with('>')).count();
    assert_eq!(marked(&top), 1, "{top}");
    update(&mut m, Action::ScrollDown);
    let scrolled = screen(&mut m, 80, 24);
    assert_ne!(top, scrolled);
    assert_eq!(marked(&scrolled), 1, "{scrolled}");
    for _ in 0..100 {
        update(&mut m, Action::ScrollDown);
    }
    let bottom = screen(&mut m, 80, 24);
    assert!(!bottom.contains("more rows"), "{bottom}");
}

#[test]
fn no_color_draws_no_colours() {
    let mut m = labeled_model();
    m.color = false;
    let t = draw(&mut m, 80, 24);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    // The same text as with colour.
    let mut c = labeled_model();
    assert_eq!(
        screen(&mut c, 80, 24),
        common::buffer_text(t.backend().buffer())
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let mut m = labeled_model();
    let s = screen(&mut m, 120, 40);
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
    assert!(s.contains('␛'), "ESC shown as a stand-in: {s}");
}

#[test]
fn help_scrolls_to_the_indicators() {
    let mut m = labeled_model();
    update(&mut m, Action::ToggleHelp);
    update(&mut m, Action::Last);
    let s = screen(&mut m, 80, 24);
    let last = &m.schema.indicators.last().unwrap().zh;
    assert!(s.contains(last.as_str()), "{s}");
    assert!(!s.contains("more rows"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn labels_no_longer_in_the_schema_show_as_unknown() {
    let mut m = common::model();
    let p = &m.paragraphs[0];
    let mut label = biaozhu::store::Label::new(&p.doc, p.para as u32, &p.hash);
    label.section = Some("retired_section".into());
    label.indicators = vec!["vaccination_rate".into(), "old_indicator".into()];
    m.labels[0] = Some(Box::new(label));
    let s = screen(&mut m, 120, 40);
    assert!(s.contains("unknown (not in schema):"), "{s}");
    assert!(
        s.contains("  retired_section") && s.contains("  old_indicator"),
        "{s}"
    );
    assert!(s.contains("1*疫苗接种"), "{s}");
}

#[test]
fn suggested_section_and_indicators_are_shown_with_scores() {
    let mut m = common::model();
    m.set_suggesting(biaozhu::annotate::prefill::Suggesting::On { control_percent: 0 });
    // The paragraph with the values: indicators pre-filled from keywords.
    update(&mut m, Action::Next);
    update(&mut m, Action::Next);
    let s = screen(&mut m, 100, 30);
    assert!(s.contains("suggested: Enter takes"), "{s}");
    assert!(s.contains("1*疫苗接种") && s.contains(" .8"), "{s}");
    insta::assert_snapshot!(s);
}
