//! `capgraph path --to ID`: every ancestor of ID with its float to ID.

use crate::analysis::path::float_to_target;
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{Format, PathArgs};
use crate::error::{Error, Result};
use crate::render::json::schedule::PathJson;
use crate::render::json::write_json;
use crate::render::text::schedule::write_path;
use crate::render::text::table::Style;

use super::output::emit;
use super::{basis, load_optional_status, load_portfolio, Streams};

/// Runs `path`.
pub fn run(args: &PathArgs, streams: &mut Streams) -> Result<()> {
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let target = portfolio.lookup(&args.to).ok_or_else(|| Error::Input {
        message: format!(
            "--to {}: not a project, component or capability of {}",
            args.to,
            args.portfolio.display()
        ),
        hint: portfolio.suggest(&args.to),
    })?;
    let status = load_optional_status(args.status.as_deref(), &portfolio)?;
    let schedule = Schedule::compute(
        basis(&portfolio, status.as_ref()),
        &ScheduleOptions::default(),
    );
    let float = float_to_target(&portfolio, &schedule, target);
    let mut text = Vec::new();
    match args.format {
        Format::Json => write_json(&PathJson::new(&schedule, &float), &mut text),
        Format::Table => write_path(&schedule, &float, Style::Plain, &mut text),
        Format::Md => write_path(&schedule, &float, Style::Markdown, &mut text),
    }
    .expect("writing to memory cannot fail");
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    emit(args.output.output.as_deref(), &inputs, &text, streams)
}
