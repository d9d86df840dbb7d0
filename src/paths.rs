//! Where vigie keeps its data and reads the user's configuration.

use std::path::PathBuf;

/// The resolved folders.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Organisations, answers and runs (`--data-dir`, `VIGIE_DATA_DIR`, or the platform's).
    pub data_dir: PathBuf,
    /// The user's configuration (`VIGIE_CONFIG_DIR` or the platform's), if one can be found.
    pub config_dir: Option<PathBuf>,
}

impl Paths {
    /// Resolves the folders: explicit values first, then the platform defaults.
    pub fn resolve(data_dir: Option<PathBuf>, config_dir: Option<PathBuf>) -> Option<Paths> {
        let project = directories::ProjectDirs::from("fr", "", "vigie");
        let data_dir = data_dir.or_else(|| project.as_ref().map(|p| p.data_dir().to_path_buf()))?;
        let config_dir =
            config_dir.or_else(|| project.as_ref().map(|p| p.config_dir().to_path_buf()));
        Some(Paths {
            data_dir,
            config_dir,
        })
    }

    /// The user's questionnaire folder, when it exists.
    pub fn user_questionnaires(&self) -> Option<PathBuf> {
        let dir = self.config_dir.as_ref()?.join("questionnaires");
        dir.is_dir().then_some(dir)
    }

    /// The user's template folder, when it exists.
    pub fn user_templates(&self) -> Option<PathBuf> {
        let dir = self.config_dir.as_ref()?.join("templates");
        dir.is_dir().then_some(dir)
    }
}
