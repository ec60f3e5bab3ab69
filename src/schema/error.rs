//! Schema errors: every message reads `<file>:<line>: <what>`, quoting the
//! bad value and, for a clash, both labels and both lines.

use std::fmt;
use std::path::PathBuf;

use super::Kind;
use crate::text::sanitize::{plain_path, plain_upto, quoted};

/// Why a schema could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("{file}: cannot read the label schema: {error}", file = plain_path(.path))]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },

    /// TOML syntax, a wrong type, a missing or unknown field.
    #[error("{file}:{line}: {msg}", file = plain_path(.path), msg = plain_upto(.message, 500))]
    Toml {
        path: PathBuf,
        line: usize,
        message: String,
    },

    #[error("{file}:{line}: unsupported schema version {found} (this biaozhu reads version 1)", file = plain_path(.path))]
    Version {
        path: PathBuf,
        line: usize,
        found: i64,
    },

    #[error("{file}:{line}: no [[section]] in the schema (at least one section type is needed)", file = plain_path(.path))]
    NoSections { path: PathBuf, line: usize },

    #[error("{file}:{line}: {kind} with zh {q_zh} has an empty name (names are snake_case, e.g. \"funds\")", file = plain_path(.path), q_zh = quoted(.zh))]
    EmptyName {
        path: PathBuf,
        line: usize,
        kind: Kind,
        zh: String,
    },

    #[error("{file}:{line}: {kind} name {q_name} is not snake_case ascii (a lowercase letter, then lowercase letters, digits or _)", file = plain_path(.path), q_name = quoted(.name))]
    BadName {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
    },

    #[error("{file}:{line}: {kind} {q_name} has an empty zh (its Chinese display name)", file = plain_path(.path), q_name = quoted(.name))]
    EmptyZh {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
    },

    #[error("{file}:{line}: zh {q_zh} of {kind} {q_name} contains a control character (zh is one line)", file = plain_path(.path), q_name = quoted(.name), q_zh = quoted(.zh))]
    BadZh {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        zh: String,
    },

    #[error("{file}:{line}: key {q_key} of {kind} {q_name} must be exactly one character", file = plain_path(.path), q_name = quoted(.name), q_key = format!("{:?}", plain_upto(.key, 20)))]
    KeyLength {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        key: String,
    },

    #[error("{file}:{line}: key {} of {kind} {q_name} is not a printable character (no whitespace, control or zero-width characters)", QuoteKey(*.key), file = plain_path(.path), q_name = quoted(.name))]
    UnprintableKey {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        key: char,
    },

    #[error("{file}:{line}: {kind} {q_name} binds reserved key {} (reserved for {reserved_for})", QuoteKey(*.key), file = plain_path(.path), q_name = quoted(.name))]
    ReservedKey {
        path: PathBuf,
        line: usize,
        kind: Kind,
        name: String,
        key: char,
        reserved_for: &'static str,
    },

    #[error("{file}:{line}: key {} of {kind} {q_name} is already bound to {other_kind} {q_other_name} at line {other_line}", QuoteKey(*.key), file = plain_path(.path), q_name = quoted(.name), q_other_name = quoted(.other_name))]
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

    #[error("{file}:{line}: name {q_name} of {kind} {q_zh} is already used by {other_kind} {q_other_zh} at line {other_line}", file = plain_path(.path), q_name = quoted(.name), q_zh = quoted(.zh), q_other_zh = quoted(.other_zh))]
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

    #[error("{file}:{line}: color {q_color} of {kind} {q_name} is not a colour (black red green yellow blue magenta cyan gray darkgray lightred lightgreen lightyellow lightblue lightmagenta lightcyan white, \"#rrggbb\" or 0-255)", file = plain_path(.path), q_name = quoted(.name), q_color = quoted(.color))]
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
