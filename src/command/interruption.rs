//! Leaves nothing behind when capgraph is interrupted (Ctrl-C, `kill`, a
//! closed terminal): temporary files and staging folders are removed and
//! Graphviz children are killed before the process exits.
//!
//! A `kill -9` cannot be caught; what it leaves is swept by the next write to
//! the same place (see [`super::output`]).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// What to undo on an interruption.
#[derive(Default)]
struct Pending {
    paths: Vec<PathBuf>,
    children: Vec<u32>,
}

static PENDING: Mutex<Pending> = Mutex::new(Pending {
    paths: Vec::new(),
    children: Vec::new(),
});

/// Exit code after an interruption (the shell's 128 + SIGINT).
const INTERRUPTED: i32 = 130;

/// Installs the handler for SIGINT, SIGTERM and SIGHUP; call once, from `main`.
pub fn install() {
    // Failing to install (a handler already set by an embedding program) only
    // loses the clean-up, never a result: ignore it.
    let _ = ctrlc::set_handler(|| {
        let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        for &child in &pending.children {
            let _ = kill(Pid::from_raw(child as i32), Signal::SIGKILL);
        }
        for path in &pending.paths {
            if path.is_dir() {
                let _ = std::fs::remove_dir_all(path);
            } else {
                let _ = std::fs::remove_file(path);
            }
        }
        std::process::exit(INTERRUPTED);
    });
}

/// A temporary file or folder removed on interruption while this lives.
pub struct PendingPath(PathBuf);

impl PendingPath {
    pub fn new(path: &Path) -> PendingPath {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        pending.paths.push(path.to_path_buf());
        PendingPath(path.to_path_buf())
    }
}

impl Drop for PendingPath {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = pending.paths.iter().position(|p| *p == self.0) {
            pending.paths.swap_remove(at);
        }
    }
}

/// A child process killed on interruption while this lives.
pub struct PendingChild(u32);

impl PendingChild {
    /// Starts `command` and registers the child in one step, under the lock
    /// the interruption handler takes: an interruption that comes while the
    /// child starts waits for it, then kills it (registering after the start
    /// would leave a window in which the child could outlive us).
    pub fn spawn(
        command: &mut std::process::Command,
    ) -> std::io::Result<(std::process::Child, PendingChild)> {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        let child = command.spawn()?;
        pending.children.push(child.id());
        let id = child.id();
        Ok((child, PendingChild(id)))
    }
}

impl Drop for PendingChild {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = pending.children.iter().position(|c| *c == self.0) {
            pending.children.swap_remove(at);
        }
    }
}

/// Whether process `pid` is still running (a temporary file named after a
/// dead process is a leftover of a `kill -9`).
pub fn is_running(pid: u32) -> bool {
    i32::try_from(pid).is_ok_and(|pid| kill(Pid::from_raw(pid), None).is_ok())
}
