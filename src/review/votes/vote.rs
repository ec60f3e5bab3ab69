//! One annotator's label on one paragraph as the figures use it ([`Vote`],
//! its [`Marks`]), and a span as they use it ([`VoteSpan`]).

#[cfg(doc)]
use super::Votes;

/// One annotator's label on one paragraph, as the figures use it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vote {
    /// Index into [`Votes::sections`].
    pub section: Option<u32>,
    /// Indices into [`Votes::indicators`], sorted, no repeats.
    pub indicators: Vec<u32>,
    /// Accepted (Enter).
    pub done: bool,
    /// None: unknown.
    pub duration_ms: Option<u64>,
    /// When it last changed (`updated_at`), in Unix seconds; 0 when that
    /// is not a readable RFC 3339 time.
    pub at: u32,
    /// Flagged for review, a note, automatic gold: [`Marks`] bits.
    pub marks: u8,
    /// The spans, as a hash that is equal for equal spans (0: no spans).
    pub spans: u64,
}

/// The bits of [`Vote::marks`].
pub struct Marks;

impl Marks {
    /// Flagged for review (`flags` holds `review`).
    pub const FLAGGED: u8 = 1;
    /// A note with something in it.
    pub const NOTED: u8 = 2;
    /// A gold label written automatically for a unanimous paragraph.
    pub const AUTO_GOLD: u8 = 4;
    /// Labeled with a suggestion pre-filled (pattern or model).
    pub const SUGGESTED: u8 = 8;
    /// Labeled on a control paragraph: suggestions withheld on purpose.
    pub const CONTROL: u8 = 16;
}

impl Vote {
    /// Whether the label says anything: a section type, an indicator or a
    /// span.
    pub fn says_something(&self) -> bool {
        self.section.is_some() || !self.indicators.is_empty() || self.spans != 0
    }

    pub fn has(&self, mark: u8) -> bool {
        self.marks & mark != 0
    }
}

/// A span as the figures use it: its label as an index into
/// [`Votes::indicators`], and code points, `end` exclusive. Ordered by
/// label, then start, then end (so a sorted list has each label's spans
/// together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VoteSpan {
    pub label: u32,
    pub start: u32,
    pub end: u32,
}
