//! Wrap a paragraph into rows of at most a given width (DESIGN.md §3).
//!
//! Break opportunities come from the Unicode line-breaking algorithm (UAX #14,
//! `unicode-linebreak`), so no row starts with closing punctuation
//! (`，。、；：？！）」』》】％` …) and none ends with opening punctuation
//! (`（「『《【` …); `12.5%` and `——` are never split when they fit. One
//! tailoring: UAX #14 still allows a break before `％` after `；`, `％` or a
//! space, and before `；：？！` after a space or U+200B; opportunities
//! before a [`NO_ROW_START`] or after a [`NO_ROW_END`] character are dropped
//! (hard breaks stay). Rows are filled greedily, first fit:
//!
//! - A *unit* — the text between two break opportunities, trailing spaces
//!   included — goes on the current row if it fits, else starts the next row.
//! - A unit wider than a whole row is broken between characters. A single
//!   character wider than the row (a CJK character at width 1) gets a row of
//!   its own, wider than `width`: the renderer clips it. Zero-width characters
//!   always stay on the row of the character before them.
//! - A hard break (`\n`, and the other UAX #14 mandatory breaks: `\r`,
//!   U+000B, U+000C, U+0085, U+2028, U+2029) ends its row; the break character
//!   belongs to the row it ends.
//!
//! Nothing is dropped or stripped: spaces and the leading `　　` indent stay in
//! the rows, and concatenating the rows gives back the text, character for
//! character. No row is empty, so empty text gives **zero rows**, and text
//! ending in `\n` has no empty row after it. A width of 0 is treated as 1.

use super::width::char_width;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Full-width closing punctuation that never starts a row (except where a
/// unit wider than the row is broken between characters, or after a hard
/// break).
pub const NO_ROW_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '」', '』', '》', '】', '％', '〕', '〉', '〗',
    '〙', '〛', '｝', '］',
];

/// Full-width opening punctuation that never ends a row (same exceptions).
pub const NO_ROW_END: &[char] = &[
    '（', '「', '『', '《', '【', '〔', '〈', '〖', '〘', '〚', '｛', '［',
];

/// Whether `c` is in [`NO_ROW_START`].
pub fn never_starts_row(c: char) -> bool {
    is_cjk_punctuation(c) && NO_ROW_START.contains(&c)
}

/// Whether `c` is in [`NO_ROW_END`].
pub fn never_ends_row(c: char) -> bool {
    is_cjk_punctuation(c) && NO_ROW_END.contains(&c)
}

/// The two blocks both lists come from (CJK Symbols and Punctuation, and
/// Halfwidth and Fullwidth Forms): a cheap test that rejects ideographs.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{301b}' | '\u{ff01}'..='\u{ff5d}')
}

/// One wrapped row: characters `start..end` (char indices into the wrapped
/// text, end exclusive), `width` columns wide (the [`str_width`] of the row).
///
/// [`str_width`]: super::str_width
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index of the row's first character.
    pub start: usize,
    /// Index one past the row's last character.
    pub end: usize,
    /// Columns the row occupies.
    pub width: usize,
}

/// Wrap `text` into rows at most `width` columns wide (see the module notes
/// for the rules). Allocates only the returned vector.
///
/// ```
/// use biaozhu::text::wrap;
/// let rows = wrap("　　增长12.5%，效果明显。", 12);
/// let starts: Vec<usize> = rows.iter().map(|r| r.start).collect();
/// assert_eq!(starts, [0, 4, 12]); // "　　增长" | "12.5%，效果" | "明显。"
/// assert!(rows.iter().all(|r| r.width <= 12));
/// ```
pub fn wrap(text: &str, width: usize) -> Vec<Row> {
    let mut filler = Filler::new(width.max(1), text.len());
    let mut from = 0;
    for (to, opportunity) in linebreaks(text) {
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        // `linebreaks` yields char boundaries; were one not, its text would
        // simply join the next unit, as does text before a vetoed break.
        let Some(unit) = text.get(from..to) else {
            continue;
        };
        if !mandatory && vetoed(unit, text.get(to..).unwrap_or("")) {
            continue;
        }
        filler.place(unit);
        if mandatory {
            filler.end_row();
        }
        from = to;
    }
    filler.rows
}

/// Whether the tailoring forbids a break between `before` and `after`.
fn vetoed(before: &str, after: &str) -> bool {
    before.chars().next_back().is_some_and(never_ends_row)
        || after.chars().next().is_some_and(never_starts_row)
}

/// The text of each row: `rows` must come from [`wrap`] on `text`. Walks the
/// text once, so it costs no more than the wrap itself. A row that does not
/// fit `text` (or comes before the previous one) yields an empty string.
pub fn row_slices<'a>(text: &'a str, rows: &'a [Row]) -> impl Iterator<Item = &'a str> + 'a {
    let mut offsets = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain([text.len()])
        .enumerate();
    let mut last: Option<(usize, usize)> = None;
    let mut byte_of = move |target: usize| match last {
        Some((char, byte)) if char == target => Some(byte),
        _ => {
            last = offsets.find(|&(char, _)| char == target);
            last.map(|(_, byte)| byte)
        }
    };
    rows.iter().map(move |row| {
        let start = byte_of(row.start);
        let end = byte_of(row.end);
        match (start, end) {
            (Some(s), Some(e)) => text.get(s..e).unwrap_or(""),
            _ => "",
        }
    })
}

/// Greedy row filler: the row being built plus the finished rows.
struct Filler {
    max: usize,
    rows: Vec<Row>,
    start: usize,
    end: usize,
    width: usize,
}

impl Filler {
    fn new(max: usize, bytes: usize) -> Self {
        // A CJK row of `max` columns takes about 1.5 * max bytes.
        let guess = bytes / (max + max / 2) + 1;
        Filler {
            max,
            rows: Vec::with_capacity(guess.min(1024)),
            start: 0,
            end: 0,
            width: 0,
        }
    }

    /// Put one unbreakable unit on the current or the next row(s).
    fn place(&mut self, unit: &str) {
        let (chars, width) = measure(unit);
        if !self.fits(width) {
            self.end_row();
            if width > self.max {
                self.split(unit);
                return;
            }
        }
        self.extend(chars, width);
    }

    /// Break a unit wider than a row between characters. A character wider
    /// than a row lands on an empty row (`end_row` leaves those alone).
    fn split(&mut self, unit: &str) {
        for c in unit.chars() {
            let width = char_width(c);
            if !self.fits(width) {
                self.end_row();
            }
            self.extend(1, width);
        }
    }

    /// Whether `width` more columns fit on the current row. Zero-width text
    /// always fits: it joins the character before it.
    fn fits(&self, width: usize) -> bool {
        width == 0 || self.width + width <= self.max
    }

    fn extend(&mut self, chars: usize, width: usize) {
        self.end += chars;
        self.width += width;
    }

    /// Finish the current row, if it has any characters.
    fn end_row(&mut self) {
        if self.end > self.start {
            self.rows.push(Row {
                start: self.start,
                end: self.end,
                width: self.width,
            });
            self.start = self.end;
            self.width = 0;
        }
    }
}

/// Character count and width of `s`, in one pass.
fn measure(s: &str) -> (usize, usize) {
    s.chars()
        .fold((0, 0), |(n, w), c| (n + 1, w + char_width(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::str_width;

    /// The rows of `text` at `width`, as strings, after checking the
    /// invariants every wrap must keep.
    fn rows(text: &str, width: usize) -> Vec<String> {
        let rows = wrap(text, width);
        let parts: Vec<String> = row_slices(text, &rows).map(str::to_owned).collect();
        assert_eq!(parts.concat(), text, "rows must give back the text");
        let mut at = 0;
        for (row, part) in rows.iter().zip(&parts) {
            assert_eq!(row.start, at);
            assert!(row.end > row.start, "empty row");
            assert_eq!(row.width, str_width(part));
            let wide_single = part.chars().filter(|&c| char_width(c) > 0).count() == 1;
            assert!(
                row.width <= width.max(1) || wide_single,
                "{part:?} too wide"
            );
            at = row.end;
        }
        assert_eq!(at, text.chars().count());
        parts
    }

    #[test]
    fn punctuation_classes() {
        assert!("，。、；：？！）」』》】％〕〉〗〙〛｝］"
            .chars()
            .all(never_starts_row));
        assert!("（「『《【〔〈〖〘〚｛［".chars().all(never_ends_row));
        assert!(!"中a%)（".chars().any(never_starts_row));
        assert!(!"中a(）".chars().any(never_ends_row));
    }

    #[test]
    fn empty_text_has_no_rows() {
        assert!(wrap("", 10).is_empty());
        assert!(wrap("", 0).is_empty());
    }

    #[test]
    fn short_text_is_one_row() {
        assert_eq!(rows("各位代表", 80), ["各位代表"]);
        assert_eq!(
            wrap("各位代表", 80),
            [Row {
                start: 0,
                end: 4,
                width: 8
            }]
        );
    }

    #[test]
    fn comma_never_starts_a_row() {
        // "五" fills the row exactly, but "，" cannot start the next one.
        assert_eq!(
            rows("一二三四五，六七八九", 10),
            ["一二三四", "五，六七八", "九"]
        );
    }

    #[test]
    fn closing_punctuation_stays_with_previous_char() {
        for p in "，。、；：？！）」』》】％".chars() {
            let text = format!("一二三四五{p}六");
            let parts = rows(&text, 10);
            assert!(!parts[1].starts_with(p), "{p} starts a row: {parts:?}");
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_row() {
        for p in "（「『《【".chars() {
            let text = format!("一二三四{p}五六");
            let parts = rows(&text, 10);
            assert!(!parts[0].ends_with(p), "{p} ends a row: {parts:?}");
            assert_eq!(parts[0], "一二三四");
        }
    }

    #[test]
    fn percent_never_starts_a_row_even_where_uax14_allows() {
        assert_eq!(rows("一二三；％", 8), ["一二", "三；％"]);
        assert_eq!(rows("一二三 ；", 7), ["一二", "三 ；"]);
        assert_eq!(rows("一二三\u{200b}％", 6), ["一二", "三\u{200b}％"]);
        // A hard break still breaks.
        assert_eq!(rows("一\n％", 80), ["一\n", "％"]);
    }

    #[test]
    fn percent_and_dashes_stay_whole() {
        assert_eq!(rows("增长率12.5%", 10), ["增长率", "12.5%"]);
        assert_eq!(rows("一二三——四五", 8), ["一二三——", "四五"]);
        assert_eq!(rows("一二三——四五", 7), ["一二三", "——四五"]);
        assert_eq!(rows("一二三四——五", 9), ["一二三四", "——五"]);
    }

    #[test]
    fn over_wide_unit_breaks_between_chars() {
        assert_eq!(rows("12.5%", 3), ["12.", "5%"]);
        assert_eq!(rows("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn indent_is_kept_at_start_of_first_row() {
        let parts = rows("　　各位代表，现在我代表市人民政府作报告。", 20);
        assert_eq!(parts[0], "　　各位代表，现在我");
        assert_eq!(parts[1], "代表市人民政府作报");
        assert_eq!(parts[2], "告。");
    }

    #[test]
    fn width_one_gives_wide_chars_their_own_rows() {
        assert_eq!(rows("中a文", 1), ["中", "a", "文"]);
        assert_eq!(rows("　　中", 1), ["　", "　", "中"]);
    }

    #[test]
    fn width_zero_is_width_one() {
        assert_eq!(wrap("中a文", 0), wrap("中a文", 1));
        assert_eq!(rows("ab", 0), ["a", "b"]);
    }

    #[test]
    fn width_two_and_three() {
        // "文，" is wider than the row: a forced break between characters.
        assert_eq!(rows("中文，好", 2), ["中", "文", "，", "好"]);
        assert_eq!(rows("中文，好", 3), ["中", "文", "，", "好"]);
        assert_eq!(rows("中文，好", 4), ["中", "文，", "好"]);
        assert_eq!(rows("中文好", 3), ["中", "文", "好"]);
        assert_eq!(rows("a中b", 3), ["a中", "b"]);
    }

    #[test]
    fn ext_b_emoji_and_katakana() {
        assert_eq!(rows("𠀀𠀀𠀀", 4), ["𠀀𠀀", "𠀀"]);
        assert_eq!(rows("😀😀😀", 5), ["😀😀", "😀"]);
        assert_eq!(rows("ｶﾞｶﾞｶﾞ", 3), ["ｶﾞ", "ｶﾞ", "ｶﾞ"]);
        assert_eq!(rows("ｶﾞｶﾞｶﾞ", 1), ["ｶ", "ﾞ", "ｶ", "ﾞ", "ｶ", "ﾞ"]);
        assert_eq!(rows("ｶﾞｶﾞｶﾞ", 4), ["ｶﾞｶﾞ", "ｶﾞ"]);
    }

    #[test]
    fn zero_width_marks_stay_with_their_base() {
        assert_eq!(rows("中\u{0301}文", 1), ["中\u{0301}", "文"]);
        assert_eq!(rows("abc\u{0301}d", 3), ["abc\u{0301}", "d"]);
    }

    #[test]
    fn spaces_are_kept() {
        assert_eq!(rows("hello world", 8), ["hello ", "world"]);
        assert_eq!(rows("a  b", 80), ["a  b"]);
        assert_eq!(rows("    tab", 80), ["    tab"]);
    }

    #[test]
    fn hard_breaks_end_rows() {
        assert_eq!(rows("甲\n乙", 80), ["甲\n", "乙"]);
        assert_eq!(rows("甲\n\n乙\n", 80), ["甲\n", "\n", "乙\n"]);
        assert_eq!(rows("a\r\nb", 80), ["a\r\n", "b"]);
    }

    #[test]
    fn stand_ins_wrap_like_text() {
        let shown = crate::text::sanitize("一二\u{1b}三\t四");
        assert_eq!(rows(&shown.text, 5), ["一二␛", "三   ", " 四"]);
    }

    #[test]
    fn width_ten_and_eighty() {
        let text = "　　二〇二三年，全市卫生健康工作取得新进展：家庭医生签约率达到45.6%，\
                    比上年提高2.1个百分点；（一）深化医改——持续推进。";
        for width in [10, 80] {
            let parts = rows(text, width);
            for part in &parts[1..] {
                let first = part.chars().next().unwrap_or(' ');
                assert!(!"，。、；：？！）」』》】％".contains(first), "{parts:?}");
            }
            for part in &parts {
                let last = part.chars().last().unwrap_or(' ');
                assert!(!"（「『《【".contains(last), "{parts:?}");
                assert!(!part.contains("45.") || part.contains("45.6%"));
            }
        }
        assert_eq!(rows(text, 80).len(), 2);
    }

    #[test]
    fn row_slices_handles_foreign_rows() {
        let rows = [Row {
            start: 2,
            end: 1,
            width: 0,
        }];
        assert_eq!(row_slices("abc", &rows).collect::<Vec<_>>(), [""]);
        let rows = [Row {
            start: 0,
            end: 9,
            width: 0,
        }];
        assert_eq!(row_slices("abc", &rows).collect::<Vec<_>>(), [""]);
    }
}
