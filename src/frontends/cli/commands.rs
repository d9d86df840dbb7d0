//! The commands: each reads through the library and prints the result.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::Path;

use vigie::documents::Templates;
use vigie::engine::report::{to_markdown, to_text};
use vigie::engine::scoring::{ScoreReport, score};
use vigie::model::answers::Answers;
use vigie::model::answers_file::{parse_answers, template};
use vigie::model::assets::load_catalog;
use vigie::model::catalog::{Catalog, QuestionKind, Role};
use vigie::model::french::plural;
use vigie::model::sanitize::visible;
use vigie::model::source::SourceFile;
use vigie::storage::organisation::Organisations;
use vigie::storage::paths::Paths;

use super::failure::warn;
use super::{
    AnswersCommand, Cli, Command, Failure, OutputFormat, exit, generate, organisations, scan,
};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let paths = Paths::resolve(cli.data_dir.clone(), cli.config_dir.clone()).ok_or_else(|| {
        Failure::runtime(
            "impossible de trouver un dossier pour les données ; indiquez-en un avec --data-dir",
        )
    })?;
    let user_dir = cli
        .questionnaires
        .clone()
        .or_else(|| paths.user_questionnaires());
    let template_dir = cli.templates.clone().or_else(|| paths.user_templates());
    // A folder that cannot be read is a runtime error (1), not an invalid template (65).
    if let Some(dir) = &cli.templates
        && let Err(error) = std::fs::read_dir(dir)
    {
        return Err(Failure::io(
            format!(
                "{} : dossier de modèles illisible ({})",
                dir.display(),
                vigie::model::source::french_io_reason(&error)
            ),
            error,
        ));
    }
    let catalog = load_catalog(user_dir.as_deref())?;
    let organisations = Organisations::new(&paths.data_dir);
    let Some(command) = cli.command else {
        let templates = load_templates(template_dir.as_deref())?;
        if cli.plain {
            return crate::frontends::plain::run(&organisations, &catalog, &templates);
        }
        if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
            return Err(no_terminal());
        }
        return match crate::frontends::tui::run(catalog, templates, organisations) {
            exit::SUCCESS => Ok(()),
            code => Err(Failure::Reported(code)),
        };
    };
    let context = || -> Result<Context<'_>, Failure> {
        Ok(Context {
            organisations: &organisations,
            catalog: &catalog,
            templates: load_templates(template_dir.as_deref())?,
        })
    };
    match command {
        Command::Catalog { format } => print_catalog(&catalog, format),
        Command::Check => check(&catalog, user_dir.as_deref(), template_dir.as_deref()),
        Command::Answers {
            command: AnswersCommand::Template { modules },
        } => {
            print!("{}", template(&catalog, &modules).map_err(Failure::Usage)?);
            Ok(())
        }
        Command::Score {
            file,
            org,
            save,
            format,
            fail_under,
        } => {
            let format = format.among(&[
                OutputFormat::Text,
                OutputFormat::Json,
                OutputFormat::Markdown,
            ])?;
            match file {
                // A file's answers belong to no organisation: there is nowhere to record.
                Some(_) if save => Err(Failure::Usage(
                    "--save enregistre l'évaluation d'une organisation : importez le fichier (vigie import FICHIER), puis vigie score --org NOM --save".to_string(),
                )),
                Some(file) => score_answers(
                    &catalog,
                    &read_answers(&catalog, &file)?,
                    format,
                    fail_under,
                ),
                None => organisations::score(&context()?, &org, save, format, fail_under),
            }
        }
        Command::Orgs => organisations::list(&organisations, &catalog),
        Command::Import { file, org } => {
            organisations::import(&organisations, &catalog, &file, org.as_deref())
        }
        Command::Delete { org, yes } => organisations::delete(&organisations, &org, yes),
        Command::Export { org } => organisations::export(&organisations, &catalog, &org),
        Command::History { org, format } => organisations::history(&organisations, &org, format),
        Command::Review {
            org,
            confirm,
            format,
        } => organisations::review(&context()?, &org, confirm, format),
        Command::Report { org, format, out } => {
            organisations::report(&organisations, &catalog, &org, format, &out)
        }
        Command::Diff { org, runs, format } => {
            organisations::diff(&context()?, &org, &runs, format)
        }
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
            &organisations,
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
            org,
            out,
            format,
            docs,
            strict,
        } => {
            let answers = match file {
                Some(file) => read_answers(&catalog, &file)?,
                None => {
                    let slug = organisations.resolve(org.slug.as_deref())?;
                    let mut answers = organisations::load(&organisations, &catalog, &slug)?;
                    vigie::engine::interview::deduce::fill(&catalog, &mut answers);
                    answers
                }
            };
            let request = generate::Request {
                answers: &answers,
                out: &out,
                formats: &format,
                docs: &docs,
                strict,
            };
            generate::run(
                &catalog,
                &load_templates(template_dir.as_deref())?,
                &request,
            )
        }
    }
}

/// What the commands over saved organisations work with.
pub struct Context<'a> {
    pub organisations: &'a Organisations,
    pub catalog: &'a Catalog,
    pub templates: Templates,
}

/// The templates, with every problem reported.
pub fn load_templates(template_dir: Option<&Path>) -> Result<Templates, Failure> {
    Templates::load(template_dir)
        .map_err(|errors| Failure::Invalid(errors.iter().map(ToString::to_string).collect()))
}

/// Without a terminal the full-screen interface cannot run: say what works instead.
fn no_terminal() -> Failure {
    Failure::Usage(
        "vigie n'est pas relié à un terminal (entrée ou sortie redirigée) : \
         l'interface plein écran ne peut pas s'afficher.\n\
         Pour répondre ligne par ligne (lecteur d'écran, redirection) : vigie --plain\n\
         Sans questions, à partir d'un fichier de réponses : vigie score reponses.toml, \
         vigie generate reponses.toml --out DOSSIER\n\
         Aide complète : vigie --help"
            .to_string(),
    )
}

fn check(
    catalog: &Catalog,
    user_dir: Option<&Path>,
    template_dir: Option<&Path>,
) -> Result<(), Failure> {
    let problems = match Templates::load(template_dir) {
        Ok(templates) => templates.check(catalog),
        Err(errors) => errors,
    };
    if !problems.is_empty() {
        let mut lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        lines.push(format!(
            "{} problème{} dans les modèles de documents.",
            problems.len(),
            plural(problems.len())
        ));
        return Err(Failure::Invalid(lines));
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
        for problem in vigie::model::catalog::questions_read_by_code(catalog) {
            warn(problem);
        }
    }
    if let Some(dir) = template_dir {
        println!("Modèles personnels lus dans {}.", dir.display());
    }
    Ok(())
}

fn kind_label(kind: &QuestionKind) -> String {
    match kind {
        QuestionKind::Conformite(s) => format!(
            "{} · gravité {} · poids {} · effort {}",
            s.level.label(),
            s.severity.label(),
            s.weight,
            s.effort.label()
        ),
        QuestionKind::Choice { .. } => "choix unique".to_string(),
        QuestionKind::Multi { .. } => "choix multiple".to_string(),
        QuestionKind::Text { validator, .. } => format!("texte ({})", validator.expected()),
    }
}

fn print_catalog(catalog: &Catalog, format: OutputFormat) -> Result<(), Failure> {
    match format.among(&[OutputFormat::Text, OutputFormat::Json])? {
        OutputFormat::Json => {
            let value = serde_json::json!({
                "modules": catalog.modules,
                "services": catalog.services,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        _ => {
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
            print!("{}", visible(&out));
        }
    }
    Ok(())
}

/// Reads and checks an answers file; warnings are printed.
pub fn read_answers(catalog: &Catalog, file: &Path) -> Result<Answers, Failure> {
    let source = SourceFile::read(file)?;
    let parsed = parse_answers(&source, catalog).map_err(|diagnostics| {
        Failure::Invalid(diagnostics.0.iter().map(ToString::to_string).collect())
    })?;
    for warning in &parsed.warnings {
        warn(warning);
    }
    // What the services and the « non » imply, as the interview records it.
    let mut answers = parsed.answers;
    vigie::engine::interview::deduce::fill(catalog, &mut answers);
    Ok(answers)
}

/// Prints the score report of the answers; below `fail_under`, says so.
pub fn score_answers(
    catalog: &Catalog,
    answers: &Answers,
    format: OutputFormat,
    fail_under: Option<u8>,
) -> Result<(), Failure> {
    let report = score(catalog, answers);
    print_report(&report, format);
    below(&report, fail_under)
}

/// The report in the format asked (text, json or md).
pub fn print_report(report: &ScoreReport, format: OutputFormat) {
    match format {
        OutputFormat::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(report).unwrap_or_default()
            );
        }
        OutputFormat::Markdown => print!("{}", visible(&to_markdown(report))),
        _ => print!("{}", visible(&to_text(report))),
    }
}

/// The verdict of `--fail-under`.
pub fn below(report: &ScoreReport, fail_under: Option<u8>) -> Result<(), Failure> {
    match fail_under {
        Some(threshold) if report.score.unwrap_or(0) < threshold => {
            Err(Failure::BelowThreshold(format!(
                "La note ({}) est inférieure au seuil demandé ({threshold}).",
                report
                    .score
                    .map_or("non évaluée".to_string(), |s| s.to_string())
            )))
        }
        _ => Ok(()),
    }
}
