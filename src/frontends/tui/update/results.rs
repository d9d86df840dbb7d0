//! The results page.

use super::*;

pub(super) fn show_results(model: &mut Model, ready: Recorded) -> Vec<Effect> {
    let report = ready.run.record.report(&model.catalog);
    let date = ready.run.record.date.clone();
    if let Some(org) = &mut model.org {
        org.last_run = Some(ready.run);
        org.cursor.clear_first(&model.catalog, &org.answers);
    }
    model.status = Some(Status {
        text: if ready.new {
            "Évaluation enregistrée dans l'historique.".into()
        } else {
            "Réponses inchangées depuis la dernière évaluation : elle est affichée telle quelle."
                .into()
        },
        error: false,
    });
    model.screen = Screen::Results(Box::new(Results {
        report,
        date,
        previous: ready.previous,
        tab: ResultsTab::Actions,
        cursor: 0,
        detail_scroll: 0,
    }));
    Vec::new()
}

pub(super) fn results(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Results(page) = &mut model.screen else {
        return Vec::new();
    };
    match action {
        a if is_move(&a) => {
            page.cursor = step_cursor(page.cursor, page.tab.count(&page.report), &a);
            page.detail_scroll = 0;
            Vec::new()
        }
        a @ (Action::ScrollUp | Action::ScrollDown) => {
            page.detail_scroll = scroll(page.detail_scroll, &a);
            Vec::new()
        }
        Action::NextTab => {
            let at = ResultsTab::ALL
                .iter()
                .position(|t| *t == page.tab)
                .unwrap_or(0);
            page.tab = ResultsTab::ALL[(at + 1) % ResultsTab::ALL.len()];
            page.cursor = 0;
            page.detail_scroll = 0;
            Vec::new()
        }
        Action::Next => open_question(model),
        Action::Documents => show_documents(model),
        Action::Report => match &model.org {
            // Beside the documents, in the same default output folder.
            Some(org) => vec![Effect::Report {
                slug: org.slug.clone(),
                file: model
                    .base_folder
                    .join(format!("documents-{}", org.slug))
                    .join(format!(
                        "bilan-rgpd-{}.html",
                        page.date.get(..10).unwrap_or(&page.date)
                    )),
            }],
            None => Vec::new(),
        },
        Action::Review => {
            show_review(model, 0);
            Vec::new()
        }
        Action::History => match &model.org {
            Some(org) => vec![Effect::LoadHistory(org.slug.clone())],
            None => Vec::new(),
        },
        Action::Close => go_home(model),
        _ => Vec::new(),
    }
}

/// Entrée on an action of the plan or an item to check: its question, then back here.
fn open_question(model: &mut Model) -> Vec<Effect> {
    let Screen::Results(page) = &model.screen else {
        return Vec::new();
    };
    let id = match page.tab {
        ResultsTab::Actions => page.report.actions.get(page.cursor).map(|a| &a.question),
        ResultsTab::ToVerify => page.report.to_verify.get(page.cursor).map(|q| &q.question),
        _ => None,
    };
    let Some(step) = id.map(|id| Step::Question(id.clone())) else {
        return Vec::new();
    };
    let Some(index) = model
        .org
        .as_ref()
        .and_then(|org| org.cursor.steps().iter().position(|s| *s == step))
    else {
        return Vec::new();
    };
    let results = take_results(model);
    if let Some(org) = &mut model.org {
        org.results = results;
        org.reviewed = org.cursor.steps().to_vec();
        org.cursor.go_to(index);
    }
    show_current(model, true);
    Vec::new()
}
