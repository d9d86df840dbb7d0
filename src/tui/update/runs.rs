//! The history page: the runs and the change at the selected one.

use super::*;

pub(super) fn show_history(
    model: &mut Model,
    slug: String,
    runs: Vec<StoredRun>,
    problems: Vec<String>,
) -> Vec<Effect> {
    let cursor = runs.len().saturating_sub(1);
    let back = take_results(model);
    let mut page = History {
        slug,
        runs,
        problems,
        cursor,
        base: None,
        diff: None,
        scroll: 0,
        back,
    };
    page.diff = diff_at(model, &page);
    model.screen = Screen::History(page);
    Vec::new()
}

pub(super) fn diff_at(model: &Model, page: &History) -> Option<history::RunDiff> {
    let (before, after) = page.pair()?;
    let (before, after) = (page.runs.get(before)?, page.runs.get(after)?);
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
        a @ (Action::Toggle | Action::Up | Action::Down | Action::First | Action::Last) => {
            if a == Action::Toggle {
                page.base = if page.base == Some(page.cursor) {
                    None
                } else {
                    Some(page.cursor)
                };
            } else {
                page.cursor = step_cursor(page.cursor, page.runs.len(), &a);
            }
            page.scroll = 0;
            if let Screen::History(page) = &model.screen {
                let diff = diff_at(model, page);
                if let Screen::History(page) = &mut model.screen {
                    page.diff = diff;
                }
            }
            Vec::new()
        }
        a @ (Action::ScrollUp | Action::ScrollDown) => {
            page.scroll = scroll(page.scroll, &a);
            Vec::new()
        }
        Action::Close => {
            let back = page.back.take();
            back_to(model, back)
        }
        _ => Vec::new(),
    }
}
