//! The documents page: preview, formats, folder, writing.

use super::*;
use vigie::documents::DocumentState;

pub(super) fn show_documents(model: &mut Model) -> Vec<Effect> {
    let Some(org) = &model.org else {
        return Vec::new();
    };
    let context = build_context(&model.catalog, &org.answers, model.today);
    match render(&model.templates, &context, &[]) {
        Ok(documents) => {
            let folder = model.base_folder.join(format!("documents-{}", org.slug));
            let back = take_results(model);
            model.screen = Screen::Documents(Documents {
                back,
                documents,
                cursor: 0,
                scroll: 0,
                formats: [true, true, true],
                folder: Input::new(folder.display().to_string()),
                editing_folder: false,
                written: Vec::new(),
            });
        }
        Err(error) => {
            model.status = Some(Status {
                text: format!("Documents impossibles à rédiger : {error}"),
                error: true,
            });
        }
    }
    Vec::new()
}

const FORMATS: [Format; 3] = [Format::Markdown, Format::Html, Format::Text];

pub(super) fn documents(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Documents(page) = &mut model.screen else {
        return Vec::new();
    };
    if page.editing_folder {
        match action {
            Action::Input(request) => {
                page.folder.handle(request);
            }
            Action::Paste(text) => paste(&mut page.folder, &text),
            Action::Next | Action::Close => page.editing_folder = false,
            _ => {}
        }
        return Vec::new();
    }
    match action {
        a if is_move(&a) => {
            page.cursor = step_cursor(page.cursor, page.documents.len(), &a);
            page.scroll = 0;
            page.written.clear();
            Vec::new()
        }
        a @ (Action::ScrollUp | Action::ScrollDown) => {
            page.scroll = scroll(page.scroll, &a);
            Vec::new()
        }
        Action::Format(i) => {
            page.formats[i] = !page.formats[i];
            Vec::new()
        }
        Action::EditFolder => {
            page.editing_folder = true;
            Vec::new()
        }
        Action::Write => {
            let formats: Vec<Format> = FORMATS
                .iter()
                .zip(page.formats)
                .filter(|(_, on)| *on)
                .map(|(f, _)| *f)
                .collect();
            let folder = page.folder.value().trim();
            if formats.is_empty() {
                model.status = Some(Status {
                    text: "Choisissez au moins un format (m, h ou t).".into(),
                    error: true,
                });
                return Vec::new();
            }
            if folder.is_empty() {
                model.status = Some(Status {
                    text: "Indiquez un dossier de sortie (o).".into(),
                    error: true,
                });
                return Vec::new();
            }
            let cwd = std::env::current_dir().unwrap_or_default();
            let folder = match vigie::storage::paths::output_folder(
                folder,
                &cwd,
                vigie::storage::paths::home_dir().as_deref(),
            ) {
                Ok(folder) => folder,
                Err(text) => {
                    model.status = Some(Status { text, error: true });
                    return Vec::new();
                }
            };
            vec![Effect::Write {
                folder,
                formats,
                replace: false,
            }]
        }
        Action::Close => {
            let back = page.back.take();
            back_to(model, back)
        }
        _ => Vec::new(),
    }
}

pub(super) fn written(model: &mut Model, paths: Vec<PathBuf>) -> Vec<Effect> {
    if let Screen::Documents(page) = &mut model.screen {
        let count = |state| page.documents.iter().filter(|d| d.state() == state).count();
        let (to_complete, to_correct) = (
            count(DocumentState::ToComplete),
            count(DocumentState::ToCorrect),
        );
        model.status = Some(Status {
            text: if to_complete + to_correct == 0 {
                format!(
                    "{} fichiers écrits, documents prêts à publier.",
                    paths.len()
                )
            } else {
                format!(
                    "{} fichiers écrits ; {to_correct} document{} à corriger, {to_complete} à compléter : voir A-LIRE.md.",
                    paths.len(),
                    plural(to_correct),
                )
            },
            error: false,
        });
        model.farewell = vec![format!(
            "Documents écrits dans {} :",
            page.folder.value().trim()
        )];
        model
            .farewell
            .extend(paths.iter().map(|p| format!("  {}", p.display())));
        page.written = paths;
    }
    Vec::new()
}
