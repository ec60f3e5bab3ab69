//! Render the labeling screen: a pure function of the model onto a ratatui
//! frame, drawn with the pieces both screens share ([`crate::tui`]).

pub mod help;
pub mod label_pane;
pub mod status;

use super::model::{Mode, Model};
use super::search::{occurrences, parse, Query};
use crate::text::sanitize;
use crate::tui::frame::{separator, split_sound_marks, too_small};
use crate::tui::help::{help_overlay, help_width};
use crate::tui::layout::{areas, text_wrap_width};
use crate::tui::span_paint;
use crate::tui::style::Theme;
use crate::tui::text_pane::{pane_lines, path_line, Highlight, Paint, TextView};
use ratatui::layout::Rect;
use ratatui::text::Text;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme { color: model.color };
    let Some(a) = areas(area.width, area.height) else {
        too_small(frame, area);
        return;
    };
    let highlights = highlights(model);
    let text = TextView {
        paragraphs: &model.paragraphs,
        cursor: model.cursor,
        scroll: model.scroll,
        wrap_width: text_wrap_width(model.width, model.height),
        highlights: &highlights,
        paints: &paints(model, theme),
    };
    let top = match model.mode {
        Mode::Spans(_) => span_paint::hints(theme, a.path.width as usize, true),
        _ => path_line(&text, theme, a.path.width as usize),
    };
    frame.render_widget(Paragraph::new(top), a.path);
    let pane = pane_lines(&text, theme, a.text.height as usize);
    frame.render_widget(Paragraph::new(Text::from(pane)), a.text);
    separator(frame, theme, a.separator);
    let labels = label_pane::lines(
        model,
        theme,
        a.labels.width.saturating_sub(1) as usize,
        a.labels.height as usize,
    );
    let labels_area = Rect {
        x: a.labels.x + 1,
        width: a.labels.width - 1,
        ..a.labels
    };
    frame.render_widget(Paragraph::new(Text::from(labels)), labels_area);
    frame.render_widget(
        Paragraph::new(status::line(model, theme, a.status.width as usize)),
        a.status,
    );
    if let Some((_, cursor)) = status::input(model, a.status.width as usize) {
        frame.set_cursor_position((a.status.x + cursor as u16, a.status.y));
    }
    if model.mode == Mode::Help {
        let lines = help::lines(model, theme, help_width(area.width));
        help_overlay(frame, theme, area, lines, model.help_scroll);
    }
    split_sound_marks(frame.buffer_mut());
}

/// How many paragraphs either side of the current one the pane can show
/// with their spans marked (it shows as many as fit).
const SPANS_AROUND: usize = 6;

/// The spans of the paragraphs the pane can show, and in the span mode
/// the current paragraph's suggestions and cursor.
fn paints(model: &Model, theme: Theme) -> Vec<Paint> {
    let range = model.doc_range();
    let from = model.cursor.saturating_sub(SPANS_AROUND).max(range.start);
    let to = (model.cursor + SPANS_AROUND + 1).min(range.end);
    let mut out = Vec::new();
    for index in from..to {
        let spans = model.label(index).map_or(&[][..], |l| &l.spans[..]);
        let open;
        let mode = match &model.mode {
            Mode::Spans(caret) if index == model.cursor => {
                open = model.open_suggestions(index);
                Some((&open[..], caret))
            }
            _ => None,
        };
        let text = &model.paragraphs[index].text.load();
        out.extend(span_paint::paragraph(
            index,
            text,
            spans,
            &model.schema,
            theme,
            mode,
        ));
    }
    out
}

/// The last text search's matches in the paragraphs the pane can show
/// (the current one and its neighbours), in the text as drawn.
fn highlights(model: &Model) -> Vec<Highlight> {
    let Some(Ok(Query::Text(needle))) = model
        .last_search
        .as_deref()
        .map(|q| parse(q, &model.schema))
    else {
        return Vec::new();
    };
    let needle = sanitize(&needle).text;
    let around = model.cursor.saturating_sub(1)..model.cursor + 2;
    around
        .filter_map(|index| {
            let p = model.paragraphs.get(index)?;
            let ranges = occurrences(&sanitize(&p.text.load()).text, &needle);
            (!ranges.is_empty()).then_some(Highlight { index, ranges })
        })
        .collect()
}
