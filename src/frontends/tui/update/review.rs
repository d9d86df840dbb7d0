//! The review page: every answer by section; any row reopens its question.

use super::*;

pub(super) fn show_review(model: &mut Model, focus_step: usize) {
    let Some(org) = &model.org else {
        return;
    };
    let catalog = &model.catalog;
    let steps = org.cursor.steps();
    let mut rows = Vec::new();
    let mut heading = String::new();
    for (i, step) in steps.iter().enumerate() {
        let progress = interview::progress(catalog, &org.answers, steps, i);
        let title = if progress.module == progress.section {
            progress.module.clone()
        } else {
            format!("{} › {}", progress.module, progress.section)
        };
        let optional = interview::is_optional(catalog, step);
        if optional && i > 0 && !interview::is_optional(catalog, &steps[i - 1]) {
            rows.push(ReviewRow::Heading(
                "Bonnes pratiques, facultatives : après le premier passage".into(),
            ));
            heading.clear();
        }
        if title != heading {
            rows.push(ReviewRow::Heading(title.clone()));
            heading = title;
        }
        rows.push(match step {
            Step::Question(id) => {
                let question = catalog.question(id);
                ReviewRow::Item {
                    step: i,
                    label: question.map(|q| q.prompt.clone()).unwrap_or_default(),
                    answer: org
                        .answers
                        .get(id)
                        .zip(question)
                        .map(|(a, q)| q.answer_text(a)),
                    mark: org.cursor.mark(catalog, &org.answers, id),
                }
            }
            Step::Identity => {
                let fields = catalog.identity_fields(&org.answers);
                let filled = fields
                    .iter()
                    .filter(|q| org.answers.get(&q.id).is_some())
                    .count();
                ReviewRow::Item {
                    step: i,
                    label: "Identité et coordonnées".into(),
                    answer: (filled > 0).then(|| {
                        format!(
                            "{filled} champ{} rempli{} sur {}",
                            plural(filled),
                            plural(filled),
                            fields.len()
                        )
                    }),
                    mark: Mark::None,
                }
            }
        });
    }
    let cursor = rows
        .iter()
        .position(|r| matches!(r, ReviewRow::Item { step, .. } if *step >= focus_step))
        .or_else(|| {
            rows.iter()
                .position(|r| matches!(r, ReviewRow::Item { .. }))
        })
        .unwrap_or(0);
    model.screen = Screen::Review(Review {
        rows,
        cursor,
        search: None,
    });
}

pub(super) fn review(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Review(page) = &mut model.screen else {
        return Vec::new();
    };
    if let Some((input, before)) = &mut page.search {
        match action {
            Action::Input(request) => {
                input.handle(request);
                let query = input.value().to_string();
                if let Some(row) = find(&page.rows, &query) {
                    page.cursor = row;
                }
            }
            Action::Paste(text) => {
                paste(input, &text);
                let query = input.value().to_string();
                if let Some(row) = find(&page.rows, &query) {
                    page.cursor = row;
                }
            }
            Action::Close => {
                page.cursor = *before;
                page.search = None;
            }
            Action::Next => page.search = None,
            _ => {}
        }
        return Vec::new();
    }
    match action {
        Action::Search => {
            page.search = Some((Input::default(), page.cursor));
            Vec::new()
        }
        a if is_move(&a) => {
            let items: Vec<usize> = page
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, ReviewRow::Item { .. }))
                .map(|(i, _)| i)
                .collect();
            let at = items.iter().position(|&i| i == page.cursor).unwrap_or(0);
            page.cursor = items
                .get(step_cursor(at, items.len(), &a))
                .copied()
                .unwrap_or(0);
            Vec::new()
        }
        Action::Next => {
            let Some(ReviewRow::Item { step, .. }) = page.rows.get(page.cursor) else {
                return Vec::new();
            };
            let step = *step;
            let Some(org) = &mut model.org else {
                return Vec::new();
            };
            if step < org.cursor.steps().len() {
                org.reviewed = org.cursor.steps().to_vec();
                org.cursor.go_to(step);
                show_current(model, true);
            }
            Vec::new()
        }
        Action::Results => {
            // A run is recorded once the first pass is through: a note on a few answers
            // would say « rien à corriger » about everything not yet asked.
            let Some(org) = &model.org else {
                return Vec::new();
            };
            let (answered, total) = interview::first_pass_progress(&model.catalog, &org.answers);
            if answered < total {
                model.status = Some(Status {
                    text: format!(
                        "Le premier passage n'est pas fini ({answered} question{} sur {total}) : répondez aux questions « sans réponse » (Entrée), puis v pour une évaluation enregistrée.",
                        plural(answered)
                    ),
                    error: true,
                });
                return Vec::new();
            }
            vec![Effect::RecordRun]
        }
        Action::Close => go_home(model),
        _ => Vec::new(),
    }
}

/// The first answer whose question or answer holds `query` (case and accents aside).
fn find(rows: &[ReviewRow], query: &str) -> Option<usize> {
    let query = fold(query.trim());
    if query.is_empty() {
        return None;
    }
    rows.iter().position(|row| match row {
        ReviewRow::Item { label, answer, .. } => {
            fold(label).contains(&query)
                || answer.as_deref().is_some_and(|a| fold(a).contains(&query))
        }
        ReviewRow::Heading(_) => false,
    })
}
