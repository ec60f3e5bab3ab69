//! Moving through the corpus on the labeling screen: to the next
//! paragraph needing work after Enter (corpus order or `--order
//! uncertain`), step by step, by document, and by search.

use super::model::Model;
use super::search::{matches, parse};
use crate::corpus::doc_range;
use crate::tui::effect::Effect;

/// Go to the next paragraph in view that needs work (neither done nor
/// skipped) after `index`, or say there is none.
pub(super) fn move_on(model: &mut Model, index: usize) {
    let ok = |m: &Model, i: usize| m.needs_work(i) && m.visible(i);
    // --order uncertain: the least certain paragraph still to do first.
    if let Some(&i) = model.queue.iter().find(|&&i| i != index && ok(model, i)) {
        go_to(model, i);
        return;
    }
    match find_from(model, index, true, ok) {
        Some(i) => go_to(model, i),
        None => {
            model.message = Some(format!(
                "every paragraph in this view is done or skipped{}",
                so_far(model)
            ))
        }
    }
}

/// The current paragraph as the status line counts it: `doc #n`, n from 1.
pub(super) fn position(model: &Model) -> String {
    match model.current() {
        Some(p) => format!("{} #{}", p.doc, model.cursor - model.doc_range().start + 1),
        None => String::new(),
    }
}

/// Ctrl-N / Ctrl-P: the first paragraph of the next / previous document,
/// whatever the filter shows.
pub(super) fn doc_step(model: &mut Model, forward: bool) -> Vec<Effect> {
    let range = model.doc_range();
    let target = if forward {
        (range.end < model.paragraphs.len()).then_some(range.end)
    } else {
        (range.start > 0).then(|| doc_range(&model.paragraphs, range.start - 1).start)
    };
    match target {
        Some(i) => {
            go_to(model, i);
            let docs = documents(model);
            let k = docs.iter().filter(|&&s| s <= i).count();
            model.message = Some(format!("{}: document {k}/{}", position(model), docs.len()));
        }
        None if forward => {
            model.message = Some(format!("already in the last document{}", so_far(model)))
        }
        None => model.message = Some("already in the first document".to_owned()),
    }
    Vec::new()
}

/// The index of each document's first paragraph.
pub(super) fn documents(model: &Model) -> Vec<usize> {
    (0..model.paragraphs.len())
        .filter(|&i| i == 0 || model.paragraphs[i].doc != model.paragraphs[i - 1].doc)
        .collect()
}

/// The first paragraph after (or before) `from`, wrapping, that satisfies `ok`.
pub(super) fn find_from(
    model: &Model,
    from: usize,
    forward: bool,
    ok: impl Fn(&Model, usize) -> bool,
) -> Option<usize> {
    let n = model.paragraphs.len();
    (1..=n)
        .map(|k| {
            if forward {
                (from + k) % n
            } else {
                (from + n - k) % n
            }
        })
        .find(|&i| ok(model, i))
}

pub(super) fn step(model: &mut Model, forward: bool) -> Vec<Effect> {
    let target = if forward {
        (model.cursor + 1..model.paragraphs.len()).find(|&i| model.visible(i))
    } else {
        (0..model.cursor).rev().find(|&i| model.visible(i))
    };
    jump(model, target)
}

pub(super) fn jump(model: &mut Model, target: Option<usize>) -> Vec<Effect> {
    if let Some(i) = target {
        go_to(model, i);
    }
    Vec::new()
}

pub(super) fn go_to(model: &mut Model, index: usize) {
    if index != model.cursor {
        model.cursor = index;
        model.scroll = 0;
        model.mark_ms = model.now_ms;
        model.refresh_prefill();
    }
}

pub(super) fn search(model: &mut Model, forward: bool) -> Vec<Effect> {
    let Some(text) = model.last_search.clone() else {
        model.message = Some("no search yet: press / to search".to_owned());
        return Vec::new();
    };
    let query = match parse(&text, &model.schema) {
        Ok(q) => q,
        Err(e) => {
            model.message = Some(e);
            return Vec::new();
        }
    };
    let hit = |m: &Model, i: usize| m.visible(i) && matches(m, &query, i);
    match find_from(model, model.cursor, forward, hit) {
        Some(i) => {
            let wrapped = (i <= model.cursor) == forward;
            go_to(model, i);
            let all: Vec<usize> = (0..model.paragraphs.len())
                .filter(|&j| hit(model, j))
                .collect();
            let k = all.iter().position(|&j| j == i).map_or(0, |k| k + 1);
            let count = format!("“{text}” {k}/{}", all.len());
            model.message = Some(if wrapped {
                format!("{count}: search wrapped")
            } else {
                count
            });
        }
        None => model.message = Some(format!("“{text}” not found{}", so_far(model))),
    }
    Vec::new()
}

/// While the corpus is still being read: what a search or a move that
/// found nothing has looked through (`` in the 340 of 1000 files read
/// so far``); nothing once every file is in.
fn so_far(model: &Model) -> String {
    model
        .reading
        .as_ref()
        .map_or(String::new(), |r| r.progress.so_far())
}
