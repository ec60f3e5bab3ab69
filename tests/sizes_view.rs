//! Both screens at the documented minimum (60×16), the usual 80×24, 100×30
//! and a wide 200×60: the labeling screen, the review screen, each one's
//! help overlay and the note input — Chinese paragraphs with full-width
//! punctuation, 𠀀, ｶﾞ, an emoji, a tab and ESC shown as stand-ins.

mod common;

use biaozhu::annotate::{self, Action};
use biaozhu::review::screen as review;
use biaozhu::text::str_width;
use common::screen;

const SIZES: [(u16, u16); 4] = [(60, 16), (80, 24), (100, 30), (200, 60)];

/// The labeling screen on the odd paragraph, labeled, with a minute gone.
fn labeled() -> annotate::Model {
    let mut m = common::model();
    annotate::update(
        &mut m,
        Action::Tick {
            ms: 60_000,
            wall: "2026-11-23T10:01:00Z".into(),
        },
    );
    annotate::update(&mut m, Action::Accept);
    common::to_odd(&mut m);
    annotate::update(&mut m, Action::SetSection(2));
    annotate::update(&mut m, Action::ToggleIndicator(2));
    annotate::update(&mut m, Action::ToggleIndicator(19));
    for seq in 1..=4 {
        annotate::update(&mut m, Action::Saved(seq));
    }
    m
}

/// Every row within the width, no control character, the odd characters
/// shown.
fn check(s: &str, width: u16) {
    for row in s.lines() {
        assert!(
            str_width(row) <= width as usize,
            "{row:?} wider than {width}"
        );
    }
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
}

/// `draw(width, height)` at every size, checked by [`check`] and `also`,
/// snapshot as `name_WxH`.
fn at_every_size(name: &str, draw: impl Fn(u16, u16) -> String, also: impl Fn(&str, u16)) {
    for (w, h) in SIZES {
        let s = draw(w, h);
        check(&s, w);
        also(&s, w);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
    }
}

#[test]
fn annotate_at_every_size() {
    at_every_size(
        "annotate",
        |w, h| screen(&mut labeled(), w, h),
        |s, _| {
            assert!(
                s.contains('𠀀') && s.contains("ｶﾞ") && s.contains('␛'),
                "{s}"
            );
            // Indicator names, not just keys, at every size.
            assert!(s.contains("3*家庭医"), "{s}");
        },
    );
}

#[test]
fn annotate_help_at_every_size() {
    at_every_size(
        "annotate_help",
        |w, h| {
            let mut m = labeled();
            screen(&mut m, w, h);
            annotate::update(&mut m, Action::ToggleHelp);
            annotate::update(&mut m, Action::Last);
            screen(&mut m, w, h)
        },
        // The guidelines wrap instead of being cut.
        |s, _| assert!(!s.contains('~') && s.contains("的受理和办结"), "{s}"),
    );
}

#[test]
fn note_input_at_every_size() {
    at_every_size(
        "note_input",
        |w, h| {
            let mut m = labeled();
            annotate::update(&mut m, Action::StartNote);
            for c in "“四个最严”口径待核实（见附表３）ｶﾞ😀".chars() {
                annotate::update(&mut m, Action::Input(c));
            }
            screen(&mut m, w, h)
        },
        // The input scrolls to keep its cursor (at the end) in view.
        |s, _| {
            let last = s.lines().last().unwrap();
            assert!(last.starts_with("note: ") && last.contains("３）ｶﾞ"), "{s}")
        },
    );
}

#[test]
fn review_at_every_size() {
    at_every_size(
        "review",
        |w, h| {
            let mut m = common::review_model();
            review::update(&mut m, review::Action::Take(1));
            screen(&mut m, w, h)
        },
        |s, w| {
            assert!(s.contains('𠀀') && s.contains('␛'), "{s}");
            // At 60×16 the review pane has two rows left for twenty
            // indicators: those with votes or in the proposal, by name.
            if w > 60 {
                assert!(s.contains("家庭医"), "{s}");
            } else {
                assert!(s.contains("4*传染病防控"), "{s}");
            }
        },
    );
}

#[test]
fn review_help_at_every_size() {
    at_every_size(
        "review_help",
        |w, h| {
            let mut m = common::review_model();
            screen(&mut m, w, h);
            review::update(&mut m, review::Action::ToggleHelp);
            review::update(&mut m, review::Action::Last);
            screen(&mut m, w, h)
        },
        |s, _| assert!(s.contains("的受理和办结"), "{s}"),
    );
}

/// Text that reads on dark and light backgrounds: no yellow or white
/// foreground anywhere; key letters bold and underlined.
#[test]
fn colours_read_on_light_and_dark_backgrounds() {
    use ratatui::style::{Color, Modifier};
    let light_only = [Color::Yellow, Color::LightYellow, Color::White, Color::Gray];
    let mut a = labeled();
    let mut r = common::review_model();
    let terminals = [common::draw(&mut a, 100, 30), common::draw(&mut r, 100, 30)];
    for t in &terminals {
        let buf = t.backend().buffer();
        for cell in buf.content() {
            assert!(!light_only.contains(&cell.fg), "{cell:?}");
        }
    }
    // The label pane's first section key, `h`, on its second row.
    let buf = terminals[0].backend().buffer();
    let key = (0..100)
        .map(|x| &buf[(x, 2)])
        .find(|c| c.symbol() == "h")
        .unwrap();
    assert!(
        key.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED),
        "{key:?}"
    );
}
