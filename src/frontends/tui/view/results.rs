//! The results: the score as a gauge with its grade and change, the modules as a bar
//! chart, then the action plan (with its detail), the « à vérifier » list, the matching
//! CNIL sanctions and the missing identity values.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Gauge, Paragraph, Tabs, Wrap};

use vigie::model::french::{plural, short_date_text};

use super::{score_label, window};
use crate::frontends::tui::model::{Model, Results, ResultsTab};
use crate::frontends::tui::theme::Theme;

/// The fewest rows left to the list and its detail, below the module bars.
const MIN_LIST_HEIGHT: u16 = 5;

pub fn draw(model: &Model, page: &Results, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let report = &page.report;
    // Every module keeps its bar: in one column when the rows left by the four lines of
    // text and the shortest useful list allow, else in two columns side by side.
    let modules = u16::try_from(report.modules.len()).unwrap_or(0);
    let room = area.height.saturating_sub(4 + MIN_LIST_HEIGHT).max(1);
    let columns: u16 = if modules > room { 2 } else { 1 };
    let chart_height = modules.div_ceil(columns).min(room).max(1);
    let [
        gauge_area,
        note_area,
        confidence_area,
        chart_area,
        tabs_area,
        list_area,
    ] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(chart_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let change = page
        .previous
        .as_ref()
        .and_then(|p| Some((i16::from(report.score?) - i16::from(p.score?), p)))
        .map(|(c, p)| {
            format!(
                " · {} depuis le {}",
                vigie::model::french::signed_change(c),
                short_date_text(&p.date)
            )
        })
        .unwrap_or_default();
    let confidence = report
        .confidence
        .map(|c| format!(" · confiance {c} %"))
        .unwrap_or_default();
    frame.render_widget(
        Gauge::default()
            .ratio(f64::from(report.score.unwrap_or(0)) / 100.0)
            .label(format!(
                "Note {}{change}{confidence} · {}",
                score_label(report.score, report.grade),
                short_date_text(&page.date)
            ))
            .gauge_style(theme.score(report.score))
            .use_unicode(true),
        gauge_area,
    );
    // The cap and its reason come first; the unanswered questions, or else what the
    // confidence figure means, on the line below.
    let second = if !report.unanswered.is_empty() {
        Line::styled(
            format!(
                "⚠ {} question{} sans réponse compte{} pour 0 : complétez-les depuis vos réponses (r).",
                report.unanswered.len(),
                vigie::model::french::plural(report.unanswered.len()),
                vigie::model::french::by_count(report.unanswered.len(), "", "nt")
            ),
            theme.warning(),
        )
    } else {
        Line::styled(
            "Confiance : part des réponses sûres ; un « je ne sais pas » vaut « non ».",
            theme.muted(),
        )
    };
    frame.render_widget(second, confidence_area);
    let note = if let Some(cap) = &report.grade_cap {
        Line::styled(
            format!(
                "Lettre limitée à {} : {}.",
                cap.cap.letter(),
                // The reason ends by restating the cap, already said at the start of the line.
                cap.reason
                    .split(" : la lettre")
                    .next()
                    .unwrap_or(&cap.reason)
            ),
            theme.warning(),
        )
    } else if report.unmet_obligations == 0 {
        Line::styled(
            "Aucune obligation légale manquée parmi vos réponses.",
            theme.success(),
        )
    } else {
        let n = report.unmet_obligations;
        Line::styled(
            format!(
                "{n} obligation{} légale{} non remplie{} : marquée{} « ! » dans le plan d'action.",
                plural(n),
                plural(n),
                plural(n),
                plural(n)
            ),
            theme.warning(),
        )
    };
    frame.render_widget(note, note_area);
    // A module's title gives way to its score: each bar keeps room for « 100/100 ».
    let label_width = usize::from((chart_area.width / columns).saturating_sub(8)).max(1);
    let bars: Vec<Bar> = report
        .modules
        .iter()
        .map(|m| {
            let value = u64::from(m.score.unwrap_or(0));
            Bar::default()
                .value(value)
                .label(Line::from(shortened(&m.title, label_width)))
                .text_value(m.score.map_or("—".into(), |s| format!("{s}/100")))
                .style(theme.score(m.score))
                .value_style(theme.selected())
        })
        .collect();
    let per_column = usize::from(chart_height);
    let column_areas = chart_area.layout_vec(&Layout::horizontal(vec![
        Constraint::Fill(1);
        usize::from(columns)
    ]));
    for (bars, column) in bars.chunks(per_column).zip(column_areas) {
        frame.render_widget(
            BarChart::default()
                .direction(Direction::Horizontal)
                .data(BarGroup::default().bars(bars))
                .bar_width(1)
                .bar_gap(0)
                .max(100),
            column,
        );
    }
    let titles: Vec<String> = ResultsTab::ALL
        .iter()
        .map(|t| format!("{} ({})", tab_title(*t), t.count(report)))
        .collect();
    let selected = ResultsTab::ALL.iter().position(|t| *t == page.tab);
    frame.render_widget(
        Tabs::new(titles)
            .select(selected)
            .style(theme.muted())
            .highlight_style(theme.selected()),
        tabs_area,
    );
    let [list, detail] = list_area.layout(&Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Percentage(55),
    ]));
    let (rows, text) = tab_content(theme, page);
    let height = usize::from(list.height);
    let start = window(rows.len(), page.cursor, height);
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, row)| {
            let line = Line::from(row);
            theme.row(line, i == page.cursor)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .scroll((page.detail_scroll, 0))
            .block(Block::bordered().border_style(theme.muted())),
        detail,
    );
}

/// `text` cut to `width` characters, the last one an ellipsis when it is cut.
fn shortened(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn tab_title(tab: ResultsTab) -> &'static str {
    match tab {
        ResultsTab::Actions => "Plan d'action",
        ResultsTab::ToVerify => "À vérifier",
        ResultsTab::Sanctions => "Sanctions CNIL",
        ResultsTab::Identity => "Identité à compléter",
    }
}

/// The rows of the current tab and the detail of the selected one.
fn tab_content(theme: Theme, page: &Results) -> (Vec<String>, Vec<Line<'static>>) {
    let report = &page.report;
    let empty = |text: &str| {
        (
            Vec::new(),
            vec![Line::styled(text.to_string(), theme.muted())],
        )
    };
    match page.tab {
        ResultsTab::Actions => {
            if report.actions.is_empty() {
                return empty("Aucune action : rien à corriger parmi les réponses données.");
            }
            let rows = report
                .actions
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let mark = if a.level == vigie::model::catalog::Level::Obligation {
                        "!"
                    } else {
                        "·"
                    };
                    format!("{:>2}. {mark} {}", i + 1, a.title)
                })
                .collect();
            let Some(action) = report.actions.get(page.cursor) else {
                return (rows, Vec::new());
            };
            let mut text = vec![
                Line::styled(action.title.clone(), theme.strong()),
                Line::from(vec![
                    Span::styled(action.level.label(), theme.warning()),
                    Span::raw(format!(
                        " · {} · effort {} · +{} points · réponse : {}",
                        vigie::engine::report::severity_text(action),
                        action.effort.label(),
                        vigie::engine::report::french_decimal(action.points),
                        action.answer.label()
                    )),
                ]),
                Line::raw(format!("Question : {}", action.question_text)),
                Line::raw(""),
                Line::styled("Que faire :", theme.strong()),
                Line::raw(action.remediation.clone()),
            ];
            if let Some(document) = &action.document {
                text.push(Line::raw(""));
                text.push(Line::from(vec![
                    Span::styled("Document qui aide : ", theme.strong()),
                    Span::raw(format!("{document} (touche d)")),
                ]));
            }
            text.push(Line::raw(""));
            text.push(Line::styled("Sources :", theme.strong()));
            for reference in &action.references {
                text.push(Line::raw(format!(
                    "• {} — {}",
                    reference.label, reference.url
                )));
            }
            (rows, text)
        }
        ResultsTab::ToVerify => {
            if report.to_verify.is_empty() {
                return empty("Aucune réponse « Je ne sais pas ».");
            }
            let rows = report.to_verify.iter().map(|q| q.title.clone()).collect();
            let mut text = vec![
                Line::styled("Vous avez répondu « Je ne sais pas ».", theme.strong()),
                Line::raw(
                    "Ces points comptent comme non conformes tant qu'ils ne sont pas vérifiés : \
                     renseignez-vous (prestataire, agence), puis rouvrez la question depuis le \
                     récapitulatif (r).",
                ),
            ];
            if let Some(note) = &report.confidence_note {
                text.push(Line::raw(""));
                text.push(Line::raw(format!("Confiance : {note}")));
            }
            (rows, text)
        }
        ResultsTab::Sanctions => {
            if report.sanctions.is_empty() {
                return empty("Aucune sanction publiée ne correspond à vos points faibles.");
            }
            let rows = report
                .sanctions
                .iter()
                .map(|s| format!("{} · {}", s.organisation, s.amount))
                .collect();
            let Some(sanction) = report.sanctions.get(page.cursor) else {
                return (rows, Vec::new());
            };
            let mut text = vec![
                Line::styled(
                    format!("{} — {}", sanction.organisation, sanction.amount),
                    theme.strong(),
                ),
                Line::raw(vigie::model::french::date_text(&sanction.date)),
                Line::raw(""),
                Line::raw(sanction.summary.clone()),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("Source : ", theme.strong()),
                    Span::raw(sanction.reference.clone()),
                ]),
            ];
            if let Some(url) = &sanction.url {
                text.push(Line::from(vec![
                    Span::styled("Lu dans : ", theme.strong()),
                    Span::raw(url.clone()),
                ]));
            }
            (rows, text)
        }
        ResultsTab::Identity => {
            if report.identity_missing.is_empty() {
                return empty("Toutes les informations obligatoires sont renseignées.");
            }
            let rows = report
                .identity_missing
                .iter()
                .map(|f| f.label.clone())
                .collect();
            let mut text = vec![
                Line::styled(
                    "Information obligatoire dans vos mentions légales.",
                    theme.strong(),
                ),
                Line::raw(
                    "Complétez-la depuis le récapitulatif (r), ligne « Identité et coordonnées ».",
                ),
            ];
            if let Some(field) = report.identity_missing.get(page.cursor) {
                text.push(Line::raw(""));
                for reference in &field.references {
                    text.push(Line::raw(format!(
                        "• {} — {}",
                        reference.label, reference.url
                    )));
                }
            }
            (rows, text)
        }
    }
}
