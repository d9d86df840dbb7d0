//! `vigie generate`: renders the documents and writes them atomically.

use std::path::Path;

use vigie::documents::{
    Format, Templates, applicable, build_context, render, states, write_files, written,
};
use vigie::model::catalog::Catalog;
use vigie::model::date::Date;
use vigie::model::sanitize::visible;

use super::{Failure, OutputFormat};

pub struct Request<'a> {
    pub answers: &'a vigie::model::answers::Answers,
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
    if request.strict && documents.iter().any(|d| !d.is_complete()) {
        eprint!("{}", visible(&states(&documents)));
        return Err(Failure::invalid(
            "aucun fichier écrit (--strict) : des documents sont à compléter ou à corriger. \
             Répondez aux questions indiquées (vigie, ou le fichier de réponses), puis relancez.",
        ));
    }
    let paths = write_files(&documents, &formats, request.out)
        .map_err(|error| Failure::runtime(error.to_string()))?;
    print!("{}", visible(&written(&paths, &documents)));
    Ok(())
}
