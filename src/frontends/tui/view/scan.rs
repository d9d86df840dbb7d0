//! « Analyser mon site »: the address field, then what the scan found and the answers it
//! proposes, to confirm (Entrée) or leave as proposals (Échap).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::{text_field, wrapped};
use crate::frontends::tui::model::{Model, ScanPage};
use vigie::model::french::short_date;

pub fn draw(model: &Model, page: &ScanPage, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let block = Block::bordered()
        .title(Line::styled(
            format!(" Analyser le site de {} ", page.name),
            theme.title(),
        ))
        .border_style(theme.muted());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width;
    let Some(done) = &page.done else {
        let mut lines = wrapped(
            "Quelle est l'adresse de votre site ? vigie lit l'accueil et les pages qui comptent \
             (mentions légales, confidentialité, cookies, contact…), puis vous propose des \
             réponses d'après ce qu'il a vu. C'est le seul moment où vigie utilise le réseau ; \
             rien n'est changé sans votre accord.",
            width,
            theme.text(),
        );
        lines.push(Line::raw(""));
        let [text, field, rest] = inner.layout(&Layout::vertical([
            Constraint::Length(u16::try_from(lines.len()).unwrap_or(u16::MAX)),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        frame.render_widget(Paragraph::new(lines), text);
        text_field(frame, field, &page.input, theme.strong(), theme, true);
        let note = match &page.error {
            Some(error) => wrapped(&format!("✗ {error}"), rest.width, theme.error()),
            None => wrapped(
                "Par exemple www.boulangerie-dupain.fr ; l'analyse prend quelques secondes.",
                rest.width,
                theme.muted(),
            ),
        };
        frame.render_widget(Paragraph::new(note), rest);
        return;
    };
    let mut lines = vec![Line::styled("Ce que vigie a vu", theme.strong())];
    for point in &done.summary {
        lines.extend(wrapped(&format!("  {point}"), width, theme.text()));
    }
    lines.push(Line::raw(""));
    if done.proposals.is_empty() {
        lines.extend(wrapped(
            "Aucune réponse à proposer : ce qui a été vu confirme vos réponses ou ne permet pas d'en proposer. Entrée ou Échap pour revenir.",
            width,
            theme.text(),
        ));
    } else {
        lines.push(Line::styled(
            format!(
                "Réponses proposées, observées le {} ({})",
                short_date(done.date),
                done.proposals.len()
            ),
            theme.strong(),
        ));
        for [question, proposed, current, evidence] in &done.proposals {
            lines.extend(wrapped(&format!("• {question}"), width, theme.text()));
            lines.extend(wrapped(
                &format!("    proposé : {proposed} (actuellement : {current})"),
                width,
                theme.strong(),
            ));
            lines.extend(wrapped(
                &format!("    preuve : {evidence}"),
                width,
                theme.muted(),
            ));
        }
        lines.push(Line::raw(""));
        lines.extend(wrapped(
            "Entrée confirme toutes ces réponses ; Échap les garde comme propositions sans rien changer (la note montre alors les contradictions).",
            width,
            theme.muted(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).scroll((page.scroll, 0)), inner);
}
