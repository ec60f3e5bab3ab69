//! A document's texts packed (zstd) while a screen holds the corpus: a
//! million paragraphs must fit in less memory than their files (issue 18).
//! A packed arena is unpacked when one of its texts is read, and kept
//! unpacked while anyone holds it, and for the last few documents read
//! (the screen draws the same document frame after frame).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// zstd's level: on report text about a third of the bytes (the sample
/// corpus 2.1×, the generated million 3.4×), packed at ~300 MB/s a core.
const LEVEL: i32 = 3;

/// Unpacked arenas kept after their last reader let go: the document on
/// the screen and its neighbours.
const RECENT: usize = 8;

static RECENT_ARENAS: Mutex<VecDeque<Arc<String>>> = Mutex::new(VecDeque::new());

/// An arena's bytes, packed.
pub(super) struct Packed {
    bytes: Box<[u8]>,
    /// Its length unpacked.
    size: usize,
    /// The unpacked arena while someone holds it.
    unpacked: Mutex<Weak<String>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Packed {
    /// `plain` packed; `None` if zstd fails (the text then stays plain).
    pub(super) fn new(plain: &str) -> Option<Packed> {
        let bytes = zstd::bulk::compress(plain.as_bytes(), LEVEL).ok()?;
        Some(Packed {
            bytes: bytes.into_boxed_slice(),
            size: plain.len(),
            unpacked: Mutex::new(Weak::new()),
        })
    }

    /// The arena unpacked (found so, or unpacked now).
    pub(super) fn unpack(&self) -> Arc<String> {
        let mut slot = lock(&self.unpacked);
        if let Some(whole) = slot.upgrade() {
            return whole;
        }
        // It packed a `String`, so it unpacks to one; were the bytes
        // damaged in memory, the texts read empty rather than wrong.
        let whole = zstd::bulk::decompress(&self.bytes, self.size)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default();
        let whole = Arc::new(whole);
        *slot = Arc::downgrade(&whole);
        drop(slot);
        let mut recent = lock(&RECENT_ARENAS);
        if recent.len() == RECENT {
            recent.pop_front();
        }
        recent.push_back(Arc::clone(&whole));
        whole
    }

    /// Bytes held packed.
    #[cfg(test)]
    pub(super) fn packed_len(&self) -> usize {
        self.bytes.len()
    }
}
