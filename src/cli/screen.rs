//! The terminal loop both screens share: draw, read a key, resolve it to
//! an action, update, and carry out the effects (write + flush into the
//! store) before the next frame is drawn; and the check that there is a
//! terminal to draw on, made before a screen's command creates anything.

use super::CliError;
use crate::annotate::keymap::Key;
use crate::annotate::Effect;
use crate::store::{now_rfc3339, LabelStore};
use crossterm::event::{self, Event};
use ratatui::Frame;
use std::io::{self, IsTerminal};
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

/// Refuse to start a screen without a terminal (`biaozhu < /dev/null`,
/// `ssh host biaozhu` without `-t`): a usage error naming `what` and the
/// stream at fault, with `instead` (what scripts can use) after it. Call it
/// before anything is created.
pub fn require_terminal(what: &str, instead: &str) -> Result<(), CliError> {
    match not_terminals(io::stdin().is_terminal(), io::stdout().is_terminal()) {
        None => Ok(()),
        Some(which) => Err(CliError::Usage(format!(
            "{what} needs a terminal ({which}); {instead}"
        ))),
    }
}

/// Which of stdin and stdout are not terminals, said for a message; None
/// when both are.
pub fn not_terminals(stdin: bool, stdout: bool) -> Option<&'static str> {
    match (stdin, stdout) {
        (true, true) => None,
        (false, true) => Some("stdin is not a terminal"),
        (true, false) => Some("stdout is not a terminal"),
        (false, false) => Some("stdin and stdout are not terminals"),
    }
}

/// Run `screen` in the terminal until it quits, persisting into `store`.
pub fn run<S: Screen>(screen: &mut S, store: &mut dyn LabelStore) -> Result<(), CliError> {
    let start = Instant::now();
    // try_init enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal first; a terminal that refuses
    // is an error, not a panic.
    let result = match ratatui::try_init() {
        Ok(mut terminal) => event_loop(&mut terminal, screen, store, start),
        Err(e) => Err(e.into()),
    };
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

#[cfg(test)]
mod tests {
    use super::not_terminals;

    #[test]
    fn names_each_stream_that_is_not_a_terminal() {
        assert_eq!(not_terminals(true, true), None);
        assert_eq!(not_terminals(false, true), Some("stdin is not a terminal"));
        assert_eq!(not_terminals(true, false), Some("stdout is not a terminal"));
        assert_eq!(
            not_terminals(false, false),
            Some("stdin and stdout are not terminals")
        );
    }
}
