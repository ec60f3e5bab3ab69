//! One journal line: its bytes and how they are read back.
//!
//! Every line is a JSON object ending in a checksum field, `"x"`: the
//! xxh3-64 of the line's bytes before `,"x":"`, as 16 hex digits. A line
//! whose checksum does not match is damaged. Three kinds:
//!
//! - header, the first line: `{"journal":1,"store":"alice","x":"…"}`;
//! - write: `{"c":12,"t":"l","k":"<key hex>","v":<value>,"x":"…"}` — tree
//!   `l` (labels), `h` (history) or `o` (orphans), the key in hex, the value
//!   as the JSON sled holds (`null`: removed). A value that is not UTF-8 or
//!   holds a line break (never written by biaozhu) goes as hex in `"h"`;
//! - commit: `{"c":12,"n":3,"x":"…"}` — commit 12 is complete with the 3
//!   writes before it. Writes of a commit with no commit line were never
//!   shown saved and are not applied.

use std::borrow::Cow;
use xxhash_rust::xxh3::xxh3_64;

/// The journal format this build writes and reads.
pub const VERSION: u64 = 1;

/// `,"x":"` + 16 hex digits + `"}`: how every line ends.
const SUFFIX_LEN: usize = 24;

/// The sled tree a write goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    Labels,
    History,
    Orphans,
}

impl Tree {
    fn letter(self) -> u8 {
        match self {
            Tree::Labels => b'l',
            Tree::History => b'h',
            Tree::Orphans => b'o',
        }
    }

    fn of_letter(letter: u8) -> Option<Tree> {
        match letter {
            b'l' => Some(Tree::Labels),
            b'h' => Some(Tree::History),
            b'o' => Some(Tree::Orphans),
            _ => None,
        }
    }
}

/// A journal line, read.
#[derive(Debug, PartialEq)]
pub enum Line<'a> {
    Header {
        version: u64,
        store: String,
    },
    Write {
        commit: u64,
        tree: Tree,
        key: Vec<u8>,
        /// None: the key was removed.
        value: Option<Cow<'a, [u8]>>,
    },
    Commit {
        commit: u64,
        writes: u64,
    },
}

/// Append the header line for store `store`.
pub fn header(out: &mut Vec<u8>, store: &str) {
    let start = out.len();
    out.extend_from_slice(b"{\"journal\":");
    out.extend_from_slice(VERSION.to_string().as_bytes());
    out.extend_from_slice(b",\"store\":");
    serde_json::to_writer(&mut *out, store).expect("a string serializes");
    seal(out, start);
}

/// Append a write line of commit `commit`.
pub fn write(out: &mut Vec<u8>, commit: u64, tree: Tree, key: &[u8], value: Option<&[u8]>) {
    let start = out.len();
    out.extend_from_slice(b"{\"c\":");
    out.extend_from_slice(commit.to_string().as_bytes());
    out.extend_from_slice(b",\"t\":\"");
    out.push(tree.letter());
    out.extend_from_slice(b"\",\"k\":\"");
    push_hex(out, key);
    match value {
        None => out.extend_from_slice(b"\",\"v\":null"),
        Some(v) if plain(v) => {
            out.extend_from_slice(b"\",\"v\":");
            out.extend_from_slice(v);
        }
        Some(v) => {
            out.extend_from_slice(b"\",\"h\":\"");
            push_hex(out, v);
            out.push(b'"');
        }
    }
    seal(out, start);
}

/// Append the commit line of commit `commit`, which had `writes` writes.
pub fn commit(out: &mut Vec<u8>, commit: u64, writes: u64) {
    let start = out.len();
    out.extend_from_slice(b"{\"c\":");
    out.extend_from_slice(commit.to_string().as_bytes());
    out.extend_from_slice(b",\"n\":");
    out.extend_from_slice(writes.to_string().as_bytes());
    seal(out, start);
}

/// Whether a value can stand in a line as it is: UTF-8 without line
/// breaks (biaozhu's values are compact JSON, so always).
fn plain(value: &[u8]) -> bool {
    !value.is_empty()
        && memchr::memchr2(b'\n', b'\r', value).is_none()
        && std::str::from_utf8(value).is_ok()
}

/// End the line begun at `start` with its checksum and a newline.
fn seal(out: &mut Vec<u8>, start: usize) {
    let sum = xxh3_64(&out[start..]);
    out.extend_from_slice(b",\"x\":\"");
    out.extend_from_slice(format!("{sum:016x}").as_bytes());
    out.extend_from_slice(b"\"}\n");
}

fn push_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
}

fn parse_hex(text: &[u8]) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    text.chunks_exact(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

/// Why a line could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum LineError {
    /// The checksum does not match: the line was damaged.
    Checksum,
    /// Not a line this build writes.
    Shape(&'static str),
    /// A journal of a format this build does not know.
    Version(u64),
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::Checksum => f.write_str("its checksum does not match (damaged)"),
            LineError::Shape(what) => write!(f, "not a journal line ({what})"),
            LineError::Version(v) => write!(
                f,
                "journal format {v}; this biaozhu reads format {VERSION}: use a newer biaozhu"
            ),
        }
    }
}

/// Read one line (without its newline).
pub fn decode(line: &[u8]) -> Result<Line<'_>, LineError> {
    let body = check(line)?;
    if let Some(rest) = body.strip_prefix(b"{\"journal\":") {
        return decode_header(rest);
    }
    let rest = body
        .strip_prefix(b"{\"c\":")
        .ok_or(LineError::Shape("no commit number"))?;
    let (commit, rest) = number(rest)?;
    if let Some(rest) = rest.strip_prefix(b",\"n\":") {
        let (writes, rest) = number(rest)?;
        if !rest.is_empty() {
            return Err(LineError::Shape("text after the write count"));
        }
        return Ok(Line::Commit { commit, writes });
    }
    let rest = rest
        .strip_prefix(b",\"t\":\"")
        .ok_or(LineError::Shape("no tree"))?;
    let (&letter, rest) = rest.split_first().ok_or(LineError::Shape("no tree"))?;
    let tree = Tree::of_letter(letter).ok_or(LineError::Shape("unknown tree"))?;
    let rest = rest
        .strip_prefix(b"\",\"k\":\"")
        .ok_or(LineError::Shape("no key"))?;
    let end = memchr::memchr(b'"', rest).ok_or(LineError::Shape("no key"))?;
    let key = parse_hex(&rest[..end]).ok_or(LineError::Shape("key is not hex"))?;
    let rest = &rest[end..];
    let value = if let Some(v) = rest.strip_prefix(b"\",\"v\":") {
        (v != b"null").then_some(Cow::Borrowed(v))
    } else if let Some(h) = rest.strip_prefix(b"\",\"h\":\"") {
        let h = h.strip_suffix(b"\"").ok_or(LineError::Shape("hex value"))?;
        Some(Cow::Owned(
            parse_hex(h).ok_or(LineError::Shape("value is not hex"))?,
        ))
    } else {
        return Err(LineError::Shape("no value"));
    };
    Ok(Line::Write {
        commit,
        tree,
        key,
        value,
    })
}

/// The line's bytes before its checksum field, when the checksum matches.
fn check(line: &[u8]) -> Result<&[u8], LineError> {
    let split = line
        .len()
        .checked_sub(SUFFIX_LEN)
        .ok_or(LineError::Shape("too short"))?;
    let (body, suffix) = line.split_at(split);
    let digits = suffix
        .strip_prefix(b",\"x\":\"")
        .and_then(|s| s.strip_suffix(b"\"}"))
        .ok_or(LineError::Shape("no checksum"))?;
    // Lower-case hex only, as written: `A` for `a` is damage too.
    let lower = digits.len() == 16
        && digits
            .iter()
            .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'));
    let sum = std::str::from_utf8(digits)
        .ok()
        .filter(|_| lower)
        .and_then(|d| u64::from_str_radix(d, 16).ok())
        .ok_or(LineError::Shape("checksum is not hex"))?;
    if xxh3_64(body) != sum {
        return Err(LineError::Checksum);
    }
    Ok(body)
}

fn number(text: &[u8]) -> Result<(u64, &[u8]), LineError> {
    let digits = text.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = std::str::from_utf8(&text[..digits])
        .ok()
        .and_then(|d| d.parse().ok())
        .ok_or(LineError::Shape("bad number"))?;
    Ok((n, &text[digits..]))
}

fn decode_header(rest: &[u8]) -> Result<Line<'static>, LineError> {
    let (version, rest) = number(rest)?;
    if version != VERSION {
        return Err(LineError::Version(version));
    }
    let store = rest
        .strip_prefix(b",\"store\":")
        .and_then(|s| serde_json::from_slice::<String>(s).ok())
        .ok_or(LineError::Shape("no store name"))?;
    Ok(Line::Header { version, store })
}

#[cfg(test)]
mod tests;
