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

mod classify;
mod display;
mod plain;

pub use display::Display;
pub use plain::{plain, plain_path, plain_upto, quoted, PLAIN_MAX};

use classify::{classify, Shown};

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

#[cfg(test)]
mod tests;
