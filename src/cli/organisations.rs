//! The commands over stored organisations: `orgs`, `import`, `export`, `history`, and
//! `score --org --save`.

use std::path::Path;

use sha2::{Digest, Sha256};
use vigie::answers::{Answer, Answers, to_toml};
use vigie::catalog::Catalog;
use vigie::date::{now_timestamp, today};
use vigie::documents::{Templates, build_context, render};
use vigie::paths::Paths;
use vigie::report::french_date;
use vigie::scoring::ScoreReport;
use vigie::store::{
    DocumentHash, RunRecord, Store, StoreError, StoredRun, slug_from_name, valid_slug,
};

use super::ListFormat;
use super::commands::read_answers;
use super::exit;

fn store(paths: &Paths) -> Store {
    Store::new(&paths.data_dir)
}

fn failure(error: &StoreError) -> u8 {
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

fn document_hashes(
    catalog: &Catalog,
    template_dir: Option<&Path>,
    answers: &Answers,
) -> Result<Vec<DocumentHash>, String> {
    let templates = Templates::load(template_dir).map_err(|errors| errors[0].to_string())?;
    let context = build_context(catalog, answers, &today());
    let documents = render(&templates, &context, &[]).map_err(|e| e.to_string())?;
    Ok(documents
        .into_iter()
        .map(|d| DocumentHash {
            stem: d.stem,
            sha256: format!("{:x}", Sha256::digest(d.markdown.as_bytes())),
        })
        .collect())
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
    let documents = match document_hashes(catalog, template_dir, answers) {
        Ok(documents) => documents,
        Err(message) => {
            eprintln!("erreur : {message}");
            return exit::INVALID_DATA;
        }
    };
    let record = RunRecord::new(catalog, answers, report.clone(), documents, now_timestamp());
    match store(paths).save_run(slug, &record) {
        Ok(path) => {
            eprintln!("Évaluation enregistrée : {}", path.display());
            exit::SUCCESS
        }
        Err(error) => failure(&error),
    }
}

pub fn import(paths: &Paths, catalog: &Catalog, file: &Path, org: Option<&str>) -> u8 {
    let answers = match read_answers(catalog, file) {
        Ok(answers) => answers,
        Err(code) => return code,
    };
    let slug = match org {
        Some(slug) => slug.to_string(),
        None => {
            let name =
                ["denomination", "nom_commercial", "nom"]
                    .iter()
                    .find_map(|id| match answers.get(id) {
                        Some(Answer::Text(name)) => Some(name.clone()),
                        _ => None,
                    });
            match name.map(|n| slug_from_name(&n)).filter(|s| valid_slug(s)) {
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
    match store.save_answers(&slug, &answers, catalog) {
        Ok(path) => {
            println!("Organisation « {slug} » enregistrée : {}", path.display());
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

fn score_text(run: &StoredRun) -> String {
    match (run.record.report.score, run.record.report.grade) {
        (Some(score), Some(grade)) => format!("{score:>3}/100  {}", grade.letter()),
        _ => "non évaluée".to_string(),
    }
}

fn change(previous: Option<&StoredRun>, run: &StoredRun) -> Option<i16> {
    let before = previous?.record.report.score?;
    let now = run.record.report.score?;
    Some(i16::from(now) - i16::from(before))
}

fn signed(change: Option<i16>) -> String {
    match change {
        Some(0) => "=".to_string(),
        Some(c) if c > 0 => format!("+{c}"),
        Some(c) => format!("−{}", -c),
        None => String::new(),
    }
}

fn date_of(run: &StoredRun) -> String {
    french_date(run.record.date.get(..10).unwrap_or(&run.record.date))
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
        match store.runs(&slug) {
            Ok((runs, problems)) => {
                for problem in problems {
                    eprintln!("attention : {problem}");
                }
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

pub fn history(paths: &Paths, org: Option<&str>, format: ListFormat) -> u8 {
    let store = store(paths);
    let slug = match org {
        Some(slug) => slug.to_string(),
        None => match store.slugs() {
            Ok(slugs) if slugs.len() == 1 => slugs[0].clone(),
            Ok(slugs) if slugs.is_empty() => {
                eprintln!("erreur : aucune organisation enregistrée (voir vigie import)");
                return exit::RUNTIME;
            }
            Ok(slugs) => {
                eprintln!(
                    "erreur : plusieurs organisations : précisez --org parmi {}",
                    slugs.join(", ")
                );
                return exit::USAGE;
            }
            Err(error) => return failure(&error),
        },
    };
    let (runs, problems) = match store.runs(&slug) {
        Ok(found) => found,
        Err(error) => return failure(&error),
    };
    for problem in problems {
        eprintln!("attention : {problem}");
    }
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = runs
                .iter()
                .enumerate()
                .map(|(i, run)| {
                    serde_json::json!({
                        "file": run.file,
                        "date": run.record.date,
                        "score": run.record.report.score,
                        "grade": run.record.report.grade,
                        "change": change(i.checked_sub(1).and_then(|p| runs.get(p)), run),
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
                    signed(change(i.checked_sub(1).and_then(|p| runs.get(p)), run))
                );
            }
        }
    }
    exit::SUCCESS
}
