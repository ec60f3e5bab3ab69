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
    // The current paragraph's first row shown carries the `>`, scrolled
    // or not: a paragraph taller than the pane keeps its marker.
    if remaining == height {
        return rows[scroll..]
            .iter()
            .enumerate()
            .map(|(i, r)| row(r, style, i == 0))
            .collect();
    }
    if remaining > height {
        let more = remaining - height + 1;
        let mut out: Vec<Line> = rows[scroll..scroll + height.saturating_sub(1)]
            .iter()
            .enumerate()
            .map(|(i, r)| row(r, style, i == 0))
            .collect();
        out.push(Line::from(Span::styled(
            format!(" -- {more} more rows: PgDn --"),
            theme.dim(),
        )));
        return out;
    }
    // The rows left over show the paragraphs around it, as many as fit:
    // half above, the rest below (more above when the document ends).
    let free = height - remaining;
    let above = context_above(view, width, free);
    let below = context_below(view, width, free);
    let above_take = above
        .len()
        .min((free / 2).max(free.saturating_sub(below.len())));
    let below_take = below.len().min(free - above_take);
    let dim = |r: &String| Line::from(Span::styled(format!(" {r}"), theme.dim()));
    let mut out: Vec<Line> = above[above.len() - above_take..].iter().map(dim).collect();
    if out.first().is_some_and(|l| l.width() <= 1) {
        out[0] = Line::from("");
    }
    for (i, r) in rows[scroll..].iter().enumerate() {
        out.push(row(r, style, i == 0));
    }
    out.extend(below[..below_take].iter().map(dim));
    out
}

/// The rows of the paragraphs before the current one in its document,
/// each followed by a blank row, the nearest last: `want` rows at most.
fn context_above(view: &TextView, width: usize, want: usize) -> Vec<String> {
    let range = view.doc_range();
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut rows = 0;
    for i in (range.start..view.cursor.min(range.end)).rev() {
        if rows >= want {
            break;
        }
        let mut block = wrapped(&view.paragraphs[i].text, width).lines();
        block.push(String::new());
        rows += block.len();
        blocks.push(block);
    }
    blocks.into_iter().rev().flatten().collect()
}

/// The rows of the paragraphs after the current one in its document, each
/// after a blank row: `want` rows at most.
fn context_below(view: &TextView, width: usize, want: usize) -> Vec<String> {
    let range = view.doc_range();
    let mut out = Vec::new();
    for i in view.cursor + 1..range.end {
        if out.len() >= want {
            break;
        }
        out.push(String::new());
        out.extend(wrapped(&view.paragraphs[i].text, width).lines());
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
