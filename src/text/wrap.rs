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
mod tests;
