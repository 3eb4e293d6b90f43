//! Sends a command's text to stdout or, with `-o FILE`, into a file written
//! whole or not at all (temporary name, then rename), never over an input.

use std::fs;
use std::io::Write;
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
    match target {
        Some(path) => {
            refuse_inputs(path, inputs)?;
            write_atomically(path, bytes)
        }
        None => match streams
            .stdout
            .write_all(bytes)
            .and_then(|()| streams.stdout.flush())
        {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(source) => Err(Error::Write {
                path: PathBuf::from("<stdout>"),
                source,
            }),
        },
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
    let error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let directory = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(".{name}.capgraph-{}.tmp", std::process::id()));
    let result = fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temporary, path));
    if let Err(source) = result {
        let _ = fs::remove_file(&temporary);
        return Err(error(source));
    }
    Ok(())
}
