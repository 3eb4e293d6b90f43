//! Problems found in input files, as text for people or as JSON (`check`).

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Problem, Severity};

/// One line per problem, plus an indented hint line where there is one:
///
/// ```text
/// error[unknown-reference] portfolio.json /projects/1/depends_on/0 "P-CYB-02": "P-COR-004" depends on …
///   hint: did you mean "P-CYB-002"?
/// ```
pub fn write_problem(problem: &Problem, out: &mut dyn Write) -> io::Result<()> {
    let severity = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    write!(
        out,
        "{severity}[{}] {}",
        problem.code.as_str(),
        problem.file
    )?;
    if let (Some(line), Some(column)) = (problem.line, problem.column) {
        write!(out, ":{line}:{column}")?;
    }
    if !problem.path.is_empty() {
        write!(out, " {}", problem.path)?;
    }
    write!(out, ": {}", single_line(&problem.message))?;
    match &problem.id {
        Some(id) if !problem.message.contains(id.as_str()) => {
            writeln!(out, " (in \"{}\")", single_line(id))?
        }
        _ => writeln!(out)?,
    }
    if let Some(hint) = &problem.hint {
        writeln!(out, "  hint: {}", single_line(hint))?;
    }
    Ok(())
}

/// Every problem, errors first, then a summary line per file.
pub fn write_table(files: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in files {
        let mut problems: Vec<&Problem> = report.problems.iter().collect();
        problems.sort_by_key(|p| p.severity);
        for problem in problems {
            write_problem(problem, out)?;
        }
    }
    for report in files {
        let (errors, warnings) = report.counts();
        if !report.checked && errors == 0 {
            writeln!(
                out,
                "{}: not checked — it reads as JSON, but its updates can only be checked \
                 against a valid portfolio: fix the portfolio's errors, then check again",
                report.file
            )?;
            continue;
        }
        let verdict = if errors == 0 { "valid" } else { "INVALID" };
        writeln!(
            out,
            "{}: {verdict} — {errors} error{}, {warnings} warning{}",
            report.file,
            plural(errors),
            plural(warnings)
        )?;
    }
    Ok(())
}

/// The problems of one file.
pub struct FileReport {
    pub file: String,
    pub problems: Vec<Problem>,
    /// Whether the file was checked in full (a status file is only read as
    /// JSON when its portfolio is invalid).
    pub checked: bool,
}

impl FileReport {
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.problems.iter().filter(|p| p.is_error()).count();
        (errors, self.problems.len() - errors)
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    valid: bool,
    files: Vec<JsonFile<'a>>,
    problems: Vec<&'a Problem>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    /// False for a status file whose portfolio is invalid: only read as JSON.
    checked: bool,
    valid: bool,
    errors: usize,
    warnings: usize,
}

/// `{"schema": "capgraph.check/1", "valid": …, "files": […], "problems": […]}`.
pub fn write_json(files: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let report = JsonReport {
        schema: "capgraph.check/1",
        valid: files.iter().all(|f| f.counts().0 == 0),
        files: files
            .iter()
            .map(|f| {
                let (errors, warnings) = f.counts();
                JsonFile {
                    file: &f.file,
                    checked: f.checked,
                    valid: f.checked && errors == 0,
                    errors,
                    warnings,
                }
            })
            .collect(),
        problems: files.iter().flat_map(|f| &f.problems).collect(),
    };
    crate::render::json::write_json(&report, out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Keeps a message on one line whatever the user's ids contain.
fn single_line(text: &str) -> String {
    text.replace('\n', "\\n").replace('\r', "\\r")
}
