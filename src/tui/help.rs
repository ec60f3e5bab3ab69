//! The help overlay both screens open with `?`: the command keys from the
//! screen's command table, then the schema's label keys; drawn over all
//! but the status line and scrolled. The review screen's notes overlay is
//! drawn the same way.

use super::key::Key;
use super::style::Theme;
use crate::schema::Schema;
use crate::text::{fit, row_slices, str_width, wrap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// A command table's rows for the help: each command's keys, written as
/// the help writes them, and what it does.
pub fn command_rows<'a, A>(
    table: &'a [(&[Key], A, &'a str)],
) -> impl Iterator<Item = (String, &'a str)> + 'a {
    table.iter().map(|(keys, _, what)| {
        let names: Vec<String> = keys.iter().map(|k| k.label()).collect();
        (names.join(" / "), *what)
    })
}

/// An overlay's first rows: its `title`, then a blank row.
pub fn overlay_title(title: &str, theme: Theme, width: usize) -> Vec<Line<'static>> {
    vec![
        Line::from(Span::styled(fit(title, width), theme.title())),
        Line::from(""),
    ]
}

/// The help: the command keys (`(keys, what they do)`), then the schema's
/// label keys.
pub fn help_lines<'a>(
    commands: impl Iterator<Item = (String, &'a str)>,
    schema: &Schema,
    theme: Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = overlay_title(
        "Keys  (? or Esc closes this help; j/k PgUp/PgDn scroll)",
        theme,
        width,
    );
    let key_w = 22.min(width / 2);
    for (keys, what) in commands {
        out.extend(entry(&keys, what, key_w, theme, width));
    }
    for (title, defs, verb) in [
        ("Section type (one per paragraph)", &schema.sections, "set"),
        ("Indicators (any number)", &schema.indicators, "toggle"),
    ] {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(fit(title, width), theme.title())));
        for def in defs {
            let what = match &def.description {
                Some(d) => format!("{verb} {} {}: {d}", def.zh, def.name),
                None => format!("{verb} {} {}", def.zh, def.name),
            };
            out.extend(entry(
                &def.key.to_string(),
                &crate::text::sanitize(&what).text,
                key_w.min(4),
                theme,
                width,
            ));
        }
    }
    out
}

/// `keys` in a column `key_w` wide, then `what` wrapped (by our own
/// CJK-aware wrapper) to the rest of `width`, its rows after the first
/// indented under it: the labeling guidelines are read in full.
fn entry(keys: &str, what: &str, key_w: usize, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let text_w = width.saturating_sub(key_w).max(1);
    let rows = wrap(what, text_w);
    let mut out = Vec::new();
    for (i, row) in row_slices(what, &rows).enumerate() {
        let mut spans = if i == 0 {
            key_column(keys, key_w, theme)
        } else {
            vec![Span::raw(" ".repeat(key_w))]
        };
        spans.push(Span::raw(row.to_owned()));
        out.push(Line::from(spans));
    }
    if out.is_empty() {
        out.push(Line::from(key_column(keys, key_w, theme)));
    }
    out
}

/// `keys` styled as keys (the ` / ` between them and the padding plain),
/// `key_w` columns in all.
fn key_column(keys: &str, key_w: usize, theme: Theme) -> Vec<Span<'static>> {
    let shown = fit(keys, key_w.saturating_sub(1));
    let mut spans = Vec::new();
    for (i, key) in shown.split(" / ").enumerate() {
        if i > 0 {
            spans.push(Span::raw(" / "));
        }
        spans.push(Span::styled(key.to_owned(), theme.key()));
    }
    spans.push(Span::raw(
        " ".repeat(key_w.saturating_sub(str_width(&shown))),
    ));
    spans
}

/// Columns the help overlay's text has on a screen `width` wide.
pub fn help_width(width: u16) -> usize {
    width.saturating_sub(2) as usize
}

/// The help `lines` over everything but the status line, from row
/// `scroll` on.
pub fn help_overlay(
    frame: &mut Frame,
    theme: Theme,
    area: Rect,
    mut lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let overlay = Rect::new(0, 0, area.width, area.height - 1);
    frame.render_widget(Clear, overlay);
    let inner = Rect {
        x: 1,
        width: area.width - 2,
        ..overlay
    };
    let page = overlay.height as usize;
    let start = scroll.min(lines.len().saturating_sub(1));
    let more = lines.len().saturating_sub(start + page);
    lines.drain(..start);
    if more > 0 {
        lines.truncate(page.saturating_sub(1));
        lines.push(Line::styled(
            format!("-- {} more rows: j or PgDn --", more + 1),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Text::from(lines)), inner);
}
