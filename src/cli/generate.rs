//! `vigie generate`: renders the documents and writes them atomically.

use std::path::Path;

use vigie::catalog::Catalog;
use vigie::date::Date;
use vigie::documents::{
    Format, Templates, applicable, build_context, render, write_files, written,
};

use super::{Failure, OutputFormat};

pub struct Request<'a> {
    pub answers: &'a vigie::answers::Answers,
    pub out: &'a Path,
    pub formats: &'a [OutputFormat],
    pub docs: &'a [String],
    pub strict: bool,
}

pub fn run(catalog: &Catalog, templates: &Templates, request: &Request) -> Result<(), Failure> {
    let mut formats = Vec::new();
    for format in request.formats {
        let format = match format.among(&[
            OutputFormat::Markdown,
            OutputFormat::Html,
            OutputFormat::Text,
        ])? {
            OutputFormat::Markdown => Format::Markdown,
            OutputFormat::Html => Format::Html,
            _ => Format::Text,
        };
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    let context = build_context(catalog, request.answers, Date::today());
    let stems: Vec<String> = applicable(&context).into_iter().map(|d| d.stem).collect();
    if let Some(doc) = request.docs.iter().find(|doc| !stems.contains(doc)) {
        return Err(Failure::Usage(format!(
            "le document « {doc} » ne s'applique pas à cette organisation ; documents possibles : {}",
            stems.join(", ")
        )));
    }
    let documents = render(templates, &context, request.docs)
        .map_err(|error| Failure::invalid(error.to_string()))?;
    let incomplete: Vec<_> = documents.iter().filter(|d| !d.is_complete()).collect();
    if request.strict && !incomplete.is_empty() {
        let mut lines: Vec<String> = incomplete
            .iter()
            .map(|document| {
                format!(
                    "{} est incomplet ; il manque : {}",
                    document.stem,
                    document.missing.join(", ")
                )
            })
            .collect();
        lines.push(
            "Aucun fichier écrit (--strict). Complétez l'identité dans le fichier de réponses."
                .to_string(),
        );
        return Err(Failure::Invalid(lines));
    }
    let paths = write_files(&documents, &formats, request.out)
        .map_err(|error| Failure::runtime(error.to_string()))?;
    print!("{}", written(&paths, &documents));
    Ok(())
}
