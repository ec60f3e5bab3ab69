//! The status line's pieces both screens use: the progress gauge, and the
//! line itself framed with the message on the left and the save mark on the
//! right.

use super::ledger::{changes, SaveMark};
use super::style::Theme;
use crate::text::{fit, str_width};
use ratatui::text::{Line, Span};

/// `[####------]` for done/total, ASCII so every terminal draws it alike.
pub fn gauge(done: usize, total: usize, cells: usize) -> String {
    let filled = (done * cells).checked_div(total).unwrap_or(0).min(cells);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(cells - filled))
}

/// The status line: `message  |left` on the left, the save mark on the
/// right (`saved`, or `NOT SAVED (2 changes wait, Ctrl-R): …` in red with
/// the number of changes `waiting`), cut to `width`.
pub fn framed(
    left: String,
    message: Option<&str>,
    save: &SaveMark,
    waiting: usize,
    theme: Theme,
    width: usize,
) -> Line<'static> {
    let (mark, mark_style) = match save {
        SaveMark::Saved => ("saved".to_owned(), theme.ok()),
        SaveMark::Failed(e) => (
            format!(
                "NOT SAVED ({} {}, Ctrl-R): {e}",
                changes(waiting),
                if waiting == 1 { "waits" } else { "wait" }
            ),
            theme.error(),
        ),
        SaveMark::Pending(_) => ("saving".to_owned(), theme.plain()),
        SaveMark::Idle => (String::new(), theme.plain()),
    };
    // The mark takes at most half the row: the message on the left says
    // what to do.
    let mark = fit(&crate::text::sanitize(&mark).text, (width / 2).max(9));
    let right_w = str_width(&mark) + 1;
    let left_w = width.saturating_sub(right_w);
    let body = match message {
        Some(m) if !m.is_empty() => format!(" {m}  |{left}"),
        _ => left,
    };
    let body = fit(&crate::text::sanitize(&body).text, left_w);
    let gap = width.saturating_sub(str_width(&body) + str_width(&mark));
    Line::from(vec![
        Span::raw(body),
        Span::raw(" ".repeat(gap)),
        Span::styled(fit(&mark, width), mark_style),
    ])
}
