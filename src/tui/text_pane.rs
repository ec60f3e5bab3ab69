//! The heading path and the paragraph pane: the current paragraph wrapped by
//! our own CJK-aware wrapper, with the neighbours dimmed for context.

use super::layout::{wrapped, Wrapped};
use super::style::Theme;
use crate::corpus::segment::heading_level;
use crate::corpus::{doc_range, Paragraph};
use crate::text::{fit_left, Row};
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

/// A style laid over characters of one paragraph (a span, a suggestion,
/// the span mode's cursor or selection): display character ranges, like
/// [`Highlight`]'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paint {
    pub index: usize,
    pub range: Range<usize>,
    pub style: Style,
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
    /// Styles laid over the text, later ones on top (none: `&[]`).
    pub paints: &'a [Paint],
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

    /// The styles paragraph `index`'s paints lay on each display
    /// character, later paints on top (empty: none).
    fn paints(&self, index: usize) -> Vec<Style> {
        let mine = || self.paints.iter().filter(|p| p.index == index);
        let len = mine().map(|p| p.range.end).max().unwrap_or(0);
        let mut out = vec![Style::default(); len];
        for p in mine() {
            for s in &mut out[p.range.clone()] {
                *s = s.patch(p.style);
            }
        }
        out
    }
}

/// The nearest preceding heading of each level, outermost first.
pub fn heading_path(view: &TextView) -> Vec<String> {
    let range = view.doc_range();
    let mut path: Vec<(u8, String)> = Vec::new();
    for p in &view.paragraphs[range.start..view.cursor.min(range.end)] {
        if !p.heading {
            continue;
        }
        let text = p.text.load();
        let level = heading_level(&text).unwrap_or(1);
        path.retain(|&(l, _)| l < level);
        path.push((level, text.trim().to_owned()));
    }
    path.into_iter().map(|(_, t)| t).collect()
}

pub fn path_line(view: &TextView, theme: Theme, width: usize) -> Line<'static> {
    let path = heading_path(view);
    let text = if path.is_empty() {
        view.current().map_or(String::new(), |p| p.doc.to_string())
    } else {
        path.join(" > ")
    };
    // Cut on the left: the innermost heading is the one that matters.
    Line::from(Span::styled(
        fit_left(&crate::text::sanitize(&text).text, width),
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
    let text = wrapped(&current.text.load(), width);
    let style = if current.heading {
        theme.heading()
    } else {
        theme.plain()
    };
    let marks = Marks {
        ranges: view.ranges(view.cursor),
        paints: view.paints(view.cursor),
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
    // The rows left over show the paragraphs around it, as many as fit:
    // half above, the rest below (more above when the document ends).
    let free = height - remaining;
    let context_marks = |index: usize| Marks {
        ranges: view.ranges(index),
        paints: view.paints(index),
        current: false,
        theme,
    };
    let above = context_above(view, width, free, &context_marks);
    let below = context_below(view, width, free, &context_marks);
    let above_take = above
        .len()
        .min((free / 2).max(free.saturating_sub(below.len())));
    let below_take = below.len().min(free - above_take);
    let skip = above.len() - above_take;
    let mut out: Vec<Line> = above.into_iter().skip(skip).collect();
    if out.first().is_some_and(|l| l.width() <= 1) {
        out[0] = Line::from("");
    }
    for (i, r) in rows[scroll..].iter().enumerate() {
        out.push(row(i, r));
    }
    out.extend(below.into_iter().take(below_take));
    out
}

/// The rows of the paragraphs before the current one in its document,
/// each followed by a blank row, the nearest last, dimmed with their
/// matches marked: `want` rows at most (whole paragraphs, so maybe more).
fn context_above<'m>(
    view: &TextView,
    width: usize,
    want: usize,
    marks: &dyn Fn(usize) -> Marks<'m>,
) -> Vec<Line<'static>> {
    let range = view.doc_range();
    let mut blocks: Vec<Vec<Line<'static>>> = Vec::new();
    let mut rows = 0;
    for i in (range.start..view.cursor.min(range.end)).rev() {
        if rows >= want {
            break;
        }
        let mut block = context_rows(view, i, width, marks);
        block.push(Line::from(""));
        rows += block.len();
        blocks.push(block);
    }
    blocks.into_iter().rev().flatten().collect()
}

/// The rows of the paragraphs after the current one in its document, each
/// after a blank row: `want` rows at most.
fn context_below<'m>(
    view: &TextView,
    width: usize,
    want: usize,
    marks: &dyn Fn(usize) -> Marks<'m>,
) -> Vec<Line<'static>> {
    let range = view.doc_range();
    let mut out = Vec::new();
    for i in view.cursor + 1..range.end {
        if out.len() >= want {
            break;
        }
        out.push(Line::from(""));
        out.extend(context_rows(view, i, width, marks));
    }
    out
}

/// Paragraph `i`'s rows, dimmed, its matches marked.
fn context_rows<'m>(
    view: &TextView,
    i: usize,
    width: usize,
    marks: &dyn Fn(usize) -> Marks<'m>,
) -> Vec<Line<'static>> {
    let text = wrapped(&view.paragraphs[i].text.load(), width);
    let marks = marks(i);
    text.rows
        .iter()
        .map(|r| marked_row(&text, r, " ", marks.theme.dim(), &marks))
        .collect()
}

/// The matches to mark in one paragraph's rows.
struct Marks<'a> {
    ranges: &'a [Range<usize>],
    /// A style to lay over each display character (from [`Paint`]s).
    paints: Vec<Style>,
    /// The current paragraph: its first match is the current one.
    current: bool,
    theme: Theme,
}

impl Marks<'_> {
    /// How the character at `at` is drawn, on top of `base`.
    fn style(&self, at: usize, base: Style) -> Style {
        let base = self.paints.get(at).map_or(base, |&p| base.patch(p));
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
