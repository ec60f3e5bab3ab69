//! Colours and emphasis for both screens, or emphasis alone when colour is off (`NO_COLOR`).
//! Only the 16 basic colours, so 16-colour terminals show the same thing;
//! text in the terminal's own foreground wherever it must be read on any
//! background (no yellow or white text).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    /// Context paragraphs around the current one.
    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }
    /// Headings: bold in the terminal's own foreground (cyan was faint on
    /// light backgrounds).
    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// Key letters: bold and underlined in the terminal's own foreground,
    /// so they read on dark and light backgrounds alike (yellow did not on
    /// light ones).
    pub fn key(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// A chosen label; `c` is the schema's colour for it.
    pub fn chosen(self, c: Option<Color>) -> Style {
        self.label_colored(Modifier::REVERSED | Modifier::BOLD, c)
    }
    /// `emphasis`, in a label's colour `c` when colour is on.
    fn label_colored(self, emphasis: Modifier, c: Option<Color>) -> Style {
        let base = Style::default().add_modifier(emphasis);
        match (self.color, c) {
            (true, Some(c)) => base.fg(c),
            _ => base,
        }
    }
    /// A pre-filled suggestion awaiting confirmation.
    pub fn suggested(self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
    }
    pub fn ok(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn error(self) -> Style {
        self.fg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    /// A version that agrees with the majority (review).
    pub fn agree(self) -> Style {
        self.fg(Color::Green)
    }
    /// A version that differs from the majority (review): red, and
    /// underlined so it shows without colour too.
    pub fn differ(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::UNDERLINED)
    }
    /// A search match in the text (underlined and bold: readable on dark
    /// and light backgrounds, with or without colour).
    pub fn found(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// The current search match: reversed as well.
    pub fn found_current(self) -> Style {
        self.found().add_modifier(Modifier::REVERSED)
    }
    /// A span in the text: its indicator's colour, and bold and
    /// underlined so it shows without colour too.
    pub fn span(self, c: Option<Color>) -> Style {
        self.label_colored(Modifier::BOLD | Modifier::UNDERLINED, c)
    }
    /// A suggested value in the span mode: italic and underlined (a span
    /// made is bold instead).
    pub fn span_suggested(self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
    }
    /// The span mode's cursor, and its selection.
    pub fn caret(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn plain(self) -> Style {
        Style::default()
    }
}
