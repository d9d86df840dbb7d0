//! The identity form: live validation, the VAT number computed from the SIREN.

use super::*;

pub(super) fn identity(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Interview(current) = &mut model.screen else {
        return Vec::new();
    };
    let StepForm::Identity { fields, focus } = &mut current.form else {
        return Vec::new();
    };
    if fields.is_empty() {
        advance(model);
        return Vec::new();
    }
    match action {
        Action::Input(request) => {
            edit_field(&model.catalog, fields, *focus, request);
            Vec::new()
        }
        Action::Paste(text) => {
            if let FieldValue::Text(input) = &mut fields[*focus].value {
                paste(input, &text);
            }
            check_field(&model.catalog, fields, *focus);
            Vec::new()
        }
        Action::Up | Action::Down | Action::Next => {
            let saved = commit_field(model);
            let Screen::Interview(current) = &mut model.screen else {
                return saved;
            };
            let StepForm::Identity { fields, focus } = &mut current.form else {
                return saved;
            };
            if action == Action::Next && fields[*focus].error.is_some() {
                return saved;
            }
            if action == Action::Next && *focus + 1 == fields.len() {
                return [saved, finish_identity(model)].concat();
            }
            *focus = step_cursor(*focus, fields.len(), &action_as_move(&action));
            saved
        }
        Action::Finish => finish_identity(model),
        _ => Vec::new(),
    }
}

pub(super) fn action_as_move(action: &Action) -> Action {
    match action {
        Action::Next => Action::Down,
        other => other.clone(),
    }
}

/// Typing in a field; on a choice field, ←/→ and Space change the option.
pub(super) fn edit_field(
    catalog: &Catalog,
    fields: &mut [Field],
    focus: usize,
    request: InputRequest,
) {
    match &mut fields[focus].value {
        FieldValue::Text(input) => {
            // A typed change makes the VAT number the user's own; moving the cursor does not.
            if input.handle(request).is_some_and(|changed| changed.value) {
                fields[focus].computed = false;
            }
        }
        FieldValue::Choice { options, selected } => {
            let len = options.len();
            *selected = match (request, *selected) {
                (InputRequest::GoToPrevChar, Some(i)) => Some((i + len - 1) % len),
                (InputRequest::GoToPrevChar, None) => Some(len - 1),
                (InputRequest::GoToNextChar | InputRequest::InsertChar(' '), Some(i)) => {
                    Some((i + 1) % len)
                }
                (InputRequest::GoToNextChar | InputRequest::InsertChar(' '), None) => Some(0),
                (_, current) => current,
            };
        }
    }
    check_field(catalog, fields, focus);
}

/// Live validation of the field; a valid SIREN fills the VAT number when it is empty.
pub(super) fn check_field(catalog: &Catalog, fields: &mut [Field], focus: usize) {
    let field = &mut fields[focus];
    field.error = match (&field.value, catalog.question(&field.id).map(|q| &q.kind)) {
        (FieldValue::Text(input), Some(QuestionKind::Text { validator, .. }))
            if !input.value().trim().is_empty() =>
        {
            validator.check(&validator.completed(input.value())).err()
        }
        _ => None,
    };
    if field.id != "siren" {
        return;
    }
    let vat = match &field.value {
        FieldValue::Text(input) if field.error.is_none() => vat_from_siren(input.value().trim()),
        _ => None,
    };
    if let Some(tva) = fields.iter_mut().find(|f| f.id == "tva")
        && let FieldValue::Text(input) = &mut tva.value
        && (input.value().trim().is_empty() || tva.computed)
    {
        *input = Input::new(vat.clone().unwrap_or_default());
        tva.computed = vat.is_some();
        tva.error = None;
    }
}

/// Records the focused field, and the VAT number computed with it, when valid (an empty
/// field clears its answer); returns the save effect.
pub(super) fn commit_field(model: &mut Model) -> Vec<Effect> {
    let (Screen::Interview(current), Some(org)) = (&mut model.screen, &mut model.org) else {
        return Vec::new();
    };
    let StepForm::Identity { fields, focus } = &current.form else {
        return Vec::new();
    };
    let which = [*focus]
        .into_iter()
        .chain(fields.iter().position(|f| f.computed));
    if record_fields(&mut org.answers, fields, which, model.today) {
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}

/// Records the valid fields among `which`; true when an answer changed.
fn record_fields(
    answers: &mut Answers,
    fields: &[Field],
    which: impl IntoIterator<Item = usize>,
    today: Date,
) -> bool {
    let mut changed = false;
    for field in which.into_iter().map(|i| &fields[i]) {
        let answer = field.answer();
        if field.error.is_some() || answers.get(&field.id) == answer.as_ref() {
            continue;
        }
        interview::record(answers, &field.id, answer, today);
        changed = true;
    }
    changed
}

/// Leaves the identity form: blocked on an invalid value, otherwise every value is recorded
/// and confirmed (dated today) and the interview goes on. Empty required values are
/// reported in the results and the documents, not forced.
pub(super) fn finish_identity(model: &mut Model) -> Vec<Effect> {
    let (Screen::Interview(current), Some(org)) = (&mut model.screen, &mut model.org) else {
        return Vec::new();
    };
    let StepForm::Identity { fields, focus } = &mut current.form else {
        return Vec::new();
    };
    if let Some(invalid) = fields.iter().position(|f| f.error.is_some()) {
        *focus = invalid;
        model.status = Some(Status {
            text: "Corrigez la valeur signalée avant de continuer.".into(),
            error: true,
        });
        return Vec::new();
    }
    record_fields(&mut org.answers, fields, 0..fields.len(), model.today);
    for field in fields.iter() {
        org.answers.confirm(&field.id, model.today);
    }
    let missing = model.catalog.missing_identity(&org.answers).len();
    advance(model);
    if missing > 0 {
        model.status = Some(Status {
            text: format!(
                "{missing} information{} obligatoire{} reste{} à compléter : les documents le signalent par « ⟦à compléter⟧ ».",
                plural(missing),
                plural(missing),
                by_count(missing, "", "nt")
            ),
            error: false,
        });
    }
    vec![Effect::Save]
}
