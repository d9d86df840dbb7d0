//! File writes that never leave a half-written file: a temporary file in the same folder
//! (named `.vigie-tmp-…`, readable by its owner only), synced, then renamed over the target —
//! or, for a name that must stay free, linked to it only if nobody took it meanwhile.
//! Temporaries left by a killed process are removed by [`sweep_temporaries`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The name prefix of temporary files, so that a later start can recognise and remove them.
pub const TEMPORARY_PREFIX: &str = ".vigie-tmp-";

/// How old a temporary must be before it is taken for a leftover: no write lasts that long.
const LEFTOVER_AGE: Duration = Duration::from_secs(60);

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A synced temporary file holding `content`, beside `path`, with `mode` on Unix (narrowed by
/// the umask).
fn temporary(path: &Path, content: &[u8], mode: u32) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = builder.tempfile_in(folder_of(path))?;
    file.write_all(content)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// Writes `content` to `path` atomically, readable by its owner only (0600).
pub fn write_atomic(path: &Path, content: &[u8]) -> std::io::Result<()> {
    temporary(path, content, 0o600)?
        .persist(path)
        .map_err(|e| e.error)?;
    Ok(())
}

/// Writes `content` to `path` atomically, only if `path` does not exist yet: of two
/// processes writing the same name at once, one gets `AlreadyExists` and nothing is lost.
pub fn write_new(path: &Path, content: &[u8]) -> std::io::Result<()> {
    temporary(path, content, 0o600)?
        .persist_noclobber(path)
        .map_err(|e| e.error)?;
    Ok(())
}

/// Writes a file meant for others to read (a document, a report), where the user chose:
/// - a symbolic link is followed, never replaced;
/// - a device, a FIFO or a terminal (`/dev/stdout`) is written to directly;
/// - an existing file is replaced atomically and keeps its permissions;
/// - a new file gets 0644, narrowed by the umask.
pub fn write_published(path: &Path, content: &[u8]) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "c'est un dossier",
        )),
        // A pipe, a terminal, a device (`/dev/stdout`, `/proc/self/fd/1`): written to.
        Ok(metadata) if !metadata.is_file() => {
            let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
            file.write_all(content)?;
            file.flush()
        }
        // A file, or a link to one: the file is replaced, the link stays.
        Ok(metadata) => {
            let target = std::fs::canonicalize(path)?;
            temporary(&target, content, mode_of(&metadata))?
                .persist(&target)
                .map_err(|e| e.error)?;
            // The umask may have narrowed the temporary's mode: give the old one back.
            std::fs::set_permissions(&target, metadata.permissions())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            // A dangling link is refused rather than replaced by a file.
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(error);
            }
            temporary(path, content, 0o644)?
                .persist(path)
                .map_err(|e| e.error)?;
            Ok(())
        }
        Err(error) => Err(error),
    }
}

#[cfg(unix)]
fn mode_of(metadata: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_: &std::fs::Metadata) -> u32 {
    0o644
}

/// Writes several files into `dir` as one set: each is first written to a temporary folder
/// inside `dir`, then all are moved into place. When a file cannot be written, none is
/// moved and the error names that file; returns the paths written.
pub fn write_set(dir: &Path, files: &[(String, String)]) -> Result<Vec<PathBuf>, SetError> {
    sweep_temporaries(dir);
    let staging = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempdir_in(dir)
        .map_err(|error| SetError {
            path: dir.to_path_buf(),
            error,
        })?;
    for (name, content) in files {
        let staged = staging.path().join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
        let result = options
            .open(&staged)
            .and_then(|mut file| file.write_all(content.as_bytes()).and(file.sync_all()));
        if let Err(error) = result {
            return Err(SetError {
                path: dir.join(name),
                error,
            });
        }
    }
    let mut written = Vec::new();
    // Only regular files are replaced: a folder, a link or a device in the way stops the
    // set before anything moves.
    for (name, _) in files {
        let path = dir.join(name);
        let refuse = |kind, reason: &str| {
            Err(SetError {
                path: path.clone(),
                error: std::io::Error::new(kind, reason),
            })
        };
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {
                return refuse(std::io::ErrorKind::IsADirectory, "c'est un dossier");
            }
            Ok(m) if m.file_type().is_symlink() => {
                return refuse(
                    std::io::ErrorKind::InvalidInput,
                    "c'est un lien symbolique : il n'est pas remplacé",
                );
            }
            Ok(m) if !m.is_file() => {
                return refuse(
                    std::io::ErrorKind::InvalidInput,
                    "ce n'est pas un fichier ordinaire",
                );
            }
            _ => {}
        }
    }
    for (name, _) in files {
        let path = dir.join(name);
        let staged = staging.path().join(name);
        // A file replaced keeps its permissions.
        if let Ok(old) = std::fs::metadata(&path) {
            let _ = std::fs::set_permissions(&staged, old.permissions());
        }
        std::fs::rename(&staged, &path).map_err(|error| SetError {
            path: path.clone(),
            error,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// The file of a set that could not be written, and why.
#[derive(Debug)]
pub struct SetError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

/// Removes the temporaries that a killed process left in `dir` (older than a minute, so that
/// a write in progress elsewhere is never disturbed); returns how many.
pub fn sweep_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(TEMPORARY_PREFIX)
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).unwrap_or_default() > LEFTOVER_AGE)
        })
        .filter(|e| {
            let path = e.path();
            if path.is_dir() {
                std::fs::remove_dir_all(&path).is_ok()
            } else {
                std::fs::remove_file(&path).is_ok()
            }
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"un").unwrap();
        write_atomic(&path, b"deux").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "deux");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"ancien").unwrap();
        // The target is now a folder in a missing parent: the write must fail cleanly.
        let missing = dir.path().join("absent").join("a.md");
        assert!(write_atomic(&missing, b"x").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ancien");
    }

    #[test]
    fn a_new_name_is_never_taken_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.toml");
        write_new(&path, b"premier").unwrap();
        let error = write_new(&path, b"second").unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "premier");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn published_files_keep_their_mode_and_links_are_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("rapport.html");
        std::fs::write(&real, "ancien").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("lien.html");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_published(&link, b"nouveau").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "nouveau");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A device is written to, never replaced.
        write_published(Path::new("/dev/null"), b"rien").unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    }

    #[test]
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "ancien").unwrap();
        let files = vec![
            ("a.md".to_string(), "nouveau".to_string()),
            ("sous/dossier/b.md".to_string(), "x".to_string()),
        ];
        let error = write_set(dir.path(), &files).unwrap_err();
        assert_eq!(error.path, dir.path().join("sous/dossier/b.md"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "ancien"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let files = vec![
            ("a.md".to_string(), "nouveau".to_string()),
            ("b.md".to_string(), "b".to_string()),
        ];
        assert_eq!(write_set(dir.path(), &files).unwrap().len(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "nouveau"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn only_old_temporaries_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join(format!("{TEMPORARY_PREFIX}frais"));
        std::fs::write(&fresh, "en cours").unwrap();
        // Dated by this process's clock, as the old one is (the file system's may differ
        // when the tests run with another clock).
        std::fs::File::options()
            .write(true)
            .open(&fresh)
            .unwrap()
            .set_modified(SystemTime::now())
            .unwrap();
        let old = dir.path().join(format!("{TEMPORARY_PREFIX}ancien"));
        std::fs::write(&old, "réponses privées").unwrap();
        let long_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        assert_eq!(sweep_temporaries(dir.path()), 1);
        assert!(fresh.exists());
        assert!(!old.exists());
    }
}
