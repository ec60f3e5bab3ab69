//! What both screens draw alike around their panes: the bar between the
//! text and the label panes, and the message in place of it all when the
//! terminal is too small.

use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::style::Theme;
use crate::text::wrap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The column of `|` between the panes, over `area`.
pub fn separator(frame: &mut Frame, theme: Theme, area: Rect) {
    let bar: Vec<Line> = (0..area.height)
        .map(|_| Line::styled("|", theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(Text::from(bar)), area);
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
