//! Keys typed with a Chinese input method left on: full-width forms and the
//! Chinese punctuation an IME produces on a US keyboard, mapped to the keys
//! they stand for ([`halfwidth`]). Both screens' keymaps apply it before
//! they look a key up — but never inside a text input (the note, the
//! search), where Chinese is typed on purpose. A key the schema binds as
//! typed keeps its binding ([`crate::tui::keymap::meant`]).
//!
//! | typed | means |
//! | --- | --- |
//! | U+FF01–U+FF5E, full-width `！` … `～` (`ａ`, `Ｇ`, `１`, `（`, `？`, `／`, `，`, `；`, `：`, `＄` …) | the ASCII character 0xFEE0 below: `!` … `~` |
//! | `　` U+3000 IDEOGRAPHIC SPACE | Space |
//! | `￥` U+FFE5, `¥` U+00A5 (Shift-4) | `$` |
//! | `。` U+3002 | `.` |
//! | `《` `》` U+300A/B (Shift-, Shift-.) | `<` `>` |
//! | `【` `】` U+3010/1 (`[` `]`) | `[` `]` |
//! | `“` `”` U+201C/D (Shift-') | `"` |
//! | `‘` `’` U+2018/9 (`'`) | `'` |
//! | `·` U+00B7 (`` ` ``) | `` ` `` |
//!
//! Not mapped, because they are ambiguous: `、` (`\` in Microsoft and Sogou
//! Pinyin, `/` in others), `「」` (`[ ]` in some layouts, `{ }` in others);
//! and `……` (Shift-6) and `——` (Shift-minus), which arrive as two keys
//! each: `^` twice would toggle an indicator back off without a word.
//! Those say that they do nothing.

use super::key::Key;

/// The ASCII character full-width or IME-punctuation `c` stands for.
pub fn halfwidth_char(c: char) -> Option<char> {
    Some(match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0)?,
        '\u{3000}' => ' ',
        '\u{ffe5}' | '\u{a5}' => '$',
        '。' => '.',
        '《' => '<',
        '》' => '>',
        '【' => '[',
        '】' => ']',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '·' => '`',
        _ => return None,
    })
}

/// `key` as meant: a character (or Alt with one) in full width or from
/// the IME's punctuation as its ASCII key; every other key as it is.
pub fn halfwidth(key: Key) -> Key {
    match key {
        Key::Char(c) => Key::Char(halfwidth_char(c).unwrap_or(c)),
        Key::Alt(c) => Key::Alt(halfwidth_char(c).unwrap_or(c)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_ascii() {
        let full = "！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠\
                    ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀\
                    ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～";
        let ascii: String = ('!'..='~').collect();
        let mapped: String = full.chars().map(|c| halfwidth_char(c).unwrap()).collect();
        assert_eq!(mapped, ascii);
    }

    #[test]
    fn ime_punctuation_becomes_the_key_it_was_typed_on() {
        for (typed, meant) in [
            ('　', ' '),
            ('￥', '$'),
            ('¥', '$'),
            ('。', '.'),
            ('《', '<'),
            ('》', '>'),
            ('【', '['),
            ('】', ']'),
            ('“', '"'),
            ('”', '"'),
            ('‘', '\''),
            ('’', '\''),
            ('·', '`'),
        ] {
            assert_eq!(halfwidth(Key::Char(typed)), Key::Char(meant), "{typed}");
        }
    }

    #[test]
    fn ambiguous_and_other_keys_stay() {
        for c in ['、', '「', '」', '…', '—', '中', 'a', '1', 'ｶ'] {
            assert_eq!(halfwidth(Key::Char(c)), Key::Char(c), "{c}");
        }
        assert_eq!(halfwidth(Key::Alt('２')), Key::Alt('2'));
        assert_eq!(halfwidth(Key::Ctrl('c')), Key::Ctrl('c'));
        assert_eq!(halfwidth(Key::Enter), Key::Enter);
    }
}
