//! The legal documents: which ones apply, rendering them from the one context with Tera,
//! and turning them into Markdown, HTML and plain text; `write_files` writes them out.

pub mod context;
pub mod markup;
pub mod templates;

use serde::Serialize;

pub use context::{DocumentContext, build as build_context};
pub use templates::{TemplateError, Templates};

use context::{MISSING_CLOSE, MISSING_OPEN};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Format {
    Markdown,
    Html,
    Text,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// A document that applies to the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSpec {
    /// File stem: `mentions-legales`, `mention-formulaire-contact`…
    pub stem: String,
    pub title: String,
    pub template: String,
    /// For a form notice, the form's id in the context.
    pub form: Option<String>,
}

/// A rendered document, in Markdown, with the required values it still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedDocument {
    pub stem: String,
    pub title: String,
    pub markdown: String,
    /// Labels of the required values left empty (the document is then incomplete).
    pub missing: Vec<String>,
}

impl RenderedDocument {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// The files of this document for one format: (file name, content).
    pub fn files(&self, format: Format) -> Vec<(String, String)> {
        match format {
            Format::Markdown => vec![(format!("{}.md", self.stem), self.markdown.clone())],
            Format::Html => vec![
                (
                    format!("{}.html", self.stem),
                    markup::to_html_page(&self.title, &self.markdown),
                ),
                (
                    format!("{}.fragment.html", self.stem),
                    markup::to_html_fragment(&self.markdown),
                ),
            ],
            Format::Text => vec![(
                format!("{}.txt", self.stem),
                markup::to_text(&self.markdown),
            )],
        }
    }
}

/// The documents that apply, in a stable order (product.md, "Documents").
pub fn applicable(context: &DocumentContext) -> Vec<DocumentSpec> {
    let spec = |stem: &str, title: &str| DocumentSpec {
        stem: stem.to_string(),
        title: title.to_string(),
        template: format!("{stem}.md"),
        form: None,
    };
    let mut documents = vec![
        spec("mentions-legales", "Mentions légales"),
        spec(
            "politique-de-confidentialite",
            "Politique de confidentialité",
        ),
    ];
    for form in &context.forms {
        documents.push(DocumentSpec {
            stem: format!("mention-formulaire-{}", form.id),
            title: format!("Mention d'information : {}", form.title.to_lowercase()),
            template: "mention-formulaire.md".to_string(),
            form: Some(form.id.clone()),
        });
    }
    if context.trackers.used {
        documents.push(spec(
            "bandeau-cookies",
            "Bandeau de consentement aux cookies",
        ));
        documents.push(spec("politique-cookies", "Politique de cookies"));
    }
    if context.channels.emailing || context.channels.phone {
        documents.push(spec(
            "pied-email-prospection",
            "Pied de message de prospection",
        ));
    }
    if context.channels.social {
        documents.push(spec(
            "page-reseaux-sociaux",
            "Données personnelles et réseaux sociaux",
        ));
    }
    documents.push(spec(
        "reponse-opposition",
        "Réponse à une demande d'opposition ou d'effacement",
    ));
    documents.push(spec(
        "registre-des-traitements",
        "Registre des activités de traitement",
    ));
    documents
}

/// The labels of the missing-value markers found in a rendered text, in order, without repeats.
pub fn missing_values(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(MISSING_OPEN) {
        let after = &rest[start + MISSING_OPEN.len()..];
        let Some(end) = after.find(MISSING_CLOSE) else {
            break;
        };
        let label = after[..end].to_string();
        if !found.contains(&label) {
            found.push(label);
        }
        rest = &after[end..];
    }
    found
}

/// Renders the applicable documents (or only the stems in `only`).
pub fn render(
    templates: &Templates,
    context: &DocumentContext,
    only: &[String],
) -> Result<Vec<RenderedDocument>, TemplateError> {
    applicable(context)
        .into_iter()
        .filter(|spec| only.is_empty() || only.contains(&spec.stem))
        .map(|spec| {
            let markdown = templates.render(&spec, context)?;
            Ok(RenderedDocument {
                missing: missing_values(&markdown),
                stem: spec.stem,
                title: spec.title,
                markdown,
            })
        })
        .collect()
}

/// A document file that could not be written.
#[derive(Debug)]
pub struct WriteError {
    pub path: std::path::PathBuf,
    pub what: &'static str,
    pub error: std::io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} : {} ({})",
            self.path.display(),
            self.what,
            crate::source::french_io_reason(&self.error)
        )
    }
}

/// How many files writing these documents in these formats into `dir` would replace.
pub fn existing_files(
    documents: &[RenderedDocument],
    formats: &[Format],
    dir: &std::path::Path,
) -> usize {
    documents
        .iter()
        .flat_map(|d| formats.iter().flat_map(|&f| d.files(f)))
        .filter(|(name, _)| dir.join(name).exists())
        .count()
}

/// Writes each document in each format into `dir` (created if needed, 0755 narrowed by the
/// umask: the documents are meant to be published), as one set: every file or none
/// ([`crate::atomic::write_set`]); the error names the file that failed. Returns the paths
/// written.
pub fn write_files(
    documents: &[RenderedDocument],
    formats: &[Format],
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>, WriteError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o755);
    builder.create(dir).map_err(|error| WriteError {
        path: dir.to_path_buf(),
        what: "impossible de créer le dossier",
        error,
    })?;
    let files: Vec<(String, String)> = documents
        .iter()
        .flat_map(|d| formats.iter().flat_map(|&f| d.files(f)))
        .collect();
    crate::atomic::write_set(dir, &files).map_err(|failed| WriteError {
        path: failed.path,
        what: "écriture impossible ; aucun document n'a été écrit ni remplacé",
        error: failed.error,
    })
}

/// The files written, then how many documents were drafted and what the incomplete ones lack.
pub fn written(paths: &[std::path::PathBuf], documents: &[RenderedDocument]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for path in paths {
        let _ = writeln!(out, "Écrit : {}", path.display());
    }
    let incomplete: Vec<_> = documents.iter().filter(|d| !d.is_complete()).collect();
    if incomplete.is_empty() {
        let _ = writeln!(out, "{} documents rédigés, tous complets.", documents.len());
    } else {
        let _ = writeln!(
            out,
            "{} documents rédigés, dont {} incomplet{} :",
            documents.len(),
            incomplete.len(),
            crate::french::plural(incomplete.len())
        );
        for document in &incomplete {
            let _ = writeln!(
                out,
                "  {} : il manque {}",
                document.stem,
                document.missing.join(", ")
            );
        }
        out.push_str(
            "Les valeurs manquantes sont signalées par « ⟦à compléter : …⟧ » dans les documents.\n",
        );
    }
    out
}
