//! The span mode of the review screen (`s`): its part of `update`. The
//! same editing as the labeling screen's ([`crate::tui::span_edit`]), on
//! the gold proposal: a change edits the proposal, written to gold with
//! the decision.

use super::action::Action;
use super::model::{Mode, Model};
use super::update::{edit, max_scroll};
use crate::tui::keymap::does_nothing;
use crate::tui::layout::{text_rows, text_wrap_width};
use crate::tui::span_edit::{self, Caret, Outcome, SpanKey};

/// `s`: the span mode on the proposal, the cursor on the first suggestion
/// (an annotator's span the proposal lacks, or a value found).
pub fn start(model: &mut Model) {
    if model.case().is_none() {
        model.message = Some("nothing to review".to_owned());
        return;
    }
    let open = model.open_suggestions();
    model.mode = Mode::Spans(Caret::on_first(&open));
    model.message = Some(format!(
        "span mode on the proposal: {} to look at; Enter takes, an indicator key relabels, n rejects, Esc leaves",
        open.len()
    ));
    caret_in_view(model);
}

/// Keys of the span mode: they edit the proposal's spans (written to gold
/// with the decision, like its other edits).
pub fn update(model: &mut Model, action: Action) {
    model.message = None;
    match action {
        Action::Span(key) => span_key(model, key),
        Action::Cancel => {
            if let Mode::Spans(caret) = &mut model.mode {
                model.message = Some(if span_edit::drop_selection(caret) {
                    "selection dropped".to_owned()
                } else {
                    model.mode = Mode::Normal;
                    "left the span mode: Enter decides".to_owned()
                });
            }
        }
        Action::ToggleHelp => {
            model.mode = Mode::Help;
            model.help_scroll = 0;
        }
        Action::Unbound(key) => model.message = Some(does_nothing(key)),
        _ => {}
    }
    caret_in_view(model);
}

fn span_key(model: &mut Model, key: SpanKey) {
    let (Mode::Spans(mut caret), Some(case), Some(p)) =
        (model.mode, model.case(), model.paragraph())
    else {
        return;
    };
    let index = case.index;
    let open = model.open_suggestions();
    let outcome = span_edit::press(
        &mut caret,
        &model.kit,
        &model.schema,
        &p.text.load(),
        &model.draft.choice.spans,
        &open,
        key,
    );
    model.mode = Mode::Spans(caret);
    match outcome {
        Outcome::Moved => {}
        Outcome::Say(message) => model.message = Some(message),
        Outcome::Rejected(start, end, message) => {
            model.rejected.insert((index, start, end));
            model.message = Some(message);
        }
        Outcome::Spans(new, message) => {
            edit(model, |c| c.spans = new);
            model.message = Some(message);
        }
    }
}

/// Scroll the paragraph so the span mode's cursor is on screen.
fn caret_in_view(model: &mut Model) {
    let (Mode::Spans(caret), Some(p)) = (model.mode, model.paragraph()) else {
        return;
    };
    let page = text_rows(model.width, model.height)
        .saturating_sub(1)
        .max(1);
    let width = text_wrap_width(model.width, model.height);
    model.scroll = span_edit::scroll_for_caret(&p.text.load(), caret.at, width, page, model.scroll)
        .min(max_scroll(model));
}
