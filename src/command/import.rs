//! `capgraph import p6|msproject FILE -o PORTFOLIO [--status-out FILE]
//! [--project ID]` (SPEC §10): read, map, check that the result is a valid portfolio,
//! schedule it to measure how closely it reproduces the source's dates,
//! write the files (whole, never over the input) and report on stderr.

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
use super::Streams;

/// Runs `import`.
pub fn run(args: &ImportArgs, streams: &mut Streams) -> Result<()> {
    let file = args.file.display().to_string();
    let invalid = |problems: Vec<Problem>| Error::Invalid {
        file: file.clone(),
        problems,
    };
    let inputs = [args.file.as_path()];
    refuse_inputs(&args.output, &inputs)?;
    if let Some(status) = &args.status_out {
        refuse_inputs(status, &inputs)?;
        if status == &args.output {
            return Err(Error::Usage(
                "-o and --status-out name the same file".to_string(),
            ));
        }
    }
    let bytes = fs::read(&args.file).map_err(|e| {
        invalid(vec![Problem::new(
            ProblemCode::Unreadable,
            &file,
            "",
            format!("cannot read the file: {e}"),
        )])
    })?;
    let imported = read_schedule(args, &bytes, &file).map_err(invalid)?;

    let portfolio_json = to_json(&imported.portfolio)?;
    let status_json = to_json(&imported.status)?;
    let output = args.output.display().to_string();
    let checked = model::portfolio_from_str(&portfolio_json, &output);
    let Some(portfolio) = checked.value else {
        return Err(Error::Invalid {
            file: format!("{output} (as imported from {file}, not written)"),
            problems: checked.problems,
        });
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
                return Err(Error::Invalid {
                    file: format!("{status_name} (as imported from {file}, not written)"),
                    problems: checked.problems,
                })
            }
        }
    };
    let schedule = Schedule::compute(&portfolio, status.as_ref(), &ScheduleOptions::default());
    let agreement = fidelity(&portfolio, &schedule, &imported.source_dates);

    write_atomically(&args.output, portfolio_json.as_bytes())?;
    // Without a data date there is no status to write (as_of is required).
    let status_out = args.status_out.as_ref().filter(|_| status.is_some());
    if let Some(path) = status_out {
        write_atomically(path, status_json.as_bytes())?;
    }
    let _ = write_import_summary(&file, &imported.summary, &agreement, streams.stderr);
    let updates = imported.status.updates.len();
    let _ = match (status_out, &args.status_out) {
        (Some(path), _) => writeln!(
            streams.stderr,
            "wrote {} and {} ({updates} updates)",
            args.output.display(),
            path.display()
        ),
        (None, Some(path)) => writeln!(
            streams.stderr,
            "wrote {}; {} not written: the file has no data date (status date) to be its as_of",
            args.output.display(),
            path.display()
        ),
        (None, None) if updates > 0 => writeln!(
            streams.stderr,
            "wrote {}; {updates} status updates (actual dates, remaining days) not written: give --status-out FILE",
            args.output.display()
        ),
        (None, None) => writeln!(streams.stderr, "wrote {}", args.output.display()),
    };
    Ok(())
}

/// Reads the file as the format asked for, into records.
fn read_schedule(
    args: &ImportArgs,
    bytes: &[u8],
    file: &str,
) -> std::result::Result<ScheduleImport, Vec<Problem>> {
    match args.format {
        ImportFormat::P6 => {
            let text = xer::decode(bytes);
            let parsed = xer::parse(&text, file)?;
            let options = P6Options {
                project: args.project.clone(),
            };
            import_p6(&parsed, file, &options)
        }
        ImportFormat::Msproject => {
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

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Error::Write {
        path: Path::new("<memory>").to_path_buf(),
        source: e.into(),
    })?;
    text.push('\n');
    Ok(text)
}
