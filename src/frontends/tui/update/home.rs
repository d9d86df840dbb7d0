//! The home screen and the new-organisation form.

use super::*;

pub(super) fn show_home(model: &mut Model, entries: Vec<Overview>) -> Vec<Effect> {
    model.org = None;
    model.screen = if entries.is_empty() {
        Screen::NewOrg(NewOrg {
            input: Input::default(),
            error: None,
            can_cancel: false,
            taken: Vec::new(),
        })
    } else {
        Screen::Home(Home {
            entries,
            selected: 0,
        })
    };
    Vec::new()
}

pub(super) fn home(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Home(home) = &mut model.screen else {
        return Vec::new();
    };
    let selected = home.entries.get(home.selected).cloned();
    match action {
        a if is_move(&a) => {
            home.selected = step_cursor(home.selected, home.entries.len() + 1, &a);
            Vec::new()
        }
        Action::Next => match selected {
            Some(entry) => vec![Effect::Open(entry.slug)],
            None => new_org_screen(model),
        },
        Action::NewOrg => new_org_screen(model),
        Action::Delete => {
            if let Some(entry) = selected {
                model.overlay = Some(Overlay::ConfirmDelete {
                    slug: entry.slug,
                    name: entry.name,
                });
            }
            Vec::new()
        }
        Action::History => match selected {
            Some(entry) => vec![Effect::LoadHistory(entry.slug)],
            None => Vec::new(),
        },
        Action::Scan => match selected {
            Some(entry) => scan_screen(model, entry),
            None => Vec::new(),
        },
        Action::Quit => {
            model.exit = Some(crate::frontends::cli::exit::SUCCESS);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub(super) fn new_org_screen(model: &mut Model) -> Vec<Effect> {
    let taken = match &model.screen {
        Screen::Home(home) => home.entries.iter().map(|e| e.slug.clone()).collect(),
        _ => Vec::new(),
    };
    model.screen = Screen::NewOrg(NewOrg {
        input: Input::default(),
        error: None,
        can_cancel: true,
        taken,
    });
    Vec::new()
}

pub(super) fn new_org(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::NewOrg(form) = &mut model.screen else {
        return Vec::new();
    };
    match action {
        Action::Input(request) => {
            form.input.handle(request);
            form.error = None;
            Vec::new()
        }
        Action::Paste(text) => {
            paste(&mut form.input, &text);
            form.error = None;
            Vec::new()
        }
        Action::Next => {
            let name = form.input.value().trim();
            let slug = slug_from_name(name);
            if name.is_empty() {
                form.error = Some("Donnez un nom à l'organisation.".into());
            } else if !valid_slug(&slug) {
                form.error = Some(
                    "Ce nom ne donne pas d'identifiant utilisable : employez des lettres ou des chiffres."
                        .into(),
                );
            } else if form.taken.contains(&slug) {
                form.error = Some(format!(
                    "Une organisation « {slug} » existe déjà : ouvrez-la depuis l'accueil ou choisissez un autre nom."
                ));
            } else {
                return vec![Effect::Create(name.to_string())];
            }
            Vec::new()
        }
        Action::Close if form.can_cancel => go_home(model),
        // On the very first launch there is nothing to go back to: « annuler » empties the
        // field, it never quits without being asked to.
        Action::Close => {
            form.input = Input::default();
            form.error = None;
            model.status = Some(Status {
                text: "Nom effacé. Pour quitter vigie : Ctrl+C.".into(),
                error: false,
            });
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Pasted text goes in as typed, newlines as spaces.
pub(super) fn paste(input: &mut Input, text: &str) {
    for c in text.chars() {
        let c = if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        };
        input.handle(InputRequest::InsertChar(c));
    }
}
