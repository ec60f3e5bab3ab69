//! How spans look in the paragraph pane (both screens): each span in its
//! indicator's colour, and in the span mode the open suggestions, the
//! selection and the cursor. Offsets are code points of the source text,
//! mapped through the display sanitizer's map ([`crate::text::sanitize`]),
//! so a tab, a control stand-in, `𠀀` or an emoji before a span does not
//! shift it.

use super::span_edit::Caret;
use super::style::Theme;
use super::text_pane::Paint;
use crate::schema::Schema;
use crate::spans::Suggestion;
use crate::store::Span;
use crate::text::sanitize::Display;
use crate::text::{fit, sanitize};
use ratatui::text::Line;

/// The paints of paragraph `index` (its `text`): its spans, and in the
/// span mode (`mode`: the open suggestions and the caret) the mode's.
pub fn paragraph(
    index: usize,
    text: &str,
    marked: &[Span],
    schema: &Schema,
    theme: Theme,
    mode: Option<(&[Suggestion], &Caret)>,
) -> Vec<Paint> {
    if marked.is_empty() && mode.is_none() {
        return Vec::new();
    }
    let shown = sanitize(text);
    let mut out = spans(index, &shown, marked, schema, theme);
    if let Some((open, caret)) = mode {
        out.extend(self::mode(index, &shown, open, caret, theme));
    }
    out
}

/// The span mode's keys, on the row the heading path has outside it
/// (`undo`: whether `u` undoes there).
pub fn hints(theme: Theme, width: usize, undo: bool) -> Line<'static> {
    let text = format!(
        "SPAN MODE  j/k value, Enter take, indicator key: label, n reject, \
         Left/Right char, Ctrl-Left/Right word, Space select, Del delete, {}Esc leave",
        if undo { "u undo, " } else { "" }
    );
    Line::from(ratatui::text::Span::styled(
        fit(&text, width),
        theme.suggested(),
    ))
}

/// The paints of paragraph `index`'s spans.
pub fn spans(
    index: usize,
    shown: &Display,
    spans: &[Span],
    schema: &Schema,
    theme: Theme,
) -> Vec<Paint> {
    spans
        .iter()
        .map(|s| Paint {
            index,
            range: shown.display_range(s.start as usize, s.end as usize),
            style: theme.span(schema.indicator(&s.label).and_then(|d| d.color)),
        })
        .collect()
}

/// The span mode's paints on paragraph `index`: the open suggestions, then
/// the selection or, without one, the character after the cursor.
pub fn mode(
    index: usize,
    shown: &Display,
    open: &[Suggestion],
    caret: &Caret,
    theme: Theme,
) -> Vec<Paint> {
    let mut out: Vec<Paint> = open
        .iter()
        .map(|s| Paint {
            index,
            range: shown.display_range(s.start as usize, s.end as usize),
            style: theme.span_suggested(),
        })
        .collect();
    let marked = caret.selection().unwrap_or(caret.at..caret.at + 1);
    out.push(Paint {
        index,
        range: shown.display_range(marked.start, marked.end),
        style: theme.caret(),
    });
    out
}
