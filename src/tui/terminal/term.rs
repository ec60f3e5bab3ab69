//! The terminal a screen draws on: entered (raw mode, alternate screen,
//! cursor hidden) and left again — on quit, on a signal, on a panic, for
//! Ctrl-Z — and whether it is still there.
//!
//! Leaving never fails and never writes to stderr: when the terminal has
//! gone (a hang-up), every write to it fails, and the standard library's
//! `eprintln!` (which ratatui's own restore and drop use) panics on that.

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::Once;

pub type Backend = CrosstermBackend<Stdout>;

/// The terminal while a screen is up. Dropping it leaves it.
pub struct Term {
    /// None once left for good.
    terminal: Option<Terminal<Backend>>,
    /// Whether this process had a controlling terminal when it began; only
    /// then does losing it mean the terminal went away.
    had_tty: bool,
}

impl Term {
    /// Raw mode, the alternate screen, the cursor hidden; a panic leaves
    /// them first.
    pub fn enter() -> io::Result<Term> {
        leave_on_panic();
        let had_tty = controlling_tty();
        enter_modes()?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()));
        match terminal {
            Ok(terminal) => Ok(Term {
                terminal: Some(terminal),
                had_tty,
            }),
            Err(e) => {
                leave_modes();
                Err(e)
            }
        }
    }

    pub fn terminal(&mut self) -> io::Result<&mut Terminal<Backend>> {
        self.terminal
            .as_mut()
            .ok_or_else(|| io::Error::other("the terminal was left"))
    }

    /// Give the terminal back to the shell and stop (Ctrl-Z, SIGTSTP);
    /// after `fg`, take it again and clear it for a full redraw.
    pub fn suspend(&mut self) -> io::Result<()> {
        leave_modes();
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        self.resume()
    }

    /// Take the terminal again (after SIGCONT: whoever stopped us may have
    /// changed its modes) and clear it, so the next frame draws it all.
    pub fn resume(&mut self) -> io::Result<()> {
        // Raw mode is remembered as on: off first, so that on sets it again.
        let _ = disable_raw_mode();
        enter_modes()?;
        // Not Terminal::clear, which asks the terminal where the cursor is
        // and waits for the answer that the terminal thread reads.
        let terminal = self.terminal()?;
        let size = terminal.size()?;
        terminal.resize(ratatui::layout::Rect::from((
            ratatui::layout::Position::ORIGIN,
            size,
        )))
    }

    /// Whether the terminal went away: this process had a controlling
    /// terminal and has none now (the kernel takes it away on a hang-up,
    /// whether or not SIGHUP reaches us).
    pub fn lost(&self) -> bool {
        self.had_tty && !controlling_tty()
    }

    /// Leave the terminal for good: raw mode off, the normal screen back,
    /// the cursor shown. Errors are ignored (there may be no terminal).
    pub fn leave(&mut self) {
        // Once: leaving the alternate screen twice restores the cursor
        // twice, over what the shell prints next.
        if let Some(mut terminal) = self.terminal.take() {
            leave_modes();
            // ratatui shows a hidden cursor on drop and writes to stderr
            // if that fails; the cursor is shown above already.
            if terminal.show_cursor().is_ok() {
                drop(terminal);
            } else {
                std::mem::forget(terminal);
            }
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.leave();
    }
}

fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide)
}

fn leave_modes() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, Show);
}

/// Whether this process has a controlling terminal (`/dev/tty` opens).
fn controlling_tty() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_ok()
}

/// A panic leaves the terminal before the message is printed, so that the
/// message shows on the normal screen.
fn leave_on_panic() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave_modes();
            previous(info);
        }));
    });
}
