//! The status line: where you are, who you are, progress, pace, and whether
//! the last change is on disk. Or the search/note input line.

use super::fit::fit;
use crate::annotate::model::{Filter, Mode, Model};
use crate::text::str_width;
use crate::tui::ledger::{changes, SaveMark};
use crate::tui::style::Theme;
use ratatui::text::{Line, Span};

/// `[####------]` for done/total, ASCII so every terminal draws it alike.
pub fn gauge(done: usize, total: usize, cells: usize) -> String {
    let filled = (done * cells).checked_div(total).unwrap_or(0).min(cells);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(cells - filled))
}

/// Paragraphs accepted per minute this session and the time left at that pace.
pub fn pace(model: &Model, remaining: usize) -> Option<(f64, String)> {
    let minutes = model.now_ms as f64 / 60_000.0;
    if model.accepted_this_session == 0 || minutes <= 0.0 {
        return None;
    }
    let rate = model.accepted_this_session as f64 / minutes;
    let eta_min = (remaining as f64 / rate).round() as u64;
    let eta = if eta_min >= 60 {
        format!("{}h{:02}m", eta_min / 60, eta_min % 60)
    } else {
        format!("{eta_min}m")
    };
    Some((rate, eta))
}

pub fn line(model: &Model, theme: Theme, width: usize) -> Line<'static> {
    match &model.mode {
        Mode::Search(q) => return input_line("/", q, "Enter search, Esc cancel", width),
        Mode::Note(n) => return input_line("note: ", n, "Enter save, Esc cancel", width),
        _ => {}
    }
    let Some(p) = model.current() else {
        return Line::from("no paragraphs");
    };
    let range = model.doc_range();
    let ((doc_done, doc_total), (all_done, all_total)) = model.progress();
    let mut left = format!(
        " {}  {}/{}  {}  doc {doc_done}/{doc_total} all {all_done}/{all_total} {}",
        p.doc,
        model.cursor - range.start + 1,
        range.len(),
        model.annotator,
        gauge(all_done, all_total, 10),
    );
    if let Some((rate, eta)) = pace(model, all_total - all_done) {
        left += &format!("  {rate:.1}/min ETA {eta}");
    }
    if model.filter != Filter::All {
        left += &format!("  [{}]", model.filter.name());
    }
    framed(
        left,
        model.message.as_deref(),
        &model.save,
        model.unsaved.len(),
        theme,
        width,
    )
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

fn input_line(prompt: &str, text: &str, hint: &str, width: usize) -> Line<'static> {
    let text = crate::text::sanitize(text).text;
    let shown = format!("{prompt}{text}_   ({hint})");
    Line::from(fit(&shown, width))
}
