//! The notes overlay (Ctrl-E): who flagged the paragraph, and every
//! annotator's note in full — sanitized, wrapped by our own wrapper, each
//! under its annotator's name; it scrolls like the help.

use crate::review::screen::model::Model;
use crate::text::{fit, row_slices, sanitize, wrap};
use crate::tui::help::overlay_title;
use crate::tui::style::Theme;
use ratatui::text::{Line, Span};

/// Notes are indented this much under their annotator's name.
const INDENT: usize = 2;

pub fn lines(model: &Model, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = overlay_title(
        "Notes 备注  (Esc or Ctrl-E closes; j/k PgUp/PgDn scroll)",
        theme,
        width,
    );
    let Some(case) = model.case() else {
        return out;
    };
    let name = |a: usize| sanitize(&model.annotators[a]).text;
    if !case.flagged.is_empty() {
        let who: Vec<String> = case.flagged.iter().map(|&a| name(a)).collect();
        out.push(Line::from(Span::styled(
            fit(&format!("flagged for review by {}", who.join(", ")), width),
            theme.error(),
        )));
        out.push(Line::from(""));
    }
    let wrap_width = width.saturating_sub(INDENT).max(1);
    for note in &case.notes {
        out.push(Line::from(Span::styled(
            fit(&format!("{}:", name(note.annotator)), width),
            theme.key(),
        )));
        // A line break in a note starts a new row; everything else is
        // shown through the sanitize layer.
        for part in note.text.split('\n') {
            let shown = sanitize(part).text;
            let rows = wrap(&shown, wrap_width);
            for row in row_slices(&shown, &rows) {
                out.push(Line::from(format!("{}{row}", " ".repeat(INDENT))));
            }
        }
        out.push(Line::from(""));
    }
    out
}

/// Rows of the notes overlay at the model's width (for the scroll limit).
pub fn notes_rows(model: &Model) -> usize {
    let width = usize::from(model.width.saturating_sub(2));
    lines(model, Theme { color: false }, width).len()
}
