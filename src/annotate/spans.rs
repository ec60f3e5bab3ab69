//! The span mode of the labeling screen (`s`): its part of `update`. The
//! editing itself is shared with the review screen
//! ([`crate::tui::span_edit`]); here a change becomes a label change, saved
//! and undone like any other.

use super::action::Action;
use super::model::{Mode, Model};
use super::scroll::{clamp_scroll, page_rows};
use super::update::{change, undo};
use crate::tui::effect::Effect;
use crate::tui::keymap::does_nothing;
use crate::tui::layout::text_wrap_width;
use crate::tui::span_edit::{self, Caret, Outcome, SpanKey};

/// `s`: the span mode on the current paragraph, the cursor on its first
/// suggestion.
pub fn start(model: &mut Model) -> Vec<Effect> {
    let open = model.open_suggestions(model.cursor);
    model.mode = Mode::Spans(Caret::on_first(&open));
    model.message = Some(match open.len() {
        0 => "span mode: no values suggested here; Space selects, Esc leaves".to_owned(),
        n => format!(
            "span mode: {n} suggested; Enter takes, an indicator key relabels, n rejects, Esc leaves"
        ),
    });
    caret_in_view(model);
    Vec::new()
}

/// Keys of the span mode.
pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
    model.message = None;
    let effects = match action {
        Action::Span(key) => span_key(model, key),
        Action::Cancel => {
            if let Mode::Spans(caret) = &mut model.mode {
                model.message = Some(if span_edit::drop_selection(caret) {
                    "selection dropped".to_owned()
                } else {
                    model.mode = Mode::Normal;
                    "left the span mode".to_owned()
                });
            }
            Vec::new()
        }
        Action::Undo => {
            let effects = undo(model);
            let len = model.current().map_or(0, |p| p.text.load().chars().count());
            if let Mode::Spans(caret) = &mut model.mode {
                caret.at = caret.at.min(len);
                caret.anchor = None;
            }
            effects
        }
        Action::ToggleHelp => {
            model.mode = Mode::Help;
            model.help_scroll = 0;
            Vec::new()
        }
        Action::Unbound(key) => {
            model.message = Some(does_nothing(key));
            Vec::new()
        }
        _ => Vec::new(),
    };
    caret_in_view(model);
    effects
}

/// A span-mode key on the current paragraph: move the cursor, or change
/// the spans (saved like any label change), or reject a suggestion.
fn span_key(model: &mut Model, key: SpanKey) -> Vec<Effect> {
    let Mode::Spans(mut caret) = model.mode.clone() else {
        return Vec::new();
    };
    let index = model.cursor;
    let Some(p) = model.current() else {
        return Vec::new();
    };
    let spans = model.label(index).map_or(&[][..], |l| &l.spans[..]);
    let open = model.open_suggestions(index);
    let outcome = span_edit::press(
        &mut caret,
        &model.kit,
        &model.schema,
        &p.text.load(),
        spans,
        &open,
        key,
    );
    model.mode = Mode::Spans(caret);
    match outcome {
        Outcome::Moved => Vec::new(),
        Outcome::Say(message) => {
            model.message = Some(message);
            Vec::new()
        }
        Outcome::Rejected(start, end, message) => {
            model.rejected.insert((index, start, end));
            model.message = Some(message);
            Vec::new()
        }
        Outcome::Spans(new, message) => {
            let effects = change(model, "span", |l| l.spans = new);
            model.message = Some(message);
            effects
        }
    }
}

/// Scroll the paragraph so the span mode's cursor is on screen.
fn caret_in_view(model: &mut Model) {
    let Mode::Spans(caret) = model.mode else {
        return;
    };
    let Some(p) = model.current() else {
        return;
    };
    // The pane's last row may say how many rows are left.
    let page = page_rows(model).saturating_sub(1).max(1);
    let width = text_wrap_width(model.width, model.height);
    model.scroll = span_edit::scroll_for_caret(&p.text.load(), caret.at, width, page, model.scroll);
    clamp_scroll(model);
}
