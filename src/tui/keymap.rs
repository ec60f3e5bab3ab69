//! What both screens' keymaps share: the session keys (Ctrl-Z, Ctrl-R),
//! the keys of a help overlay, a key looked up in a command table, and the
//! schema's label keys.

use super::key::Key;
use crate::schema::{Kind, Schema};

/// The keys that work the same in every mode of both screens: suspend and
/// retry (Ctrl-Z, Ctrl-R).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKey {
    Suspend,
    Retry,
}

pub fn session_key(key: Key) -> Option<SessionKey> {
    match key {
        Key::Ctrl('z') => Some(SessionKey::Suspend),
        Key::Ctrl('r') => Some(SessionKey::Retry),
        _ => None,
    }
}

/// The action of session key `$key` on a screen whose action enum `$A`
/// has `Suspend` and `Retry`.
macro_rules! session_action {
    ($A:ident, $key:expr) => {
        match $key {
            $crate::tui::keymap::SessionKey::Suspend => $A::Suspend,
            $crate::tui::keymap::SessionKey::Retry => $A::Retry,
        }
    };
}
pub(crate) use session_action;

/// What a key does while a help overlay is shown (on both screens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpKey {
    Close,
    Quit,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
}

/// The action of overlay key `$key` on a screen whose action enum `$A`
/// has `Quit`, `Next`, `Prev`, `ScrollDown`, `ScrollUp`, `First` and
/// `Last`; `$close` closes the overlay. (A macro: the two screens' action
/// enums are different types with the same variants.)
macro_rules! overlay_action {
    ($A:ident, $key:expr, $close:expr) => {
        match $key {
            $crate::tui::keymap::HelpKey::Close => $close,
            $crate::tui::keymap::HelpKey::Quit => $A::Quit,
            $crate::tui::keymap::HelpKey::Down => $A::Next,
            $crate::tui::keymap::HelpKey::Up => $A::Prev,
            $crate::tui::keymap::HelpKey::PageDown => $A::ScrollDown,
            $crate::tui::keymap::HelpKey::PageUp => $A::ScrollUp,
            $crate::tui::keymap::HelpKey::Top => $A::First,
            $crate::tui::keymap::HelpKey::Bottom => $A::Last,
        }
    };
}
pub(crate) use overlay_action;

pub fn help_key(key: Key) -> Option<HelpKey> {
    Some(match key {
        Key::Char('?') | Key::Esc => HelpKey::Close,
        Key::Char('q') | Key::Ctrl('c') => HelpKey::Quit,
        // The overlay scrolls with the usual movement keys.
        Key::Char('j') | Key::Down => HelpKey::Down,
        Key::Char('k') | Key::Up => HelpKey::Up,
        Key::PageDown | Key::Ctrl('d') | Key::Char(' ') => HelpKey::PageDown,
        Key::PageUp | Key::Ctrl('u') => HelpKey::PageUp,
        Key::Char('g') | Key::Home => HelpKey::Top,
        Key::Char('G') | Key::End => HelpKey::Bottom,
        _ => return None,
    })
}

/// The action a command table binds to `key`.
pub fn command<A: Clone>(table: &[(&[Key], A, &str)], key: Key) -> Option<A> {
    table
        .iter()
        .find(|(keys, _, _)| keys.contains(&key))
        .map(|(_, action, _)| action.clone())
}

/// The schema's label bound to `key`: section or indicator, and its index.
pub fn label_key(schema: &Schema, key: Key) -> Option<(Kind, usize)> {
    let Key::Char(c) = key else { return None };
    schema.binding(c)
}

/// `key` as meant on a screen (not in a text input): a key the schema
/// binds as typed stays, any other full-width or IME punctuation key
/// becomes the ASCII key it stands for ([`super::fullwidth`]).
pub fn meant(schema: &Schema, key: Key) -> Key {
    if label_key(schema, key).is_some() {
        key
    } else {
        super::fullwidth::halfwidth(key)
    }
}

/// What the status line says for a key that does nothing on a screen.
pub fn does_nothing(key: Key) -> String {
    format!("key {} does nothing here (press ? for help)", key.label())
}
