//! How a screen session ended, and what the command says and returns for
//! it.

use super::events::signal_name;
use crate::tui::ledger::changes;

/// Why the terminal loop stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// `q` (or Ctrl-C, which raw mode turns into a key).
    Quit,
    /// SIGTERM, SIGINT, SIGHUP or SIGQUIT (its number).
    Signal(i32),
    /// The terminal went away (why), with or without a SIGHUP.
    TerminalLost(String),
}

/// A session over: how it ended and how many changes shown on screen the
/// store had still refused at the end (after a last try).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub ending: Ending,
    pub unsaved: usize,
    /// Changes shown that the store keeps on this machine, not yet on its
    /// database server (sent when the store next opens).
    pub kept: usize,
}

impl Closed {
    /// Ok for a quit with everything saved; otherwise itself, as the error
    /// that says how the session ended (and its exit status:
    /// [`Closed::exit_code`]).
    pub fn result(self) -> Result<(), Closed> {
        if self
            == (Closed {
                ending: Ending::Quit,
                unsaved: 0,
                kept: 0,
            })
        {
            return Ok(());
        }
        Err(self)
    }

    /// The exit status of a session that ended so: 128 + the signal's
    /// number, 129 when the terminal went away, 1 for a quit that left
    /// changes unsaved.
    pub fn exit_code(&self) -> i32 {
        match self.ending {
            Ending::Quit => 1,
            Ending::Signal(signal) => 128 + signal,
            Ending::TerminalLost(_) => 128 + signal_hook::consts::SIGHUP,
        }
    }

    pub fn terminal_lost(&self) -> bool {
        matches!(self.ending, Ending::TerminalLost(_))
    }
}

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.ending {
            Ending::Quit => write!(f, "quit")?,
            Ending::Signal(signal) => write!(f, "ended by {}", signal_name(*signal))?,
            Ending::TerminalLost(why) => write!(f, "the terminal went away ({why})")?,
        }
        if self.kept > 0 {
            write!(
                f,
                "; {} shown {} not on the database server yet: kept on this machine and sent \
                 when the store next opens",
                changes(self.kept),
                if self.kept == 1 { "is" } else { "are" }
            )?;
            if self.unsaved == 0 {
                return Ok(());
            }
        }
        match self.unsaved {
            0 => write!(f, "; every change shown was saved"),
            n => write!(
                f,
                "; {} shown could not be saved (the store refused {}: NOT SAVED) and {} lost",
                changes(n),
                if n == 1 { "it" } else { "them" },
                if n == 1 { "is" } else { "are" }
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_how_it_ended_and_what_was_lost_with_the_exit_status() {
        let closed = |ending, unsaved| Closed {
            ending,
            unsaved,
            kept: 0,
        };
        let term = closed(Ending::Signal(15), 0);
        assert_eq!(
            term.to_string(),
            "ended by SIGTERM; every change shown was saved"
        );
        assert_eq!(term.exit_code(), 143);
        let quit = closed(Ending::Quit, 2);
        assert_eq!(
            quit.to_string(),
            "quit; 2 changes shown could not be saved (the store refused them: NOT SAVED) \
             and are lost"
        );
        assert_eq!(quit.exit_code(), 1);
        let kept = Closed {
            ending: Ending::Quit,
            unsaved: 0,
            kept: 2,
        };
        assert_eq!(
            kept.to_string(),
            "quit; 2 changes shown are not on the database server yet: kept on this machine \
             and sent when the store next opens"
        );
        assert_eq!(kept.exit_code(), 1);
        let lost = closed(Ending::TerminalLost("gone".into()), 0);
        assert_eq!(lost.exit_code(), 129);
        assert!(lost.terminal_lost());
        assert!(closed(Ending::Quit, 0).result().is_ok());
        assert!(closed(Ending::Signal(1), 0).result().is_err());
    }
}
