//! The legal documents: which ones apply, rendering them from the one context with Tera,
//! and turning them into Markdown, HTML and plain text; `write_files` writes them out.

pub mod budget;
pub mod context;
pub mod markup;
pub mod readme;
pub mod templates;

use serde::Serialize;

pub use context::{DocumentContext, build as build_context};
pub use templates::{TemplateError, Templates};

use crate::model::catalog::documents::{DOCUMENTS, When};
use context::{ACTION, MARKER_CLOSE, MARKER_OPEN, QUESTION, TO_COMPLETE, TO_CORRECT};

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

/// What a marker asks: a value or answer to give, or a practice to change first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MarkerKind {
    /// ⟦à compléter : …⟧
    Complete,
    /// ⟦à corriger avant publication : …⟧
    Correct,
}

/// A marker left in a document: what is missing or wrong, and the question that resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub kind: MarkerKind,
    /// What the text would say, or what it lacks.
    pub label: String,
    /// The question (or identity field) whose answer removes the marker.
    pub question: Option<String>,
    /// For a practice to correct, the action of the plan that fixes it.
    pub action: Option<String>,
}

/// The state of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum DocumentState {
    /// Prêt à publier: no marker left.
    Ready,
    /// À compléter: an identity value or an answer is missing.
    ToComplete,
    /// À corriger: the text would state a practice that the answers deny or leave unknown.
    ToCorrect,
}

impl DocumentState {
    pub fn label(self) -> &'static str {
        match self {
            DocumentState::Ready => "prêt à publier",
            DocumentState::ToComplete => "à compléter",
            DocumentState::ToCorrect => "à corriger",
        }
    }

    /// The sign shown beside the document (never the only signal: the label goes with it).
    pub fn sign(self) -> &'static str {
        match self {
            DocumentState::Ready => "✓",
            DocumentState::ToComplete => "⚠",
            DocumentState::ToCorrect => "✗",
        }
    }
}

/// A rendered document, in Markdown: the published text, the owner's notes, and the markers
/// it still carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedDocument {
    pub stem: String,
    pub title: String,
    /// The text to publish (or send), with its date line, and nothing else.
    pub markdown: String,
    /// The owner's notes (« Pour vous »), for A-LIRE, in Markdown; empty when none.
    pub notes: String,
    /// The markers left in the text, in order, without repeats.
    pub markers: Vec<Marker>,
}

impl RenderedDocument {
    pub fn state(&self) -> DocumentState {
        self.markers
            .iter()
            .map(|m| match m.kind {
                MarkerKind::Complete => DocumentState::ToComplete,
                MarkerKind::Correct => DocumentState::ToCorrect,
            })
            .max()
            .unwrap_or(DocumentState::Ready)
    }

    pub fn is_complete(&self) -> bool {
        self.markers.is_empty()
    }

    /// The labels of the markers, for a short summary.
    pub fn missing(&self) -> Vec<String> {
        self.markers.iter().map(|m| m.label.clone()).collect()
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

/// The documents that apply, in the order of the table ([`DOCUMENTS`]).
pub fn applicable(context: &DocumentContext) -> Vec<DocumentSpec> {
    let mut documents = Vec::new();
    for kind in DOCUMENTS {
        let spec = |stem: String, title: String, form: Option<String>| DocumentSpec {
            stem,
            title,
            template: kind.template.to_string(),
            form,
        };
        match kind.when {
            When::Always => documents.push(spec(kind.stem.into(), kind.title.into(), None)),
            When::Fact(fact) => {
                if context.holds(fact) {
                    documents.push(spec(kind.stem.into(), kind.title.into(), None));
                }
            }
            When::PerForm => {
                for form in &context.forms {
                    documents.push(spec(
                        format!("{}-{}", kind.stem, form.id),
                        format!("{} : {}", kind.title, form.title.to_lowercase()),
                        Some(form.id.clone()),
                    ));
                }
            }
        }
    }
    documents
}

/// The markers found in a rendered text, in order, without repeats.
pub fn markers(text: &str) -> Vec<Marker> {
    let mut found: Vec<Marker> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(MARKER_OPEN) {
        let after = &rest[start + MARKER_OPEN.len()..];
        let Some(end) = after.find(MARKER_CLOSE) else {
            break;
        };
        // Markdown escapes of values built into the marker are not part of it.
        let body = unescape_markdown(&after[..end]);
        rest = &after[end..];
        let (kind, body) = if let Some(b) = body.strip_prefix(TO_CORRECT) {
            (MarkerKind::Correct, b)
        } else if let Some(b) = body.strip_prefix(TO_COMPLETE) {
            (MarkerKind::Complete, b)
        } else {
            (MarkerKind::Complete, body.as_str())
        };
        let (body, action) = match body.split_once(ACTION) {
            Some((b, a)) => (b, Some(a.trim().to_string())),
            None => (body, None),
        };
        let (label, question) = match body.split_once(QUESTION) {
            Some((l, q)) => (l, Some(q.trim().to_string())),
            None => (body, None),
        };
        let marker = Marker {
            kind,
            label: label.trim().to_string(),
            question,
            action,
        };
        if !found.contains(&marker) {
            found.push(marker);
        }
    }
    found
}

/// The heading of the owner's notes in a template; they go to A-LIRE, not to the document.
pub const NOTES_HEADING: &str = "## Pour vous";

/// Splits a rendered template into the published text and the owner's notes: the notes are
/// the section under « ## Pour vous… », up to the footer rule (`---`) or the end.
fn split_notes(rendered: &str) -> (String, String) {
    let Some(start) = rendered.find(&format!("\n{NOTES_HEADING}")) else {
        return (rendered.to_string(), String::new());
    };
    let heading_end = rendered[start + 1..]
        .find('\n')
        .map_or(rendered.len(), |i| start + 1 + i);
    let end = rendered[heading_end..]
        .find("\n---\n")
        .map_or(rendered.len(), |i| heading_end + i);
    let notes = rendered[heading_end..end].trim().to_string();
    let published = format!("{}\n{}", rendered[..start].trim_end(), &rendered[end..]);
    (published.trim_end().to_string() + "\n", notes)
}

fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Renders the applicable documents (or only the stems in `only`).
pub fn render(
    templates: &Templates,
    context: &DocumentContext,
    only: &[String],
) -> Result<Vec<RenderedDocument>, TemplateError> {
    let prepared = Templates::prepare(context)?;
    applicable(context)
        .into_iter()
        .filter(|spec| only.is_empty() || only.contains(&spec.stem))
        .map(|spec| {
            let rendered = templates.render(&spec, &prepared)?;
            let (markdown, notes) = split_notes(&rendered);
            Ok(RenderedDocument {
                markers: markers(&markdown),
                stem: spec.stem,
                title: spec.title,
                markdown,
                notes,
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
            crate::model::source::french_io_reason(&self.error)
        )
    }
}

/// How many files writing these documents in these formats into `dir` would replace.
pub fn existing_files(
    documents: &[RenderedDocument],
    formats: &[Format],
    dir: &std::path::Path,
) -> usize {
    all_files(documents, formats)
        .iter()
        .filter(|(name, _)| dir.join(name).exists())
        .count()
}

/// Every file of a writing: each document in each format, then A-LIRE for the owner.
fn all_files(documents: &[RenderedDocument], formats: &[Format]) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = documents
        .iter()
        .flat_map(|d| formats.iter().flat_map(|&f| d.files(f)))
        .collect();
    let readme = readme::markdown(documents, formats);
    files.push((format!("{}.md", readme::STEM), readme.clone()));
    files.push((
        format!("{}.html", readme::STEM),
        markup::to_html_page(readme::TITLE, &readme),
    ));
    files
}

/// Writes each document in each format into `dir` (created if needed, 0755 narrowed by the
/// umask: the documents are meant to be published), with A-LIRE.md and A-LIRE.html, as one
/// set: every file or none ([`crate::storage::atomic::write_set`]); the error names the file that
/// failed. Returns the paths written.
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
    crate::storage::atomic::write_set(dir, &all_files(documents, formats)).map_err(|failed| {
        WriteError {
            path: failed.path,
            what: "écriture impossible ; aucun document n'a été écrit ni remplacé",
            error: failed.error,
        }
    })
}

/// The files written, then the state of each document and what to do for each marker.
pub fn written(paths: &[std::path::PathBuf], documents: &[RenderedDocument]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for path in paths {
        let _ = writeln!(out, "Écrit : {}", path.display());
    }
    out.push_str(&states(documents));
    out
}

/// The state of each document (✓ prêt à publier, ⚠ à compléter, ✗ à corriger) and, under
/// each one that is not ready, what to do for each of its markers.
pub fn states(documents: &[RenderedDocument]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let ready = documents
        .iter()
        .filter(|d| d.state() == DocumentState::Ready)
        .count();
    let _ = writeln!(
        out,
        "{} documents rédigés, {ready} prêt{} à publier :",
        documents.len(),
        crate::model::french::plural(ready)
    );
    for document in documents {
        let state = document.state();
        let _ = writeln!(
            out,
            "  {} {} : {}",
            state.sign(),
            document.stem,
            state.label()
        );
        for marker in &document.markers {
            let _ = writeln!(out, "      - {}", readme::marker_line(marker));
        }
    }
    if ready < documents.len() {
        out.push_str(
            "Les passages à reprendre sont signalés par « ⟦…⟧ » dans les documents ; le fichier \
             A-LIRE.md du dossier reprend cette liste.\n",
        );
    }
    out
}
