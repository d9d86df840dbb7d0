//! `vigie generate`: renders the documents and writes them atomically.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use vigie::catalog::Catalog;
use vigie::date::today;
use vigie::documents::readme::marker_line;
use vigie::documents::{
    DocumentState, Format, RenderedDocument, Templates, applicable, build_context, render,
    write_files,
};

use super::commands::read_answers;
use super::exit;

pub struct Request<'a> {
    pub file: &'a Path,
    pub out: &'a Path,
    pub formats: &'a [String],
    pub docs: &'a [String],
    pub strict: bool,
}

/// The templates, with every problem printed; `Err` is the exit code.
pub fn load_templates(template_dir: Option<&Path>) -> Result<Templates, u8> {
    Templates::load(template_dir).map_err(|errors| {
        for error in errors {
            eprintln!("erreur : {error}");
        }
        exit::INVALID_DATA
    })
}

pub fn run(catalog: &Catalog, template_dir: Option<&Path>, request: &Request) -> u8 {
    let mut formats = Vec::new();
    for name in request.formats {
        match Format::parse(name.trim()) {
            Some(format) if !formats.contains(&format) => formats.push(format),
            Some(_) => {}
            None => {
                eprintln!("erreur : format « {name} » inconnu ; formats possibles : md, html, txt");
                return exit::USAGE;
            }
        }
    }
    let templates = match load_templates(template_dir) {
        Ok(templates) => templates,
        Err(code) => return code,
    };
    let answers = match read_answers(catalog, request.file) {
        Ok(answers) => answers,
        Err(code) => return code,
    };
    let context = build_context(catalog, &answers, &today());
    let stems: Vec<String> = applicable(&context).into_iter().map(|d| d.stem).collect();
    for doc in request.docs {
        if !stems.contains(doc) {
            eprintln!(
                "erreur : le document « {doc} » ne s'applique pas à cette organisation ; documents possibles : {}",
                stems.join(", ")
            );
            return exit::USAGE;
        }
    }
    let documents = match render(&templates, &context, request.docs) {
        Ok(documents) => documents,
        Err(error) => {
            eprintln!("erreur : {error}");
            return exit::INVALID_DATA;
        }
    };
    if request.strict && documents.iter().any(|d| !d.is_complete()) {
        eprint!("{}", states(&documents));
        eprintln!(
            "Aucun fichier écrit (--strict) : des documents sont à compléter ou à corriger. \
             Répondez aux questions indiquées (vigie, ou le fichier de réponses), puis relancez."
        );
        return exit::INVALID_DATA;
    }
    match write_files(&documents, &formats, request.out) {
        Ok(paths) => {
            print!("{}", written(&paths, &documents));
            exit::SUCCESS
        }
        Err(error) => {
            eprintln!("erreur : {error}");
            exit::RUNTIME
        }
    }
}

/// The files written, then the state of each document and what to do for each marker.
pub fn written(paths: &[PathBuf], documents: &[RenderedDocument]) -> String {
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
    let mut out = String::new();
    let ready = documents
        .iter()
        .filter(|d| d.state() == DocumentState::Ready)
        .count();
    let _ = writeln!(
        out,
        "{} documents rédigés, {ready} prêt{} à publier :",
        documents.len(),
        if ready > 1 { "s" } else { "" }
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
            let _ = writeln!(out, "      - {}", marker_line(marker));
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
