//! Make untrusted text safe and visible on a terminal (DESIGN.md §3).
//!
//! [`sanitize`] turns a source string into the display string the TUI draws,
//! plus a map from every display character back to the source character that
//! produced it, so spans selected on screen stay exact in source offsets.
//! It never drops a character: every source character yields at least one
//! display character.
//!
//! | source | shown as |
//! | --- | --- |
//! | C0 controls U+0000–U+001F (`\n`, `\r`, ESC, …), except TAB | Control Pictures U+2400 + code: `␀` … `␊` … `␛` … `␟` (ESC → `␛`); `\n` → `␤` U+2424 SYMBOL FOR NEWLINE |
//! | TAB | [`TAB_SPACES`] spaces, each mapped to the tab |
//! | DEL U+007F | `␡` U+2421 |
//! | C1 controls U+0080–U+009F | [`C1_STAND_IN`] `␦` U+2426 SYMBOL FOR SUBSTITUTE FORM TWO |
//! | bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) | [`BIDI_STAND_IN`] `⇄` U+21C4 |
//! | BOM / ZERO WIDTH NO-BREAK SPACE U+FEFF | [`BOM_STAND_IN`] `⍽` U+237D |
//! | invisible format characters: U+00AD soft hyphen, U+180E, U+200B–U+200D (ZWSP, ZWNJ, ZWJ), U+2060–U+2065, U+206A–U+206F, U+1BCA0–U+1BCA3, U+1D173–U+1D17A, tags U+E0000–U+E007F | [`INVISIBLE_STAND_IN`] `‸` U+2038 CARET |
//! | a zero-width mark with no base (at the start, or after whitespace or a stand-in) | `◌` U+25CC inserted before it, mapped to the mark |
//! | everything else (Chinese, full-width punctuation, `𠀀`, emoji, `ｶﾞ`, …) | itself |
//!
//! Every stand-in is one column wide and East-Asian-width *neutral*, so it is
//! narrow in CJK terminals too. ZWJ is shown, so emoji ZWJ sequences (`👨‍👩‍👧`)
//! appear as their parts joined by `‸` — honest about the code points, and
//! their width then matches what ratatui draws. "Zero-width mark" means zero
//! columns per unicode-width (combining marks, variation selectors, Hangul
//! medial/final jamo, other default-ignorables); the half-width sound marks
//! `ﾞﾟ` are one column and pass unchanged.

use super::width::attaches_to_previous;
use std::ops::Range;

/// How many spaces a TAB expands to (a fixed count, not tab stops).
pub const TAB_SPACES: usize = 4;
/// Shown for `\n` (paragraphs normally have none).
pub const NEWLINE_STAND_IN: char = '\u{2424}';
/// Shown for DEL U+007F.
pub const DEL_STAND_IN: char = '\u{2421}';
/// Shown for every C1 control U+0080–U+009F (there are no Control Pictures
/// for them; this one reads as "something was substituted here").
pub const C1_STAND_IN: char = '\u{2426}';
/// Shown for bidirectional formatting controls, which could reorder text.
pub const BIDI_STAND_IN: char = '\u{21C4}';
/// Shown for a stray byte order mark U+FEFF.
pub const BOM_STAND_IN: char = '\u{237D}';
/// Shown for invisible format characters that could hide text.
pub const INVISIBLE_STAND_IN: char = '\u{2038}';
/// Base inserted before a combining mark that has none.
pub const DOTTED_CIRCLE: char = '\u{25CC}';

/// Sanitized text ready for the terminal, with a map back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Display {
    /// The text to draw: no control, bidi or invisible format characters.
    pub text: String,
    /// `map[i]` is the source index (in code points) of the character that
    /// produced display character `i`; `map.len()` equals the display
    /// character count and the map never decreases.
    pub map: Vec<usize>,
}

impl Display {
    /// The source code-point range behind display characters
    /// `display_start..display_end` (end exclusive). A range that covers part
    /// of a character's stand-in (one space of an expanded tab, the `◌` of an
    /// inserted base) covers the whole source character. Indices past the end
    /// are clamped; an empty range maps to an empty range at the source
    /// position of `display_start`.
    pub fn source_range(&self, display_start: usize, display_end: usize) -> Range<usize> {
        let end = display_end.min(self.map.len());
        let start = display_start.min(end);
        if start == end {
            let at = self.source_at(start);
            return at..at;
        }
        let last = self.map.get(end - 1).map_or(0, |&s| s + 1);
        self.source_at(start)..last
    }

    /// The display character range showing source code points
    /// `source_start..source_end`: the inverse of [`Display::source_range`].
    /// Indices past the end are clamped.
    pub fn display_range(&self, source_start: usize, source_end: usize) -> Range<usize> {
        let source_end = source_end.max(source_start);
        let start = self.map.partition_point(|&s| s < source_start);
        let end = self.map.partition_point(|&s| s < source_end);
        start..end
    }

    /// Source code-point index where display character `i` begins; the
    /// source length when `i` is the display length.
    fn source_at(&self, i: usize) -> usize {
        match self.map.get(i) {
            Some(&s) => s,
            None => self.map.last().map_or(0, |&s| s + 1),
        }
    }
}

/// How one source character is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Expands to [`TAB_SPACES`] spaces.
    Tab,
    /// Replaced by this visible character.
    StandIn(char),
    /// A zero-width mark: drawn on the previous character, or on `◌`.
    Mark,
    /// Shown as itself.
    Plain,
}

/// Decide how `c` is shown.
fn classify(c: char) -> Shown {
    match c {
        '\t' => Shown::Tab,
        '\n' => Shown::StandIn(NEWLINE_STAND_IN),
        '\0'..='\u{1f}' => Shown::StandIn(control_picture(c)),
        '\u{7f}' => Shown::StandIn(DEL_STAND_IN),
        '\u{80}'..='\u{9f}' => Shown::StandIn(C1_STAND_IN),
        '\u{feff}' => Shown::StandIn(BOM_STAND_IN),
        _ if is_bidi_control(c) => Shown::StandIn(BIDI_STAND_IN),
        _ if is_invisible_format(c) => Shown::StandIn(INVISIBLE_STAND_IN),
        _ if attaches_to_previous(c) => Shown::Mark,
        _ => Shown::Plain,
    }
}

/// The Control Pictures symbol for a C0 control (`\u{1b}` → `␛`).
fn control_picture(c: char) -> char {
    char::from_u32(0x2400 + u32::from(c)).unwrap_or(C1_STAND_IN)
}

/// Bidirectional formatting characters (UAX #9 explicit formatting and
/// implicit marks).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Format characters that draw nothing and so could hide text or split words
/// invisibly (bidi controls and BOM are handled separately).
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206a}'..='\u{206f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Accumulates the display text and its map.
struct Builder {
    out: Display,
    /// Whether the last display character can carry a combining mark.
    has_base: bool,
}

impl Builder {
    fn with_capacity(bytes: usize, chars: usize) -> Self {
        let out = Display {
            text: String::with_capacity(bytes),
            map: Vec::with_capacity(chars),
        };
        Builder {
            out,
            has_base: false,
        }
    }

    fn push(&mut self, c: char, source: usize) {
        self.out.text.push(c);
        self.out.map.push(source);
    }

    fn show(&mut self, c: char, source: usize) {
        match classify(c) {
            Shown::Tab => {
                for _ in 0..TAB_SPACES {
                    self.push(' ', source);
                }
                self.has_base = false;
            }
            Shown::StandIn(stand_in) => {
                self.push(stand_in, source);
                self.has_base = false;
            }
            Shown::Mark => {
                if !self.has_base {
                    self.push(DOTTED_CIRCLE, source);
                    self.has_base = true;
                }
                self.push(c, source);
            }
            Shown::Plain => {
                self.push(c, source);
                self.has_base = !c.is_whitespace();
            }
        }
    }
}

/// Make `source` safe to draw: replace controls, bidi and invisible format
/// characters with visible stand-ins, expand tabs, give lone combining marks a
/// `◌` base (see the module table). Text without such characters comes back
/// unchanged, with `map[i] == i`.
///
/// ```
/// use biaozhu::text::sanitize;
/// let d = sanitize("a\u{1b}[31m\t中");
/// assert_eq!(d.text, "a␛[31m    中");
/// assert_eq!(d.source_range(6, 8), 6..7); // two spaces of the tab
/// ```
pub fn sanitize(source: &str) -> Display {
    let chars = source.chars().count();
    let mut builder = Builder::with_capacity(source.len() + 8, chars + 4);
    for (i, c) in source.chars().enumerate() {
        builder.show(c, i);
    }
    builder.out
}

/// Longest untrusted value [`plain`] shows, in characters.
pub const PLAIN_MAX: usize = 200;

/// Untrusted text (a name, a path, a note) for a message or plain output:
/// [`sanitize`]d, and cut to [`PLAIN_MAX`] characters with `…`.
pub fn plain(source: &str) -> String {
    plain_upto(source, PLAIN_MAX)
}

/// [`plain`] between double quotes, for a value inside a message
/// (`name "a␛b"`).
pub fn quoted(source: &str) -> String {
    format!("\"{}\"", plain(source))
}

/// [`plain`] of a path (not UTF-8: lossily).
pub fn plain_path(path: &std::path::Path) -> String {
    plain(&path.to_string_lossy())
}

/// [`plain`] with another limit: [`sanitize`]d and cut to `max`
/// characters with `…`.
pub fn plain_upto(source: &str, max: usize) -> String {
    cut(sanitize(source).text, max)
}

fn cut(shown: String, max: usize) -> String {
    match shown.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &shown[..at]),
        None => shown,
    }
}

#[cfg(test)]
mod tests;
