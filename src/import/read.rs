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

mod diagnose;

use crate::corpus::identity::content_hash;
use crate::store::{
    keys, validate_annotator, GoldSource, Label, Span, Suggested, GOLD, SUGGESTION_SOURCES,
};
use diagnose::{bad_name, diagnose, quote};
use serde::Deserialize;
use std::borrow::Cow;
use std::time::{Duration, SystemTime};

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
        suggested,
    };
    label.normalize();
    Ok(Record {
        annotator: raw.annotator.into_owned(),
        label,
        at,
        line,
    })
}

/// `updated_at` (`at`) between [`EARLIEST`] and `now` + [`FUTURE_SLACK`].
fn check_time(given: &str, at: SystemTime, now: SystemTime) -> Result<(), String> {
    let earliest = SystemTime::UNIX_EPOCH + Duration::from_secs(EARLIEST);
    let latest = now + FUTURE_SLACK;
    let bound = |t: SystemTime| humantime::format_rfc3339_seconds(t).to_string();
    if at < earliest {
        return Err(format!(
            "field \"updated_at\": {} is before {}: not a time a label was made",
            quote(given),
            bound(earliest)
        ));
    }
    if at > latest {
        return Err(format!(
            "field \"updated_at\": {} is after {} (now and a day): a label from the future \
             would win every merge; check that machine's clock",
            quote(given),
            bound(latest)
        ));
    }
    Ok(())
}

/// `duration_ms` at most [`MAX_DURATION_MS`] (or unknown).
fn check_duration(duration_ms: Option<u64>) -> Result<(), String> {
    match duration_ms {
        Some(ms) if ms > MAX_DURATION_MS => Err(format!(
            "field \"duration_ms\": {ms} is more than 30 days ({MAX_DURATION_MS} ms); \
             use null when the time is unknown"
        )),
        _ => Ok(()),
    }
}

/// A gold record (into `gold.sled`) says how it was decided: `source` one
/// of the [`GoldSource`] names, `annotators` and `reviewer` valid names.
fn check_gold(raw: &Raw) -> Result<(), String> {
    let sources = [
        GoldSource::Unanimous,
        GoldSource::Majority,
        GoldSource::Adjudicated,
    ]
    .map(GoldSource::as_str);
    match raw.source.as_deref() {
        Some(s) if sources.contains(&s) => {}
        Some(s) => {
            return Err(format!(
                "field \"source\": {} is not one of {} (a gold record)",
                quote(s),
                sources.join(", ")
            ))
        }
        None => {
            return Err(format!(
                "missing field \"source\": a gold record says how it was decided ({})",
                sources.join(", ")
            ))
        }
    }
    for name in raw.annotators.iter().chain(&raw.reviewer) {
        validate_annotator(name).map_err(|e| bad_name("gold record", e))?;
    }
    Ok(())
}

/// The record's content hash: `hash` (16 hex digits, lowercased; it must
/// be the hash of `text` when both are given), else computed from `text`.
fn record_hash(raw: &Raw) -> Result<String, String> {
    let Some(hash) = raw.hash.as_deref().filter(|h| !h.is_empty()) else {
        return match &raw.text {
            Some(text) => Ok(content_hash(text)),
            None => Err("missing field \"hash\" (and no \"text\" to compute it from)".into()),
        };
    };
    if !is_hash(hash) {
        return Err(format!(
            "field \"hash\": {} is not a content hash (16 hex digits)",
            quote(hash)
        ));
    }
    if let Some(text) = &raw.text {
        let of_text = content_hash(text);
        if !hash.eq_ignore_ascii_case(&of_text) {
            return Err(format!(
                "field \"hash\": {hash} is not the hash of \"text\" ({of_text}); \
                 drop \"hash\" to have it computed from \"text\""
            ));
        }
    }
    Ok(hash.to_ascii_lowercase())
}

/// Every span within the text: `start` ≤ `end` ≤ its length in code points
/// (only the order can be checked when the record has no text).
fn check_spans(raw: &Raw) -> Result<(), String> {
    if raw.spans.is_empty() {
        return Ok(());
    }
    let len = raw.text.as_deref().map(|t| t.chars().count());
    for (i, span) in raw.spans.iter().enumerate() {
        if span.start > span.end {
            return Err(format!(
                "field \"spans\" item {i}: start {} is after end {}",
                span.start, span.end
            ));
        }
        if let Some(len) = len.filter(|&len| span.end as usize > len) {
            return Err(format!(
                "field \"spans\" item {i}: end {} is past the end of \"text\" ({len} characters)",
                span.end
            ));
        }
    }
    Ok(())
}

/// `"suggested"`: absent or null (nothing was suggested), or
/// `{"section": name|null, "indicators": [names], "source": "pattern"|"model",
/// "model_labels": N}` (`section`, `indicators` and `model_labels` may be
/// left out).
fn suggested(value: Option<&serde_json::Value>) -> Result<Option<Suggested>, String> {
    use serde_json::Value;
    let object = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(o)) => o,
        Some(other) => {
            return Err(format!(
                "field \"suggested\": {} is not an object such as \
                 {{\"section\":\"plan\",\"indicators\":[],\"source\":\"model\",\"model_labels\":40}}",
                shown(other)
            ))
        }
    };
    let field = |name: &str, what: &str, v: &Value| {
        format!("field \"suggested.{name}\": {} is not {what}", shown(v))
    };
    let mut out = Suggested {
        section: None,
        indicators: Vec::new(),
        source: String::new(),
        model_labels: 0,
    };
    for (key, v) in object {
        match key.as_str() {
            "section" => match v {
                Value::Null => {}
                Value::String(s) => out.section = Some(s.clone()),
                _ => return Err(field("section", "a section name or null", v)),
            },
            "indicators" => {
                let names = v
                    .as_array()
                    .ok_or_else(|| field("indicators", "a list of names", v))?;
                for n in names {
                    let n = n
                        .as_str()
                        .ok_or_else(|| field("indicators", "a list of names", v))?;
                    out.indicators.push(n.to_owned());
                }
            }
            "source" => match v.as_str() {
                Some(s) if SUGGESTION_SOURCES.contains(&s) => out.source = s.to_owned(),
                _ => {
                    return Err(field(
                        "source",
                        &format!("one of {}", SUGGESTION_SOURCES.join(", ")),
                        v,
                    ))
                }
            },
            "model_labels" => {
                out.model_labels = v
                    .as_u64()
                    .ok_or_else(|| field("model_labels", "a count (0 or more)", v))?
            }
            // Fields a later build may add (scores…) are ignored, as elsewhere.
            _ => {}
        }
    }
    if out.source.is_empty() {
        return Err(format!(
            "missing field \"suggested.source\" ({})",
            SUGGESTION_SOURCES.join(" or ")
        ));
    }
    out.indicators.sort();
    out.indicators.dedup();
    Ok(Some(out))
}

/// A JSON value for a message: a string quoted, anything else as JSON,
/// shortened either way.
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => quote(s),
        other => quote(&other.to_string()).trim_matches('"').to_owned(),
    }
}

/// An RFC 3339 time as an instant: `2026-11-22T10:00:00Z`, with any number
/// of fractional digits, `Z`, `+00:00` or another `±hh:mm` offset.
pub fn parse_time(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    let n = b.len();
    let has_offset = n >= 25
        && matches!(b[n - 6], b'+' | b'-')
        && b[n - 3] == b':'
        && b[n - 5..n - 3].iter().all(u8::is_ascii_digit)
        && b[n - 2..].iter().all(u8::is_ascii_digit);
    if !has_offset {
        return humantime::parse_rfc3339(s).ok();
    }
    let hours = u64::from(b[n - 5] - b'0') * 10 + u64::from(b[n - 4] - b'0');
    let minutes = u64::from(b[n - 2] - b'0') * 10 + u64::from(b[n - 1] - b'0');
    if hours > 23 || minutes > 59 {
        return None;
    }
    let local = humantime::parse_rfc3339(&format!("{}Z", &s[..n - 6])).ok()?;
    let offset = Duration::from_secs(hours * 3600 + minutes * 60);
    // Local time = UTC + offset, so UTC = local − offset.
    if b[n - 6] == b'+' {
        local.checked_sub(offset)
    } else {
        local.checked_add(offset)
    }
}

fn is_hash(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests;
