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
    // A row that ends before it starts, and one past the end of the text.
    for (start, end) in [(2, 1), (0, 9)] {
        let rows = [Row {
            start,
            end,
            width: 0,
        }];
        assert_eq!(row_slices("abc", &rows).collect::<Vec<_>>(), [""]);
    }
}
