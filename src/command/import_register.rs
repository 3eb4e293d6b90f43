//! `capgraph import register FILE.xlsx | FILE.csv … -o PORTFOLIO
//! [--status-out STATUS] [--kind KIND] [--start DATE]` and
//! `capgraph import register --template FILE.xlsx` (SPEC §10): read every
//! sheet, check the records as `check` would, report every problem with its
//! file and cell, and write the files only when the whole register reads.

use std::fs;
use std::path::Path;

use crate::cli::{ImportArgs, RegisterKind};
use crate::error::{Error, Result};
use crate::exchange::register::columns::Kind;
use crate::exchange::register::read::{read_register, ReadOptions, Register};
use crate::exchange::register::summary::write_register_summary;
use crate::exchange::register::table::{read_csv, read_workbook, Table};
use crate::exchange::register::write::write_template;
use crate::model::{self, Problem, ProblemCode};
use crate::render::text::problems::write_problem;

use super::import::{refuse_outputs, report_written, to_json};
use super::output::{emit_binary, write_atomically};
use super::Streams;

/// Runs `import register`.
pub fn run(args: &ImportArgs, streams: &mut Streams) -> Result<()> {
    if let Some(template) = &args.template {
        let bytes = write_template().map_err(|e| Error::Write {
            path: template.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        emit_binary(Some(template), &[], &bytes, streams)?;
        let _ = writeln!(
            streams.stderr,
            "wrote {}: an empty register (headers, a row explaining each column, two example rows per sheet)",
            template.display()
        );
        return Ok(());
    }
    if args.files.is_empty() {
        return Err(Error::Usage(
            "give the register to read (a workbook, or its .csv files), or --template FILE.xlsx"
                .to_string(),
        ));
    }
    let output = args
        .output
        .as_deref()
        .ok_or_else(|| Error::Usage("give the portfolio file to write with -o FILE".to_string()))?;
    if args.kind.is_some() && args.files.len() > 1 {
        return Err(Error::Usage(
            "--kind names the sheet of one .csv file: give one file with it".to_string(),
        ));
    }
    if args.project.is_some() {
        return Err(Error::Usage(
            "--project is for p6 and msproject files".to_string(),
        ));
    }
    let inputs: Vec<&Path> = args.files.iter().map(|p| p.as_path()).collect();
    refuse_outputs(&inputs, output, args.status_out.as_deref())?;
    let first = args.files[0].display().to_string();
    let names: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
    let (tables, other_sheets) = read_tables(args)?;

    let default_name = args.files[0].file_stem().map_or_else(
        || "Register".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let options = ReadOptions {
        start: args.start.clone(),
        default_name,
    };
    let register = read_register(&tables, &options);
    let (portfolio_json, status_json, problems) = check(&register, output, &first)?;

    if problems.iter().any(Problem::is_error) {
        return Err(Error::invalid(
            format!("{} (nothing written)", names.join(", ")),
            problems,
        ));
    }
    write_atomically(output, portfolio_json.as_bytes())?;
    let updates = register.status.as_ref().map_or(0, |s| s.updates.len());
    if let (Some(path), Some(json)) = (&args.status_out, &status_json) {
        write_atomically(path, json.as_bytes())?;
    }
    for problem in &problems {
        let _ = write_problem(problem, streams.stderr);
    }
    let _ = write_register_summary(
        &names.join(", "),
        &register.summary,
        &register.portfolio.portfolio.start,
        &other_sheets,
        streams.stderr,
    );
    report_written(
        output,
        args.status_out.as_deref(),
        status_json.is_some(),
        "the register has no Status sheet",
        updates,
        streams.stderr,
    );
    Ok(())
}

/// The register's records as JSON, and every problem: those of the cells
/// and those `check` finds in the records, placed in the register.
fn check(
    register: &Register,
    output: &Path,
    first: &str,
) -> Result<(String, Option<String>, Vec<Problem>)> {
    let mut problems: Vec<Problem> = register
        .problems
        .iter()
        .cloned()
        .map(|mut p| {
            if p.file.is_empty() {
                p.file = first.to_string();
            }
            p
        })
        .collect();
    let portfolio_json = to_json(&register.portfolio)?;
    let status_json = register.status.as_ref().map(to_json).transpose()?;
    if register.layout_broken {
        return Ok((portfolio_json, status_json, problems));
    }
    let name = output.display().to_string();
    let checked = model::portfolio_from_str(&portfolio_json, &name);
    problems.extend(
        checked
            .problems
            .into_iter()
            .map(|p| register.locator.locate(p)),
    );
    if let (Some(portfolio), Some(json)) = (&checked.value, &status_json) {
        let checked = model::status_from_str(json, portfolio, &name);
        problems.extend(
            checked
                .problems
                .into_iter()
                .map(|p| register.locator.locate(p)),
        );
    }
    Ok((portfolio_json, status_json, problems))
}

/// Every sheet of the inputs: a workbook's register sheets, or one table
/// per CSV file; the names of the workbook sheets not read.
fn read_tables(args: &ImportArgs) -> Result<(Vec<Table>, Vec<String>)> {
    let mut tables = Vec::new();
    let mut other_sheets = Vec::new();
    let mut problems = Vec::new();
    for path in &args.files {
        let file = path.display().to_string();
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(Problem::new(
                    ProblemCode::Unreadable,
                    &file,
                    "",
                    format!("cannot read the file: {e}"),
                ));
                continue;
            }
        };
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "csv" | "txt" => {
                let stem = path
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                let kind = match args.kind {
                    Some(kind) => kind_of(kind),
                    None => Kind::from_name(&stem).ok_or_else(|| {
                        Error::Usage(format!(
                            "cannot tell which sheet {file} holds: name it projects.csv, components.csv, capabilities.csv, status.csv or portfolio.csv, or give --kind"
                        ))
                    })?,
                };
                match read_csv(&bytes, &file, &stem, kind) {
                    Ok(table) => tables.push(table),
                    Err(found) => problems.extend(found),
                }
            }
            _ => match read_workbook(bytes, &file) {
                Ok(workbook) => {
                    if workbook.tables.is_empty() {
                        problems.push(
                            Problem::new(
                                ProblemCode::MissingField,
                                &file,
                                "",
                                format!(
                                    "no sheet of the register (its sheets: {})",
                                    workbook.other_sheets.join(", ")
                                ),
                            )
                            .with_hint(Some(
                                "name the sheets Portfolio, Projects, Components, Capabilities and Status; capgraph import register --template FILE.xlsx writes an example"
                                    .to_string(),
                            )),
                        );
                    }
                    tables.extend(workbook.tables);
                    other_sheets.extend(workbook.other_sheets);
                }
                Err(found) => problems.extend(found),
            },
        }
    }
    if problems.is_empty() {
        Ok((tables, other_sheets))
    } else {
        let names: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
        Err(Error::invalid(
            format!("{} (nothing written)", names.join(", ")),
            problems,
        ))
    }
}

fn kind_of(kind: RegisterKind) -> Kind {
    match kind {
        RegisterKind::Portfolio => Kind::Portfolio,
        RegisterKind::Projects => Kind::Projects,
        RegisterKind::Components => Kind::Components,
        RegisterKind::Capabilities => Kind::Capabilities,
        RegisterKind::Status => Kind::Status,
    }
}
