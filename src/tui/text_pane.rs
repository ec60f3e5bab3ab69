//! The heading path and the paragraph pane: the current paragraph wrapped by
//! our own CJK-aware wrapper, with the neighbours dimmed for context.

use super::layout::wrapped;
use super::style::Theme;
use crate::corpus::segment::heading_level;
use crate::corpus::{doc_range, Paragraph};
use crate::text::fit_left;
use ratatui::text::{Line, Span};

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
}

impl<'a> TextView<'a> {
    fn current(&self) -> Option<&'a Paragraph> {
        self.paragraphs.get(self.cursor)
    }

    fn doc_range(&self) -> std::ops::Range<usize> {
        doc_range(self.paragraphs, self.cursor)
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
        fit_left(&crate::text::sanitize(&text).text, width),
        theme.heading(),
    ))
}

/// The rows of the paragraph pane, `height` of them at most.
pub fn pane_lines(view: &TextView, theme: Theme, height: usize) -> Vec<Line<'static>> {
    let Some(current) = view.current() else {
        return vec![Line::from("(the corpus has no paragraphs)")];
    };
    let width = view.wrap_width;
    let rows = wrapped(&current.text, width).lines();
    let style = if current.heading {
        theme.heading()
    } else {
        theme.plain()
    };
    let scroll = view.scroll.min(rows.len().saturating_sub(1));
    let remaining = rows.len() - scroll;
    if remaining == height {
        return rows[scroll..]
            .iter()
            .map(|r| row(r, style, scroll == 0))
            .collect();
    }
    if remaining > height {
        let more = remaining - height + 1;
        let mut out: Vec<Line> = rows[scroll..scroll + height.saturating_sub(1)]
            .iter()
            .map(|r| row(r, style, false))
            .collect();
        out.push(Line::from(Span::styled(
            format!(" -- {more} more rows: PgDn --"),
            theme.dim(),
        )));
        return out;
    }
    let free = height - remaining;
    let prev_rows = context_rows(view, view.cursor.checked_sub(1), width);
    let next_rows = context_rows(view, Some(view.cursor + 1), width);
    let prev_take = prev_rows.len().min(free.saturating_sub(1) / 2);
    let mut out = Vec::new();
    if prev_take > 0 {
        for r in &prev_rows[prev_rows.len() - prev_take..] {
            out.push(Line::from(Span::styled(format!(" {r}"), theme.dim())));
        }
        out.push(Line::from(""));
    }
    for (i, r) in rows[scroll..].iter().enumerate() {
        out.push(row(r, style, i == 0 && scroll == 0));
    }
    let left = height.saturating_sub(out.len());
    if left > 1 {
        out.push(Line::from(""));
        for r in next_rows.iter().take(left - 1) {
            out.push(Line::from(Span::styled(format!(" {r}"), theme.dim())));
        }
    }
    out
}

fn row(text: &str, style: ratatui::style::Style, first: bool) -> Line<'static> {
    let gutter = if first { ">" } else { " " };
    Line::from(vec![
        Span::raw(gutter),
        Span::styled(text.to_owned(), style),
    ])
}

/// Rows of a neighbouring paragraph in the same document, if any.
fn context_rows(view: &TextView, index: Option<usize>, width: usize) -> Vec<String> {
    let range = view.doc_range();
    match index {
        Some(i) if range.contains(&i) => wrapped(&view.paragraphs[i].text, width).lines(),
        _ => Vec::new(),
    }
}
