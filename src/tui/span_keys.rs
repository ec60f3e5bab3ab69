//! The span mode's keys, both screens': a table (which the help lists)
//! and the schema's indicator keys, resolved by a pure function.

use super::key::Key;
use super::keymap::{command, label_key};
use super::span_edit::SpanKey;
use crate::schema::{Kind, Schema};

/// The span mode's keys both screens share, in help order; the schema's
/// indicator keys label ([`span_key`]).
pub const SPAN_KEYS: &[(&[Key], SpanKey, &str)] = &[
    (
        &[Key::Char('j'), Key::Down, Key::Tab],
        SpanKey::NextSuggestion,
        "span mode: next suggested value",
    ),
    (
        &[Key::Char('k'), Key::Up],
        SpanKey::PrevSuggestion,
        "span mode: previous suggested value",
    ),
    (
        &[Key::Enter],
        SpanKey::Accept,
        "span mode: take the suggestion with the indicator it proposes",
    ),
    (
        &[Key::Char('n')],
        SpanKey::Reject,
        "span mode: reject the suggestion (no)",
    ),
    (
        &[Key::Left],
        SpanKey::Left,
        "span mode: cursor a character left",
    ),
    (
        &[Key::Right],
        SpanKey::Right,
        "span mode: cursor a character right",
    ),
    (
        &[Key::CtrlLeft, Key::Alt('b')],
        SpanKey::WordLeft,
        "span mode: cursor a word left",
    ),
    (
        &[Key::CtrlRight, Key::Alt('f')],
        SpanKey::WordRight,
        "span mode: cursor a word right",
    ),
    (
        &[Key::Home, Key::Char('g')],
        SpanKey::Start,
        "span mode: cursor to the start of the paragraph",
    ),
    (
        &[Key::End, Key::Char('G')],
        SpanKey::End,
        "span mode: cursor to the end of the paragraph",
    ),
    (
        &[Key::Char(' ')],
        SpanKey::Select,
        "span mode: start a selection (an indicator key labels it)",
    ),
    (
        &[Key::Delete],
        SpanKey::Delete,
        "span mode: delete the span at the cursor",
    ),
];

/// The span-mode key `key` is: one of [`SPAN_KEYS`], or an indicator key.
pub fn span_key(schema: &Schema, key: Key) -> Option<SpanKey> {
    command(SPAN_KEYS, key).or_else(|| match label_key(schema, key) {
        Some((Kind::Indicator, i)) => Some(SpanKey::Label(i)),
        _ => None,
    })
}
