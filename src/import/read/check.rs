//! The checks of a record's values: its time and duration within bounds, a
//! gold record's provenance, its content hash, its spans within the text.

use super::diagnose::{bad_name, quote};
use super::{Raw, EARLIEST, FUTURE_SLACK, MAX_DURATION_MS};
use crate::corpus::identity::content_hash;
use crate::store::{validate_annotator, GoldSource};
use std::time::{Duration, SystemTime};

/// `updated_at` (`at`) between [`EARLIEST`] and `now` + [`FUTURE_SLACK`].
pub(super) fn check_time(given: &str, at: SystemTime, now: SystemTime) -> Result<(), String> {
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
pub(super) fn check_duration(duration_ms: Option<u64>) -> Result<(), String> {
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
pub(super) fn check_gold(raw: &Raw) -> Result<(), String> {
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
pub(super) fn record_hash(raw: &Raw) -> Result<String, String> {
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
pub(super) fn check_spans(raw: &Raw) -> Result<(), String> {
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

fn is_hash(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}
