//! The labeling screen's `?` overlay, generated from its command table and
//! the schema.

use crate::annotate::keymap::help_rows;
use crate::annotate::model::Model;
use crate::tui::help::help_lines;
use crate::tui::style::Theme;
use ratatui::text::Line;

pub fn lines(model: &Model, theme: Theme, width: usize) -> Vec<Line<'static>> {
    help_lines(help_rows(), &model.schema, theme, width)
}
