//! One step of the interview: a question with its options or text field, or the identity
//! form; with the breadcrumb, the progress and the "Pourquoi ?" pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph, Wrap};
use vigie::engine::interview::Step;
use vigie::model::catalog::{Level, Question};

use super::{text_field, window_by_height, wrapped};
use crate::frontends::tui::model::{Field, FieldValue, Interview, Mark, Model, StepForm};
use crate::frontends::tui::theme::Theme;

pub fn draw(model: &Model, interview: &Interview, frame: &mut Frame, area: Rect) {
    let Some(org) = &model.org else {
        return;
    };
    let theme = model.theme;
    let Some(step) = org.cursor.current() else {
        return;
    };
    let at = org.cursor.progress(&model.catalog, &org.answers);
    let question = match step {
        Step::Question(id) => model.catalog.question(id),
        Step::Identity => None,
    };
    let [crumb, gauge, _, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    // Breadcrumb: mark, module › section (n/m), level.
    // The mark comes first, so that a narrow screen never cuts it.
    let mut spans = Vec::new();
    if let Some(question) = question {
        let mark = org.cursor.mark(&model.catalog, &org.answers, &question.id);
        if mark != Mark::None {
            let since = match (mark, org.answers.date(&question.id)) {
                (Mark::Stale, Some(date)) => {
                    format!(" (réponse du {})", vigie::model::french::short_date(date))
                }
                _ => String::new(),
            };
            spans.push(Span::styled(
                format!("{}{since} · ", mark.label()),
                theme.warning(),
            ));
        }
    }
    spans.push(Span::styled(at.module.clone(), theme.accent()));
    if at.section != at.module {
        spans.push(Span::styled(" › ", theme.muted()));
        spans.push(Span::styled(at.section.clone(), theme.accent()));
    }
    spans.push(Span::styled(
        format!("  ({}/{})", at.in_section, at.section_total),
        theme.muted(),
    ));
    if let Some(scored) = question.and_then(Question::scored) {
        let style = match scored.level {
            Level::Obligation => theme.warning(),
            Level::Recommandation => theme.muted(),
        };
        spans.push(Span::styled(format!("  {}", scored.level.label()), style));
    }
    frame.render_widget(Line::from(spans), crumb);
    let ratio = if at.total == 0 {
        0.0
    } else {
        at.answered as f64 / at.total as f64
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!(
                "Question {} sur {} · {} répondue{} ",
                at.position,
                at.total,
                at.answered,
                vigie::model::french::plural(at.answered)
            ))
            .filled_style(theme.accent())
            .unfilled_style(theme.muted()),
        gauge,
    );
    match (&interview.form, question) {
        (StepForm::Identity { fields, focus }, _) => {
            identity(model, fields, *focus, frame, body);
        }
        (_, Some(question)) => {
            // The services, many, come headed by category.
            let headings: Vec<Option<String>> = interview
                .groups
                .iter()
                .enumerate()
                .map(|(i, group)| {
                    (i == 0 || interview.groups[i - 1] != *group).then(|| group.to_string())
                })
                .collect();
            one_question(theme, question, interview, &headings, frame, body);
        }
        _ => {}
    }
}

fn one_question(
    theme: Theme,
    question: &Question,
    interview: &Interview,
    headings: &[Option<String>],
    frame: &mut Frame,
    area: Rect,
) {
    let (form, help_scroll) = (&interview.form, interview.help_scroll);
    let prompt = wrapped(&question.prompt, area.width, theme.strong());
    let prompt_height = u16::try_from(prompt.len()).unwrap_or(1).min(4);
    let options = match form {
        StepForm::Choice {
            options,
            cursor,
            ticked,
            multi,
            picked,
        } => option_rows(theme, options, *cursor, *picked, ticked, *multi, area.width),
        _ => Vec::new(),
    };
    // Only the options that the words typed keep, each category heading above its first
    // option shown.
    let visible = interview.visible_options();
    let mut options: Vec<Option<Vec<Line>>> = options.into_iter().map(Some).collect();
    let mut last_heading = None;
    let options: Vec<Vec<Line>> = visible
        .iter()
        .filter_map(|&i| {
            let mut lines = options.get_mut(i)?.take()?;
            let heading = headings.iter().take(i + 1).rev().find_map(|h| h.as_ref());
            if heading.is_some() && heading != last_heading {
                let text = heading.cloned().unwrap_or_default();
                lines.insert(0, Line::styled(format!("  {text}"), theme.accent()));
            }
            last_heading = heading;
            Some(lines)
        })
        .collect();
    let wanted = match form {
        StepForm::Choice { .. } => {
            u16::try_from(options.iter().map(Vec::len).sum::<usize>()).unwrap_or(u16::MAX)
        }
        _ => 2,
    };
    // The options get the room they need, keeping at least five rows for the help.
    let room = area.height.saturating_sub(prompt_height + 1 + 5).max(3);
    let [prompt_area, search_area, answer_area, help_area] = area.layout(&Layout::vertical([
        Constraint::Length(prompt_height),
        Constraint::Length(1),
        Constraint::Length(wanted.min(room)),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Paragraph::new(prompt), prompt_area);
    let shown = |words: &str| match visible.len() {
        0 => format!("aucun choix ne contient « {} »", words.trim()),
        n => format!("{n} choix sur {}", form_options(form)),
    };
    if let Some((input, _)) = &interview.search {
        frame.render_widget(
            Line::styled(
                format!("Chercher : {}▏  ({})", input.value(), shown(input.value())),
                theme.accent(),
            ),
            search_area,
        );
    } else if let Some(filter) = &interview.filter {
        frame.render_widget(
            Line::styled(
                format!(
                    "Filtre « {filter} » : {} · Échap : tout voir",
                    shown(filter)
                ),
                theme.accent(),
            ),
            search_area,
        );
    }
    match form {
        StepForm::Choice { cursor, .. } => {
            let cursor = &visible.iter().position(|i| i == cursor).unwrap_or(0);
            let heights: Vec<usize> = options.iter().map(Vec::len).collect();
            let rows = usize::from(answer_area.height);
            // A list longer than the room keeps its last row to say it goes on below.
            let overflows = heights.iter().sum::<usize>() > rows && rows > 1;
            let fit = if overflows { rows - 1 } else { rows };
            let start = window_by_height(&heights, *cursor, fit);
            let mut lines: Vec<Line> = options.into_iter().skip(start).flatten().collect();
            if overflows {
                let (mut shown, mut used) = (0, 0);
                for height in &heights[start..] {
                    if used + height > fit {
                        break;
                    }
                    used += height;
                    shown += 1;
                }
                let below = heights.len() - start - shown;
                lines.truncate(used);
                if below > 0 {
                    lines.push(Line::styled(
                        format!("  ↓ encore {below} choix plus bas"),
                        theme.muted(),
                    ));
                }
            }
            frame.render_widget(Paragraph::new(lines), answer_area);
        }
        StepForm::Text { input, error } => {
            let [field, message] = answer_area.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
            ]));
            text_field(frame, field, input, theme.strong(), theme, true);
            if let Some(error) = error {
                frame.render_widget(Line::styled(format!("✗ {error}"), theme.error()), message);
            }
        }
        StepForm::Identity { .. } => {}
    }
    why(theme, question, help_scroll, frame, help_area);
}

fn form_options(form: &StepForm) -> usize {
    match form {
        StepForm::Choice { options, .. } => options.len(),
        _ => 0,
    }
}

/// Each option as its wrapped lines: number, mark and label, continuation lines indented;
/// the option under the cursor reversed.
fn option_rows(
    theme: Theme,
    options: &[(String, String)],
    cursor: usize,
    picked: bool,
    ticked: &std::collections::BTreeSet<usize>,
    multi: bool,
    width: u16,
) -> Vec<Vec<Line<'static>>> {
    const INDENT: usize = 6;
    options
        .iter()
        .enumerate()
        .map(|(i, (_, label))| {
            let mark = match (multi, ticked.contains(&i), i == cursor) {
                (true, true, _) => "[x]",
                (true, false, _) => "[ ]",
                (false, _, true) if picked => "(•)",
                (false, _, _) => "( )",
            };
            let number = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".into()
            };
            let text_width = usize::from(width).saturating_sub(INDENT).max(1);
            vigie::model::wrap::wrap(label, text_width)
                .into_iter()
                .enumerate()
                .map(|(n, part)| {
                    let lead = if n == 0 {
                        format!("{number}{mark} ")
                    } else {
                        " ".repeat(INDENT)
                    };
                    theme.row(Line::from(format!("{lead}{part}")), i == cursor)
                })
                .collect()
        })
        .collect()
}

/// The "Pourquoi ?" pane: the help, then the sources.
fn why(theme: Theme, question: &Question, scroll: u16, frame: &mut Frame, area: Rect) {
    if area.height < 3 {
        return;
    }
    // Until the user asks for more, the first sentence says why the question matters.
    let summary = vigie::engine::interview::help_summary(&question.help);
    if scroll == 0 && area.height > 3 {
        let lines = vec![
            Line::styled(vigie::model::wrap::glue(summary), theme.text()),
            Line::styled(
                "PgSuiv : la suite, ce qu'il faut faire et les sources",
                theme.muted(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(
                Block::bordered()
                    .title(Line::styled(" Pourquoi ? ", theme.title()))
                    .border_style(theme.muted()),
            ),
            area,
        );
        return;
    }
    let scroll = scroll.saturating_sub(1);
    let mut lines = vec![Line::styled(
        vigie::model::wrap::glue(&question.help),
        theme.text(),
    )];
    if let Some(scored) = question.scored() {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("Si ce n'est pas fait : ", theme.strong()),
            Span::raw(vigie::model::wrap::glue(&scored.remediation)),
        ]));
    }
    if !question.references.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sources :", theme.strong()));
        for reference in &question.references {
            lines.push(Line::from(vec![
                Span::raw(format!("• {} — ", reference.label)),
                Span::styled(reference.url.clone(), theme.muted()),
            ]));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(Line::styled(" Pourquoi ? ", theme.title()))
                    .title_bottom(Line::styled(" PgPréc/PgSuiv ", theme.muted()).right_aligned())
                    .border_style(theme.muted()),
            ),
        area,
    );
}

fn identity(model: &Model, fields: &[Field], focus: usize, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let Some(org) = &model.org else {
        return;
    };
    let visibility = model.catalog.visibility(&org.answers);
    let [intro, list, help] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(4),
    ]));
    frame.render_widget(
        Line::styled(
            "Vos mentions légales reprendront ces informations. * = obligatoire pour vous.",
            theme.muted(),
        ),
        intro,
    );
    // Each field: its label (wrapped), then its value.
    let labels: Vec<Vec<String>> = fields
        .iter()
        .map(|field| {
            let Some(question) = model.catalog.question(&field.id) else {
                return Vec::new();
            };
            let required = if visibility.is_required(question) {
                " *"
            } else {
                ""
            };
            vigie::model::wrap::wrap(
                &format!("{}{required}", question.prompt),
                usize::from(list.width.max(1)),
            )
        })
        .collect();
    let heights: Vec<usize> = labels.iter().map(|l| l.len() + 1).collect();
    let start = window_by_height(&heights, focus, usize::from(list.height));
    let bottom = list.y + list.height;
    let mut y = list.y;
    for (i, (field, label)) in fields.iter().zip(&labels).enumerate().skip(start) {
        let height = u16::try_from(label.len() + 1).unwrap_or(u16::MAX);
        if y.saturating_add(height) > bottom {
            break;
        }
        let style = if i == focus {
            theme.selected()
        } else {
            theme.strong()
        };
        for (n, part) in label.iter().enumerate() {
            let row = Rect::new(list.x, y + u16::try_from(n).unwrap_or(0), list.width, 1);
            frame.render_widget(Line::styled(part.clone(), style), row);
        }
        let value_area = Rect::new(list.x + 2, y + height - 1, list.width.saturating_sub(2), 1);
        field_value(theme, field, i == focus, frame, value_area);
        y += height;
    }
    if let Some(field) = fields.get(focus)
        && let Some(question) = model.catalog.question(&field.id)
    {
        let mut lines = Vec::new();
        if let Some(error) = &field.error {
            lines.extend(wrapped(&format!("✗ {error}"), help.width, theme.error()));
        }
        lines.extend(wrapped(&question.help, help.width, theme.muted()));
        frame.render_widget(Paragraph::new(lines), help);
    }
}

fn field_value(theme: Theme, field: &Field, focused: bool, frame: &mut Frame, area: Rect) {
    match (&field.value, &field.error) {
        (FieldValue::Text(input), error) => {
            let [value, note] = area.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(match error {
                    Some(_) => 14,
                    None if field.computed => 22,
                    None => 0,
                }),
            ]));
            text_field(frame, value, input, theme.text(), theme, focused);
            match error {
                Some(_) => frame.render_widget(Line::styled(" ✗ à corriger", theme.error()), note),
                None if field.computed => {
                    frame.render_widget(Line::styled(" ✓ calculé du SIREN", theme.success()), note)
                }
                None => {}
            }
        }
        (FieldValue::Choice { options, selected }, _) => {
            let label = selected
                .and_then(|i| options.get(i))
                .map_or("(à choisir)", |(_, label)| label.as_str());
            let hint = if focused {
                "  ←/→ pour changer"
            } else {
                ""
            };
            frame.render_widget(
                Line::from(vec![
                    Span::styled("‹ ", theme.accent()),
                    Span::styled(label, theme.text()),
                    Span::styled(" ›", theme.accent()),
                    Span::styled(hint, theme.muted()),
                ]),
                area,
            );
        }
    }
}
