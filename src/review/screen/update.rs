//! `update(&mut Model, Action) -> Vec<Effect>` for the review screen: every
//! state change, no I/O. A decision becomes an [`Effect::Persist`] into the
//! gold store, which the shell writes and flushes before the next frame.

use super::action::Action;
use super::model::{majority_draft, provenance, Filter, Mode, Model, Origin, Pending, Sort};
use crate::review::queue::{gold_label, Decider};
use crate::store::{GoldSource, Label};
use crate::tui::clock::counted;
use crate::tui::effect::Effect;
use crate::tui::keymap::does_nothing;
use crate::tui::layout::{overlay_rows, scroll_limit, text_rows};
use crate::tui::undo::UndoEntry;

pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
    match (model.mode, action) {
        (_, Action::Tick { ms, wall }) => {
            model.now_ms = model.now_ms.max(ms);
            model.wall_clock = wall;
            let now = model.now_ms;
            return model.ledger().tick(now);
        }
        (_, Action::Resize { width, height }) => {
            model.width = width;
            model.height = height;
            model.scroll = model.scroll.min(max_scroll(model));
            model.help_scroll = model.help_scroll.min(max_overlay_scroll(model));
        }
        (_, Action::Saved(seq)) => return model.ledger().saved(seq),
        (_, Action::Read(batch)) => return super::reading::arrive(model, batch),
        (_, Action::SaveFailed { seq, message }) => {
            let now = model.now_ms;
            model.ledger().failed(seq, message, now);
        }
        (_, Action::Retry) => return model.ledger().retry(),
        (_, Action::Suspend) => return vec![Effect::Suspend],
        (_, Action::Quit) if model.mode != Mode::Confirm => return model.ledger().quit(),
        (Mode::Help, Action::ToggleHelp | Action::Cancel)
        | (Mode::Notes, Action::ToggleNotes | Action::Cancel) => model.mode = Mode::Normal,
        (Mode::Help | Mode::Notes, action) => overlay_scroll(model, action),
        (Mode::Take, action) => {
            model.mode = Mode::Normal;
            model.message = None;
            if let Action::Take(a) = action {
                take(model, a);
            }
        }
        (Mode::Confirm, Action::Confirm) => {
            model.mode = Mode::Normal;
            model.message = None;
            if let Some(pending) = model.pending.take() {
                return write(model, pending.index, pending.label);
            }
        }
        (Mode::Confirm, Action::Cancel) => {
            model.mode = Mode::Normal;
            model.pending = None;
            model.message = Some("not overwritten: the earlier decision stays".to_owned());
        }
        (Mode::Confirm, _) => {}
        (Mode::Spans(_), action) => super::spans::update(model, action),
        (Mode::Normal, action) => return normal(model, action),
    }
    Vec::new()
}

fn normal(model: &mut Model, action: Action) -> Vec<Effect> {
    model.message = None;
    match action {
        Action::Decide => return decide(model),
        Action::Undo => return undo(model),
        Action::SetSection(i) => {
            if let Some(def) = model.schema.sections.get(i) {
                let name = Some(def.name.clone());
                edit(model, |c| c.section = name);
            }
        }
        Action::ToggleIndicator(i) => {
            if let Some(def) = model.schema.indicators.get(i) {
                let name = def.name.clone();
                edit(model, |c| match c.indicators.binary_search(&name) {
                    Ok(at) => {
                        c.indicators.remove(at);
                    }
                    Err(at) => c.indicators.insert(at, name),
                });
            }
        }
        Action::Take(a) => take(model, a),
        Action::StartSpans => super::spans::start(model),
        Action::StartTake => {
            model.mode = Mode::Take;
            model.message = Some(format!(
                "take annotator: press 1 to {} (any other key cancels)",
                model.annotators.len().min(9)
            ));
        }
        Action::ToggleNotes => {
            if model.case().is_some_and(|c| !c.notes.is_empty()) {
                model.mode = Mode::Notes;
                model.help_scroll = 0;
            } else {
                model.message = Some("no notes on this paragraph".to_owned());
            }
        }
        Action::Majority => {
            if let Some(case) = model.case() {
                model.draft = majority_draft(case);
            }
        }
        Action::Next => step(model, true),
        Action::Prev => step(model, false),
        Action::First => jump(model, (0..model.order.len()).find(|&p| model.visible(p))),
        Action::Last => jump(model, (0..model.order.len()).rfind(|&p| model.visible(p))),
        Action::ScrollDown => {
            model.scroll = (model.scroll + half_page(model)).min(max_scroll(model));
        }
        Action::ScrollUp => model.scroll = model.scroll.saturating_sub(half_page(model)),
        Action::CycleFilter => {
            model.filter = match model.filter {
                Filter::All => Filter::Undecided,
                Filter::Undecided => Filter::All,
            };
            if !model.order.is_empty() && !model.visible(model.pos) {
                step(model, true);
            }
        }
        Action::ToggleSort => {
            let current = model.order.get(model.pos).copied();
            model.sort = match model.sort {
                Sort::Disagreement => Sort::Corpus,
                Sort::Corpus => Sort::Disagreement,
            };
            model.order = model.sorted(model.sort);
            model.pos = current
                .and_then(|c| model.order.iter().position(|&o| o == c))
                .unwrap_or(0);
        }
        Action::ToggleHelp => {
            model.mode = Mode::Help;
            model.help_scroll = 0;
        }
        Action::Unbound(key) => model.message = Some(does_nothing(key)),
        Action::Cancel
        | Action::Span(_)
        | Action::Confirm
        | Action::Quit
        | Action::Retry
        | Action::Suspend
        | Action::Tick { .. }
        | Action::Resize { .. }
        | Action::Saved(_)
        | Action::Read(_)
        | Action::SaveFailed { .. } => {}
    }
    Vec::new()
}

/// Change the proposal with a label key.
pub(super) fn edit(model: &mut Model, change: impl FnOnce(&mut crate::review::queue::Choice)) {
    if model.case().is_none() {
        return;
    }
    let mut choice = model.draft.choice.clone();
    change(&mut choice);
    if choice != model.draft.choice {
        model.draft.choice = choice;
        model.draft.origin = Origin::Edited;
    }
}

/// Annotator `a`'s version as the proposal.
fn take(model: &mut Model, a: usize) {
    let Some(case) = model.case() else { return };
    let Some(name) = model.annotators.get(a) else {
        model.message = Some(format!(
            "no annotator {}: this review compares {} (Alt-1 to Alt-{})",
            a + 1,
            model.annotators.len(),
            model.annotators.len()
        ));
        return;
    };
    match case.version_of(a) {
        Some(v) => {
            model.draft.choice = v.choice.clone();
            model.draft.origin = Origin::Annotator(a);
        }
        None => model.message = Some(format!("{name} did not label this paragraph")),
    }
}

/// Write the proposal to gold, then go to the next undecided paragraph. A
/// proposal without a section type is refused (the message names the
/// section keys); one that would overwrite another reviewer's decision
/// waits for y/n.
fn decide(model: &mut Model) -> Vec<Effect> {
    let Some(case) = model.case() else {
        model.message = Some("nothing to review".to_owned());
        return Vec::new();
    };
    let index = case.index;
    let source = match model.draft.origin {
        Origin::Gold | Origin::Nothing => {
            advance(model);
            return Vec::new();
        }
        Origin::Majority if case.is_settled() => GoldSource::Unanimous,
        Origin::Majority => GoldSource::Majority,
        Origin::Annotator(_) | Origin::Edited => GoldSource::Adjudicated,
    };
    if model.draft.choice.section.is_none() {
        model.message = Some(format!(
            "gold needs a section type: press a section key ({}), then Enter",
            model.section_keys()
        ));
        return Vec::new();
    }
    let names = case.annotator_names(&model.annotators);
    let duration_ms = counted(model.mark_ms, model.now_ms);
    let label = gold_label(
        &model.paragraphs[index],
        &model.draft.choice,
        source,
        names,
        Decider {
            reviewer: &model.reviewer,
            at: &model.wall_clock,
            duration_ms,
        },
    );
    if let Some(earlier) = model.gold[index]
        .as_ref()
        .filter(|g| g.reviewer.as_deref() != Some(model.reviewer.as_str()))
    {
        model.message = Some(format!(
            "already decided: {}. Overwrite? y/n",
            provenance(earlier)
        ));
        model.pending = Some(Pending { index, label });
        model.mode = Mode::Confirm;
        return Vec::new();
    }
    write(model, index, label)
}

/// Persist `label` as the gold of paragraph `index` (undoable), then on to
/// the next undecided paragraph.
fn write(model: &mut Model, index: usize, label: Label) -> Vec<Effect> {
    let before = model.gold[index].as_deref().cloned();
    model.undo.push(UndoEntry { index, before });
    let effects = model.ledger().persist(index, Some(label), "adjudicate");
    advance(model);
    effects
}

/// To the next undecided paragraph in the queue's order (wrapping), or say
/// that there is none.
fn advance(model: &mut Model) {
    let n = model.order.len();
    let next = (1..=n)
        .map(|k| (model.pos + k) % n)
        .find(|&p| !model.is_decided(model.order[p]) && model.visible(p));
    match next {
        Some(p) => go_to(model, p),
        None => {
            let (decided, total) = model.progress();
            model.message = Some(if total == 1 {
                "the one paragraph in the queue is decided".to_owned()
            } else {
                format!("all {decided} of {total} paragraphs in the queue are decided")
            });
            let pos = model.pos;
            go_to(model, pos);
        }
    }
}

fn undo(model: &mut Model) -> Vec<Effect> {
    let Some(entry) = model.undo.pop() else {
        model.message = Some("nothing to undo".to_owned());
        return Vec::new();
    };
    if let Some(c) = model.cases.iter().position(|c| c.index == entry.index) {
        if let Some(p) = model.order.iter().position(|&o| o == c) {
            go_to(model, p);
        }
    }
    let UndoEntry { index, before } = entry;
    let effects = model.ledger().persist(index, before, "undo");
    model.draft = model.fresh_draft();
    effects
}

fn step(model: &mut Model, forward: bool) {
    let n = model.order.len();
    let found = if forward {
        (model.pos + 1..n).find(|&p| model.visible(p))
    } else {
        (0..model.pos.min(n)).rev().find(|&p| model.visible(p))
    };
    match found {
        Some(p) => go_to(model, p),
        None => {
            model.message = Some(
                if forward {
                    "end of the queue"
                } else {
                    "start of the queue"
                }
                .to_owned(),
            )
        }
    }
}

fn jump(model: &mut Model, target: Option<usize>) {
    if let Some(p) = target {
        go_to(model, p);
    }
}

fn go_to(model: &mut Model, pos: usize) {
    model.pos = pos;
    model.scroll = 0;
    model.mark_ms = model.now_ms;
    model.draft = model.fresh_draft();
}

fn half_page(model: &Model) -> usize {
    text_rows(model.width, model.height).max(1) / 2 + 1
}

pub(super) fn max_scroll(model: &Model) -> usize {
    model.paragraph().map_or(0, |p| {
        scroll_limit(&p.text.load(), model.width, model.height)
    })
}

/// How far the open overlay (help or notes) scrolls.
fn max_overlay_scroll(model: &Model) -> usize {
    let rows = match model.mode {
        Mode::Notes => super::view::notes_rows(model),
        _ => super::view::help_rows(model),
    };
    rows.saturating_sub(overlay_rows(model.height))
}

fn overlay_scroll(model: &mut Model, action: Action) {
    let page = overlay_rows(model.height).max(1);
    let max = max_overlay_scroll(model);
    model.help_scroll = match action {
        Action::Next => model.help_scroll + 1,
        Action::Prev => model.help_scroll.saturating_sub(1),
        Action::ScrollDown => model.help_scroll + page / 2,
        Action::ScrollUp => model.help_scroll.saturating_sub(page / 2),
        Action::First => 0,
        Action::Last => max,
        _ => model.help_scroll,
    }
    .min(max);
}
