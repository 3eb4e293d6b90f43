//! Sends a command's text to stdout or, with `-o FILE`, into a file written
//! whole or not at all (temporary name, then rename), never over an input.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::inert::InertWriter;

use super::interruption::{self, PendingPath};
use super::Streams;

/// Writes text `bytes` to `target` if given (refusing to overwrite any of
/// `inputs`), else to stdout, control characters made inert
/// ([`InertWriter`]). A closed stdout (`| head`) is not an error.
pub fn emit(
    target: Option<&Path>,
    inputs: &[&Path],
    bytes: &[u8],
    streams: &mut Streams,
) -> Result<()> {
    emit_with(target, inputs, streams, |out| out.write_all(bytes))
}

/// [`emit`] for bytes that are not text (an image): passed on unchanged.
pub fn emit_binary(
    target: Option<&Path>,
    inputs: &[&Path],
    bytes: &[u8],
    streams: &mut Streams,
) -> Result<()> {
    send(target, inputs, streams, |out| out.write_all(bytes))
}

/// Like [`emit`], for text that `write` produces piece by piece, straight
/// into the destination (buffered), so that a large output is never held
/// whole in memory.
pub fn emit_with(
    target: Option<&Path>,
    inputs: &[&Path],
    streams: &mut Streams,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    send(target, inputs, streams, |out| {
        // Small pieces (a JSON value, a line) are gathered before the
        // inert check, which is fast on long runs of plain text.
        let mut inert = BufWriter::with_capacity(1 << 16, InertWriter::new(out));
        write(&mut inert)?;
        inert.flush()
    })
}

/// Sends what `write` produces, unchanged, to `target` or stdout.
fn send(
    target: Option<&Path>,
    inputs: &[&Path],
    streams: &mut Streams,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match target {
        Some(path) => {
            refuse_inputs(path, inputs)?;
            write_atomically_with(path, write)
        }
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, &mut *streams.stdout);
            match write(&mut out).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(source) => Err(Error::Write {
                    path: PathBuf::from("<stdout>"),
                    source,
                }),
            }
        }
    }
}

/// Wrong usage when `target` is one of the input files.
pub fn refuse_inputs(target: &Path, inputs: &[&Path]) -> Result<()> {
    for input in inputs {
        if same_file(target, input) || target == *input {
            return Err(Error::Usage(format!(
                "refusing to write to {}: it is an input file",
                target.display()
            )));
        }
    }
    Ok(())
}

/// Whether `a` and `b` name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to `path` whole or not at all (see [`write_atomically_with`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// Writes what `write` produces to `path`, so that a reader never sees half a
/// file: into a temporary file beside it, renamed over it at the end. Only a
/// regular file (or a new name) is replaced that way; a device or a pipe
/// (`-o /dev/null`, `-o >(gzip)`) is written straight, never replaced.
/// The temporary file is removed on failure and on interruption; leftovers
/// of a killed run beside `path` are swept first.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(error)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        return write(&mut out).and_then(|()| out.flush()).map_err(error);
    }
    let directory = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = temporary_prefix(path);
    sweep_leftovers(&directory, &prefix);
    // A replaced file keeps its permissions; a new one gets the usual
    // rw-rw-rw- less the umask (a temporary file alone would be rw-------).
    let permissions = fs::metadata(path)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| fs::Permissions::from_mode(0o666));
    let temporary = tempfile::Builder::new()
        .prefix(&format!("{prefix}{}-", std::process::id()))
        .suffix(".tmp")
        .permissions(permissions)
        .tempfile_in(&directory)
        .map_err(error)?;
    let _pending = PendingPath::new(temporary.path());
    let mut out = BufWriter::with_capacity(1 << 16, temporary);
    write(&mut out).map_err(error)?;
    let temporary = out.into_inner().map_err(|e| error(e.into_error()))?;
    temporary.as_file().sync_all().map_err(error)?;
    temporary.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}

/// The start of the temporary names used for `path`: `.NAME.capgraph-`,
/// followed by the writer's process id.
fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.capgraph-")
}

/// Removes temporary files of `prefix` in `directory` whose writer is no
/// longer running (left by a `kill -9`).
pub fn sweep_leftovers(directory: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let pid = rest
            .split(['-', '.'])
            .next()
            .and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !interruption::is_running(pid)) {
            let path = entry.path();
            let _ = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
}
