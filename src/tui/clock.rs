//! Time on a paragraph, as both screens count it on the session clock (the
//! shell's ticks).

/// Time on a paragraph is counted in gaps of at most this much: a coffee
/// break does not inflate `duration_ms`.
pub const IDLE_CAP_MS: u64 = 120_000;

/// The time counted for the gap from `mark_ms` to `now_ms` (session ms):
/// at most [`IDLE_CAP_MS`].
pub fn counted(mark_ms: u64, now_ms: u64) -> u64 {
    now_ms.saturating_sub(mark_ms).min(IDLE_CAP_MS)
}
