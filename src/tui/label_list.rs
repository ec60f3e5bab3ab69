//! The schema's labels as lists: each label's key, Chinese and English
//! names, the chosen ones highlighted, in as many columns as fit — the
//! labeling screen's label pane and the review screen's gold lists.

use super::style::Theme;
use crate::schema::LabelDef;
use crate::text::{fit, pad};
use ratatui::text::{Line, Span};

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
