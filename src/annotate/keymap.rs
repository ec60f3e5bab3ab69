//! Keys → actions, by a pure function over data: the command keys are a
//! table (which the help overlay lists), the label keys come from the schema.

use super::action::Action;
use super::model::Mode;
use crate::schema::{Kind, Schema};
use crate::tui::help::command_rows;
use crate::tui::input::{edit_key, Edit};
use crate::tui::key::Key;
use crate::tui::keymap::{
    command, help_key, label_key, meant, overlay_action, session_action, session_key,
};
use crate::tui::span_keys::span_key;

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
        &[Key::Ctrl('n')],
        Action::NextDoc,
        "first paragraph of the next document",
    ),
    (
        &[Key::Ctrl('p')],
        Action::PrevDoc,
        "first paragraph of the previous document",
    ),
    (
        &[Key::Ctrl('g')],
        Action::StartGoTo,
        "go to: N (paragraph N here), doc-name-part, or doc-part:N",
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
        &[Key::Char('/')],
        Action::StartSearch,
        "search the text; /: searches labels: :problem :none :noind :<indicator> :flagged :noted :skipped",
    ),
    (&[Key::Char('n')], Action::SearchNext, "next match (with the count, 3/17)"),
    (&[Key::Char('N')], Action::SearchPrev, "previous match"),
    (
        &[Key::Tab],
        Action::CycleFilter,
        "show all / unfinished / flagged / skipped paragraphs",
    ),
    (
        &[Key::Ctrl('f')],
        Action::ToggleFlag,
        "flag for review (or unflag)",
    ),
    (
        &[Key::Ctrl('k')],
        Action::ToggleSkip,
        "skip / unsure: set aside, not done, and move on (again: take back)",
    ),
    (
        &[Key::Ctrl('e')],
        Action::StartNote,
        "write a note on the paragraph",
    ),
    (
        &[Key::Char('s')],
        Action::StartSpans,
        "span mode: mark the values in the text (keys below; Esc leaves)",
    ),
    (&[Key::Char('?')], Action::ToggleHelp, "this help"),
    (
        &[Key::Esc],
        Action::Cancel,
        "close help, cancel search, note or go to",
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

/// The span mode's own keys besides the shared ones
/// ([`crate::tui::span_keys::SPAN_KEYS`]), in help order.
pub const SPAN_COMMANDS: &[(&[Key], Action, &str)] = &[
    (
        &[Key::Char('u'), Key::Backspace],
        Action::Undo,
        "span mode: undo (span changes too)",
    ),
    (
        &[Key::Esc, Key::Char('s')],
        Action::Cancel,
        "span mode: drop the selection, or leave the span mode",
    ),
];

/// The rows of the help overlay: the commands, then the span mode's keys.
pub fn help_rows() -> impl Iterator<Item = (String, &'static str)> {
    command_rows(COMMANDS)
        .chain(command_rows(crate::tui::span_keys::SPAN_KEYS))
        .chain(command_rows(SPAN_COMMANDS))
}

/// What `key` does in `mode`. Outside the input lines a full-width key
/// is the key it stands for ([`meant`]), and a key that does nothing says
/// so; in the input lines it is text.
pub fn resolve(mode: &Mode, schema: &Schema, typed: Key) -> Option<Action> {
    if let Some(k) = session_key(typed) {
        return Some(session_action!(Action, k));
    }
    let key = meant(schema, typed);
    match mode {
        Mode::Search(_) | Mode::Note(_) | Mode::GoTo(_) => match typed {
            Key::Enter => Some(Action::InputSubmit),
            Key::Esc | Key::Ctrl('c') => Some(Action::Cancel),
            _ => edit_key(typed).map(|edit| match edit {
                Edit::Insert(c) => Action::Input(c),
                Edit::Backspace => Action::InputBackspace,
                edit => Action::InputEdit(edit),
            }),
        },
        Mode::Help => help_key(key).map(|k| overlay_action!(Action, k, Action::ToggleHelp)),
        Mode::Spans(_) => Some(
            span_key(schema, key)
                .map(Action::Span)
                .or_else(|| command(SPAN_COMMANDS, key))
                .or(match key {
                    // Help and quit as everywhere (listed once, above).
                    Key::Char('?') => Some(Action::ToggleHelp),
                    Key::Char('q') | Key::Ctrl('c') => Some(Action::Quit),
                    _ => None,
                })
                .unwrap_or(Action::Unbound(typed)),
        ),
        Mode::Normal => Some(
            command(COMMANDS, key)
                .or_else(|| {
                    label_key(schema, key).map(|(kind, i)| match kind {
                        Kind::Section => Action::SetSection(i),
                        Kind::Indicator => Action::ToggleIndicator(i),
                    })
                })
                .unwrap_or(Action::Unbound(typed)),
        ),
    }
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
        let search = Mode::Search(Default::default());
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
