//! What both screens draw alike around their panes: the bar between the
//! text and the label panes, and the message in place of it all when the
//! terminal is too small.

use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::style::Theme;
use crate::text::wrap;
use ratatui::buffer::Buffer;
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

/// Half-width katakana with a sound mark (`ｶﾞ`) drawn as two cells, `ｶ`
/// then `ﾞ`, as the terminal draws them. Ratatui lays the pair out as one
/// cluster two columns wide but its diff measures it one wide, so the
/// column after it was never rewritten when it turned blank: the mark
/// stayed on screen (a ghost `ﾞ` after scrolling). In cells of their own
/// the diff rewrites each. Run over the finished frame.
pub fn split_sound_marks(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let symbol = buf[(x, y)].symbol();
            let Some(mark) = symbol
                .chars()
                .last()
                .filter(|&c| SOUND_MARKS.contains(&c) && symbol.chars().count() > 1)
            else {
                continue;
            };
            let base: String = symbol.chars().take(symbol.chars().count() - 1).collect();
            buf[(x, y)].set_symbol(&base);
            buf[(x + 1, y)].set_char(mark);
        }
    }
}

/// `ﾞ` and `ﾟ`, the half-width katakana sound marks.
const SOUND_MARKS: [char; 2] = ['\u{FF9E}', '\u{FF9F}'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_mark_gets_a_cell_of_its_own() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "aｶﾞbﾊﾟ", ratatui::style::Style::default());
        split_sound_marks(&mut buf);
        let cells: Vec<&str> = (0..7).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(cells, ["a", "ｶ", "ﾞ", "b", "ﾊ", "ﾟ", " "]);
    }
}
