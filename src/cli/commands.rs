//! The commands: each reads through the library and prints the result.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::Path;

use vigie::answers::{Answers, parse_answers, template};
use vigie::assets::{CatalogError, load_catalog};
use vigie::catalog::{Catalog, QuestionKind, Role};
use vigie::documents::Templates;
use vigie::paths::Paths;
use vigie::report::{to_markdown, to_text};
use vigie::scoring::score;
use vigie::source::SourceFile;

use super::{
    AnswersCommand, Cli, Command, ListFormat, ScoreFormat, exit, generate, organisations, scan,
};

/// Runs the parsed command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let Some(paths) = Paths::resolve(cli.data_dir.clone(), cli.config_dir.clone()) else {
        eprintln!(
            "erreur : impossible de trouver un dossier pour les données ; indiquez-en un avec --data-dir"
        );
        return exit::RUNTIME;
    };
    let user_dir = cli
        .questionnaires
        .clone()
        .or_else(|| paths.user_questionnaires());
    let template_dir = cli.templates.clone().or_else(|| paths.user_templates());
    let catalog = match load_catalog(user_dir.as_deref()) {
        Ok(catalog) => catalog,
        Err(error) => return catalog_failure(&error),
    };
    let Some(command) = cli.command else {
        if cli.plain {
            return crate::plain::run(&paths, &catalog, template_dir.as_deref());
        }
        if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
            return no_terminal();
        }
        return interactive(&paths, catalog, template_dir.as_deref());
    };
    match command {
        Command::Catalog { format } => print_catalog(&catalog, format),
        Command::Check => check(&catalog, user_dir.as_deref(), template_dir.as_deref()),
        Command::Answers {
            command: AnswersCommand::Template { modules },
        } => match template(&catalog, &modules) {
            Ok(text) => {
                print!("{text}");
                exit::SUCCESS
            }
            Err(message) => {
                eprintln!("erreur : {message}");
                exit::USAGE
            }
        },
        Command::Score {
            file,
            org,
            save,
            format,
            fail_under,
        } => {
            let answers = match (&file, &org) {
                (Some(file), _) => read_answers(&catalog, file),
                (None, Some(slug)) => {
                    organisations::load(&paths, &catalog, slug).inspect(|answers| {
                        organisations::review_note(&paths, &catalog, slug, answers);
                    })
                }
                (None, None) => Err(exit::USAGE),
            };
            match answers {
                Ok(answers) => {
                    score_answers(&catalog, &answers, format, fail_under, |report| {
                        match (save, &org) {
                            (true, Some(slug)) => organisations::save_run(
                                &paths,
                                &catalog,
                                template_dir.as_deref(),
                                slug,
                                &answers,
                                report,
                            ),
                            _ => exit::SUCCESS,
                        }
                    })
                }
                Err(code) => code,
            }
        }
        Command::Orgs => organisations::list(&paths),
        Command::Import { file, org } => {
            organisations::import(&paths, &catalog, &file, org.as_deref())
        }
        Command::Delete { org, yes } => organisations::delete(&paths, &org, yes),
        Command::Export { org } => organisations::export(&paths, &catalog, &org),
        Command::History { org, format } => organisations::history(&paths, org.as_deref(), format),
        Command::Review {
            org,
            confirm,
            format,
        } => organisations::review(&paths, &catalog, org.as_deref(), confirm, format),
        Command::Report { org, format, out } => {
            organisations::report(&paths, org.as_deref(), format, &out)
        }
        Command::Diff { org, runs, format } => organisations::diff(
            &paths,
            &catalog,
            template_dir.as_deref(),
            org.as_deref(),
            &runs,
            format,
        ),
        Command::Scan {
            url,
            org,
            apply,
            pages,
            format,
            delai,
            navigateur,
            statique,
            site_seul,
        } => scan::run(
            &paths,
            &catalog,
            &scan::Options {
                url: &url,
                org: org.as_deref(),
                apply,
                pages: usize::from(pages),
                format,
                timeout: delai,
                browser: navigateur.as_deref(),
                static_only: statique,
                site_only: site_seul,
            },
        ),
        Command::Generate {
            file,
            out,
            format,
            docs,
            strict,
        } => {
            let request = generate::Request {
                file: &file,
                out: &out,
                formats: &format,
                docs: &docs,
                strict,
            };
            generate::run(&catalog, template_dir.as_deref(), &request)
        }
    }
}

/// Without a terminal the full-screen interface cannot run: say what works instead.
fn no_terminal() -> u8 {
    eprintln!(
        "erreur : vigie n'est pas relié à un terminal (entrée ou sortie redirigée) : \
         l'interface plein écran ne peut pas s'afficher.\n\
         Pour répondre ligne par ligne (lecteur d'écran, redirection) : vigie --plain\n\
         Sans questions, à partir d'un fichier de réponses : vigie score reponses.toml, \
         vigie generate reponses.toml --out DOSSIER\n\
         Aide complète : vigie --help"
    );
    exit::USAGE
}

/// The full-screen interface, on a real terminal, once the templates are known to be
/// valid (errors print normally, before the terminal is taken over).
fn interactive(paths: &Paths, catalog: Catalog, template_dir: Option<&Path>) -> u8 {
    let templates = match generate::load_templates(template_dir) {
        Ok(templates) => templates,
        Err(code) => return code,
    };
    crate::tui::run(
        catalog,
        templates,
        vigie::store::Store::new(&paths.data_dir),
    )
}

fn catalog_failure(error: &CatalogError) -> u8 {
    for line in error.to_string().lines() {
        eprintln!("erreur : {line}");
    }
    if let CatalogError::Invalid(diagnostics) = error {
        eprintln!(
            "{} problème{} dans les questionnaires.",
            diagnostics.0.len(),
            if diagnostics.0.len() > 1 { "s" } else { "" }
        );
    }
    if error.is_invalid_content() {
        exit::INVALID_DATA
    } else {
        exit::RUNTIME
    }
}

fn check(catalog: &Catalog, user_dir: Option<&Path>, template_dir: Option<&Path>) -> u8 {
    let problems = match Templates::load(template_dir) {
        Ok(templates) => templates.check(catalog),
        Err(errors) => errors,
    };
    if !problems.is_empty() {
        for problem in &problems {
            eprintln!("erreur : {problem}");
        }
        eprintln!(
            "{} problème{} dans les modèles de documents.",
            problems.len(),
            if problems.len() > 1 { "s" } else { "" }
        );
        return exit::INVALID_DATA;
    }
    let questions = catalog.questions().count();
    let scored = catalog
        .questions()
        .filter(|(_, _, q)| q.scored().is_some())
        .count();
    println!(
        "Catalogue valide : {} modules, {questions} questions dont {scored} notées, {} services.",
        catalog.modules.len(),
        catalog.services.len()
    );
    println!("Modèles de documents valides.");
    if let Some(dir) = user_dir {
        println!("Questionnaires personnels lus dans {}.", dir.display());
    }
    if let Some(dir) = template_dir {
        println!("Modèles personnels lus dans {}.", dir.display());
    }
    exit::SUCCESS
}

fn kind_label(kind: &QuestionKind) -> String {
    match kind {
        QuestionKind::Conformite(s) => format!(
            "{} · poids {} · effort {}",
            s.level.label(),
            s.weight,
            s.effort.label()
        ),
        QuestionKind::Choice { .. } => "choix unique".to_string(),
        QuestionKind::Multi { .. } => "choix multiple".to_string(),
        QuestionKind::Text { validator, .. } => format!("texte ({})", validator.expected()),
    }
}

fn print_catalog(catalog: &Catalog, format: ListFormat) -> u8 {
    match format {
        ListFormat::Json => {
            let value = serde_json::json!({
                "modules": catalog.modules,
                "services": catalog.services,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        ListFormat::Text => {
            let mut out = String::new();
            for module in &catalog.modules {
                let role = match module.role {
                    Role::Evaluation => "évaluation",
                    Role::Profil => "profil",
                    Role::Identite => "identité",
                };
                let _ = writeln!(
                    out,
                    "{} — {} ({role}, version {}, {})",
                    module.id, module.title, module.version, module.source
                );
                if let Some(condition) = &module.applies_if {
                    let _ = writeln!(out, "  posé si : {condition}");
                }
                for section in &module.sections {
                    let _ = writeln!(out, "  {}", section.title);
                    for question in &section.questions {
                        let _ = writeln!(
                            out,
                            "    {}  [{}]\n      {}",
                            question.id,
                            kind_label(&question.kind),
                            question.prompt
                        );
                        for reference in &question.references {
                            let _ = writeln!(
                                out,
                                "      Source : {} — {}",
                                reference.label, reference.url
                            );
                        }
                    }
                }
                out.push('\n');
            }
            let _ = writeln!(out, "{} services connus.", catalog.services.len());
            print!("{out}");
        }
    }
    exit::SUCCESS
}

/// Reads and checks an answers file, printing errors and warnings; `Err` is the exit code.
pub fn read_answers(catalog: &Catalog, file: &Path) -> Result<Answers, u8> {
    let source = SourceFile::read(file).map_err(|error| {
        eprintln!("erreur : {error}");
        if error.is_invalid_content() {
            exit::INVALID_DATA
        } else {
            exit::RUNTIME
        }
    })?;
    let parsed = parse_answers(&source, catalog).map_err(|diagnostics| {
        for diagnostic in &diagnostics.0 {
            eprintln!("erreur : {diagnostic}");
        }
        exit::INVALID_DATA
    })?;
    for warning in &parsed.warnings {
        eprintln!("attention : {warning}");
    }
    Ok(parsed.answers)
}

fn score_answers(
    catalog: &Catalog,
    answers: &Answers,
    format: ScoreFormat,
    fail_under: Option<u8>,
    after: impl FnOnce(&vigie::scoring::ScoreReport) -> u8,
) -> u8 {
    let report = score(catalog, answers);
    match format {
        ScoreFormat::Text => print!("{}", to_text(&report)),
        ScoreFormat::Markdown => print!("{}", to_markdown(&report)),
        ScoreFormat::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
    }
    let saved = after(&report);
    if saved != exit::SUCCESS {
        return saved;
    }
    match fail_under {
        Some(threshold) if report.score.unwrap_or(0) < threshold => {
            eprintln!(
                "La note ({}) est inférieure au seuil demandé ({threshold}).",
                report
                    .score
                    .map_or("non évaluée".to_string(), |s| s.to_string())
            );
            exit::BELOW_THRESHOLD
        }
        _ => exit::SUCCESS,
    }
}
