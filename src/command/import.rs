//! `capgraph import p6|msproject FILE -o PORTFOLIO [--status-out FILE]
//! [--project ID]` (SPEC §10): read, map, check that the result is a valid portfolio,
//! schedule it to measure how closely it reproduces the source's dates,
//! write the files (whole, never over the input) and report on stderr.
//! `import register` has its runner in [`super::import_register`].

use std::fs;
use std::path::Path;

use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{ImportArgs, ImportFormat};
use crate::error::{Error, Result};
use crate::exchange::import::fidelity::fidelity;
use crate::exchange::import::imported::ScheduleImport;
use crate::exchange::import::msproject::{import_msproject, MsProjectOptions};
use crate::exchange::import::p6::{import_p6, P6Options};
use crate::exchange::import::summary::write_import_summary;
use crate::exchange::import::{mspdi, xer};
use crate::model::{self, Problem, ProblemCode};

use super::output::{refuse_inputs, write_atomically};
use super::{basis, Streams};

/// Runs `import`.
pub fn run(args: &ImportArgs, streams: &mut Streams) -> Result<()> {
    match args.format {
        ImportFormat::P6 => run_schedule(args, Tool::P6, streams),
        ImportFormat::Msproject => run_schedule(args, Tool::MsProject, streams),
        ImportFormat::Register => super::import_register::run(args, streams),
    }
}

/// The scheduling tool whose file `import` reads.
#[derive(Clone, Copy)]
enum Tool {
    P6,
    MsProject,
}

/// The one input file and the output of a schedule import.
fn one_file(args: &ImportArgs) -> Result<(&Path, &Path)> {
    let output = args
        .output
        .as_deref()
        .ok_or_else(|| Error::Usage("give the portfolio file to write with -o FILE".to_string()))?;
    match args.files.as_slice() {
        [file] => Ok((file, output)),
        _ => Err(Error::Usage("give exactly one file to import".to_string())),
    }
}

/// Wrong usage when an output is an input, or both outputs are one file.
pub(super) fn refuse_outputs(
    inputs: &[&Path],
    output: &Path,
    status_out: Option<&Path>,
) -> Result<()> {
    refuse_inputs(output, inputs)?;
    if let Some(status) = status_out {
        refuse_inputs(status, inputs)?;
        if status == output {
            return Err(Error::Usage(
                "-o and --status-out name the same file".to_string(),
            ));
        }
    }
    Ok(())
}

fn run_schedule(args: &ImportArgs, tool: Tool, streams: &mut Streams) -> Result<()> {
    let (input, output_path) = one_file(args)?;
    let file = input.display().to_string();
    let invalid = |problems: Vec<Problem>| Error::invalid(file.clone(), problems);
    refuse_outputs(&[input], output_path, args.status_out.as_deref())?;
    let bytes = fs::read(input).map_err(|e| {
        invalid(vec![Problem::new(
            ProblemCode::Unreadable,
            &file,
            "",
            format!("cannot read the file: {e}"),
        )])
    })?;
    let imported = read_schedule(args, tool, &bytes, &file).map_err(invalid)?;

    let portfolio_json = to_json(&imported.portfolio)?;
    let status_json = to_json(&imported.status)?;
    let output = output_path.display().to_string();
    let checked = model::portfolio_from_str(&portfolio_json, &output);
    let Some(portfolio) = checked.value else {
        return Err(Error::invalid(
            format!("{output} (as imported from {file}, not written)"),
            checked.problems,
        ));
    };
    let status_name = args
        .status_out
        .as_deref()
        .map_or_else(|| "the status".to_string(), |p| p.display().to_string());
    let status = if imported.status.as_of.is_empty() {
        None
    } else {
        let checked = model::status_from_str(&status_json, &portfolio, &status_name);
        match checked.value {
            Some(status) => Some(status),
            None => {
                return Err(Error::invalid(
                    format!("{status_name} (as imported from {file}, not written)"),
                    checked.problems,
                ))
            }
        }
    };
    let schedule = Schedule::compute(
        basis(&portfolio, status.as_ref()),
        &ScheduleOptions::default(),
    );
    let agreement = fidelity(&portfolio, &schedule, &imported.source_dates);

    write_atomically(output_path, portfolio_json.as_bytes())?;
    // Without a data date there is no status to write (as_of is required).
    let status_out = args.status_out.as_deref().filter(|_| status.is_some());
    if let Some(path) = status_out {
        write_atomically(path, status_json.as_bytes())?;
    }
    let _ = write_import_summary(&file, &imported.summary, &agreement, streams.stderr);
    report_written(
        output_path,
        args.status_out.as_deref(),
        status_out.is_some(),
        "the file has no data date (status date) to be its as_of",
        imported.status.updates.len(),
        streams.stderr,
    );
    Ok(())
}

/// Reads the file as the format asked for, into records.
fn read_schedule(
    args: &ImportArgs,
    tool: Tool,
    bytes: &[u8],
    file: &str,
) -> std::result::Result<ScheduleImport, Vec<Problem>> {
    match tool {
        Tool::P6 => {
            let text = xer::decode(bytes);
            let parsed = xer::parse(&text, file)?;
            let options = P6Options {
                project: args.project.clone(),
            };
            import_p6(&parsed, file, &options)
        }
        Tool::MsProject => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                vec![Problem::new(
                    ProblemCode::Unreadable,
                    file,
                    "",
                    format!("not UTF-8 text (MS Project writes its XML in UTF-8): {e}"),
                )]
            })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let project = mspdi::parse(text, file)?;
            let options = MsProjectOptions {
                project: args.project.clone(),
            };
            import_msproject(&project, file, &options)
        }
    }
}

/// The last line of an import: what was written, a status file asked for
/// but not written (and `why_not`), or status updates left unwritten for
/// want of `--status-out`.
pub(super) fn report_written(
    output: &Path,
    status_out: Option<&Path>,
    status_written: bool,
    why_not: &str,
    updates: usize,
    stderr: &mut dyn std::io::Write,
) {
    let _ = match status_out {
        Some(path) if status_written => writeln!(
            stderr,
            "wrote {} and {} ({updates} updates)",
            output.display(),
            path.display()
        ),
        Some(path) => writeln!(
            stderr,
            "wrote {}; {} not written: {why_not}",
            output.display(),
            path.display()
        ),
        None if updates > 0 => writeln!(
            stderr,
            "wrote {}; {updates} status updates (actual dates, remaining days) not written: give --status-out FILE",
            output.display()
        ),
        None => writeln!(stderr, "wrote {}", output.display()),
    };
}

pub(super) fn to_json(value: &impl serde::Serialize) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Error::Write {
        path: Path::new("<memory>").to_path_buf(),
        source: e.into(),
    })?;
    text.push('\n');
    Ok(text)
}
