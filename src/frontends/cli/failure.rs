//! The binary's one error type: what went wrong, in French, and the exit code it maps to.
//! Commands return it with `?`; `cli::main` prints it once.

use vigie::model::assets::CatalogError;
use vigie::model::sanitize::visible;
use vigie::model::source::ReadError;
use vigie::storage::organisation::RunError;
use vigie::storage::store::StoreError;

use super::exit;

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The command line asks for something that cannot be done (exit 2).
    Usage(String),
    /// Something failed while running (exit 1); the underlying error, when there is one, is
    /// kept as the source.
    Runtime {
        message: String,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// An invalid questionnaire, template or answers file (exit 65): one problem per line.
    Invalid(Vec<String>),
    /// The score is below `--fail-under` (exit 3): not an error, a verdict.
    BelowThreshold(String),
    /// Already told to the user (the line mode speaks for itself); only the code is left.
    Reported(u8),
}

impl Failure {
    pub fn runtime(message: impl Into<String>) -> Failure {
        Failure::Runtime {
            message: message.into(),
            source: None,
        }
    }

    /// A runtime failure caused by an I/O error, kept as the source.
    pub fn io(message: impl Into<String>, source: std::io::Error) -> Failure {
        Failure::Runtime {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::Invalid(vec![message.into()])
    }

    /// The exit code, as documented in the README.
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => exit::USAGE,
            Failure::Runtime { .. } => exit::RUNTIME,
            Failure::Invalid(_) => exit::INVALID_DATA,
            Failure::BelowThreshold(_) => exit::BELOW_THRESHOLD,
            Failure::Reported(code) => *code,
        }
    }

    /// Tells the user, on standard error (control characters shown, never acted upon).
    pub fn print(&self) {
        match self {
            Failure::BelowThreshold(message) => eprintln!("{}", visible(message)),
            Failure::Reported(_) => {}
            _ => {
                for line in self.to_string().lines() {
                    eprintln!("erreur : {}", visible(line));
                }
            }
        }
    }
}

/// A warning, on standard error (control characters shown, never acted upon).
pub fn warn(text: impl std::fmt::Display) {
    eprintln!("attention : {}", visible(&text.to_string()));
}

impl Failure {}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(message)
            | Failure::Runtime { message, .. }
            | Failure::BelowThreshold(message) => write!(f, "{message}"),
            Failure::Invalid(lines) => write!(f, "{}", lines.join("\n")),
            Failure::Reported(code) => write!(f, "code de sortie {code}"),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Runtime {
                source: Some(source),
                ..
            } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Invalid(message) => Failure::invalid(message),
            StoreError::Io(message) | StoreError::Organisation(message) => {
                Failure::runtime(message)
            }
        }
    }
}

impl From<RunError> for Failure {
    fn from(error: RunError) -> Self {
        match error {
            RunError::Store(error) => error.into(),
            RunError::Template(error) => Failure::invalid(error.to_string()),
        }
    }
}

impl From<ReadError> for Failure {
    fn from(error: ReadError) -> Self {
        if error.is_invalid_content() {
            Failure::invalid(error.to_string())
        } else {
            Failure::runtime(error.to_string())
        }
    }
}

impl From<CatalogError> for Failure {
    fn from(error: CatalogError) -> Self {
        let mut lines: Vec<String> = error.to_string().lines().map(String::from).collect();
        let invalid = error.is_invalid_content();
        if let CatalogError::Invalid(diagnostics) = &error {
            let n = diagnostics.0.len();
            lines.push(format!(
                "{n} problème{} dans les questionnaires.",
                vigie::model::french::plural(n)
            ));
        }
        if invalid {
            Failure::Invalid(lines)
        } else {
            Failure::runtime(lines.join("\n"))
        }
    }
}
