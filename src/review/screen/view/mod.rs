//! Render the review screen: a pure function of the model. The layout,
//! paragraph pane, label lists, help and status line are the ones both
//! screens share ([`crate::tui`]).

mod notes;
mod versions;

pub use notes::notes_rows;

use super::keymap::{COMMANDS, TAKE_KEYS};
use super::model::{Filter, Model};
use crate::review::screen::model::Mode;
use crate::text::fit;
use crate::tui::frame::{separator, split_sound_marks, too_small};
use crate::tui::help::{command_rows, help_lines, help_overlay, help_width};
use crate::tui::layout::{areas, text_wrap_width};
use crate::tui::span_paint;
use crate::tui::status::{framed, gauge, part};
use crate::tui::style::Theme;
use crate::tui::text_pane::{pane_lines, path_line, Paint, TextView};
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme { color: model.color };
    let Some(a) = areas(area.width, area.height) else {
        too_small(frame, area);
        return;
    };
    match model.case() {
        Some(case) => {
            let text = TextView {
                paragraphs: &model.paragraphs,
                cursor: case.index,
                scroll: model.scroll,
                wrap_width: text_wrap_width(model.width, model.height),
                highlights: &[],
                paints: &paints(model, case.index, theme),
            };
            let top = match model.mode {
                Mode::Spans(_) => span_paint::hints(theme, a.path.width as usize, false),
                _ => path_line(&text, theme, a.path.width as usize),
            };
            frame.render_widget(Paragraph::new(top), a.path);
            let pane = pane_lines(&text, theme, a.text.height as usize);
            frame.render_widget(Paragraph::new(Text::from(pane)), a.text);
        }
        None => {
            // Wrapped (our wrapper) to the pane, not cut.
            let width = (a.text.width as usize).saturating_sub(1).max(1);
            let lines: Vec<Line> = empty_queue(model)
                .iter()
                .flat_map(|s| {
                    let rows = crate::text::wrap(s, width);
                    let mut out: Vec<Line> = crate::text::row_slices(s, &rows)
                        .map(|r| Line::from(format!(" {r}")))
                        .collect();
                    if out.is_empty() {
                        out.push(Line::from(""));
                    }
                    out
                })
                .collect();
            frame.render_widget(Paragraph::new(Text::from(lines)), a.text);
        }
    }
    separator(frame, theme, a.separator);
    let pane = Rect {
        x: a.labels.x + 1,
        width: a.labels.width - 1,
        ..a.labels
    };
    let right = versions::lines(model, theme, pane.width as usize, pane.height as usize);
    frame.render_widget(Paragraph::new(Text::from(right)), pane);
    frame.render_widget(
        Paragraph::new(status_line(model, theme, a.status.width as usize)),
        a.status,
    );
    let overlay = match model.mode {
        Mode::Help => Some(help(model, theme, help_width(area.width))),
        Mode::Notes => Some(notes::lines(model, theme, help_width(area.width))),
        _ => None,
    };
    if let Some(lines) = overlay {
        help_overlay(frame, theme, area, lines, model.help_scroll);
    }
    split_sound_marks(frame.buffer_mut());
}

/// What the text pane says when the queue is empty.
fn empty_queue(model: &Model) -> Vec<String> {
    if let Some(reading) = &model.reading {
        return vec![format!(
            "Nothing to review yet in the {} of {} files read so far: the rest is on the way.",
            reading.progress.read, reading.progress.files
        )];
    }
    let n = model.unanimous_gold;
    vec![
        "Nothing to review: no paragraph has differing labels from two or more annotators."
            .to_owned(),
        String::new(),
        format!(
            "{} {} in the gold set; q quits.",
            crate::text::count::plural(n, "unanimous paragraph"),
            if n == 1 { "is" } else { "are" }
        ),
    ]
}

/// The help rows: the command keys, the take keys, the label keys.
fn help(model: &Model, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let take = format!(
        "take annotator N's version ({})",
        model
            .annotators
            .iter()
            .enumerate()
            .take(9)
            .map(|(i, n)| format!("{} {}", i + 1, crate::text::sanitize(n).text))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let commands = command_rows(COMMANDS)
        .chain(TAKE_KEYS.iter().map(|(keys, what)| {
            let what = if what.is_empty() { take.as_str() } else { what };
            ((*keys).to_owned(), what)
        }))
        .chain(std::iter::once((
            "s".to_owned(),
            "span mode: edit the proposal's spans (keys below)",
        )))
        .chain(command_rows(crate::tui::span_keys::SPAN_KEYS))
        .chain(std::iter::once((
            "Esc / s".to_owned(),
            "span mode: drop the selection, or leave the span mode",
        )));
    help_lines(commands, &model.schema, theme, width)
}

/// Rows of the help (for the scroll limit).
pub fn help_rows(model: &Model) -> usize {
    help(model, Theme { color: false }, help_width(model.width)).len()
}

/// `n/N  decided d/N [####--]  reviewer  disagreement 0.67 (order)  doc#para  saved`.
fn status_line(model: &Model, theme: Theme, width: usize) -> Line<'static> {
    let (decided, total) = model.progress();
    // Rank: what goes last when the row is narrow is highest.
    let mut parts = match (model.case(), model.paragraph()) {
        (Some(case), Some(p)) => vec![
            part(format!("{}/{total}", model.pos + 1), 9),
            part(format!("decided {decided}/{total}"), 6),
            part(gauge(decided, total, 10), 4),
            part(model.reviewer.clone(), 1),
            part(format!("disagreement {:.2}", case.disagreement), 5),
            part(format!("({})", model.sort.name()), 2),
            part(fit(&format!("{}#{}", p.doc, p.para), 28), 3),
        ],
        _ => vec![
            part("review: nothing to decide", 9),
            part(model.reviewer.clone(), 1),
        ],
    };
    if model.filter == Filter::Undecided {
        parts.push(part("[undecided]", 8));
    }
    if let Some(reading) = &model.reading {
        // Counts are of what has been read: said first, kept longest.
        parts.insert(0, part(reading.status(), 10));
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

/// The proposal's spans on the paragraph, and in the span mode the
/// suggestions and the cursor.
fn paints(model: &Model, index: usize, theme: Theme) -> Vec<Paint> {
    let open;
    let mode = match &model.mode {
        Mode::Spans(caret) => {
            open = model.open_suggestions();
            Some((&open[..], caret))
        }
        _ => None,
    };
    span_paint::paragraph(
        index,
        &model.paragraphs[index].text.load(),
        &model.draft.choice.spans,
        &model.schema,
        theme,
        mode,
    )
}
