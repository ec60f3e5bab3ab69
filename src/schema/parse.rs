//! TOML text → validated [`Schema`], with line numbers from spans.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{is_printable_key, parse_color, reserved_use, Kind, LabelDef, Schema, SchemaError};

/// The file as written; `deny_unknown_fields` turns typos into errors.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchema {
    version: Spanned<i64>,
    #[serde(default)]
    section: Vec<RawLabel>,
    #[serde(default)]
    indicator: Vec<RawLabel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabel {
    name: Spanned<String>,
    zh: Spanned<String>,
    key: Spanned<String>,
    #[serde(default)]
    color: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    not_keywords: Vec<String>,
}

/// Byte offsets → 1-based line numbers.
struct Lines<'a>(&'a str);

impl Lines<'_> {
    /// The line a span starts on.
    fn span(&self, span: Range<usize>) -> usize {
        let end = span.start.min(self.0.len());
        // Offsets from the parser are char boundaries; count bytes anyway.
        self.0.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}

/// Where an already accepted key or name was defined.
struct Seen {
    kind: Kind,
    name: String,
    zh: String,
    line: usize,
}

pub(super) fn parse(text: &str, path: &Path) -> Result<Schema, SchemaError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = Lines(text);
    let path_buf = || path.to_path_buf();

    let raw: RawSchema = toml::from_str(text).map_err(|e| {
        let span = e.span();
        let line = span.clone().map_or(1, |s| lines.span(s));
        // A span over the whole file (a missing top-level field) has no line
        // worth quoting.
        let whole_file = span.is_none_or(|s| s.start == 0 && (s.end == 0 || s.end >= text.len()));
        let source_line = if whole_file {
            None
        } else {
            text.lines().nth(line - 1)
        };
        SchemaError::Toml {
            path: path_buf(),
            line,
            message: toml_message(e.message(), source_line),
        }
    })?;

    if *raw.version.get_ref() != 1 {
        return Err(SchemaError::Version {
            path: path_buf(),
            line: lines.span(raw.version.span()),
            found: *raw.version.get_ref(),
        });
    }
    if raw.section.is_empty() {
        return Err(SchemaError::NoSections {
            path: path_buf(),
            line: 1,
        });
    }

    // Validate in file order, so a clash is reported at the later line and
    // points back at the earlier one, whatever order the tables come in.
    let mut all: Vec<(Kind, usize, RawLabel)> = Vec::new();
    all.extend(
        raw.section
            .into_iter()
            .enumerate()
            .map(|(i, l)| (Kind::Section, i, l)),
    );
    all.extend(
        raw.indicator
            .into_iter()
            .enumerate()
            .map(|(i, l)| (Kind::Indicator, i, l)),
    );
    all.sort_by_key(|(_, _, l)| l.name.span().start.min(l.key.span().start));

    let mut keys: HashMap<char, Seen> = HashMap::new();
    let mut names: HashMap<String, Seen> = HashMap::new();
    let mut labels: Vec<(Kind, usize, LabelDef)> = Vec::with_capacity(all.len());

    for (kind, index, label) in all {
        let name_line = lines.span(label.name.span());
        let zh_line = lines.span(label.zh.span());
        let key_line = lines.span(label.key.span());
        let name = label.name.into_inner();
        let zh = label.zh.into_inner();
        let key_text = label.key.into_inner();

        if name.is_empty() {
            return Err(SchemaError::EmptyName {
                path: path_buf(),
                line: name_line,
                kind,
                zh,
            });
        }
        if !is_snake_case(&name) {
            return Err(SchemaError::BadName {
                path: path_buf(),
                line: name_line,
                kind,
                name,
            });
        }
        if let Some(other) = names.get(&name) {
            return Err(SchemaError::DuplicateName {
                path: path_buf(),
                line: name_line,
                kind,
                name,
                zh,
                other_kind: other.kind,
                other_zh: other.zh.clone(),
                other_line: other.line,
            });
        }
        if zh.trim().is_empty() {
            return Err(SchemaError::EmptyZh {
                path: path_buf(),
                line: zh_line,
                kind,
                name,
            });
        }
        if zh.chars().any(char::is_control) {
            return Err(SchemaError::BadZh {
                path: path_buf(),
                line: zh_line,
                kind,
                name,
                zh,
            });
        }

        let mut chars = key_text.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => c,
            _ => {
                return Err(SchemaError::KeyLength {
                    path: path_buf(),
                    line: key_line,
                    kind,
                    name,
                    key: key_text,
                })
            }
        };
        if let Some(reserved_for) = reserved_use(key) {
            return Err(SchemaError::ReservedKey {
                path: path_buf(),
                line: key_line,
                kind,
                name,
                key,
                reserved_for,
            });
        }
        if !is_printable_key(key) {
            return Err(SchemaError::UnprintableKey {
                path: path_buf(),
                line: key_line,
                kind,
                name,
                key,
            });
        }
        if let Some(other) = keys.get(&key) {
            return Err(SchemaError::DuplicateKey {
                path: path_buf(),
                line: key_line,
                kind,
                name,
                key,
                other_kind: other.kind,
                other_name: other.name.clone(),
                other_line: other.line,
            });
        }

        let color = match label.color {
            None => None,
            Some(spanned) => {
                let line = lines.span(spanned.span());
                let text = spanned.into_inner();
                match parse_color(&text) {
                    Some(c) => Some(c),
                    None => {
                        return Err(SchemaError::BadColor {
                            path: path_buf(),
                            line,
                            kind,
                            name,
                            color: text,
                        })
                    }
                }
            }
        };

        let seen = |line| Seen {
            kind,
            name: name.clone(),
            zh: zh.clone(),
            line,
        };
        keys.insert(key, seen(key_line));
        names.insert(name.clone(), seen(name_line));
        let description = label.description.filter(|d| !d.trim().is_empty());
        let keywords = word_list(&label.keywords);
        let not_keywords = word_list(&label.not_keywords);
        labels.push((
            kind,
            index,
            LabelDef {
                name,
                zh,
                key,
                color,
                description,
                keywords,
                not_keywords,
            },
        ));
    }

    // Back to file order within each kind.
    labels.sort_by_key(|(kind, index, _)| (*kind == Kind::Indicator, *index));
    let mut schema = Schema {
        sections: Vec::new(),
        indicators: Vec::new(),
    };
    for (kind, _, label) in labels {
        match kind {
            Kind::Section => schema.sections.push(label),
            Kind::Indicator => schema.indicators.push(label),
        }
    }
    Ok(schema)
}

/// Words trimmed, without empty ones, sorted, no repeats.
fn word_list(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .map(|k| k.trim().to_owned())
        .filter(|k| !k.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `[a-z][a-z0-9_]*`
fn is_snake_case(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

/// toml's message on one line, quoting the line it points at (toml says
/// "duplicate key" without naming it).
fn toml_message(message: &str, source_line: Option<&str>) -> String {
    let mut out = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let quoted: String = source_line
        .unwrap_or("")
        .trim()
        .chars()
        .take(60)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if !quoted.is_empty() {
        out.push_str(&format!(" in `{quoted}`"));
    }
    if out.starts_with("missing field `version`") {
        out.push_str(" (the schema starts with `version = 1`)");
    }
    if out.contains("expected a sequence") && quoted.starts_with('[') && !quoted.starts_with("[[") {
        out.push_str(" (write [[section]] and [[indicator]] with double brackets)");
    }
    out
}
