//! The lock of an organisation: an advisory lock (flock) on `<organisation>/.verrou`, so that
//! two processes never write its answers over each other. A session (the interface, the
//! line mode) holds it while the organisation is open; a command that writes takes it for
//! the time of its read-modify-write. The system releases it when the process ends, even
//! when it is killed.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const LOCK_FILE: &str = ".verrou";

/// How long a short write waits for another short write to finish.
const PATIENCE: Duration = Duration::from_secs(3);

/// The organisation folder this process holds for a session, and its lock file.
static HELD: Mutex<Option<(PathBuf, File)>> = Mutex::new(None);

/// The organisation folders locked for a short write in progress in this process, so that a
/// write nested in another (recording a run checks then saves) does not wait on itself.
static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it.
    Busy,
    Io(std::io::Error),
}

fn open(dir: &Path) -> Result<File, LockError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(dir.join(LOCK_FILE)).map_err(LockError::Io)
}

fn try_take(file: &File) -> Result<(), LockError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => Err(LockError::Busy),
        Err(TryLockError::Error(error)) => Err(LockError::Io(error)),
    }
}

fn holds(dir: &Path) -> bool {
    HELD.lock()
        .map(|held| held.as_ref().is_some_and(|(d, _)| d == dir))
        .unwrap_or(false)
        || WRITING
            .lock()
            .map(|writing| writing.iter().any(|d| d == dir))
            .unwrap_or(false)
}

/// Holds the organisation in `dir` for this process's session, until [`release`] or the end
/// of the process; a session held before (another organisation) is released. `Busy` when
/// another process holds it.
pub fn hold(dir: &Path) -> Result<(), LockError> {
    if holds(dir) {
        return Ok(());
    }
    let file = open(dir)?;
    try_take(&file)?;
    if let Ok(mut held) = HELD.lock() {
        *held = Some((dir.to_path_buf(), file));
    }
    Ok(())
}

/// Releases the session's organisation, if any.
pub fn release() {
    if let Ok(mut held) = HELD.lock() {
        *held = None;
    }
}

/// Releases the session's organisation if it is the one in `dir`.
pub fn release_if(dir: &Path) {
    if holds(dir) {
        release();
    }
}

/// Runs `work` with the organisation in `dir` locked: at once when this process holds it,
/// else after waiting a little for another process's short write. `Busy` when another
/// process still holds it (a session).
pub fn with_lock<T>(dir: &Path, work: impl FnOnce() -> T) -> Result<T, LockError> {
    if holds(dir) {
        return Ok(work());
    }
    let file = open(dir)?;
    let start = Instant::now();
    loop {
        match try_take(&file) {
            Ok(()) => break,
            Err(LockError::Busy) if start.elapsed() < PATIENCE => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(error) => return Err(error),
        }
    }
    if let Ok(mut writing) = WRITING.lock() {
        writing.push(dir.to_path_buf());
    }
    let result = work();
    if let Ok(mut writing) = WRITING.lock()
        && let Some(at) = writing.iter().position(|d| d == dir)
    {
        writing.remove(at);
    }
    drop(file);
    Ok(result)
}
