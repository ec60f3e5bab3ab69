//! The label pane: section types and indicators with their keys, Chinese and
//! English names; current choices highlighted, a suggestion shown pre-filled.

use crate::annotate::model::Model;
use crate::text::{fit, sanitize};
use crate::tui::label_list::{grid, zh_width};
use crate::tui::span_edit::slice;
use crate::tui::style::Theme;
use ratatui::text::{Line, Span};

pub fn lines(model: &Model, theme: Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let index = model.cursor;
    let label = model.label(index);
    let (section, suggested) = model.shown_section(index);
    let sections = &model.schema.sections;
    let indicators = &model.schema.indicators;
    let extra = extras(model, index, theme, width);
    // Two titles, the suggestion's line, the extras, a note's first row:
    // the rest is for the
    // lists. The sections go in two columns when one would leave the
    // indicators too narrow for their Chinese names.
    let note_row = usize::from(label.is_some_and(|l| l.note.is_some()));
    // The suggestion's line when anything is pre-filled.
    let prefilled = model.suggestion(index).is_some();
    let fixed = 2 + usize::from(prefilled) + extra.len() + note_row;
    let rows = height.saturating_sub(fixed);
    let ind_columns = |section_rows: usize| {
        indicators
            .len()
            .div_ceil(rows.saturating_sub(section_rows).max(1))
            .max(1)
    };
    let narrow = |columns: usize| (width / columns).saturating_sub(1) < zh_width(indicators);
    let section_rows = if narrow(ind_columns(sections.len())) {
        sections.len().div_ceil(2)
    } else {
        sections.len()
    };
    let mut out = vec![Line::from(Span::styled(
        fit("Section 段落类型", width),
        theme.title(),
    ))];
    out.extend(grid(
        sections,
        &|def| {
            (section == Some(def.name.as_str())).then(|| {
                if suggested {
                    theme.suggested()
                } else {
                    theme.chosen(def.color)
                }
            })
        },
        &|def| {
            if suggested && section == Some(def.name.as_str()) {
                score(model, index, &def.name)
            } else {
                String::new()
            }
        },
        theme,
        width,
        section_rows.max(1),
    ));
    if prefilled {
        out.push(Line::from(Span::styled(
            fit(&suggested_line(model, index), width),
            theme.suggested(),
        )));
    }
    let (chosen_inds, inds_suggested) = model.shown_indicators(index);
    out.push(Line::from(Span::styled(
        fit("Indicators 指标", width),
        theme.title(),
    )));
    let note = model.label(index).and_then(|l| l.note.as_deref());
    // The note gets one row of the indicators' budget, as much as it
    // needs of what they leave.
    let note_row = usize::from(note.is_some());
    let budget = height.saturating_sub(out.len() + extra.len() + note_row);
    out.extend(grid(
        indicators,
        &|def| {
            chosen_inds.contains(&def.name.as_str()).then(|| {
                if inds_suggested {
                    theme.suggested()
                } else {
                    theme.chosen(def.color)
                }
            })
        },
        &|def| {
            if inds_suggested && chosen_inds.contains(&def.name.as_str()) {
                score(model, index, &def.name)
            } else {
                String::new()
            }
        },
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

/// ` .87`: the suggestion's score for label `name` on paragraph `index`.
fn score(model: &Model, index: usize, name: &str) -> String {
    let Some(s) = model.suggestion(index) else {
        return String::new();
    };
    let schema = &model.schema;
    let value = schema
        .sections
        .iter()
        .position(|d| d.name == name)
        .map(|i| s.section_scores[i])
        .or_else(|| {
            schema
                .indicators
                .iter()
                .position(|d| d.name == name)
                .map(|i| s.indicator_scores[i])
        })
        .unwrap_or(0.0);
    format!(" .{:02}", ((value * 100.0).round() as u32).min(99))
}

/// What the pre-fill is and where it came from.
fn suggested_line(model: &Model, index: usize) -> String {
    match model.suggestion(index) {
        Some(s) if s.model_labels > 0 => {
            format!("suggested ({} labels): Enter", s.model_labels)
        }
        Some(_) => "suggested: Enter takes".to_owned(),
        None => String::new(),
    }
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

/// The paragraph's spans: `“98.5%” 1 疫苗接种率`, one a row.
fn span_lines(model: &Model, index: usize, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let (Some(label), Some(p)) = (model.label(index), model.paragraphs.get(index)) else {
        return Vec::new();
    };
    if label.spans.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(Span::styled(
        fit(&format!("Spans 数值 {}", label.spans.len()), width),
        theme.title(),
    ))];
    for s in &label.spans {
        let text = slice(&p.text.load(), s.start as usize, s.end as usize);
        let def = model.schema.indicator(&s.label);
        let name = def.map_or(format!("{} (not in schema)", s.label), |d| {
            format!("{} {}", d.key, d.zh)
        });
        let row = format!("“{}” {name}", sanitize(&text).text);
        out.push(Line::from(Span::styled(
            fit(&row, width),
            theme.span(def.and_then(|d| d.color)),
        )));
    }
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
    out.extend(span_lines(model, index, theme, width));
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
