//! The commands over stored organisations: `orgs`, `import`, `export`, `delete`, `history`,
//! `review`, `diff`, `report`, and `score --org` (what to review, then the report; `--save`
//! records the run). Each is a thin shell over the library's organisation service.

use std::path::Path;

use vigie::engine::history::Segment;
use vigie::engine::interview::AskedFirst;
use vigie::model::answers::Answers;
use vigie::model::answers_file::to_toml;
use vigie::model::catalog::Catalog;
use vigie::model::date::{Date, now_timestamp};
use vigie::model::french::{by_count, date_text, plural, score_change, signed_change};
use vigie::storage::organisation::Organisations;
use vigie::storage::organisation_report::organisation_report;
use vigie::storage::run::{RunSummary, StoredRun};

use super::commands::{Context, below, print_report, read_answers};
use super::failure::warn;
use super::{Failure, OrgArg, OutputFormat};

/// The organisation's answers, with warnings printed.
pub fn load(
    organisations: &Organisations,
    catalog: &Catalog,
    slug: &str,
) -> Result<Answers, Failure> {
    let parsed = organisations.store().load_answers(slug, catalog)?;
    for warning in &parsed.warnings {
        warn(warning);
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
    organisations: &Organisations,
    catalog: &Catalog,
    slug: &str,
    answers: &Answers,
) -> Result<Review, Failure> {
    let (runs, problems) = organisations.store().latest_runs(slug, 1)?;
    for problem in problems {
        warn(problem);
    }
    let previous = runs.last().map(|run| &run.record);
    let first = AskedFirst::of(catalog, answers, previous, Date::today());
    Ok(Review {
        previous: previous.map(|run| run.date.clone()),
        new: first.new,
        stale: first.stale,
    })
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
fn review_note(review: &Review, slug: &str) {
    if let Some(previous) = &review.previous
        && !review.new.is_empty()
    {
        let (n, (list, more)) = (review.new.len(), listing(&review.new, slug));
        let what = by_count(
            n,
            "question nouvelle ou modifiée",
            "questions nouvelles ou modifiées",
        );
        let day = date_text(previous);
        eprintln!("{n} {what} depuis l'évaluation du {day} : {list}.{more}");
    }
    if !review.stale.is_empty() {
        let (n, (list, more)) = (review.stale.len(), listing(&review.stale, slug));
        let what = by_count(n, "réponse date", "réponses datent");
        eprintln!("{n} {what} de plus de douze mois : {list} (à revoir).{more}");
    }
}

/// `score --org [--save]`: what to review, the report, and the run recorded unless the
/// answers are those of the latest run.
pub fn score(
    context: &Context,
    org: &OrgArg,
    save: bool,
    format: OutputFormat,
    fail_under: Option<u8>,
) -> Result<(), Failure> {
    let organisations = context.organisations;
    let slug = organisations.resolve(org.slug.as_deref())?;
    let answers = load(organisations, context.catalog, &slug)?;
    match review_of(organisations, context.catalog, &slug, &answers) {
        Ok(review) => review_note(&review, &slug),
        Err(failure) => warn(failure),
    }
    let report = vigie::engine::scoring::score(context.catalog, &answers);
    print_report(&report, format);
    if save {
        let recorded = organisations.record_run(
            &slug,
            context.catalog,
            &context.templates,
            &answers,
            now_timestamp(),
        )?;
        match &recorded.path {
            Some(path) => eprintln!("Évaluation enregistrée : {}", path.display()),
            None => eprintln!(
                "Réponses inchangées depuis l'évaluation du {} : aucune nouvelle évaluation enregistrée.",
                date_text(&recorded.run.record.date)
            ),
        }
    }
    below(&report, fail_under)
}

/// `review`: the questions new or changed since the last run and the answers due for review,
/// with their text; `--confirm` dates the answers due today.
pub fn review(
    context: &Context,
    org: &OrgArg,
    confirm: bool,
    format: OutputFormat,
) -> Result<(), Failure> {
    let format = format.among(&[OutputFormat::Text, OutputFormat::Json])?;
    let organisations = context.organisations;
    let catalog = context.catalog;
    let slug = organisations.resolve(org.slug.as_deref())?;
    // Confirming is a read-modify-write: the answers stay locked from reading to saving.
    if confirm {
        organisations.store().hold(&slug)?;
    }
    let mut answers = load(organisations, catalog, &slug)?;
    let review = review_of(organisations, catalog, &slug, &answers)?;
    if confirm {
        let today = Date::today();
        if !review.stale.is_empty() {
            for id in &review.stale {
                answers.confirm(id, today);
            }
            organisations.save_answers(&slug, &answers, catalog)?;
        }
        let ids = &review.stale;
        match format {
            OutputFormat::Json => println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "organisation": slug,
                    "confirmed": ids,
                    "date": today,
                }))
                .unwrap_or_default()
            ),
            _ if ids.is_empty() => {
                println!("Aucune réponse à confirmer : le fichier n'a pas été modifié.");
            }
            _ => {
                let s = plural(ids.len());
                println!(
                    "{} réponse{s} confirmée{s} (datée{s} du {}).",
                    ids.len(),
                    vigie::model::french::date(today)
                );
            }
        }
        return Ok(());
    }
    match format {
        OutputFormat::Json => println!("{}", review_json(catalog, &answers, &slug, &review)),
        _ => print!(
            "{}",
            vigie::model::sanitize::visible(&review_text(catalog, &answers, &slug, &review))
        ),
    }
    Ok(())
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
        Some(previous) => format!("Dernière évaluation : {}\n", date_text(previous)),
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
            let day = answers
                .date(id)
                .map(vigie::model::french::date)
                .unwrap_or_default();
            out += &format!("  - {id} (du {day}) : {}\n", prompt(catalog, id));
        }
    }
    if review.new.is_empty() && review.stale.is_empty() {
        out += "Rien à revoir.\n";
    }
    out
}

pub fn import(
    organisations: &Organisations,
    catalog: &Catalog,
    file: &Path,
    org: Option<&str>,
) -> Result<(), Failure> {
    let answers = read_answers(catalog, file)?;
    let imported = organisations
        .import(answers, org, catalog, Date::today())
        .map_err(|error| match org {
            // Without a name to give, asking for one is a usage error.
            None if !error.to_string().contains("existe déjà") => {
                Failure::Usage(error.to_string())
            }
            _ => error.into(),
        })?;
    println!(
        "Organisation « {} » enregistrée : {}",
        imported.slug,
        imported.path.display()
    );
    let dated = imported.dated;
    if dated > 0 {
        let s = plural(dated);
        println!(
            "{dated} réponse{s} sans date dans le fichier {} datée{s} du {} (jour de l'import).",
            by_count(dated, "a été", "ont été"),
            vigie::model::french::date(Date::today()),
        );
    }
    Ok(())
}

/// `delete --org SLUG --yes`: moves the organisation to the bin, like the interface does.
pub fn delete(organisations: &Organisations, org: &OrgArg, yes: bool) -> Result<(), Failure> {
    let Some(slug) = org.slug.as_deref() else {
        return Err(Failure::Usage(
            "précisez l'organisation à supprimer avec --org".to_string(),
        ));
    };
    if !yes {
        organisations.resolve(Some(slug))?;
        return Err(Failure::Usage(format!(
            "la suppression de « {slug} » doit être confirmée : ajoutez --yes (une copie sera gardée dans la corbeille)"
        )));
    }
    let kept_in = organisations.delete(slug)?;
    println!(
        "Organisation « {slug} » supprimée ; une copie reste dans {}",
        kept_in.display()
    );
    Ok(())
}

pub fn export(
    organisations: &Organisations,
    catalog: &Catalog,
    org: &OrgArg,
) -> Result<(), Failure> {
    let slug = organisations.resolve(org.slug.as_deref())?;
    print!(
        "{}",
        to_toml(&load(organisations, catalog, &slug)?, catalog)
    );
    Ok(())
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

fn date_of(run: &RunSummary) -> String {
    date_text(&run.date)
}

pub fn list(organisations: &Organisations, catalog: &Catalog) -> Result<(), Failure> {
    let (overview, problems) = organisations.overview(catalog)?;
    for problem in problems {
        warn(problem);
    }
    if overview.is_empty() {
        println!(
            "Aucune organisation enregistrée. Pour en ajouter une : vigie import reponses.toml"
        );
    }
    for entry in overview {
        let slug = &entry.slug;
        match &entry.last {
            Some(last) => println!(
                "{slug:<32} {}  {}  {}",
                score_text(last),
                date_of(last),
                signed(entry.change())
            ),
            None => println!("{slug:<32} pas encore évaluée"),
        }
    }
    Ok(())
}

/// The organisation named (or the only one) and the summaries of its runs (file name,
/// summary), read from the head of each file, with problems reported.
fn organisation_runs(
    organisations: &Organisations,
    org: &OrgArg,
) -> Result<(String, Vec<(String, RunSummary)>), Failure> {
    let slug = organisations.resolve(org.slug.as_deref())?;
    let (runs, problems) = organisations.store().summaries(&slug, usize::MAX)?;
    for problem in problems {
        warn(problem);
    }
    Ok((slug, runs))
}

/// One run read in full, with problems reported.
fn full_run(organisations: &Organisations, slug: &str, file: &str) -> Result<StoredRun, Failure> {
    let (run, problems) = organisations.store().run(slug, file)?;
    for problem in problems {
        warn(problem);
    }
    run.ok_or_else(|| {
        Failure::runtime(format!(
            "l'évaluation {file} de « {slug} » n'a pas pu être lue"
        ))
    })
}

pub fn history(
    organisations: &Organisations,
    org: &OrgArg,
    format: OutputFormat,
) -> Result<(), Failure> {
    let format = format.among(&[OutputFormat::Text, OutputFormat::Json])?;
    let slug = organisations.resolve(org.slug.as_deref())?;
    let (runs, problems) = organisations.store().summaries(&slug, usize::MAX)?;
    for problem in problems {
        warn(problem);
    }
    let files: Vec<&str> = runs.iter().map(|(f, _)| f.as_str()).collect();
    let runs: Vec<&RunSummary> = runs.iter().map(|(_, s)| s).collect();
    match format {
        OutputFormat::Json => {
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
        _ => {
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
    Ok(())
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
    context: &Context,
    org: &OrgArg,
    names: &[String],
    format: OutputFormat,
) -> Result<(), Failure> {
    let format = format.among(&[OutputFormat::Text, OutputFormat::Json])?;
    // Only the two runs compared are read: the latest two, or the two named.
    let organisations = context.organisations;
    let slug = organisations.resolve(org.slug.as_deref())?;
    let (a, b) = match names {
        [a, b] => {
            let files = organisations.store().run_files(&slug)?;
            let find = |name: &str| {
                files
                    .iter()
                    .find(|file| *file == name || file.trim_end_matches(".toml") == name)
                    .cloned()
            };
            let (Some(a), Some(b)) = (find(a), find(b)) else {
                return Err(Failure::Usage(format!(
                    "évaluation introuvable ; évaluations de « {slug} » : {}",
                    files.join(", ")
                )));
            };
            (
                full_run(organisations, &slug, &a)?,
                full_run(organisations, &slug, &b)?,
            )
        }
        _ => {
            let (mut runs, problems) = organisations.store().latest_runs(&slug, 2)?;
            for problem in problems {
                warn(problem);
            }
            let (Some(b), Some(a)) = (runs.pop(), runs.pop()) else {
                return Err(Failure::runtime(format!(
                    "« {slug} » a moins de deux évaluations enregistrées (vigie score --org {slug} --save)"
                )));
            };
            (a, b)
        }
    };
    let (a, b) = (&a, &b);
    let changes = vigie::engine::history::diff(context.catalog, &context.templates, a, b);
    if let OutputFormat::Json = format {
        println!(
            "{}",
            serde_json::to_string_pretty(&changes).unwrap_or_default()
        );
        return Ok(());
    }
    let name = vigie::storage::organisation::name_in_run(&b.record).unwrap_or_else(|| slug.clone());
    println!(
        "Évolution de « {name} » : du {} au {}",
        date_of(&a.summary()),
        date_of(&b.summary())
    );
    println!(
        "Note globale : {}",
        score_change(changes.overall.before, changes.overall.after)
    );
    for module in &changes.modules {
        println!(
            "  {} : {}",
            module.title,
            score_change(module.before, module.after)
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
    Ok(())
}

pub fn report(
    organisations: &Organisations,
    catalog: &Catalog,
    org: &OrgArg,
    format: OutputFormat,
    out: &Path,
) -> Result<(), Failure> {
    let format = format.among(&[
        OutputFormat::Html,
        OutputFormat::Markdown,
        OutputFormat::Json,
    ])?;
    let (slug, runs) = organisation_runs(organisations, org)?;
    let Some((last_file, _)) = runs.last() else {
        return Err(Failure::runtime(format!(
            "« {slug} » n'a pas encore d'évaluation enregistrée (vigie score --org {slug} --save)"
        )));
    };
    let last = full_run(organisations, &slug, last_file)?;
    let summaries: Vec<RunSummary> = runs.into_iter().map(|(_, run)| run).collect();
    let report = organisation_report(catalog, &slug, &summaries, &last);
    let content = match format {
        OutputFormat::Markdown => report.markdown(),
        OutputFormat::Html => report.html(),
        _ => report.json(),
    };
    if out.as_os_str() == "-" {
        print!("{content}");
        return Ok(());
    }
    vigie::storage::atomic::write_published(out, content.as_bytes()).map_err(|error| {
        Failure::io(
            format!(
                "{} : écriture impossible ({})",
                out.display(),
                vigie::model::source::french_io_reason(&error)
            ),
            error,
        )
    })?;
    eprintln!("Rapport écrit : {}", out.display());
    Ok(())
}
