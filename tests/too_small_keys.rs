//! While the terminal is too small for the layout (the screen shows
//! "terminal too small") no key changes anything on either screen; only
//! quit acts, and after a resize the keys work again.

mod common;

use biaozhu::tui::key::Key;
use biaozhu::tui::terminal::Screen;

/// Every key a user might press, label keys and commands alike.
fn keys() -> Vec<Key> {
    let mut keys: Vec<Key> = "ao1234!hpbx jkgGnN/?yu12".chars().map(Key::Char).collect();
    keys.extend([
        Key::Enter,
        Key::Backspace,
        Key::Tab,
        Key::Esc,
        Key::Down,
        Key::Up,
        Key::PageDown,
        Key::End,
        Key::Ctrl('f'),
        Key::Ctrl('e'),
        Key::Ctrl('z'),
        Key::Ctrl('r'),
        Key::Alt('1'),
        Key::F(2),
    ]);
    keys
}

/// Press `keys` on `model` as the terminal loop does; the effects asked for.
fn press<S: Screen>(model: &mut S, keys: &[Key]) -> usize {
    let mut effects = 0;
    for &k in keys {
        if let Some(action) = model.key(k) {
            effects += model.update(action).len();
        }
    }
    effects
}

#[test]
fn annotate_keys_do_nothing_while_too_small() {
    let mut m = common::model();
    for (w, h) in [(40, 10), (59, 16), (60, 15)] {
        m.update(biaozhu::annotate::Action::Resize {
            width: w,
            height: h,
        });
        let before = m.clone();
        assert_eq!(press(&mut m, &keys()), 0, "{w}x{h}");
        assert_eq!(m, before, "{w}x{h}: a key changed the model");
        assert_eq!(m.key(Key::Char('q')), Some(biaozhu::annotate::Action::Quit));
        assert_eq!(m.key(Key::Ctrl('c')), Some(biaozhu::annotate::Action::Quit));
    }
    // Large enough again: the same keys label and accept.
    m.update(biaozhu::annotate::Action::Resize {
        width: 100,
        height: 30,
    });
    assert!(press(&mut m, &[Key::Char('a'), Key::Enter]) > 0);
    assert!(m.labels.iter().flatten().any(|l| l.done));
}

#[test]
fn review_keys_do_nothing_while_too_small() {
    let mut m = common::review_model();
    m.update(biaozhu::review::screen::Action::Resize {
        width: 40,
        height: 10,
    });
    let before = m.clone();
    assert_eq!(press(&mut m, &keys()), 0);
    assert_eq!(m, before, "a key changed the review model");
    assert_eq!(
        m.key(Key::Char('q')),
        Some(biaozhu::review::screen::Action::Quit)
    );
    m.update(biaozhu::review::screen::Action::Resize {
        width: 100,
        height: 30,
    });
    let small = m.clone();
    press(&mut m, &[Key::Char('j')]);
    assert_ne!(m.pos, small.pos, "j moves again");
}
