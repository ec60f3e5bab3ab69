//! Prodigy's JSONL, as `prodigy db-out` writes the answers of its `choice`
//! (`textcat.manual`) and `spans.manual` recipes.
//!
//! One label (paragraph × annotator) gives up to three tasks, each a line:
//! - **section** — a single-choice task: `options` are the schema's section
//!   types (`id` = name, `text` = Chinese name), `accept` = `[section]`,
//!   `config.choice_style` = `"single"`. Written when the label has a section.
//! - **indicators** — a multiple-choice task: `options` are the schema's
//!   indicators, `accept` the chosen ones (possibly none: "none of these"),
//!   `config.choice_style` = `"multiple"`. Written when the label has
//!   indicators or was accepted (`done`).
//! - **spans** — a `spans_manual` task: `tokens` one per character (code
//!   point; `ws` false, so the tokens concatenate to the text) and `spans`
//!   with character `start`/`end` (code points, `end` exclusive, as Prodigy's
//!   Python offsets are) and `token_start`/`token_end` (inclusive). Written
//!   only when the label has spans: marking spans is optional (the span
//!   mode, `s`), so a label without spans does not claim its paragraph has
//!   none.
//!
//! Two choice tasks instead of one with all options: a section is exclusive
//! and indicators are not, which is how Prodigy trains them (`--textcat` vs
//! `--textcat-multilabel`); `meta.kind` (`section`/`indicators`/`spans`)
//! tells them apart, e.g. to `db-in` them into two datasets.
//!
//! Names not in the schema are exported as they are: an unknown section or
//! indicator is appended to `options` with its name as `text`.
//!
//! Prodigy bookkeeping fields, computed deterministically:
//! - `_input_hash`: the low 32 bits of xxh3-64 of the text, as a signed
//!   32-bit integer (Prodigy's hashes are signed 32-bit ints) — equal for
//!   every task on the same paragraph text;
//! - `_task_hash`: likewise of the input hash, the `_view_id`, the kind and
//!   an xxh3-64 digest of the option ids — the question, not the answer, so
//!   every annotator's task on one paragraph shares it (what Prodigy's review
//!   groups by);
//! - `_annotator_id` = `_session_id` = `"biaozhu-<annotator>"` (Prodigy's
//!   `<dataset>-<session>` with dataset `biaozhu`);
//! - `_timestamp`: unix seconds of `updated_at` (null if unreadable);
//! - `answer`: `"accept"` (`meta.done` says whether the annotator pressed
//!   Enter; `--only-complete` keeps just those);
//! - `meta`: `{id, doc, para, hash, annotator, kind, done}`; a gold label's
//!   (`export --gold`: annotator `gold`, so `_annotator_id` `biaozhu-gold`)
//!   adds `source`, `annotators`, `reviewer`; a label made with suggestions
//!   on screen adds `suggested` (as in the native record).
//!
//! `options` is the last field of a line: [`Writer`] writes the schema's
//! option lists from a cache (they are most of the bytes), appending them to
//! the rest of the task as serde writes it; the bytes equal serde's of
//! [`tasks`] (tested).

use super::chars::CharIndex;
use super::{unix_seconds, Provenance};
use crate::corpus::Paragraph;
use crate::schema::{LabelDef, Schema};
use crate::store::{Label, Suggested};
use serde::Serialize;
use std::io::{self, Write};
use xxhash_rust::xxh3::Xxh3;

/// One answered Prodigy task (a `db-out` line).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task<'a> {
    pub text: &'a str,
    pub meta: Meta<'a>,
    #[serde(rename = "_input_hash")]
    pub input_hash: i32,
    #[serde(rename = "_task_hash")]
    pub task_hash: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<Token<'a>>>,
    #[serde(rename = "_view_id")]
    pub view_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<ChoiceConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spans: Option<Vec<TaskSpan<'a>>>,
    pub answer: &'static str,
    #[serde(rename = "_timestamp")]
    pub timestamp: Option<i64>,
    #[serde(rename = "_annotator_id")]
    pub annotator_id: String,
    #[serde(rename = "_session_id")]
    pub session_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<Choice<'a>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta<'a> {
    pub id: String,
    pub doc: &'a str,
    pub para: usize,
    pub hash: &'a str,
    pub annotator: &'a str,
    /// `"section"`, `"indicators"` or `"spans"`.
    pub kind: &'static str,
    pub done: bool,
    /// Gold labels only: `source`, `annotators`, `reviewer`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub gold: Option<Provenance>,
    /// What the screen pre-filled (absent when nothing was suggested).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<&'a Suggested>,
}

/// An option of a choice task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChoiceConfig {
    /// `"single"` or `"multiple"`.
    pub choice_style: &'static str,
}

/// A token: one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: u32,
    pub end: u32,
    pub id: u32,
    pub ws: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskSpan<'a> {
    /// Code points, `end` exclusive.
    pub start: u32,
    pub end: u32,
    pub token_start: u32,
    /// Inclusive.
    pub token_end: u32,
    pub label: &'a str,
    /// `text[start..end]`.
    pub text: &'a str,
}

/// The tasks of `label` by `annotator` on `paragraph`: section, indicators,
/// spans, each when there is something to say (see the module docs).
pub fn tasks<'a>(
    paragraph: &'a Paragraph,
    text: &'a str,
    annotator: &'a str,
    label: &'a Label,
    schema: &'a Schema,
) -> Vec<Task<'a>> {
    build(paragraph, text, annotator, label, schema, None)
}

/// The schema's option lists, serialized once.
#[derive(Debug, Clone)]
struct Cached {
    /// `[{"id":…,"text":…},…]` of the schema's labels of one kind.
    json: Vec<u8>,
    digest: u64,
}

impl Cached {
    fn new(defs: &[LabelDef]) -> Cached {
        let options = options(defs, &[]);
        Cached {
            json: serde_json::to_vec(&options).expect("options serialize"),
            digest: digest(&options),
        }
    }
}

/// Writes the tasks of labels as JSONL, the schema's options from a cache.
#[derive(Debug, Clone)]
pub struct Writer<'s> {
    schema: &'s Schema,
    sections: Cached,
    indicators: Cached,
    scratch: Vec<u8>,
}

impl<'s> Writer<'s> {
    pub fn new(schema: &'s Schema) -> Writer<'s> {
        Writer {
            schema,
            sections: Cached::new(&schema.sections),
            indicators: Cached::new(&schema.indicators),
            scratch: Vec::with_capacity(4096),
        }
    }

    /// Writes the lines of [`tasks`]; returns how many.
    pub fn write(
        &mut self,
        out: &mut dyn Write,
        paragraph: &Paragraph,
        text: &str,
        annotator: &str,
        label: &Label,
    ) -> io::Result<usize> {
        let caches = (&self.sections, &self.indicators);
        let tasks = build(paragraph, text, annotator, label, self.schema, Some(caches));
        for task in &tasks {
            self.scratch.clear();
            serde_json::to_writer(&mut self.scratch, task)?;
            let cached = match (task.options.is_none(), task.meta.kind) {
                (true, "section") => Some(&self.sections.json),
                (true, "indicators") => Some(&self.indicators.json),
                _ => None,
            };
            if let Some(json) = cached {
                self.scratch.pop(); // the closing brace
                self.scratch.extend_from_slice(b",\"options\":");
                self.scratch.extend_from_slice(json);
                self.scratch.push(b'}');
            }
            self.scratch.push(b'\n');
            out.write_all(&self.scratch)?;
        }
        Ok(tasks.len())
    }
}

/// The tasks; with `caches`, a choice task whose options are just the
/// schema's gets `options: None` (the writer appends the cached list).
fn build<'a>(
    paragraph: &'a Paragraph,
    text: &'a str,
    annotator: &'a str,
    label: &'a Label,
    schema: &'a Schema,
    caches: Option<(&Cached, &Cached)>,
) -> Vec<Task<'a>> {
    let input_hash = hash32(|h| h.update(text.as_bytes()));
    let session = format!("biaozhu-{annotator}");
    let timestamp = unix_seconds(&label.updated_at);
    let gold = Provenance::of(annotator, label);
    let base = |kind: &'static str, view_id: &'static str, options_digest: u64| Task {
        text,
        meta: Meta {
            id: paragraph.id(),
            doc: &paragraph.doc,
            para: paragraph.para,
            hash: &paragraph.hash,
            annotator,
            kind,
            done: label.done,
            gold: gold.clone(),
            suggested: label.suggested.as_deref(),
        },
        input_hash,
        task_hash: task_hash(input_hash, view_id, kind, options_digest),
        tokens: None,
        view_id,
        config: None,
        accept: None,
        spans: None,
        answer: "accept",
        timestamp,
        annotator_id: session.clone(),
        session_id: session.clone(),
        options: None,
    };
    // The options of one kind: from the cache when every chosen name is in
    // the schema, else listed (the schema's, then the unknown names).
    let choice = |defs: &'a [LabelDef], chosen: &'a [String], cache: Option<&Cached>| match cache {
        Some(c) if chosen.iter().all(|n| defs.iter().any(|d| &d.name == n)) => (None, c.digest),
        _ => {
            let options = options(defs, chosen);
            let d = digest(&options);
            (Some(options), d)
        }
    };
    let mut out = Vec::with_capacity(3);
    if let Some(section) = &label.section {
        let chosen = std::slice::from_ref(section);
        let (options, d) = choice(&schema.sections, chosen, caches.map(|c| c.0));
        out.push(Task {
            options,
            config: Some(ChoiceConfig {
                choice_style: "single",
            }),
            accept: Some(vec![section.as_str()]),
            ..base("section", "choice", d)
        });
    }
    if label.done || !label.indicators.is_empty() {
        let (options, d) = choice(&schema.indicators, &label.indicators, caches.map(|c| c.1));
        out.push(Task {
            options,
            config: Some(ChoiceConfig {
                choice_style: "multiple",
            }),
            accept: Some(label.indicators.iter().map(String::as_str).collect()),
            ..base("indicators", "choice", d)
        });
    }
    if !label.spans.is_empty() {
        let chars = CharIndex::new(text);
        let spans: Vec<TaskSpan> = label
            .spans
            .iter()
            .filter_map(|s| {
                let (start, end) = chars.clamp(s)?;
                Some(TaskSpan {
                    start,
                    end,
                    token_start: start,
                    token_end: end - 1,
                    label: &s.label,
                    text: chars.slice(start, end),
                })
            })
            .collect();
        if !spans.is_empty() {
            out.push(Task {
                tokens: Some(tokens(&chars)),
                spans: Some(spans),
                ..base("spans", "spans_manual", digest(&[]))
            });
        }
    }
    out
}

/// The schema's labels as options, then any of `chosen` the schema lacks
/// (their name as text).
fn options<'a>(defs: &'a [LabelDef], chosen: &'a [String]) -> Vec<Choice<'a>> {
    let mut out: Vec<Choice> = defs
        .iter()
        .map(|d| Choice {
            id: &d.name,
            text: &d.zh,
        })
        .collect();
    for name in chosen {
        if !defs.iter().any(|d| &d.name == name) {
            out.push(Choice {
                id: name,
                text: name,
            });
        }
    }
    out
}

/// One token per character; the tokens concatenate to the text.
pub fn tokens<'a>(chars: &CharIndex<'a>) -> Vec<Token<'a>> {
    (0..chars.len())
        .map(|i| Token {
            text: chars.char_at(i),
            start: i,
            end: i + 1,
            id: i,
            ws: false,
        })
        .collect()
}

/// xxh3-64 of the option ids, each followed by a 0 byte.
fn digest(options: &[Choice]) -> u64 {
    let mut h = Xxh3::new();
    for o in options {
        h.update(o.id.as_bytes());
        h.update(&[0]);
    }
    h.digest()
}

fn task_hash(input_hash: i32, view_id: &str, kind: &str, options_digest: u64) -> i32 {
    hash32(|h| {
        h.update(&input_hash.to_le_bytes());
        for part in [view_id, kind] {
            h.update(part.as_bytes());
            h.update(&[0]);
        }
        h.update(&options_digest.to_le_bytes());
    })
}

/// The low 32 bits of an xxh3-64 digest as a signed int, like Prodigy's.
fn hash32(feed: impl FnOnce(&mut Xxh3)) -> i32 {
    let mut h = Xxh3::new();
    feed(&mut h);
    h.digest() as u32 as i32
}

#[cfg(test)]
mod tests;
