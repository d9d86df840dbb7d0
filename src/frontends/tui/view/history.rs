//! The history: the score over time, the runs, and what changed at the selected run.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Wrap};

use vigie::model::french::short_date_text;
use vigie::storage::run::RunSummary;

use super::{score_label, window};
use crate::frontends::tui::model::{History, Model};

pub fn draw(model: &Model, page: &History, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    if page.runs.is_empty() {
        let mut lines = vec![Line::styled(
            "Aucune évaluation enregistrée pour l'instant : terminez le questionnaire et affichez les résultats.",
            theme.muted(),
        )];
        lines.extend(
            page.problems
                .iter()
                .map(|p| Line::styled(p.clone(), theme.warning())),
        );
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    let [chart_area, bottom] = area.layout(&Layout::vertical([
        Constraint::Percentage(45),
        Constraint::Fill(1),
    ]));
    let points: Vec<(f64, f64)> = page
        .runs
        .iter()
        .enumerate()
        .filter_map(|(i, (_, r))| Some((i as f64, f64::from(r.score?))))
        .collect();
    let last = (page.runs.len().saturating_sub(1)).max(1) as f64;
    let first_date = short_date_text(&page.runs[0].1.date);
    let last_date = short_date_text(&page.runs[page.runs.len() - 1].1.date);
    let dataset = Dataset::default()
        .name("note")
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.accent())
        .data(&points);
    frame.render_widget(
        Chart::new(vec![dataset])
            .block(
                Block::bordered()
                    .title(Line::styled(
                        format!(" Note au fil des évaluations · {} ", name(model, page)),
                        theme.title(),
                    ))
                    .border_style(theme.muted()),
            )
            .x_axis(
                Axis::default()
                    .bounds([0.0, last])
                    .labels([first_date, last_date])
                    .style(theme.muted()),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, 100.0])
                    // Evenly spread labels match their values only with room for them.
                    .labels(if chart_area.height >= 9 {
                        vec!["0", "50", "100"]
                    } else {
                        vec!["0", "100"]
                    })
                    .style(theme.muted()),
            ),
        chart_area,
    );
    let [table, diff] = bottom.layout(&Layout::horizontal([
        Constraint::Percentage(40),
        Constraint::Percentage(60),
    ]));
    let rows = usize::from(table.height.saturating_sub(2));
    let start = window(page.runs.len(), page.cursor, rows);
    let lines: Vec<Line> = page
        .runs
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .map(|(i, (_, run))| {
            let change = i
                .checked_sub(1)
                .and_then(|p| page.runs.get(p))
                .and_then(|(_, p)| Some(i16::from(run.score?) - i16::from(p.score?)))
                .map(|c| format!("  {}", vigie::model::french::signed_change(c)))
                .unwrap_or_default();
            let base = if page.base == Some(i) { "◆ " } else { "  " };
            let line = Line::from(format!(
                "{base}{}  {}{change}",
                run_date(&page.runs, i),
                score_label(run.score, run.grade)
            ));
            theme.row(line, i == page.cursor)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(Line::styled(" Évaluations ", theme.title()))
                .border_style(theme.muted()),
        ),
        table,
    );
    let mut text = Vec::new();
    let title = match page.pair() {
        Some((a, b)) => format!(
            " Du {} au {} ",
            run_date(&page.runs, a),
            run_date(&page.runs, b)
        ),
        None => " Changements ".into(),
    };
    match &page.diff {
        None if page.base.is_some() => text.push(Line::styled(
            "Choisissez une autre évaluation à comparer à celle marquée ◆.",
            theme.muted(),
        )),
        None => text.push(Line::styled(
            "Première évaluation : rien à comparer. Espace marque une évaluation (◆) pour la comparer à une autre.",
            theme.muted(),
        )),
        Some(change) => {
            text.push(Line::from(vec![
                Span::styled("Note : ", theme.strong()),
                Span::raw(format!(
                    "{} → {}",
                    score_label(change.overall.before, None),
                    score_label(change.overall.after, None)
                )),
            ]));
            for module in &change.modules {
                text.push(Line::raw(format!(
                    "  {} : {} → {}",
                    module.title,
                    score_label(module.before, None),
                    score_label(module.after, None)
                )));
            }
            let list = |title: &str, items: &[String], text: &mut Vec<Line>| {
                if !items.is_empty() {
                    text.push(Line::styled(
                        format!("{title} ({})", items.len()),
                        theme.strong(),
                    ));
                    text.extend(items.iter().map(|i| Line::raw(format!("  • {i}"))));
                }
            };
            list("Actions réglées", &change.resolved, &mut text);
            list("Nouvelles actions", &change.new_actions, &mut text);
            let answers: Vec<String> = change
                .answers
                .iter()
                .map(|a| {
                    let title = model
                        .catalog
                        .question(&a.question)
                        .map_or(a.question.as_str(), |q| q.prompt.as_str());
                    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
                    format!("{title} : {} → {}", shown(&a.before), shown(&a.after))
                })
                .collect();
            list("Réponses modifiées", &answers, &mut text);
            let documents: Vec<String> = change.documents.iter().map(|d| d.stem.clone()).collect();
            list("Documents modifiés", &documents, &mut text);
        }
    }
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .scroll((page.scroll, 0))
            .block(
                Block::bordered()
                    .title(Line::styled(title, theme.title()))
                    .title_bottom(Line::styled(" PgPréc/PgSuiv ", theme.muted()).right_aligned())
                    .border_style(theme.muted()),
            ),
        diff,
    );
}

/// The date of run `i`, with its time when another run was recorded the same day.
fn run_date(runs: &[(String, RunSummary)], i: usize) -> String {
    let date = &runs[i].1.date;
    let day = |d: &str| d.get(..10).map(str::to_string);
    let same_day = runs
        .iter()
        .enumerate()
        .any(|(j, (_, other))| j != i && day(&other.date) == day(date));
    match (same_day, date.get(11..16)) {
        (true, Some(time)) => format!("{} {}", short_date_text(date), time.replace(':', " h ")),
        _ => short_date_text(date),
    }
}

/// The organisation's name, from its answers when it is open, else from the latest run read;
/// its slug when neither gives one.
fn name(model: &Model, page: &History) -> String {
    model
        .org
        .as_ref()
        .filter(|org| org.slug == page.slug)
        .and_then(|org| org.answers.organisation_name())
        .or_else(|| {
            page.runs
                .last()
                .and_then(|(file, _)| page.loaded.get(file))
                .and_then(|run| vigie::storage::organisation::name_in_run(&run.record))
        })
        .unwrap_or_else(|| page.slug.clone())
}
