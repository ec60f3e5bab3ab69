//! Render: a pure function of the model onto a ratatui frame.

pub use crate::text::fit;
pub mod help;
pub mod label_pane;
pub mod status;

pub use crate::text::pad;
pub use status::{gauge, pace};

use super::model::{Mode, Model};
use crate::text::wrap;
use crate::tui::layout::{areas, text_wrap_width, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::style::Theme;
use crate::tui::text_pane::{pane_lines, path_line, TextView};
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

pub fn render(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme { color: model.color };
    let Some(a) = areas(area.width, area.height) else {
        too_small(frame, area);
        return;
    };
    let text = TextView {
        paragraphs: &model.paragraphs,
        cursor: model.cursor,
        scroll: model.scroll,
        wrap_width: text_wrap_width(model.width, model.height),
    };
    frame.render_widget(
        Paragraph::new(path_line(&text, theme, a.path.width as usize)),
        a.path,
    );
    let pane = pane_lines(&text, theme, a.text.height as usize);
    frame.render_widget(Paragraph::new(Text::from(pane)), a.text);
    let bar: Vec<Line> = (0..a.separator.height)
        .map(|_| Line::styled("|", theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(Text::from(bar)), a.separator);
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
    if model.mode == Mode::Help {
        let lines = help::lines(model, theme, help_width(area));
        help_overlay(frame, theme, area, lines, model.help_scroll);
    }
}

/// Columns the help overlay's text has on a screen `area` wide.
pub fn help_width(area: Rect) -> usize {
    area.width.saturating_sub(2) as usize
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

/// The message shown instead of the layout, wrapped to whatever fits.
pub fn too_small(frame: &mut Frame, area: Rect) {
    let msg = format!(
        "terminal too small: {}x{}, biaozhu needs {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window or press q to quit.",
        area.width, area.height
    );
    let width = area.width.max(1) as usize;
    let chars: Vec<char> = msg.chars().collect();
    let lines: Vec<Line> = wrap(&msg, width)
        .iter()
        .take(area.height as usize)
        .map(|r| Line::from(chars[r.start..r.end].iter().collect::<String>()))
        .collect();
    frame.render_widget(Paragraph::new(Text::from(lines)), area);
}
