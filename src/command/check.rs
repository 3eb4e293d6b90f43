//! `capgraph check PORTFOLIO [--status FILE]`: validate and list every problem.

use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Result;
use crate::model;
use crate::render::text::problems::{write_json, write_table, FileReport};

use super::output::emit;
use super::Streams;

/// Runs `check`; returns whether every file is valid (warnings allowed).
pub fn run(args: &CheckArgs, streams: &mut Streams) -> Result<bool> {
    let checked = model::load_portfolio(&args.portfolio);
    let mut files = vec![FileReport {
        file: args.portfolio.display().to_string(),
        problems: checked.problems,
        checked: true,
    }];
    if let Some(status_path) = &args.status {
        let problems = match &checked.value {
            Some(portfolio) => model::load_status(status_path, portfolio).problems,
            // A status file can only be checked against a valid portfolio; still
            // report whether it can be read at all.
            None => match model::reader::check_json_object(status_path) {
                Ok(()) => Vec::new(),
                Err(problem) => vec![*problem],
            },
        };
        files.push(FileReport {
            file: status_path.display().to_string(),
            problems,
            checked: checked.value.is_some(),
        });
    }
    let valid = files.iter().all(|f| f.counts().0 == 0);
    let mut text = Vec::new();
    match args.format {
        CheckFormat::Table => write_table(&files, &mut text),
        CheckFormat::Json => write_json(&files, &mut text),
    }
    .expect("writing to memory cannot fail");
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    emit(args.output.output.as_deref(), &inputs, &text, streams)?;
    // Kept until the process exits, as every command's portfolio (see
    // `super::load_portfolio`).
    std::mem::forget(checked.value);
    Ok(valid)
}
