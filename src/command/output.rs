//! Sends a command's text to stdout or, with `-o FILE`, into a file written
//! whole or not at all (temporary name, then rename), never over an input.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::Streams;

/// Writes `bytes` to `target` if given (refusing to overwrite any of
/// `inputs`), else to stdout. A closed stdout (`| head`) is not an error.
pub fn emit(
    target: Option<&Path>,
    inputs: &[&Path],
    bytes: &[u8],
    streams: &mut Streams,
) -> Result<()> {
    emit_with(target, inputs, streams, |out| out.write_all(bytes))
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
    let target_real = fs::canonicalize(target).ok();
    for input in inputs {
        let same = match (&target_real, fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => target == *input,
        };
        if same {
            return Err(Error::Usage(format!(
                "refusing to write to {}: it is an input file",
                target.display()
            )));
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`, so a reader never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// [`write_atomically`] for text that `write` produces piece by piece.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let temporary = write_temporary(path, write)?;
    fs::rename(&temporary, path).map_err(|source| {
        let _ = fs::remove_file(&temporary);
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// A file writer: what [`write_files_atomically`] calls for each file.
pub type FileWriter<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + 'a>;

/// Writes several files whole or not at all: every one to a temporary
/// file first, and only when all are written, each renamed into place.
pub fn write_files_atomically(files: Vec<(PathBuf, FileWriter)>) -> Result<()> {
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (path, write) in files {
        match write_temporary(&path, write) {
            Ok(temporary) => written.push((temporary, path)),
            Err(error) => {
                for (temporary, _) in &written {
                    let _ = fs::remove_file(temporary);
                }
                return Err(error);
            }
        }
    }
    for (temporary, path) in &written {
        if let Err(source) = fs::rename(temporary, path) {
            for (temporary, _) in &written {
                let _ = fs::remove_file(temporary);
            }
            return Err(Error::Write {
                path: path.clone(),
                source,
            });
        }
    }
    Ok(())
}

/// Writes what `write` produces into a temporary file beside `path` and
/// returns its name; on failure nothing is left behind.
fn write_temporary(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<PathBuf> {
    let directory = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(".{name}.capgraph-{}.tmp", std::process::id()));
    let result = fs::File::create(&temporary).and_then(|file| {
        let mut out = BufWriter::with_capacity(1 << 16, file);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    match result {
        Ok(()) => Ok(temporary),
        Err(source) => {
            let _ = fs::remove_file(&temporary);
            Err(Error::Write {
                path: path.to_path_buf(),
                source,
            })
        }
    }
}
