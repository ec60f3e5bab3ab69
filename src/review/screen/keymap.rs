//! Keys → review actions, by a pure function over data: the command keys
//! are a table (which the help lists); F1…F9, `n` then 1…9 and Alt-1…Alt-9
//! take an annotator's version; the label keys come from the schema and
//! edit the proposal.

use super::action::Action;
use super::model::Mode;
use crate::schema::{Kind, Schema};
use crate::tui::key::Key;
use crate::tui::keymap::{
    command, help_key, label_key, meant, overlay_action, session_action, session_key,
};
use crate::tui::span_keys::span_key;

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
    (
        &[Key::Ctrl('e')],
        Action::ToggleNotes,
        "the annotators' notes in full (Esc closes)",
    ),
    (&[Key::Char('?')], Action::ToggleHelp, "this help"),
    (
        &[Key::Char('q'), Key::Ctrl('c')],
        Action::Quit,
        "quit (every decision is already saved)",
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

/// The first key of the two-key "take annotator N" (`n` then N): a key
/// the schema cannot bind (reserved) and no other review command uses.
pub const TAKE_PREFIX: char = 'n';

/// How the help lists the keys that take an annotator's version: F-keys
/// (every terminal; GNOME Terminal keeps F1 for its own help unless told
/// otherwise), the two-key sequence (everywhere), Alt (where the terminal
/// sends Meta).
pub const TAKE_KEYS: [(&str, &str); 3] = [
    ("F1 .. F9", ""),
    (
        "n then 1 .. 9",
        "the same, where F-keys do not reach biaozhu",
    ),
    ("Alt-1 .. Alt-9", "the same, where Alt reaches biaozhu"),
];

/// The take keys in one short line, for the screen.
pub const TAKE_HINT: &str = "take N: FN, n then N, Alt-N";
/// [`TAKE_HINT`] where it does not fit.
pub const TAKE_HINT_SHORT: &str = "take N: FN, n N, Alt-N";

/// Annotator index of a digit key 1…9.
fn digit(c: char) -> Option<usize> {
    ('1'..='9').contains(&c).then(|| c as usize - '1' as usize)
}

/// What `key` does in `mode`. A full-width key is the key it stands for
/// ([`meant`]); in the normal mode a key that does nothing says so.
pub fn resolve(mode: Mode, schema: &Schema, typed: Key) -> Option<Action> {
    if let Some(k) = session_key(typed) {
        return Some(session_action!(Action, k));
    }
    let key = meant(schema, typed);
    match mode {
        Mode::Help => help_key(key).map(|k| overlay_action!(Action, k, Action::ToggleHelp)),
        Mode::Notes => match key {
            Key::Ctrl('e') => Some(Action::ToggleNotes),
            _ => help_key(key).map(|k| overlay_action!(Action, k, Action::Cancel)),
        },
        // Any key but a digit drops the half-typed take.
        Mode::Take => Some(match key {
            Key::Char(c) => digit(c).map_or(Action::Cancel, Action::Take),
            _ => take(key).unwrap_or(Action::Cancel),
        }),
        Mode::Spans(_) => Some(
            span_key(schema, key)
                .map(Action::Span)
                .or(match key {
                    Key::Esc | Key::Char('s') => Some(Action::Cancel),
                    Key::Char('?') => Some(Action::ToggleHelp),
                    Key::Char('q') | Key::Ctrl('c') => Some(Action::Quit),
                    _ => None,
                })
                .unwrap_or(Action::Unbound(typed)),
        ),
        Mode::Confirm => match key {
            Key::Char('y' | 'Y') => Some(Action::Confirm),
            Key::Char('n' | 'N') | Key::Esc | Key::Ctrl('c') => Some(Action::Cancel),
            _ => None,
        },
        Mode::Normal => Some(match key {
            Key::Char(TAKE_PREFIX) => Action::StartTake,
            // Listed in the help with the span mode's keys, after the take keys.
            Key::Char('s') => Action::StartSpans,
            _ => take(key)
                .or_else(|| command(COMMANDS, key))
                .or_else(|| {
                    label_key(schema, key).map(|(kind, i)| match kind {
                        Kind::Section => Action::SetSection(i),
                        Kind::Indicator => Action::ToggleIndicator(i),
                    })
                })
                .unwrap_or(Action::Unbound(typed)),
        }),
    }
}

/// Alt-1…Alt-9 and F1…F9: take that annotator's version.
fn take(key: Key) -> Option<Action> {
    match key {
        Key::Alt(c) => digit(c).map(Action::Take),
        Key::F(n @ 1..=9) => Some(Action::Take(usize::from(n) - 1)),
        _ => None,
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
        assert_eq!(normal(Key::Alt('0')), Some(Action::Unbound(Key::Alt('0'))));
        assert_eq!(normal(Key::F(1)), Some(Action::Take(0)));
        assert_eq!(normal(Key::F(9)), Some(Action::Take(8)));
        assert_eq!(normal(Key::F(10)), Some(Action::Unbound(Key::F(10))));
        assert_eq!(normal(Key::Char('n')), Some(Action::StartTake));
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

    #[test]
    fn the_take_prefix_is_free_and_its_digit_takes() {
        let schema = Schema::default_schema();
        assert!(crate::schema::RESERVED_KEYS.contains(&TAKE_PREFIX));
        assert!(command(COMMANDS, Key::Char(TAKE_PREFIX)).is_none());
        let take = |k| resolve(Mode::Take, &schema, k);
        assert_eq!(take(Key::Char('2')), Some(Action::Take(1)));
        assert_eq!(take(Key::Char('9')), Some(Action::Take(8)));
        assert_eq!(take(Key::F(3)), Some(Action::Take(2)));
        for other in [Key::Char('0'), Key::Char('a'), Key::Esc, Key::Enter] {
            assert_eq!(take(other), Some(Action::Cancel), "{other:?}");
        }
    }

    #[test]
    fn confirm_takes_y_or_n_and_ignores_the_rest() {
        let schema = Schema::default_schema();
        let confirm = |k| resolve(Mode::Confirm, &schema, k);
        assert_eq!(confirm(Key::Char('y')), Some(Action::Confirm));
        assert_eq!(confirm(Key::Char('n')), Some(Action::Cancel));
        assert_eq!(confirm(Key::Esc), Some(Action::Cancel));
        assert_eq!(confirm(Key::Enter), None);
        assert_eq!(confirm(Key::Char('a')), None);
        let notes = |k| resolve(Mode::Notes, &schema, k);
        assert_eq!(notes(Key::Esc), Some(Action::Cancel));
        assert_eq!(notes(Key::Ctrl('e')), Some(Action::ToggleNotes));
        assert_eq!(notes(Key::Char('j')), Some(Action::Next));
        assert_eq!(notes(Key::Char('a')), None);
    }
}
