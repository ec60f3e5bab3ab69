//! The label schema: `labels/schema.toml`.
//!
//! A schema lists the **section types** (single choice per paragraph) and the
//! **indicators** (multi choice) an annotator assigns, each with a snake_case
//! `name` (the value written to exports), a Chinese display name `zh`, the
//! `key` that sets it, an optional colour and an optional description for the
//! help overlay. The file format is documented at the top of
//! `labels/schema.toml`, the default schema shipped with biaozhu.
//!
//! Loading validates everything the annotation screen relies on: keys are
//! single printable characters, none is reserved for navigation
//! ([`RESERVED_KEYS`]) and none is bound twice; names are snake_case and
//! unique across both kinds. Every error names the file, the line and the
//! value at fault ([`SchemaError`]).

mod error;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;

use ratatui::style::Color;
use unicode_width::UnicodeWidthChar;

pub use error::SchemaError;

/// The default schema's text, as committed in `labels/schema.toml`.
pub const DEFAULT_SCHEMA_TOML: &str = include_str!("../../labels/schema.toml");

/// The file name of the schema inside the labels dir.
pub const SCHEMA_FILE: &str = "schema.toml";

/// Keys the annotation screen keeps for itself; a schema may not bind them.
pub const RESERVED_KEYS: &[char] = &['q', 'u', 'j', 'k', 'n', 'N', 'g', 'G', '?', '/', ' ', 's'];

/// What a reserved key does, for error messages and the help overlay; `None`
/// for a key that is not reserved.
pub fn reserved_use(key: char) -> Option<&'static str> {
    Some(match key {
        'q' => "quit",
        'u' => "undo",
        'j' => "next paragraph",
        'k' => "previous paragraph",
        'n' => "next search match",
        'N' => "previous search match",
        'g' => "first paragraph",
        'G' => "last paragraph",
        '?' => "help",
        '/' => "search",
        ' ' => "accept",
        's' => "the span mode",
        _ => return None,
    })
}

/// Whether a character can be shown and typed as a label key: it has a
/// display width (no controls, zero-width or combining characters) and is not
/// whitespace.
pub fn is_printable_key(key: char) -> bool {
    !key.is_whitespace() && matches!(key.width(), Some(w) if w > 0)
}

/// Whether a schema may bind this key: printable and not reserved.
pub fn is_bindable(key: char) -> bool {
    is_printable_key(key) && reserved_use(key).is_none()
}

/// The two kinds of label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A section type: one per paragraph.
    Section,
    /// An indicator: any number per paragraph.
    Indicator,
}

impl Kind {
    /// `"section"` or `"indicator"`: the TOML table name and the word used in
    /// messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Section => "section",
            Kind::Indicator => "indicator",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One label: a section type or an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelDef {
    /// snake_case ascii, the value in exports.
    pub name: String,
    /// The Chinese display name.
    pub zh: String,
    /// The key that sets (section) or toggles (indicator) this label.
    pub key: char,
    pub color: Option<Color>,
    /// Shown in the help overlay.
    pub description: Option<String>,
    /// Words that point at this label in the text (`keywords = [...]`;
    /// trimmed, sorted, no repeats, no empty ones): the span suggestions'
    /// vocabulary, and the label suggestions' patterns. Empty when the file
    /// gives none.
    pub keywords: Vec<String>,
    /// Words that look like a keyword but do not point at this label
    /// (`not_keywords = [...]`, e.g. `建档立卡` for health records: poverty
    /// alleviation); trimmed, sorted, no repeats. Matched like keywords, a
    /// longer one wins where both start.
    pub not_keywords: Vec<String>,
}

impl LabelDef {
    /// The words that point at (first) and away from (second) this label:
    /// its own, or, when it gives neither `keywords` nor `not_keywords`,
    /// those of the label of the same kind and name in `defaults` (the
    /// schema shipped with biaozhu), if any.
    pub fn vocabulary<'a>(
        &'a self,
        kind: Kind,
        defaults: &'a Schema,
    ) -> (&'a [String], &'a [String]) {
        if !self.keywords.is_empty() || !self.not_keywords.is_empty() {
            return (&self.keywords, &self.not_keywords);
        }
        defaults
            .labels(kind)
            .iter()
            .find(|d| d.name == self.name)
            .map_or((&[], &[]), |d| (&d.keywords[..], &d.not_keywords[..]))
    }
}

/// The validated label schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// Section types, in file order (never empty in a loaded schema).
    pub sections: Vec<LabelDef>,
    /// Indicators, in file order.
    pub indicators: Vec<LabelDef>,
}

impl Schema {
    /// Parses and validates schema text; `path` is used only in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Schema, SchemaError> {
        parse::parse(text, path)
    }

    /// Reads and validates the schema file at `path`.
    pub fn load(path: &Path) -> Result<Schema, SchemaError> {
        let text = std::fs::read_to_string(path).map_err(|error| SchemaError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        Schema::parse(&text, path)
    }

    /// The schema shipped with biaozhu (`labels/schema.toml`).
    pub fn default_schema() -> Schema {
        Schema::parse(DEFAULT_SCHEMA_TOML, Path::new("labels/schema.toml"))
            .expect("the built-in labels/schema.toml is valid (tested)")
    }

    /// Which label a key sets: its kind and index into `sections` or
    /// `indicators`.
    pub fn binding(&self, key: char) -> Option<(Kind, usize)> {
        let find = |labels: &[LabelDef]| labels.iter().position(|l| l.key == key);
        find(&self.sections)
            .map(|i| (Kind::Section, i))
            .or_else(|| find(&self.indicators).map(|i| (Kind::Indicator, i)))
    }

    /// The section type with this name.
    pub fn section(&self, name: &str) -> Option<&LabelDef> {
        self.sections.iter().find(|l| l.name == name)
    }

    /// The indicator with this name.
    pub fn indicator(&self, name: &str) -> Option<&LabelDef> {
        self.indicators.iter().find(|l| l.name == name)
    }

    /// The labels of one kind.
    pub fn labels(&self, kind: Kind) -> &[LabelDef] {
        match kind {
            Kind::Section => &self.sections,
            Kind::Indicator => &self.indicators,
        }
    }
}

/// Parses a colour as the schema accepts it: a ratatui colour name
/// (`"green"`, `"lightred"`, `"darkgray"`, …), `"#rrggbb"`, or an xterm
/// palette index `"0"`..`"255"`.
pub fn parse_color(s: &str) -> Option<Color> {
    s.trim().parse().ok()
}
