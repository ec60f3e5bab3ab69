//! Chinese text on a terminal: sanitize, width, wrap (DESIGN.md §3); and
//! the normalized view keyword matching reads (`fold`, `keywords`).
//!
//! The display pipeline for a paragraph is
//! `sanitize(source)` → `wrap(&display.text, width)` → draw each row
//! (`row_slices`) as a ratatui `Line`, with `Paragraph` *not* wrapping.
//! Row indices are display characters; `Display::source_range` turns them
//! into source code-point offsets (the offsets stored in labels), and
//! `Display::display_range` goes the other way for highlighting spans.

pub mod count;
pub mod fit;
pub mod fold;
pub mod keywords;
pub mod sanitize;
pub mod width;
pub mod wrap;

pub use fit::{fit, fit_left, pad};
pub use sanitize::{sanitize, Display};
pub use width::{char_width, str_width};
pub use wrap::{row_slices, wrap, Row};
