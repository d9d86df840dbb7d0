//! « Analyser mon site »: the address of the site, then the answers the scan proposes;
//! nothing changes until the user confirms them.

use super::*;
use crate::frontends::tui::model::{ScanDone, ScanPage};
use vigie::engine::scan::url::{Url, UrlError};

/// From the home list: the scan screen of the selected organisation.
pub(super) fn scan_screen(model: &mut Model, entry: Overview) -> Vec<Effect> {
    model.screen = Screen::Scan(ScanPage {
        slug: entry.slug,
        name: entry.name,
        input: Input::default(),
        error: None,
        done: None,
        scroll: 0,
        from_interview: false,
    });
    Vec::new()
}

/// From a question of the interview (the triage asks which services and trackers the site
/// uses): the scan screen of the open organisation.
pub(super) fn scan_from_interview(model: &mut Model) -> Vec<Effect> {
    let Some(org) = &model.org else {
        return Vec::new();
    };
    model.screen = Screen::Scan(ScanPage {
        slug: org.slug.clone(),
        name: org
            .answers
            .organisation_name()
            .unwrap_or_else(|| org.slug.clone()),
        input: Input::default(),
        error: None,
        done: None,
        scroll: 0,
        from_interview: true,
    });
    Vec::new()
}

/// Back to where the scan was opened from; from the interview, the organisation is read
/// again so that its answers and the proposals just recorded are the ones on disk.
fn leave(model: &mut Model) -> Vec<Effect> {
    match &model.screen {
        Screen::Scan(page) if page.from_interview => vec![Effect::Open(page.slug.clone())],
        _ => go_home(model),
    }
}

pub(super) fn scan(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Scan(page) = &mut model.screen else {
        return Vec::new();
    };
    match (action, &page.done) {
        (Action::Close, Some(done)) => {
            let kept = if done.proposals.is_empty() {
                "Analyse terminée : aucune réponse à proposer.".to_string()
            } else {
                format!(
                    "Réponses proposées gardées « observé le {} » : rien n'est changé ; la note montre les contradictions.",
                    vigie::model::french::short_date(done.date)
                )
            };
            model.status = Some(Status {
                text: kept,
                error: false,
            });
            leave(model)
        }
        (Action::Close, None) => leave(model),
        (Action::Next, Some(done)) if done.proposals.is_empty() => leave(model),
        (Action::Next, Some(_)) => vec![Effect::ApplyObservations(page.slug.clone())],
        (Action::ScrollDown, Some(_)) => {
            page.scroll = page.scroll.saturating_add(1);
            Vec::new()
        }
        (Action::ScrollUp, Some(_)) => {
            page.scroll = page.scroll.saturating_sub(1);
            Vec::new()
        }
        (Action::Input(request), None) => {
            page.input.handle(request);
            page.error = None;
            Vec::new()
        }
        (Action::Paste(text), None) => {
            paste(&mut page.input, &text);
            page.error = None;
            Vec::new()
        }
        (Action::Next, None) => match Url::parse_user(page.input.value()) {
            Ok(url) => vec![Effect::Scan {
                slug: page.slug.clone(),
                url: url.to_string(),
            }],
            Err(UrlError::Scheme(scheme)) => {
                page.error = Some(format!(
                    "vigie n'analyse que les adresses http:// ou https:// (pas « {scheme}: »)."
                ));
                Vec::new()
            }
            Err(UrlError::Invalid) => {
                page.error = Some(
                    "Adresse invalide : tapez celle de votre site, par exemple www.exemple.fr."
                        .into(),
                );
                Vec::new()
            }
        },
        _ => Vec::new(),
    }
}

/// What the scan effect reports: the proposals to show, or why it failed.
pub(super) fn scanned(model: &mut Model, result: Result<ScanDone, String>) -> Vec<Effect> {
    if let Screen::Scan(page) = &mut model.screen {
        match result {
            Ok(done) => page.done = Some(done),
            Err(error) => page.error = Some(error),
        }
    }
    Vec::new()
}

pub(super) fn observations_applied(model: &mut Model, count: usize) -> Vec<Effect> {
    model.status = Some(Status {
        text: format!(
            "{count} réponse{s} confirmée{s} d'après l'analyse du site.",
            s = if count > 1 { "s" } else { "" }
        ),
        error: false,
    });
    leave(model)
}
