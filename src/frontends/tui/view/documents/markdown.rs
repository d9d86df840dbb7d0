//! The preview of a document: its Markdown turned into styled terminal lines (headings,
//! emphasis, lists with a bullet, links with their address, tables), with the ⟦…⟧ markers
//! in the warning style so that what must be completed stands out.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::frontends::tui::theme::Theme;
use vigie::documents::context::{MARKER_CLOSE, MARKER_OPEN};

/// The lines of the preview of `markdown`, ready for a wrapping paragraph.
pub fn to_lines(markdown: &str, theme: Theme) -> Vec<Line<'static>> {
    let mut writer = Writer {
        theme,
        lines: Vec::new(),
        spans: Vec::new(),
        styles: vec![theme.text()],
        lists: Vec::new(),
        links: Vec::new(),
        in_marker: false,
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        writer.event(event);
    }
    writer.flush();
    while writer.lines.last().is_some_and(|l| l.spans.is_empty()) {
        writer.lines.pop();
    }
    writer.lines
}

struct Writer {
    theme: Theme,
    lines: Vec<Line<'static>>,
    /// The line being written.
    spans: Vec<Span<'static>>,
    /// The style of the text, innermost last.
    styles: Vec<Style>,
    /// Per open list: the number of its next item, or none for a bulleted list.
    lists: Vec<Option<u64>>,
    /// Per open link: its address.
    links: Vec<String>,
    /// Inside a ⟦…⟧ marker (which may span several text events).
    in_marker: bool,
}

impl Writer {
    fn style(&self) -> Style {
        self.styles.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, patch: Style) {
        let style = self.style().patch(patch);
        self.styles.push(style);
    }

    fn pop_style(&mut self) {
        if self.styles.len() > 1 {
            self.styles.pop();
        }
    }

    fn flush(&mut self) {
        if !self.spans.is_empty() {
            self.lines.push(Line::from(std::mem::take(&mut self.spans)));
        }
    }

    /// Ends the current block with an empty line, only one in a row.
    fn end_block(&mut self) {
        self.flush();
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::raw(""));
        }
    }

    /// Text, with the parts inside ⟦…⟧ in the warning style.
    fn text(&mut self, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let delimiter = if self.in_marker {
                MARKER_CLOSE
            } else {
                MARKER_OPEN
            };
            let (part, found) = match rest.find(delimiter) {
                Some(i) if self.in_marker => (&rest[..i + delimiter.len()], true),
                Some(i) => (&rest[..i], true),
                None => (rest, false),
            };
            if !part.is_empty() {
                let style = if self.in_marker {
                    self.theme.warning()
                } else {
                    self.style()
                };
                self.spans.push(Span::styled(part.to_string(), style));
            }
            rest = &rest[part.len()..];
            if found {
                // The opening sign stays at the start of `rest`, in the marker's span.
                self.in_marker = !self.in_marker;
            }
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.text(&text),
            Event::Code(code) => {
                self.push_style(self.theme.accent());
                self.text(&code);
                self.pop_style();
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.end_block();
                self.lines
                    .push(Line::styled("─".repeat(20), self.theme.muted()));
                self.lines.push(Line::raw(""));
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.end_block();
                let style = if level == HeadingLevel::H1 {
                    self.theme.title().add_modifier(Modifier::UNDERLINED)
                } else {
                    self.theme.title()
                };
                self.push_style(style);
            }
            Tag::Strong => self.push_style(self.theme.strong()),
            Tag::Emphasis => self.push_style(Style::new().add_modifier(Modifier::ITALIC)),
            Tag::Link { dest_url, .. } => {
                self.links.push(dest_url.to_string());
                self.push_style(self.theme.accent());
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let bullet = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        *number += 1;
                        format!("{}. ", *number - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.spans.push(Span::styled(
                    format!("{}{bullet}", "  ".repeat(depth)),
                    self.theme.accent(),
                ));
            }
            Tag::BlockQuote(_) => {
                self.end_block();
                self.push_style(Style::new().add_modifier(Modifier::ITALIC));
            }
            Tag::Image { .. } => self.push_style(self.theme.muted()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                self.pop_style();
                self.end_block();
            }
            TagEnd::Paragraph | TagEnd::Table | TagEnd::CodeBlock => self.end_block(),
            TagEnd::BlockQuote(_) => {
                self.pop_style();
                self.end_block();
            }
            TagEnd::Strong | TagEnd::Emphasis | TagEnd::Image => self.pop_style(),
            TagEnd::Link => {
                self.pop_style();
                let address = self.links.pop().unwrap_or_default();
                let shown: String = self.spans.iter().map(|s| s.content.as_ref()).collect();
                let bare = address.trim_start_matches("mailto:");
                if !address.is_empty() && !shown.ends_with(bare) {
                    self.spans
                        .push(Span::styled(format!(" ({address})"), self.theme.muted()));
                }
            }
            TagEnd::Item => self.flush(),
            TagEnd::List(_) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.end_block();
                }
            }
            TagEnd::TableCell => self.spans.push(Span::styled(" │ ", self.theme.muted())),
            TagEnd::TableHead => {
                self.flush();
            }
            TagEnd::TableRow => self.flush(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    fn span<'a>(lines: &'a [Line<'static>], content: &str) -> &'a Span<'static> {
        lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .find(|s| s.content.contains(content))
            .unwrap_or_else(|| panic!("no span with « {content} »"))
    }

    #[test]
    fn headings_emphasis_lists_links_and_markers_are_rendered() {
        let markdown = "# Mentions légales\n\n\
            Le site est édité par **Salon Émilie**.\n\n\
            - premier point\n- voir [la CNIL](https://www.cnil.fr)\n\n\
            1. un\n2. deux\n\n\
            Adresse : ⟦à compléter : adresse — question « adresse »⟧ puis la suite.\n";
        let theme = Theme::COLOUR;
        let lines = to_lines(markdown, theme);
        assert_eq!(
            texts(&lines),
            [
                "Mentions légales",
                "",
                "Le site est édité par Salon Émilie.",
                "",
                "• premier point",
                "• voir la CNIL (https://www.cnil.fr)",
                "",
                "1. un",
                "2. deux",
                "",
                "Adresse : ⟦à compléter : adresse — question « adresse »⟧ puis la suite.",
            ]
        );
        assert!(
            span(&lines, "Mentions légales")
                .style
                .add_modifier
                .contains(Modifier::BOLD)
        );
        assert_eq!(span(&lines, "Mentions légales").style.fg, theme.title().fg);
        assert!(
            span(&lines, "Salon Émilie")
                .style
                .add_modifier
                .contains(Modifier::BOLD)
        );
        assert!(
            !span(&lines, "Le site")
                .style
                .add_modifier
                .contains(Modifier::BOLD)
        );
        assert_eq!(span(&lines, "la CNIL").style, theme.accent());
        assert_eq!(span(&lines, "(https://www.cnil.fr)").style, theme.muted());
        assert_eq!(span(&lines, "⟦à compléter").style, theme.warning());
        assert!(span(&lines, "⟦à compléter").content.ends_with('⟧'));
        assert_eq!(span(&lines, " puis la suite.").style, theme.text());
    }

    #[test]
    fn a_marker_split_by_escapes_stays_highlighted_and_a_bare_address_is_not_repeated() {
        let theme = Theme::MONOCHROME;
        let lines = to_lines(
            "Voir ⟦à compléter : nom\\_du\\*site⟧ et <https://exemple.fr>.",
            theme,
        );
        assert_eq!(
            texts(&lines),
            ["Voir ⟦à compléter : nom_du*site⟧ et https://exemple.fr."]
        );
        for part in ["⟦à compléter : nom", "_", "*", "site⟧"] {
            assert_eq!(span(&lines, part).style, theme.warning(), "{part}");
        }
    }
}
