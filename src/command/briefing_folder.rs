//! Puts the files of a briefing into its folder, whole or not at all, and
//! tells which week a folder already holds.

use std::fs;
use std::path::{Path, PathBuf};

use crate::briefing::{WeeklyBriefing, SUMMARY_FILE};
use crate::error::{Error, Result};

use super::interruption::PendingPath;
use super::output::{same_file, sweep_leftovers, write_atomically, write_atomically_with};

/// Creates `directory` if missing and puts the files into it so that the
/// briefing is whole or absent: every file is first written into a staging
/// folder beside `directory` (removed if capgraph is interrupted), then the
/// staging folder becomes `directory` (when it did not exist) or each file is
/// renamed into it, `summary.json` last. Refuses a directory that is one of
/// the input files, and never replaces an input file.
pub fn write_briefing(
    directory: &Path,
    inputs: &[&Path],
    weekly: &WeeklyBriefing,
) -> Result<Vec<PathBuf>> {
    // The files in the order they are put in place: the summary, which names
    // every file of the briefing, last, so that it marks the folder complete.
    let mut names: Vec<&str> = weekly.files.iter().map(|f| f.name.as_str()).collect();
    names.push(SUMMARY_FILE);
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
    for name in &names {
        let path = directory.join(name);
        if inputs.iter().any(|input| same_file(input, &path)) {
            return Err(Error::Usage(format!(
                "refusing to overwrite {}: it is an input file",
                path.display()
            )));
        }
    }
    let (staging, _pending) = stage(directory, weekly)?;
    let write_error = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let written = names.iter().map(|name| directory.join(name)).collect();
    if !directory.exists() {
        fs::rename(&staging, directory).map_err(|e| write_error(directory, e))?;
        return Ok(written);
    }
    for name in &names {
        let target = directory.join(name);
        fs::rename(staging.join(name), &target).map_err(|e| write_error(&target, e))?;
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
fn stage(directory: &Path, weekly: &WeeklyBriefing) -> Result<(PathBuf, PendingPath)> {
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
    let written = weekly
        .files
        .iter()
        .try_for_each(|file| write_atomically(&staging.join(&file.name), &file.bytes))
        .and_then(|()| {
            write_atomically_with(&staging.join(SUMMARY_FILE), |out| weekly.write_summary(out))
        });
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    Ok((staging, pending))
}
