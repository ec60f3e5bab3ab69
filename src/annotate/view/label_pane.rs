//! The label pane: section types and indicators with their keys, Chinese and
//! English names; current choices highlighted, a suggestion shown pre-filled.

use crate::annotate::model::Model;
use crate::text::fit;
use crate::tui::label_list::{entry_spans, grid};
use crate::tui::style::Theme;
use ratatui::text::{Line, Span};

pub fn lines(model: &Model, theme: Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let index = model.cursor;
    let label = model.label(index);
    let (section, suggested) = model.shown_section(index);
    let mut out = vec![Line::from(Span::styled(
        fit("Section 段落类型", width),
        theme.title(),
    ))];
    for def in &model.schema.sections {
        let chosen = section == Some(def.name.as_str());
        let style = match (chosen, suggested) {
            (true, true) => theme.suggested(),
            (true, false) => theme.chosen(def.color),
            _ => theme.plain(),
        };
        let mut entry = entry_spans(def, width, style, theme, chosen);
        if chosen && suggested {
            entry.push(Span::styled(" ?", theme.suggested()));
        }
        out.push(Line::from(entry));
    }
    if suggested {
        out.push(Line::from(Span::styled(
            fit("suggested: Enter confirms", width),
            theme.suggested(),
        )));
    }
    let chosen_inds: Vec<&str> = label.map_or(Vec::new(), |l| {
        l.indicators.iter().map(String::as_str).collect()
    });
    out.push(Line::from(Span::styled(
        fit("Indicators 指标", width),
        theme.title(),
    )));
    let extra = extras(model, index, theme, width);
    let note = model.label(index).and_then(|l| l.note.as_deref());
    // The note gets one row of the indicators' budget, as much as it
    // needs of what they leave.
    let note_row = usize::from(note.is_some());
    let budget = height.saturating_sub(out.len() + extra.len() + note_row);
    out.extend(grid(
        &model.schema.indicators,
        &|def| chosen_inds.contains(&def.name.as_str()),
        &|_| String::new(),
        theme,
        width,
        budget,
    ));
    out.extend(extra);
    if let Some(note) = note {
        let room = height.saturating_sub(out.len()).max(1);
        out.extend(note_lines(note, width, room));
    }
    out.truncate(height);
    out
}

/// `note: …` wrapped over at most `rows` rows of `width` columns, the last
/// row cut with `~` when it does not all fit.
fn note_lines(note: &str, width: usize, rows: usize) -> Vec<Line<'static>> {
    let mut lines = crate::tui::layout::wrapped(&format!("note: {note}"), width).lines();
    if lines.len() > rows {
        let rest = lines.split_off(rows - 1).concat();
        lines.push(fit(&rest, width));
    }
    lines
        .into_iter()
        .map(|l| Line::from(Span::raw(l)))
        .collect()
}

fn unknown_names(model: &Model, index: usize) -> Vec<String> {
    let Some(l) = model.label(index) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    if let Some(s) = &l.section {
        if model.schema.section(s).is_none() {
            out.push(s.clone());
        }
    }
    out.extend(
        l.indicators
            .iter()
            .filter(|i| model.schema.indicator(i).is_none())
            .cloned(),
    );
    out
}

/// Labels no longer in the schema, the review flag and the skip.
fn extras(model: &Model, index: usize, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let unknown = unknown_names(model, index);
    if !unknown.is_empty() {
        out.push(Line::from(Span::styled(
            fit("unknown (not in schema):", width),
            theme.error(),
        )));
        for name in &unknown {
            out.push(Line::from(Span::raw(fit(&format!("  {name}"), width))));
        }
    }
    if model.is_flagged(index) {
        out.push(Line::from(Span::styled(
            fit("FLAGGED for review", width),
            theme.error(),
        )));
    }
    if model.is_skipped(index) {
        out.push(Line::from(Span::styled(
            fit("SKIPPED (unsure): Ctrl-K takes it back", width),
            theme.suggested(),
        )));
    }
    out
}
