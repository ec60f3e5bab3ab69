//! `update(&mut Model, Action) -> Vec<Effect>`: every state change, no I/O.

use super::action::Action;
use super::model::{Mode, Model};
use super::moves::{doc_step, find_from, go_to, jump, move_on, position, search, step};
use super::scroll::{clamp_scroll, help_scroll, max_help_scroll, page_rows};
use super::search::{go_to_target, parse};
use crate::store::{Label, FLAG_REVIEW, FLAG_SKIP};
use crate::tui::clock::counted;
use crate::tui::effect::Effect;
use crate::tui::input::{Edit, TextInput};
use crate::tui::keymap::does_nothing;
use crate::tui::undo::UndoEntry;

pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
    if !matches!(
        action,
        Action::Tick { .. }
            | Action::Resize { .. }
            | Action::Saved(_)
            | Action::SaveFailed { .. }
            | Action::Learned(_)
            | Action::Read(_)
    ) {
        // A key: the labeling rate counts time at the keyboard.
        model.active.touch(model.now_ms);
        if let Some(reading) = &mut model.reading {
            reading.touched = true;
        }
    }
    match (&model.mode, action) {
        (_, Action::Tick { ms, wall }) => {
            model.now_ms = model.now_ms.max(ms);
            model.wall_clock = wall;
            let now = model.now_ms;
            model.ledger().tick(now)
        }
        (_, Action::Resize { width, height }) => {
            model.width = width;
            model.height = height;
            clamp_scroll(model);
            model.help_scroll = model.help_scroll.min(max_help_scroll(model));
            Vec::new()
        }
        (_, Action::Saved(seq)) => model.ledger().saved(seq),
        (_, Action::Read(batch)) => super::reading::arrive(model, batch),
        (_, Action::Learned(suggester)) => {
            model.prefill.suggester = suggester;
            model.refresh_prefill();
            model.rank();
            Vec::new()
        }
        (_, Action::SaveFailed { seq, message }) => {
            let now = model.now_ms;
            model.ledger().failed(seq, message, now);
            Vec::new()
        }
        (_, Action::Retry) => model.ledger().retry(),
        (_, Action::Suspend) => vec![Effect::Suspend],
        (_, Action::Quit) => model.ledger().quit(),
        (Mode::Help, Action::ToggleHelp | Action::Cancel) => {
            model.mode = Mode::Normal;
            Vec::new()
        }
        (Mode::Help, action) => {
            help_scroll(model, action);
            Vec::new()
        }
        (Mode::Search(_) | Mode::Note(_) | Mode::GoTo(_), action) => input(model, action),
        (Mode::Spans(_), action) => super::spans::update(model, action),
        (Mode::Normal, action) => normal(model, action),
    }
}

fn normal(model: &mut Model, action: Action) -> Vec<Effect> {
    model.message = None;
    match action {
        Action::SetSection(i) => match model.schema.sections.get(i) {
            Some(def) => {
                let name = def.name.clone();
                change(model, "section", |l| l.section = Some(name))
            }
            None => Vec::new(),
        },
        Action::ToggleIndicator(i) => match model.schema.indicators.get(i) {
            Some(def) => {
                let name = def.name.clone();
                change(model, "indicator", |l| toggle(&mut l.indicators, &name))
            }
            None => Vec::new(),
        },
        Action::Accept => accept(model),
        Action::Undo => undo(model),
        Action::ToggleFlag => change(model, "flag", |l| toggle(&mut l.flags, FLAG_REVIEW)),
        Action::ToggleSkip => skip(model),
        Action::Next => step(model, true),
        Action::Prev => step(model, false),
        Action::First => jump(
            model,
            (0..model.paragraphs.len()).find(|&i| model.visible(i)),
        ),
        Action::Last => jump(
            model,
            (0..model.paragraphs.len())
                .rev()
                .find(|&i| model.visible(i)),
        ),
        Action::NextDoc => doc_step(model, true),
        Action::PrevDoc => doc_step(model, false),
        Action::StartGoTo => {
            model.mode = Mode::GoTo(TextInput::default());
            Vec::new()
        }
        Action::ScrollDown => {
            model.scroll += page_rows(model).max(1) / 2 + 1;
            clamp_scroll(model);
            Vec::new()
        }
        Action::ScrollUp => {
            model.scroll = model.scroll.saturating_sub(page_rows(model).max(1) / 2 + 1);
            Vec::new()
        }
        Action::CycleFilter => {
            model.filter = model.filter.next();
            if !model.visible(model.cursor) {
                let next = find_from(model, model.cursor, true, |m, i| m.visible(i));
                if let Some(i) = next {
                    go_to(model, i);
                }
            }
            let shown = (0..model.paragraphs.len())
                .filter(|&i| model.visible(i))
                .count();
            model.message = Some(format!(
                "showing {} paragraphs: {shown}",
                model.filter.name()
            ));
            Vec::new()
        }
        Action::ToggleHelp => {
            model.mode = Mode::Help;
            model.help_scroll = 0;
            Vec::new()
        }
        Action::StartSearch => {
            model.mode = Mode::Search(TextInput::default());
            Vec::new()
        }
        Action::StartNote => {
            let note = model
                .label(model.cursor)
                .and_then(|l| l.note.clone())
                .unwrap_or_default();
            model.mode = Mode::Note(TextInput::new(&note));
            Vec::new()
        }
        Action::StartSpans => super::spans::start(model),
        Action::SearchNext => search(model, true),
        Action::SearchPrev => search(model, false),
        Action::Unbound(key) => {
            model.message = Some(does_nothing(key));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Keys typed into the search, note or go-to line.
fn input(model: &mut Model, action: Action) -> Vec<Effect> {
    let line = match &mut model.mode {
        Mode::Search(line) | Mode::Note(line) | Mode::GoTo(line) => line,
        _ => return Vec::new(),
    };
    let edit = match action {
        Action::Input(c) => Some(Edit::Insert(c)),
        Action::InputBackspace => Some(Edit::Backspace),
        Action::InputEdit(edit) => Some(edit),
        _ => None,
    };
    if let Some(edit) = edit {
        line.edit(edit);
        return Vec::new();
    }
    match action {
        Action::Cancel => {
            model.mode = Mode::Normal;
            Vec::new()
        }
        Action::InputSubmit => match std::mem::replace(&mut model.mode, Mode::Normal) {
            Mode::Search(query) if !query.is_empty() => match parse(query.text(), &model.schema) {
                Ok(_) => {
                    model.last_search = Some(query.text().to_owned());
                    search(model, true)
                }
                Err(e) => {
                    model.message = Some(e);
                    Vec::new()
                }
            },
            Mode::GoTo(target) => {
                match go_to_target(model, target.text()) {
                    Ok(i) => {
                        go_to(model, i);
                        model.message = Some(format!("at {}", position(model)));
                    }
                    Err(e) => model.message = Some(e),
                }
                Vec::new()
            }
            Mode::Note(note) => {
                let note = note.text().trim().to_owned();
                change(model, "note", |l| {
                    l.note = (!note.is_empty()).then_some(note)
                })
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn toggle(list: &mut Vec<String>, name: &str) {
    match list.iter().position(|x| x == name) {
        Some(i) => {
            list.remove(i);
        }
        None => {
            list.push(name.to_owned());
            list.sort();
        }
    }
}

/// Count time spent on the current paragraph since the last mark.
fn elapsed(model: &mut Model) -> u64 {
    let gap = counted(model.mark_ms, model.now_ms);
    model.mark_ms = model.now_ms;
    gap
}

fn blank_label(model: &Model, index: usize) -> Label {
    let p = &model.paragraphs[index];
    Label {
        // A label begun here: its time is counted from zero.
        duration_ms: Some(0),
        ..Label::empty(&p.doc, p.para as u32, &p.hash)
    }
}

/// The changes that take a pre-fill in: they say what the paragraph is.
const LABELING: &[&str] = &["section", "indicator", "accept"];

/// Apply `edit` to the current paragraph's label, remember the old one for
/// undo, and ask the shell to persist it.
pub(super) fn change(
    model: &mut Model,
    action: &'static str,
    edit: impl FnOnce(&mut Label),
) -> Vec<Effect> {
    let index = model.cursor;
    if index >= model.paragraphs.len() {
        return Vec::new();
    }
    let before = model.labels[index].as_deref().cloned();
    let mut label = before.clone().unwrap_or_else(|| blank_label(model, index));
    // A paragraph not labeled yet: what was pre-filled (or that nothing
    // was, on a control paragraph) becomes the label before a labeling key
    // acts (not a note, a flag, a skip or a span: the pre-fill stays).
    if LABELING.contains(&action) {
        model
            .prefill
            .begin(index, &model.paragraphs[index], &model.schema, &mut label);
    }
    edit(&mut label);
    if Some(&label) == before.as_ref() {
        return Vec::new();
    }
    // Unknown time (an imported label without it) stays unknown: the
    // total is not known however long this edit took.
    let spent = elapsed(model);
    label.duration_ms = label.duration_ms.map(|ms| ms.saturating_add(spent));
    label.updated_at = model.wall_clock.clone();
    model
        .before_session
        .entry(index)
        .or_insert_with(|| before.clone());
    model.undo.push(UndoEntry { index, before });
    model.ledger().persist(index, Some(label), action)
}

fn accept(model: &mut Model) -> Vec<Effect> {
    let index = model.cursor;
    if model.shown_section(index).0.is_none() {
        model.message =
            Some("choose a section type first (see the label pane, ? for help)".to_owned());
        return Vec::new();
    }
    // The pre-fill (section type and indicators) is taken in by `change`.
    let effects = change(model, "accept", |l| {
        l.done = true;
        // An answer given: no longer skipped.
        l.flags.retain(|f| f != FLAG_SKIP);
    });
    if !effects.is_empty() {
        model.accepted_this_session += 1;
    }
    move_on(model, index);
    effects
}

/// Ctrl-K: set the paragraph aside as skipped/unsure — not accepted — and
/// move on; on a skipped paragraph, take the skip back.
fn skip(model: &mut Model) -> Vec<Effect> {
    let index = model.cursor;
    let on = !model.is_skipped(index);
    let was_done = model.is_done(index);
    let effects = change(model, "skip", |l| {
        toggle(&mut l.flags, FLAG_SKIP);
        l.done = false;
    });
    if effects.is_empty() {
        return effects;
    }
    if was_done {
        model.accepted_this_session = model.accepted_this_session.saturating_sub(1);
    }
    let at = position(model);
    if on {
        move_on(model, index);
        if model.message.is_none() {
            model.message = Some(format!("skipped {at} (Ctrl-K there takes it back)"));
        }
    } else {
        model.message = Some(format!("{at} no longer skipped"));
    }
    effects
}

pub(super) fn undo(model: &mut Model) -> Vec<Effect> {
    let Some(entry) = model.undo.pop() else {
        model.message = Some("nothing to undo".to_owned());
        return Vec::new();
    };
    let UndoEntry { index, before } = entry;
    if model.labels[index].as_ref().is_some_and(|l| l.done)
        && !before.as_ref().is_some_and(|l| l.done)
    {
        model.accepted_this_session = model.accepted_this_session.saturating_sub(1);
    }
    go_to(model, index);
    let mut restored = before;
    if let Some(l) = restored.as_mut() {
        l.updated_at = model.wall_clock.clone();
    }
    model.ledger().persist(index, restored, "undo")
}
