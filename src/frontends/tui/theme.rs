//! Semantic styles. Widgets ask for a role, never for a colour, so the monochrome theme
//! (NO_COLOR) keeps every signal through modifiers and glyphs.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
}

impl Theme {
    pub const COLOUR: Theme = Theme { colour: true };
    pub const MONOCHROME: Theme = Theme { colour: false };

    /// The theme for this environment: monochrome when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::MONOCHROME,
            _ => Theme::COLOUR,
        }
    }

    pub fn is_monochrome(self) -> bool {
        !self.colour
    }

    fn paint(self, colour: Color, modifiers: Modifier) -> Style {
        let style = Style::new().add_modifier(modifiers);
        if self.colour { style.fg(colour) } else { style }
    }

    pub fn title(self) -> Style {
        self.paint(Color::Cyan, Modifier::BOLD)
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn muted(self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn accent(self) -> Style {
        self.paint(Color::Cyan, Modifier::empty())
    }

    /// The highlighted row: reversed, so it survives without colour.
    pub fn selected(self) -> Style {
        self.paint(Color::Cyan, Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn success(self) -> Style {
        self.paint(Color::Green, Modifier::BOLD)
    }

    pub fn warning(self) -> Style {
        self.paint(Color::Yellow, Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.paint(Color::Red, Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.paint(Color::Cyan, Modifier::BOLD)
    }

    /// A list row, reversed when it is the selected one.
    pub fn row(self, line: ratatui::text::Line<'_>, selected: bool) -> ratatui::text::Line<'_> {
        if selected {
            line.style(self.selected())
        } else {
            line
        }
    }

    /// The style of a score: good, middling or poor.
    pub fn score(self, score: Option<u8>) -> Style {
        match score {
            Some(s) if s >= 80 => self.success(),
            Some(s) if s >= 50 => self.warning(),
            Some(_) => self.error(),
            None => self.muted(),
        }
    }
}
