//! The effects of « Analyser mon site »: the scan itself (static, so that the interface is
//! back within seconds; `vigie scan` adds the browser mode) and the confirmation.

use vigie::engine::scan::fetch::Limits;
use vigie::engine::scan::url::Url;
use vigie::engine::scan::{DEFAULT_PAGES, Request, render, scan};
use vigie::model::catalog::Catalog;
use vigie::model::date::Date;
use vigie::storage::organisation::Organisations;

use super::model::ScanDone;
use super::update::Action;

/// Scans `url` and records the proposals in the organisation's answers file.
pub fn run(organisations: &Organisations, catalog: &Catalog, slug: &str, url: &str) -> Action {
    let outcome = (|| {
        let url = Url::parse(url).ok_or_else(|| format!("adresse invalide : {url}"))?;
        let request = Request {
            url,
            pages: DEFAULT_PAGES,
            limits: Limits::default(),
            date: Date::today(),
            browser: None,
            site_only: false,
        };
        let report = scan(catalog, &request, &mut |_| {}).map_err(|e| e.to_string())?;
        let (answers, proposed) = organisations
            .propose_observed(slug, catalog, &report)
            .map_err(|e| e.to_string())?;
        let mut summary = render::summary_lines(&report);
        summary.push(format!(
            "Analyse statique de {} page(s) ; pour charger aussi les pages dans un navigateur : \
             vigie scan {} --org {slug}",
            report.pages.len(),
            report.url
        ));
        let proposals = proposed
            .iter()
            .filter_map(|p| {
                let question = catalog.question(&p.question)?;
                let current = answers
                    .get(&p.question)
                    .map_or("sans réponse".to_string(), |a| question.answer_text(a));
                Some([
                    question.prompt.clone(),
                    question.answer_text(&p.answer),
                    current,
                    p.evidence.clone(),
                ])
            })
            .collect();
        Ok(ScanDone {
            date: report.date,
            summary,
            proposals,
        })
    })();
    Action::Scanned(Box::new(outcome))
}

/// Confirms the pending proposals of the organisation.
pub fn apply(organisations: &Organisations, catalog: &Catalog, slug: &str) -> Action {
    match organisations.apply_observed(slug, catalog, Date::today()) {
        Ok(count) => Action::ObservationsApplied(count),
        Err(error) => Action::Failed(error.to_string()),
    }
}
