//! Native JSONL lines → import records, or bad lines with their number and
//! what is wrong. Pure: bytes in, records out.
//!
//! A line is one native record (DESIGN.md §1). Required: `doc`, `para`,
//! `annotator`, `updated_at`, and `hash` or `text` (a missing `hash` is
//! computed from `text`). `id`, a span's `text` and unknown fields are
//! ignored. Checked: the annotator name (it names a store), the doc path (it
//! is a key), `updated_at` (an RFC 3339 time: `Z`, `+00:00` or another
//! offset), `hash` (16 hex digits, and the hash of `text` when both are
//! given), spans (`start` ≤ `end` ≤ the text's length in code points).
//! Values that cannot be true are refused, as they would do harm later:
//! `duration_ms` above [`MAX_DURATION_MS`] (30 days; near `u64::MAX` it
//! would wrap on the next edit) and `updated_at` before [`EARLIEST`]
//! (2000-01-01) or more than [`FUTURE_SLACK`] (a day) after now (a label
//! from year 9999 would win every merge). `"duration_ms": null`, or none,
//! means unknown and stays unknown.
//! Empty and whitespace-only lines are skipped; a UTF-8 BOM and CRLF line
//! ends are accepted.

mod check;
mod diagnose;
mod suggested;
mod time;

pub use time::parse_time;

use crate::store::{keys, validate_annotator, Label, Span, GOLD};
use check::{check_duration, check_gold, check_spans, check_time, record_hash};
use diagnose::{bad_name, diagnose, quote};
use serde::Deserialize;
use std::borrow::Cow;
use std::time::{Duration, SystemTime};
use suggested::suggested;

/// One good line: a label for `annotator`'s store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub annotator: String,
    /// As the line gives it: `hash` filled in (given or computed), `text`
    /// kept when the line has it, `indicators` sorted and deduplicated,
    /// `updated_at` verbatim.
    pub label: Label,
    /// `updated_at` as an instant.
    pub at: SystemTime,
    /// 1-based line number in its file.
    pub line: usize,
}

/// A line that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based.
    pub line: usize,
    /// What is wrong, e.g. `missing field "annotator"`.
    pub message: String,
}

/// The lines of one file, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// In line order.
    pub records: Vec<Record>,
    /// In line order.
    pub bad: Vec<BadLine>,
}

/// Longest time a label can have taken: 30 days, in milliseconds.
pub const MAX_DURATION_MS: u64 = 30 * 24 * 3600 * 1000;
/// Earliest `updated_at` accepted: 2000-01-01T00:00:00Z, in seconds since
/// the Unix epoch.
pub const EARLIEST: u64 = 946_684_800;
/// How far after now an `updated_at` may be (clocks of other machines run
/// a little fast).
pub const FUTURE_SLACK: Duration = Duration::from_secs(24 * 3600);

/// Read every line of a native JSONL file (lines are parsed in parallel).
pub fn parse(bytes: &[u8]) -> Parsed {
    parse_at(bytes, SystemTime::now())
}

/// [`parse`] with `now` as the present (for `updated_at`'s bound).
pub fn parse_at(bytes: &[u8], now: SystemTime) -> Parsed {
    use rayon::prelude::*;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .collect();
    let results: Vec<Result<Record, BadLine>> = lines
        .par_iter()
        .map(|&(line, text)| {
            parse_line_at(text, line, now).map_err(|message| BadLine { line, message })
        })
        .collect();
    drop(lines);
    let mut out = Parsed {
        records: Vec::with_capacity(results.len()),
        bad: Vec::new(),
    };
    for result in results {
        match result {
            Ok(record) => out.records.push(record),
            Err(bad) => out.bad.push(bad),
        }
    }
    out
}

/// A native record as it is on the line (strings that need no unescaping
/// borrowed from it).
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    doc: Cow<'a, str>,
    para: u32,
    #[serde(default, borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    hash: Option<Cow<'a, str>>,
    #[serde(borrow)]
    annotator: Cow<'a, str>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(borrow)]
    updated_at: Cow<'a, str>,
    #[serde(default)]
    duration_ms: Option<u64>,
    #[serde(default)]
    done: bool,
    /// Gold records (`"annotator":"gold"`, from `export --gold`) only.
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    annotators: Vec<String>,
    #[serde(default)]
    reviewer: Option<String>,
    /// What the screen pre-filled (checked by [`suggested`]).
    #[serde(default)]
    suggested: Option<serde_json::Value>,
}

/// One non-empty line → a record, or what is wrong with it.
pub fn parse_line(bytes: &[u8], line: usize) -> Result<Record, String> {
    parse_line_at(bytes, line, SystemTime::now())
}

/// [`parse_line`] with `now` as the present.
pub fn parse_line_at(bytes: &[u8], line: usize, now: SystemTime) -> Result<Record, String> {
    let raw: Raw = serde_json::from_slice(bytes).map_err(|e| diagnose(bytes, &e))?;
    let gold = raw.annotator == GOLD;
    if gold {
        check_gold(&raw)?;
    } else {
        validate_annotator(&raw.annotator).map_err(|e| bad_name("field \"annotator\"", e))?;
    }
    keys::check_doc(&raw.doc)
        .map_err(|why| format!("field \"doc\": {}: {why}", quote(&raw.doc)))?;
    let at = parse_time(&raw.updated_at).ok_or_else(|| {
        format!(
            "field \"updated_at\": {} is not an RFC 3339 time such as 2026-11-22T10:00:00Z",
            quote(&raw.updated_at)
        )
    })?;
    check_time(&raw.updated_at, at, now)?;
    check_duration(raw.duration_ms)?;
    let hash = record_hash(&raw)?;
    check_spans(&raw)?;
    let suggested = suggested(raw.suggested.as_ref())?;
    let mut label = Label {
        doc: raw.doc.into_owned(),
        para: raw.para,
        hash,
        section: raw.section,
        indicators: raw.indicators,
        spans: raw.spans,
        flags: raw.flags,
        note: raw.note,
        done: raw.done,
        updated_at: raw.updated_at.into_owned(),
        duration_ms: raw.duration_ms,
        text: raw.text.map(Cow::into_owned),
        // Provenance is kept on gold records only.
        source: raw.source.filter(|_| gold),
        annotators: if gold { raw.annotators } else { Vec::new() },
        reviewer: raw.reviewer.filter(|_| gold),
        suggested: suggested.map(Box::new),
    };
    label.normalize();
    Ok(Record {
        annotator: raw.annotator.into_owned(),
        label,
        at,
        line,
    })
}

#[cfg(test)]
mod tests;
