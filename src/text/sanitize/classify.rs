//! How each source character is shown: itself, a stand-in, spaces for a
//! tab, or a mark drawn on the character before it.

use super::{
    BIDI_STAND_IN, BOM_STAND_IN, C1_STAND_IN, DEL_STAND_IN, INVISIBLE_STAND_IN, NEWLINE_STAND_IN,
};
use crate::text::width::attaches_to_previous;

/// How one source character is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
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
pub(super) fn classify(c: char) -> Shown {
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
