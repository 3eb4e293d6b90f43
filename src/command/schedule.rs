//! `capgraph schedule`: CPM table, critical path, capability margins.

use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{Format, ScheduleArgs};
use crate::error::{Error, Result};
use crate::render::schedule_json::{write_json, ScheduleJson};
use crate::render::schedule_report::ScheduleReport;
use crate::render::table::Style;

use super::output::emit;
use super::{load_portfolio, load_status, Streams};

/// Runs `schedule`.
pub fn run(args: &ScheduleArgs, streams: &mut Streams) -> Result<()> {
    if args.near_critical < 0 {
        return Err(Error::Usage(
            "--near-critical must be 0 or more days".to_string(),
        ));
    }
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status = args
        .status
        .as_deref()
        .map(|s| load_status(s, &portfolio))
        .transpose()?;
    let options = ScheduleOptions {
        near_critical_days: args.near_critical,
    };
    let schedule = Schedule::compute(&portfolio, status.as_ref(), &options);
    let capabilities = schedule.capabilities(&portfolio);
    let mut text = Vec::new();
    match args.format {
        Format::Json => write_json(
            &ScheduleJson::new(&portfolio, &schedule, &capabilities),
            &mut text,
        ),
        Format::Table | Format::Md => {
            let report = ScheduleReport {
                portfolio: &portfolio,
                schedule: &schedule,
                capabilities: &capabilities,
                as_of: status.as_ref().and_then(|s| s.as_of_date.as_deref()),
                near_critical_days: args.near_critical,
            };
            let style = if args.format == Format::Md {
                Style::Markdown
            } else {
                Style::Plain
            };
            report.write(style, &mut text)
        }
    }
    .expect("writing to memory cannot fail");
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    emit(args.output.output.as_deref(), &inputs, &text, streams)
}
