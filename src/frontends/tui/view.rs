//! Drawing: a pure function of the model. Every screen shares the header, the status line
//! and the footer drawn from the key table.

mod documents;
mod history;
mod home;
mod question;
mod results;
mod review;
mod scan;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::keymap;
use super::model::Context;
use super::model::{Model, Overlay, Screen};
use super::theme::Theme;
use super::update::{MIN_HEIGHT, MIN_WIDTH};

pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(model.theme, frame, area);
        return;
    }
    let [header, body, status, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    frame.render_widget(header_line(model), header);
    match &model.screen {
        Screen::Loading => {}
        Screen::Home(home) => home::draw(model, home, frame, body),
        Screen::NewOrg(form) => home::draw_new(model, form, frame, body),
        Screen::Interview(interview) => question::draw(model, interview, frame, body),
        Screen::Review(page) => review::draw(model, page, frame, body),
        Screen::Results(page) => results::draw(model, page, frame, body),
        Screen::Documents(page) => documents::draw(model, page, frame, body),
        Screen::History(page) => history::draw(model, page, frame, body),
        Screen::Scan(page) => scan::draw(model, page, frame, body),
    }
    // A failed save stays in view until a save succeeds.
    let unsaved = model.unsaved.as_ref().map(|message| super::model::Status {
        text: format!("Réponses non enregistrées : {message}"),
        error: true,
    });
    if let Some(line) = model.status.as_ref().or(unsaved.as_ref()) {
        let style = if line.error {
            model.theme.error()
        } else {
            model.theme.accent()
        };
        let glyph = if line.error { "✗ " } else { "ℹ " };
        frame.render_widget(
            Line::from(vec![
                Span::styled(glyph, style),
                Span::styled(line.text.as_str(), style),
            ]),
            status,
        );
    }
    frame.render_widget(
        footer_line(model.theme, model.context(), footer.width),
        footer,
    );
    match &model.overlay {
        Some(Overlay::Help) => help_overlay(model, frame, body),
        Some(Overlay::Glossary) => glossary_overlay(model, frame, body),
        Some(Overlay::ConfirmDelete { name, .. }) => {
            let question = vec![
                Span::raw("Supprimer « "),
                Span::styled(name.as_str(), model.theme.strong()),
                Span::raw(" » et son historique ?"),
            ];
            let note = "Une copie est gardée dans le dossier « corbeille » de vigie.";
            confirm(model.theme, question, note, frame, body);
        }
        Some(Overlay::ConfirmReplace {
            folder, existing, ..
        }) => {
            let question = vec![Span::raw(format!(
                "{existing} fichier{} existe{} déjà dans {} : les remplacer ?",
                vigie::model::french::plural(*existing),
                vigie::model::french::by_count(*existing, "", "nt"),
                folder.display()
            ))];
            let note = "Les fichiers que vous auriez modifiés à la main seraient perdus.";
            confirm(model.theme, question, note, frame, body);
        }
        None => {}
    }
}

fn header_line(model: &Model) -> Line<'_> {
    let theme = model.theme;
    let mut spans = vec![Span::styled(" vigie ", theme.title())];
    if let Some(org) = &model.org {
        let name = org
            .answers
            .organisation_name()
            .unwrap_or_else(|| org.slug.clone());
        spans.push(Span::styled("· ", theme.muted()));
        spans.push(Span::styled(name, theme.strong()));
    } else {
        spans.push(Span::styled(
            "· auto-évaluation RGPD, rien n'est envoyé",
            theme.muted(),
        ));
    }
    Line::from(spans)
}

/// The footer: the bindings of the context by priority, as many as fit; the help key is
/// always kept, last.
pub fn footer_line(theme: Theme, context: Context, width: u16) -> Line<'static> {
    let bindings = keymap::footer(context);
    let cost = |b: &keymap::Binding| b.hint.chars().count() + b.label.chars().count() + 3;
    let (help, others): (Vec<_>, Vec<_>) = bindings
        .into_iter()
        .partition(|b| b.action == super::update::Action::Help);
    let mut room = usize::from(width).saturating_sub(help.iter().map(|b| cost(b)).sum());
    let mut shown = Vec::new();
    for binding in others {
        if cost(binding) <= room {
            room -= cost(binding);
            shown.push(binding);
        }
    }
    shown.extend(help);
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|b| {
            [
                Span::styled(format!(" {}", b.hint), theme.key()),
                Span::styled(format!(" {} ", b.label), theme.muted()),
            ]
        })
        .collect();
    Line::from(spans)
}

fn too_small(theme: Theme, frame: &mut Frame, area: Rect) {
    let text = Text::from(vec![
        Line::styled("Terminal trop petit", theme.warning()),
        Line::from(format!(
            "Il faut au moins {MIN_WIDTH}×{MIN_HEIGHT} ; la fenêtre fait {}×{}.",
            area.width, area.height
        )),
        Line::from("Agrandissez la fenêtre, ou Ctrl+C pour quitter : vos réponses sont gardées."),
    ]);
    let height = 5.min(area.height);
    let [_, middle, _] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ]));
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).centered(),
        middle,
    );
}

/// A centred box of at most `width`×`height` inside `area`.
fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn help_overlay(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let context = model.screen.context();
    let mut lines: Vec<Line> = keymap::help(context)
        .into_iter()
        .chain(keymap::help(Context::Help).into_iter().take(2))
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("{:>10}  ", b.hint), theme.key()),
                Span::styled(b.label, theme.text()),
            ])
        })
        .collect();
    lines.insert(
        0,
        Line::styled(
            "Vos réponses sont enregistrées après chaque réponse.",
            theme.muted(),
        ),
    );
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = popup(area, 64, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(Line::styled(" Aide : les touches ", theme.title()))
                .border_style(theme.accent()),
        ),
        rect,
    );
}

/// The words of data protection that remain in vigie, and its own marks, in plain French.
const GLOSSARY: &[(&str, &str)] = &[
    (
        "RGPD",
        "le règlement européen sur les données personnelles (UE 2016/679).",
    ),
    (
        "CNIL",
        "l'autorité française qui conseille, contrôle et sanctionne.",
    ),
    (
        "Donnée personnelle",
        "toute information sur une personne reconnaissable.",
    ),
    (
        "Traitement, fichier",
        "ce que vous faites de ces données (clients, agenda…).",
    ),
    (
        "Responsable du traitement",
        "vous, qui décidez à quoi servent les données.",
    ),
    (
        "Sous-traitant",
        "un prestataire qui les traite pour vous (hébergeur, e-mailing…).",
    ),
    (
        "Cookie, traceur",
        "ce qu'un site dépose ou lit sur l'appareil du visiteur.",
    ),
    (
        "Consentement",
        "l'accord libre et explicite de la personne, qu'elle peut retirer.",
    ),
    (
        "Note et lettre",
        "la note sur 100 donne la lettre (A à E) ; une obligation légale non remplie la limite.",
    ),
    (
        "« ! »",
        "une obligation légale non remplie, donc sanctionnable.",
    ),
    (
        "Confiance",
        "la part des questions répondues autrement que « Je ne sais pas ».",
    ),
    (
        "« déduit »",
        "une réponse tirée de vos services ou d'une réponse précédente : Entrée dans le récapitulatif pour la changer.",
    ),
];

fn glossary_overlay(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = model.theme;
    let lines: Vec<Line> = GLOSSARY
        .iter()
        .map(|(word, meaning)| {
            Line::from(vec![
                Span::styled(format!("{word} — "), theme.strong()),
                Span::styled(vigie::model::wrap::glue(meaning), theme.text()),
            ])
        })
        .collect();
    let rect = popup(area, 76, area.height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .title(Line::styled(" Aide : les mots de vigie ", theme.title()))
                .title_bottom(Line::styled(
                    " Tab : les touches · Échap : fermer ",
                    theme.muted(),
                ))
                .border_style(theme.accent()),
        ),
        rect,
    );
}

fn confirm(theme: Theme, question: Vec<Span>, note: &str, frame: &mut Frame, area: Rect) {
    let rect = popup(area, 60, 7);
    frame.render_widget(Clear, rect);
    let text = vec![
        Line::from(question),
        Line::styled(note, theme.muted()),
        Line::from(vec![
            Span::styled("o", theme.key()),
            Span::raw(" oui   "),
            Span::styled("n", theme.key()),
            Span::raw(" non"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .title(Line::styled(" Confirmer ", theme.warning()))
                .border_style(theme.warning()),
        ),
        rect,
    );
}

/// The first row to show so that `cursor` stays visible in `height` rows.
pub fn window(len: usize, cursor: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    cursor
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

/// The first item to show so that item `cursor` stays visible, when items take `heights`
/// rows each and `height` rows are available; some items before the cursor stay in view.
pub fn window_by_height(heights: &[usize], cursor: usize, height: usize) -> usize {
    let total: usize = heights.iter().sum();
    if total <= height || cursor >= heights.len() {
        return 0;
    }
    let mut start = cursor;
    let mut used = heights[cursor];
    while start > 0 && used + heights[start - 1] <= height.min(height / 2 + heights[cursor]) {
        start -= 1;
        used += heights[start];
    }
    // Near the end, fill the space with earlier items rather than leaving it empty.
    let after: usize = heights[cursor + 1..].iter().sum();
    while start > 0 && used + after + heights[start - 1] <= height {
        start -= 1;
        used += heights[start];
    }
    start
}

/// Wrapped lines of `text` in `style`.
pub fn wrapped(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    vigie::model::wrap::wrap(text, usize::from(width.max(1)))
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// A score with its grade, as text: « 62/100 · C ».
pub fn score_label(score: Option<u8>, grade: Option<vigie::engine::scoring::Grade>) -> String {
    match (score, grade) {
        (Some(score), Some(grade)) => format!("{score}/100 · {}", grade.letter()),
        (Some(score), None) => format!("{score}/100"),
        _ => "sans note".into(),
    }
}

/// Draws a one-line text field (with a `› ` prompt) and, when focused, puts the terminal
/// cursor in it: screen magnifiers and readers follow it.
pub fn text_field(
    frame: &mut Frame,
    area: Rect,
    input: &tui_input::Input,
    style: Style,
    theme: Theme,
    focused: bool,
) {
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let scroll = input.visual_scroll(width);
    let shown: String = input.value().chars().skip(scroll).take(width).collect();
    frame.render_widget(
        Line::from(vec![
            Span::styled("› ", theme.accent()),
            Span::styled(shown, style),
        ]),
        area,
    );
    if focused {
        let cursor = input.visual_cursor().saturating_sub(scroll).min(width);
        frame.set_cursor_position(ratatui::layout::Position::new(
            area.x + 2 + u16::try_from(cursor).unwrap_or(0),
            area.y,
        ));
    }
}
