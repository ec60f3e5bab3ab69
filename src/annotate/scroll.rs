//! How far the labeling screen's paragraph pane and help overlay can
//! scroll, and scrolling the help overlay.

use super::action::Action;
use super::model::Model;
use crate::tui::help::{help_lines, help_width};
use crate::tui::layout::{overlay_rows, scroll_limit, text_rows};
use crate::tui::style::Theme;

/// Scroll the help overlay: a row, half a page, or to either end.
pub(super) fn help_scroll(model: &mut Model, action: Action) {
    let half = help_page(model) / 2 + 1;
    let max = max_help_scroll(model);
    model.help_scroll = match action {
        Action::Next => model.help_scroll + 1,
        Action::Prev => model.help_scroll.saturating_sub(1),
        Action::ScrollDown => model.help_scroll + half,
        Action::ScrollUp => model.help_scroll.saturating_sub(half),
        Action::First => 0,
        Action::Last => max,
        _ => model.help_scroll,
    }
    .min(max);
}

pub(super) fn clamp_scroll(model: &mut Model) {
    let max = max_scroll(model);
    model.scroll = model.scroll.min(max);
}

/// Rows of the paragraph pane.
pub(super) fn page_rows(model: &Model) -> usize {
    text_rows(model.width, model.height)
}

/// How far the current paragraph can scroll: its rows beyond the pane.
fn max_scroll(model: &Model) -> usize {
    model.current().map_or(0, |p| {
        scroll_limit(&p.text.load(), model.width, model.height)
    })
}

/// Rows of the help overlay: title and blank, the commands, then a blank and
/// a title before each of the label lists.
fn help_rows(model: &Model) -> usize {
    help_lines(
        super::keymap::help_rows(),
        &model.schema,
        Theme { color: false },
        help_width(model.width),
    )
    .len()
}

/// Rows the help overlay has on screen (all but the status line).
fn help_page(model: &Model) -> usize {
    overlay_rows(model.height)
}

/// How far the help overlay can scroll.
pub(super) fn max_help_scroll(model: &Model) -> usize {
    help_rows(model).saturating_sub(help_page(model))
}
