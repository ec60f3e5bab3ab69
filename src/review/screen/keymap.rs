//! Keys → review actions, by a pure function over data: the command keys
//! are a table (which the help lists), Alt-1…Alt-9 take an annotator's
//! version, the label keys come from the schema and edit the proposal.

use super::action::Action;
use super::model::Mode;
use crate::annotate::keymap::{command, help_key, label_key, HelpKey, Key};
use crate::schema::{Kind, Schema};

/// The command keys of the review screen, in help order.
pub const COMMANDS: &[(&[Key], Action, &str)] = &[
    (
        &[Key::Enter, Key::Char(' ')],
        Action::Decide,
        "decide: the proposal goes to gold; next undecided",
    ),
    (
        &[Key::Esc],
        Action::Majority,
        "back to the majority's version (drop edits)",
    ),
    (
        &[Key::Char('u'), Key::Backspace],
        Action::Undo,
        "undo the last decision",
    ),
    (
        &[Key::Char('j'), Key::Down, Key::Right],
        Action::Next,
        "next paragraph in the queue",
    ),
    (
        &[Key::Char('k'), Key::Up, Key::Left],
        Action::Prev,
        "previous paragraph in the queue",
    ),
    (
        &[Key::Char('g'), Key::Home],
        Action::First,
        "first in the queue",
    ),
    (
        &[Key::Char('G'), Key::End],
        Action::Last,
        "last in the queue",
    ),
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
    (
        &[Key::Tab],
        Action::CycleFilter,
        "show all / only undecided paragraphs",
    ),
    (
        &[Key::Ctrl('o')],
        Action::ToggleSort,
        "order: most disagreement first / corpus order",
    ),
    (&[Key::Char('?')], Action::ToggleHelp, "this help"),
    (
        &[Key::Char('q'), Key::Ctrl('c')],
        Action::Quit,
        "quit (every decision is already saved)",
    ),
];

/// How the help lists the keys that take an annotator's version.
pub const TAKE_KEYS: &str = "Alt-1 .. Alt-9";

/// What `key` does in `mode`.
pub fn resolve(mode: Mode, schema: &Schema, key: Key) -> Option<Action> {
    match mode {
        Mode::Help => help_key(key).map(|k| match k {
            HelpKey::Close => Action::ToggleHelp,
            HelpKey::Quit => Action::Quit,
            HelpKey::Down => Action::Next,
            HelpKey::Up => Action::Prev,
            HelpKey::PageDown => Action::ScrollDown,
            HelpKey::PageUp => Action::ScrollUp,
            HelpKey::Top => Action::First,
            HelpKey::Bottom => Action::Last,
        }),
        Mode::Normal => match key {
            Key::Alt(c @ '1'..='9') => Some(Action::Take(c as usize - '1' as usize)),
            _ => command(COMMANDS, key).or_else(|| {
                label_key(schema, key).map(|(kind, i)| match kind {
                    Kind::Section => Action::SetSection(i),
                    Kind::Indicator => Action::ToggleIndicator(i),
                })
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_keys_are_reserved_and_alt_digits_take_versions() {
        for (keys, _, _) in COMMANDS {
            for key in *keys {
                if let Key::Char(c) = key {
                    assert!(crate::schema::RESERVED_KEYS.contains(c), "{c:?}");
                }
            }
        }
        let schema = Schema::default_schema();
        let normal = |k| resolve(Mode::Normal, &schema, k);
        assert_eq!(normal(Key::Alt('1')), Some(Action::Take(0)));
        assert_eq!(normal(Key::Alt('9')), Some(Action::Take(8)));
        assert_eq!(normal(Key::Alt('0')), None);
        // Digits without Alt stay indicator keys.
        assert_eq!(normal(Key::Char('1')), Some(Action::ToggleIndicator(0)));
        assert_eq!(normal(Key::Char('a')), Some(Action::SetSection(2)));
        assert_eq!(normal(Key::Enter), Some(Action::Decide));
        assert_eq!(
            resolve(Mode::Help, &schema, Key::Char('a')),
            None,
            "label keys do nothing under the help"
        );
    }
}
