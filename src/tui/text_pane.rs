//! The heading path and the paragraph pane: the current paragraph wrapped by
//! our own CJK-aware wrapper, with the neighbours dimmed for context.

use super::layout::{wrapped, Wrapped};
use super::style::Theme;
use crate::corpus::segment::heading_level;
use crate::corpus::{doc_range, Paragraph};
use crate::text::{fit, Row};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// What to mark in one paragraph (a search's matches): character ranges
/// of its text as shown (sanitized, as the pane draws it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// The paragraph (index into the view's `paragraphs`).
    pub index: usize,
    /// In order; in the current paragraph the first is the current match,
    /// emphasized more than the others.
    pub ranges: Vec<Range<usize>>,
}

/// What the paragraph pane shows: a paragraph of the corpus, in its
/// document, scrolled — the annotation and the review screens both draw it.
#[derive(Debug, Clone, Copy)]
pub struct TextView<'a> {
    pub paragraphs: &'a [Paragraph],
    /// The paragraph shown (index into `paragraphs`).
    pub cursor: usize,
    /// First row of it shown.
    pub scroll: usize,
    /// Columns the text wraps to.
    pub wrap_width: usize,
    /// Matches to mark in the paragraphs shown (none: `&[]`).
    pub highlights: &'a [Highlight],
}

impl<'a> TextView<'a> {
    fn current(&self) -> Option<&'a Paragraph> {
        self.paragraphs.get(self.cursor)
    }

    fn doc_range(&self) -> std::ops::Range<usize> {
        doc_range(self.paragraphs, self.cursor)
    }

    fn ranges(&self, index: usize) -> &'a [Range<usize>] {
        self.highlights
            .iter()
            .find(|h| h.index == index)
            .map_or(&[], |h| h.ranges.as_slice())
    }
}

/// The nearest preceding heading of each level, outermost first.
pub fn heading_path<'a>(view: &TextView<'a>) -> Vec<&'a str> {
    let range = view.doc_range();
    let mut path: Vec<(u8, &str)> = Vec::new();
    for p in &view.paragraphs[range.start..view.cursor.min(range.end)] {
        if !p.heading {
            continue;
        }
        let level = heading_level(&p.text).unwrap_or(1);
        path.retain(|&(l, _)| l < level);
        path.push((level, p.text.trim()));
    }
    path.into_iter().map(|(_, t)| t).collect()
}

pub fn path_line(view: &TextView, theme: Theme, width: usize) -> Line<'static> {
    let path = heading_path(view);
    let text = if path.is_empty() {
        view.current().map_or(String::new(), |p| p.doc.clone())
    } else {
        path.join(" > ")
    };
    Line::from(Span::styled(
        fit(&crate::text::sanitize(&text).text, width),
        theme.heading(),
    ))
}

/// The rows of the paragraph pane, `height` of them at most. The first
/// row of the current paragraph on screen carries the `>` marker, also when
/// the paragraph is scrolled past its first row.
pub fn pane_lines(view: &TextView, theme: Theme, height: usize) -> Vec<Line<'static>> {
    let Some(current) = view.current() else {
        return vec![Line::from("(the corpus has no paragraphs)")];
    };
    let width = view.wrap_width;
    let text = wrapped(&current.text, width);
    let style = if current.heading {
        theme.heading()
    } else {
        theme.plain()
    };
    let marks = Marks {
        ranges: view.ranges(view.cursor),
        current: true,
        theme,
    };
    let rows = &text.rows;
    let scroll = view.scroll.min(rows.len().saturating_sub(1));
    let remaining = rows.len() - scroll;
    let row =
        |i: usize, r: &Row| marked_row(&text, r, if i == 0 { ">" } else { " " }, style, &marks);
    if remaining >= height {
        let more = remaining - height + 1;
        let shown = if remaining == height {
            height
        } else {
            height.saturating_sub(1)
        };
        let mut out: Vec<Line> = rows[scroll..scroll + shown]
            .iter()
            .enumerate()
            .map(|(i, r)| row(i, r))
            .collect();
        if remaining > height {
            out.push(Line::from(Span::styled(
                format!(" -- {more} more rows: PgDn --"),
                theme.dim(),
            )));
        }
        return out;
    }
    let free = height - remaining;
    let prev = context(view, view.cursor.checked_sub(1), width);
    let next = context(view, Some(view.cursor + 1), width);
    let context_marks = |index: usize| Marks {
        ranges: view.ranges(index),
        current: false,
        theme,
    };
    let mut out = Vec::new();
    if let Some((i, prev)) = &prev {
        let take = prev.rows.len().min(free.saturating_sub(1) / 2);
        if take > 0 {
            for r in &prev.rows[prev.rows.len() - take..] {
                out.push(marked_row(prev, r, " ", theme.dim(), &context_marks(*i)));
            }
            out.push(Line::from(""));
        }
    }
    for (i, r) in rows[scroll..].iter().enumerate() {
        out.push(row(i, r));
    }
    let left = height.saturating_sub(out.len());
    if let Some((i, next)) = &next {
        if left > 1 {
            out.push(Line::from(""));
            for r in next.rows.iter().take(left - 1) {
                out.push(marked_row(next, r, " ", theme.dim(), &context_marks(*i)));
            }
        }
    }
    out
}

/// The matches to mark in one paragraph's rows.
struct Marks<'a> {
    ranges: &'a [Range<usize>],
    /// The current paragraph: its first match is the current one.
    current: bool,
    theme: Theme,
}

impl Marks<'_> {
    /// How the character at `at` is drawn, on top of `base`.
    fn style(&self, at: usize, base: Style) -> Style {
        match self.ranges.iter().position(|r| r.contains(&at)) {
            Some(0) if self.current => base.patch(self.theme.found_current()),
            Some(_) => base.patch(self.theme.found()),
            None => base,
        }
    }
}

/// One row of a wrapped paragraph after its `gutter`, the matches in it
/// marked.
fn marked_row(
    text: &Wrapped,
    row: &Row,
    gutter: &str,
    base: Style,
    marks: &Marks,
) -> Line<'static> {
    let mut spans = vec![Span::raw(gutter.to_owned())];
    let mut piece = String::new();
    let mut piece_style = base;
    for (at, c) in text
        .display
        .chars()
        .enumerate()
        .skip(row.start)
        .take(row.end - row.start)
    {
        let style = marks.style(at, base);
        if style != piece_style && !piece.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut piece), piece_style));
        }
        piece_style = style;
        piece.push(c);
    }
    spans.push(Span::styled(piece, piece_style));
    Line::from(spans)
}

/// A neighbouring paragraph in the same document, wrapped, if any.
fn context(view: &TextView, index: Option<usize>, width: usize) -> Option<(usize, Wrapped)> {
    let range = view.doc_range();
    match index {
        Some(i) if range.contains(&i) => Some((i, wrapped(&view.paragraphs[i].text, width))),
        _ => None,
    }
}
