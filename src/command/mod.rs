//! One runner per subcommand: load the inputs, run the analyses, hand the
//! results to a renderer, and send the text where the user asked.
//!
//! Runners write only to the [`Streams`] they are given; `main.rs` owns the
//! process (arguments, real stdout/stderr, exit code).

pub mod briefing_folder;
pub mod check;
pub mod interruption;
pub mod output;

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::Path;

use petgraph::graph::NodeIndex;

use crate::analysis::options::OptionSpec;
use crate::cli::ScenarioArgs;
use crate::error::{Error, InvalidFile, Result};
use crate::model::{self, Basis, Checked, Portfolio, Problem, Status, Weeks};

/// The output streams a command may write to.
pub struct Streams<'a> {
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stderr is a terminal (progress is shown only then).
    pub stderr_is_terminal: bool,
}

/// Loads a valid portfolio, or fails with every problem; warnings are
/// summarised on stderr (`capgraph check` lists them).
///
/// The portfolio is never dropped: a command is the process's one piece of
/// work, and the operating system frees its memory at once when the process
/// ends, instead of 100 000s of nodes being freed one by one.
pub fn load_portfolio(path: &Path, streams: &mut Streams) -> Result<ManuallyDrop<Portfolio>> {
    let checked = model::load_portfolio(path);
    let warnings = checked.warning_count();
    match checked.value {
        Some(portfolio) => {
            if warnings > 0 {
                let _ = writeln!(
                    streams.stderr,
                    "capgraph: {} has {warnings} warning{}; `capgraph check {}` lists them",
                    path.display(),
                    if warnings == 1 { "" } else { "s" },
                    path.display()
                );
            }
            Ok(ManuallyDrop::new(portfolio))
        }
        None => Err(Error::invalid(path.display().to_string(), checked.problems)),
    }
}

/// Loads a valid status file for `portfolio`, or fails with every problem.
pub fn load_status<'p>(path: &Path, portfolio: &'p Portfolio) -> Result<Status<'p>> {
    valid_status(model::load_status(path, portfolio), path)
}

/// The status of `path` when valid, else an error with all its problems.
pub fn valid_status<T>(checked: Checked<T>, path: &Path) -> Result<T> {
    checked
        .value
        .ok_or_else(|| Error::invalid(path.display().to_string(), checked.problems))
}

/// This week (`--status`) and, with `--from` / `--previous`, last week,
/// read into one `Weeks`. When this week's file is invalid, last week's is read as well,
/// so that one run reports every problem of both files (last week's first).
pub fn read_weeks<'p>(
    portfolio: &'p Portfolio,
    this_week: &Path,
    last_week: Option<&Path>,
) -> Result<Weeks<'p>> {
    let checked = model::load_status(this_week, portfolio);
    let Some(status) = checked.value else {
        let mut files = Vec::new();
        if let Some(path) = last_week {
            let last = model::load_status(path, portfolio);
            if last.value.is_none() {
                files.push(invalid_file(path, last.problems));
            }
        }
        files.push(invalid_file(this_week, checked.problems));
        return Err(Error::Invalid { files });
    };
    let mut weeks = Weeks::new(status);
    if let Some(path) = last_week {
        valid_status(weeks.load_last_week(path), path)?;
    }
    Ok(weeks)
}

/// The invalid file `path` with its problems.
fn invalid_file(path: &Path, problems: Vec<Problem>) -> InvalidFile {
    InvalidFile {
        file: path.display().to_string(),
        problems,
    }
}

/// Loads the `--status FILE` if one is given.
pub fn load_optional_status<'p>(
    path: Option<&Path>,
    portfolio: &'p Portfolio,
) -> Result<Option<Status<'p>>> {
    path.map(|p| load_status(p, portfolio)).transpose()
}

/// Parses `--delay ID=DAYS` options: malformed text is wrong usage (exit 2),
/// an unknown id is invalid input (exit 1), the same id twice is wrong usage.
pub fn parse_delays(options: &[String], portfolio: &Portfolio) -> Result<Vec<(String, i64)>> {
    let delays = parse_id_days("--delay", options.iter().map(String::as_str), portfolio)?;
    Ok(by_id(portfolio, delays, false))
}

/// The delays of `parse_id_days` as ids, sorted by id or in the order given.
fn by_id(
    portfolio: &Portfolio,
    mut delays: Vec<(NodeIndex, i64)>,
    sort: bool,
) -> Vec<(String, i64)> {
    if sort {
        delays.sort_by_key(|(n, _)| portfolio.id_rank(*n));
    }
    delays
        .into_iter()
        .map(|(n, days)| (portfolio.id(n).to_string(), days))
        .collect()
}

/// Parses `--option "NAME: ID=DAYS, ID=DAYS"` (SPEC §4): a non-empty name,
/// then one or more delays as `--delay` takes them; the delays by id.
pub fn parse_option(text: &str, portfolio: &Portfolio) -> Result<OptionSpec> {
    let usage = |why: &str| {
        Error::Usage(format!(
            "--option {text:?}: {why}; write it as \"NAME: ID=DAYS, ID=DAYS\", e.g. --option \"faster crypto: P-CYB-002=-30\""
        ))
    };
    let (name, delays) = text
        .split_once(':')
        .ok_or_else(|| usage("no ':' after the name"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(usage("the name is empty"));
    }
    let items: Vec<&str> = delays.split(',').map(str::trim).collect();
    if items.iter().any(|i| i.is_empty()) {
        return Err(usage("a delay is missing"));
    }
    let flag = format!("--option {name:?}:");
    let delays = parse_id_days(&flag, items.into_iter(), portfolio)?;
    Ok(OptionSpec {
        name: name.to_string(),
        delays: by_id(portfolio, delays, true),
    })
}

/// Parses `ID=DAYS` items given to `flag`.
fn parse_id_days<'a>(
    flag: &str,
    items: impl Iterator<Item = &'a str>,
    portfolio: &Portfolio,
) -> Result<Vec<(NodeIndex, i64)>> {
    let mut delays: Vec<(NodeIndex, i64)> = Vec::new();
    for option in items {
        let Some((id, days)) = option.rsplit_once('=') else {
            return Err(Error::Usage(format!(
                "{flag} {option}: expected ID=DAYS, e.g. P-COM-004=42"
            )));
        };
        let max = model::reader::MAX_DAY_COUNT;
        let days: i64 = days
            .trim()
            .parse()
            .ok()
            .filter(|d: &i64| (-max..=max).contains(d))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{flag} {option}: \"{days}\" is not a whole number of days within ±{max}"
                ))
            })?;
        let node = portfolio.lookup(id).ok_or_else(|| Error::Input {
            message: format!("{flag} {option}: \"{id}\" is not a project, component or capability of the portfolio"),
            hint: portfolio.suggest(id),
        })?;
        if delays.iter().any(|(n, _)| *n == node) {
            return Err(Error::Usage(format!(
                "{flag} names \"{id}\" twice; give one delay per id"
            )));
        }
        delays.push((node, days));
    }
    Ok(delays)
}

/// The scenario of `--status FILE` or `--delay ID=DAYS ...`, or `None` when
/// neither is given. Both at once is wrong usage (SPEC §7).
pub fn load_scenario<'p>(
    args: &ScenarioArgs,
    portfolio: &'p Portfolio,
) -> Result<Option<Status<'p>>> {
    match (&args.status, args.delay.is_empty()) {
        (Some(_), false) => Err(Error::Usage(
            "give either --status or --delay, not both".to_string(),
        )),
        (Some(path), true) => load_status(path, portfolio).map(Some),
        (None, false) => {
            let delays = parse_delays(&args.delay, portfolio)?;
            Status::from_delays(portfolio, &delays).map(Some)
        }
        (None, true) => Ok(None),
    }
}

/// What a command's schedule is computed on: the status (or `--delay`s) when
/// given, which brings its own portfolio, else `portfolio` as planned.
pub fn basis<'s, 'p>(portfolio: &'p Portfolio, status: Option<&'s Status<'p>>) -> Basis<'s, 'p> {
    status.map_or(Basis::Baseline(portfolio), Basis::Status)
}
pub mod common;
pub mod diagram;
pub mod drawing;
pub mod export;
pub mod funding;
pub mod generate;
pub mod impact;
pub mod import;
pub mod import_register;
pub mod options;
pub mod path;
pub mod rank;
pub mod risk;
pub mod schedule;
pub mod screen;
pub mod trend;
pub mod weekly;
