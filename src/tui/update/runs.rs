//! The history page: the runs and the change at the selected one.

use super::*;

pub(super) fn show_history(
    model: &mut Model,
    slug: String,
    runs: Vec<StoredRun>,
    problems: Vec<String>,
) -> Vec<Effect> {
    let cursor = runs.len().saturating_sub(1);
    let mut page = History {
        slug,
        runs,
        problems,
        cursor,
        diff: None,
    };
    page.diff = diff_at(model, &page);
    model.screen = Screen::History(page);
    Vec::new()
}

pub(super) fn diff_at(model: &Model, page: &History) -> Option<history::RunDiff> {
    let before = page.runs.get(page.cursor.checked_sub(1)?)?;
    let after = page.runs.get(page.cursor)?;
    Some(history::diff(
        &model.catalog,
        &model.templates,
        before,
        after,
    ))
}

pub(super) fn history_screen(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::History(page) = &mut model.screen else {
        return Vec::new();
    };
    match action {
        a if is_move(&a) => {
            page.cursor = step_cursor(page.cursor, page.runs.len(), &a);
            if let Screen::History(page) = &model.screen {
                let diff = diff_at(model, page);
                if let Screen::History(page) = &mut model.screen {
                    page.diff = diff;
                }
            }
            Vec::new()
        }
        Action::Close => {
            let slug = page.slug.clone();
            match &model.org {
                Some(org) if org.slug == slug => {
                    show_review(model, 0);
                    Vec::new()
                }
                _ => go_home(model),
            }
        }
        _ => Vec::new(),
    }
}
