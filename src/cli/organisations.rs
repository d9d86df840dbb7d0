//! The commands over stored organisations: `orgs`, `import`, `export`, `history`, `review`,
//! and `score --org` (what to review, then the report; `--save` records the run).

use std::path::Path;

use vigie::answers::{Answers, to_toml};
use vigie::catalog::Catalog;
use vigie::date::{now_timestamp, today};
use vigie::history::Segment;
use vigie::interview::AskedFirst;
use vigie::paths::Paths;
use vigie::report::{
    HistoryPoint, french_date, history_markdown, history_svg, signed_change, to_markdown,
};
use vigie::run::{RunRecord, RunSummary, StoredRun};
use vigie::scoring::ScoreReport;
use vigie::store::{Store, StoreError, slug_from_name, valid_slug};

use super::commands::read_answers;
use super::exit;
use super::generate::load_templates;
use super::{ListFormat, ReportFormat};

fn store(paths: &Paths) -> Store {
    Store::new(&paths.data_dir)
}

pub fn failure(error: &StoreError) -> u8 {
    eprintln!("erreur : {error}");
    match error {
        StoreError::Invalid(_) => exit::INVALID_DATA,
        StoreError::Io(_) | StoreError::Organisation(_) => exit::RUNTIME,
    }
}

/// The organisation's answers, with warnings printed; `Err` is the exit code.
pub fn load(paths: &Paths, catalog: &Catalog, slug: &str) -> Result<Answers, u8> {
    let parsed = store(paths)
        .load_answers(slug, catalog)
        .map_err(|e| failure(&e))?;
    for warning in &parsed.warnings {
        eprintln!("attention : {warning}");
    }
    Ok(parsed.answers)
}

/// What a rerun brings back to the user.
struct Review {
    /// The timestamp of the previous run, if any.
    previous: Option<String>,
    /// The questions new or changed since that run that apply, in catalogue order.
    new: Vec<String>,
    /// The answers twelve months old or more.
    stale: Vec<String>,
}

fn review_of(
    paths: &Paths,
    catalog: &Catalog,
    slug: &str,
    answers: &Answers,
) -> Result<Review, StoreError> {
    let (runs, problems) = store(paths).latest_runs(slug, 1)?;
    for problem in problems {
        eprintln!("attention : {problem}");
    }
    let previous = runs.last().map(|run| &run.record);
    let first = AskedFirst::of(catalog, answers, previous, &today());
    Ok(Review {
        previous: previous.map(|run| run.date.clone()),
        new: first.new,
        stale: first.stale,
    })
}

/// "29 novembre 2026" from a run's timestamp.
fn day_of(timestamp: &str) -> String {
    french_date(timestamp.get(..10).unwrap_or(timestamp))
}

/// At most ten ids, then how many more; and, when some are left out, where to see them all.
fn listing(ids: &[String], slug: &str) -> (String, String) {
    const SHOWN: usize = 10;
    if ids.len() <= SHOWN {
        return (ids.join(", "), String::new());
    }
    (
        format!(
            "{}… et {} autres",
            ids[..SHOWN].join(", "),
            ids.len() - SHOWN
        ),
        format!(" Liste complète : vigie review --org {slug}"),
    )
}

/// `score --org`: on stderr, before the report, the questions new or changed since the last
/// run and the answers due for review.
pub fn review_note(paths: &Paths, catalog: &Catalog, slug: &str, answers: &Answers) {
    let review = match review_of(paths, catalog, slug, answers) {
        Ok(review) => review,
        Err(error) => return eprintln!("attention : {error}"),
    };
    if let Some(previous) = &review.previous
        && !review.new.is_empty()
    {
        let (n, (list, more)) = (review.new.len(), listing(&review.new, slug));
        let what = if n > 1 {
            "questions nouvelles ou modifiées"
        } else {
            "question nouvelle ou modifiée"
        };
        let day = day_of(previous);
        eprintln!("{n} {what} depuis l'évaluation du {day} : {list}.{more}");
    }
    if !review.stale.is_empty() {
        let (n, (list, more)) = (review.stale.len(), listing(&review.stale, slug));
        let what = if n > 1 {
            "réponses datent"
        } else {
            "réponse date"
        };
        eprintln!("{n} {what} de plus de douze mois : {list} (à revoir).{more}");
    }
}

/// `review`: the questions new or changed since the last run and the answers due for review,
/// with their text.
pub fn review(
    paths: &Paths,
    catalog: &Catalog,
    org: Option<&str>,
    confirm: bool,
    format: ListFormat,
) -> u8 {
    let slug = match resolve(&store(paths), org) {
        Ok(slug) => slug,
        Err(code) => return code,
    };
    // Confirming is a read-modify-write: the answers stay locked from reading to saving.
    if confirm && let Err(error) = store(paths).hold(&slug) {
        return failure(&error);
    }
    let mut answers = match load(paths, catalog, &slug) {
        Ok(answers) => answers,
        Err(code) => return code,
    };
    match review_of(paths, catalog, &slug, &answers) {
        Ok(review) if confirm => {
            let today = today();
            let confirmed = |ids: &[String]| match format {
                ListFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "organisation": slug,
                        "confirmed": ids,
                        "date": today,
                    }))
                    .unwrap_or_default()
                ),
                ListFormat::Text if ids.is_empty() => {
                    println!("Aucune réponse à confirmer : le fichier n'a pas été modifié.");
                }
                ListFormat::Text => println!(
                    "{} réponse{} confirmée{} (datée{} du {}).",
                    ids.len(),
                    plural(ids.len()),
                    plural(ids.len()),
                    plural(ids.len()),
                    day_of(&today)
                ),
            };
            if review.stale.is_empty() {
                confirmed(&[]);
                return exit::SUCCESS;
            }
            for id in &review.stale {
                answers.confirm(id, today.as_str());
            }
            match store(paths).save_answers(&slug, &answers, catalog) {
                Ok(_) => {
                    confirmed(&review.stale);
                    exit::SUCCESS
                }
                Err(error) => failure(&error),
            }
        }
        Ok(review) => {
            match format {
                ListFormat::Json => println!("{}", review_json(catalog, &answers, &slug, &review)),
                ListFormat::Text => print!(
                    "{}",
                    vigie::sanitize::visible(&review_text(catalog, &answers, &slug, &review))
                ),
            }
            exit::SUCCESS
        }
        Err(error) => failure(&error),
    }
}

fn prompt<'c>(catalog: &'c Catalog, id: &str) -> &'c str {
    catalog.question(id).map_or("", |q| q.prompt.as_str())
}

fn review_json(catalog: &Catalog, answers: &Answers, slug: &str, review: &Review) -> String {
    let new: Vec<serde_json::Value> = review
        .new
        .iter()
        .map(|id| serde_json::json!({ "id": id, "prompt": prompt(catalog, id) }))
        .collect();
    let stale: Vec<serde_json::Value> = review
        .stale
        .iter()
        .map(|id| {
            serde_json::json!({ "id": id, "prompt": prompt(catalog, id), "date": answers.date(id) })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "organisation": slug,
        "previous_run": review.previous,
        "new": new,
        "stale": stale,
    }))
    .unwrap_or_default()
}

fn review_text(catalog: &Catalog, answers: &Answers, slug: &str, review: &Review) -> String {
    let mut out = match &review.previous {
        Some(previous) => format!("Dernière évaluation : {}\n", day_of(previous)),
        None => format!("« {slug} » n'a pas encore d'évaluation enregistrée.\n"),
    };
    if !review.new.is_empty() {
        out += &format!(
            "\nQuestions nouvelles ou modifiées depuis cette évaluation ({})\n",
            review.new.len()
        );
        for id in &review.new {
            out += &format!("  - {id} : {}\n", prompt(catalog, id));
        }
    }
    if !review.stale.is_empty() {
        out += &format!(
            "\nRéponses de plus de douze mois, à revoir ({})\n",
            review.stale.len()
        );
        for id in &review.stale {
            let day = french_date(answers.date(id).unwrap_or_default());
            out += &format!("  - {id} (du {day}) : {}\n", prompt(catalog, id));
        }
    }
    if review.new.is_empty() && review.stale.is_empty() {
        out += "Rien à revoir.\n";
    }
    out
}

/// `score --org --save`: records the run.
pub fn save_run(
    paths: &Paths,
    catalog: &Catalog,
    template_dir: Option<&Path>,
    slug: &str,
    answers: &Answers,
    report: &ScoreReport,
) -> u8 {
    let templates = match load_templates(template_dir) {
        Ok(templates) => templates,
        Err(code) => return code,
    };
    let record = match RunRecord::evaluate(
        catalog,
        &templates,
        answers,
        report.clone(),
        now_timestamp(),
    ) {
        Ok(record) => record,
        Err(error) => {
            eprintln!("erreur : {error}");
            return exit::INVALID_DATA;
        }
    };
    match store(paths).save_run(slug, &record) {
        Ok(path) => {
            eprintln!("Évaluation enregistrée : {}", path.display());
            exit::SUCCESS
        }
        Err(error) => failure(&error),
    }
}

pub fn import(paths: &Paths, catalog: &Catalog, file: &Path, org: Option<&str>) -> u8 {
    let mut answers = match read_answers(catalog, file) {
        Ok(answers) => answers,
        Err(code) => return code,
    };
    let slug = match org {
        Some(slug) => slug.to_string(),
        None => {
            match answers
                .organisation_name()
                .map(|n| slug_from_name(&n))
                .filter(|s| valid_slug(s))
            {
                Some(slug) => slug,
                None => {
                    eprintln!(
                        "erreur : le fichier ne donne pas de dénomination : choisissez un nom avec --org"
                    );
                    return exit::USAGE;
                }
            }
        }
    };
    let store = store(paths);
    if store.exists(&slug) {
        eprintln!(
            "erreur : l'organisation « {slug} » existe déjà ; ses réponses n'ont pas été modifiées. Choisissez un autre nom avec --org."
        );
        return exit::RUNTIME;
    }
    let day = today();
    let dated = answers.confirm_undated(&day);
    match store.create(&slug, &answers, catalog) {
        Ok(path) => {
            println!("Organisation « {slug} » enregistrée : {}", path.display());
            if dated > 0 {
                println!(
                    "{dated} réponse{s} sans date dans le fichier {} datée{s} du {} (jour de l'import).",
                    if dated > 1 { "ont été" } else { "a été" },
                    french_date(&day),
                    s = if dated > 1 { "s" } else { "" },
                );
            }
            exit::SUCCESS
        }
        Err(error) => failure(&error),
    }
}

/// `delete --org SLUG --yes`: moves the organisation to the bin, like the interface does.
pub fn delete(paths: &Paths, slug: &str, yes: bool) -> u8 {
    let store = store(paths);
    if !yes {
        if let Err(error) = store.require(slug) {
            return failure(&error);
        }
        eprintln!(
            "erreur : la suppression de « {slug} » doit être confirmée : ajoutez --yes (une copie sera gardée dans la corbeille)"
        );
        return exit::USAGE;
    }
    match store.discard(slug) {
        Ok(kept_in) => {
            println!(
                "Organisation « {slug} » supprimée ; une copie reste dans {}",
                kept_in.display()
            );
            exit::SUCCESS
        }
        Err(error) => failure(&error),
    }
}

pub fn export(paths: &Paths, catalog: &Catalog, slug: &str) -> u8 {
    match load(paths, catalog, slug) {
        Ok(answers) => {
            print!("{}", to_toml(&answers, catalog));
            exit::SUCCESS
        }
        Err(code) => code,
    }
}

fn score_text(run: &RunSummary) -> String {
    match (run.score, run.grade) {
        (Some(score), Some(grade)) => format!("{score:>3}/100  {}", grade.letter()),
        _ => "non évaluée".to_string(),
    }
}

fn change(previous: Option<&RunSummary>, run: &RunSummary) -> Option<i16> {
    let before = previous?.score?;
    let now = run.score?;
    Some(i16::from(now) - i16::from(before))
}

fn signed(change: Option<i16>) -> String {
    change.map(signed_change).unwrap_or_default()
}

pub fn date_of(run: &RunSummary) -> String {
    day_of(&run.date)
}

pub fn list(paths: &Paths) -> u8 {
    let store = store(paths);
    let slugs = match store.slugs() {
        Ok(slugs) => slugs,
        Err(error) => return failure(&error),
    };
    if slugs.is_empty() {
        println!(
            "Aucune organisation enregistrée. Pour en ajouter une : vigie import reponses.toml"
        );
        return exit::SUCCESS;
    }
    for slug in slugs {
        match store.summaries(&slug, 2) {
            Ok((runs, problems)) => {
                for problem in problems {
                    eprintln!("attention : {problem}");
                }
                let runs: Vec<RunSummary> = runs.into_iter().map(|(_, s)| s).collect();
                match runs.last() {
                    Some(last) => println!(
                        "{slug:<32} {}  {}  {}",
                        score_text(last),
                        date_of(last),
                        signed(change(
                            runs.len().checked_sub(2).and_then(|i| runs.get(i)),
                            last
                        ))
                    ),
                    None => println!("{slug:<32} pas encore évaluée"),
                }
            }
            Err(error) => eprintln!("attention : {error}"),
        }
    }
    exit::SUCCESS
}

/// The organisation named, or the only one; `Err` is the exit code.
fn resolve(store: &Store, org: Option<&str>) -> Result<String, u8> {
    if let Some(slug) = org {
        return Ok(slug.to_string());
    }
    match store.slugs() {
        Ok(slugs) if slugs.len() == 1 => Ok(slugs[0].clone()),
        Ok(slugs) if slugs.is_empty() => {
            eprintln!("erreur : aucune organisation enregistrée (voir vigie import)");
            Err(exit::RUNTIME)
        }
        Ok(slugs) => {
            eprintln!(
                "erreur : plusieurs organisations : précisez --org parmi {}",
                slugs.join(", ")
            );
            Err(exit::USAGE)
        }
        Err(error) => Err(failure(&error)),
    }
}

/// The organisation named (or the only one) and the summaries of its runs (file name,
/// summary), read from the head of each file, with problems reported; `Err` is the exit code.
fn organisation_runs(
    paths: &Paths,
    org: Option<&str>,
) -> Result<(String, Vec<(String, RunSummary)>), u8> {
    let store = store(paths);
    let slug = resolve(&store, org)?;
    let (runs, problems) = store
        .summaries(&slug, usize::MAX)
        .map_err(|e| failure(&e))?;
    for problem in problems {
        eprintln!("attention : {problem}");
    }
    Ok((slug, runs))
}

/// One run read in full, with problems reported; `Err` is the exit code.
fn full_run(paths: &Paths, slug: &str, file: &str) -> Result<StoredRun, u8> {
    let (run, problems) = store(paths).run(slug, file).map_err(|e| failure(&e))?;
    for problem in problems {
        eprintln!("attention : {problem}");
    }
    run.ok_or_else(|| {
        eprintln!("erreur : l'évaluation {file} de « {slug} » n'a pas pu être lue");
        exit::RUNTIME
    })
}

pub fn history(paths: &Paths, org: Option<&str>, format: ListFormat) -> u8 {
    let (slug, runs) = match organisation_runs(paths, org) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let files: Vec<&str> = runs.iter().map(|(f, _)| f.as_str()).collect();
    let runs: Vec<&RunSummary> = runs.iter().map(|(_, s)| s).collect();
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = runs
                .iter()
                .enumerate()
                .map(|(i, run)| {
                    serde_json::json!({
                        "file": files[i],
                        "date": run.date,
                        "score": run.score,
                        "grade": run.grade,
                        "change": change(i.checked_sub(1).and_then(|p| runs.get(p).copied()), run),
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(
                    &serde_json::json!({ "organisation": slug, "runs": rows })
                )
                .unwrap_or_default()
            );
        }
        ListFormat::Text => {
            if runs.is_empty() {
                println!(
                    "« {slug} » n'a pas encore d'évaluation enregistrée (vigie score --org {slug} --save)."
                );
            }
            for (i, run) in runs.iter().enumerate() {
                println!(
                    "{:<22} {}  {}",
                    date_of(run),
                    score_text(run),
                    signed(change(
                        i.checked_sub(1).and_then(|p| runs.get(p).copied()),
                        run
                    ))
                );
            }
        }
    }
    exit::SUCCESS
}

pub fn arrow(before: Option<u8>, after: Option<u8>) -> String {
    let shown = |s: Option<u8>| s.map_or("—".to_string(), |s| s.to_string());
    let change = match (before, after) {
        (Some(b), Some(a)) => format!(" ({})", signed(Some(i16::from(a) - i16::from(b)))),
        _ => String::new(),
    };
    format!("{} → {}{change}", shown(before), shown(after))
}

/// A few words of context around each change.
fn excerpt(segments: &[Segment]) -> String {
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Same(text) => {
                let words: Vec<&str> = text.split(' ').collect();
                let (first, last) = (i == 0, i + 1 == segments.len());
                if words.len() <= 12 && !first && !last {
                    out.push_str(text);
                } else {
                    if !first {
                        out.push_str(&words[..words.len().min(6)].join(" "));
                    }
                    if !last {
                        if !first {
                            out.push_str("\n      … ");
                        } else {
                            out.push_str("… ");
                        }
                        out.push_str(&words[words.len().saturating_sub(6)..].join(" "));
                    } else if !first {
                        out.push_str(" …");
                    }
                }
            }
            Segment::Removed(text) => out.push_str(&format!("[-{text}-]")),
            Segment::Added(text) => out.push_str(&format!("{{+{text}+}}")),
        }
        out.push(' ');
    }
    out.trim_end().to_string()
}

pub fn diff(
    paths: &Paths,
    catalog: &Catalog,
    template_dir: Option<&Path>,
    org: Option<&str>,
    names: &[String],
    format: ListFormat,
) -> u8 {
    // Only the two runs compared are read: the latest two, or the two named.
    let store = store(paths);
    let slug = match resolve(&store, org) {
        Ok(slug) => slug,
        Err(code) => return code,
    };
    let (a, b) = match names {
        [a, b] => {
            let files = match store.run_files(&slug) {
                Ok(files) => files,
                Err(error) => return failure(&error),
            };
            let find = |name: &str| {
                files
                    .iter()
                    .find(|file| *file == name || file.trim_end_matches(".toml") == name)
                    .cloned()
            };
            let (Some(a), Some(b)) = (find(a), find(b)) else {
                eprintln!(
                    "erreur : évaluation introuvable ; évaluations de « {slug} » : {}",
                    files.join(", ")
                );
                return exit::USAGE;
            };
            match (full_run(paths, &slug, &a), full_run(paths, &slug, &b)) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(code), _) | (_, Err(code)) => return code,
            }
        }
        _ => {
            let (mut runs, problems) = match store.latest_runs(&slug, 2) {
                Ok(found) => found,
                Err(error) => return failure(&error),
            };
            for problem in problems {
                eprintln!("attention : {problem}");
            }
            let (Some(b), Some(a)) = (runs.pop(), runs.pop()) else {
                eprintln!(
                    "erreur : « {slug} » a moins de deux évaluations enregistrées (vigie score --org {slug} --save)"
                );
                return exit::RUNTIME;
            };
            (a, b)
        }
    };
    let templates = match load_templates(template_dir) {
        Ok(templates) => templates,
        Err(code) => return code,
    };
    let (a, b) = (&a, &b);
    let changes = vigie::history::diff(catalog, &templates, a, b);
    if let ListFormat::Json = format {
        println!(
            "{}",
            serde_json::to_string_pretty(&changes).unwrap_or_default()
        );
        return exit::SUCCESS;
    }
    println!(
        "Évolution de « {slug} » : du {} au {}",
        date_of(&a.summary()),
        date_of(&b.summary())
    );
    println!(
        "Note globale : {}",
        arrow(changes.overall.before, changes.overall.after)
    );
    for module in &changes.modules {
        println!(
            "  {} : {}",
            module.title,
            arrow(module.before, module.after)
        );
    }
    let list = |title: &str, items: &[String]| {
        if !items.is_empty() {
            println!("\n{title} ({})", items.len());
            for item in items {
                println!("  - {item}");
            }
        }
    };
    list("Actions réglées", &changes.resolved);
    list("Nouvelles actions", &changes.new_actions);
    if !changes.answers.is_empty() {
        println!("\nRéponses modifiées ({})", changes.answers.len());
        for change in &changes.answers {
            println!(
                "  - {} : {} → {}",
                change.question,
                change.before.as_deref().unwrap_or("(sans réponse)"),
                change.after.as_deref().unwrap_or("(sans réponse)")
            );
        }
    }
    if !changes.documents.is_empty() {
        println!(
            "\nDocuments modifiés ({}) — [-retiré-] {{+ajouté+}}",
            changes.documents.len()
        );
        for document in &changes.documents {
            println!(
                "  {} :\n      {}",
                document.stem,
                excerpt(&document.segments)
            );
        }
    }
    if changes.answers.is_empty() && changes.documents.is_empty() {
        println!("\nAucune réponse ni aucun document n'a changé.");
    }
    exit::SUCCESS
}

pub fn report(
    paths: &Paths,
    catalog: &Catalog,
    org: Option<&str>,
    format: ReportFormat,
    out: &Path,
) -> u8 {
    let (slug, runs) = match organisation_runs(paths, org) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let Some((last_file, _)) = runs.last() else {
        eprintln!(
            "erreur : « {slug} » n'a pas encore d'évaluation enregistrée (vigie score --org {slug} --save)"
        );
        return exit::RUNTIME;
    };
    let last = match full_run(paths, &slug, last_file) {
        Ok(last) => last,
        Err(code) => return code,
    };
    let points: Vec<HistoryPoint> = runs
        .iter()
        .map(|(_, run)| HistoryPoint {
            date: run.date.get(..10).unwrap_or(&run.date).to_string(),
            score: run.score,
            grade: run.grade.map(|g| g.letter().to_string()),
        })
        .collect();
    let report = last.record.report(catalog);
    let last_date = date_of(&last.summary());
    let title = format!("Bilan RGPD de « {slug} » au {last_date}");
    let summary = to_markdown(&report).replacen(
        "# Bilan RGPD\n",
        &format!("# Bilan RGPD au {last_date}\n"),
        1,
    );
    let history = format!(
        "## Historique des évaluations\n\n{}",
        history_markdown(&points)
    );
    let content = match format {
        ReportFormat::Md => format!("{summary}\n{history}"),
        ReportFormat::Html => {
            use vigie::documents::markup::{html_page, to_html_fragment};
            html_page(
                &title,
                &format!(
                    "{}<h2>Historique des évaluations</h2>\n<figure>\n{}</figure>\n{}",
                    to_html_fragment(&summary),
                    history_svg(&points),
                    to_html_fragment(&history_markdown(&points))
                ),
            )
        }
        ReportFormat::Json => serde_json::to_string_pretty(&serde_json::json!({
            "organisation": slug,
            "date": last.record.date,
            "report": report,
            "history": points,
        }))
        .unwrap_or_default(),
    };
    if out.as_os_str() == "-" {
        print!("{content}");
        return exit::SUCCESS;
    }
    match vigie::atomic::write_published(out, content.as_bytes()) {
        Ok(()) => {
            eprintln!("Rapport écrit : {}", out.display());
            exit::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "erreur : {} : écriture impossible ({})",
                out.display(),
                vigie::source::french_io_reason(&error)
            );
            exit::RUNTIME
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}
