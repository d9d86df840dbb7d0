//! The home screen (organisations) and the new-organisation form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use vigie::model::french::short_date_text;

use super::{score_label, text_field, window, wrapped};
use crate::frontends::tui::model::{Home, Model, NewOrg};

pub fn draw(model: &Model, home: &Home, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let block = Block::bordered()
        .title(Line::styled(" Vos organisations ", theme.title()))
        .border_style(theme.muted());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let total = home.entries.len() + 1;
    let start = window(total, home.selected, rows);
    let mut lines = Vec::new();
    for i in start..total.min(start + rows) {
        let selected = i == home.selected;
        let marker = if selected { "▶ " } else { "  " };
        let line = match home.entries.get(i) {
            Some(entry) => {
                let result = match &entry.last {
                    Some(last) => {
                        let change = entry
                            .previous
                            .as_ref()
                            .and_then(|p| Some(i16::from(last.score?) - i16::from(p.score?)))
                            .map(|c| format!(" ({})", vigie::model::french::signed_change(c)))
                            .unwrap_or_default();
                        format!(
                            "{}{change} · {}",
                            score_label(last.score, last.grade),
                            short_date_text(&last.date)
                        )
                    }
                    None => "pas encore évaluée".into(),
                };
                let result = match entry.unfinished {
                    Some((answered, total)) => format!(
                        "{answered} question{} sur {total} · {result}",
                        vigie::model::french::plural(answered)
                    ),
                    None => result,
                };
                let width = usize::from(inner.width).saturating_sub(result.chars().count() + 4);
                let name: String = entry.name.chars().take(width).collect();
                let pad = width.saturating_sub(name.chars().count());
                Line::from(vec![
                    Span::raw(marker),
                    Span::styled(name, theme.strong()),
                    Span::raw(" ".repeat(pad + 1)),
                    Span::styled(
                        result,
                        theme.score(entry.last.as_ref().and_then(|l| l.score)),
                    ),
                ])
            }
            None => Line::from(vec![
                Span::raw(marker),
                Span::styled("+ Nouvelle organisation", theme.accent()),
            ]),
        };
        lines.push(theme.row(line, selected));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_new(model: &Model, form: &NewOrg, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let block = Block::bordered()
        .title(Line::styled(" Nouvelle organisation ", theme.title()))
        .border_style(theme.muted());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let intro = if form.can_cancel {
        "Quel est le nom de l'organisation à évaluer ?"
    } else {
        "Bienvenue ! vigie évalue la conformité RGPD de votre site, de votre boutique en ligne et de vos réseaux sociaux, puis rédige vos documents légaux. Tout reste sur cet ordinateur. Pour commencer : quel est le nom de votre organisation ?"
    };
    let mut lines = wrapped(intro, inner.width, theme.text());
    lines.push(Line::raw(""));
    let [text, field, rest] = inner.layout(&Layout::vertical([
        Constraint::Length(u16::try_from(lines.len()).unwrap_or(u16::MAX)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Paragraph::new(lines), text);
    text_field(frame, field, &form.input, theme.strong(), theme, true);
    let note = match &form.error {
        Some(error) => vec![Line::styled(format!("✗ {error}"), theme.error())],
        None => wrapped(
            "Un nom court suffit (par exemple « Boulangerie Dupont ») ; les détails viendront ensuite.",
            rest.width,
            theme.muted(),
        ),
    };
    frame.render_widget(Paragraph::new(note), rest);
}
