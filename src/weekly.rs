//! The Monday job (SPEC §8): three schedules (baseline, this week, last
//! week), the briefing built from them, and its files written into a folder
//! — each file whole or not at all, never over an input.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analysis::briefing::{Briefing, BriefingOptions};
use crate::analysis::briefing_money::MoneyBriefing;
use crate::command::output::write_atomically;
use crate::error::{Error, Result};
use crate::model::{Portfolio, Status};
use crate::render::briefing::{briefing_document, BriefingFigures};
use crate::render::briefing_json::WeeklyJson;
use crate::render::document_html::write_html;
use crate::render::document_markdown::write_markdown;
use crate::render::schedule_json::write_json;

/// One file of the briefing, ready to write.
pub struct BriefingFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Everything the weekly job needs, already loaded and validated.
pub struct WeeklyInputs<'a> {
    pub portfolio: &'a Portfolio,
    pub status: &'a Status,
    pub previous: Option<&'a Status>,
    pub options: BriefingOptions,
}

/// Diagrams to put beside the briefing: the files, and the figures that
/// show them in the documents.
pub struct Diagrams {
    pub files: Vec<BriefingFile>,
    pub figures: Option<BriefingFigures>,
}

/// Builds every file of the briefing in memory.
pub fn build_briefing(
    inputs: &WeeklyInputs,
    diagrams: impl FnOnce(&Briefing) -> Diagrams,
) -> Vec<BriefingFile> {
    let briefing = Briefing::compute(
        inputs.portfolio,
        inputs.status,
        inputs.previous,
        &inputs.options,
    );
    let money = MoneyBriefing::compute(
        inputs.portfolio,
        &briefing.impact.baseline,
        &briefing.impact.updated,
        inputs.status,
    );
    let diagrams = diagrams(&briefing);
    let diagram_names: Vec<String> = diagrams.files.iter().map(|f| f.name.clone()).collect();
    let document = briefing_document(
        inputs.portfolio,
        inputs.status,
        inputs.previous,
        &briefing,
        money.as_ref().map(|m| (m, None)),
        diagrams.figures,
    );
    let mut markdown = Vec::new();
    let mut html = Vec::new();
    let mut json = Vec::new();
    write_markdown(&document, &mut markdown).expect("writing to memory cannot fail");
    write_html(&document, &mut html).expect("writing to memory cannot fail");
    let summary = WeeklyJson::new(
        inputs.portfolio,
        inputs.status,
        inputs.previous,
        &briefing,
        money.as_ref(),
        diagram_names,
    );
    write_json(&summary, &mut json).expect("writing to memory cannot fail");
    let mut files = vec![
        BriefingFile {
            name: "briefing.md".to_string(),
            bytes: markdown,
        },
        BriefingFile {
            name: "briefing.html".to_string(),
            bytes: html,
        },
        BriefingFile {
            name: "summary.json".to_string(),
            bytes: json,
        },
    ];
    files.extend(diagrams.files);
    files
}

/// Creates `directory` if missing and writes each file into it atomically.
/// Refuses a directory that is one of the input files.
pub fn write_briefing(
    directory: &Path,
    inputs: &[&Path],
    files: &[BriefingFile],
) -> Result<Vec<PathBuf>> {
    for input in inputs {
        let same = match (fs::canonicalize(directory), fs::canonicalize(input)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
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
    fs::create_dir_all(directory).map_err(|source| Error::Write {
        path: directory.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for file in files {
        let path = directory.join(&file.name);
        if inputs.iter().any(|input| same_file(input, &path)) {
            return Err(Error::Usage(format!(
                "refusing to overwrite {}: it is an input file",
                path.display()
            )));
        }
        write_atomically(&path, &file.bytes)?;
        written.push(path);
    }
    Ok(written)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A phase line for long runs (`capgraph: scheduling… 0.4 s`).
pub fn phase(stderr: &mut dyn Write, enabled: bool, text: &str, started: std::time::Instant) {
    if enabled {
        let _ = writeln!(
            stderr,
            "capgraph weekly: {text} ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
}
