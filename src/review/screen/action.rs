//! Every way the review screen's state changes. Its effects are the ones
//! both screens share ([`crate::tui::effect::Effect`]): the shell persists
//! into the gold store.

/// The only way the review model changes: keys resolve to actions
/// (`keymap`), the shell turns time, resizes and store results into
/// actions too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Documents read in the background (the shell's reading thread).
    Read(crate::corpus::background::Batch),
    /// Set the gold proposal's section type (index into `schema.sections`).
    SetSection(usize),
    /// Toggle an indicator in the gold proposal (index into
    /// `schema.indicators`).
    ToggleIndicator(usize),
    /// Take annotator N's version (index into the review's annotators) as
    /// the gold proposal.
    Take(usize),
    /// The first key of the two-key "take": the next digit names the
    /// annotator.
    StartTake,
    /// Edit the proposal's spans (`s`).
    StartSpans,
    /// A key of the span mode.
    Span(crate::tui::span_edit::SpanKey),
    /// Open (or close) the annotators' notes in full.
    ToggleNotes,
    /// Yes: overwrite another reviewer's decision with the pending one.
    Confirm,
    /// Back to the majority's version (drop edits).
    Majority,
    /// Write the proposal to gold and go to the next undecided paragraph.
    Decide,
    /// Take back the last decision.
    Undo,
    Next,
    Prev,
    First,
    Last,
    ScrollDown,
    ScrollUp,
    /// Show all paragraphs of the queue / only undecided ones.
    CycleFilter,
    /// Order the queue by disagreement (most first) / by corpus order.
    ToggleSort,
    ToggleHelp,
    /// Close the help or the notes; no to an overwrite; drop a half-typed
    /// take.
    Cancel,
    Quit,
    /// A key that means nothing here (as typed): the status line says so.
    Unbound(crate::tui::key::Key),
    /// Write the decisions the store refused again now (they are also
    /// tried every second).
    Retry,
    /// Stop the program for the shell (Ctrl-Z); `fg` brings it back.
    Suspend,
    Resize {
        width: u16,
        height: u16,
    },
    /// The shell's clocks: milliseconds since the session started, and the
    /// wall clock as RFC 3339.
    Tick {
        ms: u64,
        wall: String,
    },
    /// The shell wrote and flushed the change with this sequence number.
    Saved(u64),
    /// The shell could not write a change: it stays on screen and is
    /// tried again, later changes queued behind it.
    SaveFailed {
        seq: u64,
        message: String,
    },
}
