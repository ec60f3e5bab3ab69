//! The label pane: section types and indicators with their keys, Chinese and
//! English names; current choices highlighted, a suggestion shown pre-filled.

use super::fit::{fit, pad};
use crate::annotate::model::Model;
use crate::schema::LabelDef;
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
    let budget = height.saturating_sub(out.len() + extra.len());
    out.extend(grid(
        &model.schema.indicators,
        &|def| chosen_inds.contains(&def.name.as_str()),
        &|_| String::new(),
        theme,
        width,
        budget,
    ));
    out.extend(extra);
    out.truncate(height);
    out
}

/// `defs` in as many columns as it takes to fit `budget` rows in `width`
/// columns; the `chosen` ones highlighted, each followed by its `suffix`.
pub fn grid(
    defs: &[LabelDef],
    chosen: &dyn Fn(&LabelDef) -> bool,
    suffix: &dyn Fn(&LabelDef) -> String,
    theme: Theme,
    width: usize,
    budget: usize,
) -> Vec<Line<'static>> {
    let columns = if budget == 0 {
        1
    } else {
        defs.len().div_ceil(budget).max(1)
    };
    let col_w = (width / columns).max(1);
    let per_col = defs.len().div_ceil(columns);
    let mut out = Vec::new();
    for r in 0..per_col {
        let mut spans = Vec::new();
        for c in 0..columns {
            let Some(def) = defs.get(c * per_col + r) else {
                break;
            };
            let is_chosen = chosen(def);
            let style = if is_chosen {
                theme.chosen(def.color)
            } else {
                theme.plain()
            };
            let gap = if c + 1 < columns { 1 } else { 0 };
            spans.extend(entry_with(
                def,
                col_w - gap,
                style,
                theme,
                is_chosen,
                &suffix(def),
            ));
            if gap == 1 {
                spans.push(Span::raw(" "));
            }
        }
        out.push(Line::from(spans));
    }
    out
}

/// [`entry_spans`] followed by `suffix` (e.g. votes), all in `width` columns.
pub fn entry_with(
    def: &LabelDef,
    width: usize,
    style: ratatui::style::Style,
    theme: Theme,
    chosen: bool,
    suffix: &str,
) -> Vec<Span<'static>> {
    if suffix.is_empty() {
        return entry_spans(def, width, style, theme, chosen);
    }
    let suffix = fit(suffix, width);
    let suffix_w = crate::text::str_width(&suffix);
    let mut spans = entry_spans(def, width - suffix_w, style, theme, chosen);
    spans.push(Span::styled(suffix, theme.dim()));
    spans
}

/// `k 中文 english` (a chosen one `k*中文 english`), padded to `width` columns.
pub fn entry_spans(
    def: &LabelDef,
    width: usize,
    style: ratatui::style::Style,
    theme: Theme,
    chosen: bool,
) -> Vec<Span<'static>> {
    let key = format!("{}{}", def.key, if chosen { '*' } else { ' ' });
    let rest = width.saturating_sub(crate::text::str_width(&key));
    vec![
        Span::styled(fit(&key, width), theme.key()),
        Span::styled(pad(&format!("{} {}", def.zh, def.name), rest), style),
    ]
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

/// Labels no longer in the schema, the review flag and the note.
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
    if let Some(note) = model.label(index).and_then(|l| l.note.as_ref()) {
        let note = crate::text::sanitize(note).text;
        out.push(Line::from(Span::raw(fit(&format!("note: {note}"), width))));
    }
    out
}
