//! Display width of characters: the one width function used everywhere
//! (DESIGN.md §3).
//!
//! Widths come from `unicode-width` 0.2.0 — the version pinned in
//! `Cargo.toml`, the same one ratatui's buffer uses — with East Asian
//! ambiguous characters (`“ ” … ① ×`) narrow. Widths are additive: the width of
//! a string is the sum of its characters' widths, so a wrapped row's width is
//! known without re-measuring.
//!
//! Two adjustments make the sum agree with what ratatui's buffer draws
//! (`ratatui_core::buffer::CellWidth`, which measures grapheme clusters):
//!
//! - Half-width katakana sound marks `ﾞ` U+FF9E and `ﾟ` U+FF9F are 1 column
//!   (unicode-width says 0; ratatui and terminals draw them in a cell of their
//!   own), so `ｶﾞ` is 2.
//! - VARIATION SELECTOR-16 U+FE0F is 1 column. After a narrow emoji base
//!   (`❤\u{FE0F}`, `⚠\u{FE0F}`, keycaps `1\u{FE0F}\u{20E3}`) the cluster is
//!   drawn 2 wide, so base + selector must add up to 2. Elsewhere this
//!   over-counts by one, which only makes a row end a column early; an
//!   under-count would make ratatui clip the row's last character.
//!
//! With these, for text that went through [`sanitize`](fn@super::sanitize),
//! ratatui never draws a string wider than [`str_width`] says. It may draw
//! narrower for emoji modifier sequences (`👍🏽`: 4 here, 2 drawn), text
//! presentation sequences (`⌚\u{FE0E}`) and script ligatures (Arabic lam-alef).
//! Control characters are 0 wide here; `sanitize` replaces them all.

use unicode_width::UnicodeWidthChar;

/// HALFWIDTH KATAKANA VOICED SOUND MARK `ﾞ`.
const HALFWIDTH_VOICED_MARK: char = '\u{FF9E}';
/// HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK `ﾟ`.
const HALFWIDTH_SEMI_VOICED_MARK: char = '\u{FF9F}';
/// VARIATION SELECTOR-16, the emoji presentation selector.
const EMOJI_PRESENTATION_SELECTOR: char = '\u{FE0F}';

/// Columns `c` occupies on the terminal: 0, 1 or 2 (see the module notes for
/// the two adjustments to unicode-width 0.2.0). Control characters are 0.
///
/// ```
/// use biaozhu::text::char_width;
/// assert_eq!(char_width('中'), 2);
/// assert_eq!(char_width('“'), 1); // East Asian ambiguous is narrow
/// assert_eq!(char_width('\u{1b}'), 0);
/// ```
pub fn char_width(c: char) -> usize {
    if c.is_ascii() {
        return usize::from(!c.is_ascii_control());
    }
    match c {
        HALFWIDTH_VOICED_MARK | HALFWIDTH_SEMI_VOICED_MARK | EMOJI_PRESENTATION_SELECTOR => 1,
        _ => c.width().unwrap_or(0),
    }
}

/// Columns `s` occupies: the sum of [`char_width`] over its characters.
///
/// ```
/// use biaozhu::text::str_width;
/// assert_eq!(str_width("　　增长12.5%，"), 4 + 2 + 2 + 5 + 2);
/// ```
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Whether `c` is drawn on top of the character before it: zero columns
/// according to unicode-width itself (combining marks, variation selectors,
/// Hangul medial/final jamo, default-ignorable code points). The half-width
/// sound marks `ﾞﾟ` are not: terminals give them a cell of their own.
pub(crate) fn attaches_to_previous(c: char) -> bool {
    !c.is_ascii()
        && !matches!(c, HALFWIDTH_VOICED_MARK | HALFWIDTH_SEMI_VOICED_MARK)
        && c.width() == Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_printable_is_one_and_controls_zero() {
        assert_eq!(char_width('a'), 1);
        assert_eq!(char_width(' '), 1);
        assert_eq!(char_width('~'), 1);
        for c in ['\0', '\t', '\n', '\r', '\u{1b}', '\u{7f}'] {
            assert_eq!(char_width(c), 0, "{c:?}");
        }
    }

    #[test]
    fn c1_controls_are_zero() {
        assert_eq!(char_width('\u{80}'), 0);
        assert_eq!(char_width('\u{85}'), 0);
        assert_eq!(char_width('\u{9f}'), 0);
    }

    #[test]
    fn cjk_and_fullwidth_punctuation_are_two() {
        for c in "中国卫生，。、；：？！（）「」《》％　".chars() {
            assert_eq!(char_width(c), 2, "{c}");
        }
    }

    #[test]
    fn east_asian_ambiguous_is_narrow() {
        for c in ['“', '”', '…', '①', '×', '—', '·'] {
            assert_eq!(char_width(c), 1, "{c}");
        }
    }

    #[test]
    fn extension_b_and_emoji_are_two() {
        assert_eq!(char_width('𠀀'), 2);
        assert_eq!(char_width('😀'), 2);
        assert_eq!(str_width("𠀀😀"), 4);
    }

    #[test]
    fn halfwidth_katakana_with_sound_mark_is_two() {
        assert_eq!(char_width('ｶ'), 1);
        assert_eq!(char_width('ﾞ'), 1);
        assert_eq!(char_width('ﾟ'), 1);
        assert_eq!(str_width("ｶﾞ"), 2);
        assert!(!attaches_to_previous('ﾞ'));
    }

    #[test]
    fn narrow_emoji_with_selector_adds_up_to_two() {
        assert_eq!(str_width("\u{2764}\u{FE0F}"), 2);
        assert_eq!(str_width("1\u{FE0F}\u{20E3}"), 2);
    }

    #[test]
    fn combining_and_format_chars_are_zero() {
        assert_eq!(char_width('\u{0301}'), 0);
        assert_eq!(char_width('\u{200B}'), 0);
        assert_eq!(char_width('\u{202E}'), 0);
        assert_eq!(char_width('\u{FEFF}'), 0);
        assert_eq!(str_width("e\u{0301}"), 1);
        assert!(attaches_to_previous('\u{0301}'));
        assert!(attaches_to_previous('\u{FE0F}'));
        assert!(!attaches_to_previous('a'));
        assert!(!attaches_to_previous('中'));
    }

    #[test]
    fn stand_ins_are_narrow() {
        for c in ['␛', '␀', '␤', '␡', '␦', '⇄', '‸', '⍽', '◌'] {
            assert_eq!(char_width(c), 1, "{c}");
        }
    }

    #[test]
    fn str_width_sums() {
        assert_eq!(str_width(""), 0);
        assert_eq!(str_width("abc"), 3);
        assert_eq!(str_width("　　各位代表："), 14);
        assert_eq!(str_width("12.5%——"), 7);
    }
}
