//! The schema's labels as lists: each label's key, Chinese and English
//! names, the chosen ones highlighted, in as many columns as fit — the
//! labeling screen's label pane and the review screen's gold lists.

use super::style::Theme;
use crate::schema::LabelDef;
use crate::text::{fit, pad, str_width};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `defs` in as many columns as it takes to fit `budget` rows in `width`
/// columns; the `chosen` ones drawn in the style it gives, each followed by
/// its `suffix`.
pub fn grid(
    defs: &[LabelDef],
    chosen: &dyn Fn(&LabelDef) -> Option<Style>,
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
            let style = chosen(def);
            let gap = if c + 1 < columns { 1 } else { 0 };
            spans.extend(entry_with(
                def,
                col_w - gap,
                style.unwrap_or_else(|| theme.plain()),
                theme,
                style.is_some(),
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

/// Columns the widest entry of `defs` needs with its Chinese name alone
/// (`k 中文`).
pub fn zh_width(defs: &[LabelDef]) -> usize {
    defs.iter().map(|d| 2 + str_width(&d.zh)).max().unwrap_or(0)
}

/// [`entry_spans`] followed by `suffix` (e.g. votes), all in `width` columns.
pub fn entry_with(
    def: &LabelDef,
    width: usize,
    style: Style,
    theme: Theme,
    chosen: bool,
    suffix: &str,
) -> Vec<Span<'static>> {
    if suffix.is_empty() {
        return entry_spans(def, width, style, theme, chosen);
    }
    let suffix = fit(suffix, width);
    let suffix_w = str_width(&suffix);
    let mut spans = entry_spans(def, width - suffix_w, style, theme, chosen);
    spans.push(Span::styled(suffix, theme.dim()));
    spans
}

/// `k 中文 english` (a chosen one `k*中文 english`), padded to `width`
/// columns; where that does not fit, `k 中文`, the Chinese name shortened
/// to its first characters if need be — never the key alone while a
/// character fits.
pub fn entry_spans(
    def: &LabelDef,
    width: usize,
    style: Style,
    theme: Theme,
    chosen: bool,
) -> Vec<Span<'static>> {
    let key = def.key.to_string();
    let mark = if chosen { "*" } else { " " };
    let rest = width.saturating_sub(str_width(&key) + 1);
    let full = format!("{} {}", def.zh, def.name);
    let name = if str_width(&full) <= rest {
        full
    } else {
        shorten(&def.zh, rest)
    };
    if width <= str_width(&key) {
        return vec![Span::styled(fit(&key, width), theme.key())];
    }
    vec![
        Span::styled(key, theme.key()),
        Span::raw(mark),
        Span::styled(pad(&name, rest), style),
    ]
}

/// `s` cut to `width` columns without a mark (a name abbreviated to its
/// first characters).
fn shorten(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = crate::text::char_width(c);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}
