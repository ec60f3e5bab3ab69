//! Property tests for `biaozhu::text` (DESIGN.md §5.3): sanitize and wrap
//! never panic and never lose a character, rows respect the width and the
//! UAX #14 break rules, and ratatui never draws sanitized text wider than
//! `str_width` says.

use biaozhu::text::wrap::{never_ends_row, never_starts_row};
use biaozhu::text::{char_width, row_slices, sanitize, str_width, wrap, Row};
use proptest::prelude::*;
use proptest::sample::select;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Tokens of report-like text whose widths ratatui and `str_width` agree on.
const CHINESE: &[&str] = &[
    "卫",
    "生",
    "健",
    "康",
    "国",
    "家",
    "医",
    "疗",
    "服",
    "务",
    "覆",
    "盖",
    "率",
    "年",
    "人",
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    "（",
    "）",
    "「",
    "」",
    "『",
    "』",
    "《",
    "》",
    "【",
    "】",
    "％",
    "　",
    "　　",
    "12.5%",
    "——",
    "2023",
    "年",
    "“",
    "”",
    "…",
    "①",
    "×",
    "𠀀",
    "😀",
    "ｶﾞ",
    "ﾊﾟ",
    "ﾞ",
    " ",
    "a",
    "GDP",
    "-",
    "/",
    ".",
    "%",
    "\t",
    "\u{1b}",
    "\u{1b}[31m",
    "\u{202e}",
    "\u{feff}",
    "\u{0301}",
    "\u{200b}",
    "\u{200d}",
    "\u{85}",
    "\u{7f}",
    "\r",
    "e\u{0301}",
    "\u{3000}\u{0301}",
];

/// Tokens where the two widths may differ (emoji sequences, hard breaks).
const SPICY: &[&str] = &[
    "\n",
    "\u{2028}",
    "\u{2764}\u{fe0f}",
    "\u{26a0}\u{fe0f}",
    "1\u{fe0f}\u{20e3}",
    "👍🏽",
    "🏽",
    "\u{fe0f}",
    "\u{fe0e}",
    "⌚\u{fe0e}",
    "🇨🇳",
    "👨\u{200d}👩",
    "\u{e0041}",
    "\u{1161}",
    "\u{0600}",
    "لا",
    "\u{00ad}",
];

/// Characters that never start a row (DESIGN.md's list; wrap's is longer).
const NO_START: &str = "，。、；：？！）」』》】％";
/// Characters that never end a row.
const NO_END: &str = "（「『《【";

fn from_tokens(tokens: &'static [&'static str], max: usize) -> BoxedStrategy<String> {
    proptest::collection::vec(select(tokens), 0..max)
        .prop_map(|parts| parts.concat())
        .boxed()
}

/// Arbitrary strings: any chars, Chinese-heavy text, and a spicy mix.
fn any_text() -> impl Strategy<Value = String> {
    let spicy: Vec<&'static str> = CHINESE.iter().chain(SPICY).copied().collect();
    let spicy: &'static [&'static str] = Box::leak(spicy.into_boxed_slice());
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..80).prop_map(String::from_iter),
        from_tokens(CHINESE, 300),
        from_tokens(spicy, 150),
    ]
}

/// Char indices of the break opportunities wrap uses: UAX #14's, less the
/// non-mandatory ones next to `never_starts_row` / `never_ends_row` chars.
fn opportunities(text: &str) -> Vec<(usize, BreakOpportunity)> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut bytes = text.char_indices().map(|(b, _)| b).peekable();
    linebreaks(text)
        .map(|(byte, kind)| {
            while bytes.next_if(|&b| b < byte).is_some() {
                at += 1;
            }
            (at, kind)
        })
        .filter(|&(at, kind): &(usize, BreakOpportunity)| {
            let before = at.checked_sub(1).and_then(|i| chars.get(i));
            let after = chars.get(at);
            kind == BreakOpportunity::Mandatory
                || !(before.is_some_and(|&c| never_ends_row(c))
                    || after.is_some_and(|&c| never_starts_row(c)))
        })
        .collect()
}

/// Whether the row boundary at char `at` is a break inside a unit (the text
/// between two opportunities) wider than `width`: a forced break.
fn is_forced_break(
    chars: &[char],
    ops: &[(usize, BreakOpportunity)],
    at: usize,
    width: usize,
) -> bool {
    let from = ops
        .iter()
        .map(|o| o.0)
        .filter(|&o| o < at)
        .max()
        .unwrap_or(0);
    let to = ops
        .iter()
        .map(|o| o.0)
        .find(|&o| o > at)
        .unwrap_or(chars.len());
    let unit_width: usize = chars[from..to].iter().map(|&c| char_width(c)).sum();
    unit_width > width.max(1)
}

/// The columns ratatui's buffer uses to draw `s`.
fn ratatui_width(s: &str, room: usize) -> usize {
    let room = u16::try_from(room + 8).unwrap_or(u16::MAX);
    let mut buffer = Buffer::empty(Rect::new(0, 0, room, 1));
    let (x, _) = buffer.set_stringn(0, 0, s, usize::MAX, Style::default());
    usize::from(x)
}

/// Rows cover `text` exactly, in order, and concatenate back to it.
fn check_cover(text: &str, rows: &[Row]) -> Result<(), TestCaseError> {
    let mut at = 0;
    for row in rows {
        prop_assert_eq!(row.start, at);
        prop_assert!(row.end > row.start, "empty row {:?}", row);
        at = row.end;
    }
    prop_assert_eq!(at, text.chars().count());
    prop_assert_eq!(row_slices(text, rows).collect::<String>(), text);
    Ok(())
}

/// Each row's width is right and within bounds (bar one over-wide char).
fn check_widths(text: &str, rows: &[Row], width: usize) -> Result<(), TestCaseError> {
    for (row, part) in rows.iter().zip(row_slices(text, rows)) {
        prop_assert_eq!(row.width, str_width(part));
        let visible = part.chars().filter(|&c| char_width(c) > 0).count();
        prop_assert!(
            row.width <= width.max(1) || visible == 1,
            "row {:?} = {:?} wider than {}",
            row,
            part,
            width
        );
    }
    Ok(())
}

/// Every row boundary is a UAX #14 opportunity or a forced break inside an
/// over-wide unit; forbidden line starts/ends happen only at forced breaks.
fn check_breaks(text: &str, rows: &[Row], width: usize) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let ops = opportunities(text);
    for row in rows.iter().skip(1) {
        let at = row.start;
        let allowed = ops.iter().any(|&(o, _)| o == at);
        let forced = is_forced_break(&chars, &ops, at, width);
        prop_assert!(allowed || forced, "break at {} in {:?}", at, text);
        let (before, after) = (chars[at - 1], chars[at]);
        let bad = NO_START.contains(after) || NO_END.contains(before);
        let hard = ops.contains(&(at, BreakOpportunity::Mandatory));
        prop_assert!(
            !bad || forced || hard,
            "{:?} | {:?} in {:?}",
            before,
            after,
            text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn sanitize_keeps_a_complete_monotonic_map(text in any_text()) {
        let shown = sanitize(&text);
        let n = text.chars().count();
        prop_assert_eq!(shown.map.len(), shown.text.chars().count());
        prop_assert!(shown.map.windows(2).all(|w| w[0] <= w[1]));
        let mut seen = shown.map.clone();
        seen.dedup();
        prop_assert_eq!(seen, (0..n).collect::<Vec<_>>());
        prop_assert_eq!(shown.source_range(0, usize::MAX), 0..n);
        for s in 0..n {
            let d = shown.display_range(s, s + 1);
            prop_assert!(!d.is_empty());
            prop_assert_eq!(shown.source_range(d.start, d.end), s..s + 1);
        }
    }

    #[test]
    fn sanitized_text_is_safe_to_draw(text in any_text()) {
        let shown = sanitize(&text);
        let mut prev: Option<char> = None;
        for c in shown.text.chars() {
            prop_assert!(!c.is_control(), "control {:?}", c);
            prop_assert!(!matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{200b}'..='\u{200f}' | '\u{061c}' | '\u{2060}' | '\u{feff}'), "{:?}", c);
            if char_width(c) == 0 {
                prop_assert!(prev.is_some_and(|p| !p.is_whitespace()), "{:?} has no base", c);
            }
            prev = Some(c);
        }
    }

    #[test]
    fn wrap_covers_bounds_and_breaks_well(text in any_text(), width in 0usize..300) {
        let rows = wrap(&text, width);
        check_cover(&text, &rows)?;
        check_widths(&text, &rows, width)?;
        check_breaks(&text, &rows, width)?;
    }

    #[test]
    fn wrap_of_sanitized_text_draws_within_width(text in any_text(), width in 0usize..300) {
        let shown = sanitize(&text).text;
        let rows = wrap(&shown, width);
        check_cover(&shown, &rows)?;
        check_widths(&shown, &rows, width)?;
        check_breaks(&shown, &rows, width)?;
        for (row, part) in rows.iter().zip(row_slices(&shown, &rows)) {
            prop_assert!(ratatui_width(part, row.width) <= row.width, "{:?}", part);
        }
    }

    #[test]
    fn ratatui_agrees_on_report_text(text in from_tokens(CHINESE, 200)) {
        let shown = sanitize(&text).text;
        let ours = str_width(&shown);
        prop_assert_eq!(ratatui_width(&shown, ours), ours, "{:?}", shown);
    }
}
