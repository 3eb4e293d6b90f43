//! `capgraph schedule`: CPM table, critical path, capability margins.

use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{Format, ScheduleArgs};
use crate::error::{Error, Result};
use crate::render::json::schedule::write_schedule;
use crate::render::text::schedule::ScheduleReport;
use crate::render::text::table::Style;

use super::output::emit_with;
use super::{basis, load_optional_status, load_portfolio, Streams};

/// Runs `schedule`.
pub fn run(args: &ScheduleArgs, streams: &mut Streams) -> Result<()> {
    if args.near_critical < 0 {
        return Err(Error::Usage(
            "--near-critical must be 0 or more days".to_string(),
        ));
    }
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status = load_optional_status(args.status.as_deref(), &portfolio)?;
    let options = ScheduleOptions {
        near_critical_days: args.near_critical,
    };
    let schedule = Schedule::compute(basis(&portfolio, status.as_ref()), &options);
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    if args.format == Format::Json {
        // Streamed: a large schedule's JSON is never held whole in memory.
        return emit_with(args.output.output.as_deref(), &inputs, streams, |out| {
            write_schedule(&schedule, out)
        });
    }
    let report = ScheduleReport::new(
        &schedule,
        status.as_ref().and_then(|s| s.as_of_date.as_deref()),
        args.near_critical,
    );
    let style = if args.format == Format::Md {
        Style::Markdown
    } else {
        Style::Plain
    };
    // Streamed as well: the project table of a large portfolio is megabytes.
    emit_with(args.output.output.as_deref(), &inputs, streams, |out| {
        report.write(style, out)
    })
}
