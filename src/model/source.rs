//! Reading user files safely: size limit, text check, and byte offsets turned into
//! line and column, with French messages.

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::model::diagnostic::Diagnostic;

/// Largest questionnaire or answers file we accept.
pub const MAX_FILE_SIZE: u64 = 1024 * 1024;

/// A text file in memory, with the name used in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// The byte offset of each line's start, computed once, at the first diagnostic: a file
    /// of many problems is not rescanned for each.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl SourceFile {
    /// A diagnostic at a byte offset of this file.
    pub fn diagnostic(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(offset);
        Diagnostic {
            file: self.name.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// Reads `path`, refusing folders, what is not a regular file (a FIFO or a device would
    /// block or never end), empty, binary and oversized files.
    pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
        let name = path.display().to_string();
        let io_error = |error: std::io::Error| ReadError::Io {
            file: name.clone(),
            reason: french_io_reason(&error),
        };
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(ReadError::NotFound { file: name });
            }
            Err(error) => return Err(io_error(error)),
        };
        if metadata.is_dir() {
            return Err(ReadError::IsDirectory { file: name });
        }
        if !metadata.is_file() {
            return Err(ReadError::NotRegular { file: name });
        }
        if metadata.len() > MAX_FILE_SIZE {
            return Err(ReadError::Invalid(Diagnostic {
                file: name,
                line: 1,
                column: 1,
                message: format!(
                    "fichier trop volumineux ({}) : la limite est de 1 Mo",
                    human_size(metadata.len())
                ),
            }));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes))
            .map_err(io_error)?;
        SourceFile::from_bytes(name, bytes)
    }

    /// Checks that `bytes` are non-empty UTF-8 text without NUL bytes.
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(ReadError::Invalid(Diagnostic {
                file: name,
                line: 1,
                column: 1,
                message: "fichier trop volumineux : la limite est de 1 Mo".to_string(),
            }));
        }
        let binary = |name: String, offset: usize, bytes: &[u8]| {
            let text = String::from_utf8_lossy(&bytes[..offset]).into_owned();
            let source = SourceFile::new(name, text);
            ReadError::Invalid(source.diagnostic(
                source.text.len(),
                "ce n'est pas un fichier texte (contenu binaire ou encodage autre que UTF-8)",
            ))
        };
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(binary(name, offset, &bytes));
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let offset = error.utf8_error().valid_up_to();
                return Err(binary(name, offset, error.as_bytes()));
            }
        };
        if text.trim().is_empty() {
            return Err(ReadError::Invalid(Diagnostic {
                file: name,
                line: 1,
                column: 1,
                message: "le fichier est vide".to_string(),
            }));
        }
        Ok(SourceFile::new(name, text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound {
        file: String,
    },
    IsDirectory {
        file: String,
    },
    /// A FIFO, a device, a socket: never opened.
    NotRegular {
        file: String,
    },
    Io {
        file: String,
        reason: String,
    },
    /// The file was read but its content is unusable (empty, binary, too large).
    Invalid(Diagnostic),
}

impl ReadError {
    /// True when the content is at fault (exit 65), false for an I/O problem (exit 1).
    pub fn is_invalid_content(&self) -> bool {
        matches!(self, ReadError::Invalid(_))
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |file: &str| crate::model::sanitize::visible(file).into_owned();
        match self {
            ReadError::NotFound { file } => write!(f, "{} : fichier introuvable", shown(file)),
            ReadError::IsDirectory { file } => {
                write!(f, "{} : c'est un dossier, pas un fichier", shown(file))
            }
            ReadError::NotRegular { file } => write!(
                f,
                "{} : ce n'est pas un fichier ordinaire (tube, périphérique…) ; il n'a pas été lu",
                shown(file)
            ),
            ReadError::Io { file, reason } => {
                write!(f, "{} : lecture impossible ({reason})", shown(file))
            }
            ReadError::Invalid(diagnostic) => write!(f, "{diagnostic}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// A short French reason for an I/O error.
pub fn french_io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "introuvable".to_string(),
        ErrorKind::PermissionDenied => "permission refusée".to_string(),
        ErrorKind::AlreadyExists => "existe déjà".to_string(),
        ErrorKind::IsADirectory => "c'est un dossier".to_string(),
        ErrorKind::NotADirectory => "ce n'est pas un dossier".to_string(),
        ErrorKind::ReadOnlyFilesystem => "système de fichiers en lecture seule".to_string(),
        // The errors vigie makes itself carry a French message.
        ErrorKind::InvalidInput | ErrorKind::InvalidData if error.get_ref().is_some() => {
            error.to_string()
        }
        ErrorKind::StorageFull => "disque plein".to_string(),
        _ => format!("erreur système : {error}"),
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} Mo", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} ko", bytes.div_ceil(1024))
    }
}

/// Turns a TOML error into a located French diagnostic.
pub fn toml_diagnostic(source: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    let offset = error.span().map_or(0, |span| span.start);
    if error.message().starts_with("duplicate key")
        && let Some(key) = error.span().and_then(|span| source.text.get(span))
    {
        let key: String = key.trim().trim_matches('"').chars().take(80).collect();
        if !key.is_empty() {
            return source.diagnostic(offset, format!("la clé « {key} » est définie deux fois"));
        }
    }
    source.diagnostic(offset, french_toml_message(error.message()))
}

/// Translates the messages of the toml and serde crates into French.
pub fn french_toml_message(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or("").trim();
    let quoted = backticked(first_line);
    if let Some(rest) = first_line.strip_prefix("unknown field ") {
        let name = quoted.first().cloned().unwrap_or_default();
        let expected: Vec<String> = backticked(rest).into_iter().skip(1).collect();
        return if expected.is_empty() {
            format!("champ inconnu « {name} »")
        } else {
            format!(
                "champ inconnu « {name} » ; champs possibles : {}",
                expected.join(", ")
            )
        };
    }
    if first_line.starts_with("missing field ") {
        let name = quoted.first().cloned().unwrap_or_default();
        return format!("champ obligatoire manquant : « {name} »");
    }
    if first_line.starts_with("unknown variant ") {
        let name = quoted.first().cloned().unwrap_or_default();
        let expected: Vec<String> = quoted.into_iter().skip(1).collect();
        return format!(
            "valeur inconnue « {name} » ; valeurs possibles : {}",
            expected.join(", ")
        );
    }
    if let Some(rest) = first_line.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "type de valeur incorrect : {} au lieu de {}",
            french_type(found),
            french_type(expected)
        );
    }
    if first_line.starts_with("duplicate key") {
        // The toml crate does not always quote the key: take it from the message then.
        let name = quoted.first().cloned().unwrap_or_else(|| {
            first_line
                .trim_start_matches("duplicate key")
                .trim()
                .trim_matches(|c| c == '`' || c == '"')
                .to_string()
        });
        return if name.is_empty() {
            "une clé est définie deux fois".to_string()
        } else {
            format!("la clé « {name} » est définie deux fois")
        };
    }
    format!("syntaxe TOML invalide ({first_line})")
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

fn french_type(description: &str) -> String {
    let d = description.trim();
    let has = |words: &[&str]| words.iter().any(|w| d.contains(w));
    let name = if has(&["string"]) {
        "un texte"
    } else if has(&[
        "integer", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize",
    ]) {
        "un nombre entier"
    } else if has(&["float", "f64"]) {
        "un nombre décimal"
    } else if has(&["bool"]) {
        "vrai ou faux (true / false)"
    } else if has(&["sequence", "array"]) {
        "une liste"
    } else if has(&["map", "table", "struct"]) {
        "une table"
    } else {
        return format!("« {d} »");
    };
    match backticked(d).first() {
        Some(value) => format!("{name} ({value})"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let source = SourceFile::new("f.toml", "a = 1\nprénom = 2\n");
        assert_eq!(source.position(0), (1, 1));
        assert_eq!(source.position(6), (2, 1));
        let offset = source.text.find("= 2").unwrap();
        assert_eq!(source.position(offset), (2, 8));
    }

    #[test]
    fn toml_messages_are_translated() {
        assert_eq!(
            french_toml_message("unknown field `weigth`, expected one of `id`, `weight`"),
            "champ inconnu « weigth » ; champs possibles : id, weight"
        );
        assert_eq!(
            french_toml_message("missing field `id`"),
            "champ obligatoire manquant : « id »"
        );
        assert_eq!(
            french_toml_message("invalid type: integer `3`, expected a string"),
            "type de valeur incorrect : un nombre entier (3) au lieu de un texte"
        );
        assert_eq!(
            french_toml_message("unknown variant `haut`, expected one of `faible`, `moyen`"),
            "valeur inconnue « haut » ; valeurs possibles : faible, moyen"
        );
    }
}
