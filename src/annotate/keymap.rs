//! Keys → actions, by a pure function over data: the command keys are a
//! table (which the help overlay lists), the label keys come from the schema.

use super::action::Action;
use super::model::Mode;
use crate::schema::{Kind, Schema};
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
    Tab,
    Esc,
    Up,
    Down,
    Left,
    Right,
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
            Key::Tab => "Tab".to_owned(),
            Key::Esc => "Esc".to_owned(),
            Key::Up => "Up".to_owned(),
            Key::Down => "Down".to_owned(),
            Key::Left => "Left".to_owned(),
            Key::Right => "Right".to_owned(),
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
            KeyCode::Tab => Key::Tab,
            KeyCode::Esc => Key::Esc,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
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

/// The command keys of the annotation screen, in help-overlay order.
pub const COMMANDS: &[(&[Key], Action, &str)] = &[
    (
        &[Key::Enter, Key::Char(' ')],
        Action::Accept,
        "accept and go to the next unfinished paragraph",
    ),
    (
        &[Key::Char('u'), Key::Backspace],
        Action::Undo,
        "undo the last change (also across paragraphs)",
    ),
    (
        &[Key::Char('j'), Key::Down, Key::Right],
        Action::Next,
        "next paragraph",
    ),
    (
        &[Key::Char('k'), Key::Up, Key::Left],
        Action::Prev,
        "previous paragraph",
    ),
    (
        &[Key::Char('g'), Key::Home],
        Action::First,
        "first paragraph",
    ),
    (&[Key::Char('G'), Key::End], Action::Last, "last paragraph"),
    (
        &[Key::PageDown, Key::Ctrl('d')],
        Action::ScrollDown,
        "scroll a long paragraph down",
    ),
    (
        &[Key::PageUp, Key::Ctrl('u')],
        Action::ScrollUp,
        "scroll a long paragraph up",
    ),
    (&[Key::Char('/')], Action::StartSearch, "search the text"),
    (&[Key::Char('n')], Action::SearchNext, "next match"),
    (&[Key::Char('N')], Action::SearchPrev, "previous match"),
    (
        &[Key::Tab],
        Action::CycleFilter,
        "show all / unfinished / flagged paragraphs",
    ),
    (
        &[Key::Ctrl('f')],
        Action::ToggleFlag,
        "flag for review (or unflag)",
    ),
    (
        &[Key::Ctrl('e')],
        Action::StartNote,
        "write a note on the paragraph",
    ),
    (&[Key::Char('?')], Action::ToggleHelp, "this help"),
    (
        &[Key::Esc],
        Action::Cancel,
        "close help, cancel search or note",
    ),
    (
        &[Key::Char('q'), Key::Ctrl('c')],
        Action::Quit,
        "quit (every change is already saved)",
    ),
    (
        &[Key::Ctrl('r')],
        Action::Retry,
        "save again what could not be saved (also tried every second)",
    ),
    (
        &[Key::Ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg comes back)",
    ),
];

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
            SessionKey::Suspend => $A::Suspend,
            SessionKey::Retry => $A::Retry,
        }
    };
}
pub(crate) use session_action;

/// What `key` does in `mode`.
pub fn resolve(mode: &Mode, schema: &Schema, key: Key) -> Option<Action> {
    if let Some(k) = session_key(key) {
        return Some(session_action!(Action, k));
    }
    match mode {
        Mode::Search(_) | Mode::Note(_) => match key {
            Key::Char(c) => Some(Action::Input(c)),
            Key::Backspace => Some(Action::InputBackspace),
            Key::Enter => Some(Action::InputSubmit),
            Key::Esc | Key::Ctrl('c') => Some(Action::Cancel),
            _ => None,
        },
        Mode::Help => help_key(key).map(|k| overlay_action!(Action, k, Action::ToggleHelp)),
        Mode::Normal => command(COMMANDS, key).or_else(|| {
            label_key(schema, key).map(|(kind, i)| match kind {
                Kind::Section => Action::SetSection(i),
                Kind::Indicator => Action::ToggleIndicator(i),
            })
        }),
    }
}

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
            HelpKey::Close => $close,
            HelpKey::Quit => $A::Quit,
            HelpKey::Down => $A::Next,
            HelpKey::Up => $A::Prev,
            HelpKey::PageDown => $A::ScrollDown,
            HelpKey::PageUp => $A::ScrollUp,
            HelpKey::Top => $A::First,
            HelpKey::Bottom => $A::Last,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_keys_are_the_reserved_ones() {
        for (keys, _, _) in COMMANDS {
            for key in *keys {
                if let Key::Char(c) = key {
                    assert!(
                        crate::schema::RESERVED_KEYS.contains(c),
                        "{c:?} is a command key but the schema may bind it"
                    );
                }
            }
        }
    }

    #[test]
    fn labels_resolve_from_the_schema() {
        let schema = Schema::default_schema();
        let def = &schema.sections[0];
        assert_eq!(
            resolve(&Mode::Normal, &schema, Key::Char(def.key)),
            Some(Action::SetSection(0))
        );
        let ind = &schema.indicators[0];
        assert_eq!(
            resolve(&Mode::Normal, &schema, Key::Char(ind.key)),
            Some(Action::ToggleIndicator(0))
        );
        assert_eq!(
            resolve(&Mode::Normal, &schema, Key::Char('q')),
            Some(Action::Quit)
        );
        // While typing a search, label keys are text.
        let search = Mode::Search(String::new());
        assert_eq!(
            resolve(&search, &schema, Key::Char(def.key)),
            Some(Action::Input(def.key))
        );
        assert_eq!(
            resolve(&search, &schema, Key::Char('q')),
            Some(Action::Input('q'))
        );
    }
}
