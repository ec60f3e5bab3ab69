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
