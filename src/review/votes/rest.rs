//! What a vote takes from a label besides its section type and indicators:
//! accepted, time spent, when it changed, its marks, its spans' hash.

use super::Marks;
use crate::store::{GoldSource, Span, FLAG_REVIEW};

/// What a vote holds besides its section type and indicators.
pub(super) struct Rest {
    pub(super) done: bool,
    pub(super) duration_ms: Option<u64>,
    pub(super) at: u32,
    pub(super) marks: u8,
    pub(super) spans: u64,
}

impl Rest {
    pub(super) fn of<'s>(
        done: bool,
        duration_ms: Option<u64>,
        updated_at: &str,
        mut flags: impl Iterator<Item = &'s str>,
        noted: bool,
        source: Option<&str>,
        spans: &[Span],
    ) -> Rest {
        let mut marks = 0;
        if flags.any(|f| f == FLAG_REVIEW) {
            marks |= Marks::FLAGGED;
        }
        if noted {
            marks |= Marks::NOTED;
        }
        if source == Some(GoldSource::Unanimous.as_str()) {
            marks |= Marks::AUTO_GOLD;
        }
        Rest {
            done,
            duration_ms,
            at: unix_seconds(updated_at),
            marks,
            spans: spans_hash(spans),
        }
    }
}

/// The mark of a label's `suggested.source`: a pre-fill was shown, or
/// withheld on a control paragraph.
pub(super) fn suggestion_mark(suggested: Option<&str>) -> u8 {
    match suggested {
        Some(crate::annotate::prefill::CONTROL) => Marks::CONTROL,
        Some(_) => Marks::SUGGESTED,
        None => 0,
    }
}

/// An RFC 3339 time (`Z` or an offset, as import takes them) in Unix
/// seconds; 0 when it is not one (or before 1970 or after 2106).
pub fn unix_seconds(rfc3339: &str) -> u32 {
    crate::import::read::parse_time(rfc3339)
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| u32::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

/// Equal for equal spans (as stored: sorted, no repeats); 0 for none.
fn spans_hash(spans: &[Span]) -> u64 {
    if spans.is_empty() {
        return 0;
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for s in spans {
        h.update(&s.start.to_le_bytes());
        h.update(&s.end.to_le_bytes());
        h.update(&(s.label.len() as u64).to_le_bytes());
        h.update(s.label.as_bytes());
    }
    h.digest().max(1)
}
