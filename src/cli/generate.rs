//! `vigie generate`: renders the documents and writes them atomically.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use vigie::catalog::Catalog;
use vigie::date::today;
use vigie::documents::{
    Format, RenderedDocument, Templates, applicable, build_context, render, write_files,
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
    let incomplete: Vec<_> = documents.iter().filter(|d| !d.is_complete()).collect();
    if request.strict && !incomplete.is_empty() {
        for document in &incomplete {
            eprintln!(
                "erreur : {} est incomplet ; il manque : {}",
                document.stem,
                document.missing.join(", ")
            );
        }
        eprintln!(
            "Aucun fichier écrit (--strict). Complétez l'identité dans le fichier de réponses."
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

/// The files written, then how many documents were drafted and what the incomplete ones lack.
pub fn written(paths: &[PathBuf], documents: &[RenderedDocument]) -> String {
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
            if incomplete.len() > 1 { "s" } else { "" }
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
