//! The history page: the runs and the change at the selected one. The list and the chart
//! come from the head of each run file; only the two runs compared are read in full, when
//! they are first needed (`Effect::LoadRuns`), so that a long history opens at once.

use std::collections::BTreeMap;

use super::*;

pub(super) fn show_history(
    model: &mut Model,
    slug: String,
    runs: Vec<(String, RunSummary)>,
    loaded: Vec<StoredRun>,
    problems: Vec<String>,
) -> Vec<Effect> {
    let cursor = runs.len().saturating_sub(1);
    let back = take_results(model);
    let mut page = History {
        slug,
        runs,
        loaded: BTreeMap::new(),
        problems,
        cursor,
        base: None,
        diff: None,
        scroll: 0,
        back,
    };
    page.loaded
        .extend(loaded.into_iter().map(|run| (run.file.clone(), run)));
    model.screen = Screen::History(page);
    compare(model)
}

/// The files of the runs compared that are not read yet.
fn missing(page: &History) -> Vec<String> {
    let Some((before, after)) = page.pair() else {
        return Vec::new();
    };
    [before, after]
        .into_iter()
        .filter_map(|i| page.runs.get(i))
        .map(|(file, _)| file)
        .filter(|file| !page.loaded.contains_key(*file))
        .cloned()
        .collect()
}

pub(super) fn diff_at(model: &Model, page: &History) -> Option<history::RunDiff> {
    let (before, after) = page.pair()?;
    let file = |i: usize| page.runs.get(i).map(|(file, _)| file);
    let (before, after) = (
        page.loaded.get(file(before)?)?,
        page.loaded.get(file(after)?)?,
    );
    Some(history::diff(
        &model.catalog,
        &model.templates,
        before,
        after,
    ))
}

/// Shows the change between the runs compared, or asks for the runs it needs.
fn compare(model: &mut Model) -> Vec<Effect> {
    let Screen::History(page) = &model.screen else {
        return Vec::new();
    };
    let files = missing(page);
    let diff = if files.is_empty() {
        diff_at(model, page)
    } else {
        None
    };
    let slug = page.slug.clone();
    if let Screen::History(page) = &mut model.screen {
        page.diff = diff;
    }
    if files.is_empty() {
        Vec::new()
    } else {
        vec![Effect::LoadRuns { slug, files }]
    }
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
            compare(model)
        }
        Action::RunsLoaded(runs) => {
            page.loaded
                .extend(runs.into_iter().map(|run| (run.file.clone(), run)));
            // Runs that could not be read leave the comparison empty: never ask again.
            let still = missing(page);
            if still.is_empty() {
                compare(model)
            } else {
                page.diff = None;
                Vec::new()
            }
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
