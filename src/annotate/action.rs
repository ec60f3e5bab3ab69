//! Every way the annotation screen's state can change.

use crate::tui::input::Edit;
use crate::tui::key::Key;
use crate::tui::span_edit::SpanKey;

/// The only way the model changes: keys resolve to actions (`keymap`), the
/// shell turns time, resizes and store results into actions too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Documents read in the background (the shell's reading thread).
    Read(crate::corpus::background::Batch),
    /// Set the section type (index into `schema.sections`).
    SetSection(usize),
    /// Toggle an indicator (index into `schema.indicators`).
    ToggleIndicator(usize),
    /// Accept the paragraph (taking a boilerplate suggestion if no section is
    /// set) and move to the next unfinished one.
    Accept,
    Undo,
    ToggleFlag,
    /// Set the paragraph aside as skipped/unsure (or take it back): not
    /// accepted; moves on to the next paragraph needing work.
    ToggleSkip,
    Next,
    Prev,
    First,
    Last,
    /// First paragraph of the next / previous document.
    NextDoc,
    PrevDoc,
    /// Open the `go to:` prompt.
    StartGoTo,
    ScrollDown,
    ScrollUp,
    /// Cycle the view: all paragraphs → unfinished → flagged → skipped.
    CycleFilter,
    ToggleHelp,
    /// Close an overlay or cancel an input line.
    Cancel,
    StartSearch,
    StartNote,
    /// Enter the span mode on the current paragraph (`s`).
    StartSpans,
    /// A key of the span mode.
    Span(SpanKey),
    /// A character typed into the open input line (search, note, go to).
    Input(char),
    InputBackspace,
    /// Move the input line's cursor, or delete at it.
    InputEdit(Edit),
    InputSubmit,
    SearchNext,
    SearchPrev,
    Quit,
    /// A key that means nothing here (as typed): the status line says so.
    Unbound(Key),
    /// Write the changes the store refused again now (they are also tried
    /// every second).
    Retry,
    /// Stop the program for the shell (Ctrl-Z); `fg` brings it back.
    Suspend,
    Resize {
        width: u16,
        height: u16,
    },
    /// The shell's clocks: milliseconds since the session started, and the
    /// wall clock as RFC 3339 (for `updated_at`).
    Tick {
        ms: u64,
        wall: String,
    },
    /// The suggester learned from more labels (the shell's trainer).
    Learned(super::prefill::Shared),
    /// The shell wrote and flushed the change with this sequence number.
    Saved(u64),
    /// The shell could not write a change: it stays on screen and is
    /// tried again, later changes queued behind it.
    SaveFailed {
        seq: u64,
        message: String,
    },
}
