//! The interview: opening an organisation, one question per screen, saving each answer.

use super::*;

pub(super) fn open(model: &mut Model, opened: Opened) -> Vec<Effect> {
    let catalog = &model.catalog;
    let latest = opened.latest.as_ref().map(|run| &run.record);
    let (cursor, opening) = Cursor::open(catalog, &opened.answers, latest, model.today);
    let mut notes = opened.warnings;
    notes.extend(opening.note());
    model.status = (!notes.is_empty()).then(|| Status {
        text: notes.join(" "),
        error: false,
    });
    model.org = Some(Org {
        slug: opened.slug,
        answers: opened.answers,
        cursor,
        last_run: opened.latest,
        reviewed: Vec::new(),
        results: None,
    });
    show_current(model, false);
    Vec::new()
}

/// Shows the step the cursor is on with its current answer, or the review past the last.
pub(super) fn show_current(model: &mut Model, from_review: bool) {
    let Some(org) = &model.org else {
        return;
    };
    let Some(step) = org.cursor.current() else {
        show_review(model, 0);
        return;
    };
    let form = step_form(&model.catalog, &org.answers, step);
    let groups = option_groups(&model.catalog, step);
    model.screen = Screen::Interview(Interview {
        form,
        from_review,
        help_scroll: 0,
        search: None,
        filter: None,
        groups,
    });
}

/// The heading of each option of the step: the services come grouped by category.
fn option_groups(catalog: &Catalog, step: &Step) -> Vec<&'static str> {
    match step {
        Step::Question(id) if id == vigie::engine::interview::deduce::SERVICES => catalog
            .question(id)
            .map(|q| q.options())
            .unwrap_or_default()
            .iter()
            .map(|o| {
                let category = catalog
                    .service(&o.value)
                    .map_or("", |s| s.category.as_str());
                vigie::model::catalog::category_label(category)
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn step_form(catalog: &Catalog, answers: &Answers, step: &Step) -> StepForm {
    match step {
        Step::Question(id) => match catalog.question(id) {
            Some(question) => StepForm::question(question, answers.get(id)),
            None => StepForm::Text {
                input: Input::default(),
                error: None,
            },
        },
        Step::Identity => StepForm::Identity {
            fields: catalog
                .identity_fields(answers)
                .into_iter()
                .map(|q| Field::new(q, answers.get(&q.id)))
                .collect(),
            focus: 0,
        },
    }
}

pub(super) fn interview(model: &mut Model, action: Action) -> Vec<Effect> {
    let (Screen::Interview(current), Some(org)) = (&mut model.screen, &mut model.org) else {
        return Vec::new();
    };
    if let Some((input, before)) = &mut current.search {
        // Typing filters the options to those that hold the words typed (case and accents
        // aside); Entrée keeps the filter, Échap gives the list and the option back.
        match action {
            Action::Input(request) => {
                input.handle(request);
                let visible = current.visible_options();
                if let StepForm::Choice { cursor, .. } = &mut current.form
                    && !visible.contains(cursor)
                    && let Some(first) = visible.first()
                {
                    *cursor = *first;
                }
            }
            Action::Close => {
                if let StepForm::Choice { cursor, .. } = &mut current.form {
                    *cursor = *before;
                }
                current.search = None;
            }
            Action::Next => {
                let typed = input.value().trim().to_string();
                let found = !current.visible_options().is_empty();
                current.filter = (found && !typed.is_empty()).then_some(typed);
                current.search = None;
            }
            _ => {}
        }
        return Vec::new();
    }
    if current.filter.is_some() {
        // Within a filter: the arrows go through the options shown, Échap shows them all
        // again (ticked options stay ticked).
        let visible = current.visible_options();
        match action {
            Action::Close => {
                current.filter = None;
                return Vec::new();
            }
            a @ (Action::Up | Action::Down) => {
                if let StepForm::Choice { cursor, picked, .. } = &mut current.form {
                    let at = visible.iter().position(|i| i == cursor).unwrap_or(0);
                    let at = step_cursor(at, visible.len(), &a);
                    if let Some(option) = visible.get(at) {
                        *cursor = *option;
                        *picked = true;
                    }
                }
                return Vec::new();
            }
            _ => {}
        }
    }
    match action {
        Action::Search => {
            if let StepForm::Choice { cursor, .. } = &current.form {
                // The words of a filter kept are typed on (Échap keeps the filter as it was).
                let typed = current.filter.clone().unwrap_or_default();
                current.search = Some((Input::new(typed), *cursor));
            }
            return Vec::new();
        }
        Action::Back => {
            org.cursor.back(&model.catalog, &org.answers);
            show_current(model, false);
            return Vec::new();
        }
        Action::Review => {
            let index = org.cursor.index();
            show_review(model, index);
            return Vec::new();
        }
        Action::Close if current.from_review => {
            if let Some(results) = org.results.take() {
                model.screen = Screen::Results(results);
                return Vec::new();
            }
            let index = org.cursor.index();
            show_review(model, index);
            return Vec::new();
        }
        Action::Close => return go_home(model),
        Action::Scan => return scan_from_interview(model),
        _ => {}
    }
    match (&mut current.form, action) {
        (_, a @ (Action::ScrollUp | Action::ScrollDown)) => {
            // The first PgSuiv opens the whole « Pourquoi ? » at its top (1), the next ones
            // scroll it; 0 is the first sentence alone.
            current.help_scroll = match (current.help_scroll, &a) {
                (0, Action::ScrollDown) => 1,
                (at, _) => scroll(at, &a).max(u16::from(at > 0)),
            };
            Vec::new()
        }
        (
            StepForm::Choice {
                cursor,
                options,
                picked,
                ..
            },
            a,
        ) if is_move(&a) => {
            *cursor = step_cursor(*cursor, options.len(), &a);
            *picked = true;
            Vec::new()
        }
        (
            StepForm::Choice {
                cursor,
                options,
                ticked,
                multi,
                picked,
            },
            Action::Pick(n),
        ) => {
            // A digit picks its option, in a single choice as in a multiple one (where it
            // ticks or unticks it).
            if n < options.len() {
                *cursor = n;
                *picked = true;
                if *multi && !ticked.remove(&n) {
                    ticked.insert(n);
                }
            }
            Vec::new()
        }
        (
            StepForm::Choice {
                cursor,
                ticked,
                multi: true,
                ..
            },
            Action::Toggle,
        ) => {
            if !ticked.remove(cursor) {
                ticked.insert(*cursor);
            }
            Vec::new()
        }
        (StepForm::Text { input, error }, Action::Input(request)) => {
            input.handle(request);
            *error = None;
            Vec::new()
        }
        (StepForm::Text { input, error }, Action::Paste(text)) => {
            paste(input, &text);
            *error = None;
            Vec::new()
        }
        (StepForm::Identity { .. }, action) => identity(model, action),
        (_, Action::Next) => commit_question(model),
        _ => Vec::new(),
    }
}

/// Records the answer on screen, saves, and moves on.
pub(super) fn commit_question(model: &mut Model) -> Vec<Effect> {
    let (Screen::Interview(current), Some(org)) = (&mut model.screen, &mut model.org) else {
        return Vec::new();
    };
    let Some(Step::Question(id)) = org.cursor.current().cloned() else {
        return Vec::new();
    };
    let Some(question) = model.catalog.question(&id) else {
        return Vec::new();
    };
    let answer = match (&mut current.form, &question.kind) {
        (
            StepForm::Choice {
                options,
                cursor,
                ticked,
                multi,
                picked,
            },
            kind,
        ) => {
            if !*picked {
                model.status = Some(Status {
                    text: format!(
                        "Choisissez une réponse : un chiffre de 1 à {}, ou ↑↓ puis Entrée.",
                        options.len().min(9)
                    ),
                    error: true,
                });
                return Vec::new();
            }
            if *multi {
                Some(Answer::Multi(
                    ticked.iter().map(|&i| options[i].0.clone()).collect(),
                ))
            } else if let QuestionKind::Conformite(_) = kind {
                Rating::from_value(&options[*cursor].0).map(Answer::Rating)
            } else {
                Some(Answer::Choice(options[*cursor].0.clone()))
            }
        }
        (StepForm::Text { input, error }, QuestionKind::Text { validator, .. }) => {
            let text = match &question.kind {
                QuestionKind::Text { validator, .. } => validator.completed(input.value()),
                _ => input.value().trim().to_string(),
            };
            if text.is_empty() {
                None
            } else if let Err(message) = validator.check(&text) {
                *error = Some(message);
                return Vec::new();
            } else {
                Some(Answer::Text(text))
            }
        }
        _ => return Vec::new(),
    };
    org.cursor
        .answer(&model.catalog, &mut org.answers, &id, answer, model.today);
    let mut effects = vec![Effect::Save];
    effects.extend(advance(model));
    effects
}

/// After answering the step shown: back to the review (or the results) when opened from
/// it, else the next step (the steps are recomputed: the answer may have changed which
/// questions apply). Returns the effects to run: the results scored again.
pub(super) fn advance(model: &mut Model) -> Vec<Effect> {
    let (Screen::Interview(current), Some(org)) = (&model.screen, &mut model.org) else {
        return Vec::new();
    };
    let from_review = current.from_review;
    let edited = org.cursor.current().cloned();
    org.cursor.next(&model.catalog, &org.answers);
    let (catalog, answers, steps) = (&model.catalog, &org.answers, org.cursor.steps());
    let open = |step: &Step| {
        !interview::is_answered(catalog, answers, step)
            && !interview::is_deduced(catalog, answers, step)
    };
    if from_review {
        // Questions the answer brought in are asked in turn, and the good practices one
        // after the other; then back to the review.
        let brought = steps
            .iter()
            .position(|s| open(s) && !org.reviewed.contains(s));
        let next_practice = org.cursor.current().filter(|s| {
            open(s)
                && interview::is_optional(catalog, s)
                && edited
                    .as_ref()
                    .is_some_and(|e| interview::is_optional(catalog, e))
        });
        match (brought, next_practice) {
            (Some(index), _) => org.cursor.go_to(index),
            (None, Some(_)) => {}
            (None, None) => {
                let index = edited
                    .and_then(|e| steps.iter().position(|s| *s == e))
                    .unwrap_or(steps.len());
                org.cursor.go_to(index);
                if org.results.take().is_some() {
                    // Back to the results, scored again with the new answer.
                    return vec![Effect::RecordRun];
                }
                show_review(model, index);
                return Vec::new();
            }
        }
        show_current(model, true);
        return Vec::new();
    }
    let at = org.cursor.index();
    if edited.is_some_and(|left| {
        interview::ends_first_pass(catalog, answers, &left, org.cursor.current())
    }) {
        // The first pass is over: the review, then the good practices for who wants them.
        let left = steps[at..]
            .iter()
            .filter(|s| interview::is_optional(catalog, s) && open(s))
            .count();
        model.status = Some(Status {
            text: format!(
                "Premier passage terminé. {left} bonne{s} pratique{s} facultative{s} reste{nt} : Entrée sur l'une d'elles pour continuer, ou v pour vos résultats.",
                s = plural(left),
                nt = if left > 1 { "nt" } else { "" },
            ),
            error: false,
        });
        show_review(model, at);
        return Vec::new();
    }
    show_current(model, false);
    Vec::new()
}
