//! The built-in questionnaires, compiled into the binary, and the user's overrides.

use std::path::Path;

use crate::model::catalog::{Catalog, CatalogSources};
use crate::model::diagnostic::Diagnostics;
use crate::model::source::{ReadError, SourceFile, french_io_reason};

/// Every file of `questionnaires/` (except README.md), by file name.
/// A test keeps this table in sync with the folder.
pub static QUESTIONNAIRES: &[(&str, &str)] = &[
    (
        "associations.toml",
        include_str!("../../questionnaires/associations.toml"),
    ),
    (
        "clients.toml",
        include_str!("../../questionnaires/clients.toml"),
    ),
    (
        "cookies.toml",
        include_str!("../../questionnaires/cookies.toml"),
    ),
    (
        "droit-image.toml",
        include_str!("../../questionnaires/droit-image.toml"),
    ),
    (
        "e-commerce.toml",
        include_str!("../../questionnaires/e-commerce.toml"),
    ),
    (
        "gouvernance.toml",
        include_str!("../../questionnaires/gouvernance.toml"),
    ),
    (
        "identite.toml",
        include_str!("../../questionnaires/identite.toml"),
    ),
    (
        "profil.toml",
        include_str!("../../questionnaires/profil.toml"),
    ),
    (
        "prospection.toml",
        include_str!("../../questionnaires/prospection.toml"),
    ),
    (
        "reseaux-sociaux.toml",
        include_str!("../../questionnaires/reseaux-sociaux.toml"),
    ),
    (
        "salaries.toml",
        include_str!("../../questionnaires/salaries.toml"),
    ),
    (
        "sanctions.toml",
        include_str!("../../questionnaires/sanctions.toml"),
    ),
    (
        "sante.toml",
        include_str!("../../questionnaires/sante.toml"),
    ),
    (
        "services.toml",
        include_str!("../../questionnaires/services.toml"),
    ),
    (
        "signatures.toml",
        include_str!("../../questionnaires/signatures.toml"),
    ),
    (
        "site-vitrine.toml",
        include_str!("../../questionnaires/site-vitrine.toml"),
    ),
    (
        "vente-messages.toml",
        include_str!("../../questionnaires/vente-messages.toml"),
    ),
    (
        "videoprotection.toml",
        include_str!("../../questionnaires/videoprotection.toml"),
    ),
];

/// Why the catalogue could not be loaded.
#[derive(Debug)]
pub enum CatalogError {
    /// A file or folder could not be read.
    Read(Vec<ReadError>),
    /// The files were read but are invalid.
    Invalid(Diagnostics),
}

impl CatalogError {
    /// True when the content is at fault (exit 65), false for an I/O problem (exit 1).
    pub fn is_invalid_content(&self) -> bool {
        match self {
            CatalogError::Read(errors) => errors.iter().all(ReadError::is_invalid_content),
            CatalogError::Invalid(_) => true,
        }
    }
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogError::Read(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
            CatalogError::Invalid(diagnostics) => write!(f, "{diagnostics}"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// The built-in sources.
pub fn builtin_sources() -> CatalogSources {
    let mut sources = CatalogSources::default();
    for (name, text) in QUESTIONNAIRES {
        let source = SourceFile::new(format!("questionnaires/{name}"), *text);
        sources.add(name, source);
    }
    sources
}

/// The built-in sources with the `*.toml` files of `user_dir` added: a file with the name of
/// a built-in module replaces it; `services.toml` adds to (or overrides by id) the services.
pub fn sources_with_overrides(user_dir: Option<&Path>) -> Result<CatalogSources, CatalogError> {
    let mut sources = builtin_sources();
    let Some(dir) = user_dir else {
        return Ok(sources);
    };
    let folder_error = |reason: String| {
        CatalogError::Read(vec![ReadError::Io {
            file: dir.display().to_string(),
            reason,
        }])
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(CatalogError::Read(vec![ReadError::NotFound {
                file: dir.display().to_string(),
            }]));
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(folder_error("ce n'est pas un dossier".to_string()));
        }
        Err(error) => return Err(folder_error(french_io_reason(&error))),
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut errors = Vec::new();
    for path in paths {
        match SourceFile::read(&path) {
            Ok(source) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                sources.add(&name, source);
            }
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(CatalogError::Read(errors))
    }
}

/// Loads and validates the catalogue, with the user's folder when there is one.
pub fn load_catalog(user_dir: Option<&Path>) -> Result<Catalog, CatalogError> {
    let sources = sources_with_overrides(user_dir)?;
    Catalog::from_sources(&sources).map_err(CatalogError::Invalid)
}

/// Test helper: the embedded `table` lists exactly the `extension` files of the crate's
/// `folder` (README.md aside), with their current content.
#[cfg(test)]
pub fn assert_embedded_matches(folder: &str, extension: &str, table: &[(&str, &str)]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(extension) && name != "README.md")
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = table.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(
        embedded, on_disk,
        "the embedded table of {folder}/ is out of date"
    );
    for (name, text) in table {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(*text, on_disk, "{name} is stale in the binary");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_table_matches_the_folder() {
        super::assert_embedded_matches("questionnaires", ".toml", super::QUESTIONNAIRES);
    }
}
