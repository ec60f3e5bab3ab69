//! What the terminal loop waits for, from one channel: terminal events
//! (read by a thread of their own, so that the loop never blocks in the
//! terminal and can notice a terminal that went away) and signals.

use crossterm::event::Event;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// The signals that end a session cleanly.
pub const ENDING: [i32; 4] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT];

/// One thing that happened.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    /// A signal arrived (one of [`ENDING`], SIGTSTP or SIGCONT).
    Signal(i32),
    /// Reading the terminal failed: it is gone.
    Closed(String),
}

/// The channel the loop reads, fed by the signal thread and, once
/// [`Inputs::read_terminal`] is called, the terminal thread.
pub struct Inputs {
    tx: Sender<Input>,
    rx: Receiver<Input>,
    signals: Handle,
}

impl Inputs {
    /// Catch the ending signals, SIGTSTP and SIGCONT from now on (instead
    /// of their default actions).
    pub fn catch_signals() -> io::Result<Inputs> {
        let mut wanted = ENDING.to_vec();
        wanted.extend([SIGTSTP, SIGCONT]);
        let mut signals = Signals::new(&wanted)?;
        let handle = signals.handle();
        let (tx, rx) = mpsc::channel();
        let to_loop = tx.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    if to_loop.send(Input::Signal(signal)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Inputs {
            tx,
            rx,
            signals: handle,
        })
    }

    /// Read terminal events from now on (call it once raw mode is on:
    /// keys typed before are waiting in the terminal and come first).
    pub fn read_terminal(&self) -> io::Result<()> {
        let to_loop = self.tx.clone();
        std::thread::Builder::new()
            .name("terminal".into())
            .spawn(move || loop {
                let input = match crossterm::event::read() {
                    Ok(event) => Input::Terminal(event),
                    Err(e) => Input::Closed(e.to_string()),
                };
                let closed = matches!(input, Input::Closed(_));
                if to_loop.send(input).is_err() || closed {
                    break;
                }
            })?;
        Ok(())
    }

    /// The next input, waiting at most `timeout`; None if nothing came.
    pub fn next(&self, timeout: Duration) -> Option<Input> {
        match self.rx.recv_timeout(timeout) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            // Unreachable while `self.tx` lives; said as what it would mean.
            Err(RecvTimeoutError::Disconnected) => Some(Input::Closed("no more input".into())),
        }
    }
}

impl Drop for Inputs {
    fn drop(&mut self) {
        self.signals.close();
    }
}

/// `SIGTERM`, `SIGHUP`, …: a signal's name for a message.
pub fn signal_name(signal: i32) -> String {
    match signal {
        SIGTERM => "SIGTERM".into(),
        SIGINT => "SIGINT".into(),
        SIGHUP => "SIGHUP".into(),
        SIGQUIT => "SIGQUIT".into(),
        SIGTSTP => "SIGTSTP".into(),
        SIGCONT => "SIGCONT".into(),
        other => format!("signal {other}"),
    }
}
