//! The `?` overlay, generated from the keymap's command table and the schema.

use super::fit::{fit, pad};
use crate::annotate::keymap::COMMANDS;
use crate::annotate::model::Model;
use crate::schema::Schema;
use crate::tui::style::Theme;
use ratatui::text::{Line, Span};

pub fn lines(model: &Model, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let commands = COMMANDS.iter().map(|(keys, _, what)| {
        let names: Vec<String> = keys.iter().map(|k| k.label()).collect();
        (names.join(" / "), *what)
    });
    help_lines(commands, &model.schema, theme, width)
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
        out.push(Line::from(vec![
            Span::styled(pad(&keys, key_w), theme.key()),
            Span::raw(fit(what, width.saturating_sub(key_w))),
        ]));
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
            out.push(Line::from(vec![
                Span::styled(pad(&def.key.to_string(), key_w.min(4)), theme.key()),
                Span::raw(fit(&what, width.saturating_sub(key_w.min(4)))),
            ]));
        }
    }
    out
}
