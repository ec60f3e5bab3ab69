//! A key as both screens' keymaps see it, made from a terminal key event.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key as the keymap sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    /// Alt (Meta) with a character; the review screen's "take annotator N".
    Alt(char),
    /// A function key F1, F2, …; the review screen's "take annotator N".
    F(u8),
    Enter,
    Backspace,
    Delete,
    Tab,
    Esc,
    Up,
    Down,
    Left,
    Right,
    /// Ctrl-Left / Ctrl-Right: a word left / right in the span mode.
    CtrlLeft,
    CtrlRight,
    Home,
    End,
    PageUp,
    PageDown,
}

impl Key {
    /// How the help overlay writes the key.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".to_owned(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Alt(c) => format!("Alt-{c}"),
            Key::F(n) => format!("F{n}"),
            Key::Enter => "Enter".to_owned(),
            Key::Backspace => "Backspace".to_owned(),
            Key::Delete => "Delete".to_owned(),
            Key::Tab => "Tab".to_owned(),
            Key::Esc => "Esc".to_owned(),
            Key::Up => "Up".to_owned(),
            Key::Down => "Down".to_owned(),
            Key::Left => "Left".to_owned(),
            Key::Right => "Right".to_owned(),
            Key::CtrlLeft => "Ctrl-Left".to_owned(),
            Key::CtrlRight => "Ctrl-Right".to_owned(),
            Key::Home => "Home".to_owned(),
            Key::End => "End".to_owned(),
            Key::PageUp => "PgUp".to_owned(),
            Key::PageDown => "PgDn".to_owned(),
        }
    }

    /// From a terminal key event; releases and unknown keys give `None`.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        Some(match event.code {
            // A line feed (Ctrl-J) is Enter typed before the screen was
            // up: the terminal, not yet raw, turned its CR into LF.
            KeyCode::Char('j' | 'J') if ctrl => Key::Enter,
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) if alt => Key::Alt(c),
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::Tab => Key::Tab,
            KeyCode::Esc => Key::Esc,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left if ctrl => Key::CtrlLeft,
            KeyCode::Right if ctrl => Key::CtrlRight,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::F(n) => Key::F(n),
            _ => return None,
        })
    }
}
