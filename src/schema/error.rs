//! Schema errors: every message reads `<file>:<line>: <what>`, quoting the
//! bad value and, for a clash, both labels and both lines.

use std::fmt;
use std::path::PathBuf;

use super::Kind;

/// Why a schema could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("{}: cannot read the label schema: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },

    /// TOML syntax, a wrong type, a missing or unknown field.
    #[error("{}:{line}: {message}", .path.display())]
    Toml {
        path: PathBuf,
        line: usize,
        message: String,
    },

    #[error("{}:{line}: unsupported schema version {found} (this biaozhu reads version 1)", .path.display())]
    Version {
        path: PathBuf,
        line: usize,
        found: i64,
    },

    #[error("{}:{line}: no [[section]] in the schema (at least one section type is needed)", .path.display())]
    NoSections { path: PathBuf, line: usize },

    #[error("{}:{line}: {kind} with zh {zh:?} has an empty name (names are snake_case, e.g. \"funds\")", .path.display())]
    EmptyName {
        path: PathBuf,
        line: usize,
        kind: Kind,
        zh: String,
    },

    #[error("{}:{line}: {kind} name {name:?} is not snake_case ascii (a lowercase letter, then lowercase letters, digits or _)", .path.display())]
    BadName {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
    },

    #[error("{}:{line}: {kind} {name:?} has an empty zh (its Chinese display name)", .path.display())]
    EmptyZh {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
    },

    #[error("{}:{line}: zh {zh:?} of {kind} {name:?} contains a control character (zh is one line)", .path.display())]
    BadZh {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        zh: String,
    },

    #[error("{}:{line}: key {key:?} of {kind} {name:?} must be exactly one character", .path.display())]
    KeyLength {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        key: String,
    },

    #[error("{}:{line}: key {} of {kind} {name:?} is not a printable character (no whitespace, control or zero-width characters)", .path.display(), QuoteKey(*.key))]
    UnprintableKey {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        key: char,
    },

    #[error("{}:{line}: {kind} {name:?} binds reserved key {} (reserved for {reserved_for})", .path.display(), QuoteKey(*.key))]
    ReservedKey {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        key: char,
        reserved_for: &'static str,
    },

    #[error("{}:{line}: key {} of {kind} {name:?} is already bound to {other_kind} {other_name:?} at line {other_line}", .path.display(), QuoteKey(*.key))]
    DuplicateKey {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        key: char,
        other_kind: Kind,
        other_name: String,
        other_line: usize,
    },

    #[error("{}:{line}: name {name:?} of {kind} {zh:?} is already used by {other_kind} {other_zh:?} at line {other_line}", .path.display())]
    DuplicateName {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        zh: String,
        other_kind: Kind,
        other_zh: String,
        other_line: usize,
    },

    #[error("{}:{line}: color {color:?} of {kind} {name:?} is not a colour (black red green yellow blue magenta cyan gray darkgray lightred lightgreen lightyellow lightblue lightmagenta lightcyan white, \"#rrggbb\" or 0-255)", .path.display())]
    BadColor {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        color: String,
    },
}

impl SchemaError {
    /// The 1-based line the error points at, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            SchemaError::Read { .. } => None,
            SchemaError::Toml { line, .. }
            | SchemaError::NoSections { line, .. }
            | SchemaError::Version { line, .. }
            | SchemaError::EmptyName { line, .. }
            | SchemaError::BadName { line, .. }
            | SchemaError::EmptyZh { line, .. }
            | SchemaError::BadZh { line, .. }
            | SchemaError::KeyLength { line, .. }
            | SchemaError::UnprintableKey { line, .. }
            | SchemaError::ReservedKey { line, .. }
            | SchemaError::DuplicateKey { line, .. }
            | SchemaError::DuplicateName { line, .. }
            | SchemaError::BadColor { line, .. } => Some(*line),
        }
    }
}

/// A key as messages show it: `"a"`, `" "`, or `U+200B` for a character that
/// would not show.
struct QuoteKey(char);

impl fmt::Display for QuoteKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == ' ' || super::is_printable_key(self.0) {
            write!(f, "\"{}\"", self.0.escape_debug())
        } else {
            write!(f, "U+{:04X}", u32::from(self.0))
        }
    }
}
