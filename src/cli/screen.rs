//! The terminal loop both screens share: draw, read a key, resolve it to
//! an action, update, and carry out the effects (write + flush into the
//! store) before the next frame is drawn.

use super::CliError;
use crate::annotate::keymap::Key;
use crate::annotate::Effect;
use crate::store::{now_rfc3339, LabelStore};
use crossterm::event::{self, Event};
use ratatui::Frame;
use std::time::{Duration, Instant};

/// What the loop needs from a screen's model.
pub trait Screen {
    type Action;
    fn render(&self, frame: &mut Frame);
    /// The action of `key` now (the keymap, a pure function).
    fn resolve(&self, key: Key) -> Option<Self::Action>;
    fn update(&mut self, action: Self::Action) -> Vec<Effect>;
    fn resized(width: u16, height: u16) -> Self::Action;
    fn ticked(ms: u64, wall: String) -> Self::Action;
    fn saved(seq: u64) -> Self::Action;
    fn save_failed(seq: u64, message: String) -> Self::Action;
}

/// Run `screen` in the terminal until it quits, persisting into `store`.
pub fn run<S: Screen>(screen: &mut S, store: &mut dyn LabelStore) -> Result<(), CliError> {
    let start = Instant::now();
    // ratatui::init enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal first.
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, screen, store, start);
    ratatui::restore();
    result
}

fn event_loop<S: Screen>(
    terminal: &mut ratatui::DefaultTerminal,
    screen: &mut S,
    store: &mut dyn LabelStore,
    start: Instant,
) -> Result<(), CliError> {
    let size = terminal.size()?;
    screen.update(S::resized(size.width, size.height));
    loop {
        tick(screen, start);
        terminal.draw(|frame| screen.render(frame))?;
        if !event::poll(Duration::from_millis(1000))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) => Key::from_event(&key).and_then(|k| screen.resolve(k)),
            Event::Resize(width, height) => Some(S::resized(width, height)),
            _ => None,
        };
        let Some(action) = action else { continue };
        tick(screen, start);
        let effects = screen.update(action);
        if perform(screen, store, effects) {
            return Ok(());
        }
    }
}

fn tick<S: Screen>(screen: &mut S, start: Instant) {
    let ms = start.elapsed().as_millis() as u64;
    screen.update(S::ticked(ms, now_rfc3339()));
}

/// Carry out `effects`, feeding results back as actions. Returns true on quit.
fn perform<S: Screen>(screen: &mut S, store: &mut dyn LabelStore, effects: Vec<Effect>) -> bool {
    let mut quit = false;
    for effect in effects {
        match effect {
            Effect::Persist {
                seq,
                doc,
                para,
                label,
                action,
            } => {
                let feedback = match store.put(&doc, para, label.as_ref(), action) {
                    Ok(()) => S::saved(seq),
                    Err(e) => S::save_failed(seq, e.to_string()),
                };
                screen.update(feedback);
            }
            Effect::Quit => quit = true,
        }
    }
    quit
}
