//! RFC 3339 times with any offset, as records give `updated_at`.

use std::time::{Duration, SystemTime};

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
