//! The document templates: compiled into the binary, overridable from a user folder
//! (a file of the same name replaces the built-in one), and checked by `vigie check`.

use crate::documents::budget::Exceeded;
use std::collections::BTreeMap;
use std::path::Path;

use crate::model::answers::{Answer, Answers};
use crate::model::catalog::Catalog;
use crate::model::date::Date;
use crate::model::source::{ReadError, SourceFile, french_io_reason};

use super::context::{DocumentContext, build};
use super::{DocumentSpec, applicable, markup};

/// Every file of `templates/` (except README.md). A test keeps this table in sync.
pub static TEMPLATES: &[(&str, &str)] = &[
    ("_pied.md", include_str!("../../templates/_pied.md")),
    (
        "bandeau-cookies.md",
        include_str!("../../templates/bandeau-cookies.md"),
    ),
    (
        "mention-formulaire.md",
        include_str!("../../templates/mention-formulaire.md"),
    ),
    (
        "mentions-legales.md",
        include_str!("../../templates/mentions-legales.md"),
    ),
    (
        "page-reseaux-sociaux.md",
        include_str!("../../templates/page-reseaux-sociaux.md"),
    ),
    (
        "pied-email-prospection.md",
        include_str!("../../templates/pied-email-prospection.md"),
    ),
    (
        "politique-cookies.md",
        include_str!("../../templates/politique-cookies.md"),
    ),
    (
        "politique-de-confidentialite.md",
        include_str!("../../templates/politique-de-confidentialite.md"),
    ),
    (
        "registre-des-traitements.md",
        include_str!("../../templates/registre-des-traitements.md"),
    ),
    (
        "reponse-opposition.md",
        include_str!("../../templates/reponse-opposition.md"),
    ),
    (
        "affiche-videoprotection.md",
        include_str!("../../templates/affiche-videoprotection.md"),
    ),
    (
        "information-salaries.md",
        include_str!("../../templates/information-salaries.md"),
    ),
    (
        "information-patients.md",
        include_str!("../../templates/information-patients.md"),
    ),
    (
        "autorisation-droit-image.md",
        include_str!("../../templates/autorisation-droit-image.md"),
    ),
    (
        "registre-des-violations.md",
        include_str!("../../templates/registre-des-violations.md"),
    ),
];

/// The variables a template may use at the top level.
pub const CONTEXT_VARIABLES: [&str; 22] = [
    "doc",
    "org",
    "channels",
    "health",
    "minors",
    "processing",
    "forms",
    "services",
    "trackers",
    "social",
    "prospecting",
    "form",
    "practices",
    "security",
    "customers",
    "patients",
    "members",
    "staff",
    "cameras",
    "images",
    "remote_sales",
    "breaches",
];

/// A template problem: which template, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub template: String,
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} : {}",
            crate::model::sanitize::visible(&self.template),
            crate::model::sanitize::visible(&self.message)
        )
    }
}

impl std::error::Error for TemplateError {}

/// The memory a document's rendering may take: real documents take a few hundred
/// kilobytes; a template that doubles a string forty times would take terabytes.
pub const RENDER_MEMORY: usize = 64 * 1024 * 1024;

/// The time a document's rendering may take: real ones take milliseconds.
pub const RENDER_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// How the messages of a rendering stopped by its limits start.
const PAST_LIMITS: &str = "le rendu dépasse";

/// The longest document a template may produce.
pub const MAX_DOCUMENT_SIZE: usize = 2 * 1024 * 1024;

/// A document context with its values ready for the templates.
pub struct Prepared<'a> {
    context: &'a DocumentContext,
    values: tera::Context,
}

/// The compiled templates.
pub struct Templates {
    tera: std::sync::Arc<tera::Tera>,
    /// Where each template came from (`templates/x.md` or a user file's path).
    origins: BTreeMap<String, String>,
}

fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".md"]);
    tera.set_escape_fn(markup::escape_markdown);
    tera
}

fn tera_message(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(" : ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    format!("erreur de modèle ({message})")
}

impl Templates {
    /// The built-in templates with the `*.md` files of `user_dir` replacing or adding.
    pub fn load(user_dir: Option<&Path>) -> Result<Templates, Vec<TemplateError>> {
        let mut sources: BTreeMap<String, (String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_string(),
                    (format!("templates/{name}"), (*text).to_string()),
                )
            })
            .collect();
        if let Some(dir) = user_dir {
            for (name, source) in read_user_dir(dir)? {
                sources.insert(name, (source.name, source.text));
            }
        }
        let mut tera = new_tera();
        if let Err(error) =
            tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
        {
            return Err(every_compile_error(&sources, &error));
        }
        Ok(Templates {
            tera: std::sync::Arc::new(tera),
            origins: sources.into_iter().map(|(n, (o, _))| (n, o)).collect(),
        })
    }

    fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// The context every document of one organisation reads, converted once for all of them.
    pub fn prepare(context: &DocumentContext) -> Result<Prepared<'_>, TemplateError> {
        let values = tera::Context::from_serialize(context).map_err(|e| TemplateError {
            template: "templates".to_string(),
            message: tera_message(&e),
        })?;
        Ok(Prepared { context, values })
    }

    /// Renders one document to Markdown.
    pub fn render(
        &self,
        spec: &DocumentSpec,
        prepared: &Prepared,
    ) -> Result<String, TemplateError> {
        let error = |message: String| TemplateError {
            template: self.origin(&spec.template),
            message,
        };
        let context = prepared.context;
        let mut tera_context = prepared.values.clone();
        if let Some(id) = &spec.form {
            let form = context.forms.iter().find(|f| &f.id == id);
            tera_context.insert("form", &form);
        }
        // A user's template runs under limits of memory, time and output size.
        let (tera, name) = (std::sync::Arc::clone(&self.tera), spec.template.clone());
        let rendered =
            crate::documents::budget::run_limited(RENDER_MEMORY, RENDER_TIME, move || {
                tera.render(&name, &tera_context)
                    .map_err(|e| tera_message(&e))
            });
        let text = match rendered {
            Ok(result) => result.map_err(error)?,
            Err(exceeded) => {
                return Err(error(match exceeded {
                    Exceeded::Memory => format!(
                        "{PAST_LIMITS} la mémoire permise ({} Mo) : le modèle produit trop de texte (boucles ou concaténations qui s'emballent)",
                        RENDER_MEMORY / (1024 * 1024)
                    ),
                    Exceeded::Time => format!(
                        "{PAST_LIMITS} le temps permis ({} s) : le modèle boucle trop longtemps",
                        RENDER_TIME.as_secs()
                    ),
                    Exceeded::Crashed => "le rendu s'est interrompu".to_string(),
                }));
            }
        };
        if text.len() > MAX_DOCUMENT_SIZE {
            return Err(error(format!(
                "le document produit est trop long ({} Mo ; la limite est de {} Mo)",
                text.len() / (1024 * 1024),
                MAX_DOCUMENT_SIZE / (1024 * 1024)
            )));
        }
        Ok(tidy(&text))
    }

    /// Checks every template: only known top-level variables, and each document renders for
    /// a range of sample organisations. Returns every problem found.
    pub fn check(&self, catalog: &Catalog) -> Vec<TemplateError> {
        let mut problems = Vec::new();
        for name in self.origins.keys() {
            match self.tera.get_template_variables(name) {
                Ok(variables) => {
                    let mut unknown: Vec<&str> = variables
                        .into_iter()
                        .filter(|v| !CONTEXT_VARIABLES.contains(v))
                        .collect();
                    unknown.sort();
                    for variable in unknown {
                        problems.push(TemplateError {
                            template: self.origin(name),
                            message: format!(
                                "variable inconnue « {variable} » ; variables disponibles : {}",
                                CONTEXT_VARIABLES.join(", ")
                            ),
                        });
                    }
                }
                Err(error) => problems.push(TemplateError {
                    template: self.origin(name),
                    message: tera_message(&error),
                }),
            }
        }
        // Any day: the samples check the templates, not the dates they print.
        let sample_day = Date::parse("2026-01-01").expect("a calendar date");
        for answers in sample_answers() {
            let context = build(catalog, &answers, sample_day);
            let prepared = match Templates::prepare(&context) {
                Ok(prepared) => prepared,
                Err(error) => {
                    problems.push(error);
                    continue;
                }
            };
            for spec in applicable(&context) {
                // A template already past its limits is not rendered again (a slow one
                // would cost its time limit once per sample).
                let origin = self.origin(&spec.template);
                if problems
                    .iter()
                    .any(|p| p.template == origin && p.message.starts_with(PAST_LIMITS))
                {
                    continue;
                }
                if let Err(error) = self.render(&spec, &prepared)
                    && !problems.contains(&error)
                {
                    problems.push(error);
                }
            }
        }
        problems
    }
}

/// When the templates do not compile together, compiles each one on its own (with the shared
/// `_` partials) so that every syntax error is reported, not only the first.
fn every_compile_error(
    sources: &BTreeMap<String, (String, String)>,
    first: &tera::Error,
) -> Vec<TemplateError> {
    let mut errors = Vec::new();
    for (name, (origin, text)) in sources {
        let partials = sources
            .iter()
            .filter(|(other, _)| *other != name && other.starts_with('_'))
            .map(|(n, (_, t))| (n.as_str(), t.as_str()));
        if let Err(error) = new_tera()
            .add_raw_templates(partials.chain(std::iter::once((name.as_str(), text.as_str()))))
        {
            errors.push(TemplateError {
                template: origin.clone(),
                message: tera_message(&error),
            });
        }
    }
    if errors.is_empty() {
        errors.push(TemplateError {
            template: "templates".to_string(),
            message: tera_message(first),
        });
    }
    errors
}

fn read_user_dir(dir: &Path) -> Result<Vec<(String, SourceFile)>, Vec<TemplateError>> {
    let folder_error = |message: String| {
        vec![TemplateError {
            template: dir.display().to_string(),
            message,
        }]
    };
    let entries = std::fs::read_dir(dir).map_err(|e| folder_error(french_io_reason(&e)))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match SourceFile::read(&path) {
            Ok(source) => files.push((name, source)),
            Err(error) => errors.push(TemplateError {
                template: path.display().to_string(),
                message: match error {
                    ReadError::Invalid(d) => d.message,
                    other => other.to_string(),
                },
            }),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Collapses runs of blank lines and trailing spaces left by template logic.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Organisations that together exercise every branch of the templates.
fn sample_answers() -> Vec<Answers> {
    let multi = |values: &[&str]| Answer::Multi(values.iter().map(|v| v.to_string()).collect());
    let choice = |value: &str| Answer::Choice(value.to_string());
    let text = |value: &str| Answer::Text(value.to_string());
    let mut full = Answers::new();
    for (id, answer) in [
        ("forme", choice("societe")),
        ("profession_reglementee", choice("sante")),
        ("dpo", choice("oui")),
        (
            "canaux",
            multi(&[
                "site_vitrine",
                "boutique_en_ligne",
                "reseaux_sociaux",
                "emailing_sms",
                "telephone",
            ]),
        ),
        ("clientele", multi(&["particuliers", "professionnels"])),
        (
            "formulaires",
            multi(&[
                "contact",
                "devis",
                "newsletter",
                "compte_client",
                "commande",
                "rendez_vous",
                "candidature",
            ]),
        ),
        ("traceurs", choice("oui")),
        (
            "services",
            multi(&[
                "ovhcloud",
                "stripe",
                "colissimo",
                "brevo",
                "meta_pixel",
                "google_analytics",
                "matomo",
                "youtube",
                "doctolib",
                "facebook",
            ]),
        ),
        ("donnees_particulieres", multi(&["sante", "mineurs"])),
        ("rs_reseaux", multi(&["facebook", "instagram", "tiktok"])),
        ("rs_jeux_concours", choice("oui")),
        ("rs_publicite_outils", multi(&["audiences_clients"])),
        (
            "pr_origine_contacts",
            multi(&["inscription", "achat_location", "internet"]),
        ),
        ("ec_emails_clients", choice("sans_accord")),
        ("denomination", text("Exemple")),
        ("siret", text("73282932000074")),
        ("tva", text("FR44732829320")),
        ("immatriculation_registre", choice("rcs")),
        ("nom_commercial", text("Exemple")),
        ("site_url", text("https://www.exemple.fr")),
    ] {
        full.set(id, answer);
    }
    let mut individual = Answers::new();
    individual.set("forme", choice("entreprise_individuelle"));
    individual.set("canaux", multi(&["site_vitrine"]));
    individual.set("formulaires", multi(&["contact"]));
    individual.set("traceurs", choice("non"));
    individual.set("immatriculation_registre", choice("metiers"));
    let mut association = Answers::new();
    association.set("forme", choice("association"));
    association.set("canaux", multi(&["reseaux_sociaux", "emailing_sms"]));
    association.set("clientele", multi(&["professionnels"]));
    association.set("rna", text("W691234567"));
    // An employer with cameras everywhere they may be and every monitoring tool.
    let mut workplace = Answers::new();
    workplace.set("forme", choice("societe"));
    workplace.set("effectif", choice("de_50_a_249"));
    workplace.set(
        "activites",
        multi(&["salaries", "accueil_public", "cameras"]),
    );
    workplace.set("sa_recrutement", choice("oui"));
    workplace.set(
        "sa_outils",
        multi(&[
            "pointage",
            "geolocalisation",
            "enregistrement_appels",
            "controle_informatique",
        ]),
    );
    workplace.set(
        "vp_zones",
        multi(&["espace_public", "locaux_personnel", "voie_publique"]),
    );
    vec![full, individual, association, workplace, Answers::new()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_matches_the_folder() {
        crate::model::assets::assert_embedded_matches("templates", ".md", TEMPLATES);
    }

    #[test]
    fn blank_lines_are_collapsed() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\n\n"), "a\n\nb\n");
    }
}
