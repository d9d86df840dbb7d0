//! The score report as text (terminal) and Markdown. JSON is the serde form of
//! [`ScoreReport`].

use std::fmt::Write;

use crate::engine::scoring::{Action, ScoreReport};
use crate::model::answers::Rating;
use crate::model::french::date_text;
use crate::model::wrap::wrap;

const WIDTH: usize = 88;

/// A number with one decimal, French style ("6,2").
pub fn french_decimal(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

/// « gravité critique », with the traits that raised it: « gravité critique (relevée : données
/// de santé) ».
pub fn severity_text(action: &Action) -> String {
    if action.raised_by.is_empty() {
        format!("gravité {}", action.severity.label())
    } else {
        let traits: Vec<&str> = action.raised_by.iter().map(|s| s.label()).collect();
        format!(
            "gravité {} (relevée : {})",
            action.severity.label(),
            traits.join(", ")
        )
    }
}

/// The decision, then where its facts were read, when the legal sheets give an address (a
/// deliberation's own text, or a summary of it).
fn sanction_source(sanction: &crate::model::catalog::Sanction) -> String {
    match &sanction.url {
        Some(url) => format!("{} ; source : {url}", sanction.reference),
        None => sanction.reference.clone(),
    }
}

fn score_line(report: &ScoreReport) -> String {
    match (report.score, report.grade) {
        (Some(score), Some(grade)) => format!("{score}/100, lettre {}", grade.letter()),
        _ => "non évaluée (aucune question notée ne s'applique)".to_string(),
    }
}

fn answer_label(answer: Option<Rating>) -> &'static str {
    answer.map_or("sans réponse", Rating::label)
}

fn disclaimer(report: &ScoreReport) -> String {
    let mut text = String::from(
        "Ce bilan repose sur vos déclarations : vigie n'a rien vérifié sur votre site ni dans vos \
         outils. Ce n'est ni un avis juridique ni un certificat de conformité.",
    );
    if let Some(date) = &report.references_reviewed {
        let _ = write!(
            text,
            " Références juridiques vérifiées au {}.",
            date_text(date)
        );
    }
    text
}

/// The report for a terminal.
pub fn to_text(report: &ScoreReport) -> String {
    let mut out = String::new();
    let para = |out: &mut String, text: &str, indent: &str| {
        for line in wrap(text, WIDTH - indent.chars().count()) {
            let _ = writeln!(out, "{indent}{line}");
        }
    };
    let _ = writeln!(out, "Note globale : {}", score_line(report));
    if let Some(cap) = &report.grade_cap {
        para(
            &mut out,
            &format!(
                "La note seule vaudrait {} ; {}.",
                cap.uncapped.letter(),
                cap.reason
            ),
            "  ",
        );
    }
    if let Some(confidence) = report.confidence {
        let _ = writeln!(
            out,
            "Confiance : {confidence} % ({} « je ne sais pas », {} sans réponse)",
            report.to_verify.len(),
            report.unanswered.len()
        );
        if let Some(note) = &report.confidence_note {
            para(&mut out, note, "  ");
        }
    }

    if !report.modules.is_empty() {
        out.push_str("\nPar module\n");
        for module in &report.modules {
            let score = module
                .score
                .map_or("non évalué".to_string(), |s| format!("{s:>3}/100"));
            let _ = writeln!(out, "  {:<40} {score}", module.title);
        }
    }
    if !report.skipped_modules.is_empty() {
        let titles: Vec<&str> = report
            .skipped_modules
            .iter()
            .map(|m| m.title.as_str())
            .collect();
        para(
            &mut out,
            &format!(
                "Sans objet pour vous (non évalués) : {}.",
                titles.join(", ")
            ),
            "  ",
        );
    }

    if !report.identity_missing.is_empty() {
        let _ = writeln!(
            out,
            "\nInformations exigées par la loi, encore manquantes ({})",
            report.identity_missing.len()
        );
        for field in &report.identity_missing {
            let source = field
                .references
                .first()
                .map_or(String::new(), |r| format!(" ({})", r.label));
            para(&mut out, &format!("- {}{source}", field.label), "  ");
        }
    }

    if let Some(vat) = &report.vat_suggestion {
        out.push('\n');
        para(
            &mut out,
            &format!(
                "Numéro de TVA intracommunautaire calculé à partir de votre SIREN : {vat}. Si vous \
                 êtes assujetti à la TVA, vérifiez-le sur vos factures et ajoutez-le au fichier \
                 de réponses (tva = \"{vat}\")."
            ),
            "",
        );
    }
    out.push_str(&crate::engine::contradictions::text(&report.contradictions));
    if report.actions.is_empty() {
        out.push_str("\nPlan d'action : rien à corriger parmi les réponses données.\n");
    } else {
        let _ = writeln!(
            out,
            "\nPlan d'action ({}), par ordre de priorité",
            report.actions.len()
        );
        for (i, action) in report.actions.iter().enumerate() {
            write_action_text(&mut out, i + 1, action);
        }
    }

    if !report.sanctions.is_empty() {
        out.push_str(
            "\nCe que la CNIL a déjà sanctionné pour des manquements proches des vôtres\n",
        );
        for sanction in &report.sanctions {
            para(
                &mut out,
                &format!(
                    "- {} — {} : {}. {} ({})",
                    date_text(&sanction.date),
                    sanction.organisation,
                    sanction.amount,
                    sanction.summary,
                    sanction_source(sanction)
                ),
                "  ",
            );
        }
    }
    if !report.to_verify.is_empty() {
        let _ = writeln!(out, "\nÀ vérifier ({})", report.to_verify.len());
        for q in &report.to_verify {
            para(&mut out, &format!("- {}", q.title), "  ");
        }
    }
    if !report.unanswered.is_empty() {
        let _ = writeln!(out, "\nSans réponse ({})", report.unanswered.len());
        for q in &report.unanswered {
            para(&mut out, &format!("- {}", q.title), "  ");
        }
    }

    if !report.lost_points.is_empty() {
        out.push_str("\nPourquoi pas 100 ?\n");
        for lost in &report.lost_points {
            para(
                &mut out,
                &format!(
                    "-{:>4}  {} ({})",
                    french_decimal(lost.points),
                    lost.title,
                    answer_label(lost.answer)
                ),
                "  ",
            );
        }
    }
    out.push('\n');
    para(&mut out, &disclaimer(report), "");
    out
}

fn write_action_text(out: &mut String, number: usize, action: &Action) {
    let indent = "     ";
    let head = format!(
        "{number:>2}. [{}, {}] {}",
        action.level.label(),
        severity_text(action),
        action.title
    );
    for (i, line) in wrap(&head, WIDTH).into_iter().enumerate() {
        let _ = writeln!(out, "{}{line}", if i == 0 { "" } else { indent });
    }
    let lines = [
        format!("Question : {}", action.question_text),
        format!(
            "Votre réponse : {} · effort {} · +{} points",
            action.answer.label(),
            action.effort.label(),
            french_decimal(action.points)
        ),
        format!("À faire : {}", action.remediation),
    ];
    for text in lines {
        for line in wrap(&text, WIDTH - indent.len()) {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    for reference in &action.references {
        let _ = writeln!(
            out,
            "{indent}Source : {} — {}",
            reference.label, reference.url
        );
    }
    if let Some(document) = &action.document {
        let _ = writeln!(out, "{indent}Document qui aide : {document}");
    }
}

/// Escapes the characters that Markdown would interpret in table cells and text.
fn md(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The report as Markdown.
pub fn to_markdown(report: &ScoreReport) -> String {
    let mut out = String::from("# Bilan RGPD\n\n");
    let _ = writeln!(out, "**Note globale : {}**\n", score_line(report));
    if let Some(cap) = &report.grade_cap {
        let _ = writeln!(
            out,
            "La note seule vaudrait {} ; {}.\n",
            cap.uncapped.letter(),
            md(&cap.reason)
        );
    }
    if let Some(confidence) = report.confidence {
        let _ = writeln!(
            out,
            "Confiance : {confidence} % ({} « je ne sais pas », {} sans réponse).\n",
            report.to_verify.len(),
            report.unanswered.len()
        );
        if let Some(note) = &report.confidence_note {
            let _ = writeln!(out, "{}\n", md(note));
        }
    }
    if !report.modules.is_empty() {
        out.push_str("## Par module\n\n| Module | Note |\n|---|---|\n");
        for module in &report.modules {
            let score = module
                .score
                .map_or("non évalué".to_string(), |s| format!("{s}/100"));
            let _ = writeln!(out, "| {} | {score} |", md(&module.title));
        }
        out.push('\n');
    }
    if !report.skipped_modules.is_empty() {
        let titles: Vec<String> = report
            .skipped_modules
            .iter()
            .map(|m| md(&m.title))
            .collect();
        let _ = writeln!(
            out,
            "Sans objet pour vous (non évalués) : {}.\n",
            titles.join(", ")
        );
    }
    if !report.identity_missing.is_empty() {
        out.push_str("## Informations exigées par la loi, encore manquantes\n\n");
        for field in &report.identity_missing {
            let source = field
                .references
                .first()
                .map_or(String::new(), |r| format!(" ({})", md(&r.label)));
            let _ = writeln!(out, "- {}{source}", md(&field.label));
        }
        out.push('\n');
    }
    out.push_str(&crate::engine::contradictions::markdown(
        &report.contradictions,
        md,
    ));
    out.push_str("## Plan d'action\n\n");
    if report.actions.is_empty() {
        out.push_str("Rien à corriger parmi les réponses données.\n\n");
    }
    for (i, action) in report.actions.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}, {}** — {}  \n   Question : {}  \n   Votre réponse : {} · effort {} · +{} points  \n   À faire : {}",
            i + 1,
            action.level.label(),
            md(&severity_text(action)),
            md(&action.title),
            md(&action.question_text),
            action.answer.label(),
            action.effort.label(),
            french_decimal(action.points),
            md(&action.remediation)
        );
        for reference in &action.references {
            let _ = writeln!(
                out,
                "   Source : [{}]({})",
                md(&reference.label),
                reference.url
            );
        }
        if let Some(document) = &action.document {
            let _ = writeln!(out, "   Document qui aide : `{document}`");
        }
        out.push('\n');
    }
    if !report.sanctions.is_empty() {
        out.push_str(
            "## Ce que la CNIL a déjà sanctionné pour des manquements proches des vôtres\n\n",
        );
        for sanction in &report.sanctions {
            let _ = writeln!(
                out,
                "- {} — **{}** : {}. {} ({})",
                date_text(&sanction.date),
                md(&sanction.organisation),
                md(&sanction.amount),
                md(&sanction.summary),
                md(&sanction_source(sanction))
            );
        }
        out.push('\n');
    }
    for (title, list) in [
        ("À vérifier", &report.to_verify),
        ("Sans réponse", &report.unanswered),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "## {title} ({})\n", list.len());
            for q in list {
                let _ = writeln!(out, "- {}", md(&q.title));
            }
            out.push('\n');
        }
    }
    if !report.lost_points.is_empty() {
        out.push_str(
            "## Pourquoi pas 100 ?\n\n| Points perdus | Question | Réponse |\n|---|---|---|\n",
        );
        for lost in &report.lost_points {
            let _ = writeln!(
                out,
                "| −{} | {} | {} |",
                french_decimal(lost.points),
                md(&lost.title),
                answer_label(lost.answer)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "---\n\n{}", md(&disclaimer(report)));
    out
}

/// One point of an organisation's history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HistoryPoint {
    /// AAAA-MM-JJ
    pub date: String,
    pub score: Option<u8>,
    pub grade: Option<String>,
}

/// The history as a Markdown table, with the change from one run to the next.
pub fn history_markdown(points: &[HistoryPoint]) -> String {
    let mut out = String::from("| Date | Note | Lettre | Évolution |\n|---|---|---|---|\n");
    let mut previous: Option<u8> = None;
    for point in points {
        let change = match (previous, point.score) {
            (Some(before), Some(now)) if now > before => format!("+{}", now - before),
            (Some(before), Some(now)) if now < before => format!("−{}", before - now),
            (Some(_), Some(_)) => "=".to_string(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {change} |",
            date_text(&point.date),
            point.score.map_or("—".to_string(), |s| format!("{s}/100")),
            point.grade.as_deref().unwrap_or("—")
        );
        previous = point.score.or(previous);
    }
    out
}

/// The history as an inline SVG line chart (score 0–100 over the runs), readable printed.
pub fn history_svg(points: &[HistoryPoint]) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 240.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 36.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 40.0;
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let scored: Vec<(usize, u8)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.score.map(|s| (i, s)))
        .collect();
    let x = |i: usize| {
        if points.len() <= 1 {
            LEFT + plot_width / 2.0
        } else {
            LEFT + plot_width * i as f64 / (points.len() - 1) as f64
        }
    };
    let y = |score: u8| TOP + plot_height * (1.0 - f64::from(score) / 100.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"100%\" \
         role=\"img\" aria-label=\"Évolution de la note sur {} évaluations\">\n",
        points.len()
    );
    for grid in [0u8, 25, 50, 75, 100] {
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#d0d7de\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">{grid}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(grid) + 4.0,
            y = y(grid)
        );
    }
    if scored.len() > 1 {
        let path: Vec<String> = scored
            .iter()
            .map(|(i, s)| format!("{:.1},{:.1}", x(*i), y(*s)))
            .collect();
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"#0b57d0\" stroke-width=\"2\" points=\"{}\"/>",
            path.join(" ")
        );
    }
    for (i, score) in &scored {
        let _ = writeln!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#0b57d0\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{score}</text>",
            x(*i),
            y(*score),
            x(*i),
            y(*score) - 8.0
        );
    }
    for (i, point) in points.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">{}</text>",
            x(i),
            HEIGHT - BOTTOM + 16.0,
            point
                .date
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        );
    }
    svg.push_str("</svg>\n");
    svg
}
