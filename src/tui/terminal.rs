//! The terminal loop both screens share: draw, wait for a key or a signal,
//! resolve the key to an action, update, and carry out the effects (write
//! and flush into the store) before the next frame is drawn; and which of
//! stdin and stdout are not terminals, for the commands' check made before
//! a screen's command creates anything ([`crate::cli::require_terminal`]).
//!
//! The session ends cleanly — terminal restored, store closed by its
//! owner — on `q`, on SIGTERM, SIGINT, SIGHUP or SIGQUIT, and within a
//! second of the terminal going away (a hang-up without SIGHUP). Ctrl-Z
//! and SIGTSTP suspend it; `fg` draws it again.

mod ending;
mod events;
mod term;

pub use ending::{Closed, Ending};

use super::effect::Effect;
use super::key::Key;
use super::layout::fits;
use crate::store::{now_rfc3339, LabelStore, Unsent};
use crossterm::event::Event;
use events::{Input, Inputs};
use ratatui::Frame;
use signal_hook::consts::{SIGCONT, SIGTSTP};
use std::collections::VecDeque;
use std::io;
use std::time::{Duration, Instant};
use term::Term;

/// How long the loop waits for input before it looks at the clock and at
/// the terminal: the bound on noticing a terminal that went away.
const SLICE: Duration = Duration::from_millis(200);
/// How often the screen's clock moves (and a refused change is retried).
const TICK: Duration = Duration::from_secs(1);

/// What the loop needs from a screen's model.
pub trait Screen {
    type Action;
    fn render(&self, frame: &mut Frame);
    /// The action of `key` now (the keymap, a pure function).
    fn resolve(&self, key: Key) -> Option<Self::Action>;
    /// The terminal size the model was last told (its `Resize`).
    fn size(&self) -> (u16, u16);
    fn quit() -> Self::Action;
    /// The action of a key typed now, as the loop takes it: while the
    /// terminal is too small for the layout only quit (`q`, Ctrl-C) acts
    /// — nothing may change unseen — else [`Screen::resolve`].
    fn key(&self, key: Key) -> Option<Self::Action> {
        let (width, height) = self.size();
        if fits(width, height) {
            self.resolve(key)
        } else {
            matches!(key, Key::Char('q') | Key::Ctrl('c')).then(Self::quit)
        }
    }
    fn update(&mut self, action: Self::Action) -> Vec<Effect>;
    /// Changes shown on screen and not yet saved.
    fn unsaved(&self) -> usize;
    /// Those changes, oldest first (for a store that keeps them on this
    /// machine while its server is out of reach: [`LabelStore::keep`]).
    fn unsent(&self) -> Vec<Unsent<'_>> {
        Vec::new()
    }
    fn resized(width: u16, height: u16) -> Self::Action;
    fn ticked(ms: u64, wall: String) -> Self::Action;
    fn saved(seq: u64) -> Self::Action;
    fn save_failed(seq: u64, message: String) -> Self::Action;
    /// Write the refused changes again now.
    fn retry() -> Self::Action;
    /// Suspend (SIGTSTP from outside; Ctrl-Z is a key).
    fn suspend() -> Self::Action;
    /// A change was written to the store (`label` as it is now; None:
    /// removed): for a screen that learns from its labels.
    fn written(&mut self, _doc: &str, _para: u32, _label: Option<&crate::store::Label>) {}
    /// News from outside the screen (a suggester trained on more labels),
    /// asked at every tick.
    fn poll(&self) -> Option<Self::Action> {
        None
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

/// Run `screen` in the terminal until it quits, a signal ends it or the
/// terminal goes away, persisting into `store`. Changes still refused at
/// the end are tried once more. Fails only if the terminal cannot be
/// entered (or the signals caught).
pub fn run<S: Screen>(screen: &mut S, store: &mut dyn LabelStore) -> io::Result<Closed> {
    let start = Instant::now();
    let inputs = Inputs::catch_signals()?;
    let mut term = Term::enter()?;
    // Keys typed while the screen loaded wait in the terminal, in order.
    inputs.read_terminal()?;
    let ending = event_loop(&mut term, &inputs, screen, store, start);
    if screen.unsaved() > 0 {
        apply(screen, store, S::retry());
    }
    term.leave();
    let kept = store.waiting().min(screen.unsaved());
    Ok(Closed {
        ending,
        unsaved: screen.unsaved() - kept,
        kept,
    })
}

fn event_loop<S: Screen>(
    term: &mut Term,
    inputs: &Inputs,
    screen: &mut S,
    store: &mut dyn LabelStore,
    start: Instant,
) -> Ending {
    if let Err(e) = resized(term, screen) {
        return lost(e);
    }
    let mut ticked = Instant::now();
    tick(screen, store, start);
    loop {
        if let Err(e) = term
            .terminal()
            .and_then(|t| t.draw(|f| screen.render(f)).map(drop))
        {
            return lost(e);
        }
        crate::threads::first_frame_drawn();
        let input = loop {
            if let Some(input) = inputs.next(SLICE) {
                break Some(input);
            }
            if term.lost() {
                return Ending::TerminalLost("it is no longer this process's terminal".into());
            }
            if ticked.elapsed() >= TICK {
                break None;
            }
        };
        let action = match input {
            // Time to move the clock.
            None => {
                ticked = Instant::now();
                None
            }
            Some(Input::Terminal(Event::Key(key))) => {
                Key::from_event(&key).and_then(|k| screen.key(k))
            }
            Some(Input::Terminal(Event::Resize(width, height))) => Some(S::resized(width, height)),
            Some(Input::Terminal(_)) => None,
            Some(Input::Signal(SIGCONT)) => {
                if let Err(e) = term.resume().and_then(|()| resized(term, screen)) {
                    return lost(e);
                }
                None
            }
            Some(Input::Signal(SIGTSTP)) => Some(S::suspend()),
            Some(Input::Signal(signal)) => return Ending::Signal(signal),
            Some(Input::Closed(why)) => return Ending::TerminalLost(why),
        };
        let mut flow = tick(screen, store, start);
        if let Some(action) = action {
            flow = flow.then(apply(screen, store, action));
        }
        if flow.suspend {
            if let Err(e) = term.suspend().and_then(|()| resized(term, screen)) {
                return lost(e);
            }
        }
        if flow.quit {
            return Ending::Quit;
        }
    }
}

fn lost(e: io::Error) -> Ending {
    Ending::TerminalLost(e.to_string())
}

/// Tell the screen the terminal's size.
fn resized<S: Screen>(term: &mut Term, screen: &mut S) -> io::Result<()> {
    let size = term.terminal()?.size()?;
    screen.update(S::resized(size.width, size.height));
    Ok(())
}

fn tick<S: Screen>(screen: &mut S, store: &mut dyn LabelStore, start: Instant) -> Flow {
    let ms = start.elapsed().as_millis() as u64;
    let flow = apply(screen, store, S::ticked(ms, now_rfc3339()));
    match screen.poll() {
        Some(news) => flow.then(apply(screen, store, news)),
        None => flow,
    }
}

/// What the effects of an update ask of the loop.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flow {
    pub quit: bool,
    pub suspend: bool,
}

impl Flow {
    fn then(self, next: Flow) -> Flow {
        Flow {
            quit: self.quit || next.quit,
            suspend: self.suspend || next.suspend,
        }
    }
}

/// Update `screen` with `action` and carry out the effects.
pub fn apply<S: Screen>(screen: &mut S, store: &mut dyn LabelStore, action: S::Action) -> Flow {
    let effects = screen.update(action);
    let flow = perform(screen, store, effects);
    keep(screen, store);
    flow
}

/// While the store keeps changes on this machine (its server out of
/// reach), the screen's later changes, which wait behind them, are kept
/// too. Best effort: one that cannot be kept still waits on screen, not
/// shown saved.
fn keep<S: Screen>(screen: &S, store: &mut dyn LabelStore) {
    if store.waiting() > 0 && screen.unsaved() > store.waiting() {
        let _ = store.keep(&screen.unsent());
    }
}

/// Carry out `effects` in order, feeding each write's result back to the
/// screen as an action; the effects that feedback asks for (the next
/// waiting change) come before the rest.
fn perform<S: Screen>(screen: &mut S, store: &mut dyn LabelStore, effects: Vec<Effect>) -> Flow {
    let mut flow = Flow::default();
    let mut todo = VecDeque::from(effects);
    while let Some(effect) = todo.pop_front() {
        let feedback = match effect {
            Effect::Persist {
                seq,
                doc,
                para,
                label,
                action,
            } => match store.put(&doc, para, label.as_ref(), action) {
                Ok(()) => {
                    screen.written(&doc, para, label.as_ref());
                    S::saved(seq)
                }
                Err(e) => S::save_failed(seq, e.to_string()),
            },
            Effect::PersistMany {
                first,
                last,
                labels,
                action,
            } => match store.put_many(&labels, action) {
                Ok(()) => {
                    for label in &labels {
                        screen.written(&label.doc, label.para, Some(label));
                    }
                    S::saved(last)
                }
                Err(e) => S::save_failed(first, e.to_string()),
            },
            Effect::Park { seq, label, action } => {
                match store.park_many(std::slice::from_ref(&label), action) {
                    Ok(()) => S::saved(seq),
                    Err(e) => S::save_failed(seq, e.to_string()),
                }
            }
            Effect::Suspend => {
                flow.suspend = true;
                continue;
            }
            Effect::Quit => {
                flow.quit = true;
                continue;
            }
        };
        for next in screen.update(feedback).into_iter().rev() {
            todo.push_front(next);
        }
    }
    flow
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
