//! Where things go on screen — the same for both screens — computed from
//! the terminal size alone, so that each screen's `update` (scroll limits)
//! and `view` (drawing) agree.

use crate::text::{sanitize, wrap, Row};
use ratatui::layout::Rect;

/// Below this the layout does not fit; the screen says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// The widest the paragraph text wraps (columns; 50 Chinese characters):
/// on a wider screen the label pane takes the rest.
pub const TEXT_MAX: u16 = 100;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Heading path above the text.
    pub path: Rect,
    /// The paragraph pane (context and current paragraph).
    pub text: Rect,
    /// One column of `|` between the panes.
    pub separator: Rect,
    /// Section types and indicators.
    pub labels: Rect,
    /// Status line, or the search/note input line.
    pub status: Rect,
}

/// Whether the layout fits a `width`x`height` terminal.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

pub fn areas(width: u16, height: u16) -> Option<Areas> {
    if !fits(width, height) {
        return None;
    }
    // The text (and its two-column gutter) up to TEXT_MAX, the labels the
    // rest: a wide screen shows every label's names in full.
    let label_w = (width * 2 / 5)
        .clamp(30, 52)
        .max(width.saturating_sub(TEXT_MAX + 3));
    let body_h = height - 2;
    let text_w = width - label_w - 1;
    Some(Areas {
        path: Rect::new(0, 0, width, 1),
        text: Rect::new(0, 1, text_w, body_h),
        separator: Rect::new(text_w, 1, 1, body_h),
        labels: Rect::new(text_w + 1, 1, label_w, body_h),
        status: Rect::new(0, height - 1, width, 1),
    })
}

/// Columns the paragraph text wraps to on a `width`x`height` screen.
pub fn text_wrap_width(width: u16, height: u16) -> usize {
    areas(width, height).map_or(1, |a| (a.text.width as usize).saturating_sub(2).max(1))
}

/// Rows of the paragraph pane on a `width`x`height` screen.
pub fn text_rows(width: u16, height: u16) -> usize {
    areas(width, height).map_or(0, |a| a.text.height as usize)
}

/// How far `text` can scroll on a `width`x`height` screen: its rows beyond
/// the pane.
pub fn scroll_limit(text: &str, width: u16, height: u16) -> usize {
    let rows = wrapped(text, text_wrap_width(width, height)).rows.len();
    rows.saturating_sub(text_rows(width, height))
}

/// A paragraph made safe for the terminal and wrapped to the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub display: String,
    pub rows: Vec<Row>,
}

impl Wrapped {
    /// The rows' texts, in order.
    pub fn lines(&self) -> Vec<String> {
        let chars: Vec<char> = self.display.chars().collect();
        self.rows
            .iter()
            .map(|r| chars[r.start..r.end].iter().collect())
            .collect()
    }
}

pub fn wrapped(text: &str, width: usize) -> Wrapped {
    let display = sanitize(text).text;
    let rows = wrap(&display, width);
    Wrapped { display, rows }
}

/// Rows an overlay (help) has on a screen `height` rows high: all but the
/// status line.
pub fn overlay_rows(height: u16) -> usize {
    (height as usize).saturating_sub(1)
}
