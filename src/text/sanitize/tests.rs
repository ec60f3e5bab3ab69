use super::*;

fn identity(s: &str) {
    let d = sanitize(s);
    assert_eq!(d.text, s);
    assert_eq!(d.map, (0..s.chars().count()).collect::<Vec<_>>());
}

#[test]
fn chinese_and_fullwidth_punctuation_pass_unchanged() {
    identity("　　各位代表：现将工作报告如下，请予审议。");
    identity("，。、；：？！（）「」《》％　");
    identity("“健康中国”……①×");
}

#[test]
fn ext_b_emoji_and_halfwidth_katakana_pass_unchanged() {
    identity("𠀀😀ｶﾞﾊﾟ");
    identity("ﾞ"); // not combining: no ◌
    identity("12.5%——abc def");
}

#[test]
fn plain_shows_stand_ins_and_cuts_long_values() {
    assert_eq!(plain("甲\u{1b}]0;x\u{7}\u{202e}乙"), "甲␛]0;x␇⇄乙");
    assert_eq!(quoted("a\nb"), "\"a␤b\"");
    let long = "名".repeat(PLAIN_MAX + 5);
    let shown = plain(&long);
    assert_eq!(shown.chars().count(), PLAIN_MAX + 1);
    assert!(shown.ends_with("名…"));
    assert_eq!(plain(&"名".repeat(PLAIN_MAX)), "名".repeat(PLAIN_MAX));
    assert_eq!(plain_upto("abcdef", 3), "abc…");
}

#[test]
fn empty_source() {
    let d = sanitize("");
    assert_eq!(d.text, "");
    assert!(d.map.is_empty());
    assert_eq!(d.source_range(0, 0), 0..0);
    assert_eq!(d.source_range(3, 7), 0..0);
}

#[test]
fn escape_becomes_control_picture() {
    let d = sanitize("红\u{1b}[2J色");
    assert_eq!(d.text, "红␛[2J色");
    assert_eq!(d.map, vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn c0_controls_map_to_control_pictures() {
    let d = sanitize("\0\u{7}\r\u{1f}");
    assert_eq!(d.text, "␀␇␍␟");
}

#[test]
fn newline_and_del() {
    assert_eq!(sanitize("甲\n乙\u{7f}").text, "甲␤乙␡");
}

#[test]
fn c1_controls_get_stand_in() {
    assert_eq!(sanitize("a\u{85}b\u{9b}c").text, "a␦b␦c");
}

#[test]
fn tab_expands_to_spaces_mapped_to_the_tab() {
    let d = sanitize("甲\t乙");
    assert_eq!(d.text, "甲    乙");
    assert_eq!(d.map, vec![0, 1, 1, 1, 1, 2]);
    assert_eq!(d.source_range(2, 3), 1..2);
    assert_eq!(d.source_range(0, 6), 0..3);
    assert_eq!(d.display_range(1, 2), 1..5);
}

#[test]
fn bidi_override_is_visible() {
    let d = sanitize("abc\u{202e}def\u{202c}");
    assert_eq!(d.text, "abc⇄def⇄");
    for c in ['\u{200e}', '\u{200f}', '\u{061c}', '\u{2066}', '\u{2069}'] {
        assert_eq!(sanitize(&c.to_string()).text, "⇄");
    }
}

#[test]
fn bom_is_visible() {
    assert_eq!(sanitize("\u{feff}正文").text, "⍽正文");
    assert_eq!(sanitize("正\u{feff}文").text, "正⍽文");
}

#[test]
fn zero_width_format_chars_are_visible() {
    assert_eq!(sanitize("卫\u{200b}生").text, "卫‸生");
    assert_eq!(sanitize("a\u{200c}b\u{200d}c\u{2060}d").text, "a‸b‸c‸d");
    assert_eq!(sanitize("hi\u{e0041}\u{e0042}").text, "hi‸‸");
    assert_eq!(sanitize("soft\u{ad}hyphen").text, "soft‸hyphen");
}

#[test]
fn lone_combining_mark_gets_dotted_circle() {
    let d = sanitize("\u{0301}a");
    assert_eq!(d.text, "◌\u{0301}a");
    assert_eq!(d.map, vec![0, 0, 1]);
    assert_eq!(d.source_range(0, 1), 0..1);
}

#[test]
fn combining_mark_after_base_is_kept() {
    identity("e\u{0301}\u{0302}");
    identity("中\u{0301}");
    identity("\u{2764}\u{fe0f}");
}

#[test]
fn combining_mark_after_whitespace_or_stand_in_gets_base() {
    assert_eq!(sanitize(" \u{0301}").text, " ◌\u{0301}");
    assert_eq!(sanitize("　\u{0301}").text, "　◌\u{0301}");
    assert_eq!(sanitize("\u{1b}\u{0301}").text, "␛◌\u{0301}");
    assert_eq!(sanitize("\t\u{0301}").text, "    ◌\u{0301}");
    // One inserted base carries the whole run of marks.
    assert_eq!(sanitize("\u{0301}\u{0302}").text, "◌\u{0301}\u{0302}");
}

#[test]
fn source_range_clamps_and_spans_multi_char_stand_ins() {
    let d = sanitize("\u{0301}x\t");
    assert_eq!(d.text, "◌\u{0301}x    ");
    assert_eq!(d.source_range(1, 2), 0..1);
    assert_eq!(d.source_range(2, 100), 1..3);
    assert_eq!(d.source_range(7, 7), 3..3);
    assert_eq!(d.source_range(5, 2), 1..1);
}

#[test]
fn display_range_inverts_source_range() {
    let d = sanitize("甲\t\u{1b}乙");
    assert_eq!(d.display_range(0, 4), 0..7);
    assert_eq!(d.display_range(2, 3), 5..6);
    assert_eq!(d.display_range(4, 9), 7..7);
    assert_eq!(d.display_range(3, 1), 6..6);
}
