//! The span mode both screens share: a caret in the paragraph's text (a
//! code-point offset, between characters), a selection from an anchor to
//! the caret, the suggestions still open, and what each key does to the
//! paragraph's spans. Pure: the screens persist the spans it returns like
//! any other label change (so undo covers them). The keys are in
//! [`super::span_keys`].

use super::layout::wrapped;
use crate::schema::Schema;
use crate::spans::kit::Kit;
use crate::spans::Suggestion;
use crate::store::Span;
use crate::text::sanitize;
use std::ops::Range;

/// A key of the span mode, as the screens' keymaps resolve it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKey {
    /// One character left / right.
    Left,
    Right,
    /// One word left / right (word starts from the segmenter).
    WordLeft,
    WordRight,
    /// To the start / end of the paragraph.
    Start,
    End,
    NextSuggestion,
    PrevSuggestion,
    /// Start a selection at the caret (again: drop it).
    Select,
    /// Take the suggestion at the caret with the indicator it proposes.
    Accept,
    /// Label the selection, or the suggestion or span at the caret, with
    /// this indicator (index into the schema's indicators).
    Label(usize),
    /// Drop the suggestion at the caret for this session.
    Reject,
    /// Delete the span at the caret.
    Delete,
}

/// Where the caret is, and where a selection began.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Caret {
    /// Code points before the caret: 0..=len.
    pub at: usize,
    pub anchor: Option<usize>,
}

impl Caret {
    /// A caret on the first of `open` (at the start when there is none).
    pub fn on_first(open: &[Suggestion]) -> Caret {
        Caret {
            at: open.first().map_or(0, |s| s.start as usize),
            anchor: None,
        }
    }

    /// The selected code points (`anchor`..`at` in order), if any.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.anchor
            .map(|a| a.min(self.at)..a.max(self.at))
            .filter(|r| !r.is_empty())
    }
}

/// Esc in the span mode: drops the selection if there is one (true), else
/// nothing (false: the screen leaves the mode).
pub fn drop_selection(caret: &mut Caret) -> bool {
    caret.anchor.take().is_some()
}

/// The paragraph as the span mode sees it.
#[derive(Debug, Clone, Copy)]
pub struct SpanText<'a> {
    pub text: &'a str,
    /// Its length in code points.
    pub len: usize,
    /// The label's spans, by start.
    pub spans: &'a [Span],
    /// Suggestions neither taken nor rejected, by start.
    pub open: &'a [Suggestion],
    /// Where words begin ([`crate::spans::words::Segmenter::boundaries`]).
    pub words: &'a [usize],
    /// The schema's indicator names.
    pub indicators: &'a [String],
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The caret (or selection) moved; nothing to save.
    Moved,
    /// The paragraph's spans are now these: save them. The message says what changed.
    Spans(Vec<Span>, String),
    /// The suggestion at these offsets was rejected.
    Rejected(u32, u32, String),
    /// Nothing changed; say why.
    Say(String),
}

/// The suggestion the caret is in.
pub fn suggestion_at(open: &[Suggestion], at: usize) -> Option<&Suggestion> {
    open.iter()
        .find(|s| (s.start as usize..s.end as usize).contains(&at))
}

/// The span the caret is in (or just after, at the end of the text).
pub fn span_at(spans: &[Span], at: usize) -> Option<usize> {
    spans
        .iter()
        .position(|s| (s.start as usize..s.end as usize).contains(&at))
}

/// Suggestions still open: not rejected, not overlapping a span already made.
pub fn open_suggestions(
    found: Vec<Suggestion>,
    spans: &[Span],
    rejected: impl Fn(u32, u32) -> bool,
) -> Vec<Suggestion> {
    found
        .into_iter()
        .filter(|s| !rejected(s.start, s.end))
        .filter(|s| !spans.iter().any(|p| p.start < s.end && s.start < p.end))
        .collect()
}

/// The text of code points `start..end`.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// `key` pressed on a paragraph's `text` with its `spans` and `open`
/// suggestions: [`apply`], with the words segmented when the key moves by
/// word.
pub fn press(
    caret: &mut Caret,
    kit: &Kit,
    schema: &Schema,
    text: &str,
    spans: &[Span],
    open: &[Suggestion],
    key: SpanKey,
) -> Outcome {
    let words = match key {
        SpanKey::WordLeft | SpanKey::WordRight => kit.words(text, &kit.detect(text)),
        _ => Vec::new(),
    };
    let indicators: Vec<String> = schema.indicators.iter().map(|d| d.name.clone()).collect();
    let view = SpanText {
        text,
        len: text.chars().count(),
        spans,
        open,
        words: &words,
        indicators: &indicators,
    };
    apply(caret, &view, key)
}

/// The scroll that shows the caret's row of `text` wrapped to `width`
/// columns in a pane of `page` rows, moving `scroll` as little as it can.
pub fn scroll_for_caret(text: &str, at: usize, width: usize, page: usize, scroll: usize) -> usize {
    let rows = wrapped(text, width).rows;
    let shown = sanitize(text).display_range(at, at + 1).start;
    let row = rows
        .iter()
        .position(|r| shown < r.end)
        .unwrap_or(rows.len().saturating_sub(1));
    if row < scroll {
        row
    } else if row >= scroll + page {
        row + 1 - page
    } else {
        scroll
    }
}

/// Apply `key` to the caret and, for changes, return the new spans.
pub fn apply(caret: &mut Caret, t: &SpanText, key: SpanKey) -> Outcome {
    caret.at = caret.at.min(t.len);
    match key {
        SpanKey::Left => caret.at = caret.at.saturating_sub(1),
        SpanKey::Right => caret.at = (caret.at + 1).min(t.len),
        SpanKey::WordLeft => {
            caret.at = t
                .words
                .iter()
                .rev()
                .find(|&&w| w < caret.at)
                .copied()
                .unwrap_or(0)
        }
        SpanKey::WordRight => {
            caret.at = t
                .words
                .iter()
                .find(|&&w| w > caret.at)
                .copied()
                .unwrap_or(t.len)
                .min(t.len)
        }
        SpanKey::Start => caret.at = 0,
        SpanKey::End => caret.at = t.len,
        SpanKey::NextSuggestion => return jump(caret, t, true),
        SpanKey::PrevSuggestion => return jump(caret, t, false),
        SpanKey::Select => {
            caret.anchor = match caret.anchor {
                Some(_) => None,
                None => Some(caret.at),
            };
            return match caret.anchor {
                Some(_) => Outcome::Say(
                    "selecting: move the cursor, then an indicator key labels it (Space again drops it)"
                        .to_owned(),
                ),
                None => Outcome::Say("selection dropped".to_owned()),
            };
        }
        SpanKey::Accept => return accept(caret, t),
        SpanKey::Label(i) => return label(caret, t, i),
        SpanKey::Reject => return reject(caret, t),
        SpanKey::Delete => return delete(caret, t),
    }
    Outcome::Moved
}

fn jump(caret: &mut Caret, t: &SpanText, forward: bool) -> Outcome {
    let target = if forward {
        t.open.iter().find(|s| s.start as usize > caret.at)
    } else {
        t.open.iter().rev().find(|s| (s.start as usize) < caret.at)
    };
    match target {
        Some(s) => {
            caret.at = s.start as usize;
            Outcome::Moved
        }
        None if t.open.is_empty() => {
            Outcome::Say("no suggestions left in this paragraph".to_owned())
        }
        None if forward => Outcome::Say("no more suggestions after this one".to_owned()),
        None => Outcome::Say("no suggestions before this one".to_owned()),
    }
}

fn accept(caret: &mut Caret, t: &SpanText) -> Outcome {
    if caret.selection().is_some() {
        return Outcome::Say("press an indicator key to label the selection".to_owned());
    }
    let Some(s) = suggestion_at(t.open, caret.at) else {
        return Outcome::Say("no suggestion here: j/k go to one".to_owned());
    };
    let Some(name) = s.label.clone() else {
        return Outcome::Say(
            "no indicator guessed for this one: press the indicator's key".to_owned(),
        );
    };
    let (start, end) = (s.start as usize, s.end as usize);
    take(caret, t, start..end, name)
}

fn label(caret: &mut Caret, t: &SpanText, indicator: usize) -> Outcome {
    let Some(name) = t.indicators.get(indicator).cloned() else {
        return Outcome::Moved;
    };
    if let Some(range) = caret.selection() {
        caret.anchor = None;
        return take(caret, t, range, name);
    }
    if let Some(s) = suggestion_at(t.open, caret.at) {
        let range = s.start as usize..s.end as usize;
        return take(caret, t, range, name);
    }
    if let Some(i) = span_at(t.spans, caret.at) {
        let mut spans = t.spans.to_vec();
        let text = slice(t.text, spans[i].start as usize, spans[i].end as usize);
        spans[i].label = name.clone();
        return Outcome::Spans(spans, format!("span “{text}” is now {name}"));
    }
    Outcome::Say(
        "nothing to label here: Space starts a selection, j/k go to a suggestion".to_owned(),
    )
}

/// Make `range` a span labeled `name` (replacing spans it overlaps) and
/// move the caret to the next open suggestion after it.
fn take(caret: &mut Caret, t: &SpanText, range: Range<usize>, name: String) -> Outcome {
    let (start, end) = (range.start as u32, range.end as u32);
    let mut spans: Vec<Span> = t
        .spans
        .iter()
        .filter(|s| !(s.start < end && start < s.end))
        .cloned()
        .collect();
    let replaced = t.spans.len() - spans.len();
    spans.push(Span {
        start,
        end,
        label: name.clone(),
    });
    spans.sort_by_key(|s| (s.start, s.end));
    caret.at = t
        .open
        .iter()
        .find(|s| s.start >= end)
        .map_or(range.end, |s| s.start as usize);
    let text = slice(t.text, range.start, range.end);
    let mut message = format!("span “{text}” → {name}");
    if replaced > 0 {
        message.push_str(&format!(" (replaced {replaced} overlapping)"));
    }
    Outcome::Spans(spans, message)
}

fn reject(caret: &mut Caret, t: &SpanText) -> Outcome {
    let Some(s) = suggestion_at(t.open, caret.at) else {
        return Outcome::Say("no suggestion here to reject".to_owned());
    };
    let (start, end) = (s.start, s.end);
    caret.at = t
        .open
        .iter()
        .find(|o| o.start >= end)
        .map_or(end as usize, |o| o.start as usize);
    Outcome::Rejected(start, end, format!("rejected “{}”", s.text))
}

fn delete(caret: &mut Caret, t: &SpanText) -> Outcome {
    let Some(i) = span_at(t.spans, caret.at) else {
        return Outcome::Say("no span here to delete".to_owned());
    };
    let mut spans = t.spans.to_vec();
    let gone = spans.remove(i);
    let text = slice(t.text, gone.start as usize, gone.end as usize);
    Outcome::Spans(spans, format!("deleted span “{text}” ({})", gone.label))
}

#[cfg(test)]
mod tests;
