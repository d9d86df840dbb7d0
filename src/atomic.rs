//! Atomic file writes: a temporary file in the same folder, synced, then renamed over the
//! target, so that a reader never sees a half-written file and a failed write keeps the old one.

use std::io::Write;
use std::path::Path;

/// Writes `content` to `path` atomically.
pub fn write_atomic(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(content)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::write_atomic;

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
}
