//! The documents: which apply and whether they are complete, a preview, the formats and
//! the folder, and the files written.

mod markdown;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{text_field, window};
use crate::frontends::tui::model::{Documents, Model};
use crate::frontends::tui::theme::Theme;
use vigie::documents::DocumentState;
use vigie::documents::readme::marker_line;

fn state_style(theme: Theme, state: DocumentState) -> ratatui::style::Style {
    match state {
        DocumentState::Ready => theme.success(),
        DocumentState::ToComplete => theme.warning(),
        DocumentState::ToCorrect => theme.error(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn draw(model: &Model, page: &Documents, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let [main, options] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2),
    ]));
    let [list, preview] = main.layout(&Layout::horizontal([
        Constraint::Percentage(40),
        Constraint::Percentage(60),
    ]));
    let block = Block::bordered()
        .title(Line::styled(" Vos documents ", theme.title()))
        .border_style(theme.muted());
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let rows = usize::from(inner.height);
    let start = window(page.documents.len(), page.cursor, rows);
    let lines: Vec<Line> = page
        .documents
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .map(|(i, d)| {
            let state = d.state();
            let line = Line::from(vec![
                Span::styled(format!("{} ", state.sign()), state_style(theme, state)),
                Span::raw(d.title.clone()),
            ]);
            theme.row(line, i == page.cursor)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if !page.written.is_empty() {
        let folder = std::path::Path::new(page.folder.value().trim());
        let lines: Vec<Line> = page
            .written
            .iter()
            .map(|p| Line::raw(p.strip_prefix(folder).unwrap_or(p).display().to_string()))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).scroll((page.scroll, 0)).block(
                Block::bordered()
                    .title(Line::styled(
                        format!(
                            " {} fichiers écrits dans {} ",
                            page.written.len(),
                            folder.display()
                        ),
                        theme.success(),
                    ))
                    .title_bottom(
                        Line::styled(" ↑↓ : retour à l'aperçu ", theme.muted()).right_aligned(),
                    )
                    .border_style(theme.muted()),
            ),
            preview,
        );
    } else if let Some(document) = page.documents.get(page.cursor) {
        let state = document.state();
        let mut text = vec![Line::styled(
            format!("{} {}", state.sign(), capitalised(state.label())),
            state_style(theme, state),
        )];
        text.extend(
            document
                .markers
                .iter()
                .map(|m| Line::styled(format!("• {}", marker_line(m)), theme.text())),
        );
        text.push(Line::raw(""));
        text.extend(markdown::to_lines(&document.markdown, theme));
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .scroll((page.scroll, 0))
                .block(
                    Block::bordered()
                        .title(Line::styled(" Aperçu ", theme.title()))
                        .title_bottom(
                            Line::styled(" PgPréc/PgSuiv ", theme.muted()).right_aligned(),
                        )
                        .border_style(theme.muted()),
                ),
            preview,
        );
    }
    let [formats, folder] = options.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let mut spans = vec![Span::styled("Formats : ", theme.strong())];
    for (on, name) in page.formats.iter().zip(["Markdown", "HTML", "texte"]) {
        spans.push(Span::raw(format!(
            "[{}] {name}  ",
            if *on { "x" } else { " " }
        )));
    }
    frame.render_widget(Line::from(spans), formats);
    let [label, field] = folder.layout(&Layout::horizontal([
        Constraint::Length(10),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Line::styled("Dossier : ", theme.strong()), label);
    let style = if page.editing_folder {
        theme.selected()
    } else {
        theme.text()
    };
    text_field(
        frame,
        field,
        &page.folder,
        style,
        theme,
        page.editing_folder,
    );
}
