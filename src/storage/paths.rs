//! Where vigie keeps its data and reads the user's configuration.

use std::path::{Path, PathBuf};

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

/// The folder a user typed for the documents, as an absolute path: `~` is their home
/// folder, a relative path starts from `cwd`. A path that cannot be what they meant (empty,
/// `~name`, an unexpanded `$VARIABLE`, a file) is refused with a French message.
pub fn output_folder(typed: &str, cwd: &Path, home: Option<&Path>) -> Result<PathBuf, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("Indiquez un dossier.".into());
    }
    if typed.chars().any(char::is_control) {
        return Err("Ce chemin contient un caractère de contrôle : retapez-le.".into());
    }
    if typed.contains('$') {
        return Err(format!(
            "« {typed} » : les variables comme $HOME ne sont pas remplacées ; écrivez le chemin complet, ou ~/ pour votre dossier personnel."
        ));
    }
    let path = match typed.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
            let home =
                home.ok_or("Votre dossier personnel est introuvable : écrivez le chemin complet.")?;
            home.join(rest.trim_start_matches(['/', '\\']))
        }
        Some(_) => {
            return Err(format!(
                "« {typed} » : « ~nom » n'est pas pris en charge ; écrivez le chemin complet."
            ));
        }
        None => cwd.join(typed),
    };
    if path.is_file() {
        return Err(format!(
            "{} est un fichier, pas un dossier.",
            path.display()
        ));
    }
    Ok(path)
}

/// The user's home folder, if known.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_folder_expands_the_home_and_refuses_what_cannot_be_meant() {
        let cwd = Path::new("/srv/travail");
        let home = Path::new("/home/emma");
        let folder = |typed| output_folder(typed, cwd, Some(home));
        assert_eq!(folder("~/docs"), Ok(PathBuf::from("/home/emma/docs")));
        assert_eq!(folder(" ~ "), Ok(PathBuf::from("/home/emma/")));
        assert_eq!(folder("docs"), Ok(PathBuf::from("/srv/travail/docs")));
        assert_eq!(folder("/tmp/x"), Ok(PathBuf::from("/tmp/x")));
        assert!(folder("~emma/docs").unwrap_err().contains("~nom"));
        assert!(folder("$HOME/docs").unwrap_err().contains("$HOME"));
        assert!(folder("").is_err());
        assert!(output_folder("~/docs", cwd, None).is_err());
    }
}
