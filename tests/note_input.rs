//! The note input (a cursor, editing in the middle, scrolling, the saved
//! note wrapped in the label pane) and the full-width keys of a Chinese
//! input method left on, on both screens — pure: keymap, update, view.

mod common;

use biaozhu::annotate::keymap::resolve;
use biaozhu::annotate::model::Mode;
use biaozhu::annotate::{update, Action, Model};
use biaozhu::review::screen::keymap::resolve as review_resolve;
use biaozhu::review::screen::model::Mode as ReviewMode;
use biaozhu::review::screen::{update as review_update, Action as ReviewAction};
use biaozhu::tui::effect::Effect;
use biaozhu::tui::fullwidth::halfwidth_char;
use biaozhu::tui::key::Key;
use common::{draw, review_model};

/// Each key through the keymap into the update, as the shell does, with
/// the store's "saved" for each write.
fn press(m: &mut Model, keys: &[Key]) -> Vec<Effect> {
    let mut all = Vec::new();
    for &key in keys {
        let Some(action) = resolve(&m.mode, &m.schema, key) else {
            continue;
        };
        let effects = update(m, action);
        for e in &effects {
            if let Effect::Persist { seq, .. } = e {
                update(m, Action::Saved(*seq));
            }
        }
        all.extend(effects);
    }
    all
}

fn chars(text: &str) -> Vec<Key> {
    text.chars().map(Key::Char).collect()
}

fn note_of(m: &Model) -> Option<&str> {
    m.label(m.cursor).and_then(|l| l.note.as_deref())
}

const LONG: &str = "请核对：签约率口径（乙类）是否与上年一致？数据来源／年份不明！";

#[test]
fn a_note_is_edited_in_the_middle_with_the_cursor_keys() {
    let mut m = common::model();
    press(&mut m, &[Key::Ctrl('e')]);
    press(&mut m, &chars(LONG));
    // Home, then right past 请核对：, insert; End, Left, Backspace.
    press(
        &mut m,
        &[Key::Home, Key::Right, Key::Right, Key::Right, Key::Right],
    );
    press(&mut m, &chars("【急】"));
    press(&mut m, &[Key::End, Key::Left, Key::Backspace]);
    press(&mut m, &[Key::Ctrl('a'), Key::Delete]);
    let Mode::Note(input) = &m.mode else {
        panic!("{:?}", m.mode)
    };
    assert_eq!(input.cursor(), 0);
    let expected = "核对：【急】签约率口径（乙类）是否与上年一致？数据来源／年份不！";
    assert_eq!(input.text(), expected);
    let effects = press(&mut m, &[Key::Enter]);
    assert_eq!(effects.len(), 1);
    assert_eq!(note_of(&m), Some(expected));
    // Reopened: the note, the cursor at its end; Esc leaves it.
    press(&mut m, &[Key::Ctrl('e')]);
    let Mode::Note(input) = &m.mode else {
        panic!("{:?}", m.mode)
    };
    assert_eq!(input.text(), expected);
    assert_eq!(input.cursor(), expected.chars().count());
    press(&mut m, &[Key::Ctrl('u'), Key::Esc]);
    assert_eq!(note_of(&m), Some(expected));
}

#[test]
fn full_width_keys_are_text_in_the_note_and_the_search() {
    let mut m = common::model();
    press(&mut m, &[Key::Ctrl('e')]);
    let typed = "ａ！（￥１　？／ｑ。";
    press(&mut m, &chars(typed));
    press(&mut m, &[Key::Enter]);
    assert_eq!(note_of(&m), Some(typed.trim_end()));
    for mode in [
        Mode::Search(Default::default()),
        Mode::Note(Default::default()),
    ] {
        for c in typed.chars() {
            assert_eq!(
                resolve(&mode, &m.schema, Key::Char(c)),
                Some(Action::Input(c))
            );
        }
    }
}

/// The status line and the terminal cursor at `width`x`height`.
fn status_and_cursor(
    m: &mut Model,
    width: u16,
    height: u16,
) -> (String, ratatui::layout::Position) {
    let mut t = draw(m, width, height);
    let screen = common::buffer_text(t.backend().buffer());
    let status = screen.lines().last().unwrap().to_owned();
    (status, t.get_cursor_position().unwrap())
}

#[test]
fn the_note_input_scrolls_and_the_terminal_cursor_follows() {
    let mut m = common::model();
    press(&mut m, &[Key::Ctrl('e')]);
    press(&mut m, &chars(LONG));
    press(&mut m, &chars(LONG));
    for (width, height) in [(60, 16), (80, 24)] {
        let (status, cursor) = status_and_cursor(&mut m, width, height);
        assert!(status.starts_with("note: "), "{status}");
        assert!(
            status.contains("年份不明！  "),
            "the end is shown: {status}"
        );
        assert_eq!(cursor.y, height - 1);
        assert!(cursor.x < width, "{cursor:?}");
        // Home: the start is shown, the cursor right after the prompt.
        press(&mut m, &[Key::Home]);
        let (status, cursor) = status_and_cursor(&mut m, width, height);
        assert!(status.starts_with("note: 请核对："), "{status}");
        assert_eq!(cursor.x, 6);
        press(&mut m, &[Key::End]);
    }
}

#[test]
fn a_saved_note_is_wrapped_over_the_free_rows() {
    let mut m = common::model();
    press(&mut m, &[Key::Ctrl('e')]);
    press(&mut m, &chars(LONG));
    press(&mut m, &[Key::Enter]);
    let pane = |m: &mut Model, width, height| -> Vec<String> {
        common::screen(m, width, height)
            .lines()
            .filter_map(|l| l.split_once('|').map(|(_, r)| r.trim().to_owned()))
            .collect()
    };
    // 120x40: rows to spare below the indicators; the note takes three.
    let rows = pane(&mut m, 120, 40);
    let start = rows.iter().position(|l| l.starts_with("note: ")).unwrap();
    let note: Vec<&String> = rows[start..].iter().filter(|l| !l.is_empty()).collect();
    assert!(note.len() >= 2, "{rows:#?}");
    let joined: String = note.iter().map(|l| l.as_str()).collect();
    assert_eq!(joined, format!("note: {LONG}"), "{rows:#?}");
    // 80x24 with a suggestion: one row left, cut with ~.
    let rows = pane(&mut m, 80, 24);
    let last = rows.iter().rev().find(|l| !l.is_empty()).unwrap();
    assert!(
        last.starts_with("note: 请核对") && last.ends_with('~'),
        "{rows:#?}"
    );
}

#[test]
fn each_full_width_key_does_what_its_ascii_key_does() {
    let m = common::model();
    let mut typed: Vec<char> = ('\u{ff01}'..='\u{ff5e}').collect();
    typed.extend("　￥¥。《》【】“”‘’·".chars());
    for mode in [Mode::Normal, Mode::Help] {
        for &c in &typed {
            let ascii = halfwidth_char(c).unwrap();
            let want = match resolve(&mode, &m.schema, Key::Char(ascii)) {
                Some(Action::Unbound(_)) => Some(Action::Unbound(Key::Char(c))),
                other => other,
            };
            assert_eq!(
                resolve(&mode, &m.schema, Key::Char(c)),
                want,
                "{c} as {ascii} in {mode:?}"
            );
        }
    }
    // The ones annotators hit: label keys, accept, quit, next.
    let normal = |c| resolve(&Mode::Normal, &m.schema, Key::Char(c));
    assert_eq!(normal('ａ'), Some(Action::SetSection(2)));
    assert_eq!(normal('１'), Some(Action::ToggleIndicator(0)));
    assert_eq!(normal('！'), Some(Action::ToggleIndicator(10)));
    assert_eq!(normal('（'), Some(Action::ToggleIndicator(18)));
    assert_eq!(normal('￥'), Some(Action::ToggleIndicator(13)));
    assert_eq!(normal('　'), Some(Action::Accept));
    assert_eq!(normal('？'), Some(Action::ToggleHelp));
    assert_eq!(normal('／'), Some(Action::StartSearch));
    assert_eq!(normal('ｑ'), Some(Action::Quit));
    assert_eq!(normal('ｊ'), Some(Action::Next));
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let mut m = common::model();
    for (key, shown) in [
        (Key::Char('ｚ'), "ｚ"),
        (Key::Char('、'), "、"),
        (Key::Char('…'), "…"),
        (Key::F(5), "F5"),
    ] {
        let effects = press(&mut m, &[key]);
        assert!(effects.is_empty());
        assert_eq!(
            m.message.as_deref(),
            Some(format!("key {shown} does nothing here (press ? for help)").as_str())
        );
    }
    // The next key that does something clears it.
    press(&mut m, &[Key::Char('ｊ')]);
    assert_eq!(m.cursor, 1);
    assert_eq!(m.message, None);
}

#[test]
fn a_full_width_label_key_sets_the_label() {
    let mut m = common::model();
    press(&mut m, &[Key::Char('ｊ'), Key::Char('ｈ'), Key::Char('３')]);
    let label = m.label(1).unwrap();
    assert_eq!(label.section.as_deref(), Some("heading"));
    assert_eq!(label.indicators, ["family_doctor"]);
    press(&mut m, &[Key::Char('　')]);
    assert!(m.is_done(1));
}

#[test]
fn a_key_the_schema_binds_in_full_width_keeps_its_binding() {
    let toml = biaozhu::schema::DEFAULT_SCHEMA_TOML.replace("key = \"x\"", "key = \"ｘ\"");
    let schema =
        biaozhu::schema::Schema::parse(&toml, std::path::Path::new("schema.toml")).unwrap();
    let other = schema.sections.iter().position(|s| s.name == "other");
    assert_eq!(
        resolve(&Mode::Normal, &schema, Key::Char('ｘ')),
        other.map(Action::SetSection)
    );
    assert_eq!(
        resolve(&Mode::Normal, &schema, Key::Char('x')),
        Some(Action::Unbound(Key::Char('x')))
    );
}

#[test]
fn the_review_screen_maps_full_width_keys_too() {
    let mut model = review_model();
    let schema = model.schema.clone();
    let normal = |c| review_resolve(ReviewMode::Normal, &schema, Key::Char(c));
    for (full, ascii) in [
        ('ａ', 'a'),
        ('１', '1'),
        ('ｊ', 'j'),
        ('　', ' '),
        ('ｎ', 'n'),
    ] {
        assert_eq!(normal(full), normal(ascii), "{full}");
        assert!(!matches!(normal(full), Some(ReviewAction::Unbound(_))));
    }
    assert_eq!(
        review_resolve(ReviewMode::Take, &schema, Key::Char('２')),
        Some(ReviewAction::Take(1))
    );
    assert_eq!(
        review_resolve(ReviewMode::Confirm, &schema, Key::Char('ｙ')),
        Some(ReviewAction::Confirm)
    );
    let Some(action) = normal('ｚ') else {
        panic!("ｚ resolves")
    };
    review_update(&mut model, action);
    assert_eq!(
        model.message.as_deref(),
        Some("key ｚ does nothing here (press ? for help)")
    );
}

#[test]
fn snapshot_the_note_input_at_60x16_and_the_saved_note_at_100x30() {
    let mut m = common::model();
    press(&mut m, &[Key::Char('ｊ'), Key::Ctrl('e')]);
    press(&mut m, &chars(LONG));
    press(&mut m, &[Key::Home, Key::Right, Key::Right]);
    insta::assert_snapshot!(common::screen(&mut m, 60, 16));
    press(&mut m, &[Key::Enter]);
    insta::assert_snapshot!(common::screen(&mut m, 100, 30));
}
