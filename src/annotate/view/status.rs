//! The status line: where you are, who you are, progress, pace, and whether
//! the last change is on disk. Or the search/note input line.

use crate::annotate::model::{Filter, Mode, Model};
use crate::text::{fit, pad, str_width};
use crate::tui::input::TextInput;
use crate::tui::status::{framed, gauge, part};
use crate::tui::style::Theme;
use ratatui::text::Line;

/// Paragraphs accepted per minute of time at the keyboard this session
/// (pauses longer than the idle cap left out) and the time left at that
/// pace.
pub fn pace(model: &Model, remaining: usize) -> Option<(f64, String)> {
    let minutes = model.active.active_ms(model.now_ms) as f64 / 60_000.0;
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

/// The open input line (search, note or go to) in `width` columns: the line and
/// the column of the cursor.
pub fn input(model: &Model, width: usize) -> Option<(Line<'static>, usize)> {
    Some(match &model.mode {
        Mode::Search(q) => input_line("/", q, "Enter search, Esc cancel", width),
        Mode::Note(n) => input_line("note: ", n, "Enter save, Esc cancel", width),
        Mode::GoTo(t) => input_line("go to: ", t, "N, doc or doc:N; Enter go, Esc cancel", width),
        _ => return None,
    })
}

pub fn line(model: &Model, theme: Theme, width: usize) -> Line<'static> {
    if let Some((line, _)) = input(model, width) {
        return line;
    }
    let Some(p) = model.current() else {
        return Line::from(match &model.reading {
            Some(reading) => reading.status(),
            None => "no paragraphs".to_owned(),
        });
    };
    let range = model.doc_range();
    let ((doc_done, doc_total), (all_done, all_total)) = model.progress();
    // Rank: what goes last when the row is narrow (the position, the
    // filter, the pace) is highest.
    let mut parts = vec![
        part(fit(&p.doc, 24), 3),
        part(
            format!("{}/{}", model.cursor - range.start + 1, range.len()),
            9,
        ),
        part(model.annotator.clone(), 1),
        part(format!("doc {doc_done}/{doc_total}"), 2),
        part(format!("all {all_done}/{all_total}"), 6),
        part(gauge(all_done, all_total, 10), 4),
    ];
    if let Some(reading) = &model.reading {
        // Counts are of what has been read: said first, kept longest.
        parts.insert(0, part(reading.status(), 10));
    }
    if let Mode::Spans(caret) = &model.mode {
        let what = match caret.selection() {
            Some(r) => format!("SPAN select {}", r.len()),
            None => format!("SPAN {}/{}", caret.at, p.text.load().chars().count()),
        };
        parts.push(part(what, 0));
    }
    if model.is_skipped(model.cursor) {
        parts.push(part("[SKIPPED]".to_owned(), 8));
    }
    if let Some((rate, eta)) = pace(model, all_total - all_done) {
        parts.push(part(format!("{rate:.1}/min ETA {eta}"), 7));
    }
    if model.filter != Filter::All {
        parts.push(part(format!("[{}]", model.filter.name()), 8));
    }
    framed(
        &parts,
        model.message.as_deref(),
        &model.save,
        model.unsaved.len(),
        theme,
        width,
    )
}

/// Below this many columns for the text, the hint is left out.
const MIN_INPUT_WIDTH: usize = 16;

/// `prompt`, the visible part of `input` (scrolled to its cursor), and
/// the `hint` when there is room; and the cursor's column.
fn input_line(prompt: &str, input: &TextInput, hint: &str, width: usize) -> (Line<'static>, usize) {
    let prompt = fit(prompt, width);
    let rest = width.saturating_sub(str_width(&prompt));
    let hint = format!("  ({hint})");
    let (room, hint) = match rest.checked_sub(str_width(&hint)) {
        Some(room) if room >= MIN_INPUT_WIDTH => (room, hint),
        _ => (rest, String::new()),
    };
    let view = input.view(room);
    let cursor = (str_width(&prompt) + view.cursor).min(width.saturating_sub(1));
    let line = format!("{prompt}{}{hint}", pad(&view.shown, room));
    (Line::from(line), cursor)
}
