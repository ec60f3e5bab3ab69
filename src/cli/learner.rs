//! The labeling screen's suggester, trained in the background: a trainer
//! thread ([`crate::suggest::trainer`]) fed first the labels so far (every
//! annotator's store and the gold set, or `--learn-from`'s, read from the
//! journals on a thread of their own so the first frame does not wait),
//! then every label the screen writes. The screen asks for the newest
//! model at each tick ([`crate::tui::terminal::Screen::poll`]).

use super::labels::AnnotatorLabels;
use super::suggest_cmd::{before, example_key, examples_at_most, learning_sources};
use super::{CliError, Config};
use crate::annotate::prefill::{Learning, Shared};
use crate::annotate::{Action, Model};
use crate::corpus::Paragraph;
use crate::store::{validate_annotator, Label, GOLD};
use crate::suggest::trainer::Trainer;
use crate::suggest::{Context, Example};
use crate::text::sanitize::plain;
use std::sync::Arc;

/// At most about this many of the labels so far go into the screen's model
/// (an even sample when there are more): retraining stays well under a
/// second and the examples' features a few hundred MB at most.
const MAX_START: usize = 20_000;

/// Check `--learn-from`'s names now (exit 2 before the screen), before the
/// stores are read in the background.
pub fn check_sources(config: &Config, learn_from: &[String]) -> Result<(), CliError> {
    if learn_from.is_empty() {
        return Ok(());
    }
    let existing = config.stores.names().unwrap_or_default();
    for name in learn_from {
        if name == GOLD {
            if !config.stores.gold_exists().unwrap_or(false) {
                return Err(CliError::Usage(
                    "--learn-from gold: there is no gold set (run `biaozhu review` first)".into(),
                ));
            }
            continue;
        }
        validate_annotator(name)?;
        if !existing.contains(name) {
            return Err(CliError::Usage(format!(
                "--learn-from {}: no store of that name",
                plain(name)
            )));
        }
    }
    Ok(())
}

/// Start the trainer for `model` and read the labels so far into it on a
/// background thread.
pub fn start(config: &Config, learn_from: &[String], model: &mut Model) {
    let patterns = model.prefill.suggester.0.patterns().clone();
    let trainer = Arc::new(Trainer::start(patterns.clone(), Vec::new()));
    model.prefill.learning = Some(Learning(Arc::clone(&trainer)));
    let config = config.clone();
    let learn_from = learn_from.to_vec();
    let schema = model.schema.clone();
    let paragraphs = Arc::clone(&model.paragraphs);
    std::thread::Builder::new()
        .name("suggest-reader".into())
        .spawn(move || {
            crate::threads::run_when_idle();
            // A store that cannot be read now is left out: the screen
            // works without it, and `biaozhu check` names it.
            let sources: Vec<AnnotatorLabels> =
                learning_sources(&config, &learn_from, &paragraphs).unwrap_or_default();
            let start = examples_at_most(&sources, &paragraphs, &schema, &patterns, MAX_START);
            for (key, example) in start {
                trainer.feed(key, Some(example));
            }
        })
        .ok();
}

/// Feed the label just written on paragraph `doc`#`para` to the trainer.
pub fn written(model: &Model, doc: &str, para: u32, label: Option<&Label>) {
    let Some(Learning(trainer)) = &model.prefill.learning else {
        return;
    };
    let Some(index) = find(&model.paragraphs, model.cursor, doc, para) else {
        return;
    };
    let example = label.and_then(|l| {
        let before = before(&model.paragraphs, index, &model.labels, &model.schema);
        let context = Context::of(&model.paragraphs, index, before);
        Example::new(
            model.prefill.suggester.0.patterns(),
            &model.schema,
            &context,
            l,
        )
    });
    trainer.feed(
        example_key(&model.annotator, &model.paragraphs[index].id()),
        example,
    );
}

/// A newer suggester than the screen's, if the trainer has one.
pub fn poll(model: &Model) -> Option<Action> {
    let Learning(trainer) = model.prefill.learning.as_ref()?;
    let newest = trainer.current();
    (!Arc::ptr_eq(&newest, &model.prefill.suggester.0)).then(|| Action::Learned(Shared(newest)))
}

/// The index of paragraph `doc`#`para`, looked for from `near` outwards
/// (a change is almost always on the paragraph at the cursor).
fn find(paragraphs: &[Paragraph], near: usize, doc: &str, para: u32) -> Option<usize> {
    let is = |i: usize| paragraphs[i].doc == doc && paragraphs[i].para as u32 == para;
    if near < paragraphs.len() && is(near) {
        return Some(near);
    }
    (0..paragraphs.len()).find(|&i| is(i))
}
