//! The interview: opening an organisation, one question per screen, saving each answer.

use super::*;

pub(super) fn open(model: &mut Model, opened: Opened) -> Vec<Effect> {
    let catalog = &model.catalog;
    let latest = opened.last_run.as_ref().map(|run| &run.record);
    let org = Org {
        first: AskedFirst::of(catalog, &opened.answers, latest, &model.today),
        slug: opened.slug,
        answers: opened.answers,
        last_run: opened.last_run,
    };
    let steps = interview::steps(catalog, &org.answers, &org.first.ids());
    let resume = interview::resume_at(catalog, &org.answers, &steps);
    let mut notes = opened.warnings;
    let note = org.first.note();
    let asked_first = note.is_some();
    if let Some(note) = note {
        notes.push(note);
    } else if resume > 0 && resume < steps.len() {
        notes.push(format!(
            "Reprise à la question {} sur {} : vos réponses précédentes sont gardées.",
            resume + 1,
            steps.len()
        ));
    }
    let index = if asked_first { 0 } else { resume };
    model.status = (!notes.is_empty()).then(|| Status {
        text: notes.join(" "),
        error: false,
    });
    model.org = Some(org);
    if index >= steps.len() {
        show_review(model, 0);
    } else {
        show_step(model, steps, index, false);
    }
    Vec::new()
}

pub(super) fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// Shows the step at `index` with its current answer.
pub(super) fn show_step(model: &mut Model, steps: Vec<Step>, index: usize, from_review: bool) {
    let Some(org) = &model.org else {
        return;
    };
    let form = step_form(&model.catalog, &org.answers, &steps[index]);
    model.screen = Screen::Interview(Interview {
        steps,
        index,
        form,
        from_review,
        help_scroll: 0,
    });
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
            fields: interview::identity_fields(catalog, answers)
                .into_iter()
                .map(|q| Field::new(q, answers.get(&q.id)))
                .collect(),
            focus: 0,
        },
    }
}

pub(super) fn interview(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Interview(current) = &mut model.screen else {
        return Vec::new();
    };
    let index = current.index;
    match action {
        Action::Back => {
            let steps = current.steps.clone();
            show_step(model, steps, index.saturating_sub(1), false);
            return Vec::new();
        }
        Action::Review => {
            show_review(model, index);
            return Vec::new();
        }
        Action::Close if current.from_review => {
            show_review(model, index);
            return Vec::new();
        }
        Action::Close => return go_home(model),
        Action::Scan => return scan_from_interview(model),
        _ => {}
    }
    match (&mut current.form, action) {
        (_, a @ (Action::ScrollUp | Action::ScrollDown)) => {
            current.help_scroll = scroll(current.help_scroll, &a);
            Vec::new()
        }
        (
            StepForm::Choice {
                cursor, options, ..
            },
            a,
        ) if is_move(&a) => {
            *cursor = step_cursor(*cursor, options.len(), &a);
            Vec::new()
        }
        (
            StepForm::Choice {
                cursor, options, ..
            },
            Action::Pick(n),
        ) => {
            if n < options.len() {
                *cursor = n;
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
    let Some(Step::Question(id)) = current.steps.get(current.index).cloned() else {
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
            },
            kind,
        ) => {
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
            let text = input.value().trim().to_string();
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
    match answer {
        Some(answer) => set_answer(&mut org.answers, &id, answer, &model.today),
        None => {
            org.answers.remove(&id);
        }
    }
    advance(model, &Step::Question(id));
    vec![Effect::Save]
}

pub(super) fn set_answer(answers: &mut Answers, id: &str, answer: Answer, today: &str) {
    answers.set(id, answer);
    answers.confirm(id, today);
}

/// After answering `step`: back to the review when opened from it, else the next step
/// (steps are recomputed: the answer may have changed which questions apply).
pub(super) fn advance(model: &mut Model, step: &Step) {
    let (Screen::Interview(current), Some(org)) = (&model.screen, &model.org) else {
        return;
    };
    let first = org.first.ids();
    let steps = interview::steps(&model.catalog, &org.answers, &first);
    let from_review = current.from_review;
    let here = steps.iter().position(|s| s == step);
    if from_review {
        show_review(model, here.unwrap_or(0));
        return;
    }
    let next = here.map_or(current.index, |i| {
        interview::next_after(&model.catalog, &org.answers, &steps, &first, i)
    });
    if next >= steps.len() {
        show_review(model, 0);
    } else {
        show_step(model, steps, next, false);
    }
}
