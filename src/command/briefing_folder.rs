//! Puts the files of a briefing into its folder, whole or not at all, and
//! tells which week a folder already holds.

use std::fs;
use std::path::{Path, PathBuf};

use crate::briefing::{BriefingFile, SUMMARY_FILE};
use crate::error::{Error, Result};

use super::interruption::PendingPath;
use super::output::{same_file, sweep_leftovers, write_atomically};

/// Creates `directory` if missing and puts the files into it so that the
/// briefing is whole or absent: every file is first written into a staging
/// folder beside `directory` (removed if capgraph is interrupted), then the
/// staging folder becomes `directory` (when it did not exist) or each file is
/// renamed into it, `summary.json` last. Refuses a directory that is one of
/// the input files, and never replaces an input file.
pub fn write_briefing(
    directory: &Path,
    inputs: &[&Path],
    files: &[BriefingFile],
) -> Result<Vec<PathBuf>> {
    for input in inputs {
        if same_file(directory, input) {
            return Err(Error::Usage(format!(
                "refusing to write the briefing into {}: it is an input file",
                directory.display()
            )));
        }
    }
    if directory.exists() && !directory.is_dir() {
        return Err(Error::Write {
            path: directory.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "it exists and is not a folder",
            ),
        });
    }
    for file in files {
        let path = directory.join(&file.name);
        if inputs.iter().any(|input| same_file(input, &path)) {
            return Err(Error::Usage(format!(
                "refusing to overwrite {}: it is an input file",
                path.display()
            )));
        }
    }
    let (staging, _pending) = stage(directory, files)?;
    let write_error = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let written = files.iter().map(|f| directory.join(&f.name)).collect();
    if !directory.exists() {
        fs::rename(&staging, directory).map_err(|e| write_error(directory, e))?;
        return Ok(written);
    }
    // The summary names every file of the briefing: moved last, it marks the
    // folder as complete.
    let mut order: Vec<&BriefingFile> = files.iter().collect();
    order.sort_by_key(|f| f.name == SUMMARY_FILE);
    for file in order {
        let target = directory.join(&file.name);
        fs::rename(staging.join(&file.name), &target).map_err(|e| write_error(&target, e))?;
    }
    let _ = fs::remove_dir(&staging);
    Ok(written)
}

/// The `as_of` of the briefing already in `directory`, if there is one.
pub fn briefing_week(directory: &Path) -> Option<String> {
    let text = fs::read_to_string(directory.join(SUMMARY_FILE)).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("as_of")?.as_str().map(str::to_string)
}

/// Writes every file into a new staging folder beside `directory` (hidden,
/// named after it and this process); leftovers of killed runs are swept first.
fn stage(directory: &Path, files: &[BriefingFile]) -> Result<(PathBuf, PendingPath)> {
    let parent = match directory.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = directory
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "briefing".to_string());
    let prefix = format!(".{name}.capgraph-");
    sweep_leftovers(&parent, &prefix);
    let staging = parent.join(format!("{prefix}{}.staging", std::process::id()));
    let pending = PendingPath::new(&staging);
    let write_error = |source| Error::Write {
        path: staging.clone(),
        source,
    };
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(write_error)?;
    }
    fs::create_dir_all(&staging).map_err(write_error)?;
    for file in files {
        if let Err(e) = write_atomically(&staging.join(&file.name), &file.bytes) {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    }
    Ok((staging, pending))
}
