//! The review page: every answer by section; any row reopens its question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::window;
use crate::frontends::tui::model::{Mark, Model, Review, ReviewRow};

pub fn draw(model: &Model, page: &Review, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let unanswered = page
        .rows
        .iter()
        .filter(|r| matches!(r, ReviewRow::Item { answer: None, .. }))
        .count();
    let title = if unanswered == 0 {
        " Vérifiez vos réponses ".to_string()
    } else {
        format!(" Vérifiez vos réponses · {unanswered} sans réponse ")
    };
    let title = match &page.search {
        Some((input, _)) => format!(" Chercher : {}▏ ", input.value()),
        None => title,
    };
    let block = Block::bordered()
        .title(Line::styled(title, theme.title()))
        .border_style(theme.muted());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let start = window(page.rows.len(), page.cursor, rows);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = page
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .map(|(i, row)| match row {
            ReviewRow::Heading(title) => Line::styled(title.clone(), theme.accent()),
            ReviewRow::Item {
                label,
                answer,
                mark,
                ..
            } => {
                let (answer, style) = match answer {
                    Some(a) if matches!(mark, Mark::Deduced | Mark::Follows) => {
                        (format!("{a} (déduit)"), theme.muted())
                    }
                    Some(a) => (a.clone(), theme.text()),
                    None => ("— sans réponse".to_string(), theme.warning()),
                };
                let tag = match mark {
                    Mark::None => "  ",
                    Mark::New => "★ ",
                    Mark::Stale => "⌛ ",
                    Mark::Deduced | Mark::Follows => "≈ ",
                };
                let answer_width = (width / 3).max(12);
                let answer: String = answer.chars().take(answer_width).collect();
                let label_width = width.saturating_sub(answer.chars().count() + 4);
                let mut label: String = label.chars().take(label_width).collect();
                let pad = label_width.saturating_sub(label.chars().count());
                label.push_str(&" ".repeat(pad));
                let line = Line::from(vec![
                    Span::styled(tag, theme.warning()),
                    Span::raw(label),
                    Span::raw("  "),
                    Span::styled(answer, style),
                ]);
                theme.row(line, i == page.cursor)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
