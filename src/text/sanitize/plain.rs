//! Untrusted text for messages and plain output: [`sanitize`]d on one line,
//! cut to a length, quoted.

use super::sanitize;

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
