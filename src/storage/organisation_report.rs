//! The organisation's report (« bilan »): the latest run's score, plan and near sanctions,
//! with the history of its runs as a table and a chart. `vigie report` and the interface's
//! results page write the same report through this module.

use std::path::Path;

use crate::documents::markup::{html_page, to_html_fragment};
use crate::engine::report::{HistoryPoint, history_markdown, history_svg, to_markdown};
use crate::engine::scoring::ScoreReport;
use crate::model::catalog::Catalog;
use crate::model::french::date_text;
use crate::model::source::french_io_reason;
use crate::storage::atomic::write_published;
use crate::storage::organisation::name_in_run;
use crate::storage::run::{RunSummary, StoredRun};
use crate::storage::store::Store;

/// The report of one organisation, ready to be written in each format.
pub struct OrganisationReport {
    slug: String,
    /// The latest run's timestamp.
    date: String,
    title: String,
    /// The latest run's report as Markdown, titled with its date.
    summary: String,
    points: Vec<HistoryPoint>,
    report: ScoreReport,
}

/// The report of the organisation `slug` from the heads of its runs (oldest first) and its
/// latest run read in full.
pub fn organisation_report(
    catalog: &Catalog,
    slug: &str,
    runs: &[RunSummary],
    last: &StoredRun,
) -> OrganisationReport {
    let points = runs
        .iter()
        .map(|run| HistoryPoint {
            date: run.date.get(..10).unwrap_or(&run.date).to_string(),
            score: run.score,
            grade: run.grade.map(|g| g.letter().to_string()),
        })
        .collect();
    let report = last.record.report(catalog);
    let last_date = date_text(&last.summary().date);
    let name = name_in_run(&last.record).unwrap_or_else(|| slug.to_string());
    let summary = to_markdown(&report).replacen(
        "# Bilan RGPD\n",
        &format!("# Bilan RGPD au {last_date}\n"),
        1,
    );
    OrganisationReport {
        slug: slug.to_string(),
        date: last.record.date.clone(),
        title: format!("Bilan RGPD de « {name} » au {last_date}"),
        summary,
        points,
        report,
    }
}

impl OrganisationReport {
    pub fn markdown(&self) -> String {
        format!(
            "{}\n## Historique des évaluations\n\n{}",
            self.summary,
            history_markdown(&self.points)
        )
    }

    /// A self-contained HTML page (styles and chart inline, nothing loaded).
    pub fn html(&self) -> String {
        html_page(
            &self.title,
            &format!(
                "{}<h2>Historique des évaluations</h2>\n<figure>\n{}</figure>\n{}",
                to_html_fragment(&self.summary),
                history_svg(&self.points),
                to_html_fragment(&history_markdown(&self.points))
            ),
        )
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(&serde_json::json!({
            "organisation": self.slug,
            "date": self.date,
            "report": self.report,
            "history": self.points,
        }))
        .unwrap_or_default()
    }
}

/// Writes the HTML report of the organisation `slug` to `path`, its folder created: what the
/// interface's « rapport » key does. The error says what failed, in French.
pub fn write_html_report(
    store: &Store,
    catalog: &Catalog,
    slug: &str,
    path: &Path,
) -> Result<(), String> {
    let (runs, _) = store
        .summaries(slug, usize::MAX)
        .map_err(|e| e.to_string())?;
    let (latest, _) = store.latest_runs(slug, 1).map_err(|e| e.to_string())?;
    let Some(last) = latest.last() else {
        return Err(
            "aucune évaluation enregistrée : parcourez le questionnaire une fois, puis revenez \
             aux résultats"
                .to_string(),
        );
    };
    let runs: Vec<RunSummary> = runs.into_iter().map(|(_, run)| run).collect();
    let html = organisation_report(catalog, slug, &runs, last).html();
    let io_error = |error: std::io::Error| {
        format!(
            "{} : écriture impossible ({})",
            path.display(),
            french_io_reason(&error)
        )
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    write_published(path, html.as_bytes()).map_err(io_error)
}
