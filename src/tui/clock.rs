//! Time on a paragraph, as both screens count it on the session clock (the
//! shell's ticks).

/// Time on a paragraph is counted in gaps of at most this much: a coffee
/// break does not inflate `duration_ms`.
pub const IDLE_CAP_MS: u64 = 120_000;

/// Time spent at the keyboard this session: the gaps between keys, each
/// counted as [`counted`] counts time on a paragraph (at most
/// [`IDLE_CAP_MS`]), so a pause does not slow the labeling rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActiveClock {
    /// Counted time up to the last key.
    pub total_ms: u64,
    /// Session ms of the last key.
    pub last_ms: u64,
}

impl ActiveClock {
    /// A key at `now_ms`.
    pub fn touch(&mut self, now_ms: u64) {
        self.total_ms += counted(self.last_ms, now_ms);
        self.last_ms = self.last_ms.max(now_ms);
    }

    /// Active time at `now_ms`, the gap since the last key counted too.
    pub fn active_ms(&self, now_ms: u64) -> u64 {
        self.total_ms + counted(self.last_ms, now_ms)
    }
}

/// The time counted for the gap from `mark_ms` to `now_ms` (session ms):
/// at most [`IDLE_CAP_MS`].
pub fn counted(mark_ms: u64, now_ms: u64) -> u64 {
    now_ms.saturating_sub(mark_ms).min(IDLE_CAP_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_time_leaves_out_long_pauses() {
        let mut clock = ActiveClock::default();
        clock.touch(30_000);
        clock.touch(60_000);
        // An hour away, then a key.
        clock.touch(3_660_000);
        assert_eq!(clock.total_ms, 60_000 + IDLE_CAP_MS);
        assert_eq!(clock.active_ms(3_670_000), 60_000 + IDLE_CAP_MS + 10_000);
    }
}
