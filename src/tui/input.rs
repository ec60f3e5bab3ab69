//! A one-line text input (the note, the search prompt): the text, a cursor
//! counted in characters, editing at the cursor, and a view that scrolls
//! sideways by display width so the cursor is always on screen. Pure data:
//! the keymap turns keys into [`Edit`]s, the update applies them, the view
//! asks [`TextInput::view`] what to draw and where the terminal cursor goes.
//!
//! Keys ([`edit_key`]): characters insert; Backspace and Delete delete
//! before and at the cursor; Left/Right move a character; Home/Ctrl-A and
//! End/Ctrl-E go to the start and the end; Ctrl-U and Ctrl-K delete to the
//! start and to the end. Full-width characters are text here, never
//! mapped to the keys they stand for.

use super::key::Key;
use crate::text::{char_width, sanitize};

/// One editing step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character at the cursor.
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Delete from the start to the cursor.
    DeleteToStart,
    /// Delete from the cursor to the end.
    DeleteToEnd,
}

/// The editing step a key means in an input line; Enter, Esc and the rest
/// are the screen's to decide.
pub fn edit_key(key: Key) -> Option<Edit> {
    Some(match key {
        Key::Char(c) => Edit::Insert(c),
        Key::Backspace => Edit::Backspace,
        Key::Delete => Edit::Delete,
        Key::Left => Edit::Left,
        Key::Right => Edit::Right,
        Key::Home | Key::Ctrl('a') => Edit::Home,
        Key::End | Key::Ctrl('e') => Edit::End,
        Key::Ctrl('u') => Edit::DeleteToStart,
        Key::Ctrl('k') => Edit::DeleteToEnd,
        _ => return None,
    })
}

/// The text and the cursor (0 ..= the number of characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

/// What an input line shows in a given width: the visible part of the
/// (sanitized) text, and the column of the cursor within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputView {
    pub shown: String,
    pub cursor: usize,
}

impl TextInput {
    /// `text`, with the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Byte offset of character `i` (the end for `i` past it).
    fn byte(&self, i: usize) -> usize {
        self.text
            .char_indices()
            .nth(i)
            .map_or(self.text.len(), |(b, _)| b)
    }

    pub fn edit(&mut self, edit: Edit) {
        let len = self.len();
        match edit {
            Edit::Insert(c) => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Edit::Delete if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::DeleteToStart => {
                let at = self.byte(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            Edit::DeleteToEnd => {
                let at = self.byte(self.cursor);
                self.text.truncate(at);
            }
            Edit::Backspace | Edit::Delete => {}
        }
    }

    /// The part of the text to draw in `width` columns so that the cursor
    /// (and the whole character under it) is visible, and the cursor's
    /// column in it. The text goes through the sanitize stand-ins. It
    /// scrolls by half the width at a time, so the view stays put while
    /// the cursor moves inside it; a wide character is never split at
    /// either edge (a cut one is left out).
    pub fn view(&self, width: usize) -> InputView {
        let display = sanitize(&self.text);
        let chars: Vec<char> = display.text.chars().collect();
        let widths: Vec<usize> = chars.iter().map(|&c| char_width(c)).collect();
        // The display character where the cursor is, and its column.
        let at = display.map.partition_point(|&s| s < self.cursor);
        let col: usize = widths[..at].iter().sum();
        let under = widths.get(at).copied().unwrap_or(1).max(1);
        let step = (width / 2).max(1);
        let mut start_col = if col + under <= width {
            0
        } else {
            (((col + under - width) / step + 1) * step).min(col)
        };
        // The first character starting at or after start_col.
        let mut first = 0;
        let mut x = 0;
        while first < at && x < start_col {
            x += widths[first];
            first += 1;
        }
        start_col = x;
        let mut shown = String::new();
        let mut used = 0;
        for (c, w) in chars[first..].iter().zip(&widths[first..]) {
            if used + w > width {
                break;
            }
            shown.push(*c);
            used += w;
        }
        InputView {
            shown,
            cursor: col - start_col,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::str_width;

    fn typed(text: &str) -> TextInput {
        let mut input = TextInput::default();
        for c in text.chars() {
            input.edit(Edit::Insert(c));
        }
        input
    }

    #[test]
    fn moves_the_cursor_by_characters() {
        let mut input = typed("卫生a");
        assert_eq!(input.cursor(), 3);
        input.edit(Edit::Left);
        assert_eq!(input.cursor(), 2);
        input.edit(Edit::Home);
        input.edit(Edit::Left);
        assert_eq!(input.cursor(), 0);
        input.edit(Edit::Right);
        assert_eq!(input.cursor(), 1);
        input.edit(Edit::End);
        input.edit(Edit::Right);
        assert_eq!(input.cursor(), 3);
        assert_eq!(TextInput::new("数字").cursor(), 2);
    }

    #[test]
    fn inserts_in_the_middle_of_chinese_text() {
        let mut input = typed("数字存疑");
        input.edit(Edit::Left);
        input.edit(Edit::Left);
        for c in "，请核对".chars() {
            input.edit(Edit::Insert(c));
        }
        assert_eq!(input.text(), "数字，请核对存疑");
        assert_eq!(input.cursor(), 6);
        input.edit(Edit::Home);
        input.edit(Edit::Insert('Ａ'));
        assert_eq!(input.text(), "Ａ数字，请核对存疑");
        assert_eq!(input.cursor(), 1);
    }

    #[test]
    fn deletes_before_and_at_the_cursor() {
        let mut input = typed("甲乙丙丁");
        input.edit(Edit::Left);
        input.edit(Edit::Backspace);
        assert_eq!(input.text(), "甲乙丁");
        assert_eq!(input.cursor(), 2);
        input.edit(Edit::Delete);
        assert_eq!(input.text(), "甲乙");
        input.edit(Edit::Delete);
        assert_eq!(input.text(), "甲乙", "nothing at the end to delete");
        input.edit(Edit::Home);
        input.edit(Edit::Backspace);
        assert_eq!(input.text(), "甲乙", "nothing before the start");
        input.edit(Edit::Right);
        input.edit(Edit::DeleteToEnd);
        assert_eq!((input.text(), input.cursor()), ("甲", 1));
        let mut input = typed("甲乙丙");
        input.edit(Edit::Left);
        input.edit(Edit::DeleteToStart);
        assert_eq!((input.text(), input.cursor()), ("丙", 0));
    }

    #[test]
    fn keys_mean_edits() {
        assert_eq!(edit_key(Key::Char('ａ')), Some(Edit::Insert('ａ')));
        assert_eq!(edit_key(Key::Home), Some(Edit::Home));
        assert_eq!(edit_key(Key::Ctrl('a')), Some(Edit::Home));
        assert_eq!(edit_key(Key::Ctrl('e')), Some(Edit::End));
        assert_eq!(edit_key(Key::Delete), Some(Edit::Delete));
        assert_eq!(edit_key(Key::Enter), None);
        assert_eq!(edit_key(Key::Esc), None);
    }

    /// The cursor's column is inside the width with room for the
    /// character under it, the text shown fits, and it is the text around
    /// the cursor, uncut.
    fn check_view(input: &TextInput, width: usize) {
        let view = input.view(width);
        assert!(str_width(&view.shown) <= width, "{view:?} at {width}");
        let under = input
            .text()
            .chars()
            .nth(input.cursor())
            .map_or(1, char_width);
        assert!(view.cursor + under <= width, "{view:?} at {width}");
        assert!(input.text().contains(&view.shown), "{view:?}");
        // What is shown before the cursor ends right at it.
        let before: String = input.text().chars().take(input.cursor()).collect();
        let mut col = 0;
        let mut left = String::new();
        for c in view.shown.chars() {
            if col >= view.cursor {
                break;
            }
            left.push(c);
            col += char_width(c);
        }
        assert_eq!(col, view.cursor, "{view:?}: no char split at the cursor");
        assert!(before.ends_with(&left), "{view:?} {before}");
    }

    #[test]
    fn scrolling_keeps_the_cursor_visible_with_wide_chars() {
        let text = "请核对：签约率口径是否一致？a1（乙类）传染病１２３例，ｶﾞ😀𠀀完";
        for width in [10, 20] {
            let mut input = typed(text);
            check_view(&input, width);
            while input.cursor() > 0 {
                input.edit(Edit::Left);
                check_view(&input, width);
            }
            while input.cursor() < text.chars().count() {
                input.edit(Edit::Right);
                check_view(&input, width);
            }
        }
    }

    #[test]
    fn short_text_is_shown_whole_from_the_start() {
        let mut input = typed("数字存疑");
        input.edit(Edit::Home);
        assert_eq!(
            input.view(10),
            InputView {
                shown: "数字存疑".into(),
                cursor: 0
            }
        );
        input.edit(Edit::End);
        assert_eq!(input.view(10).cursor, 8);
        // At width 8 the cursor at the end needs a column of its own.
        let view = input.view(8);
        assert!(view.cursor < 8 && view.shown.ends_with('疑'), "{view:?}");
    }

    #[test]
    fn the_view_stays_put_while_the_cursor_moves_inside_it() {
        let mut input = typed("一二三四五六七八九十");
        let end = input.view(10);
        input.edit(Edit::Left);
        let one_left = input.view(10);
        assert_eq!(end.shown, one_left.shown);
        assert_eq!(one_left.cursor + 2, end.cursor);
    }

    #[test]
    fn never_splits_a_wide_char_at_either_edge() {
        // Odd widths: a wide character straddles each edge somewhere.
        let text = "a中文b测试c数据d标注e";
        for width in [5, 7, 9, 11] {
            let mut input = typed(text);
            while input.cursor() > 0 {
                let view = input.view(width);
                assert!(text.contains(&view.shown), "{view:?} at {width}");
                check_view(&input, width);
                input.edit(Edit::Left);
            }
        }
    }

    #[test]
    fn control_characters_are_shown_as_stand_ins() {
        let mut input = TextInput::new("a\u{1b}[31mb\tc");
        let view = input.view(40);
        assert_eq!(view.shown, "a␛[31mb    c");
        assert_eq!(view.cursor, str_width("a␛[31mb    c"));
        input.edit(Edit::Home);
        input.edit(Edit::Right);
        input.edit(Edit::Right);
        assert_eq!(input.view(40).cursor, 2, "after a and ␛");
    }
}
